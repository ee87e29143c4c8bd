//! The registry agrees with its doc table and with `Extensions::read`.

use serde_json::{Value, json};

use super::*;
use crate::diagnostic::escape_token;
use crate::extensions::Extensions;

#[test]
fn the_module_doc_table_lists_every_row() {
    let source = include_str!("../registry.rs");
    let table: Vec<String> = source
        .lines()
        .filter_map(|line| line.strip_prefix("//! | `x-"))
        .map(|line| {
            let cells: Vec<&str> = line.split(" | ").collect();
            format!("x-{} | {} | {}", cells[0], cells[1], cells[3].trim_end_matches(" |"))
        })
        .collect();
    let rows: Vec<String> = REGISTRY
        .iter()
        .map(|row| {
            let places: Vec<&str> = row.places.iter().map(|p| p.as_str()).collect();
            format!("{}` | {} | {}", row.key, places.join(", "), row.effect.as_str())
        })
        .collect();
    assert_eq!(table, rows);
}

#[test]
fn a_key_has_at_most_one_row_per_place_and_every_place_has_rows() {
    for place in Place::ALL {
        let keys = keys_at(place);
        assert!(!keys.is_empty(), "no extension at {place:?}");
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "a key with two rows at {place:?}: {keys:?}");
    }
    for row in REGISTRY {
        assert!(row.key.starts_with("x-") && !row.places.is_empty(), "{row:?}");
        assert!(row.why.ends_with('.') && !row.why.contains(". "), "one sentence: {row:?}");
    }
    assert_eq!(lookup("x-provenance", Place::Response).map(|r| r.effect), Some(ClientEffect::Documentation));
    // The refusals list keys in row order (`generator/tests/it/refusals.rs` snapshots this one).
    assert_eq!(keys_at(Place::Operation), ["x-message-codes", "x-idempotency-key", "x-waiter", "x-doc-id"]);
    assert!(lookup("x-sensitive", Place::ComponentSchema).is_none());
}

/// A spec with one node at every place, and the pointer of each.
fn spec() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "v1"},
        "paths": {"/a": {"get": {
            "operationId": "get_a",
            "x-message-codes": [{"code": "SUCCESS", "meaning": "Done.", "success": true, "provenance": "documented"}],
            "parameters": [{"name": "p", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/A"}
            }}}}
        }}},
        "components": {"schemas": {"A": {"type": "object", "properties": {"b": {"type": "string"}}}}}
    })
}

fn pointer(place: Place) -> &'static str {
    match place {
        Place::Info => "/info",
        Place::Operation => "/paths/~1a/get",
        Place::Parameter => "/paths/~1a/get/parameters/0",
        Place::Response => "/paths/~1a/get/responses/200",
        Place::ComponentSchema => "/components/schemas/A",
        Place::NestedSchema => "/components/schemas/A/properties/b",
    }
}

/// `spec()` with `key: value` at `place`.
fn with(place: Place, key: &str, value: Value) -> Value {
    let mut doc = spec();
    let node = doc.pointer_mut(pointer(place)).and_then(Value::as_object_mut).expect("the place exists");
    node.insert(key.to_owned(), value);
    doc
}

#[test]
fn the_base_spec_reads_cleanly() {
    assert_eq!(Extensions::read(&spec()).1, Vec::new());
}

#[test]
fn an_unregistered_key_is_refused_at_every_place_with_the_allowed_keys() {
    for place in Place::ALL {
        let (_, problems) = Extensions::read(&with(place, "x-unheard-of", json!(true)));
        let at = format!("{}/x-unheard-of", pointer(place));
        let allowed = keys_at(place).join(", ");
        assert!(
            problems.iter().any(|d| d.pointer == at
                && d.rule == "unknown-extension"
                && d.message.ends_with(&format!("(allowed: {allowed})"))),
            "{place:?}: {problems:#?}"
        );
    }
}

#[test]
fn every_row_is_parsed_at_each_of_its_places_and_refused_elsewhere() {
    let broken = json!([[]]);
    for row in REGISTRY {
        assert!((row.parse)(&broken, "/x").is_err(), "{} accepts {broken}", row.key);
        for place in Place::ALL {
            let (_, problems) = Extensions::read(&with(place, row.key, broken.clone()));
            let at = format!("{}/{}", pointer(place), escape_token(row.key));
            let found = problems.iter().find(|d| d.pointer.starts_with(&at));
            let expected = if row.allowed_at(place) || lookup(row.key, place).is_some() {
                found.is_some_and(|d| d.rule != "unknown-extension")
            } else {
                found.is_some_and(|d| d.rule == "unknown-extension")
            };
            assert!(expected, "{} at {place:?}: {problems:#?}", row.key);
        }
    }
}
