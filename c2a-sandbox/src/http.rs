//! HTTP plumbing: the router, the auth layer, body and query extraction that turn every bad
//! input into a 400 envelope naming the field (413 for a body over the limit), and the
//! response type that stamps `Content-Type: application/clientOutput+Json`.
//!
//! A request refused before its body was read whole (a body over the limit, a wrong
//! `Content-Type`, rejected credentials) still has what is left of its body read and
//! discarded, up to [`DRAIN_BYTES`] and [`DRAIN_TIME`], before the answer goes out: a client
//! that writes its whole body before reading (Python's urllib) then gets the answer instead
//! of a broken pipe. A body longer than that is cut off: the answer says `Connection: close`
//! and the connection closes.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{FromRequest, FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::handlers::{checkout, customers, offers, payment_methods, subscriptions};
use crate::state::AppState;

/// The media type of every C2A response body (exact casing, as documented).
pub(crate) const MEDIA_TYPE: &str = "application/clientOutput+Json";

/// Request bodies above this size are refused with 413 and the `INVALID_REQUEST` envelope.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// How much more of a refused request body the sandbox reads (and discards) before it
/// answers, so a client that sends its whole body before reading gets the answer; past this
/// the body is cut off and the connection closed.
pub const DRAIN_BYTES: usize = 4 * 1024 * 1024;

/// How long reading (and discarding) a refused body may take, however slowly it comes.
pub const DRAIN_TIME: Duration = Duration::from_secs(5);

/// The authenticated tenant of a request (its index), set by the auth layer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TenantIndex(pub(crate) usize);

pub(crate) fn router(shared: Arc<AppState>) -> Router {
    let c2a = Router::new()
        .route("/c2a/customer/validate", post(customers::validate))
        .route("/c2a/customer/store", post(customers::store))
        .route("/c2a/customer/delete", post(customers::delete))
        .route("/c2a/customer/update", post(customers::update))
        .route("/c2a/customer/info", get(customers::info))
        .route("/c2a/offer/bundles", post(offers::bundles))
        .route("/c2a/offer/showcase", post(offers::showcase))
        .route("/c2a/offer/checkout", post(checkout::submit))
        .route("/c2a/offer/checkout/{trackingId}/status", get(checkout::status))
        .route("/c2a/customer/payment/methods/add", post(payment_methods::add))
        .route("/c2a/customer/payment/methods/list", get(payment_methods::list))
        .route("/c2a/customer/payment/methods/info", get(payment_methods::info))
        .route("/c2a/customer/payment/methods/delete", delete(payment_methods::remove))
        .route("/c2a/customer/payment/methods/activate", post(payment_methods::activate))
        .route("/c2a/customer/payment/methods/inactivate", post(payment_methods::inactivate))
        .route("/c2a/subscription/{customerUrn}", get(subscriptions::list))
        .route("/c2a/subscription/cancel/request", post(subscriptions::request_cancel))
        .route("/c2a/subscription/cancel/confirm", post(subscriptions::confirm_cancel))
        .route("/c2a/subscription/reactivate", post(subscriptions::reactivate))
        .route_layer(middleware::from_fn_with_state(shared.clone(), authenticate));
    Router::new()
        .nest("/api/v1", c2a)
        .route("/sandbox/3ds/{trackingNumber}", get(checkout::challenge_page))
        .with_state(shared)
}

/// `x-api-key` and `x-tn` must name a configured key and the tenant it belongs to;
/// anything else is a 401 without a body (no envelope), as documented.
async fn authenticate(State(shared): State<Arc<AppState>>, mut request: Request, next: Next) -> Response {
    let tenant = {
        let headers = request.headers();
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        match (header("x-api-key"), header("x-tn")) {
            (Some(key), Some(tenant)) => shared.authenticate(key, tenant),
            _ => None,
        }
    };
    match tenant {
        Some(index) => {
            request.extensions_mut().insert(TenantIndex(index));
            next.run(request).await
        }
        None => refused(Reply::empty(StatusCode::UNAUTHORIZED), request.into_body()).await.into_response(),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for TenantIndex {
    type Rejection = Reply;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self> {
        // The auth layer always runs first; without it there is no tenant to serve.
        parts.extensions.get::<Self>().copied().ok_or_else(|| Reply::empty(StatusCode::UNAUTHORIZED))
    }
}

// ------------------------------------------------------------------ responses

/// A C2A response: status code, JSON body (`None`: no body), optional `Retry-After`, and
/// whether the connection closes after it (`Connection: close`).
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) body: Option<Value>,
    pub(crate) retry_after: Option<u64>,
    pub(crate) close: bool,
}

