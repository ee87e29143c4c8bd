//! Fixture loading shared by the generator's integration tests.

#![allow(dead_code)]

use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The text of `fixtures/minimal.yaml`.
pub fn minimal_spec() -> String {
    std::fs::read_to_string(fixtures().join("minimal.yaml")).expect("minimal fixture")
}

/// The text of `fixtures/<name>` (e.g. `waiters_decisions.yaml`).
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// `fixtures/minimal.yaml` with `fixtures/broken/<name>` merged over it (RFC 7386), as YAML.
pub fn broken_spec(name: &str) -> String {
    let mut doc = c2a_spec::load::parse_yaml(&minimal_spec()).expect("minimal fixture parses");
    let patch_text = std::fs::read_to_string(fixtures().join("broken").join(name)).expect("broken fixture");
    let patch = c2a_spec::load::parse_yaml(&patch_text).expect("broken fixture parses");
    json_patch::merge(&mut doc, &patch);
    serde_yaml_ng::to_string(&doc).expect("serializes")
}
