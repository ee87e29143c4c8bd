//! Checks of `src/envelopes_codes.rs`, compiled against the runtime as
//! module `crate::envelopes_codes`.

use super::http::{Answer, block_on, serve};
use crate::envelopes_codes::runtime_types::Error;
use crate::envelopes_codes::*;
use c2a_runtime::{Idempotency, RetryPolicy};

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .api_key("key")
        .tenant("tenant")
        .retry(RetryPolicy::none())
        .build()
        .expect("client")
}

#[test]
fn operation_table() {
    let get = operations::API.operation("get_customer").expect("get_customer");
    assert_eq!((get.method, get.path), ("GET", "/c2a/customer/{customerUrn}"));
    assert_eq!(get.idempotency, Idempotency::Safe);
    assert_eq!(get.success_codes, ["SUCCESS"]);
    assert_eq!(get.retryable_codes, ["SERVICE_BUSY"]);
    assert_eq!(operations::DELETE_CUSTOMER.idempotency, Idempotency::QueryKey("requestId"));
    assert_eq!(operations::VALIDATE_CUSTOMER.idempotency, Idempotency::BodyKey("/externalId"));
    assert_eq!(operations::API.operations.len(), 3);
}

#[test]
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

#[test]
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

#[test]
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
        let requests = server.requests().await;
        assert!(
            requests[0].starts_with("DELETE /api/v1/c2a/customer/urn:c:3?requestId=r-1 "),
            "{}",
            requests[0]
        );
        assert!(requests[1].ends_with(r#"{"externalId":"crm-1"}"#), "{}", requests[1]);
    });
}

#[test]
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
        let head = server.requests().await[0].to_ascii_lowercase();
        assert!(head.contains("accept: application/clientoutput+json, application/json;q=0.9"), "{head}");
        assert!(head.contains("x-tn: tenant"), "{head}");
    });
}
