//! Every row of the extension registry (`c2a_spec::extensions::registry`) is reported by
//! spec-diff, at each of its places, rated from the row's effect: for each row and place,
//! the extension is added to, removed from and changed in a small spec, and the one change
//! spec-diff reports must match the row.
//!
//! A new row fails here until it has sample values below (and spec-diff reports it); a new
//! `Place` or `ClientEffect` fails to compile until it is handled.

use c2a_spec::extensions::message_codes::KEY as MESSAGE_CODES;
use c2a_spec::extensions::registry::{ClientEffect, Extension, Place, REGISTRY};
use serde_json::{Value, json};
use spec_diff::{Change, ChangeKind, Impact, Semver, diff_documents};

/// A spec with one node at every place (no extensions).
fn base() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Fixture API", "version": "v1"},
        "paths": {"/things/{id}": {"get": {
            "operationId": "get_thing",
            "parameters": [{"name": "exId", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "The thing.", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Thing"}
            }}}}
        }}},
        "components": {"schemas": {"Thing": {"type": "object", "properties": {
            "kind": {"type": "string"},
            "amountMilpieces": {"type": "integer", "format": "int64"},
            "currency": {"type": "string"}
        }}}}
    })
}

/// The JSON pointer of the node at `place` in [`base`], and the location spec-diff reports.
fn node(place: Place) -> (&'static str, &'static str) {
    match place {
        Place::Info => ("/info", "info"),
        Place::Operation => ("/paths/~1things~1{id}/get", "get_thing"),
        Place::Parameter => ("/paths/~1things~1{id}/get/parameters/0", "get_thing.parameters.exId"),
        Place::Response => ("/paths/~1things~1{id}/get/responses/200", "get_thing.responses.200"),
        Place::ComponentSchema => ("/components/schemas/Thing", "Thing"),
        Place::NestedSchema => ("/components/schemas/Thing/properties/kind", "Thing.kind"),
    }
}

/// Two different valid values of the row's extension (at a place of the row).
fn samples(row: &Extension) -> Option<(Value, Value)> {
    let code = |code: &str, success: bool| json!({"code": code, "meaning": "A code.", "success": success, "provenance": "documented"});
    let waiter = |retry: &str| {
        json!({"name": "thing", "input": "exId", "outcome": "ThingOutcome",
               "acceptors": [{"code": "DONE", "state": "success", "variant": "Done"},
                             {"code": retry, "state": "retry"}]})
    };
    let decision = |cases: Value| json!({"name": "ThingDecision", "by": "kind", "cases": cases});
    let money = |currency: &str| json!({"amount": "amountMilpieces", "currency": currency});
    Some(match (row.key, row.places) {
        ("x-message-codes", _) => {
            (json!([code("SUCCESS", true)]), json!([code("SUCCESS", true), code("GONE", false)]))
        }
        ("x-idempotency-key", _) => {
            (json!({"in": "query", "name": "exId"}), json!({"in": "body", "pointer": "/id"}))
        }
        ("x-waiter", _) => (waiter("WAIT"), waiter("BUSY")),
        ("x-doc-id", _) => (json!("T-01"), json!("T-02")),
        ("x-rust-name", _) => (json!("external_id"), json!("ext_id")),
        ("x-envelope", _) => (json!("general"), json!("inline")),
        ("x-provenance", [Place::Response]) => (json!("documented"), json!("inferred")),
        ("x-provenance", _) => (json!({"source": "documented"}), json!({"source": "sample"})),
        ("x-aliases", _) => (json!({"kind": "k"}), json!({"kind": "kd"})),
        ("x-money", _) => (money("currency"), money("kind")),
        ("x-decision", _) => {
            (decision(json!([{"value": "A"}])), decision(json!([{"value": "A"}, {"value": "B"}])))
        }
        ("x-extensible-enum" | "x-sensitive", _) => (json!(true), json!(false)),
        _ => return None,
    })
}

/// `base()` with `key: value` at `place` (nothing when `value` is `None`).
fn with(place: Place, key: &str, value: Option<&Value>) -> Value {
    let mut doc = base();
    if let Some(value) = value {
        let at = doc.pointer_mut(node(place).0).and_then(Value::as_object_mut).expect("the node exists");
        at.insert(key.to_owned(), value.clone());
    }
    doc
}

