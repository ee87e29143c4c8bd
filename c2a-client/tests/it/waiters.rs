//! The checkout waiter against scripted local servers with a paused tokio clock: polls and
//! delays follow the server's hints exactly, backoff stays within bounds, 3DS then resume,
//! the deadline, the stop flag, unknown tracking numbers, cancel safety and scale.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{MEDIA_TYPE, Reply, Server};
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use c2a_client::types::{self, CancelDecision, EnSubscriptionResponseType, MessageCode};
use c2a_client::waiters::CheckoutOutcome;
use c2a_client::{Error, RetryPolicy, WaitError};
use tokio::time::Instant;

fn stage(code: &str, follow_up: &str) -> String {
    format!(
        r#"{{"trackingNumber":"trk_1","status":{{"messageCode":"{code}"}},"followUpInstructions":{follow_up}}}"#
    )
}

fn processing_with_header(seconds: u64) -> Reply {
    Reply::c2a(200, &stage("CHECK_OUT_PROCESSING", r#"{"canFollowUp":true}"#))
        .header("retry-after", &seconds.to_string())
}

fn done() -> Reply {
    Reply::c2a(200, &stage("CHECK_OUT_DONE", r#"{"canFollowUp":false}"#))
}

#[tokio::test(start_paused = true)]
async fn polls_and_delays_follow_retry_after_exactly() {
    let server = Server::start(vec![
        processing_with_header(2),
        processing_with_header(2),
        processing_with_header(3),
        done(),
    ])
    .await;
    let client = server.client(RetryPolicy::none());
    let started = Instant::now();
    let outcome = client.wait_for_checkout("trk_1").max_wait(Duration::from_secs(60)).await.expect("done");
    let CheckoutOutcome::Done(result) = outcome else { panic!("expected Done, got {outcome:?}") };
    assert_eq!(result.tracking_number, "trk_1");
    assert_eq!(server.seen().len(), 4);
    assert_eq!(started.elapsed(), Duration::from_secs(7), "2 + 2 + 3 seconds, as the server said");
    assert!(server.seen().iter().all(|s| s.uri == "/api/v1/c2a/offer/checkout/trk_1/status"));
}

#[tokio::test(start_paused = true)]
async fn the_payload_hint_is_used_when_there_is_no_header() {
    let processing =
        Reply::c2a(200, &stage("CHECK_OUT_PROCESSING", r#"{"retryAfterSeconds":3,"canFollowUp":true}"#));
    let server = Server::start(vec![processing.clone(), processing, done()]).await;
    let started = Instant::now();
    server
        .client(RetryPolicy::none())
        .wait_for_checkout("trk_1")
        .max_wait(Duration::from_secs(60))
        .await
        .expect("done");
    assert_eq!(started.elapsed(), Duration::from_secs(6));
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn without_hints_backoff_stays_between_min_and_max() {
    let processing = Reply::c2a(200, &stage("CHECK_OUT_PROCESSING", r#"{"canFollowUp":true}"#));
    let server =
        Server::start(vec![processing.clone(), processing.clone(), processing.clone(), processing, done()])
            .await;
    let started = Instant::now();
    server
        .client(RetryPolicy::none())
        .wait_for_checkout("trk_1")
        .min_delay(Duration::from_secs(1))
        .max_delay(Duration::from_secs(3))
        .max_wait(Duration::from_secs(60))
        .await
        .expect("done");
    // Four delays with ceilings 1, 2, 3 (capped), 3 seconds, each at least 1 second.
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_secs(4) && elapsed <= Duration::from_secs(9), "{elapsed:?}");
    assert_eq!(server.seen().len(), 5);
}

#[tokio::test(start_paused = true)]
async fn three_ds_is_an_action_then_resuming_reaches_done() {
    let challenge = Reply::c2a(
        200,
        r#"{"trackingNumber":"trk_1","status":{"messageCode":"CHECK_OUT_3DS_REQUIRED"},"redirectInstructions":{"redirectUrl":"https://psp.example/3ds/abc","isRedirectRequired":true,"hasNextSteps":true},"followUpInstructions":{"retryAfterSeconds":3,"canFollowUp":true}}"#,
    );
    let server =
        Server::start(vec![processing_with_header(1), challenge, processing_with_header(1), done()]).await;
    let client = server.client(RetryPolicy::none());
    let first = client.wait_for_checkout("trk_1").max_wait(Duration::from_secs(30)).await.expect("action");
    let CheckoutOutcome::ActionRequired(redirect) = first else {
        panic!("expected ActionRequired, got {first:?}")
    };
    assert_eq!(redirect.redirect_url.as_deref(), Some("https://psp.example/3ds/abc"));
    // The end user completes the challenge; the caller resumes with the same tracking number.
    let second = client.wait_for_checkout("trk_1").max_wait(Duration::from_secs(30)).await.expect("done");
    assert!(matches!(second, CheckoutOutcome::Done(_)), "{second:?}");
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test(start_paused = true)]
async fn a_failed_checkout_is_an_outcome_with_its_message() {
    let failed = Reply::c2a(
        200,
        r#"{"trackingNumber":"trk_1","status":{"messageCode":"CHECK_OUT_FAILED","message":"issuer declined"}}"#,
    );
    let server = Server::start(vec![failed]).await;
    let outcome =
        server.client(RetryPolicy::none()).wait_for_checkout("trk_1").max_wait(Duration::from_secs(5)).await;
    let Ok(CheckoutOutcome::Failed(result)) = outcome else { panic!("expected Failed, got {outcome:?}") };
    assert_eq!(result.status.message.as_deref(), Some("issuer declined"));
}

#[tokio::test(start_paused = true)]
async fn the_deadline_gives_exceeded_max_wait_with_the_right_poll_count() {
    let server = Server::start(vec![processing_with_header(4)]).await;
    let started = Instant::now();
    let err = server
        .client(RetryPolicy::none())
        .wait_for_checkout("trk_1")
        .max_wait(Duration::from_secs(10))
        .await
        .expect_err("never done");
    // Polls at 0, 4 and 8 s, and a last one exactly at the 10 s deadline.
    let WaitError::ExceededMaxWait { elapsed, polls, last_code, .. } = err else { panic!("{err:?}") };
    assert_eq!((elapsed, polls), (Duration::from_secs(10), 4));
    assert_eq!(last_code, Some(MessageCode::CheckOutProcessing));
    assert_eq!(started.elapsed(), Duration::from_secs(10), "no sleeping past the deadline");
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test(start_paused = true)]
async fn can_follow_up_false_stops_polling() {
    let stuck = Reply::c2a(200, &stage("CHECK_OUT_PROCESSING", r#"{"canFollowUp":false}"#));
    let server = Server::start(vec![stuck]).await;
    let err =
        server.client(RetryPolicy::none()).wait_for_checkout("trk_1").max_wait(Duration::from_secs(60)).await;
    assert!(matches!(err, Err(WaitError::CannotFollowUp { polls: 1, .. })), "{err:?}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn an_unknown_tracking_number_fails_at_once() {
    let server =
        Server::start(vec![Reply::c2a(404, r#"{"status":{"messageCode":"ORDERED_ITEM_NOT_FOUND"}}"#)]).await;
    let started = Instant::now();
    let err = server
        .client(RetryPolicy::none())
        .wait_for_checkout("trk_nope")
        .max_wait(Duration::from_secs(60))
        .await
        .expect_err("404");
    let WaitError::Request(inner) = &err else { panic!("{err:?}") };
    assert_eq!(inner.message_code(), Some(&MessageCode::OrderedItemNotFound));
    assert_eq!((server.seen().len(), started.elapsed()), (1, Duration::ZERO));
}

#[tokio::test(start_paused = true)]
async fn transport_errors_end_the_wait() {
    let server = Server::start(vec![Reply::raw(502, Some("text/html"), b"<html>bad gateway</html>")]).await;
    let err =
        server.client(RetryPolicy::none()).wait_for_checkout("trk_1").max_wait(Duration::from_secs(60)).await;
    assert!(matches!(err, Err(WaitError::Request(Error::NonJson { .. }))), "{err:?}");
}

#[tokio::test(start_paused = true)]
async fn submit_and_wait_in_one_call() {
    let accepted =
        Reply::c2a(202, &stage("CHECK_OUT_PROCESSING", r#"{"retryAfterSeconds":2,"canFollowUp":true}"#));
    let server = Server::start(vec![accepted, processing_with_header(2), done()]).await;
    let request = crate::common::checkout_request(Some("order-7"));
    let outcome = server
        .client(RetryPolicy::none())
        .submit_checkout_and_wait(request, Duration::from_secs(60))
        .await
        .expect("done");
    assert!(matches!(outcome, CheckoutOutcome::Done(_)));
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].uri, "/api/v1/c2a/offer/checkout");
    assert_eq!(seen[2].uri, "/api/v1/c2a/offer/checkout/trk_1/status");
}

#[tokio::test(start_paused = true)]
async fn dropping_the_wait_stops_polling() {
    let server = Server::start(vec![processing_with_header(5)]).await;
    let client = server.client(RetryPolicy::none());
    let wait = client.wait_for_checkout("trk_1").max_wait(Duration::from_secs(600));
    assert!(tokio::time::timeout(Duration::from_secs(12), wait).await.is_err(), "still pending");
    let polls = server.seen().len();
    assert_eq!(polls, 3, "polls at 0, 5 and 10 s");
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert_eq!(server.seen().len(), polls, "no poll after the future was dropped");
}

/// A status endpoint that answers PROCESSING (Retry-After: 1) once per tracking number,
/// then DONE, counting polls per tracking number.
async fn per_tracking_server() -> (String, Arc<Mutex<HashMap<String, u32>>>) {
    let counts: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
    let app = axum::Router::new()
        .route(
            "/api/v1/c2a/offer/checkout/{id}/status",
            axum::routing::get(
                |State(counts): State<Arc<Mutex<HashMap<String, u32>>>>, Path(id): Path<String>| async move {
                    let n = {
                        let mut counts = counts.lock().expect("lock");
                        let n = counts.entry(id.clone()).or_default();
                        *n += 1;
                        *n
                    };
                    let code = if n == 1 { "CHECK_OUT_PROCESSING" } else { "CHECK_OUT_DONE" };
                    let body = format!(r#"{{"trackingNumber":"{id}","status":{{"messageCode":"{code}"}}}}"#);
                    ([("content-type", MEDIA_TYPE), ("retry-after", "1")], body).into_response()
                },
            ),
        )
        .with_state(counts.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://{addr}/api/v1"), counts)
}

#[tokio::test(start_paused = true)]
async fn two_thousand_concurrent_waits_share_one_thread() {
    let (base, counts) = per_tracking_server().await;
    let client = c2a_client::Client::builder()
        .base_url(base)
        .api_key("k")
        .tenant("t")
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let waits = (0..2000).map(|i| {
        let client = client.clone();
        async move { client.wait_for_checkout(format!("trk_{i}")).max_wait(Duration::from_secs(30)).await }
    });
    let outcomes = futures_join_all(waits).await;
    assert!(outcomes.iter().all(|o| matches!(o, Ok(CheckoutOutcome::Done(_)))));
    let counts = counts.lock().expect("lock");
    assert_eq!(counts.len(), 2000);
    assert!(counts.values().all(|&n| n == 2), "exactly the polls the hints allow");
}

/// Runs futures concurrently on the current task (no spawning, no extra threads).
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + 'static,
    F::Output: 'static,
{
    let local = tokio::task::LocalSet::new();
    let futures: Vec<_> = futures.collect();
    local
        .run_until(async move {
            let handles: Vec<_> = futures.into_iter().map(tokio::task::spawn_local).collect();
            let mut out = Vec::with_capacity(handles.len());
            for handle in handles {
                out.push(handle.await.expect("task"));
            }
            out
        })
        .await
}

#[test]
fn request_cancel_reads_as_a_decision() {
    let offer = r#"{"responseType":"Offer","offer":{"offerIdentifier":"of_winback"},"cancellationReasons":[{"code":"PRICE","label":"Too expensive"}],"status":{"messageCode":"SUCCESS"}}"#;
    let response: types::RequestCancelResponse = serde_json::from_str(offer).expect("decode");
    match response.decision() {
        CancelDecision::Offer(offer) => assert_eq!(offer.offer_identifier, "of_winback"),
        other => panic!("expected Offer, got {other:?}"),
    }
    let processed: types::RequestCancelResponse =
        serde_json::from_str(r#"{"responseType":"Processed","status":{"messageCode":"SUCCESS"}}"#)
            .expect("decode");
    assert_eq!(processed.decision(), CancelDecision::Processed);
    let later: types::RequestCancelResponse =
        serde_json::from_str(r#"{"responseType":"Later","status":{"messageCode":"SUCCESS"}}"#)
            .expect("decode");
    assert_eq!(
        later.decision(),
        CancelDecision::Unknown(Some(EnSubscriptionResponseType::Unknown("Later".into())))
    );
    let offer_without_offer: types::RequestCancelResponse =
        serde_json::from_str(r#"{"responseType":"Offer","status":{"messageCode":"SUCCESS"}}"#)
            .expect("decode");
    assert_eq!(
        offer_without_offer.decision(),
        CancelDecision::Unknown(Some(EnSubscriptionResponseType::Offer))
    );
}

#[tokio::test(start_paused = true)]
async fn a_zero_hint_is_raised_to_the_minimum_delay() {
    // Retry-After: 0 in the header and retryAfterSeconds: 0 in the payload: without a floor
    // this polled thousands of times in a few seconds.
    let zero =
        Reply::c2a(200, &stage("CHECK_OUT_PROCESSING", r#"{"retryAfterSeconds":0,"canFollowUp":true}"#))
            .header("retry-after", "0");
    let server = Server::start(vec![zero]).await;
    let started = Instant::now();
    let err = server
        .client(RetryPolicy::none())
        .wait_for_checkout("trk_1")
        .min_delay(Duration::from_millis(500))
        .max_wait(Duration::from_secs(10))
        .await
        .expect_err("never done");
    assert!(matches!(err, WaitError::ExceededMaxWait { .. }), "{err:?}");
    assert_eq!(started.elapsed(), Duration::from_secs(10));
    // One poll at 0 s, then one every 500 ms up to and including the deadline.
    assert_eq!(server.seen().len(), 21);
}

/// `max_wait(Duration::MAX)` waits without a deadline rather than overflowing the clock.
#[tokio::test(start_paused = true)]
async fn a_max_wait_of_duration_max_is_no_deadline() {
    let server = Server::start(vec![processing_with_header(2), done()]).await;
    let client = server.client(RetryPolicy::none());
    let outcome = client.wait_for_checkout("trk_1").max_wait(Duration::MAX).await.expect("done");
    assert!(matches!(outcome, CheckoutOutcome::Done(_)), "{outcome:?}");
    assert_eq!(server.seen().len(), 2);
}
