//! `verify` reads the spec by the rules it shares with every other reader (`c2a_spec`):
//! parameters of the path item and behind `$ref`, response ranges in any case, provenance
//! precedence, and reachability through response components. Each test changes the real
//! spec the way the rule is about and replays traffic through `verify`.

use std::path::PathBuf;

use c2a_verify::facts::catalog;
use c2a_verify::har::{Entry, Har, RecordingSource, SourceKind, json_entry};
use c2a_verify::verify::verify_loaded;
use c2a_verify::{Finding, FindingKind, Report, Spec};
use serde_json::{Value, json};

const BASE: &str = "https://acme.sandbox.azotte.com/api/v1";
const LIST: &str = "/c2a/customer/payment/methods/list";

fn spec_doc() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi/c2a.yaml");
    let text = std::fs::read_to_string(path).expect("the spec is readable");
    c2a_spec::load::parse_yaml(&text).expect("the spec parses")
}

fn run(doc: Value, entries: Vec<Entry>) -> Report {
    let har = Har::new("rules test", RecordingSource::of(SourceKind::Real), entries);
    verify_loaded(&Spec::from_value(doc), &[("rules.har".to_owned(), har)])
}

fn of_kind(report: &Report, kind: FindingKind) -> Vec<Finding> {
    report.findings().map(|(_, f)| f.clone()).filter(|f| f.kind == kind).collect()
}

fn list_payment_methods(query: &str) -> Entry {
    let body = json!({ "result": [], "status": { "messageCode": "SUCCESS" } });
    json_entry("GET", &format!("{BASE}{LIST}{query}"), None, 200, Some(&body))
}

/// The spec with list_payment_methods' `c` moved to its path item, behind a `$ref` when
/// `by_ref`.
fn with_path_item_parameter(by_ref: bool) -> Value {
    let mut doc = spec_doc();
    let own = doc["paths"][LIST]["get"]["parameters"].as_array_mut().expect("parameters");
    let param = own.remove(0);
    assert_eq!(param["name"], "c");
    let declared = if by_ref {
        doc["components"]["parameters"]["CustomerQuery"] = param;
        json!({ "$ref": "#/components/parameters/CustomerQuery" })
    } else {
        param
    };
    doc["paths"][LIST]["parameters"] = json!([declared]);
    doc
}

#[test]
fn a_query_parameter_of_the_path_item_or_behind_a_ref_is_declared() {
    for by_ref in [false, true] {
        let report = run(with_path_item_parameter(by_ref), vec![list_payment_methods("?c=cu.1")]);
        assert_eq!(report.mismatches(), 0, "by_ref {by_ref}: {:#?}", report.exchanges);
    }
}

#[test]
fn a_missing_query_parameter_of_the_path_item_or_behind_a_ref_is_named_where_declared() {
    for (by_ref, pointer) in [
        (false, "#/paths/~1c2a~1customer~1payment~1methods~1list/parameters/0"),
        (true, "#/components/parameters/CustomerQuery"),
    ] {
        let report = run(with_path_item_parameter(by_ref), vec![list_payment_methods("")]);
        let missing = of_kind(&report, FindingKind::MissingRequired);
        let found: Vec<_> = missing.iter().map(|f| (f.json_path.as_str(), f.spec_pointer.as_str())).collect();
        assert_eq!(found, [("?c", pointer)], "by_ref {by_ref}");
    }
}

#[test]
fn a_lower_case_status_range_answers_before_default() {
    let mut doc = spec_doc();
    let responses = doc["paths"]["/c2a/customer/validate"]["post"]["responses"].as_object_mut().expect("map");
    let bad_request = responses.remove("400").expect("validate declares 400");
    responses.insert("4xx".to_owned(), bad_request);
    let body = json!({ "status": { "messageCode": "INVALID_REQUEST" } });
    let entry =
        json_entry("POST", &format!("{BASE}/c2a/customer/validate"), Some(&json!({})), 409, Some(&body));
    let report = run(doc, vec![entry]);
    let undeclared = of_kind(&report, FindingKind::UndeclaredStatus);
    assert!(undeclared.is_empty(), "409 falls in `4xx`, not `default`: {undeclared:#?}");
}

#[test]
fn a_field_listed_as_sample_and_inferred_is_inferred() {
    let mut doc = spec_doc();
    let group = &mut doc["components"]["schemas"]["ArtifactGroup"];
    assert!(group["x-provenance"]["sample"].as_array().expect("sample").contains(&json!("bundleUrn")));
    group["x-provenance"]["inferred"].as_array_mut().expect("inferred").push(json!("bundleUrn"));
    group["required"] = json!(["bundleUrn"]);
    let body = json!({ "status": { "messageCode": "SUCCESS" }, "offer": { "offerIdentifier": "sh_1", "artifactGroups": [{ "name": "Pro" }] } });
    let entry = json_entry(
        "POST",
        &format!("{BASE}/c2a/offer/showcase"),
        Some(&json!({ "context": {} })),
        200,
        Some(&body),
    );
    let report = run(doc.clone(), vec![entry]);
    let missing = of_kind(&report, FindingKind::MissingRequired);
    let provenance: Vec<_> = missing.iter().map(|f| f.provenance.as_deref()).collect();
    assert_eq!(provenance, [Some("inferred")]);

    let (facts, _) = catalog(&Spec::from_value(doc));
    let listed: Vec<_> = facts
        .iter()
        .filter(|f| f.subject == "ArtifactGroup.bundleUrn")
        .map(|f| f.provenance.as_str())
        .collect();
    assert_eq!(listed, ["inferred"], "one fact, graded by the shared rule");
}

#[test]
fn a_fact_reached_through_a_response_component_names_its_flow() {
    let mut doc = spec_doc();
    let ok = &mut doc["paths"]["/c2a/offer/showcase"]["post"]["responses"]["200"];
    let response = std::mem::replace(ok, json!({ "$ref": "#/components/responses/ShowcaseOk" }));
    doc["components"]["responses"] = json!({ "ShowcaseOk": response });
    let (facts, _) = catalog(&Spec::from_value(doc));
    let fact = facts.iter().find(|f| f.subject == "ArtifactGroup.itemIdentifier").expect("a sample fact");
    assert!(fact.flows.iter().any(|op| op == "get_showcase_offer"), "{:?}", fact.flows);
}
