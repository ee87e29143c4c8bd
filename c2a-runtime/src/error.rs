//! Everything a call can fail with, each class its own variant with the operation id.

use reqwest::StatusCode;

/// A failed call. Every variant names the operation (its `operationId`).
///
/// `C` is the API's message codes (the generated `types::MessageCode`); the generated code
/// names this type for its API as `Error`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<C> {
    /// The server answered with an envelope whose `messageCode` is not a success code of the
    /// operation. `status.messageCode` is the source of truth, whatever the HTTP status.
    #[error("{operation}: {code} (HTTP {status}){}", .message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    Api {
        /// The operation.
        operation: &'static str,
        /// HTTP status of the response.
        status: StatusCode,
        /// The envelope's code; the catch-all variant for a code the spec does not list.
        code: C,
        /// The envelope's optional message.
        message: Option<String>,
    },
    /// 401/403 without an envelope: the API key or tenant was rejected.
    #[error("{operation}: credentials rejected (HTTP {status})")]
    Unauthorized {
        /// The operation.
        operation: &'static str,
        /// 401 or 403.
        status: StatusCode,
    },
    /// The body is not JSON (an HTML error page from a proxy, an empty body).
    #[error("{operation}: HTTP {status} with a non-JSON body ({}): {snippet:?}", .content_type.as_deref().unwrap_or("no content type"))]
    NonJson {
        /// The operation.
        operation: &'static str,
        /// HTTP status.
        status: StatusCode,
        /// The `Content-Type` header, if any.
        content_type: Option<String>,
        /// The start of the body, for debugging.
        snippet: String,
    },
    /// The body claims to be JSON but is malformed or truncated.
    #[error("{operation}: HTTP {status}: malformed JSON: {source}")]
    MalformedJson {
        /// The operation.
        operation: &'static str,
        /// HTTP status.
        status: StatusCode,
        /// Where parsing stopped.
        source: serde_json::Error,
        /// The start of the body, for debugging.
        snippet: String,
    },
    /// Valid JSON that is not the operation's envelope (wrong types, missing fields).
    #[error(
        "{operation}: HTTP {status}: body does not match the spec at {}: {source}{}",
        if .path.is_empty() { "the top level" } else { .path.as_str() },
        .spec.as_ref().map(|s| format!(" [spec: {s}]")).unwrap_or_default()
    )]
    UnexpectedShape {
        /// The operation.
        operation: &'static str,
        /// HTTP status.
        status: StatusCode,
        /// The JSON path of the value that did not fit (`result.artifactGroups[0]`); empty
        /// for the top level.
        path: String,
        /// The spec element it is about (the missing or mistyped field, else the schema),
        /// with its provenance: an `inferred` or `sample` element is where the spec may be
        /// wrong.
        spec: Option<crate::SpecLocation>,
        /// What did not match.
        source: serde_json::Error,
    },
    /// A success code, but a `GeneralResponse` without its `result`.
    #[error("{operation}: {code} but the response has no result")]
    MissingPayload {
        /// The operation.
        operation: &'static str,
        /// HTTP status.
        status: StatusCode,
        /// The success code.
        code: C,
    },
    /// The server answered with a redirect (3xx). The client never follows redirects, so
    /// the API key, the tenant id and the request body cannot reach another origin.
    #[error("{operation}: HTTP {status} redirect to {} not followed", .location.as_deref().unwrap_or("no location"))]
    Redirect {
        /// The operation.
        operation: &'static str,
        /// The 3xx status.
        status: StatusCode,
        /// Host (and port, when given) of the `Location` header, resolved against the
        /// request URL; never its path or query.
        location: Option<String>,
    },
    /// The response body is longer than the call's cap (`ClientBuilder::max_body_bytes`);
    /// reading stopped at the cap.
    #[error("{operation}: HTTP {status}: response body larger than the {limit}-byte limit")]
    BodyTooLarge {
        /// The operation.
        operation: &'static str,
        /// HTTP status.
        status: StatusCode,
        /// The cap in bytes.
        limit: usize,
    },
    /// Connecting, sending or reading failed (including timeouts).
    #[error("{operation}: {source}")]
    Transport {
        /// The operation.
        operation: &'static str,
        /// The underlying error; `source.is_timeout()` tells timeouts apart.
        source: reqwest::Error,
    },
    /// The request could not be built (a required field missing, an invalid value).
    #[error("{operation}: invalid request: {message}")]
    InvalidRequest {
        /// The operation.
        operation: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl<C> Error<C> {
    /// The operation that failed.
    pub fn operation(&self) -> &'static str {
        match self {
            Self::Api { operation, .. }
            | Self::Unauthorized { operation, .. }
            | Self::NonJson { operation, .. }
            | Self::MalformedJson { operation, .. }
            | Self::UnexpectedShape { operation, .. }
            | Self::MissingPayload { operation, .. }
            | Self::Redirect { operation, .. }
            | Self::BodyTooLarge { operation, .. }
            | Self::Transport { operation, .. }
            | Self::InvalidRequest { operation, .. } => operation,
        }
    }

    /// The envelope's message code, when the server sent one.
    pub fn message_code(&self) -> Option<&C> {
        match self {
            Self::Api { code, .. } | Self::MissingPayload { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api { status, .. }
            | Self::Unauthorized { status, .. }
            | Self::NonJson { status, .. }
            | Self::MalformedJson { status, .. }
            | Self::UnexpectedShape { status, .. }
            | Self::MissingPayload { status, .. }
            | Self::Redirect { status, .. }
            | Self::BodyTooLarge { status, .. } => Some(*status),
            Self::Transport { source, .. } => source.status(),
            Self::InvalidRequest { .. } => None,
        }
    }
}
