//! The client contract over real HTTP: payloads out of envelopes, every error class typed,
//! unknown codes and enum values kept, the right headers on every request.

use crate::common::{API_KEY, MEDIA_TYPE, Reply, Server, TENANT, store_request};
use c2a_client::types::{self, EnSubscriptionState, MessageCode};
use c2a_client::{Error, RetryPolicy};

const CUSTOMER: &str = r#"{"result":{"customerUrn":"cu.00.482","externalIdentifier":"crm-9981273","status":"Active"},"status":{"messageCode":"SUCCESS"}}"#;

#[tokio::test]
async fn general_envelope_gives_the_result_and_headers_are_sent() {
    let server = Server::start(vec![Reply::c2a(200, CUSTOMER)]).await;
    let customer =
        server.client(RetryPolicy::none()).store_customer().body(store_request()).send().await.expect("ok");
    assert_eq!(customer.customer_urn, "cu.00.482");

    let seen = &server.seen()[0];
    assert_eq!(seen.uri, "/api/v1/c2a/customer/store");
    assert_eq!(seen.headers["x-api-key"], API_KEY);
    assert_eq!(seen.headers["x-tn"], TENANT);
    assert_eq!(seen.headers["content-type"], "application/json");
    assert!(seen.headers["accept"].to_str().expect("ascii").starts_with(MEDIA_TYPE));
    let agent = seen.headers["user-agent"].to_str().expect("ascii");
    assert_eq!(agent, format!("c2a-client/{}", env!("CARGO_PKG_VERSION")));
    let body: serde_json::Value = serde_json::from_slice(&seen.body).expect("json");
    assert_eq!(body["customer"]["externalIdentifier"], "crm-9981273");
}

