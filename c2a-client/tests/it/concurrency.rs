//! `ClientBuilder::max_concurrent_requests` and HTTP/2, over real HTTP on 127.0.0.1: a
//! local server counts the requests it is handling at once; the sandbox speaks h2c. The
//! server's holds and the tests' own waits run on a paused tokio clock where they drive the test.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::IntoResponse;
use c2a_client::{Client, ConfigError, RetryPolicy};
use tokio::task::JoinSet;

const MEDIA_TYPE: &str = "application/clientOutput+Json";

/// Requests being handled now, the most seen at once, and the total.
#[derive(Default)]
struct Gauge {
    now: AtomicUsize,
    peak: AtomicUsize,
    total: AtomicUsize,
}

/// A checkout-status endpoint that holds every request for `hold` before answering DONE.
async fn counting_server(hold: Duration) -> (String, Arc<Gauge>) {
    let gauge = Arc::new(Gauge::default());
    let app = axum::Router::new()
        .route(
            "/api/v1/c2a/offer/checkout/{id}/status",
            axum::routing::get(move |State(gauge): State<Arc<Gauge>>, Path(id): Path<String>| async move {
                let now = gauge.now.fetch_add(1, Ordering::SeqCst) + 1;
                gauge.peak.fetch_max(now, Ordering::SeqCst);
                gauge.total.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(hold).await;
                gauge.now.fetch_sub(1, Ordering::SeqCst);
                let body =
                    format!(r#"{{"trackingNumber":"{id}","status":{{"messageCode":"CHECK_OUT_DONE"}}}}"#);
                ([("content-type", MEDIA_TYPE)], body).into_response()
            }),
        )
        .with_state(gauge.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://{addr}/api/v1"), gauge)
}

fn client(base: &str, max: Option<usize>) -> Client {
    let builder = Client::builder().base_url(base).api_key("k").tenant("t").retry(RetryPolicy::none());
    let builder = match max {
        Some(max) => builder.max_concurrent_requests(max),
        None => builder.unbounded_concurrency(),
    };
    builder.build().expect("client")
}

async fn statuses(client: &Client, calls: usize) {
    let mut set = JoinSet::new();
    for i in 0..calls {
        let client = client.clone();
        set.spawn(
            async move { client.get_checkout_status().tracking_number(format!("trk_{i}")).send().await },
        );
    }
    while let Some(done) = set.join_next().await {
        let result = done.expect("task").expect("status");
        assert_eq!(result.status.message_code.as_str(), "CHECK_OUT_DONE");
    }
}

#[tokio::test(start_paused = true)]
async fn the_bound_caps_requests_in_flight() {
    let (base, gauge) = counting_server(Duration::from_millis(40)).await;
    let bounded = client(&base, Some(3));
    assert_eq!(bounded.settings().max_concurrent_requests(), Some(3));
    statuses(&bounded, 30).await;
    assert_eq!(gauge.total.load(Ordering::SeqCst), 30, "every call answered");
    assert_eq!(gauge.peak.load(Ordering::SeqCst), 3, "never more than 3 at once, and 3 reached");

    // A handle with other options shares the bound of the client it came from.
    let (base, gauge) = counting_server(Duration::from_millis(40)).await;
    let bounded = client(&base, Some(2));
    let quick = bounded.with_options(c2a_client::CallOptions::new().timeout(Duration::from_secs(5)));
    let (a, b) = tokio::join!(statuses(&bounded, 8), statuses(&quick, 8));
    let ((), ()) = (a, b);
    assert_eq!(gauge.peak.load(Ordering::SeqCst), 2, "the bound is per client, not per handle");
}

/// With `Client::builder()` defaults, more calls at once than the default bound never hold
/// more than `DEFAULT_MAX_CONCURRENT_REQUESTS` requests (and HTTP/1.1 connections) in
/// flight. The server answers nothing until the bound is reached (or 10 s pass), so the
/// peak is exact however slowly a busy machine opens connections.
/// Real time: it waits on sockets, not a timer; a paused clock could fire the 10 s fallback early.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_default_client_bounds_requests_in_flight() {
    let bound = c2a_client::DEFAULT_MAX_CONCURRENT_REQUESTS;
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    let gauge = Arc::new(Gauge::default());
    let (gate_in, gauge_in) = (gate.clone(), gauge.clone());
    let app = axum::Router::new().route(
        "/api/v1/c2a/offer/checkout/{id}/status",
        axum::routing::get(move |Path(id): Path<String>| {
            let (gate, gauge) = (gate_in.clone(), gauge_in.clone());
            async move {
                let now = gauge.now.fetch_add(1, Ordering::SeqCst) + 1;
                gauge.peak.fetch_max(now, Ordering::SeqCst);
                gauge.total.fetch_add(1, Ordering::SeqCst);
                if now == bound {
                    gate.add_permits(tokio::sync::Semaphore::MAX_PERMITS / 2);
                }
                let _ = tokio::time::timeout(Duration::from_secs(10), gate.acquire()).await;
                gauge.now.fetch_sub(1, Ordering::SeqCst);
                let body =
                    format!(r#"{{"trackingNumber":"{id}","status":{{"messageCode":"CHECK_OUT_DONE"}}}}"#);
                ([("content-type", MEDIA_TYPE)], body).into_response()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}/api/v1", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });

    let defaults = Client::builder().base_url(&base).api_key("k").tenant("t").build().expect("client");
    assert_eq!(defaults.settings().max_concurrent_requests(), Some(bound));
    statuses(&defaults, bound + 64).await;
    assert_eq!(gauge.total.load(Ordering::SeqCst), bound + 64, "every call answered");
    assert_eq!(gauge.peak.load(Ordering::SeqCst), bound, "never more than the default bound, and reached");
}

#[tokio::test(start_paused = true)]
async fn without_a_bound_requests_run_together() {
    let (base, gauge) = counting_server(Duration::from_millis(200)).await;
    let unbounded = client(&base, None);
    assert_eq!(unbounded.settings().max_concurrent_requests(), None);
    statuses(&unbounded, 12).await;
    assert!(gauge.peak.load(Ordering::SeqCst) > 3, "peak {}", gauge.peak.load(Ordering::SeqCst));
}

#[tokio::test(start_paused = true)]
async fn a_raw_response_holds_its_slot_until_dropped() {
    let (base, gauge) = counting_server(Duration::ZERO).await;
    let bounded = client(&base, Some(1));
    let held = bounded.get_checkout_status().tracking_number("trk_a").send_raw().await.expect("raw");
    let second = tokio::spawn({
        let bounded = bounded.clone();
        async move { bounded.get_checkout_status().tracking_number("trk_b").send().await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(gauge.total.load(Ordering::SeqCst), 1, "the second request waits for the slot");
    drop(held);
    second.await.expect("task").expect("second call");
    assert_eq!(gauge.total.load(Ordering::SeqCst), 2);
}

/// What the slow-body server saw: how many requests, and how many bodies it had finished
/// sending when each request arrived.
#[derive(Default)]
struct BodyLog {
    requests: AtomicUsize,
    bodies_done: AtomicUsize,
    done_at_arrival: std::sync::Mutex<Vec<usize>>,
}

/// A checkout-status endpoint that answers at once with a body whose second half comes
/// `rest_after` later.
async fn slow_body_server(rest_after: Duration) -> (String, Arc<BodyLog>) {
    let log = Arc::new(BodyLog::default());
    let app = axum::Router::new()
        .route(
            "/api/v1/c2a/offer/checkout/{id}/status",
            axum::routing::get(move |State(log): State<Arc<BodyLog>>, Path(id): Path<String>| async move {
                log.requests.fetch_add(1, Ordering::SeqCst);
                let done = log.bodies_done.load(Ordering::SeqCst);
                log.done_at_arrival.lock().expect("log").push(done);
                let halves = [
                    (Duration::ZERO, format!(r#"{{"trackingNumber":"{id}","#)),
                    (rest_after, r#""status":{"messageCode":"CHECK_OUT_DONE"}}"#.to_owned()),
                ];
                let chunks =
                    futures_util::StreamExt::then(futures_util::stream::iter(halves), move |(wait, half)| {
                        let log = log.clone();
                        async move {
                            tokio::time::sleep(wait).await;
                            if !wait.is_zero() {
                                log.bodies_done.fetch_add(1, Ordering::SeqCst);
                            }
                            Ok::<_, std::convert::Infallible>(half)
                        }
                    });
                ([("content-type", MEDIA_TYPE)], axum::body::Body::from_stream(chunks)).into_response()
            }),
        )
        .with_state(log.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://{addr}/api/v1"), log)
}

/// `send()` keeps the slot of the bound until it has read the whole body, not just the
/// head, so a bound of one means one connection busy at a time. Real time: the body arrives over a
/// socket while the client waits, which a paused clock would skip past into the timeout.
#[tokio::test]
async fn a_call_holds_its_slot_until_the_body_is_read() {
    let (base, log) = slow_body_server(Duration::from_millis(200)).await;
    let bounded = client(&base, Some(1));
    let first = tokio::spawn({
        let bounded = bounded.clone();
        async move { bounded.get_checkout_status().tracking_number("trk_a").send().await }
    });
    // The first head is in (the server has its request) before the second call starts.
    while log.requests.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let second = bounded.get_checkout_status().tracking_number("trk_b").send().await.expect("second call");
    assert_eq!(second.tracking_number, "trk_b");
    assert_eq!(first.await.expect("task").expect("first call").tracking_number, "trk_a");
    let done_at_arrival = log.done_at_arrival.lock().expect("log").clone();
    assert_eq!(done_at_arrival, [0, 1], "the second request waited for the first body");
}

#[tokio::test(start_paused = true)]
async fn time_queued_counts_against_the_total_timeout() {
    let (base, gauge) = counting_server(Duration::from_millis(500)).await;
    let bounded = Client::builder()
        .base_url(base)
        .api_key("k")
        .tenant("t")
        .retry(RetryPolicy::none())
        .total_timeout(Duration::from_millis(300))
        .max_concurrent_requests(1)
        .build()
        .expect("client");
    let first = tokio::spawn({
        let bounded = bounded.clone();
        async move { bounded.get_checkout_status().tracking_number("trk_a").send().await }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    let started = tokio::time::Instant::now();
    let queued = bounded.get_checkout_status().tracking_number("trk_b").send().await;
    let err = queued.expect_err("queued past its total timeout");
    assert!(matches!(&err, c2a_client::Error::Transport { source, .. } if source.is_timeout()), "{err:?}");
    // Queued 250 ms (until the first call gives up at 300 ms), then 50 ms of attempt: not 300.
    assert_eq!(started.elapsed(), Duration::from_millis(300), "the total counts from the call's start");
    assert!(first.await.expect("task").is_err(), "the first call times out too (500 ms > 300 ms)");
    assert!(gauge.total.load(Ordering::SeqCst) <= 2);
}

#[test]
fn zero_is_refused() {
    let built = Client::builder()
        .base_url("http://127.0.0.1:1/api/v1")
        .api_key("k")
        .tenant("t")
        .max_concurrent_requests(0)
        .build();
    assert!(matches!(built, Err(ConfigError::NoConcurrency)));
}

/// HTTP/2 without TLS (h2c) against the sandbox, set through the `http` hook, with the bound:
/// concurrent calls multiplexed and decoded as usual.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http2_prior_knowledge_against_the_sandbox() {
    let sandbox = c2a_sandbox::Sandbox::builder()
        .processing_time(Duration::from_millis(300))
        .start()
        .await
        .expect("sandbox");
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .tenant(sandbox.tenant_id())
        .http(|http| http.http2_prior_knowledge())
        .max_concurrent_requests(16)
        .build()
        .expect("client");
    let raw = client.get_customer_info().customer_urn("cu.unknown").send_raw().await.expect("raw");
    assert_eq!(raw.version(), reqwest::Version::HTTP_2);
    drop(raw);

    let mut set = JoinSet::new();
    for i in 0..64 {
        let client = client.clone();
        set.spawn(async move {
            client.get_checkout_status().tracking_number(format!("trk_missing_{i}")).send().await
        });
    }
    while let Some(done) = set.join_next().await {
        let err = done.expect("task").expect_err("no such checkout");
        assert!(matches!(err, c2a_client::Error::Api { .. }), "{err:?}");
    }
}
