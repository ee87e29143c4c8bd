//! The hand-written runtime of the generated C2A client.
//!
//! It knows no operation, no schema and no message code: the generated code (see
//! `generator/src/passes/`) hands it everything the spec says, as plain data and trait
//! impls:
//!
//! - an [`ApiTable`] (`operations::API`): every [`Operation`]'s static facts, the fields the
//!   spec marks sensitive, the schema index, and how to read an envelope's message code;
//! - the [`Code`], [`Status`] and [`Envelope`] impls of its types;
//! - [`GeneratedClient`] and progenitor's `ClientHooks` for its `Client`, whose `exec` hook
//!   calls [`exec`] (retries, the bound on requests in flight, recording);
//! - each builder's `send`, which calls [`call`] (tracing span, decoding, typed errors);
//! - each waiter, an impl of [`waiter::Waiter`].
//!
//! The generated crate names the generic types for its API (`Error`, `Response<T>`,
//! `WaitError`, `ClientBuilder`), so its users never see the type parameters.
//!
//! Modules, one concern each: `config` ([`ClientBuilder`]), `options` (settings and
//! per-call overrides), [`retry`], `decode` (envelope to payload or [`Error`]), [`waiter`],
//! [`money`], [`har`] and the recorder, [`drift`].

mod api;
mod base_url;
mod body;
mod call;
mod config;
mod decode;
pub mod drift;
mod envelope;
mod error;
mod generated_client;
pub mod har;
mod hooks;
pub mod money;
mod operation;
mod options;
mod path;
mod record;
mod response;
pub mod retry;
mod spec_index;
pub mod waiter;

pub use api::ApiTable;
pub use call::call;
pub use config::{ApiKey, ClientBuilder, ConfigError, Environment};
/// The success and error decoding of [`call`] on a complete body, for the generated
/// `operations::decode` and benchmarks only.
#[doc(hidden)]
pub use decode::decode_body;
pub use envelope::{CallResult, Code, CodeOf, Envelope, Status, message_code_of};
pub use error::Error;
pub use generated_client::{ClientParts, GeneratedClient};
pub use har::SourceKind;
pub use hooks::exec;
pub use operation::{Idempotency, Operation};
pub use options::{
    CallOptions, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_TIMEOUT,
    DEFAULT_TOTAL_TIMEOUT, RuntimeConfig,
};
pub use path::encode_path;
/// The error of the raw layer: what `send_raw()` returns when the request cannot be built
/// or sent. `send()` and `send_with_response()` turn it into [`Error`].
pub use progenitor_client::Error as RawError;
pub use record::REDACTED;
pub use response::Response;
pub use retry::RetryPolicy;
pub use spec_index::{FieldInfo, SchemaInfo, SpecLocation};
pub use waiter::WaitError;
