//! One HTTP exchange as the engine reads it: what was sent and what came back, recorded
//! (a HAR entry) or live (a test's own request).

use std::fmt;

use serde::Serialize;

/// A header, query or path-parameter pair.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct NameValue {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

impl NameValue {
    /// A pair.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        NameValue { name: name.into(), value: value.into() }
    }
}

/// One request and, when one came, its response.
///
/// Its `Debug` shows no header value and no body (live traffic carries the API key and
/// card data): names, sizes and the status only.
#[derive(Clone, Default)]
pub struct Exchange {
    /// HTTP method, any case.
    pub method: String,
    /// The request URL: absolute (any base URL, which is ignored), or a bare path.
    pub url: String,
    /// Query pairs recorded beside the URL (HAR `queryString`), used only when the URL has
    /// no query of its own.
    pub recorded_query: Vec<NameValue>,
    /// Request headers; `Content-Type` says what the body is.
    pub request_headers: Vec<NameValue>,
    /// The request body; `None` or blank: no body.
    pub request_body: Option<Vec<u8>>,
    /// The response; `None` when none came (or none was recorded).
    pub response: Option<Response>,
}

/// A response. Its `Debug` shows header names and the body's size only.
#[derive(Clone, Default)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Response headers; `Content-Type` says what the body is.
    pub headers: Vec<NameValue>,
    /// The body, empty for none; `None` when a recorder dropped it (the status and headers
    /// are still checked, the body cannot be).
    pub body: Option<Vec<u8>>,
}

/// Header names only: values may be credentials.
fn header_names(headers: &[NameValue]) -> Vec<&str> {
    headers.iter().map(|h| h.name.as_str()).collect()
}

/// A body's size only: it may hold card data.
fn body_size(body: Option<&Vec<u8>>) -> String {
    body.map_or_else(|| "none".to_owned(), |b| format!("{} bytes", b.len()))
}

impl fmt::Debug for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exchange")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("recorded_query", &self.recorded_query.len())
            .field("request_headers", &header_names(&self.request_headers))
            .field("request_body", &body_size(self.request_body.as_ref()))
            .field("response", &self.response)
            .finish()
    }
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &header_names(&self.headers))
            .field("body", &body_size(self.body.as_ref()))
            .finish()
    }
}

impl Exchange {
    /// A request without body or headers.
    pub fn new(method: impl Into<String>, url: impl Into<String>) -> Self {
        Exchange { method: method.into(), url: url.into(), ..Exchange::default() }
    }

    /// With a request header.
    pub fn request_header(mut self, name: &str, value: &str) -> Self {
        self.request_headers.push(NameValue::new(name, value));
        self
    }

    /// With a request body and its `Content-Type`.
    pub fn request_body(self, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        let mut exchange = self.request_header("Content-Type", content_type);
        exchange.request_body = Some(body.into());
        exchange
    }

    /// With a response: `status`, `Content-Type` when given, and `body`.
    pub fn response(mut self, status: u16, content_type: Option<&str>, body: impl Into<Vec<u8>>) -> Self {
        let headers = content_type.map(|c| NameValue::new("Content-Type", c)).into_iter().collect();
        self.response = Some(Response { status, headers, body: Some(body.into()) });
        self
    }
}

/// The value of the first header named `name` (case-insensitive).
pub fn header<'h>(headers: &'h [NameValue], name: &str) -> Option<&'h str> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
}

/// How `x-sensitive` fields (card data) are judged, which depends on where the exchange
/// comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SensitiveFields<'m> {
    /// A recording: every `x-sensitive` field must carry this mask (the client's recorder
    /// writes `[redacted]`); any other value is a
    /// [`SensitiveFieldRecorded`](crate::FindingKind::SensitiveFieldRecorded) finding.
    MustBeMasked(&'m str),
    /// Live traffic (a test's own requests): `x-sensitive` fields carry real values, checked
    /// against their schemas like any other field.
    Carried,
}
