//! The client records its own traffic as HAR 1.2 that can be committed: a whole purchase
//! against the sandbox leaves no API key, no tenant id and no card data in the files. On a
//! paused tokio clock, which the sandbox's processing time and the waiter follow.

use std::time::Duration;

use c2a_client::Client;
use c2a_client::runtime::har::{Har, SourceKind};
use c2a_sandbox::Sandbox;

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
        .recorded_from(c2a_client::RecordedFrom::Sandbox)
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
        let [entry] = har.log.entries.as_slice() else { panic!("one exchange per file") };
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
