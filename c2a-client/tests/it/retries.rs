//! Retries over real HTTP with a paused tokio clock: counted requests, exact Retry-After,
//! bounded attempts, and no repetition of a non-idempotent POST.

use std::time::Duration;

use crate::common::{Reply, Server, checkout_request, store_request};
use c2a_client::types::{self, MessageCode};
use c2a_client::{Error, RetryPolicy};

const INFO: &str = r#"{"result":{"customerUrn":"cu.1"},"status":{"messageCode":"SUCCESS"}}"#;
const UNAVAILABLE: &str = r#"{"status":{"messageCode":"SERVICE_DOWN"}}"#;

fn policy(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_secs(2),
        max_retry_after: Duration::from_secs(10),
    }
}

#[tokio::test(start_paused = true)]
async fn a_get_is_retried_on_503_until_it_succeeds() {
    let server = Server::start(vec![
        Reply::c2a(503, UNAVAILABLE),
        Reply::c2a(503, UNAVAILABLE),
        Reply::c2a(200, INFO),
    ])
    .await;
    let customer = server
        .client(policy(3))
        .get_customer_info()
        .customer_urn("cu.1")
        .send()
        .await
        .expect("third attempt");
    assert_eq!(customer.customer_urn, "cu.1");
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_honoured_exactly() {
    let server =
        Server::start(vec![Reply::c2a(503, UNAVAILABLE).header("retry-after", "7"), Reply::c2a(200, INFO)])
            .await;
    let started = tokio::time::Instant::now();
    server.client(policy(3)).get_customer_info().customer_urn("cu.1").send().await.expect("second attempt");
    assert_eq!(started.elapsed(), Duration::from_secs(7), "slept exactly the server's hint, no jitter");
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_beyond_the_limit_ends_the_retries() {
    let server = Server::start(vec![Reply::c2a(429, UNAVAILABLE).header("retry-after", "3600")]).await;
    let err =
        server.client(policy(3)).get_customer_info().customer_urn("cu.1").send().await.expect_err("gave up");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn attempts_are_bounded_and_backoff_stays_within_the_ceilings() {
    let server = Server::start(vec![Reply::c2a(502, UNAVAILABLE)]).await;
    let started = tokio::time::Instant::now();
    let err = server
        .client(policy(4))
        .get_customer_info()
        .customer_urn("cu.1")
        .send()
        .await
        .expect_err("always 502");
    assert_eq!(server.seen().len(), 4);
    assert_eq!(err.message_code(), Some(&MessageCode::Unknown("SERVICE_DOWN".into())));
    // Three backoffs with ceilings 100, 200 and 400 ms.
    assert!(started.elapsed() <= Duration::from_millis(700), "{:?}", started.elapsed());
}

#[tokio::test(start_paused = true)]
async fn a_non_idempotent_post_is_never_repeated() {
    let server = Server::start(vec![Reply::c2a(503, UNAVAILABLE), Reply::c2a(200, INFO)]).await;
    let err = server.client(policy(3)).store_customer().body(store_request()).send().await.expect_err("503");
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(server.seen().len(), 1, "store_customer has no idempotency key");
}

#[tokio::test(start_paused = true)]
async fn checkout_with_a_correlation_id_is_retried_with_the_same_body() {
    let accepted = r#"{"trackingNumber":"trk_1","status":{"messageCode":"CHECK_OUT_PROCESSING"}}"#;
    let server = Server::start(vec![Reply::c2a(503, UNAVAILABLE), Reply::c2a(202, accepted)]).await;
    let result = server
        .client(policy(3))
        .submit_checkout()
        .body(checkout_request(Some("order-42")))
        .send()
        .await
        .expect("accepted on retry");
    assert_eq!(result.tracking_number, "trk_1");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].body, seen[1].body, "every attempt sends the same bytes");
    let body: serde_json::Value = serde_json::from_slice(&seen[1].body).expect("json");
    assert_eq!(body["order"]["correlationId"], "order-42");
}

#[tokio::test(start_paused = true)]
async fn checkout_without_a_correlation_id_is_not_retried() {
    let server = Server::start(vec![Reply::c2a(503, UNAVAILABLE)]).await;
    server.client(policy(3)).submit_checkout().body(checkout_request(None)).send().await.expect_err("503");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_retryable_message_code_is_retried_for_a_keyed_operation() {
    let unavailable = r#"{"result":null,"status":{"messageCode":"PSP_UNAVAILABLE"}}"#;
    let deleted =
        r#"{"result":{"paymentMethodUrn":"pm.1","state":"Deleted"},"status":{"messageCode":"SUCCESS"}}"#;
    let server = Server::start(vec![Reply::c2a(200, unavailable), Reply::c2a(200, deleted)]).await;
    // delete_payment_method: PSP_UNAVAILABLE is `retryable` and the call is keyed on `p`.
    let method = server
        .client(policy(3))
        .delete_payment_method()
        .payment_method_urn("pm.1")
        .send()
        .await
        .expect("second attempt");
    assert_eq!(method.payment_method_urn, "pm.1");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|s| s.uri == "/api/v1/c2a/customer/payment/methods/delete?p=pm.1"));
}

