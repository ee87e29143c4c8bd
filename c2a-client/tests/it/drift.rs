//! Drift that does not fail a call (unknown fields, enum values, message codes) is reported
//! as tracing events under `c2a::drift`, with operation, JSON path and kind, and a value only
//! for enum values and codes: never a field's value.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::common::{Reply, Server};
use c2a_client::RetryPolicy;
use c2a_client::runtime::drift::DRIFT_TARGET;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};

/// The fields of every event under the drift target.
#[derive(Clone, Default)]
struct DriftEvents(Arc<Mutex<Vec<BTreeMap<String, String>>>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for DriftEvents {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == DRIFT_TARGET {
            let mut fields = BTreeMap::new();
            event.record(&mut Fields(&mut fields));
            self.0.lock().expect("lock").push(fields);
        }
    }
}

fn event(events: &[BTreeMap<String, String>], kind: &str) -> BTreeMap<String, String> {
    events.iter().find(|e| e.get("kind").map(String::as_str) == Some(kind)).cloned().unwrap_or_default()
}

#[tokio::test]
async fn unknown_fields_enum_values_and_codes_are_reported_without_field_values() {
    let captured = DriftEvents::default();
    let _guard = crate::common::subscribe(tracing_subscriber::registry().with(captured.clone()));

    let subscriptions = r#"{"result":[{"bundleUrn":"bn.1","orderIdentifier":"or_1","state":"Paused","loyaltyTier":"gold-secret"}],"status":{"messageCode":"SUCCESS"}}"#;
    let unknown_code = r#"{"status":{"messageCode":"QUOTA_EXCEEDED"}}"#;
    let server = Server::start(vec![Reply::c2a(200, subscriptions), Reply::c2a(429, unknown_code)]).await;
    let client = server.client(RetryPolicy::none());
    let subs = client.list_customer_subscriptions().customer_urn("cu.1").send().await.expect("decodes");
    assert_eq!(subs.len(), 1, "drift never fails the call");
    client.list_customer_subscriptions().customer_urn("cu.1").send().await.expect_err("unknown code");

    let events = captured.0.lock().expect("lock").clone();
    let field = event(&events, "unknown_field");
    assert_eq!(field.get("operation").map(String::as_str), Some("list_customer_subscriptions"));
    assert_eq!(field.get("path").map(String::as_str), Some("result[0].loyaltyTier"));
    assert!(field.get("schema").is_some_and(|s| s.starts_with("#/components/schemas/")), "{field:?}");
    let value = event(&events, "unknown_enum_value");
    assert_eq!(value.get("path").map(String::as_str), Some("result[0].state"));
    assert_eq!(value.get("value").map(String::as_str), Some("Paused"));
    let code = event(&events, "unknown_message_code");
    assert_eq!(code.get("value").map(String::as_str), Some("QUOTA_EXCEEDED"));
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(!format!("{events:?}").contains("gold-secret"), "a field's value is never reported");
}

#[tokio::test]
async fn nothing_is_reported_for_a_body_that_matches_the_spec() {
    let captured = DriftEvents::default();
    let _guard = crate::common::subscribe(tracing_subscriber::registry().with(captured.clone()));
    let body = r#"{"result":[{"bundleUrn":"bn.1","orderIdentifier":"or_1","state":"Active"}],"status":{"messageCode":"SUCCESS"}}"#;
    let server = Server::start(vec![Reply::c2a(200, body)]).await;
    server
        .client(RetryPolicy::none())
        .list_customer_subscriptions()
        .customer_urn("cu.1")
        .send()
        .await
        .expect("ok");
    assert!(captured.0.lock().expect("lock").is_empty());
}

/// The project's schema index (what drift reports and decode errors are located with)
/// parses whole, sorted by name, as `ApiTable::schema`'s binary search needs.
#[test]
fn the_generated_schema_index_parses_whole_and_sorted() {
    let api = &c2a_client::operations::API;
    let entries: Vec<serde_json::Value> = serde_json::from_str(api.schemas_json).expect("the index is JSON");
    assert_eq!(api.schemas().len(), entries.len(), "every entry parses");
    assert!(api.schemas().len() > 50, "every component schema");
    assert!(api.schemas().windows(2).all(|w| w[0].name < w[1].name), "sorted by name");
    let price = api.schema("Price").expect("Price");
    assert_eq!(price.pointer, "#/components/schemas/Price");
    assert_eq!(price.fields[0].schema.as_deref(), Some("Milpieces"));
}
