//! Step 2: rules the spec must satisfy before anything is generated.
//!
//! Each rule lives in its own module, reads the raw document and returns located
//! [`Diagnostic`]s. [`run`] applies all of them and reports every problem at once, so one
//! run of `cargo xtask codegen` shows the whole list. The rules are described in
//! `openapi/CONVENTIONS.md`.

use serde_json::Value;

use crate::diagnostic::Diagnostic;

pub use envelope::{ENVELOPES, STATUS_SCHEMA};
pub use money::MILPIECES;

mod enums;
mod envelope;
mod message_codes;
mod money;
mod openapi_version;
mod operation_docs;
mod operation_ids;
mod provenance;
mod refs;
mod response_required;

/// A named rule.
pub struct Rule {
    /// The rule's identifier, shown in brackets after each diagnostic.
    pub name: &'static str,
    /// The check itself.
    pub check: fn(&Value) -> Vec<Diagnostic>,
}

/// Every rule, in the order they report.
pub const RULES: &[Rule] = &[
    Rule { name: openapi_version::RULE, check: openapi_version::check },
    Rule { name: refs::RULE, check: refs::check },
    Rule { name: operation_ids::RULE, check: operation_ids::check },
    Rule { name: operation_docs::RULE, check: operation_docs::check },
    Rule { name: message_codes::RULE, check: message_codes::check },
    Rule { name: envelope::RULE, check: envelope::check },
    Rule { name: money::RULE, check: money::check },
    Rule { name: enums::RULE, check: enums::check },
    Rule { name: provenance::RULE, check: provenance::check },
    Rule { name: response_required::RULE, check: response_required::check },
];

/// Runs every rule and returns all problems found (empty when the spec is acceptable).
pub fn run(doc: &Value) -> Vec<Diagnostic> {
    RULES.iter().flat_map(|rule| (rule.check)(doc)).collect()
}
