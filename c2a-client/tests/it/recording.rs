//! The client records its own traffic as HAR 1.2 that can be committed: a whole purchase
//! against the sandbox leaves no API key, no tenant id and no card data in the files; a
//! retried call keeps every attempt (the 503s and 429s with their `Retry-After`), each masked
//! and numbered, and no body beyond the cap. On a paused tokio clock, which the sandbox's
//! processing time, the waiter and the retry waits follow.

use std::path::Path;
use std::time::Duration;

use c2a_client::runtime::har::{Entry, Har, SourceKind, header};
use c2a_client::{Client, RetryPolicy};
use c2a_sandbox::Sandbox;

use crate::common::{self, Reply, Server};
use crate::support;

const API_KEY: &str = "sk_dev_recording_secret_987654321";
const TENANT: &str = "tenant-recorded-7f3a";

#[tokio::test(start_paused = true)]
async fn a_recorded_purchase_holds_no_key_tenant_or_card_data() {
    let sandbox = Sandbox::builder()
        .tenant(TENANT, API_KEY)
        .processing_time(Duration::from_millis(20))
        .start()
        .await
        .expect("sandbox");
    let dir = tempfile::tempdir().expect("temp dir");
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .api_key(API_KEY)
        .tenant(TENANT)
        .record_to(dir.path())
        .recorded_from(c2a_client::SourceKind::Sandbox)
        .build()
        .expect("client");
    support::subscribed_customer(&client).await.expect("purchase");

    let mut operations = Vec::new();
    for file in std::fs::read_dir(dir.path()).expect("read dir") {
        let path = file.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        for secret in [API_KEY, TENANT, "4242424242424242", "\"cvc\":\"123\"", "Jane Doe", "2031"] {
            assert!(!text.contains(secret), "{secret} leaked into {}", path.display());
        }
        let har: Har = serde_json::from_str(&text).expect("valid HAR");
        assert_eq!(har.log.version, "1.2");
        let [entry] = har.log.entries.as_slice() else { panic!("one exchange per call, not retried") };
        assert_eq!(entry.attempt, Some(1), "the first and only attempt");
        let source = har.log.source.as_ref().expect("_source");
        assert_eq!(source.kind, SourceKind::Sandbox);
        assert_eq!(source.origin.as_deref(), Some(sandbox.base_url()));
        // The custom fields are written under their HAR names.
        let custom: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(custom["log"]["_source"]["kind"], "sandbox");
        let operation = custom["log"]["entries"][0]["_operation"].as_str();
        assert_eq!(operation, entry.operation.as_deref());
        operations.push(operation.expect("operation named").to_owned());
        let masked: Vec<_> =
            entry.request.headers.iter().filter(|h| h.name == "x-api-key" || h.name == "x-tn").collect();
        assert_eq!(masked.len(), 2, "the credential headers are recorded, masked");
        assert!(masked.iter().all(|h| h.value == c2a_client::runtime::REDACTED));
        let body = entry.response.content.text.as_deref().expect("JSON response recorded");
        assert!(serde_json::from_str::<serde_json::Value>(body).expect("JSON").get("status").is_some());
        if operation == Some("submit_checkout") {
            let sent = entry.request.post_data.as_ref().map(|p| p.text.as_str()).expect("body");
            assert!(sent.contains(r#""cardNumber":"[redacted]""#), "{sent}");
        }
    }
    operations.sort();
    operations.dedup();
    for expected in ["store_customer", "get_bundles", "submit_checkout", "get_checkout_status"] {
        assert!(operations.iter().any(|o| o == expected), "{expected} not recorded: {operations:?}");
    }
    assert!(
        std::fs::read_dir(dir.path()).expect("dir").all(|f| f
            .expect("entry")
            .path()
            .extension()
            .is_some_and(|e| e == "har")),
        "no partial files left behind"
    );
}

const SERVICE_DOWN: &str = r#"{"status":{"messageCode":"SERVICE_DOWN"}}"#;
const INFO: &str = r#"{"result":{"customerUrn":"cu.1"},"status":{"messageCode":"SUCCESS"}}"#;

fn policy(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_secs(1),
        max_retry_after: Duration::from_secs(10),
    }
}

/// The one file recorded in `dir`, as text and parsed.
fn only_recording(dir: &Path) -> (String, Har) {
    let files: Vec<_> = std::fs::read_dir(dir).expect("read dir").map(|f| f.expect("entry").path()).collect();
    let [file] = files.as_slice() else { panic!("one file per call: {files:?}") };
    assert!(file.extension().is_some_and(|e| e == "har"), "{}", file.display());
    let text = std::fs::read_to_string(file).expect("read");
    let har = serde_json::from_str(&text).expect("valid HAR");
    (text, har)
}

fn statuses(entries: &[Entry]) -> Vec<u16> {
    entries.iter().map(|e| e.response.status).collect()
}

fn attempts(entries: &[Entry]) -> Vec<Option<u32>> {
    entries.iter().map(|e| e.attempt).collect()
}

#[tokio::test(start_paused = true)]
async fn a_retried_call_records_every_attempt_masked_with_its_retry_after() {
    let accepted = r#"{"trackingNumber":"trk_1","status":{"messageCode":"CHECK_OUT_PROCESSING"}}"#;
    let server = Server::start(vec![
        Reply::c2a(503, SERVICE_DOWN).header("retry-after", "2"),
        Reply::raw(429, None, b"").header("retry-after", "1"),
        Reply::c2a(202, accepted),
    ])
    .await;
    let dir = tempfile::tempdir().expect("temp dir");
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key(common::API_KEY)
        .tenant(common::TENANT)
        .retry(policy(3))
        .record_to(dir.path())
        .recorded_from(c2a_client::SourceKind::Real)
        .build()
        .expect("client");
    // A correlation id makes the submission repeatable; the card makes masking matter.
    let card = support::requests::test_card("4242424242424242");
    let body = support::requests::checkout_request("of_1", "it_1", "cu.1", Some(card), Some("order-7"));
    let started = tokio::time::Instant::now();
    let result = client.submit_checkout().body(body).send().await.expect("accepted on the third attempt");
    assert_eq!(result.tracking_number, "trk_1");
    assert_eq!(started.elapsed(), Duration::from_secs(3), "both Retry-After honoured");
    assert_eq!(server.seen().len(), 3);

    let (text, har) = only_recording(dir.path());
    let entries = &har.log.entries;
    assert_eq!(statuses(entries), [503, 429, 202], "every answer, in the order it came");
    assert_eq!(attempts(entries), [Some(1), Some(2), Some(3)]);
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    for (i, entry) in json["log"]["entries"].as_array().expect("entries").iter().enumerate() {
        assert_eq!(entry["_attempt"], i + 1, "written under its HAR custom name");
    }
    let retry_after: Vec<_> = entries.iter().map(|e| header(&e.response.headers, "retry-after")).collect();
    assert_eq!(retry_after, [Some("2"), Some("1"), None]);
    let first = entries[0].response.content.text.as_deref().expect("the 503's envelope");
    assert!(first.contains("SERVICE_DOWN"), "{first}");
    assert_eq!(entries[1].response.content.size, 0, "the 429 came without a body");

    for secret in [common::API_KEY, common::TENANT, "4242424242424242", "\"cvc\":\"123\"", "Jane Doe", "2031"]
    {
        assert!(!text.contains(secret), "{secret} leaked into the recording");
    }
    for entry in entries {
        assert_eq!(entry.operation.as_deref(), Some("submit_checkout"));
        let masked: Vec<_> =
            entry.request.headers.iter().filter(|h| h.name == "x-api-key" || h.name == "x-tn").collect();
        assert_eq!(masked.len(), 2, "the credential headers of every attempt, masked");
        assert!(masked.iter().all(|h| h.value == c2a_client::runtime::REDACTED));
        let sent = entry.request.post_data.as_ref().map(|p| p.text.as_str()).expect("body");
        assert!(sent.contains(r#""cardNumber":"[redacted]""#) && sent.contains("order-7"), "{sent}");
    }
}

#[tokio::test(start_paused = true)]
async fn an_attempt_without_an_answer_and_a_body_over_the_cap_are_recorded_without_bodies() {
    let huge = "x".repeat(4096);
    let over_the_cap = format!(r#"{{"status":{{"messageCode":"SERVICE_DOWN","message":"{huge}"}}}}"#);
    let server = Server::start(vec![
        Reply::c2a(200, INFO).after(Duration::from_secs(60)),
        Reply::c2a(503, &over_the_cap),
        Reply::c2a(200, INFO),
    ])
    .await;
    let dir = tempfile::tempdir().expect("temp dir");
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key(common::API_KEY)
        .tenant(common::TENANT)
        .retry(policy(3))
        .timeout(Duration::from_secs(5))
        .max_body_bytes(1024)
        .record_to(dir.path())
        .build()
        .expect("client");
    let customer =
        client.get_customer_info().customer_urn("cu.1").send().await.expect("the third attempt answers");
    assert_eq!(customer.customer_urn, "cu.1");

    let (text, har) = only_recording(dir.path());
    let entries = &har.log.entries;
    assert_eq!(statuses(entries), [0, 503, 200], "status 0: no response");
    assert_eq!(attempts(entries), [Some(1), Some(2), Some(3)]);
    assert_eq!(entries[0].comment.as_deref(), Some("no response: timed out"));
    let capped = &entries[1].response.content;
    assert_eq!(
        (capped.text.as_deref(), capped.comment.as_deref()),
        (None, Some("body over the cap, not recorded"))
    );
    assert!(!text.contains(&huge[..64]), "no byte of a body over the cap is recorded");
    assert!(entries[2].response.content.text.as_deref().is_some_and(|t| t.contains("cu.1")));
}

#[tokio::test(start_paused = true)]
async fn a_call_that_never_got_an_answer_is_recorded_too() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}/api/v1", listener.local_addr().expect("addr"));
    drop(listener);
    let dir = tempfile::tempdir().expect("temp dir");
    let client = Client::builder()
        .base_url(base)
        .api_key(common::API_KEY)
        .tenant(common::TENANT)
        .retry(policy(2))
        .record_to(dir.path())
        .build()
        .expect("client");
    client.get_customer_info().customer_urn("cu.1").send().await.expect_err("refused");
    let (text, har) = only_recording(dir.path());
    assert_eq!(statuses(&har.log.entries), [0, 0]);
    assert_eq!(attempts(&har.log.entries), [Some(1), Some(2)]);
    assert!(har.log.entries.iter().all(|e| e.comment.as_deref() == Some("no response: connection failed")));
    assert!(!text.contains(common::API_KEY) && !text.contains(common::TENANT));
}
