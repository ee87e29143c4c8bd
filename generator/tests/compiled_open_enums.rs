//! `snapshots/open_enums.rs` compiled against the real runtime of `c2a-client`.
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
#[path = "snapshots/open_enums.rs"]
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
        ("known_values_round_trip", known_values_round_trip),
        ("unknown_values_are_kept", unknown_values_are_kept),
        ("message_codes_are_an_open_enum", message_codes_are_an_open_enum),
    ]);
}

#[path = "compiled/run.rs"]
mod run;
use run::run;

use types::{EnPeriod, EnProvider, MessageCode};

fn known_values_round_trip() {
    let plan: types::Plan =
        serde_json::from_str(r#"{"planUrn":"p","period":"Yearly","provider":"American Express"}"#)
            .expect("a Plan");
    assert_eq!(plan.period, Some(EnPeriod::Yearly));
    assert_eq!(plan.provider, Some(EnProvider::AmericanExpress));
    assert_eq!(EnProvider::AmericanExpress.as_str(), "American Express");
    assert_eq!(EnProvider::AmericanExpress.to_string(), "American Express");
    assert_eq!(
        serde_json::to_string(&plan).expect("json"),
        r#"{"period":"Yearly","planUrn":"p","provider":"American Express"}"#
    );
}

fn unknown_values_are_kept() {
    // A closed enum (no `x-extensible-enum`) is opened all the same: a new value decodes.
    let plan: types::Plan =
        serde_json::from_str(r#"{"planUrn":"p","period":"Weekly","provider":"Troy"}"#).expect("a Plan");
    assert_eq!(plan.period, Some(EnPeriod::Unknown("Weekly".into())));
    assert_eq!(plan.provider, Some(EnProvider::Unknown("Troy".into())));
    assert_eq!("Troy".parse::<EnProvider>(), Ok(EnProvider::Unknown("Troy".into())));
    assert_eq!(EnProvider::from("Visa"), EnProvider::Visa);
    assert_eq!(serde_json::to_value(EnPeriod::Unknown("Weekly".into())).expect("json"), "Weekly");
}

fn message_codes_are_an_open_enum() {
    let status: types::AzotteStatus =
        serde_json::from_str(r#"{"messageCode":"PLAN_NOT_FOUND"}"#).expect("a status");
    assert_eq!(status.message_code, MessageCode::PlanNotFound);
    assert_eq!(MessageCode::from("SOMETHING_NEW").as_str(), "SOMETHING_NEW");
    assert_eq!(operations::GET_PLAN.success_codes, ["SUCCESS"]);
}
