//! Which operation a recorded request is: method plus path template, matched against the
//! end of the URL's path so that any base URL (`https://acme.sandbox.azotte.com/api/v1`,
//! a proxy prefix) is ignored.

use crate::spec_model::{Spec, SpecOperation};

/// The path of a URL: no scheme, host, query or fragment.
pub fn url_path(url: &str) -> &str {
    let without_fragment = url.split('#').next().unwrap_or(url);
    let without_query = without_fragment.split('?').next().unwrap_or(without_fragment);
    match without_query.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => without_query,
    }
}

/// The operation whose template matches the end of the URL's path, for this method.
///
/// A template segment `{name}` matches any one non-empty segment. When several templates
/// match, the one with more literal segments wins (`/subscription/reactivate` before
/// `/subscription/{customerUrn}`).
pub fn match_operation<'s>(spec: &'s Spec, method: &str, url: &str) -> Option<&'s SpecOperation> {
    let segments: Vec<&str> = url_path(url).split('/').filter(|s| !s.is_empty()).collect();
    spec.operations()
        .iter()
        .filter(|op| op.method.eq_ignore_ascii_case(method))
        .filter_map(|op| literal_matches(&op.template, &segments).map(|literals| (literals, op)))
        .max_by_key(|(literals, _)| *literals)
        .map(|(_, op)| op)
}

/// How many literal segments of `template` match the tail of `segments`, or `None`.
fn literal_matches(template: &str, segments: &[&str]) -> Option<usize> {
    let parts: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    if parts.len() > segments.len() {
        return None;
    }
    let tail = &segments[segments.len() - parts.len()..];
    let mut literals = 0;
    for (part, segment) in parts.iter().zip(tail) {
        if part.starts_with('{') && part.ends_with('}') {
            continue;
        }
        if part != segment {
            return None;
        }
        literals += 1;
    }
    Some(literals)
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

    #[test]
    fn base_url_prefix_is_ignored() {
        let spec = spec();
        let id = |m, u| match_operation(&spec, m, u).map(|o| o.id.as_str());
        assert_eq!(id("POST", "https://acme.sandbox.azotte.com/api/v1/c2a/customer/store"), Some("store"));
        assert_eq!(id("post", "http://127.0.0.1:8080/c2a/customer/store?x=1"), Some("store"));
        assert_eq!(id("GET", "https://h/api/v1/c2a/offer/checkout/trk_1/status"), Some("status"));
        assert_eq!(id("GET", "https://h/api/v1/c2a/subscription/cu.00.482"), Some("list"));
        assert_eq!(id("POST", "https://h/api/v1/c2a/subscription/reactivate"), Some("reactivate"));
    }

    #[test]
    fn other_paths_and_methods_do_not_match() {
        let spec = spec();
        assert!(match_operation(&spec, "GET", "https://h/api/v1/c2a/customer/store").is_none());
        assert!(match_operation(&spec, "POST", "https://cdn.example/app.js").is_none());
        assert!(match_operation(&spec, "POST", "https://h/c2a/customer/store/extra").is_none());
    }
}