impl Reply {
    pub(crate) fn new(status: StatusCode, body: Value) -> Self {
        Self { status, body: Some(body), retry_after: None, close: false }
    }

    pub(crate) fn ok(body: Value) -> Self {
        Self::new(StatusCode::OK, body)
    }

    pub(crate) fn empty(status: StatusCode) -> Self {
        Self { status, body: None, retry_after: None, close: false }
    }

    /// The same answer, closing the connection after it (a request body left unread).
    pub(crate) fn closing(mut self) -> Self {
        self.close = true;
        self
    }

    /// The status-only envelope.
    pub(crate) fn status_only(status: StatusCode, code: &str, message: Option<String>) -> Self {
        Self::new(status, json!({ "status": azotte_status(code, message) }))
    }

    /// 400 INVALID_REQUEST with a message naming the field.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::status_only(StatusCode::BAD_REQUEST, "INVALID_REQUEST", Some(message.into()))
    }

    pub(crate) fn with_retry_after(mut self, seconds: Option<u64>) -> Self {
        self.retry_after = seconds;
        self
    }
}

/// `AzotteStatus`: `messageCode`, plus `message` when there is something to say.
pub(crate) fn azotte_status(code: &str, message: Option<String>) -> Value {
    match message {
        Some(message) => json!({ "messageCode": code, "message": message }),
        None => json!({ "messageCode": code }),
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = match self.body {
            None => self.status.into_response(),
            Some(body) => {
                let bytes = serde_json::to_vec(&body).unwrap_or_default();
                let mut response = (self.status, bytes).into_response();
                let headers = response.headers_mut();
                headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE));
                if let Some(seconds) = self.retry_after {
                    headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                }
                response
            }
        };
        if self.close {
            // HTTP/1.1 only: hyper leaves connection headers out of an HTTP/2 response.
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

/// Handler result: the error side is a complete response too.
pub(crate) type Result<T = Reply> = std::result::Result<T, Reply>;

// ------------------------------------------------------------------ bodies

/// A JSON body read by hand: `Content-Type`, size limit, syntax, then types with the path
/// of the offending field (serde_path_to_error). A body over [`MAX_BODY_BYTES`] is 413 with
/// the `INVALID_REQUEST` envelope, every other failure 400 `INVALID_REQUEST`; a body refused
/// before its end is read on and discarded (bounded, see the module docs) before the answer.
pub(crate) struct JsonBody<T>(pub(crate) T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = Reply;

    async fn from_request(request: Request, _state: &S) -> Result<Self> {
        let (parts, body) = request.into_parts();
        if let Err(reply) = check_content_type(&parts.headers) {
            return Err(refused(reply, body).await);
        }
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if let Some(length) = declared.filter(|&length| length > MAX_BODY_BYTES as u64) {
            // A client waiting for `100 Continue` has sent nothing yet and gets no go-ahead
            // (hyper sends it only once the body is read); a body announced longer than the
            // bound would be cut off anyway: both are answered at once.
            let waits = parts
                .headers
                .get(header::EXPECT)
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
            if waits || length > (MAX_BODY_BYTES + DRAIN_BYTES) as u64 {
                return Err(too_large().closing());
            }
            return Err(refused(too_large(), body).await);
        }
        match read_limited(body).await {
            Read::Whole(bytes) => parse_json(&bytes).map(JsonBody),
            Read::TooLarge(rest) => Err(refused(too_large(), rest).await),
            Read::Failed => Err(Reply::invalid("request body could not be read").closing()),
        }
    }
}

fn too_large() -> Reply {
    Reply::status_only(
        StatusCode::PAYLOAD_TOO_LARGE,
        "INVALID_REQUEST",
        Some(format!("request body is larger than {MAX_BODY_BYTES} bytes")),
    )
}

/// The next data chunk of `body` (trailers skipped); `None` at its end.
async fn next_chunk(body: &mut Body) -> Option<std::result::Result<Bytes, axum::Error>> {
    loop {
        match std::future::poll_fn(|cx| Pin::new(&mut *body).poll_frame(cx)).await? {
            Ok(frame) => {
                if let Ok(data) = frame.into_data() {
                    return Some(Ok(data));
                }
            }
            Err(error) => return Some(Err(error)),
        }
    }
}

/// A body read with the limit.
enum Read {
    /// The whole body, within the limit.
    Whole(Vec<u8>),
    /// What is left of a body over the limit (what was read of it is dropped).
    TooLarge(Body),
    /// The body could not be read (the client went away).
    Failed,
}

/// Reads a body of at most [`MAX_BODY_BYTES`], stopping at the first chunk past it.
async fn read_limited(mut body: Body) -> Read {
    let mut bytes = Vec::new();
    while let Some(chunk) = next_chunk(&mut body).await {
        let Ok(chunk) = chunk else { return Read::Failed };
        if bytes.len() + chunk.len() > MAX_BODY_BYTES {
            return Read::TooLarge(body);
        }
        bytes.extend_from_slice(&chunk);
    }
    Read::Whole(bytes)
}

/// Reads and discards what is left of `body`, at most [`DRAIN_BYTES`] within
/// [`DRAIN_TIME`], holding one chunk at a time; whether the body ended.
async fn drain(mut body: Body) -> bool {
    if body.is_end_stream() {
        return true;
    }
    let read = async {
        let mut left = DRAIN_BYTES;
        loop {
            match next_chunk(&mut body).await {
                None => return true,
                Some(Ok(chunk)) if chunk.len() <= left => left -= chunk.len(),
                Some(_) => return false,
            }
        }
    };
    tokio::time::timeout(DRAIN_TIME, read).await.unwrap_or(false)
}

/// `reply` to a request refused before its body was read whole, once what is left of the
/// body has been read and discarded; closing the connection when the body did not end
/// within the bound (the client may still be sending).
async fn refused(reply: Reply, body: Body) -> Reply {
    if drain(body).await { reply } else { reply.closing() }
}

/// Bodies must be declared as JSON (`application/json` or any `+json` type).
fn check_content_type(headers: &HeaderMap) -> Result<()> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Err(Reply::invalid("Content-Type header is required: application/json"));
    };
    let essence = value.to_str().unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json")) {
        Ok(())
    } else {
        Err(Reply::invalid(format!("Content-Type must be application/json, not `{essence}`")))
    }
}

