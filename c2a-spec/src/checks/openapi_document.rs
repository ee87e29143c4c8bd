//! The document is an OpenAPI object: a mapping with `info` and `paths` (its `openapi`
//! member is the `openapi-version` rule's). Without them the structural parse can only say
//! "missing field" with nowhere to point; this rule names the missing member, at the
//! document root, before anything else reads the document.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::extensions::Extensions;

pub(super) const RULE: &str = "openapi-document";

/// The members every spec needs, with what they hold.
const REQUIRED: [(&str, &str); 2] = [
    ("info", "the API's `title` and `version`"),
    ("paths", "the operations (`paths: {}` when there are none)"),
];

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let Some(root) = doc.as_object() else {
        return vec![Diagnostic::new(
            "",
            RULE,
            format!("the spec must be a mapping with `openapi`, `info` and `paths`, found {}", kind(doc)),
        )];
    };
    let mut out = Vec::new();
    for (member, holds) in REQUIRED {
        match root.get(member) {
            None => out.push(Diagnostic::new(
                "",
                RULE,
                format!(
                    "the document has no `{member}`: OpenAPI requires it at the top level, holding {holds}"
                ),
            )),
            Some(value) if !value.is_object() => out.push(Diagnostic::new(
                format!("/{member}"),
                RULE,
                format!("`{member}` must be a mapping holding {holds}, found {}", kind(value)),
            )),
            Some(_) => {}
        }
    }
    out
}

/// What a value is, in a spec author's words.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn found(doc: &Value) -> Vec<(String, String)> {
        check(doc, &Extensions::default()).into_iter().map(|d| (d.pointer, d.message)).collect()
    }

    #[test]
    fn missing_members_are_named_at_the_root() {
        let problems = found(&json!({"openapi": "3.0.3"}));
        let pointers: Vec<&str> = problems.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(pointers, ["", ""]);
        assert!(problems[0].1.contains("no `info`"), "{problems:?}");
        assert!(problems[1].1.contains("no `paths`"), "{problems:?}");
        assert_eq!(found(&json!({"info": {}, "paths": {}})), []);
    }

    #[test]
    fn members_and_documents_of_the_wrong_kind() {
        let problems = found(&json!({"info": "Fixture", "paths": null}));
        assert_eq!(problems[0].0, "/info");
        assert!(problems[1].1.ends_with("found nothing"), "{problems:?}");
        assert!(found(&json!(["a"]))[0].1.ends_with("found a list"));
        assert_eq!(found(&Value::Null)[0].0, "");
    }

    #[test]
    fn no_other_rule_misreports_a_document_without_its_members() {
        for text in ["", "[a]", "5", "openapi: 3.0.3", "openapi: 3.0.3\ninfo: {title: t, version: '1'}"] {
            let err = crate::check(text, "t.yaml").expect_err(text);
            let rules: Vec<&str> = err.items.iter().map(|d| d.rule).collect();
            assert!(rules.contains(&RULE), "{text:?}: {err}");
            assert!(rules.iter().all(|r| [RULE, "openapi-version"].contains(r)), "{text:?}: {err}");
        }
    }
}