#[tokio::test]
async fn get_without_body_sends_no_content_type() {
    let server =
        Server::start(vec![Reply::c2a(200, r#"{"result":[],"status":{"messageCode":"SUCCESS"}}"#)]).await;
    let subscriptions = server
        .client(RetryPolicy::none())
        .list_customer_subscriptions()
        .customer_urn("cu.00.482")
        .send()
        .await
        .expect("ok");
    assert!(subscriptions.is_empty());
    let seen = &server.seen()[0];
    assert_eq!(seen.uri, "/api/v1/c2a/subscription/cu.00.482");
    assert!(seen.headers.get("content-type").is_none());
    assert_eq!(seen.headers["x-api-key"], API_KEY);
}

#[tokio::test]
async fn inline_envelope_is_the_payload_and_response_details_stay_reachable() {
    let body = r#"{"isAvailable":true,"status":{"messageCode":"SUCCESS","message":"free"}}"#;
    let server = Server::start(vec![Reply::c2a(200, body).header("x-request-id", "req-1")]).await;
    let request = types::ValidateCustomerRequest::builder().external_id("crm-1");
    let response = server
        .client(RetryPolicy::none())
        .validate_customer()
        .body(request)
        .send_with_response()
        .await
        .expect("ok");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-request-id"], "req-1");
    assert_eq!(response.message_code(), &MessageCode::Success);
    assert_eq!(response.message(), Some("free"));
    assert_eq!(response.into_payload().is_available, Some(true));
}

#[tokio::test]
async fn status_only_envelope_gives_unit() {
    let server = Server::start(vec![Reply::c2a(200, r#"{"status":{"messageCode":"SUCCESS"}}"#)]).await;
    let request = types::DeleteCustomerRequest::builder().customer_uuid("cu.00.482");
    let () = server.client(RetryPolicy::none()).delete_customer().body(request).send().await.expect("ok");
}

#[tokio::test]
async fn a_non_success_code_is_an_api_error_with_operation_status_and_code() {
    let body = r#"{"result":null,"status":{"messageCode":"CUSTOMER_ALREADY_STORED","message":"crm-9981273 exists"}}"#;
    let server = Server::start(vec![Reply::c2a(409, body)]).await;
    let err = server
        .client(RetryPolicy::none())
        .store_customer()
        .body(store_request())
        .send()
        .await
        .expect_err("409");
    assert_eq!(err.message_code(), Some(&MessageCode::CustomerAlreadyStored));
    assert_eq!(err.operation(), "store_customer");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(409));
    let Error::Api { message, .. } = &err else { panic!("expected Api, got {err:?}") };
    assert_eq!(message.as_deref(), Some("crm-9981273 exists"));
    assert_eq!(
        err.to_string(),
        "store_customer: CUSTOMER_ALREADY_STORED (HTTP 409 Conflict): crm-9981273 exists"
    );
}

#[tokio::test]
async fn the_message_code_decides_even_on_http_200() {
    let server =
        Server::start(vec![Reply::c2a(200, r#"{"result":null,"status":{"messageCode":"CARD_DECLINED"}}"#)])
            .await;
    let card: types::CreditCardDto =
        types::CreditCardDto::builder().card_number("4000000000000002".to_owned()).try_into().expect("card");
    let method = types::PaymentMethodDto::builder()
        .payment_channel(types::EnPaymentChannel::CreditCard)
        .credit_card(card);
    let request = types::PaymentMethodAddRequest::builder().customer_urn("cu.00.482").payment_method(method);
    let err = server
        .client(RetryPolicy::none())
        .add_payment_method()
        .body(request)
        .send()
        .await
        .expect_err("declined");
    assert_eq!(err.message_code(), Some(&MessageCode::CardDeclined));
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
}

#[tokio::test]
async fn an_error_envelope_of_another_shape_is_still_an_api_error() {
    // The status-only 404 of checkout status, where success is a CheckoutResult.
    let server =
        Server::start(vec![Reply::c2a(404, r#"{"status":{"messageCode":"ORDERED_ITEM_NOT_FOUND"}}"#)]).await;
    let err = server
        .client(RetryPolicy::none())
        .get_checkout_status()
        .tracking_number("trk_x")
        .send()
        .await
        .expect_err("404");
    assert_eq!(err.message_code(), Some(&MessageCode::OrderedItemNotFound));
    assert_eq!(server.seen()[0].uri, "/api/v1/c2a/offer/checkout/trk_x/status");
}

#[tokio::test]
async fn an_unknown_message_code_is_kept_not_fatal() {
    let server =
        Server::start(vec![Reply::c2a(200, r#"{"result":null,"status":{"messageCode":"BRAND_NEW_CODE"}}"#)])
            .await;
    let err = server
        .client(RetryPolicy::none())
        .store_customer()
        .body(store_request())
        .send()
        .await
        .expect_err("unknown");
    assert_eq!(err.message_code(), Some(&MessageCode::Unknown("BRAND_NEW_CODE".into())));
    assert_eq!(err.message_code().map(MessageCode::as_str), Some("BRAND_NEW_CODE"));
}

#[tokio::test]
async fn unknown_enum_values_decode_and_round_trip() {
    let body = r#"{"result":[{"bundleUrn":"bn.00.42","orderIdentifier":"or_1","state":"Paused","subscriptionChannel":"Azotte"}],"status":{"messageCode":"SUCCESS"}}"#;
    let server = Server::start(vec![Reply::c2a(200, body)]).await;
    let subs = server
        .client(RetryPolicy::none())
        .list_customer_subscriptions()
        .customer_urn("cu.1")
        .send()
        .await
        .expect("ok");
    let state = subs[0].state.clone().expect("state present");
    assert_eq!(state, EnSubscriptionState::Unknown("Paused".into()));
    assert!(state.is_unknown());
    let json = serde_json::to_value(&subs[0]).expect("serialize");
    assert_eq!(json["state"], "Paused", "the unknown value is sent back unchanged");
    assert_eq!(json["subscriptionChannel"], "Azotte");
    assert_eq!("Active".parse::<EnSubscriptionState>(), Ok(EnSubscriptionState::Active));
    assert_eq!(EnSubscriptionState::PastDue.to_string(), "PastDue");
}

#[tokio::test]
async fn success_without_result_is_missing_payload() {
    let server = Server::start(vec![Reply::c2a(200, r#"{"status":{"messageCode":"SUCCESS"}}"#)]).await;
    let err = server
        .client(RetryPolicy::none())
        .store_customer()
        .body(store_request())
        .send()
        .await
        .expect_err("no result");
    assert!(matches!(err, Error::MissingPayload { operation: "store_customer", .. }), "{err:?}");
}

#[tokio::test]
async fn a_401_without_envelope_is_unauthorized() {
    let server = Server::start(vec![Reply::raw(401, None, b"")]).await;
    let err = server
        .client(RetryPolicy::none())
        .store_customer()
        .body(store_request())
        .send()
        .await
        .expect_err("401");
    assert!(matches!(err, Error::Unauthorized { operation: "store_customer", .. }), "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn an_html_502_from_a_proxy_is_non_json_with_context() {
    let page = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
    let server = Server::start(vec![Reply::raw(502, Some("text/html"), page)]).await;
    let err = server
        .client(RetryPolicy::none())
        .get_customer_info()
        .customer_urn("cu.1")
        .send()
        .await
        .expect_err("502");
    let Error::NonJson { operation, status, content_type, snippet } = &err else {
        panic!("expected NonJson, got {err:?}")
    };
    assert_eq!(
        (*operation, status.as_u16(), content_type.as_deref()),
        ("get_customer_info", 502, Some("text/html"))
    );
    assert!(snippet.contains("502 Bad Gateway"));
}

#[tokio::test]
async fn truncated_json_is_malformed_json() {
    let server = Server::start(vec![Reply::c2a(200, r#"{"result":{"customerUrn":"cu.1","#)]).await;
    let err = server
        .client(RetryPolicy::none())
        .get_customer_info()
        .customer_urn("cu.1")
        .send()
        .await
        .expect_err("truncated");
    let Error::MalformedJson { operation, source, .. } = &err else {
        panic!("expected MalformedJson, got {err:?}")
    };
    assert_eq!(*operation, "get_customer_info");
    assert!(source.is_eof());
}

/// A body that does not parse cannot be masked field by field: when its start names an
/// `x-sensitive` field, the error (its `Display` and `Debug`, so any log) withholds it.
#[tokio::test]
async fn a_malformed_body_naming_card_fields_is_withheld_from_the_error() {
    let body = r#"{"result":{"cardNumber":"4111111111111111","cardHolderName":"Ada Lovelace","#;
    let server = Server::start(vec![Reply::c2a(200, body)]).await;
    let err = server
        .client(RetryPolicy::none())
        .get_payment_method()
        .payment_method_urn("pm.1")
        .send()
        .await
        .expect_err("truncated");
    let Error::MalformedJson { snippet, .. } = &err else { panic!("expected MalformedJson, got {err:?}") };
    assert!(snippet.starts_with("[withheld"), "{snippet}");
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(!shown.contains("4111111111111111") && !shown.contains("Ada Lovelace"), "{shown}");
    }
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_unexpected_shape() {
    let server = Server::start(vec![Reply::c2a(
        200,
        r#"{"result":{"customerUrn":42},"status":{"messageCode":"SUCCESS"}}"#,
    )])
    .await;
    let err = server
        .client(RetryPolicy::none())
        .get_customer_info()
        .customer_urn("cu.1")
        .send()
        .await
        .expect_err("shape");
    assert!(matches!(err, Error::UnexpectedShape { operation: "get_customer_info", .. }), "{err:?}");
}

#[tokio::test]
async fn transport_failure_names_the_operation() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}/api/v1", listener.local_addr().expect("addr"));
    drop(listener);
    let client = c2a_client::Client::builder()
        .base_url(base)
        .api_key(API_KEY)
        .tenant(TENANT)
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let err = client.get_customer_info().customer_urn("cu.1").send().await.expect_err("refused");
    let Error::Transport { operation, source } = &err else { panic!("expected Transport, got {err:?}") };
    assert_eq!(*operation, "get_customer_info");
    assert!(source.is_connect());
}

#[tokio::test]
async fn an_incomplete_request_is_invalid_request_and_nothing_is_sent() {
    let server = Server::start(vec![Reply::c2a(200, CUSTOMER)]).await;
    let err = server
        .client(RetryPolicy::none())
        .store_customer()
        .body(types::StoreCustomerRequest::builder())
        .send()
        .await
        .expect_err("incomplete");
    assert!(matches!(err, Error::InvalidRequest { operation: "store_customer", .. }), "{err:?}");
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn money_fields_are_milpieces_with_the_documented_display() {
    let body = r#"{"status":{"messageCode":"SUCCESS"},"offer":{"offerIdentifier":"sh_1","artifactGroups":[{"bundleUrn":"bn.00.42","price":{"amountMilpieces":1499,"currency":"EUR"}}]}}"#;
    let server = Server::start(vec![Reply::c2a(200, body)]).await;
    let context = types::GetShowcaseOfferContext::builder().storefront_urn("st.00.001".to_owned());
    let offer = server
        .client(RetryPolicy::none())
        .get_showcase_offer()
        .body(types::GetShowcaseOfferRequest::builder().context(context))
        .send()
        .await
        .expect("ok")
        .offer
        .expect("offer");
    let price = offer.artifact_groups[0].price.as_ref().expect("price");
    assert_eq!(price.amount_milpieces, Some(c2a_client::money::Milpieces::new(1499)));
    assert_eq!(price.money().map(|m| m.to_string()).as_deref(), Some("14.99 EUR"));
}

#[test]
fn operations_decode_replays_a_body_through_the_send_path() {
    use c2a_client::operations;
    use reqwest::StatusCode;
    use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};

    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(crate::common::MEDIA_TYPE));
    let ok = br#"{"result":{"customerUrn":"cu.1"},"status":{"messageCode":"SUCCESS"}}"#;
    let decoded = operations::decode("get_customer_info", StatusCode::OK, headers.clone(), ok);
    assert!(matches!(decoded, Some(Ok(()))), "{decoded:?}");

    let wrong = br#"{"result":{"customerUrn":7},"status":{"messageCode":"SUCCESS"}}"#;
    let decoded = operations::decode("get_customer_info", StatusCode::OK, headers.clone(), wrong);
    assert!(matches!(decoded, Some(Err(c2a_client::Error::UnexpectedShape { .. }))), "{decoded:?}");

    assert!(operations::decode("no_such_operation", StatusCode::OK, headers, ok).is_none());
}

#[tokio::test]
async fn a_shape_error_names_the_json_path_and_the_spec_element() {
    let server = Server::start(vec![
        Reply::c2a(200, r#"{"result":{"customerUrn":7},"status":{"messageCode":"SUCCESS"}}"#),
        Reply::c2a(200, r#"{"result":{"email":"a@b.c"},"status":{"messageCode":"SUCCESS"}}"#),
    ])
    .await;
    let client = server.client(c2a_client::RetryPolicy::none());

    let err = client.get_customer_info().customer_urn("cu.1").send().await.expect_err("wrong type");
    let Error::UnexpectedShape { path, spec, .. } = &err else { panic!("{err:?}") };
    assert_eq!(path, "result.customerUrn");
    let spec = spec.as_ref().expect("located in the spec");
    assert_eq!(spec.pointer, "#/components/schemas/AzotteCustomerSnapShot/properties/customerUrn");
    assert_eq!(spec.provenance, "documented");
    let text = err.to_string();
    assert!(text.contains("at result.customerUrn") && text.contains(spec.pointer), "{text}");

    let err = client.get_customer_info().customer_urn("cu.1").send().await.expect_err("missing field");
    let Error::UnexpectedShape { path, spec, .. } = &err else { panic!("{err:?}") };
    assert_eq!(path, "result", "the object that lacks the field");
    assert_eq!(
        spec.as_ref().map(|s| s.pointer),
        Some("#/components/schemas/AzotteCustomerSnapShot/properties/customerUrn")
    );
    assert!(err.to_string().contains("missing field `customerUrn`"), "{err}");
}
