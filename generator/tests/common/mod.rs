//! Fixture loading shared by the generator's integration tests.

#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The text of `fixtures/minimal.yaml`.
pub fn minimal_spec() -> String {
    std::fs::read_to_string(fixtures().join("minimal.yaml")).expect("minimal fixture")
}

/// `fixtures/minimal.yaml` with `fixtures/broken/<name>` merged over it (RFC 7386), as YAML.
pub fn broken_spec(name: &str) -> String {
    let mut doc = generator::load::parse_yaml(&minimal_spec()).expect("minimal fixture parses");
    let patch_text = std::fs::read_to_string(fixtures().join("broken").join(name)).expect("broken fixture");
    let patch = generator::load::parse_yaml(&patch_text).expect("broken fixture parses");
    merge_patch(&mut doc, &patch);
    serde_yaml_ng::to_string(&doc).expect("serializes")
}

fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let Value::Object(target) = target else { return };
    for (key, value) in patch {
        if value.is_null() {
            target.shift_remove(key);
        } else {
            merge_patch(target.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}
