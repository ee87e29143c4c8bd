//! The two sides of a comparison: reading and parsing a spec, with located errors.

use std::fmt;
use std::path::Path;

use serde_json::Value;

/// One side of the comparison: the spec's text and how to name it in messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// `HEAD:openapi/c2a.yaml`, `openapi/c2a.yaml`, or a file path as given.
    pub label: String,
    /// The YAML text.
    pub text: String,
}

impl Source {
    /// Reads a file; `label` names it in messages.
    pub fn file(path: &Path, label: &str) -> Result<Self, InputError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| InputError::new(label, format!("cannot read the spec: {e}")))?;
        Ok(Self { label: label.to_owned(), text })
    }
}

/// Why a side could not be compared: one located line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// `file`, `file:line:column` or `file#/json/pointer`.
    pub location: String,
    /// What is wrong, on one line.
    pub message: String,
}

impl InputError {
    /// An error at `location`; line breaks in `message` are folded into spaces.
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        let message: String = message.into();
        Self { location: location.into(), message: message.split_whitespace().collect::<Vec<_>>().join(" ") }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for InputError {}

/// Parses one side like the generator does: YAML errors located by line:column, OpenAPI
/// structure errors by JSON pointer.
pub fn parse(source: &Source) -> Result<Value, InputError> {
    let located = |d: c2a_spec::Diagnostic| {
        let line = d.render(&source.label);
        match line.split_once(": ") {
            Some((location, message)) => InputError::new(location, message),
            None => InputError::new(&source.label, line),
        }
    };
    let doc = c2a_spec::load::parse_yaml(&source.text).map_err(located)?;
    if !doc.is_object() {
        return Err(InputError::new(&source.label, "the spec is not a YAML mapping [openapi-structure]"));
    }
    c2a_spec::load::parse_openapi(&doc).map_err(located)?;
    message_codes(&doc).map_err(located)?;
    Ok(doc)
}

/// Every operation's `x-message-codes` read with the generator's typed model, which the
/// comparison reads them with: the first entry it refuses, located.
fn message_codes(doc: &Value) -> Result<(), c2a_spec::Diagnostic> {
    use c2a_spec::extensions::{MessageCodes, message_codes::KEY};
    for op in c2a_spec::doc_walk::operations(doc) {
        if let Some(value) = op.value.get(KEY) {
            MessageCodes::parse(value, &op.pointer_to(KEY))
                .map_err(|problems| problems.into_iter().next().expect("a refusal names a problem"))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_are_located_on_one_line() {
        let source = |text: &str| Source { label: "x.yaml".to_owned(), text: text.to_owned() };
        let err = parse(&source("a: [1,\n  2\nb: 3\n")).expect_err("bad yaml");
        assert!(err.location.starts_with("x.yaml:"), "{err}");
        assert!(err.message.ends_with("[yaml-syntax]") && !err.message.contains('\n'), "{err}");
        let err = parse(&source("- 1\n")).expect_err("not a mapping");
        assert_eq!(err.to_string(), "x.yaml: the spec is not a YAML mapping [openapi-structure]");
        let err = parse(&source("openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n")).expect_err("no version");
        assert_eq!(err.location, "x.yaml#/info");
    }

    #[test]
    fn message_codes_are_read_with_the_typed_model() {
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: v1}\npaths:\n  /a:\n    get:\n      \
                    x-message-codes:\n        - {code: SUCCESS, meaning: Ok., success: true, provenance: guessed}\n      \
                    responses: {'200': {description: ok}}\n";
        let err =
            parse(&Source { label: "x.yaml".to_owned(), text: spec.to_owned() }).expect_err("bad provenance");
        assert_eq!(
            err.to_string(),
            "x.yaml#/paths/~1a/get/x-message-codes/0/provenance (GET /a): provenance must be `documented`, \
             `sample` or `inferred`, found `guessed` [x-message-codes]"
        );
    }
}
