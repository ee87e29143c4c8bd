//! `snapshots/waiters_decisions.rs` compiled against the real runtime of `c2a-client`.
//!
//! This file is a crate root standing in for `c2a-client/src/lib.rs`: the hand-written
//! modules are included by path, the fixture's snapshot is the `generated` module, and the
//! same `pub use` lines make `crate::runtime`, `crate::RuntimeConfig`, `crate::types`, ...
//! resolve as they do in the client. A pass that emits code the runtime does not accept
//! fails to build here. Keep the module list in step with `c2a-client/src/lib.rs`.
//!
//! `harness = false` (see `generator/Cargo.toml`): built like the library, without
//! `cfg(test)`; `main` runs the checks below.

// Included code is the client's and linted there; here most of it is unused, and
// `cargo clippy --all-targets` checks this crate with `cfg(test)`, where the runtime's test
// modules import `super::*` for `#[test]` functions a `harness = false` crate drops.
#![allow(dead_code, unused_imports)]

#[path = "../../c2a-client/src/base_url.rs"]
mod base_url;
#[path = "../../c2a-client/src/config.rs"]
mod config;
#[path = "../../c2a-client/src/error.rs"]
mod error;
#[path = "../../c2a-client/src/money.rs"]
pub mod money;
#[path = "../../c2a-client/src/options.rs"]
mod options;
#[path = "../../c2a-client/src/response.rs"]
mod response;
#[path = "../../c2a-client/src/runtime/mod.rs"]
pub mod runtime;
#[path = "../../c2a-client/src/waiter.rs"]
pub mod waiter;

#[rustfmt::skip]
#[path = "snapshots/waiters_decisions.rs"]
pub mod generated;

pub use config::{ApiKey, ClientBuilder, ConfigError, Environment};
pub use error::Error;
pub use generated::{Client, builder, operations, prelude, types, waiters};
pub use options::{
    CallOptions, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT, RuntimeConfig,
};
pub use progenitor_client::Error as RawError;
pub use response::Response;
pub use runtime::retry::RetryPolicy;
pub use waiter::WaitError;

fn main() {
    run(&[
        ("the_waiter_table_is_the_specs_acceptors", the_waiter_table_is_the_specs_acceptors),
        ("delay_hint_and_stop_flag_read_the_payload", delay_hint_and_stop_flag_read_the_payload),
        ("terminal_polls_become_outcomes", terminal_polls_become_outcomes),
        ("decisions_are_typed", decisions_are_typed),
        ("the_client_has_the_wait_methods", the_client_has_the_wait_methods),
    ]);
}

#[path = "compiled/run.rs"]
mod run;
use run::run;

use waiter::{AcceptorState, Terminal, Waiter as _};

fn checkout(json: serde_json::Value) -> types::CheckoutResult {
    serde_json::from_value(json).expect("a CheckoutResult")
}

fn the_waiter_table_is_the_specs_acceptors() {
    let spec = waiters::Checkout::spec();
    assert_eq!(spec.name, "checkout");
    assert_eq!(spec.state_of("CHECK_OUT_DONE"), Some(AcceptorState::Success));
    assert_eq!(spec.state_of("CHECK_OUT_3DS_REQUIRED"), Some(AcceptorState::ActionRequired));
    assert_eq!(spec.state_of("CHECK_OUT_PROCESSING"), Some(AcceptorState::Retry));
    assert_eq!(spec.state_of("OFFER_EXPIRED"), Some(AcceptorState::Failure), "'*' catches the rest");
    assert_eq!(spec.delay_header, Some("Retry-After"));
}

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
    assert_eq!(operations::SUBMIT_CHECKOUT.idempotency, runtime::Idempotency::BodyKey("/correlationId"));
}
