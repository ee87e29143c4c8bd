//! Schema keywords that are neither structure, composition nor documentation (`maxLength`,
//! `pattern`, `default`, `readOnly`, ...), compared on a resolved schema and beside an
//! `allOf: [{$ref}]` (or `$ref`) wrapper, where a property refines the component it refers
//! to (`cancelationMethod: {default: Normal, allOf: [$ref]}`). The `default` of a
//! parameter's own schema is the parameter's (`parameter_default_changed`): the server
//! applies it to requests that leave the parameter out.

use serde_json::Value;

use super::composition::{ALTERNATIVES, DISCRIMINATOR};
use super::schemas::Position;
use super::shapes::{Resolved, base_type, enum_values, open_properties};
use super::{Comparison, Difference, DifferenceDetails, changed_keys, is_doc_key};
use crate::model::{ChangeKind, Direction, Scope};
use crate::refs;

/// Schema keys compared structurally (`schemas::structure`), not as keywords.
const STRUCTURE_KEYS: [&str; 10] = [
    "$ref",
    "allOf",
    "type",
    "format",
    "enum",
    "nullable",
    "properties",
    "required",
    "items",
    "additionalProperties",
];

/// Whether `key` of a schema is compared as a keyword: validation (`maxLength`,
/// `pattern`, ...), `default`, `readOnly`, `writeOnly`, and any other key that is not
/// structure, composition (`oneOf`, `anyOf`, `discriminator`), documentation or a vendor
/// extension (`not`, ...).
fn is_keyword(key: &str) -> bool {
    let composition = ALTERNATIVES.contains(&key) || key == DISCRIMINATOR;
    !(STRUCTURE_KEYS.contains(&key) || composition || is_doc_key(key) || key.starts_with("x-"))
}

impl Comparison<'_> {
    /// The keywords of two resolved schemas (those a wrapper already compared left out),
    /// and whether `additionalProperties` opens or closes the object.
    pub(super) fn keywords(&mut self, o: &Resolved<'_>, n: &Resolved<'_>, at: &Position) {
        let changed = changed_keys(Some(o.node), Some(n.node), |k| {
            is_keyword(k) && !at.wrapped_keywords.iter().any(|w| w == k)
        });
        for keyword in changed {
            let show = |r: &Resolved<'_>| r.node.get(&keyword).map(Value::to_string);
            self.keyword_changed(at, n, &keyword, show(o), show(n));
        }
        if open_properties(o.node) != open_properties(n.node) {
            let show = |r: &Resolved<'_>| Some(open_properties(r.node).to_owned());
            let difference = at
                .difference(ChangeKind::KeywordChanged)
                .member("additionalProperties")
                .values(show(o), show(n))
                .details(keyword_details(at, n));
            self.record_in(at, difference);
        }
    }

    /// Records that `keyword` changed at `at` (`n`: the new side resolved): the `default`
    /// of a parameter's own schema as the parameter's, any other as a keyword.
    fn keyword_changed(
        &mut self,
        at: &Position,
        n: &Resolved<'_>,
        keyword: &str,
        old: Option<String>,
        new: Option<String>,
    ) {
        if keyword == "default"
            && let Some((name, names)) = &at.parameter
        {
            let details = DifferenceDetails {
                required: at.required,
                parameter: Some(names.clone()),
                ..DifferenceDetails::default()
            };
            self.record(
                Difference::new(ChangeKind::ParameterDefaultChanged, Scope::Operation, &at.op)
                    .op(&at.op)
                    .direction(Direction::Request)
                    .member(name)
                    .values(old, new)
                    .details(details),
            );
            return;
        }
        let difference = at
            .difference(ChangeKind::KeywordChanged)
            .member(keyword)
            .values(old, new)
            .details(keyword_details(at, n));
        self.record_in(at, difference);
    }

    /// The keywords written beside a reference wrapper on either side, compared at the
    /// node as written (a field, not its component): each side's value is the wrapper's,
    /// else the resolved schema's. Returns the keywords compared, which the component's
    /// own comparison then leaves out for this node.
    pub(super) fn wrapper_keywords(
        &mut self,
        raw_old: &Value,
        raw_new: &Value,
        o: &Resolved<'_>,
        n: &Resolved<'_>,
        at: &Position,
    ) -> Vec<String> {
        let mut keys = wrapper(raw_old);
        keys.extend(wrapper(raw_new));
        keys.sort();
        keys.dedup();
        for keyword in &keys {
            let effective = |raw: &Value, r: &Resolved<'_>| {
                let own = refs::schema_ref_name(raw).and_then(|_| raw.get(keyword));
                own.or_else(|| r.node.get(keyword)).map(Value::to_string)
            };
            let (old, new) = (effective(raw_old, o), effective(raw_new, n));
            if old != new {
                self.keyword_changed(at, n, keyword, old, new);
            }
        }
        self.wrapper_enum(raw_old, raw_new, o, n, at);
        keys
    }

    /// An `enum` written beside a reference wrapper narrows the component's values (`allOf`:
    /// both apply): the values valid on each side are compared at the node as written.
    fn wrapper_enum(
        &mut self,
        raw_old: &Value,
        raw_new: &Value,
        o: &Resolved<'_>,
        n: &Resolved<'_>,
        at: &Position,
    ) {
        let own = |raw: &Value| refs::schema_ref_name(raw).and_then(|_| enum_values(raw));
        if own(raw_old).is_none() && own(raw_new).is_none() {
            return;
        }
        let valid = |raw: &Value, r: &Resolved<'_>| match (own(raw), enum_values(r.node)) {
            (Some(values), Some(component)) => {
                Some(values.into_iter().filter(|v| component.contains(v)).collect())
            }
            (values, component) => values.or(component),
        };
        let (Some(old), Some(new)): (Option<Vec<String>>, Option<Vec<String>>) =
            (valid(raw_old, o), valid(raw_new, n))
        else {
            return;
        };
        for value in old.iter().filter(|v| !new.contains(*v)) {
            let difference = at.difference(ChangeKind::EnumValueRemoved).member(value);
            self.record_in(at, difference);
        }
        for value in new.iter().filter(|v| !old.contains(*v)) {
            let difference = at.difference(ChangeKind::EnumValueAdded).member(value);
            self.record_in(at, difference);
        }
    }
}

