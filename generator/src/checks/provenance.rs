//! Every component says where it comes from, so a reader knows what to trust.
//!
//! `x-provenance.source` grades the schema as a whole; `sample` and `inferred` list the
//! fields (or enum values) that no docs table backs. Every listed name must exist.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::spec::{component_schemas, schema_pointer};

use super::message_codes::PROVENANCES;

pub(super) const RULE: &str = "provenance";

pub(super) fn check(doc: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (name, schema) in component_schemas(doc) {
        let at = schema_pointer(name);
        if schema.get("description").and_then(Value::as_str).is_none_or(|d| d.trim().is_empty()) {
            out.push(Diagnostic::new(&at, RULE, format!("`{name}` has no `description`")));
        }
        let Some(provenance) = schema.get("x-provenance") else {
            out.push(Diagnostic::new(&at, RULE, format!("`{name}` has no `x-provenance`")));
            continue;
        };
        let at = format!("{at}/x-provenance");
        let source = provenance.get("source").and_then(Value::as_str).unwrap_or("");
        if !PROVENANCES.contains(&source) {
            out.push(Diagnostic::new(
                &at,
                RULE,
                format!("`{name}` needs `source: documented|sample|inferred`, found `{source}`"),
            ));
        }
        let known = names_of(schema);
        let mut listed = BTreeSet::new();
        for list in ["sample", "inferred"] {
            let Some(entries) = provenance.get(list) else { continue };
            let Some(entries) = entries.as_array() else {
                out.push(Diagnostic::new(format!("{at}/{list}"), RULE, format!("`{list}` must be a list")));
                continue;
            };
            for (i, entry) in entries.iter().enumerate() {
                let entry = entry.as_str().map(str::to_owned).unwrap_or_else(|| entry.to_string());
                if !known.contains(&entry) {
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
