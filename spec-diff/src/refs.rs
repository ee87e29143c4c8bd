//! `$ref` resolution over a spec document held as a `serde_json::Value`: the generator's
//! helpers (`c2a_spec::doc_walk`), shared, plus the walks only spec-diff needs.

use std::collections::BTreeSet;

use serde_json::Value;

pub use c2a_spec::diagnostic::escape_token;
pub use c2a_spec::doc_walk::{
    SCHEMA_REF_PREFIX, component_schema, follow, resolve, schema_pointer, schema_ref_name,
};

/// Prefix of any local reference to a component (schema, response, parameter, ...).
pub const COMPONENT_REF_PREFIX: &str = "#/components/";

/// Calls `visit` with the `$ref` string of every object in `node`, parents before children.
pub fn for_each_ref<'d>(node: &'d Value, visit: &mut impl FnMut(&'d str)) {
    match node {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                visit(reference);
            }
            for child in map.values() {
                for_each_ref(child, visit);
            }
        }
        Value::Array(items) => {
            for child in items {
                for_each_ref(child, visit);
            }
        }
        _ => {}
    }
}

/// Component schemas that some operation reaches, through any chain of references (also
/// through response, parameter and request body components). Returns the schema names, and
/// the full references of the other components passed through.
pub fn reachable_from_paths(doc: &Value) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&Value> = doc.get("paths").into_iter().collect();
    while let Some(node) = todo.pop() {
        for_each_ref(node, &mut |reference| {
            if let Some(name) = reference.strip_prefix(SCHEMA_REF_PREFIX) {
                if seen.insert(name.to_owned())
                    && let Some(target) = component_schema(doc, name)
                {
                    todo.push(target);
                }
            } else if reference.starts_with(COMPONENT_REF_PREFIX)
                && seen.insert(reference.to_owned())
                && let Some(target) = resolve(doc, reference)
            {
                todo.push(target);
            }
        });
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reachable_schemas_follow_chains_but_not_unreferenced_components() {
        let doc = json!({
            "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/R"}}}}},
            "components": {
                "responses": {"R": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}},
                "schemas": {
                    "A": {"properties": {"b": {"allOf": [{"$ref": "#/components/schemas/B"}]}}},
                    "B": {"type": "string"},
                    "C": {"type": "string"}
                }
            }
        });
        let used = reachable_from_paths(&doc);
        assert!(used.contains("A") && used.contains("B"), "{used:?}");
        assert!(!used.contains("C"), "{used:?}");
    }
}
