//! The generated client against a real HTTP server on 127.0.0.1.
//!
//! The server answers like C2A does: `application/clientOutput+Json` bodies, a 202 for
//! checkout, a 404 envelope for an unknown tracking number, a 401 without a body. These
//! tests pin down what the lowering step promises: vendor-typed bodies are decoded into
//! the generated types, `Accept` names the real media type, and credentials travel as
//! client-level headers rather than per-call arguments.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use c2a_client::{Client, Error, types};

const MEDIA_TYPE: &str = "application/clientOutput+Json";

/// Requests the server saw: (path, headers, body).
type Seen = Arc<Mutex<Vec<(String, HeaderMap, Bytes)>>>;

fn c2a(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, MEDIA_TYPE)], body).into_response()
}

async fn start() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let app = Router::new()
        .route(
            "/api/v1/c2a/customer/store",
            post(|State(seen): State<Seen>, headers: HeaderMap, body: Bytes| async move {
                seen.lock().expect("lock").push(("/c2a/customer/store".into(), headers, body));
                c2a(
                    StatusCode::OK,
                    r#"{"result":{"customerUrn":"cu.00.482","externalIdentifier":"crm-9981273","email":"jane.doe@example.com","status":"Active"},"status":{"messageCode":"SUCCESS"}}"#,
                )
            }),
        )
        .route(
            "/api/v1/c2a/offer/checkout/{tracking}/status",
            get(|Path(tracking): Path<String>| async move {
                if tracking == "trk_known" {
                    c2a(
                        StatusCode::OK,
                        r#"{"trackingNumber":"trk_known","status":{"messageCode":"CHECK_OUT_PROCESSING"},"followUpInstructions":{"retryAfterSeconds":3,"canFollowUp":true}}"#,
                    )
                } else {
                    c2a(StatusCode::NOT_FOUND, r#"{"status":{"messageCode":"ORDERED_ITEM_NOT_FOUND"}}"#)
                }
            }),
        )
        .route("/api/v1/c2a/customer/validate", post(|| async { StatusCode::UNAUTHORIZED }))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://{addr}/api/v1"), seen)
}

fn client(base_url: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-api-key", "sk_dev_test".parse().expect("header"));
    headers.insert("x-tn", "tenant-1".parse().expect("header"));
    let http = reqwest::Client::builder().default_headers(headers).build().expect("client");
    Client::new_with_client(base_url, http)
}

fn store_request() -> types::StoreCustomerRequest {
    types::StoreCustomerRequest::builder()
        .customer(
            types::CustomerDto::builder()
                .external_identifier("crm-9981273".to_owned())
                .email("jane.doe@example.com".to_owned()),
        )
        .claimed_region(types::ClaimedRegion::builder().country_code("DE").language_code("de"))
        .try_into()
        .expect("complete request")
}

#[tokio::test]
async fn store_customer_decodes_the_vendor_typed_envelope() {
    let (base, seen) = start().await;
    let response = client(&base).store_customer().body(store_request()).send().await.expect("store");

    assert_eq!(response.status(), 200);
    let customer = response.into_inner().result.expect("result present");
    assert_eq!(customer.customer_urn, "cu.00.482");
    assert_eq!(customer.external_identifier.as_deref(), Some("crm-9981273"));

    let seen = seen.lock().expect("lock");
    let (_, headers, body) = &seen[0];
    let accept = headers[header::ACCEPT].to_str().expect("ascii");
    assert!(accept.starts_with(MEDIA_TYPE), "Accept must name the real media type: {accept}");
    assert_eq!(headers["x-api-key"], "sk_dev_test");
    assert_eq!(headers["x-tn"], "tenant-1");
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    let sent: serde_json::Value = serde_json::from_slice(body).expect("json body");
    assert_eq!(sent["customer"]["externalIdentifier"], "crm-9981273");
    assert_eq!(sent["claimedRegion"]["countryCode"], "DE");
}

#[tokio::test]
async fn checkout_status_is_typed_and_404_envelope_is_a_typed_error() {
    let (base, _) = start().await;
    let client = client(&base);

    let result =
        client.get_checkout_status().tracking_id("trk_known").send().await.expect("status").into_inner();
    assert_eq!(result.tracking_number, "trk_known");
    assert_eq!(result.status.message_code, "CHECK_OUT_PROCESSING");
    let follow_up = result.follow_up_instructions.expect("follow-up");
    assert_eq!((follow_up.retry_after_seconds, follow_up.can_follow_up), (Some(3), Some(true)));

    match client.get_checkout_status().tracking_id("trk_unknown").send().await {
        Err(Error::ErrorResponse(response)) => {
            assert_eq!(response.status(), 404);
            assert_eq!(response.into_inner().status.message_code, "ORDERED_ITEM_NOT_FOUND");
        }
        other => panic!("expected a typed 404 envelope, got {other:?}"),
    }
}

#[tokio::test]
async fn bodyless_401_is_an_unexpected_response_not_a_decode_failure() {
    let (base, _) = start().await;
    let request = types::ValidateCustomerRequest::builder().external_id("crm-1");
    match client(&base).validate_customer().body(request).send().await {
        Err(Error::UnexpectedResponse(response)) => assert_eq!(response.status(), 401),
        other => panic!("expected UnexpectedResponse(401), got {other:?}"),
    }
}
