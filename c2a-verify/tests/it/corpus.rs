//! The committed corpus (`openapi/recordings/`) replayed through the spec's schemas and
//! the generated client: a spec edit that breaks decoding of recorded traffic fails here.

use std::path::PathBuf;

use c2a_verify::har::{self, SourceKind};
use c2a_verify::{Decode, FindingKind, Format, Report, Spec, render};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn corpus() -> PathBuf {
    root().join("openapi/recordings")
}

fn spec_doc() -> Value {
    let text = std::fs::read_to_string(root().join("openapi/c2a.yaml")).expect("the spec is readable");
    c2a_spec::load::parse_yaml(&text).expect("the spec parses")
}

fn report_for(doc: Value) -> Report {
    c2a_verify::verify::verify(&Spec::from_value(doc), &[corpus()]).expect("the corpus reads")
}

#[test]
fn the_corpus_replays_without_drift() {
    let report = report_for(spec_doc());
    assert!(!report.exchanges.is_empty());
    let failures: Vec<String> = report
        .exchanges
        .iter()
        .filter_map(|x| match &x.decode {
            Decode::Failed(e) => Some(format!("{}#{}: {e}", x.file, x.entry)),
            _ => None,
        })
        .collect();
    assert!(failures.is_empty(), "the generated client no longer decodes recorded traffic: {failures:#?}");
    assert_eq!(
        report.mismatches(),
        0,
        "the spec disagrees with recorded traffic:\n{}",
        render(&report, Format::Text)
    );
}

#[test]
fn markdown_report_of_the_corpus() {
    let mut report = report_for(spec_doc());
    report.inputs = vec!["openapi/recordings".to_owned()];
    expect_test::expect_file!["../../../openapi/recordings/REPORT.md"]
        .assert_eq(&render(&report, Format::Markdown));
}

#[test]
fn a_spec_edit_that_requires_an_unrecorded_field_is_reported() {
    let mut doc = spec_doc();
    let required =
        doc["components"]["schemas"]["PurchaseOffer"]["required"].as_array_mut().expect("a required list");
    required.push("expiresAt".into());
    let report = report_for(doc);
    let found: Vec<_> = report.findings().filter(|(_, f)| f.kind == FindingKind::MissingRequired).collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let (exchange, finding) = found[0];
    assert_eq!(exchange.file, "docs/offer-showcase.har");
    assert_eq!(finding.json_path, "$.offer.expiresAt");
    assert_eq!(finding.spec_pointer, "#/components/schemas/PurchaseOffer/properties/expiresAt");
    assert_eq!(finding.provenance.as_deref(), Some("inferred"));
}

#[test]
fn a_spec_edit_that_changes_a_recorded_type_is_reported() {
    let mut doc = spec_doc();
    doc["components"]["schemas"]["ValidateCustomerResponse"]["properties"]["isAvailable"]["type"] =
        "string".into();
    let report = report_for(doc);
    let found: Vec<_> = report.findings().filter(|(_, f)| f.kind == FindingKind::WrongType).collect();
    // One per recorded validate_customer response: the docs sample and the sandbox runs.
    let files: Vec<&str> = found.iter().map(|(exchange, _)| exchange.file.as_str()).collect();
    assert!(files.contains(&"docs/customers-validate.har"), "{found:#?}");
    assert!(files.iter().any(|f| f.starts_with("sandbox/")), "{found:#?}");
    assert!(found.iter().all(|(_, f)| f.json_path == "$.isAvailable"), "{found:#?}");
}

/// Every recording says where it came from, in the HAR itself.
#[test]
fn every_recording_names_its_source() {
    let report = report_for(spec_doc());
    for file in &report.files {
        assert_ne!(file.source, SourceKind::Unknown, "{} has no log._source", file.file);
        let har = har::read(&corpus().join(&file.file)).expect("readable");
        assert!(
            har.log.comment.as_deref().is_some_and(|c| c.starts_with("Source: ")),
            "{}: log.comment",
            file.file
        );
    }
}
