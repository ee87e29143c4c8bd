//! Which operation a recorded request is: method plus path template, matched against the
//! end of the URL's path so that any base URL (`https://acme.sandbox.azotte.com/api/v1`,
//! a proxy prefix) is ignored.
//!
//! The URL is read by the `url` crate (WHATWG URL rules, as reqwest reads it), never split
//! by hand: path segments are split on `/` first and percent-decoded after, so `trk%2F1` is
//! the one segment `trk/1`; the query is form-decoded (`query_pairs`: `%6E` is `n`, `+` is a
//! space). Checks see the decoded values.

use std::sync::LazyLock;

use percent_encoding::percent_decode_str;
use url::Url;

use crate::exchange::NameValue;
use crate::spec_model::{Spec, SpecOperation};

/// The origin a URL without one (a path, as hand-written HAR files sometimes record) is read
/// against. HAR 1.2 asks for absolute URLs; only the path and query of this one are used.
static PLACEHOLDER_BASE: LazyLock<Url> =
    LazyLock::new(|| Url::parse("http://recording.invalid/").expect("the placeholder base is a URL"));

/// Why a recorded URL cannot be matched to an operation.
#[derive(Debug, thiserror::Error)]
pub enum UrlError {
    /// The URL does not parse (a port out of range, an invalid host, ...).
    #[error("the URL does not parse: {0}")]
    Parse(#[from] url::ParseError),
    /// The URL has no path to match (`data:`, `mailto:`).
    #[error("the URL has no hierarchical path")]
    NoPath,
}

/// A recorded request URL, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedUrl {
    /// The path as recorded: percent-encoded, dot segments resolved.
    pub path: String,
    /// The non-empty path segments, each percent-decoded after splitting.
    pub segments: Vec<String>,
    /// The query pairs, form-decoded, in order; `None` when the URL has no query.
    pub query: Option<Vec<NameValue>>,
}

impl RecordedUrl {
    /// Parses `url`, absolute or (against a placeholder origin) a bare path.
    pub fn parse(url: &str) -> Result<Self, UrlError> {
        let url = Url::options().base_url(Some(&PLACEHOLDER_BASE)).parse(url)?;
        let segments = url
            .path_segments()
            .ok_or(UrlError::NoPath)?
            .filter(|s| !s.is_empty())
            .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        let query = url.query().is_some().then(|| {
            url.query_pairs()
                .map(|(name, value)| NameValue { name: name.into_owned(), value: value.into_owned() })
                .collect()
        });
        Ok(RecordedUrl { path: url.path().to_owned(), segments, query })
    }
}

/// An operation a recorded URL matched.
#[derive(Clone, Debug)]
pub struct Matched<'s> {
    /// The operation.
    pub operation: &'s SpecOperation,
    /// Each `{name}` of its template with the decoded segment it matched, in template order.
    pub path_parameters: Vec<NameValue>,
}

/// The operation whose template matches the end of the URL's path, for this method.
///
/// A template segment `{name}` matches any one non-empty segment. When several templates
/// match, the one with more literal segments wins (`/subscription/reactivate` before
/// `/subscription/{customerUrn}`).
pub fn match_operation<'s>(spec: &'s Spec, method: &str, url: &RecordedUrl) -> Option<Matched<'s>> {
    spec.operations()
        .iter()
        .filter(|op| op.method.eq_ignore_ascii_case(method))
        .filter_map(|op| {
            let (literals, path_parameters) = template_matches(&op.template, &url.segments)?;
            Some((literals, Matched { operation: op, path_parameters }))
        })
        .max_by_key(|(literals, _)| *literals)
        .map(|(_, matched)| matched)
}

/// How many literal segments of `template` match the tail of `segments` (decoded), and the
/// values of its parameters; `None` when it does not match.
fn template_matches(template: &str, segments: &[String]) -> Option<(usize, Vec<NameValue>)> {
    // The template is the spec's text (`/c2a/offer/checkout/{trackingId}/status`), not a URL.
    let parts: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    let tail = segments.get(segments.len().checked_sub(parts.len())?..)?;
    let mut literals = 0;
    let mut parameters = Vec::new();
    for (part, segment) in parts.iter().zip(tail) {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => {
                parameters.push(NameValue { name: name.to_owned(), value: segment.clone() });
            }
            None if part == segment => literals += 1,
            None => return None,
        }
    }
    Some((literals, parameters))
}

