//! The fixture edits of `cargo xtask semver-check --fixtures`: JSON Patches over the project
//! spec, in `xtask/semver-fixtures.json`.

use std::path::Path;

/// Where the edits are, relative to the workspace root.
pub const FIXTURES: &str = "xtask/semver-fixtures.json";

#[derive(serde::Deserialize)]
struct File {
    edits: Vec<Edit>,
}

#[derive(serde::Deserialize)]
struct Edit {
    name: String,
    patch: json_patch::Patch,
}

/// Every edit applied to `spec` (the project spec's text): `(name, edited spec as JSON text)`.
pub fn apply_all(root: &Path, spec: &str) -> Result<Vec<(String, String)>, String> {
    let path = root.join(FIXTURES);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: File = serde_json::from_str(&text).map_err(|e| format!("{FIXTURES}: {e}"))?;
    let doc = c2a_spec::load::parse_yaml(spec).map_err(|d| d.render(crate::codegen::DEFAULT_SPEC))?;
    file.edits
        .into_iter()
        .map(|edit| {
            let mut edited = doc.clone();
            json_patch::patch(&mut edited, &edit.patch)
                .map_err(|e| format!("{FIXTURES}: `{}`: {e}", edit.name))?;
            let text = serde_json::to_string_pretty(&edited).map_err(|e| e.to_string())?;
            Ok((edit.name, text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixture_edit_applies_to_the_project_spec_and_changes_it() {
        let root = crate::project_root();
        let spec = std::fs::read_to_string(root.join(crate::codegen::DEFAULT_SPEC)).expect("spec");
        let original = c2a_spec::load::parse_yaml(&spec).expect("parses");
        let edits = apply_all(&root, &spec).expect("every patch applies");
        assert!(edits.len() >= 15, "{}", edits.len());
        for (name, text) in edits {
            let edited: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            assert_ne!(edited, original, "{name} changes the spec");
        }
    }
}
