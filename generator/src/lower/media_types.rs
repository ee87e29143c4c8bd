//! Vendor JSON media types become `application/json` for progenitor.
//!
//! progenitor 0.15 types only `application/json` (and `application/json;...`) responses;
//! `application/clientOutput+Json` would become an untyped byte stream. The body *is* JSON,
//! so the lowered spec says `application/json` and [`LoweringNotes::vendor_media_types`] keeps the
//! real type for the `Accept` header. Request bodies must already be `application/json`:
//! progenitor sends nothing else, and the docs ask for nothing else.

use serde_json::Value;

use super::{LoweringNotes, for_each_operation_mut};
use c2a_spec::diagnostic::{Diagnostic, escape_token};
use c2a_spec::doc_walk::is_json_media_type;

const JSON: &str = "application/json";

/// Rewrites response media types in place; reports request bodies progenitor cannot send.
pub fn lower(doc: &mut Value, notes: &mut LoweringNotes) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for_each_operation_mut(doc, |id, pointer, op| {
        if let Some(content) = op.pointer("/requestBody/content").and_then(Value::as_object) {
            for media_type in content.keys() {
                if !media_type.eq_ignore_ascii_case(JSON) {
                    problems.push(Diagnostic::new(
                        format!("{pointer}/requestBody/content/{}", escape_token(media_type)),
                        "progenitor-limits",
                        format!("request body media type `{media_type}`: the generator sends `application/json` only"),
                    ));
                }
            }
        }
        let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else { return };
        for (status, response) in responses.iter_mut() {
            let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) else { continue };
            let vendor: Vec<String> = content
                .keys()
                .filter(|k| is_json_media_type(k) && !k.to_ascii_lowercase().starts_with(JSON))
                .cloned()
                .collect();
            for media_type in vendor {
                if content.contains_key(JSON) {
                    problems.push(Diagnostic::new(
                        format!("{pointer}/responses/{status}/content"),
                        "progenitor-limits",
                        format!("both `{media_type}` and `{JSON}` are declared; keep one"),
                    ));
                    continue;
                }
                let Some(media) = content.shift_remove(&media_type) else { continue };
                content.insert(JSON.to_owned(), media);
                notes.vendor_media_types.entry(id.to_owned()).or_insert(media_type);
            }
        }
    });
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn vendor_type_is_lowered_and_remembered() {
        let mut doc = json!({"paths": {"/a": {"get": {"operationId": "get_a", "responses": {
            "200": {"content": {"application/clientOutput+Json": {"schema": {"type": "string"}}}},
            "404": {"content": {"application/clientOutput+Json": {"schema": {"type": "integer"}}}}
        }}}}});
        let mut notes = LoweringNotes::default();
        assert!(lower(&mut doc, &mut notes).is_empty());
        let responses = &doc["paths"]["/a"]["get"]["responses"];
        assert_eq!(responses["200"]["content"][JSON]["schema"]["type"], "string");
        assert_eq!(responses["404"]["content"][JSON]["schema"]["type"], "integer");
        assert!(responses["200"]["content"].get("application/clientOutput+Json").is_none());
        assert_eq!(notes.vendor_media_types["get_a"], "application/clientOutput+Json");
    }

    #[test]
    fn plain_json_and_non_json_are_left_alone() {
        let mut doc = json!({"paths": {"/a": {"get": {"operationId": "get_a", "responses": {
            "200": {"content": {"application/json; charset=utf-8": {}}},
            "500": {"content": {"text/html": {}}}
        }}}}});
        let before = doc.clone();
        let mut notes = LoweringNotes::default();
        assert!(lower(&mut doc, &mut notes).is_empty());
        assert_eq!(doc, before);
        assert!(notes.vendor_media_types.is_empty());
    }

    #[test]
    fn non_json_request_body_is_located_error() {
        let mut doc = json!({"paths": {"/a": {"post": {"operationId": "p", "requestBody": {
            "content": {"application/x-www-form-urlencoded": {}}}, "responses": {}}}}});
        let problems = lower(&mut doc, &mut LoweringNotes::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].pointer,
            "/paths/~1a/post/requestBody/content/application~1x-www-form-urlencoded"
        );
    }
}
