//! `snapshots/envelopes_codes.rs` compiled against the real runtime of `c2a-client`.
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
#[path = "snapshots/envelopes_codes.rs"]
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
        ("operation_table", operation_table),
        ("general_envelope_hands_out_result", general_envelope_hands_out_result),
        ("error_codes_are_typed_api_errors", error_codes_are_typed_api_errors),
        ("status_and_inline_envelopes", status_and_inline_envelopes),
        ("accept_header_names_the_vendor_type", accept_header_names_the_vendor_type),
    ]);
}

#[path = "compiled/http.rs"]
mod http;
#[path = "compiled/run.rs"]
mod run;
use http::{Answer, block_on, serve};
use run::run;

use runtime::Idempotency;

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .api_key("key")
        .tenant("tenant")
        .retry(RetryPolicy::none())
        .build()
        .expect("client")
}

fn operation_table() {
    let get = operations::by_id("get_customer").expect("get_customer");
    assert_eq!((get.method, get.path), ("GET", "/c2a/customer/{customerUrn}"));
    assert_eq!(get.idempotency, Idempotency::Safe);
    assert_eq!(get.success_codes, ["SUCCESS"]);
    assert_eq!(get.retryable_codes, ["SERVICE_BUSY"]);
    assert_eq!(operations::DELETE_CUSTOMER.idempotency, Idempotency::QueryKey("requestId"));
    assert_eq!(operations::VALIDATE_CUSTOMER.idempotency, Idempotency::BodyKey("/externalId"));
    assert_eq!(operations::ALL.len(), 3);
}

fn general_envelope_hands_out_result() {
    block_on(async {
        let server = serve(vec![Answer {
            status: 200,
            body: r#"{"result":{"customerUrn":"urn:c:1","nickname":"Ada"},"status":{"messageCode":"SUCCESS"}}"#,
        }])
        .await;
        let customer: types::Customer =
            client(&server.base_url).get_customer().customer_urn("urn:c:1").send().await.expect("payload");
        assert_eq!(customer.customer_urn, "urn:c:1");
        assert_eq!(customer.nickname.as_deref(), Some("Ada"));
    });
}

fn error_codes_are_typed_api_errors() {
    block_on(async {
        let server = serve(vec![Answer {
            status: 404,
            body: r#"{"status":{"messageCode":"CUSTOMER_NOT_FOUND","message":"no"}}"#,
        }])
        .await;
        let err =
            client(&server.base_url).get_customer().customer_urn("urn:c:2").send().await.expect_err("404");
        match err {
            Error::Api { code, .. } => assert_eq!(code, types::MessageCode::CustomerNotFound),
            other => panic!("unexpected {other:?}"),
        }
    });
}

fn status_and_inline_envelopes() {
    block_on(async {
        let server = serve(vec![
            Answer { status: 200, body: r#"{"status":{"messageCode":"SUCCESS"}}"# },
            Answer { status: 200, body: r#"{"status":{"messageCode":"SUCCESS"},"isAvailable":true}"# },
        ])
        .await;
        let client = client(&server.base_url);
        let () = client
            .delete_customer()
            .customer_urn("urn:c:3")
            .idempotency_key("r-1")
            .send()
            .await
            .expect("unit");
        let body = types::ValidateRequest { external_id: "crm-1".into() };
        let validation: types::ValidateResponse =
            client.validate_customer().body(body).send().await.expect("inline");
        assert_eq!(validation.is_available, Some(true));
        let requests = server.requests.lock().expect("lock");
        assert!(
            requests[0].starts_with("DELETE /api/v1/c2a/customer/urn:c:3?requestId=r-1 "),
            "{}",
            requests[0]
        );
        assert!(requests[1].ends_with(r#"{"externalId":"crm-1"}"#), "{}", requests[1]);
    });
}

fn accept_header_names_the_vendor_type() {
    block_on(async {
        let server =
            serve(vec![Answer { status: 200, body: r#"{"status":{"messageCode":"SUCCESS"}}"# }]).await;
        client(&server.base_url)
            .delete_customer()
            .customer_urn("u")
            .idempotency_key("r")
            .send()
            .await
            .expect("ok");
        let head = server.requests.lock().expect("lock")[0].to_ascii_lowercase();
        assert!(head.contains("accept: application/clientoutput+json, application/json;q=0.9"), "{head}");
        assert!(head.contains("x-tn: tenant"), "{head}");
    });
}
