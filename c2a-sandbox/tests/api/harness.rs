//! The harness's own rules: the engine reads the spec by the rules every reader shares
//! (`c2a_spec`), and the harness lets through exactly what `allowed` names.

use c2a_conformance::{Finding, FindingKind, Severity, Side};
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn a_status_range_in_any_case_answers_before_default() {
    let sandbox = fast().start().await.expect("sandbox");
    let path = "/c2a/customer/info?exId=crm-unknown";
    let response = Api::new(&sandbox).get("get_customer_info", path).await;
    response.expect(404, "CUSTOMER_NOT_FOUND");

    // The same operation with its `404` declared as a lower-case `4xx` range, beside a
    // `default` whose body the answer does not fit: the range must answer the 404, with
    // nothing to report.
    let mut checked = spec().checked().clone();
    let responses =
        checked.doc["paths"]["/c2a/customer/info"]["get"]["responses"].as_object_mut().expect("responses");
    let not_found = responses.remove("404").expect("get_customer_info declares 404");
    responses.insert("4xx".to_owned(), not_found);
    let unfit = json!({"type": "object", "required": ["notThere"]});
    responses.insert(
        "default".to_owned(),
        json!({"description": "A body no answer has.", "content": {MEDIA_TYPE: {"schema": unfit}}}),
    );
    let changed = Spec::from_checked(checked);
    assert_eq!(changed.findings("get_customer_info", &response.exchange), []);

    // Without the range, that `default` answers the 404 and its body does not fit: the
    // engine reads the changed spec, and above it was the range that answered.
    let mut checked = changed.checked().clone();
    let responses =
        checked.doc["paths"]["/c2a/customer/info"]["get"]["responses"].as_object_mut().expect("responses");
    responses.remove("4xx").expect("the range added above");
    let findings = Spec::from_checked(checked).findings("get_customer_info", &response.exchange);
    let kinds: Vec<FindingKind> = findings.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&FindingKind::MissingRequired), "{findings:?}");
    assert!(findings.iter().all(|f| f.spec_pointer.contains("/responses/default")), "{findings:?}");
}

fn finding(kind: FindingKind, severity: Severity, side: Side) -> Finding {
    Finding {
        kind,
        severity,
        side,
        json_path: "$".to_owned(),
        spec_pointer: "#/paths".to_owned(),
        provenance: None,
        message: String::new(),
    }
}

#[test]
fn the_harness_allows_exactly_its_three_exceptions() {
    use FindingKind::*;
    use Severity::*;
    let code_status = finding(CodeStatusDiffers, Mismatch, Side::Response);
    // The sandbox's 413 for a body over its limit, and only that.
    assert!(allowed(413, Some("INVALID_REQUEST"), &code_status));
    assert!(!allowed(413, Some("BAD_REQUEST"), &code_status));
    assert!(!allowed(400, Some("INVALID_REQUEST"), &code_status));
    assert!(!allowed(413, Some("INVALID_REQUEST"), &finding(UnknownField, Mismatch, Side::Response)));
    // A status `default` covers: information.
    assert!(allowed(422, Some("OFFER_NOT_PURCHASABLE"), &finding(UndeclaredStatus, Info, Side::Response)));
    assert!(!allowed(302, None, &finding(UndeclaredStatus, Mismatch, Side::Response)));
    assert!(!allowed(200, Some("SUCCESS"), &finding(EnumValueNotListed, Info, Side::Response)));
    // A request the spec refuses must have been refused.
    assert!(allowed(400, Some("INVALID_REQUEST"), &finding(MissingRequired, Mismatch, Side::Request)));
    assert!(!allowed(200, Some("SUCCESS"), &finding(MissingRequired, Mismatch, Side::Request)));
    assert!(!allowed(500, Some("INTERNAL_SERVER_ERROR"), &finding(InvalidJson, Mismatch, Side::Request)));
}

#[tokio::test]
async fn a_response_that_does_not_conform_fails_the_check() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let response =
        api.post("validate_customer", "/c2a/customer/validate", json!({ "externalId": "x" })).await;
    response.expect(200, "SUCCESS");
    // The same answer with a field the spec does not know, then with another media type.
    let mut exchange = response.exchange.clone();
    let answer = exchange.response.as_mut().expect("a response");
    let mut body = response.json.clone();
    body["score"] = json!(1);
    answer.body = Some(body.to_string().into_bytes());
    let findings = spec().findings("validate_customer", &exchange);
    assert_eq!(
        findings.iter().map(|f| (f.kind, f.json_path.as_str())).collect::<Vec<_>>(),
        [(FindingKind::UnknownField, "$.score")]
    );
    let mut exchange = response.exchange.clone();
    let answer = exchange.response.as_mut().expect("a response");
    for header in &mut answer.headers {
        if header.name.eq_ignore_ascii_case("content-type") {
            header.value = "application/json".to_owned();
        }
    }
    let findings = spec().findings("validate_customer", &exchange);
    assert!(
        findings.iter().any(|f| f.kind == FindingKind::UndeclaredContentType),
        "another media type must be found: {findings:#?}"
    );
    let panicked = std::panic::catch_unwind(|| spec().check("validate_customer", &exchange));
    assert!(panicked.is_err(), "and not allowed by the harness");
}
