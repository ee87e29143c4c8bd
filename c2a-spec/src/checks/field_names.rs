//! The properties of one schema become distinct Rust fields: typify names a field after
//! its property in snake_case ([`rust_names::field_name`]), so `amountMilpieces` and
//! `amount_milpieces`, or `type` and `type_`, would declare one field twice.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, escape_token};
use crate::doc_walk::walk_object_schemas;
use crate::extensions::Extensions;
use crate::rust_names::{self, clashes};

pub(super) const RULE: &str = "rust-field-names";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk_object_schemas(doc, &mut |props, pointer| {
        let wire: Vec<&str> = props.keys().map(String::as_str).collect();
        let fields: Vec<String> = wire.iter().map(|p| rust_names::field_name(p)).collect();
        for (i, first) in clashes(&fields) {
            out.push(Diagnostic::new(
                format!("{pointer}/{}", escape_token(wire[i])),
                RULE,
                format!(
                    "properties `{}` and `{}` both become the Rust field `{}`",
                    wire[i], wire[first], fields[i]
                ),
            ));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn properties_that_become_one_field_are_located_at_the_second() {
        let doc = json!({"components": {"schemas": {"Thing": {"type": "object", "properties": {
            "amountMilpieces": {}, "type": {}, "amount_milpieces": {}, "type_": {}, "kind": {},
        }}}}});
        let found: Vec<_> =
            check(&doc, &Extensions::default()).into_iter().map(|d| (d.pointer, d.message)).collect();
        assert_eq!(
            found,
            [
                (
                    "/components/schemas/Thing/properties/amount_milpieces".to_owned(),
                    "properties `amount_milpieces` and `amountMilpieces` both become the Rust field `amount_milpieces`"
                        .to_owned()
                ),
                (
                    "/components/schemas/Thing/properties/type_".to_owned(),
                    "properties `type_` and `type` both become the Rust field `type_`".to_owned()
                ),
            ]
        );
    }
}
