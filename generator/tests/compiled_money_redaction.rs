//! `snapshots/money_redaction.rs` compiled against the real runtime of `c2a-client`.
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
#[path = "snapshots/money_redaction.rs"]
pub mod generated;

pub use config::{ApiKey, ClientBuilder, ConfigError, Environment};
pub use error::Error;
// No `waiters`: the waiters pass emits that module only for a spec with `x-waiter`.
pub use generated::{Client, builder, operations, prelude, types};
pub use options::{
    CallOptions, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT, RuntimeConfig,
};
pub use progenitor_client::Error as RawError;
pub use response::Response;
pub use runtime::retry::RetryPolicy;
pub use waiter::WaitError;

fn main() {
    run(&[
        ("money_pairs_read_as_money", money_pairs_read_as_money),
        ("sensitive_fields_are_redacted_in_debug", sensitive_fields_are_redacted_in_debug),
        ("sensitive_wire_names_are_listed_with_aliases", sensitive_wire_names_are_listed_with_aliases),
    ]);
}

#[path = "compiled/run.rs"]
mod run;
use run::run;

fn money_pairs_read_as_money() {
    let price: types::Price =
        serde_json::from_str(r#"{"amountMilpieces":1299000,"currency":"EUR"}"#).expect("a Price");
    let money = price.money().expect("both halves");
    assert_eq!(money.amount(), money::Milpieces::new(1_299_000));
    assert_eq!(money.currency(), "EUR");
    let no_currency: types::Price = serde_json::from_str(r#"{"amountMilpieces":5}"#).expect("a Price");
    assert_eq!(no_currency.money(), None);
    // The spec's `Milpieces` is the hand-written type: exact integers, no floats.
    let _: money::Milpieces = price.amount_milpieces;
}

fn sensitive_fields_are_redacted_in_debug() {
    let card = types::CardRequest {
        card_number: "4242424242424242".into(),
        cvc: "123".into(),
        holder_name: "Jane Doe".into(),
        label: Some("work".into()),
    };
    let shown = format!("{card:?}");
    for secret in ["4242424242424242", "123", "Jane Doe"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("[redacted]") && shown.contains("work"), "{shown}");
    let builder = types::CardRequest::builder().card_number("4000000000000002").cvc("999").holder_name("Jo");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("4000000000000002") && !shown.contains("999"), "{shown}");
    let response: types::CardResponse = serde_json::from_str(
        r#"{"status":{"messageCode":"SUCCESS"},"cardUrn":"urn:card:1","expiry":"12/31"}"#,
    )
    .expect("a CardResponse");
    let shown = format!("{response:?}");
    assert!(!shown.contains("12/31") && shown.contains("urn:card:1"), "{shown}");
}

fn sensitive_wire_names_are_listed_with_aliases() {
    assert_eq!(operations::SENSITIVE_FIELDS, ["cardNumber", "cn", "cvc", "expiry", "holderName"]);
}
