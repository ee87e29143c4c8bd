//! HAR 1.2 input and output: the fields `verify` reads, plus our `_source`/`_operation`.
//!
//! Why our own structs rather than the `har` crate: `har` 0.9 (the maintained one) has no
//! place for custom fields, and HAR 1.2 allows them only with a leading underscore. The
//! corpus states where each recording came from in `log._source`, and that must survive a
//! read-modify-write. These structs hold exactly the HAR 1.2 fields we need; reading is
//! lenient (real exports omit optional fields) and unknown fields are ignored.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// A HAR document: `{ "log": ... }`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Har {
    /// The log.
    pub log: Log,
}

impl Har {
    /// A HAR 1.2 document written by `creator`, from `source`, holding `entries`.
    pub fn new(creator: &str, source: RecordingSource, entries: Vec<Entry>) -> Self {
        Har {
            log: Log {
                version: default_version(),
                creator: Creator { name: creator.to_owned(), version: env!("CARGO_PKG_VERSION").to_owned() },
                comment: None,
                source: Some(source),
                entries,
            },
        }
    }
}

/// `log`: the recording.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Log {
    /// HAR format version (`1.2`).
    #[serde(default = "default_version")]
    pub version: String,
    /// The tool that wrote the file.
    #[serde(default)]
    pub creator: Creator,
    /// Free text; the corpus repeats its origin here for tools that drop custom fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Where the recording came from (custom field).
    #[serde(rename = "_source", default, skip_serializing_if = "Option::is_none")]
    pub source: Option<RecordingSource>,
    /// The exchanges, in recorded order.
    #[serde(default)]
    pub entries: Vec<Entry>,
}

fn default_version() -> String {
    "1.2".to_owned()
}

/// `log.creator`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Creator {
    /// Tool name.
    #[serde(default)]
    pub name: String,
    /// Tool version.
    #[serde(default)]
    pub version: String,
}

/// Where a recording came from (`log._source`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RecordingSource {
    /// What kind of traffic this is; only `docs-sample` and `real` count as evidence.
    pub kind: SourceKind,
    /// The docs page, sandbox build or environment the traffic is from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// When it was recorded or transcribed (free text, e.g. a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<String>,
    /// What was changed on the way in (masking, statuses the docs do not show).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl RecordingSource {
    /// A source of this kind with nothing else said.
    pub fn of(kind: SourceKind) -> Self {
        RecordingSource { kind, origin: None, recorded: None, note: None }
    }
}

/// The kinds of recordings.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A JSON sample transcribed from the stored Azotte docs: evidence for what the docs show.
    DocsSample,
    /// Traffic against `c2a-sandbox`: guards decoding, confirms nothing (the sandbox is
    /// built from our own spec).
    Sandbox,
    /// Traffic against a real Azotte environment: evidence.
    Real,
    /// No `_source`: treated as not evidence.
    Unknown,
}

impl SourceKind {
    /// Whether exchanges of this kind can confirm a `sample`/`inferred` fact.
    pub fn is_evidence(self) -> bool {
        matches!(self, Self::DocsSample | Self::Real)
    }

    /// The wire name (`docs-sample`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DocsSample => "docs-sample",
            Self::Sandbox => "sandbox",
            Self::Real => "real",
            Self::Unknown => "unknown",
        }
    }
}

/// `log.entries[i]`: one request and its response.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    /// When the request started (ISO 8601).
    #[serde(rename = "startedDateTime", default)]
    pub started_date_time: String,
    /// Total time in ms.
    #[serde(default)]
    pub time: f64,
    /// The request.
    pub request: Request,
    /// The response; `status` 0 means no response was recorded.
    pub response: Response,
    /// HAR 1.2 requires it; we never read it.
    #[serde(default)]
    pub cache: serde_json::Value,
    /// Phase timings (required by HAR 1.2).
    #[serde(default)]
    pub timings: Timings,
    /// Free text (the corpus names the docs sample here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The operation the recorder meant (custom field; informative, matching uses the URL).
    #[serde(rename = "_operation", default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
}