/// The keywords written beside a reference (none when `raw` is not one).
fn wrapper(raw: &Value) -> Vec<String> {
    match (refs::schema_ref_name(raw), raw.as_object()) {
        (Some(_), Some(map)) => map.keys().filter(|k| is_keyword(k)).cloned().collect(),
        _ => Vec::new(),
    }
}

/// What classification needs of a keyword change at `at` (`n`: the new side resolved).
pub(super) fn keyword_details(at: &Position, n: &Resolved<'_>) -> DifferenceDetails {
    DifferenceDetails {
        required: at.required,
        owner: at.parent.clone(),
        option_unless_default: at.field && at.required == Some(false) && !n.nullable && holds_option(n.node),
        ..DifferenceDetails::default()
    }
}

/// Whether typify makes an optional field of this schema `Option<T>` (when it has no
/// `default`): not for arrays (`Vec<T>`) and maps (`Map<String, T>`, an object without
/// properties), which have defaults of their own.
fn holds_option(schema: &Value) -> bool {
    let map = base_type(schema) == "object"
        && schema.get("properties").is_none()
        && schema.get("allOf").is_none()
        && open_properties(schema) != "closed";
    base_type(schema) != "array" && !map
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keywords_are_what_is_not_structure_docs_or_extensions() {
        for key in ["maxLength", "default", "readOnly", "not"] {
            assert!(is_keyword(key), "{key}");
        }
        for key in
            ["allOf", "oneOf", "anyOf", "discriminator", "$ref", "nullable", "description", "x-sensitive"]
        {
            assert!(!is_keyword(key), "{key}");
        }
        let wrapped =
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "default": "N", "description": "d"});
        assert_eq!(wrapper(&wrapped), ["default"]);
        assert!(wrapper(&json!({"type": "string", "default": "N"})).is_empty(), "not a wrapper");
    }

    #[test]
    fn optional_fields_hold_an_option_unless_they_are_collections() {
        assert!(holds_option(&json!({"type": "integer"})));
        assert!(holds_option(&json!({"type": "object", "properties": {"a": {}}})));
        assert!(holds_option(&json!({})), "serde_json::Value");
        assert!(!holds_option(&json!({"type": "array", "items": {}})));
        assert!(!holds_option(&json!({"type": "object", "additionalProperties": {"type": "string"}})));
    }
}
