//! The generated client's verdict on a recorded response, through its real decode path
//! (`c2a_client::operations::decode`, the same code `send()` runs on a live response).

use c2a_client::Error;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use crate::har::NameValue;
use crate::report::Decode;

/// Decodes `body` as the response of `operation_id` with `status` and `headers`.
///
/// `content_type` (HAR's `content.mimeType`) is used when the headers carry none, as in
/// docs samples that only show the body. A typed API error (`Error::Api`) and a bodyless
/// `Error::Unauthorized` count as decoded: the client understood the response. So does its
/// error for an empty body when `bodyless` (the spec declares no body for this status, as
/// for a 429): the caller gets the status, which is all such an answer says.
pub fn decode(
    operation_id: &str,
    status: u16,
    headers: &[NameValue],
    content_type: &str,
    body: &[u8],
    bodyless: bool,
) -> Decode {
    let Ok(status) = StatusCode::from_u16(status) else {
        return Decode::NotRun(format!("HTTP status {status} is not valid"));
    };
    let mut map = HeaderMap::new();
    for header in headers {
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(header.name.as_bytes()), HeaderValue::from_str(&header.value))
        {
            map.append(name, value);
        }
    }
    if !map.contains_key(CONTENT_TYPE)
        && !content_type.is_empty()
        && let Ok(value) = HeaderValue::from_str(content_type)
    {
        map.insert(CONTENT_TYPE, value);
    }
    match c2a_client::operations::decode(operation_id, status, map, body) {
        None => Decode::NotRun(format!("`{operation_id}` is not an operation of the generated client")),
        Some(Ok(())) => Decode::Decoded("payload".to_owned()),
        Some(Err(Error::Api { code, .. })) => Decode::Decoded(format!("API error {code}")),
        Some(Err(Error::Unauthorized { .. })) => Decode::Decoded("credentials rejected".to_owned()),
        Some(Err(Error::NonJson { status, .. })) if bodyless && body.is_empty() => {
            Decode::Decoded(format!("HTTP {} without a body, as declared", status.as_u16()))
        }
        Some(Err(other)) => Decode::Failed(other.to_string()),
    }
}
