//! HAR files that diverge from the spec on purpose: `verify` must name each divergence
//! with its JSON path, spec pointer and provenance.

use std::path::PathBuf;

use c2a_verify::har::{Entry, Har, NameValue, RecordingSource, SourceKind, json_entry};
use c2a_verify::verify::verify_loaded;
use c2a_verify::{Decode, Finding, FindingKind, Report, Severity, Side, Spec};
use serde_json::{Value, json};

const BASE: &str = "https://acme.sandbox.azotte.com/api/v1";

fn spec_doc() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi/c2a.yaml");
    let text = std::fs::read_to_string(path).expect("the spec is readable");
    c2a_spec::load::parse_yaml(&text).expect("the spec parses")
}

fn run_with(doc: Value, kind: SourceKind, entries: Vec<Entry>) -> Report {
    let har = Har::new("drift test", RecordingSource::of(kind), entries);
    verify_loaded(&Spec::from_value(doc), &[("drift.har".to_owned(), har)])
}

fn run(entries: Vec<Entry>) -> Report {
    run_with(spec_doc(), SourceKind::Real, entries)
}

fn showcase(offer: Value) -> Entry {
    let body = json!({ "status": { "messageCode": "SUCCESS" }, "offer": offer });
    json_entry(
        "POST",
        &format!("{BASE}/c2a/offer/showcase"),
        Some(&json!({ "context": {} })),
        200,
        Some(&body),
    )
}

fn offer(group: Value) -> Value {
    json!({ "offerIdentifier": "sh_1", "artifactGroups": [group] })
}

fn validate(status: u16, body: Value) -> Entry {
    json_entry(
        "POST",
        &format!("{BASE}/c2a/customer/validate"),
        Some(&json!({ "externalId": "x" })),
        status,
        Some(&body),
    )
}

fn only(report: &Report, kind: FindingKind) -> Finding {
    let found: Vec<&Finding> = report.findings().map(|(_, f)| f).filter(|f| f.kind == kind).collect();
    assert_eq!(found.len(), 1, "expected one {kind:?} in {:#?}", report.exchanges);
    found[0].clone()
}

fn assert_located(f: &Finding, path: &str, pointer: &str, provenance: Option<&str>) {
    assert_eq!(
        (f.json_path.as_str(), f.spec_pointer.as_str(), f.provenance.as_deref()),
        (path, pointer, provenance),
        "{f:#?}"
    );
}

#[test]
fn a_removed_required_field_is_named() {
    // The spec keeps sample-only response fields optional (the response-required check);
    // require one here to see how its absence is reported.
    let mut doc = spec_doc();
    doc["components"]["schemas"]["ArtifactGroup"]["required"] = json!(["bundleUrn"]);
    let report = run_with(doc, SourceKind::Real, vec![showcase(offer(json!({ "name": "Pro" })))]);
    let f = only(&report, FindingKind::MissingRequired);
    assert_located(
        &f,
        "$.offer.artifactGroups[0].bundleUrn",
        "#/components/schemas/ArtifactGroup/properties/bundleUrn",
        Some("sample"),
    );
    assert_eq!((f.severity, f.side), (Severity::Mismatch, Side::Response));
}

#[test]
fn an_added_field_is_named() {
    let report = run(vec![showcase(offer(json!({ "bundleUrn": "bn.1", "discountMilpieces": 100 })))]);
    let f = only(&report, FindingKind::UnknownField);
    assert_located(
        &f,
        "$.offer.artifactGroups[0].discountMilpieces",
        "#/components/schemas/ArtifactGroup",
        Some("sample"),
    );
    assert_eq!(report.decode_failures(), 0, "the client ignores unknown fields");
}

fn subscriptions(state: &str) -> Entry {
    let body = json!({ "result": [ { "bundleUrn": "bn.1", "orderIdentifier": "or_1", "state": state } ], "status": { "messageCode": "SUCCESS" } });
    json_entry("GET", &format!("{BASE}/c2a/subscription/cu.1"), None, 200, Some(&body))
}

