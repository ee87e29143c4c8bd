//! Extensions on operations and parameters: `x-idempotency-key`, `x-doc-id`, `x-rust-name`.

use serde_json::Value;

use super::read::{Fields, Problems, check_snake_ident};
use crate::diagnostic::Diagnostic;

/// `x-idempotency-key`: where the caller's key that makes a repeat safe lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdempotencyKey {
    /// `{ in: body, pointer: /order/correlationId }`.
    Body {
        /// JSON pointer into the request body.
        pointer: String,
    },
    /// `{ in: query, name: p }`.
    Query {
        /// The query parameter's wire name.
        name: String,
    },
}

impl IdempotencyKey {
    /// The extension's key.
    pub const KEY: &str = "x-idempotency-key";

    /// Parses the extension's value found at `at`.
    pub fn parse(value: &Value, at: &str) -> Result<Self, Vec<Diagnostic>> {
        let mut p = Problems::new(Self::KEY);
        let Some(fields) = Fields::open(value, at, &["in", "pointer", "name"], &mut p) else {
            return p.finish(None);
        };
        let key = match fields.str("in", &mut p) {
            Some("body") => {
                if fields.get("name").is_some() {
                    p.push(fields.pointer("name"), "a body key has a `pointer`, not a `name`");
                }
                fields
                    .json_pointer("pointer", &mut p)
                    .map(|pointer| Self::Body { pointer: pointer.to_owned() })
            }
            Some("query") => {
                if fields.get("pointer").is_some() {
                    p.push(fields.pointer("pointer"), "a query key has a `name`, not a `pointer`");
                }
                fields.text("name", &mut p).map(|name| Self::Query { name: name.to_owned() })
            }
            Some(other) => {
                p.push(fields.pointer("in"), format!("`in` must be `body` or `query`, found `{other}`"));
                None
            }
            None => None,
        };
        p.finish(key)
    }
}

/// `x-doc-id`: the docs' number for the operation (`C2A-01-02`).
pub fn parse_doc_id(value: &Value, at: &str) -> Result<String, Vec<Diagnostic>> {
    let mut p = Problems::new("x-doc-id");
    let id = value.as_str().filter(|s| !s.trim().is_empty()).map(str::to_owned);
    if id.is_none() {
        p.push(at, format!("`x-doc-id` must be a non-empty string, found {value}"));
    }
    p.finish(id)
}

/// `x-rust-name` on a parameter: the Rust name of its builder method (the wire name is
/// unchanged). snake_case and not a keyword.
pub fn parse_rust_name(value: &Value, at: &str) -> Result<String, Vec<Diagnostic>> {
    let mut p = Problems::new("x-rust-name");
    let name = match value.as_str() {
        Some(name) => check_snake_ident(name, at, "x-rust-name", &mut p).map(str::to_owned),
        None => {
            p.push(at, format!("`x-rust-name` must be a string, found {value}"));
            None
        }
    };
    p.finish(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn idempotency_key_forms() {
        assert_eq!(
            IdempotencyKey::parse(&json!({"in": "body", "pointer": "/a/b"}), "/k"),
            Ok(IdempotencyKey::Body { pointer: "/a/b".into() })
        );
        assert_eq!(
            IdempotencyKey::parse(&json!({"in": "query", "name": "p"}), "/k"),
            Ok(IdempotencyKey::Query { name: "p".into() })
        );
        let problems =
            IdempotencyKey::parse(&json!({"in": "header", "nmae": "k"}), "/k").expect_err("broken");
        let pointers: Vec<_> = problems.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/k/nmae", "/k/in"]);
    }

    #[test]
    fn rust_name_is_a_snake_case_identifier() {
        assert_eq!(parse_rust_name(&json!("page_size"), "/r"), Ok("page_size".into()));
        for bad in [json!("type"), json!("pageSize"), json!(""), json!(3)] {
            assert!(parse_rust_name(&bad, "/r").is_err(), "{bad}");
        }
    }
}
