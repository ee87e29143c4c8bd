//! Reading a response body with a cap, enforced while streaming.
//!
//! A response carries its call's [`BodyLimit`] (an extension on the response) only when the
//! cap is not the default or its body was already buffered; decoding falls back to the
//! default, so the generated code never carries the cap. A body longer than the cap is never buffered whole: reading stops at the
//! first chunk past it, and a `Content-Length` above it fails before anything is read.

use std::ops::Deref;

use reqwest::ResponseBuilderExt;

/// The body cap of the call a response belongs to, attached by the `exec` hook.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BodyLimit {
    /// The cap in bytes.
    pub(crate) max_bytes: usize,
    /// Set when the retry layer already met a body over the cap; the body was dropped.
    pub(crate) exceeded: bool,
}

/// Why a body could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// More than the cap arrived (or was announced).
    TooLarge,
    /// The connection failed or timed out while reading.
    Transport(reqwest::Error),
}

/// A whole body: one chunk kept as it arrived (the common case, no copy), or several joined.
pub(crate) enum Body {
    One(bytes::Bytes),
    Joined(Vec<u8>),
}

impl Deref for Body {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Self::One(bytes) => bytes,
            Self::Joined(bytes) => bytes,
        }
    }
}

impl From<Body> for bytes::Bytes {
    fn from(body: Body) -> Self {
        match body {
            Body::One(bytes) => bytes,
            Body::Joined(bytes) => bytes.into(),
        }
    }
}

/// The cap of the call `response` belongs to (`fallback` when it carries none).
pub(crate) fn limit_of(response: &reqwest::Response, fallback: usize) -> BodyLimit {
    response
        .extensions()
        .get::<BodyLimit>()
        .copied()
        .unwrap_or(BodyLimit { max_bytes: fallback, exceeded: false })
}

/// Reads the whole body, failing as soon as it is longer than `max_bytes`.
pub(crate) async fn read_capped(
    response: &mut reqwest::Response,
    max_bytes: usize,
) -> Result<Body, ReadError> {
    if response.content_length().is_some_and(|announced| announced > max_bytes as u64) {
        return Err(ReadError::TooLarge);
    }
    let Some(first) = response.chunk().await.map_err(ReadError::Transport)? else {
        return Ok(Body::One(bytes::Bytes::new()));
    };
    if first.len() > max_bytes {
        return Err(ReadError::TooLarge);
    }
    let Some(second) = response.chunk().await.map_err(ReadError::Transport)? else {
        return Ok(Body::One(first));
    };
    let mut joined = Vec::with_capacity(first.len() + second.len());
    joined.extend_from_slice(&first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if joined.len() + chunk.len() > max_bytes {
            return Err(ReadError::TooLarge);
        }
        joined.extend_from_slice(&chunk);
        next = response.chunk().await.map_err(ReadError::Transport)?;
    }
    Ok(Body::Joined(joined))
}

/// Reads the whole body (at most `max_bytes`) and rebuilds an equivalent response around it,
/// for layers that must look at a body before decoding does (retries, recording). A body over
/// the cap is dropped and the rebuilt response marked, so decoding reports
/// `Error::BodyTooLarge` without reading again; the body is returned only when it fit.
pub(crate) async fn buffer(
    mut response: reqwest::Response,
    max_bytes: usize,
) -> reqwest::Result<(reqwest::Response, Option<bytes::Bytes>)> {
    let status = response.status();
    let version = response.version();
    let headers = std::mem::take(response.headers_mut());
    let (body, exceeded) = match read_capped(&mut response, max_bytes).await {
        Ok(body) => (bytes::Bytes::from(body), false),
        Err(ReadError::TooLarge) => (bytes::Bytes::new(), true),
        Err(ReadError::Transport(e)) => return Err(e),
    };
    // The URL (kept for redirect errors) can only be set through the builder, which cannot
    // fail with no other parts set; should it, only the URL is lost.
    let mut rebuilt = http::Response::builder()
        .url(response.url().clone())
        .body(body.clone())
        .unwrap_or_else(|_| http::Response::new(body.clone()));
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    rebuilt.extensions_mut().insert(BodyLimit { max_bytes, exceeded });
    Ok((reqwest::Response::from(rebuilt), (!exceeded).then_some(body)))
}
