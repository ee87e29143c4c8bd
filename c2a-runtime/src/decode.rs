//! From an HTTP response to a payload or one precise [`Error`].
//!
//! `status.messageCode` is the source of truth: a success code of the operation gives the
//! payload whatever the HTTP status, any other code an [`Error::Api`]. Bodies that are not
//! an envelope get their own variants: 401/403 without envelope, non-JSON (an HTML page
//! from a proxy), malformed or truncated JSON, and JSON of the wrong shape.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION};

use crate::body::{ReadError, limit_of, read_capped};
use serde_path_to_error::Segment;

use crate::envelope::{CallResult, Code, CodeOf, Envelope, Status, StatusOnly};
use crate::operation::Operation;
use crate::options::DEFAULT_MAX_BODY_BYTES;
use crate::spec_index::{Step, locate};
use crate::{Error, Response};

/// How much of an undecodable body an error keeps, for debugging.
const SNIPPET_BYTES: usize = 256;

/// Reads the body (within the call's cap) and decodes it as the operation's envelope `E`.
pub(crate) async fn decode<E: Envelope>(
    op: &'static Operation,
    mut response: reqwest::Response,
) -> CallResult<E> {
    let status = response.status();
    if status.is_redirection() {
        return Err(redirect(op, &response));
    }
    let limit = limit_of(&response, DEFAULT_MAX_BODY_BYTES);
    let too_large = || Error::BodyTooLarge { operation: op.id, status, limit: limit.max_bytes };
    if limit.exceeded {
        return Err(too_large());
    }
    let headers = std::mem::take(response.headers_mut());
    let body = match read_capped(&mut response, limit.max_bytes).await {
        Ok(body) => body,
        Err(ReadError::TooLarge) => return Err(too_large()),
        Err(ReadError::Transport(source)) => return Err(Error::Transport { operation: op.id, source }),
    };
    decode_body::<E>(op, status, headers, &body)
}

/// Decodes a complete body (separate from I/O so it can be tested and benchmarked alone).
///
/// Public, hidden, for the generated `operations::decode` and the decoding benchmark
/// (`c2a-bench`); it is not part of the supported API.
pub fn decode_body<E: Envelope>(
    op: &'static Operation,
    status: StatusCode,
    headers: HeaderMap,
    body: &[u8],
) -> CallResult<E> {
    let operation = op.id;
    // Borrowed: the content type is copied only into an error.
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let declared_json = content_type.is_some_and(is_json);
    let unauthorized = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN);

    if unauthorized && serde_json::from_slice::<StatusOnly<E::Status>>(body).is_err() {
        return Err(Error::Unauthorized { operation, status });
    }
    if !declared_json && (body.is_empty() || content_type.is_some()) {
        let content_type = content_type.map(str::to_owned);
        return Err(Error::NonJson { operation, status, content_type, snippet: snippet(op, body) });
    }
    match serde_json::from_slice::<E>(body) {
        Ok(envelope) => {
            let code = envelope.status().message_code().clone();
            if crate::drift::enabled() {
                let unknown = (!code.is_listed()).then(|| code.as_str());
                crate::drift::report(op.api, operation, E::SCHEMA, body, unknown);
            }
            let success = op.is_success(code.as_str());
            let message = envelope.status().message().map(str::to_owned);
            if !success {
                return Err(Error::Api { operation, status, code, message });
            }
            match envelope.into_payload() {
                Some(payload) => Ok(Response { status, headers, message_code: code, message, payload }),
                None => Err(Error::MissingPayload { operation, status, code }),
            }
        }
        Err(source) if source.is_syntax() || source.is_eof() => {
            Err(Error::MalformedJson { operation, status, source, snippet: snippet(op, body) })
        }
        // Valid JSON, but not this operation's payload shape: an error envelope carries only
        // `status` (e.g. a 404 `ORDERED_ITEM_NOT_FOUND` where success is a `CheckoutResult`).
        Err(source) => match serde_json::from_slice::<StatusOnly<E::Status>>(body) {
            Ok(StatusOnly { status: envelope }) if !op.is_success(envelope.message_code().as_str()) => {
                let (code, message) = envelope.into_parts();
                Err(Error::Api { operation, status, code, message })
            }
            _ => Err(unexpected_shape::<E>(op, status, body, source)),
        },
    }
}

