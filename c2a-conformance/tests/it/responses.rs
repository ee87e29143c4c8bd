//! The response: its status (exact, range, `default`), content type, a body exactly where
//! one is declared, and what a conforming response confirms.

use c2a_conformance::{Checked, Exchange, FindingKind, RESPONSE_MEDIA_TYPE, Response, Severity, Side};
use serde_json::json;

use crate::{assert_located, check, get_thing, kinds, only, status_body, store_thing};

const GET: &str = "#/paths/~1c2a~1things~1{thingId}/get/responses";
const STORE: &str = "#/paths/~1c2a~1things/post/responses";

pub fn undeclared_status() -> Checked<'static> {
    check(&get_thing(503, &status_body("THING_LOCKED")))
}

pub fn another_media_type() -> Checked<'static> {
    let body = json!({ "status": { "messageCode": "SUCCESS" } }).to_string();
    check(&Exchange::new("GET", "https://h/c2a/things/t1?view=a").response(
        200,
        Some("application/json"),
        body,
    ))
}

pub fn invalid_json() -> Checked<'static> {
    check(&Exchange::new("GET", "https://h/c2a/things/t1?view=a").response(
        200,
        Some(RESPONSE_MEDIA_TYPE),
        "<html>oops</html>",
    ))
}

/// `store_thing` answered with `status` and a status-only envelope with `code`.
fn stored(status: u16, code: &str) -> Checked<'static> {
    let mut exchange = store_thing(&json!({ "name": "t" }));
    let response = exchange.response.as_mut().expect("a response");
    response.status = status;
    response.body = Some(status_body(code).to_string().into_bytes());
    check(&exchange)
}

#[test]
fn a_conforming_response_is_clean_and_confirms_its_response_and_code() {
    let checked =
        check(&get_thing(200, &json!({ "status": { "messageCode": "SUCCESS" }, "thing": { "name": "t" } })));
    assert_eq!(checked.findings, []);
    assert_eq!(checked.message_code.as_deref(), Some("SUCCESS"));
    assert_eq!(
        checked.conforming_response.as_deref(),
        Some("/paths/~1c2a~1things~1{thingId}/get/responses/200")
    );
    assert!(checked.observed.iter().any(|o| o == "/paths/~1c2a~1things~1{thingId}/get/x-message-codes/0"));
}

#[test]
fn a_status_without_a_response_is_undeclared() {
    let f = only(&undeclared_status());
    assert_eq!(
        (f.kind, f.severity, f.side),
        (FindingKind::UndeclaredStatus, Severity::Mismatch, Side::Response)
    );
    assert_located(&f, "$", GET, None);
    assert_eq!(undeclared_status().conforming_response, None);
}

#[test]
fn the_exact_status_comes_before_its_range() {
    // 401 is declared without a body; the `4XX` range would want one.
    let unauthorized = Exchange::new("GET", "https://h/c2a/things/t1?view=a").response(401, None, "");
    assert_eq!(check(&unauthorized).findings, []);
    let checked = check(&get_thing(404, &status_body("THING_NOT_FOUND")));
    assert_eq!(checked.findings, [], "404 is answered by `4XX`");
    assert_eq!(
        checked.conforming_response.as_deref(),
        Some("/paths/~1c2a~1things~1{thingId}/get/responses/4XX")
    );
}

#[test]
fn default_covers_errors_only_and_says_so() {
    let checked = stored(409, "INVALID_REQUEST");
    let f = &checked.findings[0];
    assert_eq!((f.kind, f.severity), (FindingKind::UndeclaredStatus, Severity::Info));
    assert_located(f, "$", &format!("{STORE}/default"), Some("inferred"));
    assert_eq!(kinds(&checked), [FindingKind::UndeclaredStatus, FindingKind::CodeStatusDiffers]);
    let checked = stored(202, "SUCCESS");
    assert_eq!(kinds(&checked), [FindingKind::UndeclaredStatus, FindingKind::CodeStatusDiffers]);
    let f = &checked.findings[0];
    assert_eq!(f.severity, Severity::Mismatch);
    assert!(f.message.contains("`default` stands for errors"), "{}", f.message);
}

#[test]
fn the_response_media_type_is_the_declared_one() {
    let f = only(&another_media_type());
    assert_eq!((f.kind, f.side), (FindingKind::UndeclaredContentType, Side::Response));
    assert_located(&f, "$", &format!("{GET}/200/content"), None);
    assert!(f.message.contains("application/clientOutput+Json"), "{}", f.message);
    let body = json!({ "status": { "messageCode": "SUCCESS" } }).to_string();
    let params = Exchange::new("GET", "https://h/c2a/things/t1?view=a").response(
        200,
        Some("application/clientoutput+json; charset=utf-8"),
        body,
    );
    assert_eq!(check(&params).findings, [], "compared by essence, case-insensitive");
}

