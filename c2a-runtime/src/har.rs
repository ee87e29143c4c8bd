//! HAR 1.2, the format of recorded traffic: what `ClientBuilder::record_to` writes and what
//! `cargo xtask verify` (crate `c2a-verify`) reads, one model for both.
//!
//! Our own structs rather than the `har` crate: HAR 1.2 allows custom fields only with a
//! leading underscore, `har` 0.9 has no place for them, and the corpus states where each
//! recording came from in `log._source` (and each entry's operation in `_operation`, its
//! attempt of a retried call in `_attempt`), which must survive a read-modify-write. These
//! structs hold exactly the HAR 1.2 fields the project writes and reads; reading is lenient
//! (real exports omit optional fields) and unknown fields are ignored. (`har` also brought
//! `serde_with` and `darling` into every build of the client.)

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

/// The kinds of recordings (`log._source.kind`), also what
/// [`ClientBuilder::recorded_from`](crate::ClientBuilder::recorded_from) labels recordings with.
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
    /// Which attempt of its call this exchange is, from 1 (custom field): the recorder writes
    /// one entry per attempt of a retried call, in order, and every one is evidence.
    #[serde(rename = "_attempt", default, skip_serializing_if = "Option::is_none")]
    pub attempt: Option<u32>,
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
    /// The body text (empty when it was not recorded; `comment` says why).
    #[serde(default)]
    pub text: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
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
    /// Free text (the recorder says here why a body is missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Serializes a HAR document as pretty JSON with a trailing newline (the corpus format).
///
/// # Errors
/// Only if serde_json refuses a value; the recorder reports it instead of panicking in a call.
pub fn to_pretty_json(har: &Har) -> serde_json::Result<String> {
    let mut text = serde_json::to_string_pretty(har)?;
    text.push('\n');
    Ok(text)
}

/// The value of a header (first match, case-insensitive).
pub fn header<'a>(headers: &'a [NameValue], name: &str) -> Option<&'a str> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
}
