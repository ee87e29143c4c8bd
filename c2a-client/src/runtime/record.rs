//! Recording the client's own traffic as HAR 1.2 files, safe to commit.
//!
//! With `ClientBuilder::record_to(dir)`, every call the client makes (its final attempt when
//! it was retried) is written to `dir` as one HAR file, atomically (a temporary file, then a
//! rename). What a recording never holds:
//! - the API key, the tenant id, `Authorization` and cookies: their values are replaced by
//!   `[redacted]`;
//! - any body field the spec marks `x-sensitive` (card number, CVC, expiry, cardholder
//!   name, and their aliases: `operations::SENSITIVE_FIELDS`), in request and response
//!   bodies alike: the value becomes `[redacted]`;
//! - a body that is not JSON, or one over the body cap: only its size is kept.
//!
//! A masked value stays in place as `[redacted]` (so the body keeps its shape); `cargo xtask
//! verify` accepts exactly that value for an `x-sensitive` field and flags anything else.
//!
//! The log's `_source` (a HAR custom field) says where the recording came from (`kind`:
//! `real`, `sandbox` or `unknown`, and the `origin` base URL), so tooling can tell
//! real-environment evidence from sandbox runs; each entry's `_operation` names the
//! operation. A failure to write is traced as a warning and never fails the call.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::har::{
    Content, Entry, Har, NameValue, PostData, RecordingSource, Request, Response, SourceKind, Timings,
};

use crate::generated::operations::SENSITIVE_FIELDS;

/// What replaces a masked value.
pub const REDACTED: &str = "[redacted]";
/// Headers whose values are never recorded.
const SECRET_HEADERS: [&str; 5] = ["x-api-key", "x-tn", "authorization", "cookie", "set-cookie"];

/// Where recorded traffic comes from, as `cargo xtask verify` weighs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordedFrom {
    /// A real Azotte environment (Live or Sandbox): evidence about the real API.
    RealEnvironment,
    /// `c2a-sandbox`, built from our own spec: guards decoding, confirms nothing.
    Sandbox,
    /// Anything else (a proxy, a test server): not evidence.
    Other,
}

impl RecordedFrom {
    /// The `_source.kind` written into the HAR.
    pub fn kind(self) -> &'static str {
        self.source_kind().as_str()
    }

    /// The same, typed.
    pub fn source_kind(self) -> SourceKind {
        match self {
            Self::RealEnvironment => SourceKind::Real,
            Self::Sandbox => SourceKind::Sandbox,
            Self::Other => SourceKind::Unknown,
        }
    }
}

/// Writes exchanges to a directory; shared by every clone of a client.
pub(crate) struct Recorder {
    dir: PathBuf,
    source: RecordedFrom,
    /// The base URL, recorded as the origin.
    origin: String,
    /// The client's default headers (sent by reqwest, so absent from the request), masked.
    default_headers: Vec<NameValue>,
    sequence: AtomicU64,
}

impl fmt::Debug for Recorder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorder")
            .field("dir", &self.dir)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// A request as it was sent, kept until its response arrives.
pub(crate) struct PendingExchange {
    operation: &'static str,
    started: chrono::DateTime<chrono::Utc>,
    clock: std::time::Instant,
    method: String,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Option<bytes::Bytes>,
}

impl Recorder {
    /// Records into `dir` (created when missing), labelling every file with `source`; the
    /// client's default headers are masked here, so no secret is kept.
    pub(crate) fn new(dir: PathBuf, source: RecordedFrom, origin: &str, default_headers: &HeaderMap) -> Self {
        Self {
            dir,
            source,
            origin: origin.to_owned(),
            default_headers: headers(default_headers),
            sequence: AtomicU64::new(0),
        }
    }

    /// Notes what is about to be sent.
    pub(crate) fn start(&self, operation: &'static str, request: &reqwest::Request) -> PendingExchange {
        PendingExchange {
            operation,
            started: chrono::Utc::now(),
            clock: std::time::Instant::now(),
            method: request.method().as_str().to_owned(),
            url: request.url().clone(),
            headers: request.headers().clone(),
            body: request.body().and_then(reqwest::Body::as_bytes).map(bytes::Bytes::copy_from_slice),
        }
    }

    /// Buffers the response body (within the cap), writes the exchange, and hands back an
    /// equivalent response.
    pub(crate) async fn finish(
        &self,
        exchange: PendingExchange,
        response: reqwest::Response,
        max_body_bytes: usize,
    ) -> reqwest::Result<reqwest::Response> {
        let (response, body) = super::body::buffer(response, max_body_bytes).await?;
        let entry = entry(&exchange, &self.default_headers, &response, body.as_deref());
        let sequence = self.sequence.fetch_add(1, Ordering::Relaxed);
        let name = format!(
            "{}-{:05}-{}.har",
            exchange.started.format("%Y%m%dT%H%M%S%.3fZ"),
            sequence,
            exchange.operation
        );
        if let Err(error) = self.write(&name, entry) {
            tracing::warn!(operation = exchange.operation, %error, "c2a recording not written");
        }
        Ok(response)
    }

