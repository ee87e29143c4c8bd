//! Strict reading of extension values: objects with a fixed set of keys, typed fields, and
//! the identifier rules for values that become Rust names. Every problem is recorded with
//! the JSON pointer of the node it is about; reading goes on so that one run lists them all.

use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, escape_token};

pub use crate::rust_names::is_keyword;

/// `^[a-z][a-z0-9]*(_[a-z0-9]+)*$` and not a keyword: a function, method or field name.
pub fn is_snake_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.split('_').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && !is_keyword(name)
}

/// `^[A-Z][A-Za-z0-9]*$` and not a keyword: a type or variant name.
pub fn is_type_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && !is_keyword(name)
}

/// Collects problems for one extension (its rule is the extension's key).
pub(crate) struct Problems {
    pub(crate) rule: &'static str,
    pub(crate) items: Vec<Diagnostic>,
}

impl Problems {
    pub(crate) fn new(rule: &'static str) -> Self {
        Self { rule, items: Vec::new() }
    }

    pub(crate) fn push(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.items.push(Diagnostic::new(at, self.rule, message));
    }

    /// `Ok(value)` when nothing was recorded, else every problem.
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, Vec<Diagnostic>> {
        match value {
            Some(value) if self.items.is_empty() => Ok(value),
            _ => Err(self.items),
        }
    }
}

/// An extension object whose keys are checked against a fixed list.
pub(crate) struct Fields<'v> {
    map: &'v Map<String, Value>,
    /// Pointer to the object.
    pub(crate) at: String,
}

impl<'v> Fields<'v> {
    /// Reads `value` as an object with only `allowed` keys; records each unknown key.
    pub(crate) fn open(
        value: &'v Value,
        at: &str,
        allowed: &[&str],
        problems: &mut Problems,
    ) -> Option<Self> {
        let Some(map) = value.as_object() else {
            problems.push(at, format!("must be an object with keys {}", list(allowed)));
            return None;
        };
        for key in map.keys().filter(|k| !allowed.contains(&k.as_str())) {
            problems.push(
                format!("{at}/{}", escape_token(key)),
                format!("unknown key `{key}` (expected {})", list(allowed)),
            );
        }
        Some(Self { map, at: at.to_owned() })
    }

    /// Pointer to `key` in this object.
    pub(crate) fn pointer(&self, key: &str) -> String {
        format!("{}/{}", self.at, escape_token(key))
    }

    /// The raw value under `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key)
    }

    /// A string under `key`, if present; a non-string is recorded.
    pub(crate) fn opt_str(&self, key: &str, problems: &mut Problems) -> Option<&'v str> {
        let value = self.map.get(key)?;
        let text = value.as_str();
        if text.is_none() {
            problems.push(self.pointer(key), format!("`{key}` must be a string, found {value}"));
        }
        text
    }

    /// A string under `key`, which must be there.
    pub(crate) fn str(&self, key: &str, problems: &mut Problems) -> Option<&'v str> {
        if !self.map.contains_key(key) {
            problems.push(&self.at, format!("`{key}` is required"));
            return None;
        }
        self.opt_str(key, problems)
    }

    /// A non-empty string under `key`, which must be there.
    pub(crate) fn text(&self, key: &str, problems: &mut Problems) -> Option<&'v str> {
        let text = self.str(key, problems)?;
        if text.trim().is_empty() {
            problems.push(self.pointer(key), format!("`{key}` must not be empty"));
            return None;
        }
        Some(text)
    }

    /// A boolean under `key`, if present; anything else is recorded.
    pub(crate) fn opt_bool(&self, key: &str, problems: &mut Problems) -> Option<bool> {
        let value = self.map.get(key)?;
        let flag = value.as_bool();
        if flag.is_none() {
            problems.push(self.pointer(key), format!("`{key}` must be `true` or `false`, found {value}"));
        }
        flag
    }

    /// A snake_case Rust name under `key` (required).
    pub(crate) fn snake_ident(&self, key: &str, problems: &mut Problems) -> Option<&'v str> {
        let name = self.str(key, problems)?;
        check_snake_ident(name, &self.pointer(key), key, problems)
    }

    /// A PascalCase Rust type or variant name under `key` (required).
    pub(crate) fn type_ident(&self, key: &str, problems: &mut Problems) -> Option<&'v str> {
        let name = self.str(key, problems)?;
        check_type_ident(name, &self.pointer(key), key, problems)
    }

    /// A JSON pointer (`/a/b`) under `key` (required).
    pub(crate) fn json_pointer(&self, key: &str, problems: &mut Problems) -> Option<&'v str> {
        let pointer = self.str(key, problems)?;
        if !pointer.starts_with('/') || pointer.len() < 2 {
            problems.push(
                self.pointer(key),
                format!("`{key}` must be a JSON pointer such as `/field`, found `{pointer}`"),
            );
            return None;
        }
        Some(pointer)
    }
}

/// Records a problem unless `name` is a snake_case, non-keyword Rust name.
pub(crate) fn check_snake_ident<'n>(
    name: &'n str,
    at: &str,
    what: &str,
    problems: &mut Problems,
) -> Option<&'n str> {
    if is_snake_ident(name) {
        return Some(name);
    }
    problems.push(
        at,
        format!("`{what}` becomes a Rust name and must be snake_case and not a keyword, found `{name}`"),
    );
    None
}

/// Records a problem unless `name` is a PascalCase, non-keyword Rust name.
pub(crate) fn check_type_ident<'n>(
    name: &'n str,
    at: &str,
    what: &str,
    problems: &mut Problems,
) -> Option<&'n str> {
    if is_type_ident(name) {
        return Some(name);
    }
    problems.push(
        at,
        format!("`{what}` becomes a Rust name and must be PascalCase and not a keyword, found `{name}`"),
    );
    None
}

fn list(keys: &[&str]) -> String {
    keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_rules() {
        assert!(is_snake_ident("checkout"));
        assert!(is_snake_ident("wait_2"));
        for bad in ["", "fn", "self", "check out!", "Checkout", "a__b", "_a"] {
            assert!(!is_snake_ident(bad), "{bad}");
        }
        assert!(is_type_ident("CheckoutOutcome"));
        for bad in ["", "Self", "checkout", "Check_Out", "A-B"] {
            assert!(!is_type_ident(bad), "{bad}");
        }
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_all_located() {
        let value = serde_json::json!({"name": 5, "extra": 1});
        let mut problems = Problems::new("x-test");
        let fields = Fields::open(&value, "/x", &["name", "flag"], &mut problems).expect("object");
        assert_eq!(fields.str("name", &mut problems), None);
        let pointers: Vec<_> = problems.items.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/x/extra", "/x/name"]);
    }
}
