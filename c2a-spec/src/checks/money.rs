//! Every money amount uses the one `Milpieces` component, never a bare number.
//!
//! A money property is an integer or number whose name contains `amount`, `milpieces` or
//! `price`. Objects such as `price: { $ref: Price }` are not amounts themselves.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, escape_token};
use crate::doc_walk::{SCHEMA_REF_PREFIX, resolve, schema_ref_name, walk_object_schemas};
use crate::extensions::Extensions;

pub(super) const RULE: &str = "money-field";

/// The component every money amount refers to.
pub const MILPIECES: &str = "Milpieces";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk_object_schemas(doc, &mut |props, pointer| {
        for (name, schema) in props {
            if !is_money_name(name) || schema_ref_name(schema) == Some(MILPIECES) {
                continue;
            }
            let ty = schema.get("type").and_then(Value::as_str);
            if matches!(ty, Some("integer" | "number")) {
                out.push(Diagnostic::new(
                    format!("{pointer}/{}", escape_token(name)),
                    RULE,
                    format!(
                        "money field `{name}` is a bare {}; use `$ref: '{SCHEMA_REF_PREFIX}{MILPIECES}'`",
                        ty.unwrap_or_default()
                    ),
                ));
            }
        }
    });
    let milpieces = resolve(doc, &format!("{SCHEMA_REF_PREFIX}{MILPIECES}"));
    let well_formed = milpieces.is_some_and(|m| {
        m.get("type").and_then(Value::as_str) == Some("integer")
            && m.get("format").and_then(Value::as_str) == Some("int64")
    });
    if milpieces.is_some() && !well_formed {
        out.push(Diagnostic::new(
            format!("/components/schemas/{MILPIECES}"),
            RULE,
            "`Milpieces` must be `type: integer, format: int64`",
        ));
    }
    out
}

fn is_money_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["amount", "milpieces", "price"].iter().any(|w| lower.contains(w))
}
