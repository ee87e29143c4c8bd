//! Verdicts on the Rust crate checked against the generator: the project spec is edited,
//! generated before and after, and what spec-diff says is compared with what changed.

use spec_diff::{Change, Semver};

use super::{K, project_root};

/// Every file the generator writes from the project spec with `edit` applied (the spec is
/// handed over as JSON, which is YAML), and what spec-diff reports for the edit.
fn generate_edited(edit: impl FnOnce(&mut serde_json::Value)) -> (Vec<(String, String)>, Vec<Change>) {
    let text = std::fs::read_to_string(project_root().join(spec_diff::SPEC_PATH)).expect("the spec");
    let original = c2a_spec::load::parse_yaml(&text).expect("the spec parses");
    let mut edited = original.clone();
    edit(&mut edited);
    let json = serde_json::to_string_pretty(&edited).expect("serializes");
    let output = generator::generate(&json, spec_diff::SPEC_PATH).expect("the edited spec generates");
    let files = output.files.into_iter().map(|f| (f.path, f.contents)).collect();
    (files, spec_diff::diff_documents(&original, &edited))
}

/// [`generate_edited`] with no edit.
fn generate_unedited() -> Vec<(String, String)> {
    generate_edited(|_| {}).0
}

#[test]
fn a_new_success_status_changes_no_generated_code() {
    let status = "/paths/~1c2a~1offer~1checkout~1{trackingId}~1status/get/responses";
    let (files, changes) = generate_edited(|doc| {
        let responses =
            doc.pointer_mut(status).and_then(serde_json::Value::as_object_mut).expect("responses");
        let ok = responses["200"].clone();
        responses.insert("202".to_owned(), ok);
    });
    assert!(files == generate_unedited(), "a 202 beside the 200 must leave every generated file unchanged");
    let [added] = changes.as_slice() else { panic!("{changes:#?}") };
    assert_eq!(
        (added.kind, added.member.as_deref(), added.semver),
        (K::ResponseAdded, Some("202"), Semver::Patch)
    );
    assert!(added.rust.starts_with("The generated code does not change"), "{}", added.rust);
}

#[test]
fn a_default_on_an_optional_field_drops_its_option_in_the_generated_code() {
    let field = "/components/schemas/ConfirmCancelRequest/properties/currentStep";
    let (files, changes) = generate_edited(|doc| {
        let step = doc.pointer_mut(field).and_then(serde_json::Value::as_object_mut).expect("currentStep");
        step.insert("default".to_owned(), serde_json::json!(0));
    });
    let api = |files: &[(String, String)]| {
        let (_, text) =
            files.iter().find(|(path, _)| path == generator::api_md::API_MD_PATH).expect("API.md");
        text.lines().filter(|l| l.starts_with("| `current_step` |")).map(str::to_owned).collect::<Vec<_>>()
    };
    let (before, after) = (api(&generate_unedited()), api(&files));
    assert!(before.iter().any(|l| l.contains("`Option<i64>`")), "{before:?}");
    assert!(after.iter().all(|l| !l.contains("Option<")), "the Option is gone: {after:?}");
    let [change] = changes.as_slice() else { panic!("{changes:#?}") };
    assert_eq!((change.kind, change.member.as_deref()), (K::KeywordChanged, Some("default")));
    assert_eq!(change.semver, Semver::Major, "{change:#?}");
}
