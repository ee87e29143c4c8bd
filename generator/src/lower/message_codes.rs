//! The message codes of `x-message-codes` become one `MessageCode` enum component.
//!
//! OpenAPI has no word for "the codes this operation can answer"; the spec lists them per
//! operation in a vendor extension. The client wants one typed enum of every code, so this
//! transform adds a string-enum component `MessageCode` holding every code of every
//! operation (in order of first appearance) and makes `AzotteStatus.messageCode` refer to
//! it. The `open_enums` pass then makes it forward compatible and documents each variant
//! with the meanings recorded here in [`LoweringNotes::message_codes`].

use serde_json::{Value, json};

use super::LoweringNotes;
use c2a_spec::checks::STATUS_SCHEMA;
use c2a_spec::doc_walk::SCHEMA_REF_PREFIX;
use c2a_spec::extensions::Extensions;

/// Name of the generated enum component.
pub const MESSAGE_CODE_SCHEMA: &str = "MessageCode";

/// Adds the `MessageCode` component and types `AzotteStatus.messageCode` with it.
pub fn lower(doc: &mut Value, extensions: &Extensions, notes: &mut LoweringNotes) {
    let mut codes: Vec<&str> = Vec::new();
    for op in &extensions.operations {
        for entry in op.message_codes.iter() {
            let meanings = notes.message_codes.entry(entry.code.clone()).or_default();
            if !meanings.iter().any(|(_, m)| *m == entry.meaning) {
                meanings.push((op.id.clone(), entry.meaning.clone()));
            }
            if !codes.contains(&entry.code.as_str()) {
                codes.push(&entry.code);
            }
        }
    }
    if codes.is_empty() {
        return;
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
        let code = |code: &str, meaning: &str, success: bool| json!({"code": code, "meaning": meaning, "success": success, "provenance": "documented"});
        let mut doc = json!({
            "paths": {
                "/a": {"get": {"operationId": "a", "x-message-codes": [
                    code("SUCCESS", "Found.", true), code("A_NOT_FOUND", "No a.", false)]}},
                "/b": {"post": {"operationId": "b", "x-message-codes": [
                    code("SUCCESS", "Stored.", true), code("SUCCESS_LATER", "Queued.", true)]}}
            },
            "components": {"schemas": {"AzotteStatus": {"properties": {
                "messageCode": {"type": "string", "description": "The code."}}}}}
        });
        let extensions = Extensions::parse(&doc).expect("valid extensions");
        let mut notes = LoweringNotes::default();
        lower(&mut doc, &extensions, &mut notes);
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