/// How the extension goes from `old` to `new`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    Added,
    Removed,
    Changed,
}

/// The builder setter of the fixture parameter `exId` with this `x-rust-name`.
fn setter(rust_name: Option<&Value>) -> String {
    rust_name.and_then(Value::as_str).unwrap_or("ex_id").to_owned()
}

/// Asserts that `changes` (one edit of `row` at `place`) report it as the row says.
fn assert_reported(row: &Extension, place: Place, edit: Edit, old: Option<&Value>, new: Option<&Value>) {
    let changes = diff_documents(&with(place, row.key, old), &with(place, row.key, new));
    let context = format!("{} at {place:?}, {edit:?}: {changes:#?}", row.key);
    let location = node(place).1;
    if row.key == MESSAGE_CODES {
        // Compared code by code: each code is a variant of the spec-wide message-code enum.
        assert!(!changes.is_empty(), "{context}");
        for change in &changes {
            assert!(change.kind.as_str().starts_with("message_code_"), "{context}");
            assert_eq!((change.location.as_str(), change.semver), (location, Semver::Major), "{context}");
        }
        return;
    }
    let [change] = changes.as_slice() else { panic!("exactly one change expected: {context}") };
    assert_eq!(change.location, location, "{context}");
    assert!(change.reason.ends_with('.') && change.rust.ends_with('.'), "{context}");
    let extension = |change: &Change, semver: Semver| {
        assert_eq!(change.kind, ChangeKind::ExtensionChanged, "{context}");
        assert_eq!(change.member.as_deref(), Some(row.key), "{context}");
        assert_eq!(change.semver, semver, "{context}");
    };
    match row.effect {
        ClientEffect::Documentation => {
            assert_eq!(change.kind, ChangeKind::DocChanged, "{context}");
            assert!(change.member.as_deref().is_some_and(|m| m.contains(row.key)), "{context}");
            assert_eq!((change.impact, change.semver), (Impact::NonBreaking, Semver::Patch), "{context}");
        }
        ClientEffect::Behaviour => {
            extension(change, Semver::Patch);
            assert_eq!(change.impact, Impact::NonBreaking, "{context}");
            assert!(change.rust.ends_with(&row.why[1..]), "says what behaviour: {context}");
        }
        ClientEffect::RenamesRustItems => {
            extension(change, Semver::Major);
            let (before, after) = (setter(old), setter(new));
            let renamed = format!("`.{before}()` becomes `.{after}()`");
            assert!(change.rust.contains(&renamed), "names both setters: {context}");
        }
        ClientEffect::ChangesRustSignatures => extension(change, Semver::Major),
        ClientEffect::AddsOrRemovesRustItems => {
            extension(change, if edit == Edit::Added { Semver::Minor } else { Semver::Major });
        }
    }
}

#[test]
fn every_registry_row_is_reported_at_each_of_its_places_as_its_effect_says() {
    for row in REGISTRY {
        let Some((a, b)) = samples(row) else {
            panic!(
                "registry row `{}` has no sample values here: add them and make spec-diff report it",
                row.key
            )
        };
        for value in [&a, &b] {
            assert_eq!((row.parse)(value, "/sample"), Ok(()), "{}: {value}", row.key);
        }
        for place in row.places {
            assert_reported(row, *place, Edit::Added, None, Some(&a));
            assert_reported(row, *place, Edit::Removed, Some(&a), None);
            assert_reported(row, *place, Edit::Changed, Some(&a), Some(&b));
        }
    }
}

#[test]
fn an_unregistered_key_is_reported_at_every_place() {
    let places = [
        Place::Info,
        Place::Operation,
        Place::Parameter,
        Place::Response,
        Place::ComponentSchema,
        Place::NestedSchema,
    ];
    for place in places {
        let changes = diff_documents(&base(), &with(place, "x-unheard-of", Some(&json!(1))));
        let [change] = changes.as_slice() else { panic!("{place:?}: {changes:#?}") };
        assert_eq!(
            (change.kind, change.location.as_str(), change.member.as_deref()),
            (ChangeKind::ExtensionChanged, node(place).1, Some("x-unheard-of")),
            "{place:?}"
        );
        assert_eq!((change.impact, change.semver), (Impact::NonBreaking, Semver::Patch), "{change:#?}");
        assert!(change.rust.contains("no row for the"), "{change:#?}");
    }
}
