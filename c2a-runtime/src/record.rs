//! Recording the client's own traffic as HAR 1.2 files, safe to commit.
//!
//! With `ClientBuilder::record_to(dir)`, every call the client makes is written to `dir` as
//! one HAR file, atomically (a temporary file, then a rename), with one entry per attempt in
//! the order they were sent: a call the retry policy repeated keeps its 503s and 429s with
//! their `Retry-After`, which are facts about the real API too. Each entry's `_attempt` (a
//! HAR custom field) is its 1-based attempt number; an attempt that got no response (the
//! connection failed, the attempt timed out) is an entry with status 0 and a `comment` saying
//! why. What a recording never holds:
//! - the API key, the tenant id, `Authorization` and cookies: their values are replaced by
//!   `[redacted]`;
//! - any body field the spec marks `x-sensitive` (card number, CVC, expiry, cardholder
//!   name, and their aliases: `ApiTable::sensitive_fields`), in request and response
//!   bodies alike: the value becomes `[redacted]`;
//! - a body that is not JSON, or one over the body cap: only its size is kept (a response
//!   body is read within the call's cap, attempt by attempt, and never beyond it).
//!
//! A masked value stays in place as `[redacted]` (so the body keeps its shape); `cargo xtask
//! verify` accepts exactly that value for an `x-sensitive` field and flags anything else.
//!
//! The log's `_source` (a HAR custom field) says where the recording came from (`kind`:
//! `real`, `sandbox` or `unknown`, and the `origin` base URL), so tooling can tell
//! real-environment evidence from sandbox runs; each entry's `_operation` names the
//! operation. A failure to write is traced as a warning and never fails the call.
//!
//! The request is masked once, when the call starts: every attempt sends the same bytes, and
//! no unmasked copy is kept while the attempts run.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::har::{
    Content, Entry, Har, NameValue, PostData, RecordingSource, Request, Response, SourceKind, Timings,
};

/// What replaces a masked value.
pub const REDACTED: &str = "[redacted]";
/// Headers whose values are never recorded.
const SECRET_HEADERS: [&str; 5] = ["x-api-key", "x-tn", "authorization", "cookie", "set-cookie"];

/// Writes exchanges to a directory; shared by every clone of a client.
pub(crate) struct Recorder {
    dir: PathBuf,
    source: SourceKind,
    /// The base URL, recorded as the origin.
    origin: String,
    /// The client's default headers (sent by reqwest, so absent from the request), masked.
    default_headers: Vec<NameValue>,
    /// The wire names the spec marks `x-sensitive`.
    sensitive_fields: &'static [&'static str],
}

/// Numbers every file this process writes: two clients recording into one folder in the same
/// millisecond still write two files (a number per recorder started both at 0, and the second
/// file replaced the first).
static SEQUENCE: AtomicU64 = AtomicU64::new(0);

impl fmt::Debug for Recorder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorder")
            .field("dir", &self.dir)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// One call being recorded: its request, masked as it was sent, and an entry per attempt.
pub(crate) struct CallRecording<'r> {
    recorder: &'r Recorder,
    operation: &'static str,
    /// When the call started (names the file).
    started: chrono::DateTime<chrono::Utc>,
    request: Request,
    /// When the current attempt was sent.
    attempt_started: (chrono::DateTime<chrono::Utc>, std::time::Instant),
    entries: Vec<Entry>,
}

impl Recorder {
    /// Records into `dir` (created when missing), labelling every file with `source`; the
    /// client's default headers are masked here, so no secret is kept.
    pub(crate) fn new(
        dir: PathBuf,
        source: SourceKind,
        origin: &str,
        default_headers: &HeaderMap,
        sensitive_fields: &'static [&'static str],
    ) -> Self {
        Self {
            dir,
            sensitive_fields,
            source,
            origin: origin.to_owned(),
            default_headers: headers(default_headers),
        }
    }

    /// Starts recording a call of `operation` that sends `request` (masked here, once).
    pub(crate) fn call(&self, operation: &'static str, request: &reqwest::Request) -> CallRecording<'_> {
        let now = (chrono::Utc::now(), std::time::Instant::now());
        CallRecording {
            recorder: self,
            operation,
            started: now.0,
            request: har_request(&self.default_headers, request, self.sensitive_fields),
            attempt_started: now,
            entries: Vec::new(),
        }
    }

    fn write(&self, name: &str, entries: Vec<Entry>) -> std::io::Result<()> {
        let source =
            RecordingSource { origin: Some(self.origin.clone()), ..RecordingSource::of(self.source) };
        let mut har = Har::new("c2a-client", source, entries);
        har.log.comment = Some(format!(
            "Source: recorded by c2a-client against {} ({}); credentials and x-sensitive fields masked.",
            self.origin,
            self.source.as_str()
        ));
        std::fs::create_dir_all(&self.dir)?;
        write_atomically(&self.dir.join(name), crate::har::to_pretty_json(&har)?.as_bytes())
    }
}

