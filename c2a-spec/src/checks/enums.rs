//! Every enum is a named component of string values, so that it becomes one named Rust type
//! (and, later, one forward-compatible enum) instead of an anonymous type per use; and its
//! values become distinct Rust variants.
//!
//! typify names a variant after its value ([`rust_names::variant_names`]), so `[a-b, a_b]`
//! or `[self, Self]` would give one variant twice, and the `open_enums` pass adds `Unknown`
//! itself. The same holds for the `MessageCode` enum the generator makes of every code of
//! every `x-message-codes`. All of these are refused here, before typify sees them, and so
//! is a value that is not a string (typify fails on it, or makes a closed non-enum type).

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::doc_walk::{operations, walk_schemas};
use crate::extensions::Extensions;
use crate::rust_names::{self, clashes, variant_names};

pub(super) const RULE: &str = "named-enum";

/// The variant the `open_enums` pass adds for values it does not know.
const UNKNOWN_VARIANT: &str = "Unknown";

pub(super) fn check(doc: &Value, ext: &Extensions) -> Vec<Diagnostic> {
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
        let mut strings = Vec::new();
        for (i, value) in values.iter().enumerate() {
            match value {
                Value::String(s) => strings.push((format!("{pointer}/enum/{i}"), s.as_str())),
                // `null` in a `nullable` enum makes the field optional; typify takes it.
                Value::Null => {}
                other => out.push(Diagnostic::new(
                    format!("{pointer}/enum/{i}"),
                    RULE,
                    format!("enum value `{other}` is not a string: only string enums become Rust enums"),
                )),
            }
        }
        out.extend(variant_problems(&strings, ("the Rust variant", "the variant")));
    });
    out.extend(message_code_problems(doc, ext));
    out
}

/// The message codes of every operation, each once (the first place it is listed), become
/// one `MessageCode` enum.
fn message_code_problems(doc: &Value, ext: &Extensions) -> Vec<Diagnostic> {
    let mut codes: Vec<(String, &str)> = Vec::new();
    for (op, op_ext) in operations(doc).iter().zip(&ext.operations) {
        for (i, entry) in op_ext.message_codes.iter().enumerate() {
            if !codes.iter().any(|(_, c)| *c == entry.code) {
                codes.push((op.pointer_to(&format!("x-message-codes/{i}/code")), &entry.code));
            }
        }
    }
    variant_problems(&codes, ("the `MessageCode` variant", "the `MessageCode` variant"))
}

/// Values (with their pointers) that typify would turn into one variant twice, or into
/// the reserved `Unknown`; `what` names the variant in the two messages.
fn variant_problems(values: &[(String, &str)], what: (&str, &str)) -> Vec<Diagnostic> {
    let (clash_what, unknown_what) = what;
    let raw: Vec<&str> = values.iter().map(|(_, v)| *v).collect();
    let names = variant_names(&raw);
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if name == UNKNOWN_VARIANT {
            out.push((
                i,
                format!("`{}` would become {unknown_what} `Unknown`, which the client keeps for values it does not know", raw[i]),
            ));
        }
    }
    for (i, first) in clashes(&names) {
        let (value, earlier) = (raw[i], raw[first]);
        let message = if value == earlier {
            format!("`{value}` is listed twice")
        } else {
            // Name the variant as a reader expects it: typify's first spelling, unless only
            // its second try makes the two equal.
            let simple = rust_names::type_name(value);
            let name = if simple == rust_names::type_name(earlier) { simple } else { names[i].clone() };
            format!("`{value}` and `{earlier}` both become {clash_what} `{name}`")
        };
        out.push((i, message));
    }
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(i, message)| Diagnostic::new(&values[i].0, RULE, message)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(doc: &Value) -> Vec<(String, String)> {
        let (ext, _) = Extensions::read(doc);
        check(doc, &ext).into_iter().map(|d| (d.pointer, d.message)).collect()
    }

    #[test]
    fn values_typify_can_tell_apart_on_its_second_try_are_accepted() {
        let doc =
            json!({"components": {"schemas": {"E": {"type": "string", "enum": ["foo_bar", "FooBar"]}}}});
        assert_eq!(problems(&doc), []);
    }

    #[test]
    fn non_string_values_are_refused_one_by_one_but_null_is_not() {
        let doc = json!({"components": {"schemas": {
            "N": {"type": "integer", "enum": [1, 2]},
            "S": {"type": "string", "nullable": true, "enum": ["a", null, true]},
        }}});
        let pointers: Vec<String> = problems(&doc).into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            pointers,
            ["/components/schemas/N/enum/0", "/components/schemas/N/enum/1", "/components/schemas/S/enum/2"]
        );
    }

    #[test]
    fn message_codes_of_all_operations_are_one_enum() {
        let codes = |list: Value| json!({"x-message-codes": list, "responses": {}});
        let entry =
            |code: &str| json!({"code": code, "meaning": "m", "success": true, "provenance": "documented"});
        let doc = json!({"paths": {
            "/a": {"get": codes(json!([entry("DONE"), entry("UNKNOWN")]))},
            "/b": {"get": codes(json!([entry("DONE"), entry("DO_NE")]))},
        }});
        assert_eq!(
            problems(&doc),
            [("/paths/~1a/get/x-message-codes/1/code".to_owned(),
              "`UNKNOWN` would become the `MessageCode` variant `Unknown`, which the client keeps for values it does not know".to_owned())]
        );
    }
}
