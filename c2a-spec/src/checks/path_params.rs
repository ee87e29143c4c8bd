//! Every `{name}` of a path template is a declared path parameter, and every declared path
//! parameter appears in the template: progenitor panics on the first, and the second could
//! never be sent.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::doc_walk::{operation_parameters, operations};
use crate::extensions::Extensions;

pub(super) const RULE: &str = "path-parameters";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for op in operations(doc) {
        let template = match template_names(op.path) {
            Ok(names) => names,
            Err(message) => {
                out.push(Diagnostic::new(op.pointer(), RULE, message));
                continue;
            }
        };
        let declared: BTreeSet<&str> = operation_parameters(doc, &op)
            .into_iter()
            .filter(|(_, p)| p.get("in").and_then(Value::as_str) == Some("path"))
            .filter_map(|(_, p)| p.get("name").and_then(Value::as_str))
            .collect();
        for name in &template {
            if !declared.contains(name.as_str()) {
                out.push(Diagnostic::new(
                    op.pointer(),
                    RULE,
                    format!("the path names `{{{name}}}` but the operation declares no such path parameter"),
                ));
            }
        }
        for name in declared.iter().filter(|d| !template.iter().any(|t| t == *d)) {
            out.push(Diagnostic::new(
                op.pointer(),
                RULE,
                format!("path parameter `{name}` does not appear in the path `{}`", op.path),
            ));
        }
    }
    out
}

/// The names between braces, in order; an error for an empty or unclosed one.
fn template_names(path: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| format!("unclosed `{{` in the path `{path}`"))?;
        let name = &after[..close];
        if name.is_empty() || name.contains('{') {
            return Err(format!("the path `{path}` has an empty or nested `{{}}`"));
        }
        names.push(name.to_owned());
        rest = &after[close + 1..];
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::template_names;

    #[test]
    fn template_names_are_read_in_order() {
        assert_eq!(template_names("/c2a/{a}/x/{b}"), Ok(vec!["a".to_owned(), "b".to_owned()]));
        assert!(template_names("/c2a/{}/info").is_err());
        assert!(template_names("/c2a/{a").is_err());
    }
}
