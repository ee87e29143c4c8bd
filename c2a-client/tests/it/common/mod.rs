//! A scripted C2A-like server on 127.0.0.1 for the client's tests.
//!
//! Each request gets the next queued [`Reply`] (the last one repeats when the queue runs
//! dry) and is recorded, so tests can count attempts and inspect what was sent.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};

pub use crate::support::requests;

/// The media type C2A answers with.
pub const MEDIA_TYPE: &str = "application/clientOutput+Json";
/// Credentials the test client sends.
pub const API_KEY: &str = "sk_dev_secret_key_for_tests";
/// Tenant the test client sends.
pub const TENANT: &str = "e2a1c7b2-tenant";

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    delay: Option<std::time::Duration>,
    endless: bool,
}

impl Reply {
    /// A C2A JSON body with the vendor media type.
    pub fn c2a(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type", MEDIA_TYPE.to_owned())],
            body: body.as_bytes().to_vec(),
            delay: None,
            endless: false,
        }
    }

    /// A JSON-typed body that never ends: `body` repeated for as long as the client reads.
    pub fn endless(body: &[u8]) -> Self {
        Self { endless: true, ..Self::raw(200, Some(MEDIA_TYPE), body) }
    }

    /// Any body with any content type (or none).
    pub fn raw(status: u16, content_type: Option<&str>, body: &[u8]) -> Self {
        let headers = content_type.map(|c| vec![("content-type", c.to_owned())]).unwrap_or_default();
        Self { status, headers, body: body.to_vec(), delay: None, endless: false }
    }

    /// Answers only after `delay` (tokio time, so a paused clock drives it).
    pub fn after(mut self, delay: std::time::Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }
}

/// One request the server received.
#[derive(Clone, Debug)]
pub struct Seen {
    /// HTTP method.
    pub method: Method,
    /// Path and query.
    pub uri: String,
    /// Request headers.
    pub headers: HeaderMap,
    /// Request body.
    pub body: Bytes,
}

#[derive(Default)]
struct Inner {
    replies: VecDeque<Reply>,
    last: Option<Reply>,
    seen: Vec<Seen>,
}

/// A running scripted server.
#[derive(Clone)]
pub struct Server {
    base_url: String,
    inner: Arc<Mutex<Inner>>,
}

impl Server {
    /// Starts a server answering with `replies` in order.
    pub async fn start(replies: Vec<Reply>) -> Self {
        let inner = Arc::new(Mutex::new(Inner { replies: replies.into(), ..Inner::default() }));
        let app = Router::new().fallback(answer).with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        Self { base_url: format!("http://{addr}/api/v1"), inner }
    }

    /// The base URL to give the client.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Every request received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.inner.lock().expect("lock").seen.clone()
    }

    /// A client for this server with the test credentials and `retry`.
    pub fn client(&self, retry: c2a_client::RetryPolicy) -> c2a_client::Client {
        c2a_client::Client::builder()
            .base_url(self.base_url())
            .api_key(API_KEY)
            .tenant(TENANT)
            .retry(retry)
            .build()
            .expect("valid client configuration")
    }
}

async fn answer(State(inner): State<Arc<Mutex<Inner>>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
    let reply = {
        let mut inner = inner.lock().expect("lock");
        inner.seen.push(Seen {
            method: parts.method.clone(),
            uri: parts.uri.to_string(),
            headers: parts.headers.clone(),
            body,
        });
        let next = inner.replies.pop_front().or_else(|| inner.last.clone());
        inner.last = next.clone();
        next
    };
    let Some(reply) = reply else { return StatusCode::NOT_IMPLEMENTED.into_response() };
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    let status = StatusCode::from_u16(reply.status).expect("status");
    let mut response = if reply.endless {
        let chunk = Bytes::from(reply.body);
        let chunks =
            futures_util::stream::repeat_with(move || Ok::<_, std::convert::Infallible>(chunk.clone()));
        (status, axum::body::Body::from_stream(chunks)).into_response()
    } else {
        (status, reply.body).into_response()
    };
    for (name, value) in reply.headers {
        response.headers_mut().insert(name, value.parse().expect("header value"));
    }
    response
}

/// Installs `subscriber` as this thread's default until the guard drops (never the global
/// default: tests on other threads of this binary keep theirs). The test must stay on its
/// thread, as `#[tokio::test]` on the current-thread runtime does.
///
/// Why not `tracing::subscriber::set_default` alone: tracing caches, per callsite and for the
/// whole process, whether any subscriber wants it. While at most one dispatcher exists, that
/// answer comes from the default of whichever thread reaches the callsite first, so a test
/// without a subscriber on another thread would switch the callsite off for this one. A
/// second dispatcher, alive for the whole process and installed nowhere, makes tracing ask
/// every live dispatcher instead.
pub fn subscribe(
    subscriber: impl tracing::Subscriber + Send + Sync + 'static,
) -> tracing::subscriber::DefaultGuard {
    static ALWAYS_ASKED: OnceLock<tracing::Dispatch> = OnceLock::new();
    ALWAYS_ASKED.get_or_init(|| tracing::Dispatch::new(tracing_subscriber::registry()));
    tracing::subscriber::set_default(subscriber)
}

/// A complete store-customer request.
pub fn store_request() -> c2a_client::types::StoreCustomerRequest {
    use c2a_client::types;
    types::StoreCustomerRequest::builder()
        .customer(
            types::StoreCustomerRequestCustomer::builder().external_identifier("crm-9981273".to_owned()),
        )
        .claimed_region(types::ClaimedRegion::builder().country_code("DE").language_code("de"))
        .try_into()
        .expect("complete request")
}

/// A checkout request for offer `of_1`, card payment without card data, with an optional
/// correlation id (which makes the submission repeatable).
pub fn checkout_request(correlation_id: Option<&str>) -> c2a_client::types::CheckoutRequest {
    requests::checkout_request("of_1", "it_1", "cu.1", None, correlation_id)
}
