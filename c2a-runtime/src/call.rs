//! One call: a tracing span around sending (with retries) and decoding.

use std::future::Future;
use std::time::Instant;

use futures_util::future::Either;
use tracing::Instrument;
use tracing::field::Empty;

use crate::decode::decode;
use crate::envelope::{CallResult, Code, Envelope};
use crate::operation::Operation;
use crate::{Error, Response};

/// Sends a request built by the generated code and decodes the operation's envelope `E`.
///
/// `raw` is the generated `send_raw()`; retries happen inside it (progenitor's `exec` hook).
/// The span `c2a.call` records the operation id, method, path template, attempt, HTTP
/// status, message code, error class and duration: never headers or bodies.
///
/// With no subscriber interested in the span, the call runs bare: no span to enter and
/// leave on every poll, no clock read (tracing's global level and the callsite's cached
/// interest decide).
///
/// Not an `async fn`: the request future is boxed before anything else, so the future this
/// returns (and those of the generated `send` and `send_with_response` around it) holds a
/// pointer to it instead of embedding it and moving its ~1.3 KB through every layer.
pub fn call<E: Envelope, X>(
    op: &'static Operation,
    raw: impl Future<Output = Result<reqwest::Response, progenitor_client::Error<X>>>,
) -> impl Future<Output = CallResult<E>> {
    let raw = Box::pin(raw);
    // The global level check first: with no subscriber at all, not even a disabled span is
    // made (with tracing's `log` feature on, that would still record its fields).
    let span = if tracing::level_enabled!(tracing::Level::INFO) {
        tracing::info_span!(
            "c2a.call",
            operation = op.id,
            method = op.method,
            path = op.path,
            attempt = 1,
            status = Empty,
            message_code = Empty,
            error = Empty,
            duration_ms = Empty,
        )
    } else {
        tracing::Span::none()
    };
    let traced = !span.is_disabled();
    let started = traced.then(Instant::now);
    let call = async move {
        let result = match raw.await {
            Ok(response) => decode::<E>(op, response).await,
            Err(e) => Err(from_progenitor(op, e)),
        };
        if let Some(started) = started {
            record(op, &result, started);
        }
        result
    };
    if traced { Either::Left(call.instrument(span)) } else { Either::Right(call) }
}

/// The outcome of a call, on its (current) span.
fn record<T, C: Code>(op: &'static Operation, result: &Result<Response<T, C>, Error<C>>, started: Instant) {
    let span = tracing::Span::current();
    span.record("duration_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
    match result {
        Ok(response) => {
            span.record("status", response.status().as_u16());
            span.record("message_code", response.message_code().as_str());
        }
        Err(e) => {
            if let Some(status) = e.status() {
                span.record("status", status.as_u16());
            }
            if let Some(code) = e.message_code() {
                span.record("message_code", code.as_str());
            }
            span.record("error", error_class(e));
            tracing::debug!(operation = op.id, error = error_class(e), "c2a call failed");
        }
    }
}

/// Errors from the generated request building and sending (never from the response: the
/// generated `send_raw` hands every response back untouched).
fn from_progenitor<X, C>(op: &'static Operation, error: progenitor_client::Error<X>) -> Error<C> {
    use progenitor_client::Error as P;
    let operation = op.id;
    match error {
        P::CommunicationError(source) | P::ResponseBodyError(source) | P::InvalidUpgrade(source) => {
            Error::Transport { operation, source }
        }
        P::InvalidRequest(message) | P::Custom(message) => Error::InvalidRequest { operation, message },
        P::ErrorResponse(response) => Error::InvalidRequest {
            operation,
            message: format!("unexpected typed response ({})", response.status()),
        },
        P::InvalidResponsePayload(_, source) => {
            Error::InvalidRequest { operation, message: format!("unexpected payload error: {source}") }
        }
        P::UnexpectedResponse(response) => Error::InvalidRequest {
            operation,
            message: format!("unexpected response ({})", response.status()),
        },
    }
}

fn error_class<C>(error: &Error<C>) -> &'static str {
    match error {
        Error::Api { .. } => "api",
        Error::Unauthorized { .. } => "unauthorized",
        Error::NonJson { .. } => "non_json",
        Error::MalformedJson { .. } => "malformed_json",
        Error::UnexpectedShape { .. } => "unexpected_shape",
        Error::MissingPayload { .. } => "missing_payload",
        Error::Redirect { .. } => "redirect",
        Error::BodyTooLarge { .. } => "body_too_large",
        Error::Transport { .. } => "transport",
        Error::InvalidRequest { .. } => "invalid_request",
    }
}
