//! Every `$ref` is local (`#/...`) and resolves to a node of the document.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::extensions::Extensions;
use crate::spec::{in_example, resolve, walk};

pub(super) const RULE: &str = "dangling-ref";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk(doc, "", &mut |node, pointer| {
        let Some(reference) = node.get("$ref") else { return };
        if in_example(pointer) {
            return;
        }
        let at = format!("{pointer}/$ref");
        match reference.as_str() {
            Some(r) if !r.starts_with("#/") => {
                out.push(Diagnostic::new(at, RULE, format!("`{r}` is not a local reference (`#/...`)")))
            }
            Some(r) if resolve(doc, r).is_none() => {
                out.push(Diagnostic::new(at, RULE, format!("`{r}` does not resolve to anything in the spec")))
            }
            Some(_) => {}
            None => out.push(Diagnostic::new(at, RULE, "`$ref` must be a string")),
        }
    });
    out
}
