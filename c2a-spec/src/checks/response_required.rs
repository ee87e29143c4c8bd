//! A response field that no docs table backs must not fail a whole call by being absent.
//!
//! In every component that a response body reaches (through `$ref`, `allOf`, `items` and
//! `properties`), a property listed under `x-provenance.sample` or `x-provenance.inferred`
//! may not be `required`, unless `x-provenance.kept_required` names the DECISIONS.md entry
//! that argues for it (`kept_required: { trackingNumber: D-22 }`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diagnostic::{Diagnostic, escape_token};
use crate::doc_walk::{SCHEMA_REF_PREFIX, component_schemas, operations, schema_pointer, walk};
use crate::extensions::{Extensions, Provenance};

pub(super) const RULE: &str = "response-required";

pub(super) fn check(doc: &Value, extensions: &Extensions) -> Vec<Diagnostic> {
    let schemas: BTreeMap<&str, &Value> = component_schemas(doc).into_iter().collect();
    let mut out = Vec::new();
    for name in response_components(doc, &schemas) {
        let Some(provenance) = extensions.schema(&name).and_then(|s| s.provenance.as_ref()) else { continue };
        let at = schema_pointer(&name);
        let required = schemas[name.as_str()].get("required").and_then(Value::as_array);
        let required: Vec<&str> = required.into_iter().flatten().filter_map(Value::as_str).collect();
        for (field, _) in &provenance.kept_required {
            if !required.contains(&field.as_str()) {
                out.push(Diagnostic::new(
                    format!("{at}/x-provenance/kept_required/{}", escape_token(field)),
                    RULE,
                    format!("`{field}` is not required in `{name}`; drop it from `kept_required`"),
                ));
            }
        }
        for (i, field) in required.iter().enumerate() {
            let grade = Provenance::of_field(Some(provenance), field);
            if grade == Provenance::Documented || provenance.kept_required(field).is_some() {
                continue;
            }
            out.push(Diagnostic::new(
                format!("{at}/required/{i}"),
                RULE,
                format!(
                    "response field `{name}.{field}` is backed only by a {} but is required; \
                     make it optional or name the DECISIONS.md entry in `x-provenance.kept_required`",
                    grade.as_str()
                ),
            ));
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
