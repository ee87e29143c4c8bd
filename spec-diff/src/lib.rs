//! What changed in `openapi/c2a.yaml`, and what it means for clients (`cargo xtask spec-diff`).
//!
//! Two spec documents (a git revision against the working tree, or two files) are compared
//! node by node, following `$ref`s, and every difference becomes a [`Change`] that says
//! whether it breaks a client of the API (on the wire) and what it means for the semver of
//! the generated Rust crate `c2a-client`. One concern per module:
//!
//! - [`model`]: the report: [`Change`], [`ChangeKind`], [`Report`] and their enums.
//! - [`compare`]: walks both documents and records what differs, with no judgement; one
//!   module per scope (document, operations, schemas).
//! - [`classify`]: judges each difference (breaking or not, Rust semver) in one sentence;
//!   one module per scope.
//! - [`refs`]: `$ref` resolution and reachability over a spec document (`c2a_spec`'s).
//! - [`render`]: markdown (a pull-request comment), text or JSON.
//! - [`source`], [`git`]: reading and parsing each side.
//! - [`cli`]: the command line: [`Args`], [`run`] (report and exit status 0/1/2).
//!
//! [`run`] is what the command line runs; tests call it with the same [`Args`].

pub mod classify;
pub mod cli;
pub mod compare;
pub mod git;
pub mod model;
pub mod refs;
pub mod render;
pub mod source;

use serde_json::Value;

pub use cli::{Args, EXIT_BREAKING, EXIT_INVALID_INPUT, Outcome, SPEC_PATH, run};
pub use model::{Change, ChangeKind, Direction, Impact, Report, Scope, ScopeCount, Semver, Summary};
pub use render::Format;
pub use source::{InputError, Source, parse};

/// Parses both sides and compares them.
pub fn diff_sources(old: &Source, new: &Source) -> Result<Report, InputError> {
    let old_doc = parse(old)?;
    let new_doc = parse(new)?;
    Ok(Report::new(&old.label, &new.label, diff_documents(&old_doc, &new_doc)))
}

/// Every change from `old` to `new`, classified and sorted.
pub fn diff_documents(old: &Value, new: &Value) -> Vec<Change> {
    let mut changes: Vec<Change> = compare::compare(old, new).into_iter().map(classify::classify).collect();
    changes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_and_verdict() {
        let old = serde_json::json!({"paths": {"/a": {"get": {"operationId": "a", "responses": {}}}}});
        let new = serde_json::json!({"paths": {"/b": {"get": {"operationId": "b", "responses": {}}}}});
        let report = Report::new("old", "new", diff_documents(&old, &new));
        assert_eq!((report.summary.total, report.summary.breaking, report.summary.non_breaking), (2, 1, 1));
        assert_eq!(report.semver(), Semver::Major);
        assert_eq!(report.changes[0].kind, ChangeKind::OperationRemoved, "breaking first");
        let empty = Report::new("old", "new", Vec::new());
        assert_eq!(empty.semver(), Semver::None);
    }
}