pub(crate) fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Reply::invalid("request body is required"));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let crate::wire::Obj(value) = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() {
            let field = if path == "." { "request body".to_owned() } else { path };
            Reply::invalid(format!("{field}: {inner}"))
        } else {
            Reply::invalid(format!("request body is not valid JSON: {inner}"))
        }
    })?;
    deserializer.end().map_err(|e| Reply::invalid(format!("request body is not valid JSON: {e}")))?;
    Ok(value)
}

// ------------------------------------------------------------------ queries and paths

/// Query parameters; the first occurrence of a name wins. A malformed query string is a
/// 400 INVALID_REQUEST instead of axum's plain-text rejection.
pub(crate) struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    /// A non-blank parameter value.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.trim().is_empty())
    }

    pub(crate) fn require(&self, name: &str) -> Result<&str> {
        self.get(name).ok_or_else(|| Reply::invalid(format!("query parameter `{name}` is required")))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = Reply;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self> {
        Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map(|Query(pairs)| Self(pairs))
            .map_err(|e| Reply::invalid(format!("query string: {}", e.body_text())))
    }
}

/// The single path parameter of a route, percent-decoded.
pub(crate) struct PathParam(pub(crate) String);

impl<S: Send + Sync> FromRequestParts<S> for PathParam {
    type Rejection = Reply;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self> {
        axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Self(value))
            .map_err(|e| Reply::invalid(format!("path: {}", e.body_text())))
    }
}

/// An HTML page for the browser side of the sandbox (3DS challenge).
pub(crate) fn html(status: StatusCode, title: &str, text: &str) -> Response {
    let page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><h1>{title}</h1><p>{text}</p></body></html>"
    );
    let mut response = (status, Body::from(page)).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}

// ------------------------------------------------------------------ validation helpers

/// A required, non-blank string field.
pub(crate) fn required<'a>(value: &'a Option<String>, path: &str) -> Result<&'a str> {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| Reply::invalid(format!("{path} is required")))
}

/// A required object field.
pub(crate) fn required_obj<'a, T>(value: &'a Option<T>, path: &str) -> Result<&'a T> {
    value.as_ref().ok_or_else(|| Reply::invalid(format!("{path} is required")))
}

/// An optional string field: blank counts as absent.
pub(crate) fn optional(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.trim().is_empty())
}
