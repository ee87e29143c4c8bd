//! Single-change variants of a spec: each one edit a spec author could make, applied to the
//! parsed document.

use serde_json::{Map, Value};

use c2a_spec::doc_walk::{self, METHODS};

/// One variant: what changed, and the document with that change.
#[derive(Clone, Debug)]
pub struct Variant {
    /// What was changed, e.g. `operation removed: GET /c2a/customer/info`.
    pub name: String,
    /// The whole document after the change.
    pub doc: Value,
}

/// Every single-change variant of `doc`, in a fixed order:
///
/// - each operation removed (and its path, when no operation is left on it);
/// - each operation's `x-waiter` removed;
/// - each vendor extension key removed wherever it stands (an extension family);
/// - each component schema removed;
/// - each component schema's `required` list removed (every property optional).
pub fn single_changes(doc: &Value) -> Vec<Variant> {
    let mut variants = Vec::new();
    for op in doc_walk::operations(doc) {
        let (path, method) = (op.path.to_owned(), op.method.to_owned());
        variants.push(edit(doc, format!("operation removed: {} {path}", method.to_uppercase()), |d| {
            remove_operation(d, &path, &method)
        }));
        if op.value.get("x-waiter").is_some() {
            let pointer = op.pointer();
            let id = op.id().unwrap_or(&pointer).to_owned();
            variants.push(edit(doc, format!("x-waiter removed: {id}"), |d| {
                d.pointer_mut(&pointer).and_then(Value::as_object_mut).map(|o| o.remove("x-waiter"));
            }));
        }
    }
    for key in extension_keys(doc) {
        variants
            .push(edit(doc, format!("extension family removed: {key}"), |d| remove_key_everywhere(d, &key)));
    }
    for (name, schema) in doc_walk::component_schemas(doc) {
        let pointer = doc_walk::schema_pointer(name);
        let name = name.to_owned();
        variants.push(edit(doc, format!("schema removed: {name}"), |d| {
            d.pointer_mut("/components/schemas").and_then(Value::as_object_mut).map(|o| o.remove(&name));
        }));
        if schema.get("required").is_some() {
            variants.push(edit(doc, format!("required list removed: {name}"), |d| {
                d.pointer_mut(&pointer).and_then(Value::as_object_mut).map(|o| o.remove("required"));
            }));
        }
    }
    variants
}

fn edit(doc: &Value, name: String, change: impl FnOnce(&mut Value)) -> Variant {
    let mut doc = doc.clone();
    change(&mut doc);
    Variant { name, doc }
}

fn remove_operation(doc: &mut Value, path: &str, method: &str) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else { return };
    let Some(item) = paths.get_mut(path).and_then(Value::as_object_mut) else { return };
    item.remove(method);
    if !item.keys().any(|k| METHODS.contains(&k.as_str())) {
        paths.remove(path);
    }
}

/// Every distinct `x-` key of the document outside examples, in first-seen order.
fn extension_keys(doc: &Value) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    doc_walk::walk(doc, "", &mut |node, pointer| {
        if doc_walk::in_example(pointer) {
            return;
        }
        for key in node.as_object().into_iter().flat_map(Map::keys) {
            if key.starts_with("x-") && !keys.contains(key) {
                keys.push(key.clone());
            }
        }
    });
    keys
}

fn remove_key_everywhere(node: &mut Value, key: &str) {
    match node {
        Value::Object(map) => {
            map.remove(key);
            for (name, child) in map.iter_mut() {
                if name != "example" && name != "examples" {
                    remove_key_everywhere(child, key);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|child| remove_key_everywhere(child, key)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> Value {
        json!({
            "openapi": "3.0.3",
            "paths": {
                "/a": {"get": {"operationId": "a", "x-waiter": {"name": "w"}}, "post": {"operationId": "b"}},
                "/c": {"parameters": [], "get": {"operationId": "c", "x-doc-id": "d"}}
            },
            "components": {"schemas": {
                "S": {"type": "object", "required": ["x"], "x-provenance": "sample",
                      "properties": {"x": {"type": "string", "x-sensitive": true, "example": {"x-no": 1}}}}
            }}
        })
    }

    #[test]
    fn each_variant_makes_exactly_its_change() {
        let variants = single_changes(&spec());
        let names: Vec<_> = variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "operation removed: GET /a",
                "x-waiter removed: a",
                "operation removed: POST /a",
                "operation removed: GET /c",
                "extension family removed: x-waiter",
                "extension family removed: x-doc-id",
                "extension family removed: x-provenance",
                "extension family removed: x-sensitive",
                "schema removed: S",
                "required list removed: S",
            ]
        );
        let by_name = |n: &str| &variants.iter().find(|v| v.name == n).expect(n).doc;
        assert!(by_name("operation removed: GET /a").pointer("/paths/~1a/get").is_none());
        assert!(by_name("operation removed: GET /a").pointer("/paths/~1a/post").is_some());
        assert!(by_name("operation removed: GET /c").pointer("/paths/~1c").is_none(), "an empty path goes");
        assert!(by_name("x-waiter removed: a").pointer("/paths/~1a/get/x-waiter").is_none());
        let sensitive = by_name("extension family removed: x-sensitive");
        assert!(sensitive.pointer("/components/schemas/S/properties/x/x-sensitive").is_none());
        assert_eq!(sensitive.pointer("/components/schemas/S/properties/x/example/x-no"), Some(&json!(1)));
        assert!(by_name("required list removed: S").pointer("/components/schemas/S/required").is_none());
        assert!(by_name("schema removed: S").pointer("/components/schemas/S").is_none());
        let changed = variants.iter().filter(|v| v.doc != spec()).count();
        assert_eq!(changed, variants.len(), "every variant changes the document");
    }
}
