//! Which component schemas a part of the spec reaches through `$ref` chains.
//!
//! Every `$ref` in a node counts, wherever it sits (a body's `schema`, `allOf`, `items`,
//! `properties`, ...). A reference
//! to a component schema adds it and walks it in turn; a reference to another component (a
//! response, parameter, request body or header) walks its target without adding it.
//! References that dangle add nothing.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::doc_walk::{self, Operation, SCHEMA_REF_PREFIX};

/// Prefix of any local reference to a component.
const COMPONENT_REF_PREFIX: &str = "#/components/";

/// The names of the component schemas that `roots` reach.
pub fn from_nodes<'d>(doc: &'d Value, roots: impl IntoIterator<Item = &'d Value>) -> BTreeSet<String> {
    let mut schemas = BTreeSet::new();
    let mut passed = BTreeSet::new();
    let mut todo: Vec<&'d Value> = roots.into_iter().collect();
    while let Some(node) = todo.pop() {
        doc_walk::walk(node, "", &mut |child, _| {
            let Some(reference) = child.get("$ref").and_then(Value::as_str) else { return };
            if !reference.starts_with(COMPONENT_REF_PREFIX) {
                return;
            }
            let Some(target) = doc_walk::resolve(doc, reference) else { return };
            let first_visit = match reference.strip_prefix(SCHEMA_REF_PREFIX) {
                Some(name) => schemas.insert(name.to_owned()),
                None => passed.insert(reference.to_owned()),
            };
            if first_visit {
                todo.push(target);
            }
        });
    }
    schemas
}

/// The component schemas an operation's request body and responses reach: what its traffic
/// can show.
pub fn from_operation(doc: &Value, op: &Operation<'_>) -> BTreeSet<String> {
    from_nodes(doc, ["requestBody", "responses"].into_iter().filter_map(|part| op.value.get(part)))
}

/// The component schemas some operation reaches (also through its path item's and its own
/// parameters): the schemas a change can affect on the wire.
pub fn from_paths(doc: &Value) -> BTreeSet<String> {
    from_nodes(doc, doc.get("paths"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "paths": {"/a": {
                "parameters": [{"$ref": "#/components/parameters/P"}],
                "get": {"responses": {"200": {"$ref": "#/components/responses/R"}}},
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Req"}}}},
                    "responses": {"200": {"description": "x", "content": {"application/json": {
                        "schema": {"type": "object"}}}}}
                }
            }},
            "components": {
                "parameters": {"P": {"name": "p", "in": "query", "schema": {"$ref": "#/components/schemas/En"}}},
                "responses": {"R": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}},
                "schemas": {
                    "A": {"properties": {"b": {"allOf": [{"$ref": "#/components/schemas/B"}]}}},
                    "B": {"type": "array", "items": {"$ref": "#/components/schemas/A"}},
                    "C": {"type": "string"},
                    "En": {"enum": ["X"]},
                    "Req": {"allOf": [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/Gone"}]}
                }
            }
        })
    }

    fn names(set: BTreeSet<String>) -> Vec<String> {
        set.into_iter().collect()
    }

    #[test]
    fn paths_reach_through_component_responses_parameters_and_cycles() {
        let doc = doc();
        assert_eq!(names(from_paths(&doc)), ["A", "B", "En", "Req"]);
    }

    #[test]
    fn an_operation_reaches_its_body_and_responses_only() {
        let doc = doc();
        let ops = doc_walk::operations(&doc);
        let reached: Vec<_> = ops.iter().map(|op| (op.method, names(from_operation(&doc, op)))).collect();
        let ab = vec!["A".to_owned(), "B".to_owned()];
        let req = vec!["A".to_owned(), "B".to_owned(), "Req".to_owned()];
        assert_eq!(reached, [("get", ab), ("post", req)]);
    }
}
