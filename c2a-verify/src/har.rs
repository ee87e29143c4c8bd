//! Reading HAR files: the model is the client's (`c2a_client::runtime::har`, what its
//! recorder writes), re-exported here with what `verify` adds: located read errors, base64
//! bodies, and a builder of JSON exchanges for tests and the docs corpus.

use std::path::Path;

pub use c2a_client::runtime::har::*;

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
    /// The file is larger than [`MAX_HAR_BYTES`]; it is not read.
    #[error("{path}: {size} bytes, over the {max} a recording may have")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
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

/// The largest HAR file `verify` reads (a recorded call holds at most a few attempts, each
/// body within the client's 8 MiB cap); a larger file is refused before it is read.
pub const MAX_HAR_BYTES: u64 = 64 * 1024 * 1024;

/// Reads one HAR file (at most [`MAX_HAR_BYTES`]).
pub fn read(path: &Path) -> Result<Har, ReadError> {
    read_capped(path, MAX_HAR_BYTES)
}

fn read_capped(path: &Path, max: u64) -> Result<Har, ReadError> {
    let display = path.display().to_string();
    let io = |source| ReadError::Io { path: display.clone(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > max {
        return Err(ReadError::TooLarge { path: display, size, max });
    }
    let text = std::fs::read_to_string(path).map_err(io)?;
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

/// The body bytes of `content`: `text`, base64-decoded when `encoding` is `base64`.
pub fn content_body(content: &Content) -> Result<Vec<u8>, base64::DecodeError> {
    use base64::Engine as _;
    let text = content.text.as_deref().unwrap_or_default();
    match content.encoding.as_deref() {
        Some(e) if e.eq_ignore_ascii_case("base64") => {
            base64::engine::general_purpose::STANDARD.decode(text.trim())
        }
        _ => Ok(text.as_bytes().to_vec()),
    }
}

/// A JSON exchange: `request_body`/`response_body` are written compactly with the
/// given media types. `status` 0 records "no response". `queryString` is the URL's query,
/// form-decoded.
pub fn json_entry(
    method: &str,
    url: &str,
    request_body: Option<&serde_json::Value>,
    status: u16,
    response_body: Option<&serde_json::Value>,
) -> Entry {
    let post_data = request_body.map(|b| PostData {
        mime_type: "application/json".to_owned(),
        text: b.to_string(),
        comment: None,
    });
    let text = response_body.map(serde_json::Value::to_string);
    // Decoded, as the client's recorder writes it (`query_pairs`).
    let query_string = c2a_conformance::matching::RecordedUrl::parse(url)
        .ok()
        .and_then(|u| u.query)
        .unwrap_or_default()
        .into_iter()
        .map(|q| NameValue { name: q.name, value: q.value })
        .collect();
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
                    c2a_conformance::RESPONSE_MEDIA_TYPE.to_owned()
                } else {
                    String::new()
                },
                text,
                encoding: None,
                comment: None,
            },
            redirect_url: String::new(),
            headers_size: -1,
            body_size: -1,
        },
        cache: serde_json::json!({}),
        timings: Timings::default(),
        comment: None,
        operation: None,
        attempt: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_unread() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("big.har");
        std::fs::write(&path, vec![b' '; 2048]).expect("write");
        let err = read_capped(&path, 1024).expect_err("too large");
        assert!(matches!(err, ReadError::TooLarge { size: 2048, max: 1024, .. }), "{err}");
        assert!(err.to_string().ends_with("2048 bytes, over the 1024 a recording may have"), "{err}");
    }

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
        assert_eq!(content_body(&content).expect("valid base64"), br#"{"a":1}"#);
    }

    #[test]
    fn json_entry_query_string_is_the_decoded_query() {
        let pairs = |url: &str| -> Vec<(String, String)> {
            let entry = json_entry("GET", url, None, 0, None);
            entry.request.query_string.into_iter().map(|q| (q.name, q.value)).collect()
        };
        let pair = |n: &str, v: &str| (n.to_owned(), v.to_owned());
        assert_eq!(pairs("https://h/x?ur%6E=a+b%2Bc&flag"), [pair("urn", "a b+c"), pair("flag", "")]);
        assert_eq!(pairs("https://h/x"), []);
        assert_eq!(pairs("https://h:99999/x?a=1"), [], "a URL that does not parse has no query");
    }

    #[test]
    fn custom_fields_survive_a_round_trip() {
        let text = r#"{"log":{"version":"1.2","creator":{"name":"t","version":"1"},
            "_source":{"kind":"real","origin":"acme sandbox"},
            "entries":[{"request":{"method":"GET","url":"https://h/x"},"response":{"status":200},"_operation":"op","_attempt":2}]}}"#;
        let har = parse(text, "t.har").expect("valid");
        assert_eq!(har.log.source.as_ref().map(|s| s.kind), Some(SourceKind::Real));
        let again = parse(&to_pretty_json(&har).expect("serializes"), "t.har").expect("round trip");
        assert_eq!(again.log.source, har.log.source);
        assert_eq!(again.log.entries[0].operation.as_deref(), Some("op"));
        assert_eq!(again.log.entries[0].attempt, Some(2));
    }
}