    fn write(&self, name: &str, entry: Entry) -> std::io::Result<()> {
        let source = RecordingSource {
            origin: Some(self.origin.clone()),
            ..RecordingSource::of(self.source.source_kind())
        };
        let mut har = Har::new("c2a-client", source, vec![entry]);
        har.log.comment = Some(format!(
            "Source: recorded by c2a-client against {} ({}); credentials and x-sensitive fields masked.",
            self.origin,
            self.source.kind()
        ));
        std::fs::create_dir_all(&self.dir)?;
        write_atomically(&self.dir.join(name), super::har::to_pretty_json(&har)?.as_bytes())
    }
}

fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let temporary = path.with_extension("har.partial");
    std::fs::write(&temporary, contents)?;
    std::fs::rename(&temporary, path)
}

fn entry(
    exchange: &PendingExchange,
    default_headers: &[NameValue],
    response: &reqwest::Response,
    body: Option<&[u8]>,
) -> Entry {
    // Milliseconds with microsecond precision (HAR times are milliseconds).
    let elapsed = (exchange.clock.elapsed().as_secs_f64() * 1_000_000.0).round() / 1000.0;
    let mut sent = default_headers.to_vec();
    sent.extend(headers(&exchange.headers));
    let request_mime = content_type(&exchange.headers).unwrap_or_else(|| "application/json".to_owned());
    // HAR sizes are `i64`: -1 for unknown (a response body not read), 0 for no request body.
    let size = |body: &[u8]| i64::try_from(body.len()).unwrap_or(i64::MAX);
    let post_data = exchange.body.as_ref().map(|body| {
        let text = masked_json(body);
        let comment = text.is_none().then(|| "body not JSON, not recorded".to_owned());
        PostData { mime_type: request_mime, text: text.unwrap_or_default(), comment }
    });
    Entry {
        started_date_time: exchange.started.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        time: elapsed,
        request: Request {
            method: exchange.method.clone(),
            url: exchange.url.to_string(),
            http_version: "HTTP/1.1".to_owned(),
            cookies: Vec::new(),
            headers: sent,
            query_string: exchange
                .url
                .query_pairs()
                .map(|(name, value)| NameValue { name: name.into_owned(), value: value.into_owned() })
                .collect(),
            post_data,
            headers_size: -1,
            body_size: exchange.body.as_deref().map_or(0, size),
        },
        response: Response {
            status: response.status().as_u16(),
            status_text: response.status().canonical_reason().unwrap_or_default().to_owned(),
            http_version: format!("{:?}", response.version()),
            cookies: Vec::new(),
            headers: headers(response.headers()),
            content: Content {
                size: body.map_or(-1, size),
                mime_type: content_type(response.headers()).unwrap_or_default(),
                text: body.and_then(masked_json),
                encoding: None,
                comment: body.is_none().then(|| "body over the cap, not recorded".to_owned()),
            },
            redirect_url: String::new(),
            headers_size: -1,
            body_size: body.map_or(-1, size),
        },
        cache: serde_json::json!({}),
        timings: Timings { send: 0.0, wait: elapsed, receive: 0.0 },
        comment: None,
        operation: Some(exchange.operation.to_owned()),
    }
}

fn content_type(headers: &HeaderMap) -> Option<String> {
    headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

fn headers(headers: &HeaderMap) -> Vec<NameValue> {
    headers
        .iter()
        .map(|(name, value)| {
            let secret = value.is_sensitive() || SECRET_HEADERS.contains(&name.as_str());
            let value =
                if secret { REDACTED.to_owned() } else { value.to_str().unwrap_or(REDACTED).to_owned() };
            NameValue { name: name.as_str().to_owned(), value }
        })
        .collect()
}

/// The body as JSON text with every sensitive field masked; `None` when it is not JSON.
pub(crate) fn masked_json(body: &[u8]) -> Option<String> {
    let mut value: Value = serde_json::from_slice(body).ok()?;
    mask(&mut value);
    serde_json::to_string(&value).ok()
}

fn mask(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (name, field) in object.iter_mut() {
                if SENSITIVE_FIELDS.contains(&name.as_str()) {
                    *field = Value::String(REDACTED.to_owned());
                } else {
                    mask(field);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_fields_are_masked_at_any_depth_and_by_alias() {
        let body = br#"{"paymentMethod":{"creditCard":{"cardNumber":"4242424242424242","cvc":"123",
            "CN":"4000000000000002","cardHolderName":"Jane","maskedCardNumber":"424242******4242"}},
            "items":[{"expireMonth":"12","expireYear":"2031","itemIdentifier":"it_1"}]}"#;
        let text = masked_json(body).expect("json");
        for secret in ["4242424242424242", "4000000000000002", "\"123\"", "Jane", "2031"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("424242******4242") && text.contains("it_1"), "{text}");
        assert!(masked_json(b"card 4242424242424242").is_none(), "a non-JSON body is not recorded");
    }
}
