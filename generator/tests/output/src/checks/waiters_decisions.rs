//! Checks of `src/waiters_decisions.rs`, compiled against the runtime as
//! module `crate::waiters_decisions`.

use crate::waiters_decisions::runtime_types::WaitError;
use crate::waiters_decisions::*;
use c2a_runtime::waiter;

use waiter::{AcceptorState, Terminal, Waiter as _};

fn checkout(json: serde_json::Value) -> types::CheckoutResult {
    serde_json::from_value(json).expect("a CheckoutResult")
}

#[test]
fn the_waiter_table_is_the_specs_acceptors() {
    let spec = waiters::Checkout::spec();
    assert_eq!(spec.name, "checkout");
    assert_eq!(spec.state_of("CHECK_OUT_DONE"), Some(AcceptorState::Success));
    assert_eq!(spec.state_of("CHECK_OUT_3DS_REQUIRED"), Some(AcceptorState::ActionRequired));
    assert_eq!(spec.state_of("CHECK_OUT_PROCESSING"), Some(AcceptorState::Retry));
    assert_eq!(spec.state_of("OFFER_EXPIRED"), Some(AcceptorState::Failure), "'*' catches the rest");
    assert_eq!(spec.delay_header, Some("Retry-After"));
}

#[test]
fn delay_hint_and_stop_flag_read_the_payload() {
    let spec = waiters::Checkout::spec();
    let polling = checkout(serde_json::json!({
        "trackingNumber": "T-1",
        "status": { "messageCode": "CHECK_OUT_PROCESSING" },
        "followUpInstructions": { "retryAfterSeconds": 7, "canFollowUp": true }
    }));
    assert_eq!((spec.delay_field)(&polling), Some(7));
    assert!((spec.can_follow_up)(&polling));
    let stopped = checkout(serde_json::json!({
        "trackingNumber": "T-1",
        "status": { "messageCode": "CHECK_OUT_PROCESSING" },
        "followUpInstructions": { "canFollowUp": false }
    }));
    assert_eq!((spec.delay_field)(&stopped), None);
    assert!(!(spec.can_follow_up)(&stopped));
}

#[test]
fn terminal_polls_become_outcomes() {
    let redirect = checkout(serde_json::json!({
        "trackingNumber": "T-1",
        "status": { "messageCode": "CHECK_OUT_3DS_REQUIRED" },
        "redirectInstructions": { "url": "https://bank.example.test/3ds" }
    }));
    match waiters::Checkout::outcome(Terminal::ActionRequired(redirect)) {
        Ok(waiters::CheckoutOutcome::ActionRequired(r)) => {
            assert_eq!(r.url.as_deref(), Some("https://bank.example.test/3ds"));
        }
        other => panic!("unexpected {other:?}"),
    }
    let bare = checkout(serde_json::json!({
        "trackingNumber": "T-1", "status": { "messageCode": "CHECK_OUT_3DS_REQUIRED" }
    }));
    assert!(matches!(
        waiters::Checkout::outcome(Terminal::ActionRequired(bare)),
        Err(WaitError::MissingOutcomeData { waiter: "checkout", code: "CHECK_OUT_3DS_REQUIRED" })
    ));
    let done = checkout(serde_json::json!({
        "trackingNumber": "T-2", "status": { "messageCode": "CHECK_OUT_DONE" }
    }));
    match waiters::Checkout::outcome(Terminal::Success(done)) {
        Ok(waiters::CheckoutOutcome::Done(result)) => assert_eq!(result.tracking_number, "T-2"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn decisions_are_typed() {
    let response = |json: serde_json::Value| -> types::CancelResponse {
        serde_json::from_value(json).expect("a CancelResponse")
    };
    let status = serde_json::json!({ "messageCode": "SUCCESS" });
    let offer = response(serde_json::json!({
        "status": status, "responseType": "Offer", "offer": { "offerUrn": "urn:offer:9" }
    }));
    assert_eq!(
        offer.decision(),
        types::CancelDecision::Offer(types::RetentionOffer { offer_urn: "urn:offer:9".into() })
    );
    let processed = response(serde_json::json!({ "status": status, "responseType": "Processed" }));
    assert_eq!(processed.decision(), types::CancelDecision::Processed);
    // A case without the data it carries, a new value and no value all read as Unknown.
    let offer_without_offer = response(serde_json::json!({ "status": status, "responseType": "Offer" }));
    assert!(matches!(offer_without_offer.decision(), types::CancelDecision::Unknown(Some(_))));
    let later = response(serde_json::json!({ "status": status, "responseType": "Later" }));
    assert_eq!(later.decision(), types::CancelDecision::Unknown(Some(types::EnResponseType::from("Later"))));
    let none = response(serde_json::json!({ "status": status }));
    assert_eq!(none.decision(), types::CancelDecision::Unknown(None));
}

#[test]
fn the_client_has_the_wait_methods() {
    let client = Client::builder()
        .base_url("http://127.0.0.1:9/api/v1")
        .allow_insecure_http(true)
        .api_key("key")
        .tenant("tenant")
        .build()
        .expect("client");
    // Built, not awaited: the types prove the methods exist with the spec's names.
    let _wait: waiter::WaitFor<'_, waiters::Checkout> = client.wait_for_checkout("T-1");
    let body = types::CheckoutRequest { offer_urn: "urn:offer:1".into(), correlation_id: "c-1".into() };
    drop(client.submit_checkout_and_wait(body, std::time::Duration::from_secs(1)));
    assert_eq!(operations::SUBMIT_CHECKOUT.idempotency, c2a_runtime::Idempotency::BodyKey("/correlationId"));
}