#[test]
fn a_new_value_of_a_closed_enum_is_a_mismatch() {
    let mut doc = spec_doc();
    let state = doc["components"]["schemas"]["EnSubscriptionState"].as_object_mut().expect("schema");
    state.remove("x-extensible-enum");
    let report = run_with(doc, SourceKind::Real, vec![subscriptions("Paused")]);
    let f = only(&report, FindingKind::EnumValueNotListed);
    assert_located(
        &f,
        "$.result[0].state",
        "#/components/schemas/EnSubscriptionState/enum",
        Some("documented"),
    );
    assert_eq!(f.severity, Severity::Mismatch);
}

#[test]
fn a_new_value_of_an_extensible_enum_is_information() {
    // `EnSubscriptionState` is marked `x-extensible-enum: true` in the spec.
    let report = run(vec![subscriptions("Paused")]);
    let f = only(&report, FindingKind::EnumValueNotListed);
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(report.mismatches(), 0);
}

#[test]
fn a_new_message_code_is_named() {
    let report = run(vec![validate(
        200,
        json!({ "isAvailable": false, "status": { "messageCode": "CUSTOMER_FROZEN" } }),
    )]);
    let f = only(&report, FindingKind::MessageCodeNotListed);
    assert_located(
        &f,
        "$.status.messageCode",
        "#/paths/~1c2a~1customer~1validate/post/x-message-codes",
        None,
    );
    assert_eq!(report.exchanges[0].message_code.as_deref(), Some("CUSTOMER_FROZEN"));
}

#[test]
fn an_undeclared_status_is_named() {
    let report =
        run(vec![validate(201, json!({ "isAvailable": true, "status": { "messageCode": "SUCCESS" } }))]);
    let f = only(&report, FindingKind::UndeclaredStatus);
    assert_located(&f, "$", "#/paths/~1c2a~1customer~1validate/post/responses/default", Some("inferred"));
    assert_eq!(f.severity, Severity::Mismatch);
    // A 4xx the operation does not list falls to the inferred `default`: information only.
    let report = run(vec![validate(409, json!({ "status": { "messageCode": "INVALID_REQUEST" } }))]);
    let f = only(&report, FindingKind::UndeclaredStatus);
    assert_eq!(f.severity, Severity::Info);
}

#[test]
fn a_wrong_type_is_named_and_the_client_error_reported() {
    let report =
        run(vec![validate(200, json!({ "isAvailable": "yes", "status": { "messageCode": "SUCCESS" } }))]);
    let f = only(&report, FindingKind::WrongType);
    assert_located(
        &f,
        "$.isAvailable",
        "#/components/schemas/ValidateCustomerResponse/properties/isAvailable",
        Some("documented"),
    );
    assert!(f.message.contains("string where the spec declares boolean"), "{f:?}");
    let Decode::Failed(error) = &report.exchanges[0].decode else {
        panic!("{:?}", report.exchanges[0].decode)
    };
    assert!(error.contains("validate_customer"), "{error}");
    only(&report, FindingKind::ClientDecodeFailed);
}

#[test]
fn request_bodies_are_checked_too() {
    let entry = json_entry(
        "POST",
        &format!("{BASE}/c2a/customer/validate"),
        Some(&json!({ "externalId": 42 })),
        0,
        None,
    );
    let f = only(&run(vec![entry]), FindingKind::WrongType);
    assert_located(
        &f,
        "$.externalId",
        "#/components/schemas/ValidateCustomerRequest/properties/externalId",
        Some("documented"),
    );
    assert_eq!(f.side, Side::Request);
}

#[test]
fn an_undeclared_content_type_is_named() {
    let mut entry = validate(502, json!(null));
    entry.response.content.mime_type = "text/html".to_owned();
    entry.response.content.text = Some("<html>Bad gateway</html>".to_owned());
    let report = run(vec![entry]);
    let f = only(&report, FindingKind::UndeclaredContentType);
    assert_eq!(f.spec_pointer, "#/paths/~1c2a~1customer~1validate/post/responses/default/content");
    assert!(matches!(report.exchanges[0].decode, Decode::Failed(_)), "{:?}", report.exchanges[0].decode);
}

