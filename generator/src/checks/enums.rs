//! Every enum is a named component, so that it becomes one named Rust type (and, later, one
//! forward-compatible enum) instead of an anonymous type per use.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::extensions::Extensions;
use crate::spec::{in_example, walk};

pub(super) const RULE: &str = "named-enum";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk(doc, "", &mut |node, pointer| {
        if node.get("enum").is_none_or(|e| !e.is_array()) || in_example(pointer) {
            return;
        }
        let tokens: Vec<&str> = pointer.split('/').collect();
        let is_component = matches!(tokens.as_slice(), ["", "components", "schemas", _]);
        if !is_component {
            out.push(Diagnostic::new(
                format!("{pointer}/enum"),
                RULE,
                "inline enum: declare it as a named component under `components/schemas` and `$ref` it",
            ));
        }
    });
    out
}
