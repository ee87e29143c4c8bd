//! Synthetic specs N times the size of `openapi/c2a.yaml`, for the codegen benchmark.
//!
//! Copy `k` (1 to N-1) of the spec clones every operation and every schema under renamed
//! identifiers, consistently, so that the result passes the generator's checks:
//! - paths: `/c2a/customer/store` becomes `/c2a/k{k}/customer/store`;
//! - `operationId`s get `_k{k}` (`store_customer_k3`), and so do the waiter's `name` and
//!   `started_by.operation`; its `outcome` enum and each `x-decision` `name` get `K{k}`;
//! - schema components get `K{k}` (`PurchaseOfferK3`), and every `$ref` inside a copy points
//!   at the same copy's components.
//!
//! The two components the conventions define once for the whole API stay shared and are not
//! cloned: `AzotteStatus` (every envelope's `status` must refer to it by that name) and
//! `Milpieces` (every money field must refer to it by that name). Tags, message codes and
//! security schemes are shared as in the real spec. So an N-times spec has `19 N`
//! operations and `67 N + 2` schemas.

use serde_json::{Map, Value};

/// Components shared by every copy (the checks require them under these names).
pub const SHARED_SCHEMAS: [&str; 2] = [c2a_spec::checks::STATUS_SCHEMA, c2a_spec::checks::MILPIECES];

const SCHEMA_REF: &str = "#/components/schemas/";
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// The spec text `factor` times larger, as YAML.
///
/// # Panics
/// When `spec_text` is not a YAML spec with `paths` and `components.schemas`.
pub fn scaled_spec(spec_text: &str, factor: usize) -> String {
    let doc = c2a_spec::load::parse_yaml(spec_text).expect("the spec is YAML");
    let scaled = scaled_doc(&doc, factor);
    serde_yaml_ng::to_string(&scaled).expect("a JSON document is YAML")
}

/// The document `factor` times larger (copy 0 is the original, unchanged).
///
/// # Panics
/// When `doc` has no `paths` or `components.schemas` object.
pub fn scaled_doc(doc: &Value, factor: usize) -> Value {
    let paths = doc.get("paths").and_then(Value::as_object).expect("paths");
    let schemas = doc.pointer("/components/schemas").and_then(Value::as_object).expect("schemas");
    let mut new_paths = paths.clone();
    let mut new_schemas = schemas.clone();
    for k in 1..factor {
        for (path, item) in paths {
            let mut item = item.clone();
            rename_operations(&mut item, k);
            rewrite_refs(&mut item, k);
            new_paths.insert(copy_path(path, k), item);
        }
        for (name, schema) in schemas.iter().filter(|(name, _)| !SHARED_SCHEMAS.contains(&name.as_str())) {
            let mut schema = schema.clone();
            if let Some(decision) = schema.pointer_mut("/x-decision/name") {
                suffix(decision, &pascal(k));
            }
            rewrite_refs(&mut schema, k);
            new_schemas.insert(copy_schema(name, k), schema);
        }
    }
    let mut out = doc.clone();
    out["paths"] = Value::Object(new_paths);
    out["components"]["schemas"] = Value::Object(new_schemas);
    out
}

/// `/c2a/x` becomes `/c2a/k{k}/x`.
fn copy_path(path: &str, k: usize) -> String {
    match path.strip_prefix("/c2a/") {
        Some(rest) => format!("/c2a/k{k}/{rest}"),
        None => format!("/k{k}{path}"),
    }
}

fn copy_schema(name: &str, k: usize) -> String {
    format!("{name}{}", pascal(k))
}

fn snake(k: usize) -> String {
    format!("_k{k}")
}

fn pascal(k: usize) -> String {
    format!("K{k}")
}

fn suffix(value: &mut Value, tail: &str) {
    if let Some(s) = value.as_str() {
        *value = Value::String(format!("{s}{tail}"));
    }
}

fn rename_operations(item: &mut Value, k: usize) {
    let Some(item) = item.as_object_mut() else { return };
    for method in METHODS {
        let Some(op) = item.get_mut(method) else { continue };
        if let Some(id) = op.get_mut("operationId") {
            suffix(id, &snake(k));
        }
        if let Some(waiter) = op.get_mut("x-waiter") {
            for (pointer, tail) in
                [("/name", snake(k)), ("/outcome", pascal(k)), ("/started_by/operation", snake(k))]
            {
                if let Some(value) = waiter.pointer_mut(pointer) {
                    suffix(value, &tail);
                }
            }
        }
    }
}

/// Points every schema `$ref` under `node` at copy `k`, except the shared components.
fn rewrite_refs(node: &mut Value, k: usize) {
    match node {
        Value::Object(map) => {
            rewrite_ref(map, k);
            map.values_mut().for_each(|v| rewrite_refs(v, k));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite_refs(v, k)),
        _ => {}
    }
}

fn rewrite_ref(map: &mut Map<String, Value>, k: usize) {
    let Some(Value::String(reference)) = map.get_mut("$ref") else { return };
    let Some(rest) = reference.strip_prefix(SCHEMA_REF) else { return };
    let (name, tail) = rest.split_once('/').map_or((rest, ""), |(n, t)| (n, t));
    if SHARED_SCHEMAS.contains(&name) {
        return;
    }
    let tail = if tail.is_empty() { String::new() } else { format!("/{tail}") };
    *reference = format!("{SCHEMA_REF}{}{tail}", copy_schema(name, k));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn copies_rename_ids_paths_components_and_refs_consistently() {
        let doc = json!({
            "paths": {"/c2a/a": {"get": {
                "operationId": "get_a",
                "x-waiter": {"name": "a", "outcome": "AOutcome", "started_by": {"operation": "start_a"}},
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}
            }}},
            "components": {"schemas": {
                "A": {"properties": {"status": {"$ref": "#/components/schemas/AzotteStatus"},
                                     "b": {"allOf": [{"$ref": "#/components/schemas/B"}]}},
                      "x-decision": {"name": "ADecision"}},
                "B": {"type": "string"},
                "AzotteStatus": {"type": "object"},
                "Milpieces": {"type": "integer"}
            }}
        });
        let scaled = scaled_doc(&doc, 3);
        assert_eq!(scaled["paths"].as_object().map(Map::len), Some(3));
        let op = &scaled["paths"]["/c2a/k2/a"]["get"];
        assert_eq!(op["operationId"], "get_a_k2");
        assert_eq!(
            op["x-waiter"],
            json!({"name": "a_k2", "outcome": "AOutcomeK2", "started_by": {"operation": "start_a_k2"}})
        );
        assert_eq!(
            op.pointer("/responses/200/content/application~1json/schema/$ref"),
            Some(&json!("#/components/schemas/AK2"))
        );
        let a2 = &scaled["components"]["schemas"]["AK2"];
        assert_eq!(a2["properties"]["status"]["$ref"], "#/components/schemas/AzotteStatus");
        assert_eq!(a2["properties"]["b"]["allOf"][0]["$ref"], "#/components/schemas/BK2");
        assert_eq!(a2["x-decision"]["name"], "ADecisionK2");
        assert_eq!(scaled["components"]["schemas"].as_object().map(Map::len), Some(2 * 3 + 2));
        assert!(scaled["components"]["schemas"].get("AzotteStatusK1").is_none());
        assert_eq!(scaled["paths"]["/c2a/a"], doc["paths"]["/c2a/a"], "copy 0 is the original");
    }
}
