//! Recorded URLs are read as URLs (the `url` crate), not split by hand: the base URL is
//! ignored, path segments and query parameters are percent-decoded before they are matched
//! against the spec, `+` in a query is a space, and a URL that does not parse is skipped,
//! never a panic.

use std::path::PathBuf;

use c2a_verify::har::{Entry, Har, NameValue, RecordingSource, SourceKind, json_entry};
use c2a_verify::verify::verify_loaded;
use c2a_verify::{Finding, Report, Spec};

const BASE: &str = "https://acme.sandbox.azotte.com/api/v1";

fn spec() -> Spec {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi/c2a.yaml");
    Spec::load(&path).expect("the spec loads")
}

fn run(entries: Vec<Entry>) -> Report {
    let har = Har::new("url test", RecordingSource::of(SourceKind::Real), entries);
    verify_loaded(&spec(), &[("urls.har".to_owned(), har)])
}

/// A request with no response recorded: only matching and the query are checked.
fn get(url: &str) -> Entry {
    json_entry("GET", url, None, 0, None)
}

/// The operation each URL matched (`None`: ignored).
fn operations(entries: Vec<Entry>) -> Vec<Option<String>> {
    let count = entries.len();
    let report = run(entries);
    (0..count).map(|i| report.exchanges.iter().find(|x| x.entry == i).map(|x| x.operation.clone())).collect()
}

/// The query findings (`?name`) of the only exchange.
fn query_findings(url: &str) -> Vec<Finding> {
    let report = run(vec![get(url)]);
    assert_eq!(report.exchanges.len(), 1, "{url} matches an operation");
    report.findings().map(|(_, f)| f.clone()).filter(|f| f.json_path.starts_with('?')).collect()
}

#[test]
fn the_base_url_is_ignored() {
    let status = "/c2a/offer/checkout/trk_1/status";
    let found = operations(vec![
        get(&format!("{BASE}{status}")),
        get(&format!("http://127.0.0.1:45351/api/v1{status}")),
        get(&format!("https://proxy.example/tenant/acme/api/v1{status}?trace=1#top")),
        get(status),
    ]);
    assert_eq!(found, vec![Some("get_checkout_status".to_owned()); 4]);
}

#[test]
fn a_percent_encoded_literal_segment_is_the_literal() {
    let found = operations(vec![
        get(&format!("{BASE}/c2a/offer/checkout/trk_1/st%61tus")),
        get(&format!("{BASE}/c2a/customer/%69nfo?urn=cu.1")),
    ]);
    assert_eq!(found, [Some("get_checkout_status".to_owned()), Some("get_customer_info".to_owned())]);
}

#[test]
fn a_percent_encoded_slash_stays_inside_its_segment() {
    // `trk%2F1` is one segment (`trk/1`), not two: it matches `{trackingId}`.
    let found = operations(vec![
        get(&format!("{BASE}/c2a/offer/checkout/trk%2F1/status")),
        // A literal segment decoded to `customer/info` is not the two segments of the template.
        get(&format!("{BASE}/c2a/customer%2Finfo?urn=cu.1")),
    ]);
    assert_eq!(found, [Some("get_checkout_status".to_owned()), None]);
}

fn pairs(list: &[NameValue]) -> Vec<(&str, &str)> {
    list.iter().map(|p| (p.name.as_str(), p.value.as_str())).collect()
}

#[test]
fn a_percent_encoded_path_segment_is_its_parameter_decoded() {
    let report = run(vec![
        get(&format!("{BASE}/c2a/offer/checkout/trk%2F1/status")),
        get(&format!("{BASE}/c2a/subscription/cu%2E00")),
    ]);
    let seen: Vec<_> = report
        .exchanges
        .iter()
        .map(|x| (x.operation.as_str(), x.path.as_str(), pairs(&x.path_parameters)))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "get_checkout_status",
                "/api/v1/c2a/offer/checkout/trk%2F1/status",
                vec![("trackingId", "trk/1")]
            ),
            (
                "list_customer_subscriptions",
                "/api/v1/c2a/subscription/cu%2E00",
                vec![("customerUrn", "cu.00")]
            ),
        ]
    );
    let json = serde_json::to_value(&report).expect("serializes");
    assert_eq!(
        json["exchanges"][0]["path_parameters"],
        serde_json::json!([{ "name": "trackingId", "value": "trk/1" }])
    );
}

#[test]
fn query_values_are_form_decoded() {
    let report = run(vec![get(&format!("{BASE}/c2a/customer/info?exId=crm%2D9981273&urn=cu+00%2B1"))]);
    assert_eq!(pairs(&report.exchanges[0].query), [("exId", "crm-9981273"), ("urn", "cu 00+1")]);
    assert_eq!(report.mismatches(), 0, "{:#?}", report.exchanges);
}

#[test]
fn the_url_query_comes_before_the_har_query_string() {
    // A recorder that keeps `queryString` percent-encoded: the URL's decoded query is used.
    let mut encoded = get(&format!("{BASE}/c2a/customer/info?ur%6E=cu.1"));
    encoded.request.query_string = vec![NameValue { name: "ur%6E".to_owned(), value: "cu.1".to_owned() }];
    // No query in the URL: `queryString` is all there is, as recorded.
    let mut listed = get(&format!("{BASE}/c2a/customer/payment/methods/list"));
    listed.request.query_string = vec![NameValue { name: "c".to_owned(), value: "cu.1".to_owned() }];
    let report = run(vec![encoded, listed]);
    let seen: Vec<_> = report.exchanges.iter().map(|x| pairs(&x.query)).collect();
    assert_eq!(seen, [[("urn", "cu.1")], [("c", "cu.1")]]);
    assert_eq!(report.mismatches(), 0, "{:#?}", report.exchanges);
}

#[test]
fn a_percent_encoded_query_parameter_name_is_the_declared_one() {
    // `ur%6E` is `urn`, `%63` is `c`: declared, and the required `c` is present.
    assert_eq!(query_findings(&format!("{BASE}/c2a/customer/info?ur%6E=cu.1")), []);
    assert_eq!(query_findings(&format!("{BASE}/c2a/customer/info?ex%49d=crm%2D9981273")), []);
    assert_eq!(query_findings(&format!("{BASE}/c2a/customer/payment/methods/list?%63=cu.1")), []);
    // An undeclared name is named decoded.
    let undeclared = query_findings(&format!("{BASE}/c2a/customer/info?urn=cu.1&cu%73tomer=x"));
    let paths: Vec<&str> = undeclared.iter().map(|f| f.json_path.as_str()).collect();
    assert_eq!(paths, ["?customer"]);
}

#[test]
fn a_url_that_does_not_parse_is_skipped() {
    let report = run(vec![
        // Port out of range, unclosed IPv6 host, space in the host, not a hierarchical URL.
        get("https://acme.sandbox.azotte.com:99999/api/v1/c2a/customer/info?urn=cu.1"),
        get("https://[::1/api/v1/c2a/customer/info?urn=cu.1"),
        get("https://acme sandbox/api/v1/c2a/customer/info?urn=cu.1"),
        get("data:text/plain,/c2a/customer/info"),
        get(&format!("{BASE}/c2a/customer/info?urn=cu.1")),
    ]);
    assert_eq!((report.ignored(), report.exchanges.len()), (4, 1), "{:#?}", report.exchanges);
    assert_eq!(report.exchanges[0].entry, 4);
}
