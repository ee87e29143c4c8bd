//! `$ref` resolution over a spec document held as a `serde_json::Value`.
//!
//! Self-contained (it depends on `serde_json` only) so that it can move to a crate the
//! generator shares: the generator has the same helpers in `generator::spec`
//! (`SCHEMA_REF_PREFIX`, `schema_pointer`, `schema_ref_name`, `resolve`, `walk`) and
//! `generator::diagnostic::escape_token`, and follows one level of `$ref` by hand in
//! `checks/envelope.rs`, `lower/auth_headers.rs` and `lower/responses.rs` (see [`follow`]).

use std::collections::BTreeSet;

use serde_json::Value;

/// Prefix of a local reference to a component schema.
pub const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// Prefix of any local reference to a component (schema, response, parameter, ...).
pub const COMPONENT_REF_PREFIX: &str = "#/components/";

/// How many references [`follow`] goes through before it stops (a cycle guard).
pub const MAX_REF_CHAIN: usize = 8;

/// Escapes one reference token of a JSON pointer (RFC 6901): `~` as `~0`, `/` as `~1`.
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// JSON pointer to a component schema.
pub fn schema_pointer(name: &str) -> String {
    format!("/components/schemas/{}", escape_token(name))
}

/// The component schema `name`, if the document has it.
pub fn component_schema<'d>(doc: &'d Value, name: &str) -> Option<&'d Value> {
    doc.pointer(&schema_pointer(name))
}

/// The component a schema stands for: `$ref: '#/components/schemas/X'` or
/// `allOf: [{ $ref: ... }]` (the form that lets a property carry its own description).
pub fn schema_ref_name(schema: &Value) -> Option<&str> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return r.strip_prefix(SCHEMA_REF_PREFIX);
    }
    match schema.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
        Some([only]) => only.get("$ref").and_then(Value::as_str)?.strip_prefix(SCHEMA_REF_PREFIX),
        _ => None,
    }
}

/// Resolves a local reference (`#/...`) to the node it names.
pub fn resolve<'d>(doc: &'d Value, reference: &str) -> Option<&'d Value> {
    doc.pointer(reference.strip_prefix('#')?)
}

/// Follows a chain of local `$ref`s (a parameter, request body or response component) to
/// the node at its end; `node` itself when it is no reference or the reference dangles.
pub fn follow<'d>(doc: &'d Value, node: &'d Value) -> &'d Value {
    let mut node = node;
    for _ in 0..MAX_REF_CHAIN {
        match node.get("$ref").and_then(Value::as_str).and_then(|r| resolve(doc, r)) {
            Some(target) => node = target,
            None => break,
        }
    }
    node
}

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
    fn ref_name_accepts_plain_and_single_all_of_refs() {
        assert_eq!(schema_ref_name(&json!({"$ref": "#/components/schemas/A"})), Some("A"));
        assert_eq!(
            schema_ref_name(&json!({"allOf": [{"$ref": "#/components/schemas/B"}], "description": "x"})),
            Some("B")
        );
        assert_eq!(schema_ref_name(&json!({"allOf": [{"$ref": "#/components/schemas/B"}, {}]})), None);
        assert_eq!(schema_ref_name(&json!({"type": "string"})), None);
    }

    #[test]
    fn follow_goes_through_chains_and_stops_at_dangling_or_cyclic_refs() {
        let doc = json!({"components": {"responses": {
            "A": {"$ref": "#/components/responses/B"},
            "B": {"description": "b"},
            "C": {"$ref": "#/components/responses/C"},
        }}});
        assert_eq!(follow(&doc, &json!({"$ref": "#/components/responses/A"})), &json!({"description": "b"}));
        let dangling = json!({"$ref": "#/components/responses/Z"});
        assert_eq!(follow(&doc, &dangling), &dangling);
        assert_eq!(
            follow(&doc, &json!({"$ref": "#/components/responses/C"})),
            &json!({"$ref": "#/components/responses/C"})
        );
        assert_eq!(schema_pointer("a/b~c"), "/components/schemas/a~1b~0c");
    }

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
