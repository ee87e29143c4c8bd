//! The document is OpenAPI 3.0.x: progenitor rejects 3.1, and 2.0 is another format.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::extensions::Extensions;

pub(super) const RULE: &str = "openapi-version";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    match doc.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0.") => Vec::new(),
        Some(v) => vec![Diagnostic::new("/openapi", RULE, format!("OpenAPI version `{v}` is not 3.0.x"))],
        None => vec![Diagnostic::new("/openapi", RULE, "the `openapi: 3.0.x` field is missing")],
    }
}