/// The query a check sees: the URL's own, form-decoded, or else the HAR `queryString` as
/// recorded.
///
/// The URL comes first: it is what was sent, while recorders differ on `queryString` (some
/// keep it percent-encoded, some decode it).
pub fn recorded_query<'e>(url: &'e RecordedUrl, query_string: &'e [NameValue]) -> &'e [NameValue] {
    url.query.as_deref().unwrap_or(query_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> Spec {
        Spec::from_value(json!({"paths": {
            "/c2a/customer/store": {"post": {"operationId": "store"}},
            "/c2a/subscription/{customerUrn}": {"get": {"operationId": "list"}},
            "/c2a/subscription/reactivate": {"post": {"operationId": "reactivate"}},
            "/c2a/offer/checkout/{trackingId}/status": {"get": {"operationId": "status"}}
        }}))
    }

    fn matched<'s>(spec: &'s Spec, method: &str, url: &str) -> Option<Matched<'s>> {
        match_operation(spec, method, &RecordedUrl::parse(url).expect("parses"))
    }

    fn id(method: &str, url: &str) -> Option<String> {
        matched(&spec(), method, url).map(|m| m.operation.id.clone())
    }

    fn pair(name: &str, value: &str) -> NameValue {
        NameValue { name: name.to_owned(), value: value.to_owned() }
    }

    #[test]
    fn base_url_prefix_is_ignored() {
        assert_eq!(
            id("POST", "https://acme.sandbox.azotte.com/api/v1/c2a/customer/store").as_deref(),
            Some("store")
        );
        assert_eq!(id("post", "http://127.0.0.1:8080/c2a/customer/store?x=1").as_deref(), Some("store"));
        assert_eq!(id("GET", "https://h/api/v1/c2a/offer/checkout/trk_1/status").as_deref(), Some("status"));
        assert_eq!(id("GET", "https://h/api/v1/c2a/subscription/cu.00.482").as_deref(), Some("list"));
        assert_eq!(id("POST", "https://h/api/v1/c2a/subscription/reactivate").as_deref(), Some("reactivate"));
        assert_eq!(id("POST", "/api/v1/c2a/customer/store").as_deref(), Some("store"), "a bare path");
        assert_eq!(id("POST", "https://h//c2a//customer/store/").as_deref(), Some("store"), "empty segments");
    }

    #[test]
    fn other_paths_and_methods_do_not_match() {
        assert!(id("GET", "https://h/api/v1/c2a/customer/store").is_none());
        assert!(id("POST", "https://cdn.example/app.js").is_none());
        assert!(id("POST", "https://h/c2a/customer/store/extra").is_none());
        assert!(id("POST", "https://h/store").is_none(), "shorter than the template");
    }

    #[test]
    fn path_parameters_are_decoded_segments() {
        let spec = spec();
        let m = matched(&spec, "GET", "https://h/api/v1/c2a/offer/checkout/trk%2F1/status").expect("status");
        assert_eq!(m.path_parameters, [pair("trackingId", "trk/1")]);
        let m = matched(&spec, "GET", "https://h/c2a/subscription/cu%2E00").expect("list");
        assert_eq!(m.path_parameters, [pair("customerUrn", "cu.00")]);
        // `+` is literal in a path; invalid UTF-8 is replaced, not a panic.
        let m = matched(&spec, "GET", "https://h/c2a/subscription/cu+1%FF").expect("list");
        assert_eq!(m.path_parameters, [pair("customerUrn", "cu+1\u{FFFD}")]);
        // A literal segment matches its encoded form; `reactivate` still beats `{customerUrn}`.
        let m = matched(&spec, "POST", "https://h/c2a/subscription/re%61ctivate").expect("reactivate");
        assert_eq!((m.operation.id.as_str(), m.path_parameters.len()), ("reactivate", 0));
    }

    #[test]
    fn segments_are_split_before_they_are_decoded() {
        let url = RecordedUrl::parse("https://h/a/trk%2F1/./b/../c%20d?").expect("parses");
        assert_eq!(url.segments, ["a", "trk/1", "c d"]);
        assert_eq!(url.path, "/a/trk%2F1/c%20d");
        assert_eq!(url.query, Some(Vec::new()), "an empty query is a query");
    }

    #[test]
    fn the_query_is_form_decoded() {
        let url = RecordedUrl::parse("https://h/x?ur%6E=cu.1&exId=crm%2D9981273&q=a+b%2Bc&flag&=v#frag")
            .expect("parses");
        let pairs = url.query.expect("a query");
        assert_eq!(
            pairs,
            [
                pair("urn", "cu.1"),
                pair("exId", "crm-9981273"),
                pair("q", "a b+c"),
                pair("flag", ""),
                pair("", "v")
            ]
        );
        assert_eq!(RecordedUrl::parse("https://h/x#a?b=c").expect("parses").query, None, "in the fragment");
    }

    #[test]
    fn the_url_query_comes_before_the_har_query_string() {
        let recorded = [pair("ur%6E", "cu.1")];
        let url = RecordedUrl::parse("https://h/x?ur%6E=cu.1").expect("parses");
        assert_eq!(recorded_query(&url, &recorded), [pair("urn", "cu.1")]);
        let url = RecordedUrl::parse("https://h/x").expect("parses");
        assert_eq!(recorded_query(&url, &recorded), recorded, "no query in the URL");
    }

    #[test]
    fn a_url_that_does_not_parse_is_an_error() {
        for url in ["https://h:99999/c2a/customer/store", "https://[::1/c2a", "https://a b/c2a", "http://"] {
            assert!(matches!(RecordedUrl::parse(url), Err(UrlError::Parse(_))), "{url}");
        }
        assert!(matches!(RecordedUrl::parse("data:text/plain,/c2a/customer/store"), Err(UrlError::NoPath)));
    }
}
