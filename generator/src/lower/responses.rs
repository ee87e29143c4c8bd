//! Responses shaped so that progenitor sees one success and one error schema.
//!
//! progenitor 0.15 asserts that an operation's success responses share one type, and so do
//! its error responses; it counts `default` as both. The truthful spec breaks that in two
//! documented ways, which are lowered here:
//!
//! 1. An error response without a body (401: "rejected, no envelope") has type `()`, unlike
//!    the enveloped errors next to it. It is dropped: the generated client reports it as an
//!    unexpected response and the runtime maps it by status code.
//! 2. A `default` response next to explicit 2xx responses would count as a second success
//!    type. It becomes `4XX` and `5XX` (where those are not already declared), which is what
//!    `default` means for a client once the successes are listed.
//!
//! 3. progenitor orders `4XX` before `404` (a range sorts as its lowest code), so an explicit
//!    error status beside a range of its class would be unreachable code. When both carry
//!    the same body, the explicit status is folded into the range; typing is unchanged.
//!
//! Anything still ambiguous is a located error rather than a progenitor panic.

use std::collections::BTreeSet;

use serde_json::Value;

use super::for_each_operation_mut;
use c2a_spec::diagnostic::Diagnostic;
use c2a_spec::doc_walk::resolve;

const RULE: &str = "progenitor-limits";

/// Replaces `$ref`s to `#/components/responses/...` with copies of their targets, so that
/// the other transforms see every response inline.
pub fn inline_response_refs(doc: &mut Value) {
    let original = doc.clone();
    for_each_operation_mut(doc, |_, _, op| {
        let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else { return };
        for response in responses.values_mut() {
            let target = response.get("$ref").and_then(Value::as_str).and_then(|r| resolve(&original, r));
            if let Some(target) = target {
                *response = target.clone();
            }
        }
    });
}

/// Applies the two rewrites and checks the one-schema-each limit.
pub fn lower(doc: &mut Value) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for_each_operation_mut(doc, |_, pointer, op| {
        let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else { return };

        let bodyless: Vec<String> = responses
            .iter()
            .filter(|(status, r)| is_error(status) && r.get("content").is_none())
            .map(|(status, _)| status.clone())
            .collect();
        for status in &bodyless {
            responses.shift_remove(status);
        }

        let has_explicit_success = responses.keys().any(|s| is_success(s));
        if has_explicit_success && let Some(default) = responses.shift_remove("default") {
            for range in ["4XX", "5XX"] {
                if !responses.contains_key(range) {
                    responses.insert(range.to_owned(), default.clone());
                }
            }
        }

        let folded: Vec<String> = responses
            .iter()
            .filter(|(status, response)| {
                status.len() == 3
                    && status.chars().all(|c| c.is_ascii_digit())
                    && is_error(status)
                    && responses
                        .get(&format!("{}XX", &status[..1]))
                        .is_some_and(|range| range.get("content") == response.get("content"))
            })
            .map(|(status, _)| status.clone())
            .collect();
        for status in folded {
            responses.shift_remove(&status);
        }

        for (kind, filter) in [("success", is_success_or_default as fn(&str) -> bool), ("error", is_error)] {
            let schemas: Vec<(&str, String)> = responses
                .iter()
                .filter(|(status, _)| filter(status.as_str()))
                .map(|(status, r)| describe(status.as_str(), r.pointer("/content/application~1json/schema")))
                .collect();
            let distinct: BTreeSet<&str> = schemas.iter().map(|(_, schema)| schema.as_str()).collect();
            if distinct.len() > 1 {
                let listed: Vec<String> =
                    schemas.iter().map(|(status, schema)| format!("{status}: {schema}")).collect();
                problems.push(Diagnostic::new(
                    format!("{pointer}/responses"),
                    RULE,
                    format!(
                        "progenitor takes one {kind} schema per operation, found {} ({})",
                        distinct.len(),
                        listed.join(", ")
                    ),
                ));
            }
        }
    });
    problems
}

/// `(status, schema)` with the schema named by its component, `(no body)`, or its JSON.
fn describe<'a>(status: &'a str, schema: Option<&Value>) -> (&'a str, String) {
    let text = match schema {
        None => "(no body)".to_owned(),
        Some(s) => {
            c2a_spec::doc_walk::schema_ref_name(s).map(|n| format!("`{n}`")).unwrap_or_else(|| s.to_string())
        }
    };
    (status, text)
}

fn is_success(status: &str) -> bool {
    status.starts_with('2')
}

fn is_success_or_default(status: &str) -> bool {
    is_success(status) || status == "default"
}

fn is_error(status: &str) -> bool {
    status.starts_with('4') || status.starts_with('5') || status == "default"
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(name: &str) -> Value {
        json!({"description": "d", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}}})
    }

    #[test]
    fn bodyless_error_dropped_and_default_split() {
        let mut doc = json!({"paths": {"/a": {"get": {"operationId": "a", "responses": {
            "200": body("Ok"), "401": {"description": "no envelope"}, "404": body("Err"), "default": body("Err")
        }}}}});
        assert_eq!(lower(&mut doc), []);
        let responses = doc["paths"]["/a"]["get"]["responses"].as_object().expect("responses");
        let keys: Vec<_> = responses.keys().map(String::as_str).collect();
        assert_eq!(keys, ["200", "4XX", "5XX"], "404 has the default's body, so 4XX covers it");
        assert_eq!(responses["5XX"], body("Err"));
        assert!(responses.get("401").is_none(), "the bodyless 401 is left to the runtime");
    }

    #[test]
    fn explicit_status_with_another_body_is_not_folded() {
        let mut doc = json!({"paths": {"/a": {"get": {"operationId": "a", "responses": {
            "200": body("Ok"), "404": {"description": "d", "content": {"text/plain": {}}}, "default": body("Err")
        }}}}});
        lower(&mut doc);
        assert!(doc["paths"]["/a"]["get"]["responses"].get("404").is_some());
    }

    #[test]
    fn default_alone_is_kept() {
        let mut doc =
            json!({"paths": {"/a": {"get": {"operationId": "a", "responses": {"default": body("X")}}}}});
        assert_eq!(lower(&mut doc), []);
        assert!(doc["paths"]["/a"]["get"]["responses"].get("default").is_some());
    }

    #[test]
    fn two_success_schemas_is_a_located_error() {
        let mut doc = json!({"paths": {"/a": {"get": {"operationId": "a", "responses": {
            "200": body("A"), "202": body("B")
        }}}}});
        let problems = lower(&mut doc);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].pointer, "/paths/~1a/get/responses");
        assert!(problems[0].message.contains("one success schema"), "{}", problems[0].message);
    }

    #[test]
    fn two_error_schemas_is_a_located_error() {
        let mut doc = json!({"paths": {"/a": {"get": {"operationId": "a", "responses": {
            "200": body("A"), "404": body("E1"), "409": body("E2")
        }}}}});
        let problems = lower(&mut doc);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("one error schema"));
    }

    #[test]
    fn response_refs_are_inlined() {
        let mut doc = json!({
            "components": {"responses": {"E": body("Err")}},
            "paths": {"/a": {"get": {"operationId": "a", "responses": {"404": {"$ref": "#/components/responses/E"}}}}}
        });
        inline_response_refs(&mut doc);
        assert_eq!(doc["paths"]["/a"]["get"]["responses"]["404"], body("Err"));
    }
}