/// `timings`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Timings {
    /// Time sending the request.
    #[serde(default)]
    pub send: f64,
    /// Time waiting for the response.
    #[serde(default)]
    pub wait: f64,
    /// Time reading the response.
    #[serde(default)]
    pub receive: f64,
}

/// A header or query pair.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct NameValue {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

/// `request`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    /// HTTP method.
    pub method: String,
    /// Absolute URL, query included.
    pub url: String,
    /// e.g. `HTTP/1.1`.
    #[serde(rename = "httpVersion", default)]
    pub http_version: String,
    /// Cookies (never read).
    #[serde(default)]
    pub cookies: Vec<serde_json::Value>,
    /// Headers.
    #[serde(default)]
    pub headers: Vec<NameValue>,
    /// Query pairs.
    #[serde(rename = "queryString", default)]
    pub query_string: Vec<NameValue>,
    /// The body, if any.
    #[serde(rename = "postData", default, skip_serializing_if = "Option::is_none")]
    pub post_data: Option<PostData>,
    /// -1 when unknown.
    #[serde(rename = "headersSize", default = "unknown_size")]
    pub headers_size: i64,
    /// -1 when unknown.
    #[serde(rename = "bodySize", default = "unknown_size")]
    pub body_size: i64,
}

fn unknown_size() -> i64 {
    -1
}

/// `request.postData`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PostData {
    /// Media type of the body.
    #[serde(rename = "mimeType", default)]
    pub mime_type: String,
    /// The body text.
    #[serde(default)]
    pub text: String,
}

/// `response`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Response {
    /// HTTP status; 0 when no response was recorded.
    pub status: u16,
    /// Reason phrase.
    #[serde(rename = "statusText", default)]
    pub status_text: String,
    /// e.g. `HTTP/1.1`.
    #[serde(rename = "httpVersion", default)]
    pub http_version: String,
    /// Cookies (never read).
    #[serde(default)]
    pub cookies: Vec<serde_json::Value>,
    /// Headers.
    #[serde(default)]
    pub headers: Vec<NameValue>,
    /// The body.
    #[serde(default)]
    pub content: Content,
    /// `Location` of a redirect, or empty.
    #[serde(rename = "redirectURL", default)]
    pub redirect_url: String,
    /// -1 when unknown.
    #[serde(rename = "headersSize", default = "unknown_size")]
    pub headers_size: i64,
    /// -1 when unknown.
    #[serde(rename = "bodySize", default = "unknown_size")]
    pub body_size: i64,
}

/// `response.content`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Content {
    /// Length of the decoded body in bytes.
    #[serde(default)]
    pub size: i64,
    /// Media type.
    #[serde(rename = "mimeType", default)]
    pub mime_type: String,
    /// The body text (absent when the recorder dropped it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `base64` when `text` is encoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

impl Content {
    /// The body bytes: `text`, base64-decoded when `encoding` is `base64`.
    pub fn body(&self) -> Result<Vec<u8>, base64::DecodeError> {
        use base64::Engine as _;
        let text = self.text.as_deref().unwrap_or_default();
        match self.encoding.as_deref() {
            Some(e) if e.eq_ignore_ascii_case("base64") => {
                base64::engine::general_purpose::STANDARD.decode(text.trim())
            }
            _ => Ok(text.as_bytes().to_vec()),
        }
    }
}

/// A HAR file that could not be read, located for a one-line message.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not HAR JSON; `line:column` is where parsing stopped.
    #[error("{path}:{line}:{column}: not a HAR 1.2 file: {message}")]
    Json {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde's message, without its own location.
        message: String,
    },
}

/// Reads one HAR file.
pub fn read(path: &Path) -> Result<Har, ReadError> {
    let display = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|source| ReadError::Io { path: display.clone(), source })?;
    parse(&text, &display)
}