/// `Error::UnexpectedShape` with the JSON path and the spec element: the body is decoded a
/// second time, tracking the path (only on this failure path, so success costs nothing).
fn unexpected_shape<E: Envelope>(
    op: &'static Operation,
    status: StatusCode,
    body: &[u8],
    first: serde_json::Error,
) -> Error<CodeOf<E>> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let Err(tracked) = serde_path_to_error::deserialize::<_, E>(&mut deserializer) else {
        return Error::UnexpectedShape {
            operation: op.id,
            status,
            path: String::new(),
            spec: None,
            source: first,
        };
    };
    let steps: Vec<Step<'_>> = tracked
        .path()
        .iter()
        .filter_map(|segment| match segment {
            Segment::Map { key } => Some(Step::Field(key.as_str())),
            Segment::Seq { .. } => Some(Step::Index),
            _ => None,
        })
        .collect();
    let message = tracked.inner().to_string();
    let missing = message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next());
    let spec = locate(op.api, E::SCHEMA, steps, missing);
    let path = match tracked.path().to_string() {
        top if top == "." => String::new(),
        path => path,
    };
    Error::UnexpectedShape { operation: op.id, status, path, spec, source: tracked.into_inner() }
}

/// The error for a 3xx: the client's redirect policy follows none (see `ClientBuilder`).
fn redirect<C>(op: &'static Operation, response: &reqwest::Response) -> Error<C> {
    let location = response
        .headers()
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| response.url().join(value).ok())
        .and_then(|url| {
            let host = url.host_str()?.to_owned();
            Some(match url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host,
            })
        });
    Error::Redirect { operation: op.id, status: response.status(), location }
}

/// `application/json` or a `+json` vendor type such as `application/clientOutput+Json`.
///
/// On bytes, with a `memchr` search for the parameters: this runs on every response.
fn is_json(content_type: &str) -> bool {
    // The exact forms servers send (the C2A vendor type, plain JSON) need one comparison.
    if matches!(content_type, "application/clientOutput+Json" | "application/json") {
        return true;
    }
    let essence = match content_type.find(';') {
        Some(end) => &content_type[..end],
        None => content_type,
    }
    .trim_ascii()
    .as_bytes();
    const KIND: &[u8] = b"application/";
    let Some(subtype) = essence.get(KIND.len()..) else { return false };
    let tail = subtype.len().saturating_sub(b"+json".len());
    essence[..KIND.len()].eq_ignore_ascii_case(KIND)
        && (subtype.eq_ignore_ascii_case(b"json")
            || subtype.len() >= b"+json".len() && subtype[tail..].eq_ignore_ascii_case(b"+json"))
}

/// The start of an undecodable body, for the error (and so for logs and `Debug`): withheld
/// when it names an `x-sensitive` field of the API, whose value it would quote unmasked (a
/// body that does not parse cannot be masked field by field, as the recorder masks).
fn snippet(op: &Operation, body: &[u8]) -> String {
    let end = body.len().min(SNIPPET_BYTES);
    let start = String::from_utf8_lossy(&body[..end]);
    // A value in the snippet has its key before it, so the snippet alone is searched.
    if op.api.sensitive_fields.iter().any(|name| names_key(&start, name)) {
        return format!("[withheld: the first {end} bytes name an x-sensitive field]");
    }
    start.into_owned()
}

/// Whether `text` has `name` as a quoted JSON key or string (`"cardNumber"`).
fn names_key(text: &str, name: &str) -> bool {
    text.match_indices(name)
        .any(|(at, _)| text[..at].ends_with('"') && text[at + name.len()..].starts_with('"'))
}

#[cfg(test)]
mod tests {
    use super::{is_json, names_key};

    #[test]
    fn quoted_keys_only() {
        assert!(names_key(r#"{"result":{"cardNumber":"4111"#, "cardNumber"));
        assert!(!names_key(r#"{"CNY":1,"CNAME":"x"}"#, "CN"));
        assert!(!names_key("<h1>cardNumber</h1>", "cardNumber"));
    }

    #[test]
    fn json_content_types() {
        for yes in [
            "application/json",
            "Application/JSON; charset=utf-8",
            " application/clientOutput+Json ",
            "application/problem+json;q=1",
        ] {
            assert!(is_json(yes), "{yes}");
        }
        for no in
            ["text/html", "application/jsonx", "text/json", "application/xml", "json", "", "application/"]
        {
            assert!(!is_json(no), "{no}");
        }
    }
}
