//! The provenance rule every reader of the spec shares: how far the docs back a component,
//! one of its members (a property or an enum value), a response or a message code
//! (`openapi/CONVENTIONS.md`, "Schemas" and "Operations").
//!
//! A component's `x-provenance` grades the schema as a whole (`source`) and lists the
//! members no docs table backs: `sample` ("seen only in a sample") and `inferred` ("no page
//! shows: our inference"). A member listed in neither is `documented`. A member listed in
//! both is `inferred`: the two listings contradict each other (the `provenance` check
//! refuses such a spec), and a reader must never be told that a fact is better backed than
//! one of its listings says. [`of_member`] is that rule; the typed model
//! ([`Provenance::of_field`]) and the readers of raw documents ([`of_pointer`]) both go
//! through it.

use serde_json::Value;

use crate::extensions::Provenance;

/// The provenance of `member` of a component whose `x-provenance` lists `sample` and
/// `inferred`: `inferred` when listed there (even if also under `sample`), else `sample`
/// when listed there, else `documented`.
pub fn of_member<'a>(
    sample: impl IntoIterator<Item = &'a str>,
    inferred: impl IntoIterator<Item = &'a str>,
    member: &str,
) -> Provenance {
    if inferred.into_iter().any(|name| name == member) {
        Provenance::Inferred
    } else if sample.into_iter().any(|name| name == member) {
        Provenance::Sample
    } else {
        Provenance::Documented
    }
}

/// The provenance of `member` from a component's raw `x-provenance` value: the object form
/// by [`of_member`], or a plain string (an older form the checks refuse) for every member.
/// `None` when the value is neither.
pub fn of_member_value(provenance: &Value, member: &str) -> Option<Provenance> {
    match provenance {
        Value::String(name) => named(name),
        Value::Object(_) => {
            Some(of_member(listed(provenance, "sample"), listed(provenance, "inferred"), member))
        }
        _ => None,
    }
}

/// The grade of a raw `x-provenance` value as a whole: its `source`, or the string itself.
pub fn source_of(provenance: &Value) -> Option<Provenance> {
    match provenance {
        Value::String(name) => named(name),
        other => other.get("source").and_then(Value::as_str).and_then(named),
    }
}

/// The provenance of the spec element at `pointer` (`#/...` or `/...`) in a raw document: a
/// component schema or anything inside it (a property is graded by [`of_member_value`]), a
/// response or anything inside it, an `x-message-codes` entry. `None` when neither the
/// element nor its component says.
pub fn of_pointer(doc: &Value, pointer: &str) -> Option<Provenance> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let node = |at: String| doc.pointer(&at);
    match tokens.as_slice() {
        ["components", "schemas", name, "properties", property, ..] => {
            let member = crate::diagnostic::unescape_token(property);
            of_member_value(node(format!("/components/schemas/{name}"))?.get("x-provenance")?, &member)
        }
        ["components", "schemas", name, ..] => {
            source_of(node(format!("/components/schemas/{name}"))?.get("x-provenance")?)
        }
        ["paths", path, method, "responses", status, ..] => {
            source_of(node(format!("/paths/{path}/{method}/responses/{status}"))?.get("x-provenance")?)
        }
        ["paths", path, method, "x-message-codes", index, ..] => {
            node(format!("/paths/{path}/{method}/x-message-codes/{index}"))?
                .get("provenance")
                .and_then(Value::as_str)
                .and_then(named)
        }
        _ => None,
    }
}

/// The provenance a spelling names (`documented`, `sample`, `inferred`).
fn named(text: &str) -> Option<Provenance> {
    [Provenance::Documented, Provenance::Sample, Provenance::Inferred]
        .into_iter()
        .find(|p| p.as_str() == text)
}

/// The string entries of list `key` of an `x-provenance` object.
fn listed<'v>(provenance: &'v Value, key: &str) -> impl Iterator<Item = &'v str> {
    provenance.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extensions::SchemaProvenance;
    use serde_json::json;

    #[test]
    fn inferred_wins_over_sample_and_unlisted_is_documented() {
        let grade = |m| of_member(["a", "both"], ["b", "both"], m);
        assert_eq!(grade("a"), Provenance::Sample);
        assert_eq!(grade("b"), Provenance::Inferred);
        assert_eq!(grade("both"), Provenance::Inferred);
        assert_eq!(grade("c"), Provenance::Documented);
    }

    #[test]
    fn typed_and_raw_forms_agree() {
        let raw = json!({"source": "sample", "sample": ["x", "y"], "inferred": ["y"]});
        let typed = SchemaProvenance::parse(&raw, "/p").expect("parses");
        for member in ["x", "y", "z"] {
            assert_eq!(
                Some(Provenance::of_field(Some(&typed), member)),
                of_member_value(&raw, member),
                "{member}"
            );
        }
        assert_eq!(of_member_value(&json!("inferred"), "any"), Some(Provenance::Inferred));
        assert_eq!(of_member_value(&json!(["sample"]), "any"), None);
        assert_eq!(source_of(&raw), Some(Provenance::Sample));
        assert_eq!(source_of(&json!("guessed")), None);
    }

    #[test]
    fn elements_by_pointer() {
        let doc = json!({
            "paths": {"/a": {"get": {
                "responses": {"200": {"x-provenance": "inferred"}},
                "x-message-codes": [{"code": "SUCCESS", "provenance": "sample"}]}}},
            "components": {"schemas": {
                "G": {"x-provenance": {"source": "sample", "sample": ["name", "a/b"], "inferred": ["item"]},
                      "properties": {"name": {}, "item": {}, "urn": {}, "a/b": {}}},
                "E": {"enum": ["A"], "x-provenance": "documented"}
            }}
        });
        let p = |at| of_pointer(&doc, at).map(Provenance::as_str);
        assert_eq!(p("#/components/schemas/G/properties/name"), Some("sample"));
        assert_eq!(p("#/components/schemas/G/properties/item/type"), Some("inferred"));
        assert_eq!(p("#/components/schemas/G/properties/urn"), Some("documented"));
        assert_eq!(p("#/components/schemas/G/properties/a~1b"), Some("sample"));
        assert_eq!(p("#/components/schemas/G"), Some("sample"));
        assert_eq!(p("#/components/schemas/E/enum"), Some("documented"));
        assert_eq!(p("#/paths/~1a/get/responses/200/content"), Some("inferred"));
        assert_eq!(p("/paths/~1a/get/x-message-codes/0"), Some("sample"));
        assert_eq!(p("#/paths/~1a/get/x-message-codes"), None);
        assert_eq!(p("#/components/schemas/Missing"), None);
    }
}
