//! Every enum is a named component, so that it becomes one named Rust type (and, later, one
//! forward-compatible enum) instead of an anonymous type per use; and its values become
//! distinct Rust variants.
//!
//! typify names a variant after its value (`PascalCase`, other characters dropped, a
//! keyword gets a trailing `_`), so `[a-b, a_b]` or `[self, Self]` would give one variant
//! twice, and the `open_enums` pass adds `Unknown` itself. Both are refused here, before
//! typify sees them.

use std::collections::BTreeMap;

use heck::ToPascalCase;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::extensions::{Extensions, is_keyword};
use crate::doc_walk::walk_schemas;

pub(super) const RULE: &str = "named-enum";

/// The variant the `open_enums` pass adds for values it does not know.
const UNKNOWN_VARIANT: &str = "Unknown";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk_schemas(doc, &mut |node, pointer, is_component| {
        let Some(values) = node.get("enum").and_then(Value::as_array) else { return };
        if !is_component {
            out.push(Diagnostic::new(
                format!("{pointer}/enum"),
                RULE,
                "inline enum: declare it as a named component under `components/schemas` and `$ref` it",
            ));
            return;
        }
        let mut variants: BTreeMap<String, &str> = BTreeMap::new();
        for (i, value) in values.iter().enumerate() {
            let Some(value) = value.as_str() else { continue };
            let at = format!("{pointer}/enum/{i}");
            let variant = variant_name(value);
            if variant == UNKNOWN_VARIANT {
                out.push(Diagnostic::new(
                    at,
                    RULE,
                    format!("`{value}` would become the variant `Unknown`, which the client keeps for values it does not know"),
                ));
            } else if let Some(first) = variants.get(&variant) {
                let message = if *first == value {
                    format!("`{value}` is listed twice")
                } else {
                    format!("`{value}` and `{first}` both become the Rust variant `{variant}`")
                };
                out.push(Diagnostic::new(at, RULE, message));
            } else {
                variants.insert(variant, value);
            }
        }
    });
    out
}

/// The Rust variant typify 0.8 gives a string enum value (its `sanitize` in Pascal case).
fn variant_name(value: &str) -> String {
    let cleaned: String = value
        .replace('\'', "")
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '_' { c } else { '-' })
        .collect();
    let mut name = match value {
        "+1" => "Plus1".to_owned(),
        "-1" => "Minus1".to_owned(),
        _ => cleaned.to_pascal_case(),
    };
    if !name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        name = format!("X{name}");
    }
    if is_keyword(&name) { format!("{name}_") } else { name }
}

#[cfg(test)]
mod tests {
    use super::variant_name;

    #[test]
    fn variant_names_follow_typify() {
        assert_eq!(variant_name("CHECK_OUT_DONE"), "CheckOutDone");
        assert_eq!(variant_name("a-b"), variant_name("a_b"));
        assert_eq!(variant_name("self"), "Self_");
        assert_eq!(variant_name("Self"), "Self_");
        assert_eq!(variant_name("unknown"), "Unknown");
        assert_eq!(variant_name("3ds"), "X3ds");
        assert_eq!(variant_name(""), "X");
    }
}