#[test]
fn a_body_comes_exactly_where_one_is_declared() {
    let ping =
        |body: &str| Exchange::new("DELETE", "https://h/c2a/ping").response(204, None, body.to_owned());
    assert_eq!(check(&ping("")).findings, []);
    let f = only(&check(&ping("{}")));
    assert_eq!(f.kind, FindingKind::UndeclaredContentType);
    assert_located(&f, "$", "#/paths/~1c2a~1ping/delete/responses/204", None);
    // A declared body that did not come: no media type at all, or nothing to parse.
    let empty =
        |content_type| Exchange::new("GET", "https://h/c2a/things/t1?view=a").response(200, content_type, "");
    assert_eq!(kinds(&check(&empty(None))), [FindingKind::UndeclaredContentType]);
    assert_eq!(kinds(&check(&empty(Some(RESPONSE_MEDIA_TYPE)))), [FindingKind::InvalidJson]);
}

#[test]
fn a_body_that_is_not_json_is_invalid_json() {
    let f = only(&invalid_json());
    assert_eq!((f.kind, f.side), (FindingKind::InvalidJson, Side::Response));
    assert_eq!(f.spec_pointer, format!("{GET}/200/content/application~1clientOutput+Json/schema"));
    assert!(f.message.starts_with("the body is not JSON"), "{}", f.message);
}

#[test]
fn declared_header_components_seen_on_the_wire_are_observed() {
    let mut exchange = get_thing(200, &status_body("SUCCESS"));
    let observed = |e: &Exchange| check(e).observed.iter().any(|o| o == "/components/headers/RetryAfter");
    assert!(!observed(&exchange));
    exchange
        .response
        .as_mut()
        .expect("a response")
        .headers
        .push(c2a_conformance::NameValue::new("retry-after", "3"));
    assert!(observed(&exchange));
}

#[test]
fn a_dropped_body_leaves_the_status_checked_and_confirms_nothing() {
    let mut exchange = get_thing(200, &status_body("SUCCESS"));
    exchange.response = Some(Response { status: 200, headers: Vec::new(), body: None });
    let checked = check(&exchange);
    assert_eq!((checked.findings.len(), checked.conforming_response), (0, None));
    exchange.response = Some(Response { status: 599, headers: Vec::new(), body: None });
    assert_eq!(kinds(&check(&exchange)), [FindingKind::UndeclaredStatus]);
    exchange.response = None;
    assert_eq!((check(&exchange).findings.len(), check(&exchange).message_code), (0, None), "no response");
}

/// The fixture with `store_thing`'s request body and 200 response declared by `$ref` to
/// `components/requestBodies` and `components/responses`.
fn by_reference() -> c2a_conformance::Spec {
    let mut doc = crate::FIXTURE.doc().clone();
    let post = doc.pointer_mut("/paths/~1c2a~1things/post").expect("store_thing");
    let body =
        std::mem::replace(&mut post["requestBody"], json!({ "$ref": "#/components/requestBodies/Store" }));
    let ok =
        std::mem::replace(&mut post["responses"]["200"], json!({ "$ref": "#/components/responses/Stored" }));
    doc["components"]["requestBodies"] = json!({ "Store": body });
    doc["components"]["responses"] = json!({ "Stored": ok });
    c2a_conformance::Spec::from_value(doc)
}

#[test]
fn a_body_and_a_response_declared_by_reference_are_checked_where_they_are_declared() {
    let spec = by_reference();
    let check = |exchange: &Exchange| {
        c2a_conformance::check_exchange(&spec, exchange, c2a_conformance::SensitiveFields::Carried)
            .expect("store_thing")
    };
    let clean = check(&store_thing(&json!({ "name": "t" })));
    assert_eq!(clean.findings, [], "declared by reference, not undeclared");
    assert_eq!(clean.conforming_response.as_deref(), Some("/paths/~1c2a~1things/post/responses/200"));

    let wrong = check(&store_thing(&json!({ "name": 7 })));
    let f = only(&wrong);
    assert_eq!((f.kind, f.side), (FindingKind::WrongType, Side::Request));
    assert!(f.spec_pointer.starts_with("#/components/schemas/StoreThing"), "{}", f.spec_pointer);
}