#[test]
fn other_traffic_is_counted_as_ignored() {
    let mut page = json_entry("GET", "https://cdn.example/app.js", None, 200, None);
    page.request.headers.push(NameValue { name: "accept".to_owned(), value: "*/*".to_owned() });
    let report = run(vec![
        page,
        validate(200, json!({ "isAvailable": true, "status": { "messageCode": "SUCCESS" } })),
    ]);
    assert_eq!((report.ignored(), report.exchanges.len(), report.mismatches()), (1, 1, 0));
}

#[test]
fn only_evidence_confirms_facts() {
    let group = json!({ "bundleUrn": "bn.1", "itemIdentifier": "it.1" });
    let confirmed = |kind| {
        let report = run_with(spec_doc(), kind, vec![showcase(offer(group.clone()))]);
        report.facts.confirmed.iter().any(|f| f.subject == "ArtifactGroup.itemIdentifier")
    };
    assert!(confirmed(SourceKind::Real));
    let report = run_with(spec_doc(), SourceKind::Real, vec![showcase(offer(group.clone()))]);
    let fact = report.facts.confirmed.iter().find(|f| f.subject == "ArtifactGroup.itemIdentifier");
    assert_eq!(
        fact.map(|f| (f.by_real_traffic, f.confirmed_by.clone())),
        Some((true, vec!["drift.har#0".to_owned()]))
    );
    assert!(!confirmed(SourceKind::Sandbox), "sandbox traffic confirms nothing");
    // A real 200 confirms the inferred response object too; docs samples never do.
    let report = run_with(spec_doc(), SourceKind::Real, vec![showcase(offer(group.clone()))]);
    assert!(report.facts.confirmed.iter().any(|f| f.subject == "get_showcase_offer: HTTP 200"));
    let report = run_with(spec_doc(), SourceKind::DocsSample, vec![showcase(offer(group))]);
    assert!(!report.facts.confirmed.iter().any(|f| f.subject == "get_showcase_offer: HTTP 200"));
}

#[test]
fn a_wrongly_typed_value_confirms_nothing() {
    let report = run(vec![showcase(offer(json!({ "bundleUrn": "bn.1", "itemIdentifier": 7 })))]);
    only(&report, FindingKind::WrongType);
    assert!(!report.facts.confirmed.iter().any(|f| f.subject == "ArtifactGroup.itemIdentifier"));
}

#[test]
fn query_parameters_are_checked() {
    let body = json!({ "result": [], "status": { "messageCode": "SUCCESS" } });
    let url = format!("{BASE}/c2a/customer/payment/methods/list?customer=cu.1");
    let report = run(vec![json_entry("GET", &url, None, 200, Some(&body))]);
    let missing = only(&report, FindingKind::MissingRequired);
    assert_located(&missing, "?c", "#/paths/~1c2a~1customer~1payment~1methods~1list/get/parameters/0", None);
    let unknown = only(&report, FindingKind::UnknownField);
    assert_eq!((unknown.json_path.as_str(), unknown.side), ("?customer", Side::Request));
}

#[test]
fn a_dropped_body_is_not_a_mismatch() {
    let mut entry = validate(200, json!({ "isAvailable": true, "status": { "messageCode": "SUCCESS" } }));
    entry.response.content.text = None;
    let report = run(vec![entry]);
    assert_eq!(report.mismatches(), 0, "{:#?}", report.exchanges);
    assert!(matches!(report.exchanges[0].decode, Decode::NotRun(_)));
}

/// The client decodes the bytes as recorded: a base64 body whose string holds a byte that is
/// not UTF-8 fails the client's decode, as it would on the wire (made lossy text first, it
/// was a replacement character and decoded).
#[test]
fn a_body_that_is_not_utf8_is_decoded_as_the_bytes_it_is() {
    use base64::Engine as _;
    let mut entry = validate(200, json!({}));
    let mut body = br#"{"isAvailable":true,"status":{"messageCode":"SUCCESS","message":"x"#.to_vec();
    body.extend_from_slice(b"\xff\"}}");
    entry.response.content.encoding = Some("base64".to_owned());
    entry.response.content.text = Some(base64::engine::general_purpose::STANDARD.encode(&body));
    let report = run(vec![entry]);
    assert!(matches!(&report.exchanges[0].decode, Decode::Failed(_)), "{:?}", report.exchanges[0].decode);
}
