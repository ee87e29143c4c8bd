//! Read-only helpers over the spec document as a `serde_json::Value`.
//!
//! Checks and lowering work on the raw document rather than on `openapiv3` types: vendor
//! extensions stay at hand and every node has a JSON pointer for error messages.

use serde_json::{Map, Value};

use crate::diagnostic::escape_token;

/// HTTP methods an OpenAPI path item can hold, in the order OpenAPI lists them.
pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Prefix of a local reference to a component schema.
pub const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// One operation of the spec.
#[derive(Clone, Copy, Debug)]
pub struct Operation<'a> {
    /// The path template, e.g. `/c2a/offer/checkout/{trackingId}/status`.
    pub path: &'a str,
    /// Lower-case HTTP method.
    pub method: &'a str,
    /// The operation object.
    pub value: &'a Value,
}

impl<'a> Operation<'a> {
    /// The operation's `operationId`, if it has a string one.
    pub fn id(&self) -> Option<&'a str> {
        self.value.get("operationId").and_then(Value::as_str)
    }

    /// JSON pointer to the operation object.
    pub fn pointer(&self) -> String {
        format!("/paths/{}/{}", escape_token(self.path), self.method)
    }

    /// JSON pointer to `suffix` (already escaped, without a leading slash) in the operation.
    pub fn pointer_to(&self, suffix: &str) -> String {
        format!("{}/{suffix}", self.pointer())
    }

    /// The component named by the first 2xx response with a `$ref` body (its envelope).
    pub fn success_component(&self) -> Option<&'a str> {
        self.responses().into_iter().filter(|(status, _)| status.starts_with('2')).find_map(|(_, r)| {
            r.get("content")?
                .as_object()?
                .values()
                .find_map(|m| m.pointer("/schema/$ref")?.as_str()?.strip_prefix(SCHEMA_REF_PREFIX))
        })
    }

    /// The component named by the JSON request body, if it is a `$ref`.
    pub fn request_body_component(&self) -> Option<&'a str> {
        self.value
            .pointer("/requestBody/content")?
            .as_object()?
            .values()
            .find_map(|m| m.pointer("/schema/$ref")?.as_str()?.strip_prefix(SCHEMA_REF_PREFIX))
    }

    /// The operation's responses as `(status key, response object)`, in document order.
    pub fn responses(&self) -> Vec<(&'a str, &'a Value)> {
        self.value
            .get("responses")
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default()
    }
}

/// Every operation, in document order.
pub fn operations(doc: &Value) -> Vec<Operation<'_>> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return Vec::new();
    };
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS
                .iter()
                .filter_map(move |method| item.get(*method).map(|value| Operation { path, method, value }))
        })
        .collect()
}

/// The parameters of an operation (its path item's, then its own), as `(pointer, object)`,
/// with a `$ref` followed once to its target (and the target's pointer). Every declaration
/// is listed, also a path item's that the operation overrides: see
/// [`effective_parameters`] for what a request carries.
pub fn operation_parameters<'a>(doc: &'a Value, op: &Operation<'a>) -> Vec<(String, &'a Value)> {
    let (mut out, own) = parameter_lists(doc, op);
    out.extend(own);
    out
}

/// The parameters a request to the operation carries (OpenAPI 3.0): those of
/// [`operation_parameters`], where the operation's own parameter replaces its path item's
/// of the same `name` and `in`. The path item's come first, then the operation's.
pub fn effective_parameters<'a>(doc: &'a Value, op: &Operation<'a>) -> Vec<(String, &'a Value)> {
    let (item, own) = parameter_lists(doc, op);
    let key = |p: &Value| (p.get("name").cloned(), p.get("in").cloned());
    let mut out: Vec<_> =
        item.into_iter().filter(|(_, p)| !own.iter().any(|(_, o)| key(o) == key(p))).collect();
    out.extend(own);
    out
}

