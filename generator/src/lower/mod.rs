//! Step 3: adapt the truthful spec to what progenitor 0.15 can take.
//!
//! The hand-maintained spec says what the API really does; progenitor understands less.
//! Each transform here rewrites a copy of the document and records what it changed in
//! [`LoweringNotes`], so that post-processing passes (and the runtime) can put the truth back:
//!
//! - [`media_types`]: vendor `+json` response types (`application/clientOutput+Json`) become
//!   `application/json`, which progenitor types; the original goes into the `Accept` header.
//! - [`auth_headers`]: header parameters that duplicate an `apiKey` security scheme are
//!   dropped, so the credentials are client configuration, not per-call arguments.
//! - [`responses`]: error responses without a body (401, "no envelope") are left to the
//!   runtime; a `default` response next to explicit 2xx ones becomes `4XX` and `5XX`; then
//!   each operation must have at most one success and one error schema.
//! - [`message_codes`]: every code in `x-message-codes` goes into one `MessageCode` enum
//!   component, which `AzotteStatus.messageCode` then refers to.
//!
//! ARCHITECTURE.md lists the same transforms; the original spec is never modified.

use std::collections::BTreeMap;

use serde_json::Value;

use c2a_spec::diagnostic::Diagnostic;
use c2a_spec::extensions::Extensions;

pub mod auth_headers;
pub mod media_types;
pub mod message_codes;
pub mod responses;

/// What lowering changed, keyed by operationId where it is per operation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoweringNotes {
    /// The real response media type of each operation whose type was lowered to
    /// `application/json`.
    pub vendor_media_types: BTreeMap<String, String>,
    /// Header names that carry credentials (from `apiKey` security schemes), lower case.
    pub credential_headers: Vec<String>,
    /// Each message code with its distinct meanings, as `(operationId, meaning)`.
    pub message_codes: BTreeMap<String, Vec<(String, String)>>,
}

/// The lowered document and what was changed to get it.
#[derive(Clone, Debug)]
pub struct Lowered {
    /// The document progenitor will read.
    pub doc: Value,
    /// What the transforms changed.
    pub notes: LoweringNotes,
}

/// Applies every transform to a copy of `doc`.
pub fn lower(doc: &Value, extensions: &Extensions) -> Result<Lowered, Vec<Diagnostic>> {
    let mut lowered = doc.clone();
    let mut notes = LoweringNotes::default();
    let mut problems = Vec::new();
    responses::inline_response_refs(&mut lowered);
    problems.extend(media_types::lower(&mut lowered, &mut notes));
    auth_headers::lower(&mut lowered, &mut notes);
    problems.extend(responses::lower(&mut lowered));
    message_codes::lower(&mut lowered, extensions, &mut notes);
    if problems.is_empty() { Ok(Lowered { doc: lowered, notes }) } else { Err(problems) }
}

/// Calls `f(operation id, pointer, operation)` for every operation of a mutable document.
pub(crate) fn for_each_operation_mut(doc: &mut Value, mut f: impl FnMut(&str, String, &mut Value)) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else { return };
    for (path, item) in paths.iter_mut() {
        for method in c2a_spec::doc_walk::METHODS {
            if let Some(op) = item.get_mut(method) {
                let id = op.get("operationId").and_then(Value::as_str).unwrap_or("").to_owned();
                let pointer = format!("/paths/{}/{method}", c2a_spec::diagnostic::escape_token(path));
                f(&id, pointer, op);
            }
        }
    }
}
