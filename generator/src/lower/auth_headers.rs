//! Credential headers are client configuration, not per-call arguments.
//!
//! progenitor ignores `securitySchemes` but turns every header parameter into an argument of
//! every call. Our spec declares `x-api-key` and `x-tn` as `apiKey` security schemes; if an
//! operation (or path item) also lists one of them as a header parameter, that parameter is
//! dropped here. The runtime's client builder sets the headers once.

use serde_json::Value;

use super::LoweringNotes;
use c2a_spec::doc_walk::{METHODS, resolve};

/// Drops header parameters that duplicate `apiKey`-in-header security schemes.
pub fn lower(doc: &mut Value, notes: &mut LoweringNotes) {
    let mut headers: Vec<String> = doc
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.values())
        .filter(|s| s.get("type").and_then(Value::as_str) == Some("apiKey"))
        .filter(|s| s.get("in").and_then(Value::as_str) == Some("header"))
        .filter_map(|s| s.get("name").and_then(Value::as_str))
        .map(str::to_ascii_lowercase)
        .collect();
    headers.sort();
    headers.dedup();
    if headers.is_empty() {
        return;
    }
    let original = doc.clone();
    let is_credential = |param: &Value| {
        let param = match param.get("$ref").and_then(Value::as_str) {
            Some(r) => resolve(&original, r).unwrap_or(param),
            None => param,
        };
        param.get("in").and_then(Value::as_str) == Some("header")
            && param
                .get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| headers.contains(&n.to_ascii_lowercase()))
    };
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            retain_params(item, &is_credential);
            for method in METHODS {
                if let Some(op) = item.get_mut(method) {
                    retain_params(op, &is_credential);
                }
            }
        }
    }
    notes.credential_headers = headers;
}

fn retain_params(node: &mut Value, is_credential: &impl Fn(&Value) -> bool) {
    if let Some(params) = node.get_mut("parameters").and_then(Value::as_array_mut) {
        params.retain(|p| !is_credential(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credential_header_parameters_are_dropped_everywhere() {
        let mut doc = json!({
            "components": {
                "securitySchemes": {
                    "ApiKey": {"type": "apiKey", "in": "header", "name": "x-api-key"},
                    "Tenant": {"type": "apiKey", "in": "header", "name": "X-TN"}
                },
                "parameters": {"Tn": {"name": "x-tn", "in": "header", "schema": {"type": "string"}}}
            },
            "paths": {"/a": {
                "parameters": [{"name": "x-api-key", "in": "header"}],
                "get": {"parameters": [
                    {"$ref": "#/components/parameters/Tn"},
                    {"name": "x-api-key", "in": "query"},
                    {"name": "x-request-id", "in": "header"}
                ]}
            }}
        });
        let mut notes = LoweringNotes::default();
        lower(&mut doc, &mut notes);
        assert_eq!(doc["paths"]["/a"]["parameters"], json!([]));
        assert_eq!(
            doc["paths"]["/a"]["get"]["parameters"],
            json!([{"name": "x-api-key", "in": "query"}, {"name": "x-request-id", "in": "header"}])
        );
        assert_eq!(notes.credential_headers, ["x-api-key", "x-tn"]);
    }
}