#[tokio::test(start_paused = true)]
async fn a_retryable_code_on_a_non_idempotent_post_is_returned_not_retried() {
    let unavailable = r#"{"result":null,"status":{"messageCode":"PSP_UNAVAILABLE"}}"#;
    let server = Server::start(vec![Reply::c2a(200, unavailable)]).await;
    let card: types::CreditCardDto =
        types::CreditCardDto::builder().card_number("4242424242424242".to_owned()).try_into().expect("card");
    let method = types::PaymentMethodDto::builder()
        .payment_channel(types::EnPaymentChannel::CreditCard)
        .credit_card(card);
    let request = types::PaymentMethodAddRequest::builder().customer_urn("cu.1").payment_method(method);
    let err =
        server.client(policy(3)).add_payment_method().body(request).send().await.expect_err("unavailable");
    assert_eq!(err.message_code(), Some(&MessageCode::PspUnavailable));
    assert_eq!(server.seen().len(), 1, "adding a card twice would store it twice");
}

#[tokio::test(start_paused = true)]
async fn a_refused_connection_is_retried_even_for_a_post() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}/api/v1", listener.local_addr().expect("addr"));
    drop(listener);
    let client = c2a_client::Client::builder()
        .base_url(base)
        .api_key("k")
        .tenant("t")
        .retry(policy(3))
        .build()
        .expect("client");
    let started = tokio::time::Instant::now();
    let err = client.store_customer().body(store_request()).send().await.expect_err("refused");
    assert!(matches!(&err, Error::Transport { source, .. } if source.is_connect()), "{err:?}");
    assert!(started.elapsed() > Duration::ZERO, "it backed off before giving up");
}

/// Limits of `Duration::MAX` mean "no limit": a total timeout or a `Retry-After` allowance
/// that large is a far deadline, never an `Instant` overflow (which panics).
#[tokio::test(start_paused = true)]
async fn limits_of_duration_max_do_not_overflow_the_clock() {
    let server = Server::start(vec![
        Reply::c2a(503, UNAVAILABLE).header("retry-after", "18446744073709551615"),
        Reply::c2a(200, INFO),
    ])
    .await;
    let client = c2a_client::Client::builder()
        .base_url(server.base_url())
        .api_key("sk_test_0123456789")
        .tenant("tenant-1")
        .retry(RetryPolicy { max_retry_after: Duration::MAX, ..policy(3) })
        .total_timeout(Duration::MAX)
        .build()
        .expect("client");
    let err = client.get_customer_info().customer_urn("cu.1").send().await.expect_err("no retry that long");
    assert_eq!(
        err.status().map(|s| s.as_u16()),
        Some(503),
        "the hint outlasts any deadline: answered at once"
    );
    assert_eq!(server.seen().len(), 1);
    let customer = client.get_customer_info().customer_urn("cu.1").send().await.expect("a plain call");
    assert_eq!(customer.customer_urn, "cu.1");
}
