//! Bounded memory and time: the body cap, the total deadline of a call (attempts and waits,
//! with a paused clock), per-call overrides, and a customised HTTP stack that still cannot
//! switch off what the client owns.

use std::time::Duration;

use crate::common::{API_KEY, Reply, Server, TENANT};
use c2a_client::{CallOptions, Client, Error, RetryPolicy};
use tokio::time::Instant;

const INFO: &str = r#"{"result":{"customerUrn":"cu.1"},"status":{"messageCode":"SUCCESS"}}"#;
const UNAVAILABLE: &str = r#"{"status":{"messageCode":"SERVICE_DOWN"}}"#;

fn client(
    server: &Server,
    configure: impl FnOnce(c2a_client::ClientBuilder) -> c2a_client::ClientBuilder,
) -> Client {
    configure(Client::builder().base_url(server.base_url()).api_key(API_KEY).tenant(TENANT))
        .build()
        .expect("valid configuration")
}

fn three_attempts() -> RetryPolicy {
    RetryPolicy { max_attempts: 3, max_retry_after: Duration::from_secs(60), ..RetryPolicy::default() }
}

#[tokio::test]
async fn an_endless_body_ends_with_the_size_error() {
    let server = Server::start(vec![Reply::endless(&[b' '; 16 * 1024])]).await;
    let client = client(&server, |b| b.max_body_bytes(256 * 1024).retry(RetryPolicy::none()));
    let err = client.get_customer_info().customer_urn("cu.1").send().await.expect_err("endless");
    match &err {
        Error::BodyTooLarge { status, limit, .. } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(*limit, 256 * 1024);
        }
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }
    assert!(err.to_string().contains("262144-byte limit"), "{err}");
}

#[tokio::test]
async fn an_announced_length_over_the_cap_fails_before_reading() {
    let big = format!(
        r#"{{"result":{{"customerUrn":"{}"}},"status":{{"messageCode":"SUCCESS"}}}}"#,
        "x".repeat(4096)
    );
    let server = Server::start(vec![Reply::c2a(200, &big)]).await;
    let capped = client(&server, |b| b.max_body_bytes(1024));
    let err = capped.get_customer_info().customer_urn("cu.1").send().await.expect_err("over the cap");
    assert!(matches!(err, Error::BodyTooLarge { limit: 1024, .. }), "{err:?}");
    // The default cap is far above a real payload.
    let default = client(&server, |b| b);
    assert_eq!(
        default.get_customer_info().customer_urn("cu.1").send().await.expect("fits").customer_urn.len(),
        4096
    );
}

