//! A decoded response with its HTTP details, for callers that need more than the payload.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The payload of a successful call, with the HTTP status, headers and envelope status.
///
/// `send()` returns only the payload; `send_with_response()` returns this. `C` is the API's
/// message codes; the generated code names this type for its API as `Response<T>`.
#[derive(Debug)]
pub struct Response<T, C> {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) message_code: C,
    pub(crate) message: Option<String>,
    pub(crate) payload: T,
}

impl<T, C> Response<T, C> {
    /// HTTP status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Response headers (e.g. `Retry-After`).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The success code of the envelope (`SUCCESS`, `CHECK_OUT_PROCESSING`, ...).
    pub fn message_code(&self) -> &C {
        &self.message_code
    }

    /// The envelope's optional message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The payload.
    pub fn payload(&self) -> &T {
        &self.payload
    }

    /// The payload, dropping the rest.
    pub fn into_payload(self) -> T {
        self.payload
    }
}
