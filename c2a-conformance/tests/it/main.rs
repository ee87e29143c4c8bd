//! Tests of the conformance engine, in one binary: each module one concern, over the tiny
//! spec `fixture.yaml` (clearer than the project spec) unless it says otherwise. `kinds`
//! requires a case for every finding kind.

mod kinds;
mod matching;
mod message_codes;
mod project_spec;
mod requests;
mod responses;
mod schemas;

use std::sync::LazyLock;

use c2a_conformance::{
    Checked, Exchange, Finding, FindingKind, RESPONSE_MEDIA_TYPE, SensitiveFields, Spec, check_exchange,
};
use serde_json::{Value, json};

/// The mask the client's recorder writes for `x-sensitive` fields.
pub const MASK: &str = "[redacted]";

/// The fixture spec.
pub static FIXTURE: LazyLock<Spec> = LazyLock::new(|| {
    Spec::from_yaml(include_str!("fixture.yaml"), "fixture.yaml").expect("the fixture parses")
});

/// `exchange` against the fixture, as live traffic.
pub fn check(exchange: &Exchange) -> Checked<'static> {
    check_exchange(&FIXTURE, exchange, SensitiveFields::Carried).expect("an operation of the fixture")
}

/// `exchange` against the fixture, as a recording (sensitive fields must be masked).
pub fn check_recorded(exchange: &Exchange) -> Checked<'static> {
    check_exchange(&FIXTURE, exchange, SensitiveFields::MustBeMasked(MASK))
        .expect("an operation of the fixture")
}

/// `GET /c2a/things/t1?view=full` answered with `status` and the JSON `body`.
pub fn get_thing(status: u16, body: &Value) -> Exchange {
    Exchange::new("GET", "https://h/api/v1/c2a/things/t1?view=full").response(
        status,
        Some(RESPONSE_MEDIA_TYPE),
        body.to_string(),
    )
}

/// A `get_thing` 200 whose `thing` is `thing`.
pub fn thing(thing: Value) -> Exchange {
    get_thing(200, &json!({ "status": { "messageCode": "SUCCESS" }, "thing": thing }))
}

/// `POST /c2a/things` with the JSON `request`, answered 200 `SUCCESS`.
pub fn store_thing(request: &Value) -> Exchange {
    Exchange::new("POST", "https://h/c2a/things")
        .request_body("application/json", request.to_string())
        .response(
            200,
            Some(RESPONSE_MEDIA_TYPE),
            json!({ "status": { "messageCode": "SUCCESS" } }).to_string(),
        )
}

/// The body of an envelope with only a status.
pub fn status_body(code: &str) -> Value {
    json!({ "status": { "messageCode": code } })
}

/// The one finding of `checked`, whatever its kind (fails when there are none or several).
#[track_caller]
pub fn only(checked: &Checked<'_>) -> Finding {
    assert_eq!(checked.findings.len(), 1, "exactly one finding: {:#?}", checked.findings);
    checked.findings[0].clone()
}

/// The kinds of `checked`'s findings, in order.
pub fn kinds(checked: &Checked<'_>) -> Vec<FindingKind> {
    checked.findings.iter().map(|f| f.kind).collect()
}

/// Asserts where a finding is: JSON path, spec pointer and provenance.
#[track_caller]
pub fn assert_located(f: &Finding, path: &str, pointer: &str, provenance: Option<&str>) {
    assert_eq!(
        (f.json_path.as_str(), f.spec_pointer.as_str(), f.provenance.as_deref()),
        (path, pointer, provenance),
        "{f:#?}"
    );
}