#[tokio::test]
async fn the_cap_holds_where_retries_read_the_body_for_its_code() {
    // submit_checkout with a correlation id is repeatable and has retryable codes, so the
    // retry layer buffers its body to read the code: the cap applies there too.
    let server = Server::start(vec![Reply::endless(&[b' '; 16 * 1024])]).await;
    let client = client(&server, |b| b.max_body_bytes(64 * 1024).retry(three_attempts()));
    let err = client
        .submit_checkout()
        .body(crate::common::checkout_request(Some("order-1")))
        .send()
        .await
        .expect_err("endless");
    assert!(matches!(err, Error::BodyTooLarge { limit: 65536, .. }), "{err:?}");
    assert_eq!(server.seen().len(), 1, "a body over the cap is not retried");
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_that_does_not_fit_the_total_deadline_ends_the_call() {
    let server = Server::start(vec![Reply::c2a(503, UNAVAILABLE).header("retry-after", "30")]).await;
    let client = client(&server, |b| b.retry(three_attempts()).total_timeout(Duration::from_secs(45)));
    let started = Instant::now();
    let err = client.get_customer_info().customer_urn("cu.1").send().await.expect_err("always 503");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "the last error, at once");
    assert_eq!(started.elapsed(), Duration::from_secs(30), "one wait of 30 s; the second does not fit");
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn an_attempt_is_cut_to_what_is_left_of_the_total() {
    let server = Server::start(vec![Reply::c2a(200, INFO).after(Duration::from_secs(120))]).await;
    let client =
        client(&server, |b| b.timeout(Duration::from_secs(30)).total_timeout(Duration::from_secs(10)));
    let started = Instant::now();
    let err = client.get_customer_info().customer_urn("cu.1").send().await.expect_err("too slow");
    assert!(matches!(&err, Error::Transport { source, .. } if source.is_timeout()), "{err:?}");
    assert_eq!(started.elapsed(), Duration::from_secs(10));
}

#[tokio::test(start_paused = true)]
async fn per_call_options_beat_the_client_settings() {
    let server = Server::start(vec![Reply::c2a(503, UNAVAILABLE)]).await;
    let client = client(&server, |b| b.retry(three_attempts()));

    let once = client.with_options(CallOptions::new().retry(RetryPolicy::none()));
    once.get_customer_info().customer_urn("cu.1").send().await.expect_err("503");
    assert_eq!(server.seen().len(), 1, "the override allows one attempt");

    client.get_customer_info().customer_urn("cu.1").send().await.expect_err("503");
    assert_eq!(server.seen().len(), 4, "the client itself still makes three");

    let slow = Server::start(vec![Reply::c2a(200, INFO).after(Duration::from_secs(20))]).await;
    let client = self::client(&slow, |b| b.retry(RetryPolicy::none()));
    let started = Instant::now();
    let quick = client.with_options(CallOptions::new().timeout(Duration::from_secs(2)));
    quick.get_customer_info().customer_urn("cu.1").send().await.expect_err("timed out");
    assert_eq!(started.elapsed(), Duration::from_secs(2));
    assert_eq!(client.settings().timeout, c2a_client::DEFAULT_TIMEOUT, "the client is unchanged");
    assert_eq!(quick.base_url(), client.base_url());
}

#[tokio::test(start_paused = true)]
async fn the_per_attempt_timeout_holds_with_or_without_a_timer_on_the_request() {
    // The usual attempt relies on the timeout built into the reqwest client (no timer of its
    // own); a per-call limit, longer or shorter, goes on the request. A hook's own timeout
    // is replaced by the client's.
    let slow = Server::start(vec![Reply::c2a(200, INFO).after(Duration::from_secs(10))]).await;
    let client = client(&slow, |b| {
        b.retry(RetryPolicy::none())
            .timeout(Duration::from_secs(4))
            .http(|http| http.timeout(Duration::from_secs(1)))
    });
    let started = Instant::now();
    let err = client.get_customer_info().customer_urn("cu.1").send().await.expect_err("over 4 s");
    assert!(matches!(&err, Error::Transport { source, .. } if source.is_timeout()), "{err:?}");
    assert_eq!(started.elapsed(), Duration::from_secs(4), "the client's limit, not the hook's");

    let patient = client.with_options(CallOptions::new().timeout(Duration::from_secs(30)));
    let started = Instant::now();
    let info = patient.get_customer_info().customer_urn("cu.1").send().await.expect("within 30 s");
    assert_eq!(info.customer_urn, "cu.1");
    assert_eq!(started.elapsed(), Duration::from_secs(10), "a longer per-call limit is honoured");
}

#[tokio::test]
async fn a_customised_http_stack_cannot_follow_redirects_or_replace_the_key() {
    let other = Server::start(vec![Reply::c2a(200, INFO)]).await;
    let api = Server::start(vec![Reply::raw(307, None, b"").header("location", other.base_url())]).await;
    let client = client(&api, |b| {
        b.http(|http| {
            let mut headers = reqwest::header::HeaderMap::new();
            headers.insert("x-api-key", "sk_from_the_hook".parse().expect("header"));
            http.redirect(reqwest::redirect::Policy::limited(10)).default_headers(headers)
        })
    });
    let err = client.store_customer().body(crate::common::store_request()).send().await.expect_err("3xx");
    assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
    assert!(other.seen().is_empty(), "the other host received {:?}", other.seen());
    let seen = api.seen();
    assert_eq!(seen[0].headers.get("x-api-key").and_then(|v| v.to_str().ok()), Some(API_KEY));
    assert_eq!(seen[0].headers.get("x-tn").and_then(|v| v.to_str().ok()), Some(TENANT));
}
