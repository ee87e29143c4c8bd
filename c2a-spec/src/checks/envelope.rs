//! Every response body is JSON and uses one of the documented envelopes.
//!
//! C2A wraps every answer with an `AzotteStatus` under `status`: `GeneralResponse<T>`
//! (`result` + `status`), domain fields inline next to `status`, or `status` alone. The
//! response component declares which with `x-envelope`; this rule checks that the
//! declaration is there and that the schema has that shape.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::doc_walk::{
    SCHEMA_REF_PREFIX, is_json_media_type, operations, resolve, schema_pointer, schema_ref_name,
};
use crate::extensions::{Envelope, Extensions};

pub(super) const RULE: &str = "response-envelope";

/// The component every envelope's `status` refers to.
pub const STATUS_SCHEMA: &str = "AzotteStatus";

pub(super) fn check(doc: &Value, ext: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for op in operations(doc) {
        for (status, response) in op.responses() {
            let response = match response.get("$ref").and_then(Value::as_str) {
                Some(r) => match resolve(doc, r) {
                    Some(target) => target,
                    None => continue, // reported by dangling-ref
                },
                None => response,
            };
            let Some(content) = response.get("content").and_then(Value::as_object) else { continue };
            for (media_type, media) in content {
                let at = op.pointer_to(&format!(
                    "responses/{status}/content/{}",
                    crate::diagnostic::escape_token(media_type)
                ));
                if !is_json_media_type(media_type) {
                    out.push(Diagnostic::new(
                        &at,
                        RULE,
                        format!("response media type `{media_type}` is not JSON"),
                    ));
                    continue;
                }
                // It becomes the literal `Accept` header value of the request (built at
                // compile time), so it must be one an HTTP header can carry.
                if !media_type.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b)) {
                    out.push(Diagnostic::new(
                        &at,
                        RULE,
                        format!("response media type `{media_type}` is not a valid HTTP header value (visible ASCII only)"),
                    ));
                    continue;
                }
                let schema = media.get("schema");
                let name = schema
                    .and_then(|s| s.get("$ref"))
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix(SCHEMA_REF_PREFIX));
                let Some(name) = name else {
                    out.push(Diagnostic::new(
                        format!("{at}/schema"),
                        RULE,
                        format!(
                            "the {status} response must `$ref` a component schema that declares `x-envelope`"
                        ),
                    ));
                    continue;
                };
                out.extend(check_envelope(doc, ext, name));
            }
        }
    }
    out.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    out.dedup();
    out
}

/// Checks that component `name` declares a valid envelope and has its shape.
fn check_envelope(doc: &Value, ext: &Extensions, name: &str) -> Vec<Diagnostic> {
    let at = schema_pointer(name);
    let Some(schema) = resolve(doc, &format!("{SCHEMA_REF_PREFIX}{name}")) else { return Vec::new() };
    let Some(kind) = ext.envelope(name) else {
        if schema.get("x-envelope").is_some() {
            return Vec::new(); // malformed: reported by the extension model
        }
        return vec![Diagnostic::new(
            at,
            RULE,
            format!("response schema `{name}` needs `x-envelope: general|inline|status`"),
        )];
    };
    let mut out = Vec::new();
    let props = schema.get("properties").and_then(Value::as_object);
    let has = |p: &str| props.is_some_and(|m| m.contains_key(p));
    let required =
        |p: &str| schema.get("required").and_then(Value::as_array).is_some_and(|r| r.iter().any(|v| v == p));
    let status_ref = props.and_then(|m| m.get("status")).and_then(schema_ref_name);
    if status_ref != Some(STATUS_SCHEMA) || !required("status") {
        out.push(Diagnostic::new(
            &at,
            RULE,
            format!("`{name}` must have a required `status` referring to `{STATUS_SCHEMA}`"),
        ));
    }
    match kind {
        Envelope::General if !has("result") => out.push(Diagnostic::new(
            &at,
            RULE,
            format!("`{name}` is a `general` envelope but has no `result` property"),
        )),
        Envelope::Status if props.is_some_and(|m| m.len() > 1) => out.push(Diagnostic::new(
            &at,
            RULE,
            format!("`{name}` is a `status` envelope but has properties besides `status`"),
        )),
        _ => {}
    }
    out
}
