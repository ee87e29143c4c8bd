//! The `x-provenance` of a spec element, found from its JSON pointer.
//!
//! Components carry `x-provenance` as an object (`source`, `sample: [...]`,
//! `inferred: [...]`) or, in older entries, a plain string; response objects carry a
//! string; message codes a `provenance` key. A property (or enum value) not listed under
//! `sample`/`inferred` is backed by a docs table (CONVENTIONS.md), so it is `documented`.

use serde_json::Value;

use crate::spec_model::Spec;

/// `documented`, `sample` or `inferred` for the element at `pointer` (`#/...` or `/...`),
/// or `None` when neither it nor its component says.
pub fn of_pointer(spec: &Spec, pointer: &str) -> Option<String> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    match tokens.as_slice() {
        ["components", "schemas", name, "properties", property, ..] => {
            of_member(spec.node(&format!("/components/schemas/{name}"))?, property)
        }
        ["components", "schemas", name, ..] => {
            source_of(spec.node(&format!("/components/schemas/{name}"))?.get("x-provenance")?)
        }
        ["paths", path, method, "responses", status, ..] => spec
            .node(&format!("/paths/{path}/{method}/responses/{status}"))?
            .get("x-provenance")
            .and_then(source_of),
        ["paths", path, method, "x-message-codes", index, ..] => spec
            .node(&format!("/paths/{path}/{method}/x-message-codes/{index}"))?
            .get("provenance")
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    }
}

/// Provenance of a property or enum value `member` of a component.
pub fn of_member(component: &Value, member: &str) -> Option<String> {
    let provenance = component.get("x-provenance")?;
    if let Value::String(s) = provenance {
        return Some(s.clone());
    }
    for list in ["sample", "inferred"] {
        let listed = provenance
            .get(list)
            .and_then(Value::as_array)
            .is_some_and(|names| names.iter().any(|n| n.as_str() == Some(member)));
        if listed {
            return Some(list.to_owned());
        }
    }
    Some("documented".to_owned())
}

/// `source` of an `x-provenance` object, or the string itself.
pub fn source_of(provenance: &Value) -> Option<String> {
    match provenance {
        Value::String(s) => Some(s.clone()),
        other => other.get("source").and_then(Value::as_str).map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn properties_enum_values_responses_and_codes() {
        let spec = Spec::from_value(json!({
            "paths": {"/a": {"get": {"operationId": "a",
                "responses": {"200": {"x-provenance": "inferred"}},
                "x-message-codes": [{"code": "SUCCESS", "provenance": "sample"}]}}},
            "components": {"schemas": {
                "G": {"x-provenance": {"source": "sample", "sample": ["name"], "inferred": ["item"]},
                      "properties": {"name": {}, "item": {}, "urn": {}}},
                "E": {"enum": ["A", "B"], "x-provenance": "documented"}
            }}
        }));
        let p = |ptr| of_pointer(&spec, ptr);
        assert_eq!(p("#/components/schemas/G/properties/name").as_deref(), Some("sample"));
        assert_eq!(p("#/components/schemas/G/properties/item").as_deref(), Some("inferred"));
        assert_eq!(p("#/components/schemas/G/properties/urn").as_deref(), Some("documented"));
        assert_eq!(p("#/components/schemas/G").as_deref(), Some("sample"));
        assert_eq!(p("#/components/schemas/E/enum").as_deref(), Some("documented"));
        assert_eq!(p("#/paths/~1a/get/responses/200").as_deref(), Some("inferred"));
        assert_eq!(p("#/paths/~1a/get/x-message-codes/0").as_deref(), Some("sample"));
    }
}
