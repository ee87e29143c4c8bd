//! Reading one schema node: what it refers to, its type and how reports name it, its
//! properties, and whether one type accepts every value of another.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::NULL;
use crate::refs;

/// How many `$ref` hops [`resolve`] follows before it stops (a cycle guard).
const MAX_SCHEMA_REFS: usize = 16;

/// A schema node after following references.
pub(super) struct Resolved<'d> {
    /// The component the node stands for, if it is a reference.
    pub(super) name: Option<&'d str>,
    /// The schema itself.
    pub(super) node: &'d Value,
    /// `nullable: true` on the reference or the target.
    pub(super) nullable: bool,
    /// The last node on the way with an `allOf` list, and the component holding it (`None`
    /// for the node as written): the members the schema merges.
    pub(super) all_of: Option<(Option<&'d str>, &'d Value)>,
}

/// Follows `$ref` and `allOf: [{$ref}]` to the schema a node stands for.
pub(super) fn resolve<'d>(doc: &'d Value, raw: &'d Value) -> Resolved<'d> {
    let nullable = |v: &Value| v.get("nullable").and_then(Value::as_bool).unwrap_or(false);
    let mut resolved = Resolved { name: None, node: raw, nullable: nullable(raw), all_of: None };
    let mut holder = None;
    for _ in 0..MAX_SCHEMA_REFS {
        if resolved.node.get("allOf").is_some_and(Value::is_array) {
            resolved.all_of = Some((holder, resolved.node));
        }
        let Some(name) = refs::schema_ref_name(resolved.node) else { break };
        resolved.name.get_or_insert(name);
        holder = Some(name);
        resolved.node = refs::component_schema(doc, name).unwrap_or(&NULL);
        resolved.nullable |= nullable(resolved.node);
    }
    resolved
}

/// The types of a `oneOf`/`anyOf` of plain typed schemas (`[{type: string}, {type:
/// integer}]`, each with nothing but a type and documentation), sorted: a list of types,
/// which OpenAPI 3.1 writes `type: [string, integer]`. `None` for any other schema.
pub(super) fn type_union(s: &Value) -> Option<Vec<String>> {
    if s.get("type").is_some() {
        return None;
    }
    let alternatives = ["oneOf", "anyOf"].iter().find_map(|k| s.get(*k)).and_then(Value::as_array)?;
    let plain = |alternative: &Value| {
        let map = alternative.as_object()?;
        let only_type = map.keys().all(|k| k == "type" || super::is_doc_key(k));
        map.get("type").and_then(Value::as_str).filter(|_| only_type).map(str::to_owned)
    };
    let mut types: Vec<String> = alternatives.iter().map(plain).collect::<Option<_>>()?;
    types.sort();
    types.dedup();
    (!types.is_empty()).then_some(types)
}

/// `string`, `integer`, `object`, `array`, ... (`any` without a type; `integer|string` for a
/// list of types).
pub(super) fn base_type(s: &Value) -> String {
    if let Some(types) = type_union(s) {
        return types.join("|");
    }
    match s.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("|"),
        _ if s.get("properties").is_some() || s.get("additionalProperties").is_some() => "object".to_owned(),
        _ if s.get("allOf").is_some() => "object".to_owned(),
        _ if s.get("items").is_some() => "array".to_owned(),
        _ => "any".to_owned(),
    }
}

/// The `format` keyword.
pub(super) fn format(s: &Value) -> Option<&str> {
    s.get("format").and_then(Value::as_str)
}

/// The `enum` values, as strings.
pub(super) fn enum_values(s: &Value) -> Option<Vec<String>> {
    s.get("enum").and_then(Value::as_array).map(|values| {
        values.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect()
    })
}

/// `string`, `string(date-time)`, `integer(int64)`, `string enum`.
pub(super) fn scalar_label(s: &Value) -> String {
    let mut label = base_type(s);
    if let Some(f) = format(s) {
        label = format!("{label}({f})");
    }
    if s.get("enum").is_some() {
        label.push_str(" enum");
    }
    label
}

/// How a field's type reads in a report: a component name, `array<...>`, `map<...>` or
/// [`scalar_label`].
pub(super) fn type_label(doc: &Value, raw: &Value) -> String {
    type_label_depth(doc, raw, 0)
}

fn type_label_depth(doc: &Value, raw: &Value, depth: usize) -> String {
    let r = resolve(doc, raw);
    if let Some(name) = r.name {
        return name.to_owned();
    }
    if depth < 4 {
        if let Some(items) = r.node.get("items") {
            return format!("array<{}>", type_label_depth(doc, items, depth + 1));
        }
        if let Some(values) = r.node.get("additionalProperties").filter(|v| v.is_object())
            && r.node.get("properties").is_none()
        {
            return format!("map<{}>", type_label_depth(doc, values, depth + 1));
        }
    }
    scalar_label(r.node)
}

