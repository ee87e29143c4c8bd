//! A response field that no docs table backs must not fail a whole call by being absent.
//!
//! In every component that a response body reaches (through `$ref`, `allOf`, `items` and
//! `properties`), a property listed under `x-provenance.sample` or `x-provenance.inferred`
//! may not be `required`, unless `x-provenance.kept_required` names the DECISIONS.md entry
//! that argues for it (`kept_required: { trackingNumber: D-22 }`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diagnostic::{Diagnostic, escape_token};
use crate::spec::{SCHEMA_REF_PREFIX, component_schemas, operations, schema_pointer, walk};

pub(super) const RULE: &str = "response-required";

pub(super) fn check(doc: &Value) -> Vec<Diagnostic> {
    let schemas: BTreeMap<&str, &Value> = component_schemas(doc).into_iter().collect();
    let mut out = Vec::new();
    for name in response_components(doc, &schemas) {
        let schema = schemas[name.as_str()];
        let at = schema_pointer(&name);
        let provenance = schema.get("x-provenance");
        let listed = |list: &str| -> BTreeSet<&str> {
            provenance
                .and_then(|p| p.get(list))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect()
        };
        let (sample, inferred) = (listed("sample"), listed("inferred"));
        let kept = provenance.and_then(|p| p.get("kept_required"));
        let kept = match kept.map(Value::as_object) {
            None => None,
            Some(Some(kept)) => Some(kept),
            Some(None) => {
                out.push(Diagnostic::new(
                    format!("{at}/x-provenance/kept_required"),
                    RULE,
                    "`kept_required` must map a field to the DECISIONS.md entry (`D-22`) that keeps it required",
                ));
                None
            }
        };
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (field, entry) in kept.into_iter().flatten() {
            if !required.contains(field.as_str()) {
                out.push(Diagnostic::new(
                    format!("{at}/x-provenance/kept_required/{}", escape_token(field)),
                    RULE,
                    format!("`{field}` is not required in `{name}`; drop it from `kept_required`"),
                ));
            } else if !entry.as_str().is_some_and(is_decision_id) {
                out.push(Diagnostic::new(
                    format!("{at}/x-provenance/kept_required/{}", escape_token(field)),
                    RULE,
                    format!("`{field}` must name a DECISIONS.md entry such as `D-22`, found `{entry}`"),
                ));
            }
        }
        let required = schema.get("required").and_then(Value::as_array).into_iter().flatten();
        for (i, field) in required.enumerate() {
            let Some(field) = field.as_str() else { continue };
            let grade = if sample.contains(field) {
                "sample"
            } else if inferred.contains(field) {
                "inferred"
            } else {
                continue;
            };
            if kept.and_then(|k| k.get(field)).is_none() {
                out.push(Diagnostic::new(
                    format!("{at}/required/{i}"),
                    RULE,
                    format!(
                        "response field `{name}.{field}` is backed only by a {grade} but is required; \
                         make it optional or name the DECISIONS.md entry in `x-provenance.kept_required`"
                    ),
                ));
            }
        }
    }
    out
}

/// Every component reachable from a response body, in name order.
fn response_components(doc: &Value, schemas: &BTreeMap<&str, &Value>) -> BTreeSet<String> {
    let mut todo: Vec<String> = Vec::new();
    for op in operations(doc) {
        for (_, response) in op.responses() {
            walk(response, "", &mut |node, _| collect_ref(node, &mut todo));
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = schemas.get(name.as_str()) {
            walk(schema, "", &mut |node, _| collect_ref(node, &mut todo));
        }
    }
    seen.retain(|name| schemas.contains_key(name.as_str()));
    seen
}

fn collect_ref(node: &Value, todo: &mut Vec<String>) {
    if let Some(name) =
        node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix(SCHEMA_REF_PREFIX))
    {
        todo.push(name.to_owned());
    }
}

/// `D-` followed by digits, as DECISIONS.md numbers its entries.
fn is_decision_id(id: &str) -> bool {
    id.strip_prefix("D-").is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}
