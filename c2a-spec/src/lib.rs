//! The one typed model of the C2A spec (`openapi/c2a.yaml`), shared by every tool that reads
//! it: the generator, spec-diff, verify and the sandbox's tests. No other crate parses the
//! YAML or reads a vendor extension.
//!
//! - [`load`]: YAML text to a JSON document (key order kept) under size and alias limits,
//!   and the structural OpenAPI parse; every error located.
//! - [`diagnostic`]: located one-line errors ([`Diagnostic`], [`Diagnostics`]).
//! - [`doc_walk`]: read-only walks over the document: operations, parameters (every
//!   declaration, and what a request carries), component schemas, `$ref` resolution, every
//!   schema by position.
//! - [`provenance`]: how far the docs back an element (`x-provenance`); a member listed as
//!   both `sample` and `inferred` is `inferred`.
//! - [`responses`]: the response for an HTTP status: exact code, then range (`4XX`), then
//!   `default`.
//! - [`reachability`]: the component schemas an operation (or every path) reaches through
//!   `$ref` chains.
//! - [`extensions`]: the typed vendor extensions and their registry
//!   ([`extensions::registry`]: key, where it may appear, and its effect on clients).
//! - [`rust_names`]: the Rust names the generated client gives spec names (typify's and
//!   progenitor's spelling, one keyword list), and their collisions.
//! - [`checks`]: the project's rules; a spec they accept yields a client that compiles.
//!
//! [`check`] runs load and checks and hands out a [`CheckedSpec`], the document with its
//! typed extensions.

pub mod checks;
pub mod diagnostic;
pub mod doc_walk;
pub mod extensions;
pub mod load;
pub mod provenance;
pub mod reachability;
pub mod responses;
pub mod rust_names;

use serde_json::Value;

pub use diagnostic::{Diagnostic, Diagnostics};

/// A spec that passed the checks: the document as written and its typed extensions.
#[derive(Clone, Debug)]
pub struct CheckedSpec {
    /// The document as written (not lowered).
    pub doc: Value,
    /// Every vendor extension, parsed once by the checks.
    pub extensions: extensions::Extensions,
}

impl CheckedSpec {
    /// Every operation with its extensions, in document order.
    pub fn operations(
        &self,
    ) -> impl Iterator<Item = (doc_walk::Operation<'_>, &extensions::OperationExtensions)> {
        doc_walk::operations(&self.doc).into_iter().zip(&self.extensions.operations)
    }
}

/// Loads and checks the spec text: the [`CheckedSpec`], or every problem found, each located
/// in `file` (how the spec is named in the messages, e.g. `openapi/c2a.yaml`).
pub fn check(text: &str, file: &str) -> Result<CheckedSpec, Diagnostics> {
    let fail = |items: Vec<Diagnostic>| Diagnostics { file: file.to_owned(), items };
    let doc = load::parse_yaml(text).map_err(|d| fail(vec![d]))?;
    let extensions = checks::run(&doc).map_err(fail)?;
    load::parse_openapi(&doc).map_err(|d| fail(vec![d]))?;
    Ok(CheckedSpec { doc, extensions })
}

/// [`check`] from the file's bytes: input that is not UTF-8 is refused with the byte offset
/// of the first bad byte.
pub fn check_bytes(bytes: &[u8], file: &str) -> Result<CheckedSpec, Diagnostics> {
    let text = load::decode_utf8(bytes).map_err(|d| Diagnostics { file: file.to_owned(), items: vec![d] })?;
    check(text, file)
}
