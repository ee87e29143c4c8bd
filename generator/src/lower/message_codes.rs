//! The message codes of `x-message-codes` become one `MessageCode` enum component.
//!
//! OpenAPI has no word for "the codes this operation can answer"; the spec lists them per
//! operation in a vendor extension. The client wants one typed enum of every code, so this
//! transform adds a string-enum component `MessageCode` holding every code of every
//! operation (in order of first appearance) and makes `AzotteStatus.messageCode` refer to
//! it. The `open_enums` pass then makes it forward compatible and documents each variant
//! with the meanings recorded here in [`Notes::message_codes`].

use serde_json::{Value, json};

use super::Notes;
use crate::checks::STATUS_SCHEMA;
use crate::spec::{SCHEMA_REF_PREFIX, operations};

/// Name of the generated enum component.
pub const MESSAGE_CODE_SCHEMA: &str = "MessageCode";

/// Adds the `MessageCode` component and types `AzotteStatus.messageCode` with it.
pub fn lower(doc: &mut Value, notes: &mut Notes) {
    for op in operations(doc) {
        let Some(entries) = op.value.get("x-message-codes").and_then(Value::as_array) else { continue };
        for entry in entries {
            let (Some(code), Some(meaning)) =
                (entry.get("code").and_then(Value::as_str), entry.get("meaning").and_then(Value::as_str))
            else {
                continue;
            };
            let meanings = notes.message_codes.entry(code.to_owned()).or_default();
            if !meanings.iter().any(|(_, m)| m == meaning) {
                meanings.push((op.id().unwrap_or_default().to_owned(), meaning.to_owned()));
            }
        }
    }
    if notes.message_codes.is_empty() {
        return;
    }
    let mut codes: Vec<&str> = Vec::new();
    for op in operations(doc) {
        for entry in op.value.get("x-message-codes").and_then(Value::as_array).into_iter().flatten() {
            if let Some(code) = entry.get("code").and_then(Value::as_str)
                && !codes.contains(&code)
            {
                codes.push(code);
            }
        }
    }
    let component = json!({
        "type": "string",
        "description": "Every `status.messageCode` the spec records (`x-message-codes` of each operation).",
        "enum": codes,
    });
    let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) else { return };
    schemas.insert(MESSAGE_CODE_SCHEMA.to_owned(), component);
    if let Some(code) = schemas.get_mut(STATUS_SCHEMA).and_then(|s| s.pointer_mut("/properties/messageCode"))
    {
        let description = code.get("description").cloned();
        let mut replacement =
            json!({ "allOf": [{ "$ref": format!("{SCHEMA_REF_PREFIX}{MESSAGE_CODE_SCHEMA}") }] });
        if let Some(d) = description {
            replacement["description"] = d;
        }
        *code = replacement;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_one_enum_referenced_by_the_status() {
        let mut doc = json!({
            "paths": {
                "/a": {"get": {"operationId": "a", "x-message-codes": [
                    {"code": "SUCCESS", "meaning": "Found."}, {"code": "A_NOT_FOUND", "meaning": "No a."}]}},
                "/b": {"post": {"operationId": "b", "x-message-codes": [
                    {"code": "SUCCESS", "meaning": "Stored."}, {"code": "SUCCESS_LATER", "meaning": "Queued."}]}}
            },
            "components": {"schemas": {"AzotteStatus": {"properties": {
                "messageCode": {"type": "string", "description": "The code."}}}}}
        });
        let mut notes = Notes::default();
        lower(&mut doc, &mut notes);
        assert_eq!(
            doc["components"]["schemas"]["MessageCode"]["enum"],
            json!(["SUCCESS", "A_NOT_FOUND", "SUCCESS_LATER"])
        );
        assert_eq!(
            doc["components"]["schemas"]["AzotteStatus"]["properties"]["messageCode"],
            json!({"allOf": [{"$ref": "#/components/schemas/MessageCode"}], "description": "The code."})
        );
        assert_eq!(
            notes.message_codes["SUCCESS"],
            [("a".into(), "Found.".into()), ("b".into(), "Stored.".into())]
        );
    }
}