/// The path item's parameters and the operation's own, each with `$ref`s followed once.
type ParameterLists<'a> = (Vec<(String, &'a Value)>, Vec<(String, &'a Value)>);

fn parameter_lists<'a>(doc: &'a Value, op: &Operation<'a>) -> ParameterLists<'a> {
    let list = |node: Option<&'a Value>, at: String| -> Vec<(String, &'a Value)> {
        let items = node.and_then(Value::as_array).into_iter().flatten().enumerate();
        items
            .filter_map(|(i, param)| match param.get("$ref").and_then(Value::as_str) {
                Some(r) => resolve(doc, r).map(|target| (r.trim_start_matches('#').to_owned(), target)),
                None => Some((format!("{at}/{i}"), param)),
            })
            .collect()
    };
    let item = doc.get("paths").and_then(|p| p.get(op.path)).and_then(|i| i.get("parameters"));
    (
        list(item, format!("/paths/{}/parameters", escape_token(op.path))),
        list(op.value.get("parameters"), op.pointer_to("parameters")),
    )
}

/// Every component schema as `(name, schema)`, in document order.
pub fn component_schemas(doc: &Value) -> Vec<(&str, &Value)> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.as_str(), v)).collect())
        .unwrap_or_default()
}

/// JSON pointer to a component schema.
pub fn schema_pointer(name: &str) -> String {
    format!("/components/schemas/{}", escape_token(name))
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
pub fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    doc.pointer(reference.strip_prefix('#')?)
}

/// How many references [`follow`] goes through before it stops (a cycle guard).
pub const MAX_REF_CHAIN: usize = 8;

/// The component schema `name`, if the document has it.
pub fn component_schema<'d>(doc: &'d Value, name: &str) -> Option<&'d Value> {
    doc.pointer(&schema_pointer(name))
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

/// Whether a media type carries JSON: `application/json` or a `+json` vendor type, with
/// optional parameters, compared case-insensitively.
pub fn is_json_media_type(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Calls `visit(node, pointer)` for every node of the document, parents before children.
pub fn walk<'a>(node: &'a Value, pointer: &str, visit: &mut impl FnMut(&'a Value, &str)) {
    visit(node, pointer);
    match node {
        Value::Object(map) => {
            for (key, child) in map {
                walk(child, &format!("{pointer}/{}", escape_token(key)), visit);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, &format!("{pointer}/{i}"), visit);
            }
        }
        _ => {}
    }
}

/// Calls `visit(object schema, pointer)` for every schema object that declares
/// `properties`, wherever it is in the document (components, parameters, inline bodies).
pub fn walk_object_schemas<'a>(doc: &'a Value, visit: &mut impl FnMut(&'a Map<String, Value>, &str)) {
    walk_schemas(doc, &mut |node, pointer, _| {
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            visit(props, &format!("{pointer}/properties"));
        }
    });
}

/// Calls `visit(schema, pointer, is_component)` for every schema of the document, found
/// by position (components, parameters, bodies, responses, headers, then the keywords that
/// hold subschemas), never by a key's name alone: a property called `items` or a key of a
/// vendor extension is not mistaken for a schema keyword.
pub fn walk_schemas<'a>(doc: &'a Value, visit: &mut impl FnMut(&'a Value, &str, bool)) {
    for (name, schema) in component_schemas(doc) {
        walk_schema(schema, &schema_pointer(name), true, visit);
    }
    let entries = |node: Option<&'a Value>| {
        node.and_then(Value::as_object).into_iter().flatten().map(|(k, v)| (escape_token(k), v))
    };
    let mut holders: Vec<(String, &'a Value)> = Vec::new();
    for section in ["parameters", "requestBodies", "responses", "headers"] {
        holders.extend(
            entries(doc.pointer(&format!("/components/{section}")))
                .map(|(k, v)| (format!("/components/{section}/{k}"), v)),
        );
    }
    for (path, item) in entries(doc.get("paths")) {
        let at = format!("/paths/{path}");
        holders.extend(indexed(item.get("parameters"), &format!("{at}/parameters")));
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let at = format!("{at}/{method}");
            holders.extend(indexed(op.get("parameters"), &format!("{at}/parameters")));
            holders.extend(op.get("requestBody").map(|b| (format!("{at}/requestBody"), b)));
            holders.extend(entries(op.get("responses")).map(|(k, v)| (format!("{at}/responses/{k}"), v)));
        }
    }
    for (at, holder) in holders {
        if let Some(schema) = holder.get("schema") {
            walk_schema(schema, &format!("{at}/schema"), false, visit);
        }
        for (media, m) in entries(holder.get("content")) {
            if let Some(schema) = m.get("schema") {
                walk_schema(schema, &format!("{at}/content/{media}/schema"), false, visit);
            }
        }
        for (header, h) in entries(holder.get("headers")) {
            if let Some(schema) = h.get("schema") {
                walk_schema(schema, &format!("{at}/headers/{header}/schema"), false, visit);
            }
        }
    }
}

