//! Every component says where it comes from, so a reader knows what to trust.
//!
//! `x-provenance.source` grades the schema as a whole; `sample` and `inferred` list the
//! fields (or enum values) that no docs table backs. Every listed name must exist.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::doc_walk::{component_schemas, schema_pointer};
use crate::extensions::Extensions;

pub(super) const RULE: &str = "provenance";

pub(super) fn check(doc: &Value, ext: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (name, schema) in component_schemas(doc) {
        let at = schema_pointer(name);
        if schema.get("description").and_then(Value::as_str).is_none_or(|d| d.trim().is_empty()) {
            out.push(Diagnostic::new(&at, RULE, format!("`{name}` has no `description`")));
        }
        if schema.get("x-provenance").is_none() {
            out.push(Diagnostic::new(&at, RULE, format!("`{name}` has no `x-provenance`")));
            continue;
        }
        // A malformed `x-provenance` is reported by the extension model.
        let Some(provenance) = ext.schema(name).and_then(|s| s.provenance.as_ref()) else { continue };
        let at = format!("{at}/x-provenance");
        let known = names_of(schema);
        let mut listed = BTreeSet::new();
        for (list, entries) in [("sample", &provenance.sample), ("inferred", &provenance.inferred)] {
            for (i, entry) in entries.iter().enumerate() {
                if !known.contains(entry) {
                    out.push(Diagnostic::new(
                        format!("{at}/{list}/{i}"),
                        RULE,
                        format!("`{entry}` is not a property or enum value of `{name}`"),
                    ));
                } else if !listed.insert(entry.clone()) {
                    out.push(Diagnostic::new(
                        format!("{at}/{list}/{i}"),
                        RULE,
                        format!("`{entry}` is listed as both sample and inferred"),
                    ));
                }
            }
        }
    }
    out
}
/// Property names and enum values of a schema.
fn names_of(schema: &Value) -> BTreeSet<String> {
    let props =
        schema.get("properties").and_then(Value::as_object).into_iter().flat_map(|m| m.keys().cloned());
    let values = schema
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()));
    props.chain(values).collect()
}
