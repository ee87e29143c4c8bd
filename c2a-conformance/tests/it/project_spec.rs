//! The engine over the project spec, `openapi/c2a.yaml`: the answers the sandbox's tests
//! rely on.

use std::sync::LazyLock;

use c2a_conformance::{
    Checked, Exchange, FindingKind, RESPONSE_MEDIA_TYPE, SensitiveFields, Severity, Spec, check_exchange,
};
use serde_json::{Value, json};

static PROJECT: LazyLock<Spec> = LazyLock::new(|| {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/c2a.yaml");
    Spec::load(std::path::Path::new(path)).expect("the project spec loads")
});

fn validate(status: u16, body: Option<&Value>) -> Checked<'static> {
    let exchange = Exchange::new("POST", "https://acme.sandbox.azotte.com/api/v1/c2a/customer/validate")
        .request_body("application/json", json!({ "externalId": "crm-9981273" }).to_string());
    let exchange = match body {
        Some(body) => exchange.response(status, Some(RESPONSE_MEDIA_TYPE), body.to_string()),
        None => exchange.response(status, None, ""),
    };
    check_exchange(&PROJECT, &exchange, SensitiveFields::Carried).expect("validate_customer")
}

#[test]
fn a_documented_answer_conforms() {
    let checked =
        validate(200, Some(&json!({ "status": { "messageCode": "SUCCESS" }, "isAvailable": true })));
    assert_eq!((checked.operation.id.as_str(), checked.findings.len()), ("validate_customer", 0));
    let checked = validate(401, None);
    assert_eq!(checked.findings, [], "401 is declared without a body");
    let f = &validate(401, Some(&json!({ "status": { "messageCode": "SUCCESS" } }))).findings[0];
    assert_eq!(f.kind, FindingKind::UndeclaredContentType);
}

#[test]
fn a_field_the_spec_does_not_know_is_unknown() {
    let body = json!({ "status": { "messageCode": "SUCCESS" }, "isAvailable": true, "score": 1 });
    let checked = validate(200, Some(&body));
    assert_eq!(checked.findings.iter().map(|f| f.kind).collect::<Vec<_>>(), [FindingKind::UnknownField]);
    assert_eq!(checked.findings[0].json_path, "$.score");
}

/// What the sandbox's tests allow by name: its `413 INVALID_REQUEST` for a body over its
/// limit (a decision in its README) is a status only `default` covers (information) and a
/// code the spec lists with HTTP 400.
#[test]
fn the_sandboxs_413_is_one_code_status_mismatch() {
    let checked = validate(413, Some(&json!({ "status": { "messageCode": "INVALID_REQUEST" } })));
    let found: Vec<_> = checked.findings.iter().map(|f| (f.kind, f.severity)).collect();
    assert_eq!(
        found,
        [
            (FindingKind::UndeclaredStatus, Severity::Info),
            (FindingKind::CodeStatusDiffers, Severity::Mismatch)
        ]
    );
}