fn indexed<'a>(list: Option<&'a Value>, at: &str) -> Vec<(String, &'a Value)> {
    let items = list.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    items.iter().enumerate().map(|(i, v)| (format!("{at}/{i}"), v)).collect()
}

fn walk_schema<'a>(
    schema: &'a Value,
    at: &str,
    component: bool,
    visit: &mut impl FnMut(&'a Value, &str, bool),
) {
    if !schema.is_object() {
        return;
    }
    visit(schema, at, component);
    for (name, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
        walk_schema(property, &format!("{at}/properties/{}", escape_token(name)), false, visit);
    }
    for key in ["items", "not", "additionalProperties"] {
        if let Some(sub) = schema.get(key) {
            walk_schema(sub, &format!("{at}/{key}"), false, visit);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for (i, sub) in schema.get(key).and_then(Value::as_array).into_iter().flatten().enumerate() {
            walk_schema(sub, &format!("{at}/{key}/{i}"), false, visit);
        }
    }
}

/// Whether a pointer is inside an `example` or `examples` node (data, not schema).
pub fn in_example(pointer: &str) -> bool {
    pointer.split('/').any(|t| t == "example" || t == "examples")
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
    fn json_media_types() {
        assert!(is_json_media_type("application/json"));
        assert!(is_json_media_type("application/json; charset=utf-8"));
        assert!(is_json_media_type("application/clientOutput+Json"));
        assert!(!is_json_media_type("text/html"));
        assert!(!is_json_media_type("application/xml"));
    }

    #[test]
    fn parameters_of_the_path_item_and_refs_and_the_operation_overrides() {
        let doc = json!({
            "paths": {"/a": {
                "parameters": [{"$ref": "#/components/parameters/Q"}, {"name": "p", "in": "query", "required": true}],
                "get": {"parameters": [{"name": "p", "in": "query"}, {"name": "p", "in": "header"}]}
            }},
            "components": {"parameters": {"Q": {"name": "q", "in": "query"}}}
        });
        let op = operations(&doc)[0];
        let pointers = |list: Vec<(String, &Value)>| list.into_iter().map(|(at, _)| at).collect::<Vec<_>>();
        assert_eq!(
            pointers(operation_parameters(&doc, &op)),
            [
                "/components/parameters/Q",
                "/paths/~1a/parameters/1",
                "/paths/~1a/get/parameters/0",
                "/paths/~1a/get/parameters/1"
            ]
        );
        assert_eq!(
            pointers(effective_parameters(&doc, &op)),
            ["/components/parameters/Q", "/paths/~1a/get/parameters/0", "/paths/~1a/get/parameters/1"]
        );
    }

    #[test]
    fn operations_in_document_order_with_pointers() {
        let doc = json!({"paths": {"/a/{id}": {"post": {"operationId": "p"}, "get": {"operationId": "g"}}}});
        let ops = operations(&doc);
        let ids: Vec<_> = ops.iter().map(|o| o.id().unwrap_or_default()).collect();
        assert_eq!(ids, ["g", "p"]);
        assert_eq!(ops[0].pointer(), "/paths/~1a~1{id}/get");
    }
}
