//! Every name a schema lists under `required` is one of its properties, and the status
//! every envelope carries has the fields the runtime reads (`messageCode`, `message`).
//!
//! typify drops a required name that is not a property, so the field the runtime reads
//! would be missing from the generated type and the client would not compile.

use serde_json::Value;

use crate::checks::STATUS_SCHEMA;
use crate::diagnostic::Diagnostic;
use crate::doc_walk::{schema_pointer, walk_schemas};
use crate::extensions::Extensions;

pub(super) const RULE: &str = "required-properties";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk_schemas(doc, &mut |schema, at, _| {
        let Some(props) = schema.get("properties").and_then(Value::as_object) else { return };
        if ["allOf", "anyOf", "oneOf"].iter().any(|k| schema.get(*k).is_some()) {
            return;
        }
        for (i, name) in schema.get("required").and_then(Value::as_array).into_iter().flatten().enumerate() {
            if name.as_str().is_none_or(|n| !props.contains_key(n)) {
                out.push(Diagnostic::new(
                    format!("{at}/required/{i}"),
                    RULE,
                    format!("required {name} is not a property"),
                ));
            }
        }
    });
    if let Some(status) = doc.pointer(&schema_pointer(STATUS_SCHEMA)) {
        let at = schema_pointer(STATUS_SCHEMA);
        let string = |p: &str| {
            status.pointer(&format!("/properties/{p}/type")).and_then(Value::as_str) == Some("string")
        };
        let required = |p: &str| {
            status.get("required").and_then(Value::as_array).is_some_and(|r| r.iter().any(|v| v == p))
        };
        if !string("messageCode") || !required("messageCode") {
            out.push(Diagnostic::new(
                &at,
                RULE,
                format!("`{STATUS_SCHEMA}` needs a required `messageCode` of `type: string`"),
            ));
        }
        if !string("message") || required("message") {
            out.push(Diagnostic::new(
                &at,
                RULE,
                format!("`{STATUS_SCHEMA}` needs an optional `message` of `type: string`"),
            ));
        }
    }
    out
}