/// Parses HAR text; `display` names the file in errors.
pub fn parse(text: &str, display: &str) -> Result<Har, ReadError> {
    serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let message = full.split(" at line ").next().unwrap_or(&full).to_owned();
        ReadError::Json { path: display.to_owned(), line: e.line(), column: e.column(), message }
    })
}

/// Serializes a HAR document as pretty JSON with a trailing newline (the corpus format).
pub fn to_pretty_json(har: &Har) -> String {
    let mut text = serde_json::to_string_pretty(har).expect("HAR structs always serialize");
    text.push('\n');
    text
}

impl Entry {
    /// A JSON exchange: `request_body`/`response_body` are written compactly with the
    /// given media types. `status` 0 records "no response".
    pub fn json(
        method: &str,
        url: &str,
        request_body: Option<&serde_json::Value>,
        status: u16,
        response_body: Option<&serde_json::Value>,
    ) -> Self {
        let post_data =
            request_body.map(|b| PostData { mime_type: "application/json".to_owned(), text: b.to_string() });
        let text = response_body.map(serde_json::Value::to_string);
        let query_string = url
            .split_once('?')
            .map(|(_, q)| {
                q.split('&')
                    .filter_map(|pair| pair.split_once('='))
                    .map(|(n, v)| NameValue { name: n.to_owned(), value: v.to_owned() })
                    .collect()
            })
            .unwrap_or_default();
        Entry {
            started_date_time: "1970-01-01T00:00:00.000Z".to_owned(),
            time: 0.0,
            request: Request {
                method: method.to_owned(),
                url: url.to_owned(),
                http_version: "HTTP/1.1".to_owned(),
                cookies: Vec::new(),
                headers: Vec::new(),
                query_string,
                body_size: post_data.as_ref().map_or(0, |p| p.text.len() as i64),
                post_data,
                headers_size: -1,
            },
            response: Response {
                status,
                status_text: String::new(),
                http_version: if status == 0 { String::new() } else { "HTTP/1.1".to_owned() },
                cookies: Vec::new(),
                headers: Vec::new(),
                content: Content {
                    size: text.as_ref().map_or(0, |t| t.len() as i64),
                    mime_type: if text.is_some() {
                        crate::RESPONSE_MEDIA_TYPE.to_owned()
                    } else {
                        String::new()
                    },
                    text,
                    encoding: None,
                },
                redirect_url: String::new(),
                headers_size: -1,
                body_size: -1,
            },
            cache: serde_json::json!({}),
            timings: Timings::default(),
            comment: None,
            operation: None,
        }
    }
}

/// The value of a header (first match, case-insensitive).
pub fn header<'a>(headers: &'a [NameValue], name: &str) -> Option<&'a str> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_error_is_located() {
        let err = parse("{\n  \"log\": {\n    \"entries\": [1,]\n  }\n}", "x.har").expect_err("broken");
        let line = err.to_string();
        assert!(line.starts_with("x.har:3:"), "{line}");
        assert!(!line.contains('\n'), "{line}");
    }

    #[test]
    fn base64_content_is_decoded() {
        let content = Content {
            text: Some("eyJhIjoxfQ==".to_owned()),
            encoding: Some("base64".to_owned()),
            ..Content::default()
        };
        assert_eq!(content.body().expect("valid base64"), br#"{"a":1}"#);
    }

    #[test]
    fn custom_fields_survive_a_round_trip() {
        let text = r#"{"log":{"version":"1.2","creator":{"name":"t","version":"1"},
            "_source":{"kind":"real","origin":"acme sandbox"},
            "entries":[{"request":{"method":"GET","url":"https://h/x"},"response":{"status":200},"_operation":"op"}]}}"#;
        let har = parse(text, "t.har").expect("valid");
        assert_eq!(har.log.source.as_ref().map(|s| s.kind), Some(SourceKind::Real));
        let again = parse(&to_pretty_json(&har), "t.har").expect("round trip");
        assert_eq!(again.log.source, har.log.source);
        assert_eq!(again.log.entries[0].operation.as_deref(), Some("op"));
    }
}
