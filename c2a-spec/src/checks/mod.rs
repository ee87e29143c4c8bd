//! Step 2: rules the spec must satisfy before anything is generated.
//!
//! [`run`] first reads every vendor extension into the typed model
//! ([`crate::extensions::Extensions`], which reports each malformed extension), then applies
//! every rule; each rule lives in its own module, reads the document (and the model) and
//! returns located [`Diagnostic`]s. Every problem is reported at once, so one run of
//! `cargo xtask codegen` shows the whole list. The rules are described in
//! `openapi/CONVENTIONS.md`.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::extensions::Extensions;

pub use envelope::STATUS_SCHEMA;
pub use money::MILPIECES;

mod enums;
mod envelope;
mod field_names;
mod method_names;
mod money;
mod openapi_document;
mod openapi_version;
mod operation_docs;
mod operation_ids;
mod path_params;
mod path_syntax;
mod provenance;
mod refs;
mod required;
mod response_required;
mod type_names;

/// A named rule.
pub struct Rule {
    /// The rule's identifier, shown in brackets after each diagnostic.
    pub name: &'static str,
    /// The check itself.
    pub check: fn(&Value, &Extensions) -> Vec<Diagnostic>,
}

/// Every rule, in the order they report.
pub const RULES: &[Rule] = &[
    Rule { name: openapi_document::RULE, check: openapi_document::check },
    Rule { name: openapi_version::RULE, check: openapi_version::check },
    Rule { name: refs::RULE, check: refs::check },
    Rule { name: operation_ids::RULE, check: operation_ids::check },
    Rule { name: operation_docs::RULE, check: operation_docs::check },
    Rule { name: path_syntax::RULE, check: path_syntax::check },
    Rule { name: path_params::RULE, check: path_params::check },
    Rule { name: envelope::RULE, check: envelope::check },
    Rule { name: required::RULE, check: required::check },
    Rule { name: money::RULE, check: money::check },
    Rule { name: enums::RULE, check: enums::check },
    Rule { name: field_names::RULE, check: field_names::check },
    Rule { name: method_names::RULE, check: method_names::check },
    Rule { name: type_names::RULE, check: type_names::check },
    Rule { name: provenance::RULE, check: provenance::check },
    Rule { name: response_required::RULE, check: response_required::check },
];

/// Reads the extensions and runs every rule: the typed extensions when the spec is
/// acceptable, else every problem found (each reported once).
pub fn run(doc: &Value) -> Result<Extensions, Vec<Diagnostic>> {
    let (extensions, mut problems) = Extensions::read(doc);
    problems.extend(RULES.iter().flat_map(|rule| (rule.check)(doc, &extensions)));
    let mut seen = std::collections::BTreeSet::new();
    problems.retain(|d| seen.insert((d.pointer.clone(), d.rule, d.message.clone())));
    if problems.is_empty() { Ok(extensions) } else { Err(problems) }
}
