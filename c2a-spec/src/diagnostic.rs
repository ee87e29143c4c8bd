//! Located, one-line errors about the spec.

use std::fmt;

/// One problem found in the spec: where it is, which rule it breaks, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// JSON pointer into the spec document (`/paths/~1c2a~1x/post/operationId`), or `""` for
    /// the whole document. For YAML syntax errors, `line:column` instead.
    pub pointer: String,
    /// Short identifier of the rule that failed, e.g. `unique-operation-id`.
    pub rule: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `pointer` for `rule`.
    pub fn new(pointer: impl Into<String>, rule: &'static str, message: impl Into<String>) -> Self {
        Self { pointer: pointer.into(), rule, message: message.into() }
    }

    /// Renders the diagnostic as one line, prefixed with the spec's file name.
    ///
    /// Pointers into an operation also name the operation as `METHOD /path`, which is how a
    /// reader finds it in the YAML.
    pub fn render(&self, file: &str) -> String {
        let location = if self.pointer.is_empty() {
            file.to_owned()
        } else if self.pointer.starts_with('/') {
            format!("{file}#{}", self.pointer)
        } else {
            format!("{file}:{}", self.pointer)
        };
        match operation_of(&self.pointer) {
            Some(op) => format!("{location} ({op}): {} [{}]", self.message, self.rule),
            None => format!("{location}: {} [{}]", self.message, self.rule),
        }
    }
}

/// All diagnostics of one run; the error type of [`crate::check`] (and of the generator).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics {
    /// The spec's file name as the user knows it, used as the prefix of every line.
    pub file: String,
    /// The problems, in document order of the rules that found them.
    pub items: Vec<Diagnostic>,
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", d.render(&self.file))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one reference token of a JSON pointer (RFC 6901).
pub fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// `POST /c2a/customer/store` when `pointer` is inside an operation.
fn operation_of(pointer: &str) -> Option<String> {
    let mut tokens = pointer.strip_prefix("/paths/")?.split('/');
    let path = unescape_token(tokens.next()?);
    let method = tokens.next()?;
    crate::doc_walk::METHODS.contains(&method).then(|| format!("{} {path}", method.to_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_names_file_pointer_operation_and_rule() {
        let d = Diagnostic::new(
            "/paths/~1c2a~1customer~1store/post/operationId",
            "unique-operation-id",
            "duplicate operationId `store`",
        );
        assert_eq!(
            d.render("openapi/c2a.yaml"),
            "openapi/c2a.yaml#/paths/~1c2a~1customer~1store/post/operationId \
             (POST /c2a/customer/store): duplicate operationId `store` [unique-operation-id]"
        );
    }

    #[test]
    fn render_of_yaml_position_and_whole_document() {
        assert_eq!(Diagnostic::new("3:7", "yaml", "bad").render("a.yaml"), "a.yaml:3:7: bad [yaml]");
        assert_eq!(Diagnostic::new("", "r", "m").render("a.yaml"), "a.yaml: m [r]");
    }

    #[test]
    fn pointer_tokens_round_trip() {
        let raw = "/c2a/{id}~x";
        assert_eq!(unescape_token(&escape_token(raw)), raw);
        assert_eq!(escape_token(raw), "~1c2a~1{id}~0x");
    }
}
