//! The request: query parameters, the body's content type and schema, and `x-sensitive`
//! fields, masked in recordings and carried in live traffic.

use c2a_conformance::{Checked, Exchange, FindingKind, NameValue, Side};
use serde_json::json;

use crate::{MASK, assert_located, check, check_recorded, kinds, only, store_thing};

const STORE: &str = "#/paths/~1c2a~1things/post/requestBody";

pub fn unmasked_sensitive_field() -> Checked<'static> {
    check_recorded(&store_thing(&json!({ "name": "t", "secret": "4111111111111111" })))
}

fn get(url: &str) -> Exchange {
    Exchange::new("GET", url)
}

#[test]
fn a_required_query_parameter_must_be_present_and_no_other_sent() {
    let checked = check(&get("https://h/c2a/things/t1?vie%77=full"));
    assert_eq!(checked.findings, [], "`vie%77` is `view`, decoded");
    let checked = check(&get("https://h/c2a/things/t1?x=1"));
    assert_eq!(kinds(&checked), [FindingKind::MissingRequired, FindingKind::UnknownField]);
    let (missing, unknown) = (&checked.findings[0], &checked.findings[1]);
    assert_located(missing, "?view", "#/paths/~1c2a~1things~1{thingId}/get/parameters/1", None);
    assert_located(unknown, "?x", "#/paths/~1c2a~1things~1{thingId}/get/parameters", None);
    assert!(checked.findings.iter().all(|f| f.side == Side::Request));
}

#[test]
fn the_recorded_query_counts_only_when_the_url_has_none() {
    let mut exchange = get("https://h/c2a/things/t1");
    exchange.recorded_query = vec![NameValue::new("view", "full")];
    let checked = check(&exchange);
    assert_eq!((checked.findings.len(), checked.query.clone()), (0, vec![NameValue::new("view", "full")]));
    exchange.url.push_str("?other=1");
    assert_eq!(kinds(&check(&exchange)), [FindingKind::MissingRequired, FindingKind::UnknownField]);
}

#[test]
fn a_request_body_is_walked_beside_its_schema() {
    let f = only(&check(&store_thing(&json!({ "name": "t", "count": "many" }))));
    assert_eq!((f.kind, f.side), (FindingKind::WrongType, Side::Request));
    assert_located(&f, "$.count", "#/components/schemas/StoreThing/properties/count", None);
    let f = only(&check(&store_thing(&json!({}))));
    assert_eq!(
        (f.kind, f.side, f.json_path.as_str()),
        (FindingKind::MissingRequired, Side::Request, "$.name")
    );
}

#[test]
fn a_request_body_needs_a_declared_content_type() {
    let exchange = Exchange::new("POST", "https://h/c2a/things").request_body("text/plain", "name=t");
    let f = only(&check(&exchange));
    assert_eq!((f.kind, f.side), (FindingKind::UndeclaredContentType, Side::Request));
    assert_located(&f, "$", &format!("{STORE}/content"), None);
    let charset = Exchange::new("POST", "https://h/c2a/things")
        .request_body("Application/JSON; charset=utf-8", json!({ "name": "t" }).to_string());
    assert_eq!(check(&charset).findings, [], "media types are compared by essence");
    let bodyless = get("https://h/c2a/things/t1?view=full").request_body("application/json", "{}");
    let f = only(&check(&bodyless));
    assert_eq!(f.kind, FindingKind::UndeclaredContentType);
    assert_eq!(f.spec_pointer, "#/paths/~1c2a~1things~1{thingId}/get/requestBody");
}

#[test]
fn a_request_body_that_is_not_json_is_invalid_json() {
    let exchange =
        Exchange::new("POST", "https://h/c2a/things").request_body("application/json", "{\"name\":");
    let f = only(&check(&exchange));
    assert_eq!((f.kind, f.side), (FindingKind::InvalidJson, Side::Request));
    assert_eq!(f.spec_pointer, format!("{STORE}/content/application~1json/schema"));
    let blank = Exchange::new("POST", "https://h/c2a/things").request_body("application/json", " \n");
    assert_eq!(check(&blank).findings, [], "a blank body is no body");
}

#[test]
fn a_recording_must_mask_sensitive_fields() {
    let f = only(&unmasked_sensitive_field());
    assert_eq!((f.kind, f.side), (FindingKind::SensitiveFieldRecorded, Side::Request));
    assert_located(&f, "$.secret", "#/components/schemas/StoreThing/properties/secret", None);
    let masked = store_thing(&json!({ "name": "t", "secret": MASK }));
    assert_eq!(check_recorded(&masked).findings, []);
}

#[test]
fn live_traffic_carries_sensitive_fields_checked_like_any_other() {
    let live = store_thing(&json!({ "name": "t", "secret": "4111111111111111" }));
    assert_eq!(check(&live).findings, []);
    let f = only(&check(&store_thing(&json!({ "name": "t", "secret": 4111 }))));
    assert_eq!((f.kind, f.json_path.as_str()), (FindingKind::WrongType, "$.secret"));
}

#[test]
fn an_exchange_debug_shows_no_header_value_and_no_body() {
    let exchange = store_thing(&json!({ "name": "t", "secret": "4111111111111111" }))
        .request_header("x-api-key", "sk_live_secret_key")
        .response(200, Some("application/json"), "{\"card\":\"4000000000000002\"}");
    let shown = format!("{exchange:?}");
    for secret in ["4111111111111111", "sk_live_secret_key", "4000000000000002"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(shown.contains("x-api-key") && shown.contains("bytes"), "{shown}");
}

#[test]
fn a_finding_about_a_sensitive_value_never_quotes_it() {
    let card = "4111111111111111";
    let checked = check(&store_thing(&json!({ "name": "t", "expiry": card, "brand": card })));
    assert_eq!(kinds(&checked), [FindingKind::WrongType, FindingKind::EnumValueNotListed]);
    for finding in &checked.findings {
        assert!(!finding.message.contains(card), "{finding:?}");
        assert!(finding.message.contains("[redacted]"), "{finding:?}");
    }
    let listed = check(&store_thing(&json!({ "name": "t", "brand": "VISA" })));
    assert_eq!(listed.findings, []);
    assert!(!format!("{:?}", listed.observed).contains("VISA"), "{:?}", listed.observed);
}

#[test]
fn a_property_may_arrive_under_its_documented_alias() {
    assert_eq!(check(&store_thing(&json!({ "NM": "t" }))).findings, [], "`NM` is `name`");
    let f = only(&check(&store_thing(&json!({ "NM": 3 }))));
    assert_eq!(f.kind, FindingKind::WrongType);
    assert_located(&f, "$.NM", "#/components/schemas/StoreThing/properties/name", None);
    let f = only(&check_recorded(&store_thing(&json!({ "NM": "t", "SC": "4111111111111111" }))));
    assert_eq!((f.kind, f.json_path.as_str()), (FindingKind::SensitiveFieldRecorded, "$.SC"));
    assert_eq!(
        kinds(&check(&store_thing(&json!({ "XX": "t" })))),
        [FindingKind::MissingRequired, FindingKind::UnknownField]
    );
}
