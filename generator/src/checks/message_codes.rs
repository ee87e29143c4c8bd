//! Every operation records the messageCodes the docs list for it in `x-message-codes`.
//!
//! The client decides success from `status.messageCode`, so each operation needs at least
//! one code marked `success: true`, and every entry must be well formed.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::spec::operations;

pub(super) const RULE: &str = "message-codes";

/// The provenance values the spec may use.
pub const PROVENANCES: [&str; 3] = ["documented", "sample", "inferred"];

pub(super) fn check(doc: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for op in operations(doc) {
        let at = op.pointer_to("x-message-codes");
        let Some(entries) = op.value.get("x-message-codes").and_then(Value::as_array) else {
            out.push(Diagnostic::new(op.pointer(), RULE, "the operation has no `x-message-codes` list"));
            continue;
        };
        let mut seen = BTreeSet::new();
        let mut any_success = false;
        for (i, entry) in entries.iter().enumerate() {
            let here = format!("{at}/{i}");
            let mut problem = |m: String| out.push(Diagnostic::new(&here, RULE, m));
            let code = entry.get("code").and_then(Value::as_str).unwrap_or("");
            if !is_message_code(code) {
                problem(format!("`code` must be an UPPER_SNAKE messageCode, found `{code}`"));
            } else if !seen.insert(code) {
                problem(format!("messageCode `{code}` is listed twice"));
            }
            if entry.get("meaning").and_then(Value::as_str).is_none_or(str::is_empty) {
                problem(format!("`{code}` has no `meaning`"));
            }
            match entry.get("success").and_then(Value::as_bool) {
                Some(s) => any_success |= s,
                None => problem(format!("`{code}` needs `success: true|false`")),
            }
            if let Some(http) = entry.get("http")
                && !http.as_u64().is_some_and(|h| (100..=599).contains(&h))
            {
                problem(format!("`{code}` has `http: {http}`, not an HTTP status"));
            }
            if entry.get("retryable").is_some_and(|r| !r.is_boolean()) {
                problem(format!("`{code}` has a non-boolean `retryable`"));
            }
            let provenance = entry.get("provenance").and_then(Value::as_str).unwrap_or("");
            if !PROVENANCES.contains(&provenance) {
                problem(format!("`{code}` needs `provenance: documented|sample|inferred`"));
            }
        }
        if !any_success {
            out.push(Diagnostic::new(at, RULE, "no messageCode is marked `success: true`"));
        }
    }
    out
}

fn is_message_code(code: &str) -> bool {
    code.starts_with(|c: char| c.is_ascii_uppercase())
        && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}