/// Whether every value of `old` is a value of `new`.
pub(super) fn widens(old: &Value, new: &Value) -> bool {
    if accepts_anything(new) {
        return true;
    }
    let (ob, nb) = (base_type(old), base_type(new));
    let (of, nf) = (format(old), format(new));
    let old_enum = old.get("enum").is_some();
    let new_enum = new.get("enum").is_some();
    if new_enum && !old_enum {
        return false;
    }
    // A list of types (`integer|string`): every old type is, or widens into, a new one.
    if ob.contains('|') || nb.contains('|') {
        let covers = |t: &str| nb.split('|').any(|n| n == t || (t == "integer" && n == "number"));
        return nf.is_none() && ob.split('|').all(covers);
    }
    if ob == nb {
        return match (of, nf) {
            (a, b) if a == b => old_enum && !new_enum,
            (Some(_), None) => true,
            (Some("int32"), Some("int64")) | (Some("float"), Some("double")) => true,
            _ => false,
        };
    }
    ob == "integer" && nb == "number" && nf.is_none()
}

/// Whether a schema accepts every value: no type and nothing else that constrains one.
fn accepts_anything(s: &Value) -> bool {
    base_type(s) == "any" && ["enum", "oneOf", "anyOf", "not"].iter().all(|k| s.get(*k).is_none())
}

/// `additionalProperties` as `open` (absent or true), `closed` (false) or `schema`.
pub(super) fn open_properties(s: &Value) -> &'static str {
    match s.get("additionalProperties") {
        None | Some(Value::Bool(true)) => "open",
        Some(Value::Bool(false)) => "closed",
        Some(_) => "schema",
    }
}

/// Properties (with `allOf` members merged in) and required names of an object schema.
pub(super) fn object_members<'d>(
    doc: &'d Value,
    node: &'d Value,
) -> (BTreeMap<String, &'d Value>, BTreeSet<String>) {
    let mut props = BTreeMap::new();
    let mut required = BTreeSet::new();
    let mut add = |node: &'d Value| {
        if let Some(map) = node.get("properties").and_then(Value::as_object) {
            props.extend(map.iter().map(|(k, v)| (k.clone(), v)));
        }
        required.extend(
            node.get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned)),
        );
    };
    add(node);
    for member in node.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        add(resolve(doc, member).node);
    }
    (props, required)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn widening_rules() {
        assert!(widens(
            &json!({"type": "integer", "format": "int32"}),
            &json!({"type": "integer", "format": "int64"})
        ));
        assert!(widens(&json!({"type": "string", "enum": ["A"]}), &json!({"type": "string"})));
        assert!(widens(&json!({"type": "string", "format": "date-time"}), &json!({"type": "string"})));
        assert!(!widens(&json!({"type": "string"}), &json!({"type": "string", "enum": ["A"]})));
        assert!(!widens(
            &json!({"type": "integer", "format": "int64"}),
            &json!({"type": "integer", "format": "int32"})
        ));
        assert!(!widens(&json!({"type": "string"}), &json!({"type": "integer"})));
        assert!(widens(&json!({"type": "integer"}), &json!({"type": "number"})));
        assert!(widens(&json!({"type": "object", "properties": {"a": {}}}), &json!({"description": "Any."})));
        assert!(!widens(&json!({"type": "object"}), &json!({"oneOf": [{"type": "string"}]})));
        // Lists of types: a oneOf/anyOf of plain typed schemas.
        let union = json!({"anyOf": [{"type": "string"}, {"type": "integer", "description": "A count."}]});
        assert_eq!(base_type(&union), "integer|string");
        assert!(widens(&json!({"type": "string", "format": "date"}), &union));
        assert!(widens(
            &json!({"type": "integer"}),
            &json!({"oneOf": [{"type": "number"}, {"type": "string"}]})
        ));
        assert!(!widens(&union, &json!({"type": "string"})));
        assert!(widens(&json!({"type": "string"}), &union) && !widens(&union, &json!({"type": "integer"})));
        let refs = json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "string"}]});
        assert_eq!((type_union(&refs), base_type(&refs)), (None, "any".to_owned()));
        assert_eq!(type_union(&json!({"anyOf": [{"type": "string", "maxLength": 3}]})), None);
    }

    #[test]
    fn references_resolve_through_all_of_with_nullable_beside() {
        let doc = json!({"components": {"schemas": {"A": {"type": "object"}}}});
        let wrapper = json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true});
        let r = resolve(&doc, &wrapper);
        assert_eq!((r.name, r.nullable, base_type(r.node)), (Some("A"), true, "object".to_owned()));
        assert_eq!(type_label(&doc, &json!({"type": "array", "items": wrapper})), "array<A>");
    }
}