impl CallRecording<'_> {
    /// Notes that an attempt is being sent now.
    pub(crate) fn begin_attempt(&mut self) {
        self.attempt_started = (chrono::Utc::now(), std::time::Instant::now());
    }

    /// Records attempt number `attempt` (1-based) with its outcome. A response has its body
    /// read (at most `max_body_bytes`) and is handed back rebuilt around it, with the body
    /// when it fit the cap; a failure is recorded as "no response" and handed back as it was.
    pub(crate) async fn attempt(
        &mut self,
        attempt: u32,
        outcome: reqwest::Result<reqwest::Response>,
        max_body_bytes: usize,
    ) -> (reqwest::Result<reqwest::Response>, Option<bytes::Bytes>) {
        let response = match outcome {
            Ok(response) => response,
            Err(error) => {
                let mut entry = self.entry(attempt, no_response());
                entry.comment = Some(format!("no response: {}", failure(&error)));
                self.entries.push(entry);
                return (Err(error), None);
            }
        };
        // Status and headers first: reading the body can still fail.
        let mut recorded = Response {
            status: response.status().as_u16(),
            status_text: response.status().canonical_reason().unwrap_or_default().to_owned(),
            http_version: format!("{:?}", response.version()),
            cookies: Vec::new(),
            headers: headers(response.headers()),
            content: Content {
                size: -1,
                mime_type: content_type(response.headers()).unwrap_or_default(),
                ..Content::default()
            },
            redirect_url: String::new(),
            headers_size: -1,
            body_size: -1,
        };
        let (outcome, body) = match crate::body::buffer(response, max_body_bytes).await {
            Ok((response, Some(body))) => {
                recorded.content.size = size(&body);
                recorded.body_size = size(&body);
                recorded.content.text = masked_json(&body, self.recorder.sensitive_fields);
                if recorded.content.text.is_none() && !body.is_empty() {
                    recorded.content.comment = Some("body not JSON, not recorded".to_owned());
                }
                (Ok(response), Some(body))
            }
            Ok((response, None)) => {
                recorded.content.comment = Some("body over the cap, not recorded".to_owned());
                (Ok(response), None)
            }
            Err(error) => {
                recorded.content.comment = Some(format!("body not read: {}", failure(&error)));
                (Err(error), None)
            }
        };
        let entry = self.entry(attempt, recorded);
        self.entries.push(entry);
        (outcome, body)
    }

    fn entry(&self, attempt: u32, response: Response) -> Entry {
        let (started, clock) = self.attempt_started;
        // Milliseconds with microsecond precision (HAR times are milliseconds).
        let elapsed = (clock.elapsed().as_secs_f64() * 1_000_000.0).round() / 1000.0;
        Entry {
            started_date_time: started.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            time: elapsed,
            request: self.request.clone(),
            response,
            cache: serde_json::json!({}),
            timings: Timings { send: 0.0, wait: elapsed, receive: 0.0 },
            comment: None,
            operation: Some(self.operation.to_owned()),
            attempt: Some(attempt),
        }
    }

    /// Writes the call's file (every attempt recorded so far); a failure is only traced.
    pub(crate) fn write(self) {
        if self.entries.is_empty() {
            return;
        }
        let name = self.file_name();
        if let Err(error) = self.recorder.write(&name, self.entries) {
            tracing::warn!(operation = self.operation, %error, "c2a recording not written");
        }
    }
}

impl CallRecording<'_> {
    /// `<start>-<number>-<operation>.har`, the number unique in the process.
    fn file_name(&self) -> String {
        let sequence = SEQUENCE.fetch_add(1, Ordering::Relaxed);
        format!("{}-{:05}-{}.har", self.started.format("%Y%m%dT%H%M%S%.3fZ"), sequence, self.operation)
    }
}

fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let temporary = path.with_extension("har.partial");
    std::fs::write(&temporary, contents)?;
    std::fs::rename(&temporary, path)
}

/// HAR sizes are `i64`.
fn size(body: &[u8]) -> i64 {
    i64::try_from(body.len()).unwrap_or(i64::MAX)
}

/// What kind of failure ended an attempt, without the error's text (which holds the URL).
fn failure(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "connection failed"
    } else if error.is_body() || error.is_decode() {
        "the body could not be read"
    } else {
        "the request failed"
    }
}

/// The response of an attempt that got none (HAR: status 0).
fn no_response() -> Response {
    Response {
        status: 0,
        status_text: String::new(),
        http_version: String::new(),
        cookies: Vec::new(),
        headers: Vec::new(),
        content: Content::default(),
        redirect_url: String::new(),
        headers_size: -1,
        body_size: -1,
    }
}

/// The request as sent (the client's default headers first), masked.
fn har_request(
    default_headers: &[NameValue],
    request: &reqwest::Request,
    sensitive_fields: &[&str],
) -> Request {
    let mut sent = default_headers.to_vec();
    sent.extend(headers(request.headers()));
    let body = request.body().and_then(reqwest::Body::as_bytes);
    let post_data = body.map(|body| {
        let mime_type = content_type(request.headers()).unwrap_or_else(|| "application/json".to_owned());
        let text = masked_json(body, sensitive_fields);
        let comment = text.is_none().then(|| "body not JSON, not recorded".to_owned());
        PostData { mime_type, text: text.unwrap_or_default(), comment }
    });
    let url = request.url();
    Request {
        method: request.method().as_str().to_owned(),
        url: url.to_string(),
        http_version: "HTTP/1.1".to_owned(),
        cookies: Vec::new(),
        headers: sent,
        query_string: url
            .query_pairs()
            .map(|(name, value)| NameValue { name: name.into_owned(), value: value.into_owned() })
            .collect(),
        post_data,
        headers_size: -1,
        // 0 for no request body.
        body_size: body.map_or(0, size),
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

/// The body as JSON text with every field named in `sensitive_fields` masked; `None` when
/// it is not JSON.
pub(crate) fn masked_json(body: &[u8], sensitive_fields: &[&str]) -> Option<String> {
    let mut value: Value = serde_json::from_slice(body).ok()?;
    mask(&mut value, sensitive_fields);
    serde_json::to_string(&value).ok()
}

fn mask(value: &mut Value, sensitive_fields: &[&str]) {
    match value {
        Value::Object(object) => {
            for (name, field) in object.iter_mut() {
                if sensitive_fields.contains(&name.as_str()) {
                    *field = Value::String(REDACTED.to_owned());
                } else {
                    mask(field, sensitive_fields);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| mask(item, sensitive_fields)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_recorders_in_one_folder_never_name_two_files_alike() {
        let recorder =
            || Recorder::new(PathBuf::from("."), SourceKind::Sandbox, "http://h", &HeaderMap::new(), &[]);
        let (first, second) = (recorder(), recorder());
        let request = reqwest::Request::new(reqwest::Method::GET, "http://h/x".parse().expect("url"));
        let a = first.call("op", &request);
        let mut b = second.call("op", &request);
        b.started = a.started;
        assert_ne!(a.file_name(), b.file_name(), "same millisecond, same operation, two recorders");
    }

    #[test]
    fn sensitive_fields_are_masked_at_any_depth_and_by_alias() {
        let body = br#"{"paymentMethod":{"creditCard":{"cardNumber":"4242424242424242","cvc":"123",
            "CN":"4000000000000002","cardHolderName":"Jane","maskedCardNumber":"424242******4242"}},
            "items":[{"expireMonth":"12","expireYear":"2031","itemIdentifier":"it_1"}]}"#;
        let sensitive = ["cardNumber", "CN", "cvc", "cardHolderName", "expireYear", "expireMonth"];
        let text = masked_json(body, &sensitive).expect("json");
        for secret in ["4242424242424242", "4000000000000002", "\"123\"", "Jane", "2031"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("424242******4242") && text.contains("it_1"), "{text}");
        assert!(
            masked_json(b"card 4242424242424242", &sensitive).is_none(),
            "a non-JSON body is not recorded"
        );
    }
}
