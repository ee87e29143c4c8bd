//! Every operation has exactly one declared tag (its area) and links to its doc page.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::doc_walk::operations;
use crate::extensions::Extensions;

pub(super) const RULE: &str = "operation-docs";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let declared: BTreeSet<&str> = doc
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("name").and_then(Value::as_str))
        .collect();
    let mut out = Vec::new();
    for op in operations(doc) {
        let tags: Vec<&str> = op
            .value
            .get("tags")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        match tags.as_slice() {
            [tag] if declared.contains(tag) => {}
            [tag] => out.push(Diagnostic::new(
                op.pointer_to("tags/0"),
                RULE,
                format!("tag `{tag}` is not declared in the top-level `tags`"),
            )),
            _ => out.push(Diagnostic::new(
                op.pointer_to("tags"),
                RULE,
                format!("an operation needs exactly one tag (its area), found {}", tags.len()),
            )),
        }
        match op.value.pointer("/externalDocs/url").and_then(Value::as_str) {
            Some(url) if url.starts_with("https://") => {}
            Some(url) => out.push(Diagnostic::new(
                op.pointer_to("externalDocs/url"),
                RULE,
                format!("doc link `{url}` is not an https URL"),
            )),
            None => out.push(Diagnostic::new(
                op.pointer(),
                RULE,
                "the operation has no `externalDocs.url` linking its doc page",
            )),
        }
    }
    out
}
