//! The hand-written runtime the generated client calls into.
//!
//! The generated code (see `generator/src/passes/`) turns each builder's `send` into a call
//! of [`call`] with the operation's static facts from `generated::operations` and its
//! response type, which implements [`Envelope`]. Retries run inside progenitor's `exec`
//! hook ([`hooks`]); decoding of the envelope and the error classes lives in [`decode`].

mod body;
mod call;
mod decode;
pub mod drift;
mod envelope;
pub mod har;
mod hooks;
mod operation;
mod path;
pub(crate) mod record;
pub mod retry;
mod spec_index;

pub use call::call;
/// The success and error decoding of [`call`] on a complete body, for benchmarks only.
#[doc(hidden)]
pub use decode::decode_body;
pub use envelope::Envelope;
pub use har::SourceKind;
pub use operation::{Idempotency, Operation};
pub use path::encode_path;
pub use record::REDACTED;
pub use spec_index::{FieldInfo, SchemaInfo, SpecLocation};
