//! Static facts about one operation, generated from the spec into `generated::operations`.

use crate::types::MessageCode;

/// When repeating a request is safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Idempotency {
    /// Safe by method (`GET`).
    Safe,
    /// Idempotent on a caller-supplied key in the JSON body, at this JSON pointer
    /// (`x-idempotency-key: { in: body, pointer: ... }`), when the key is present.
    BodyKey(&'static str),
    /// Idempotent on a caller-supplied query parameter (`x-idempotency-key: { in: query }`).
    QueryKey(&'static str),
    /// Not idempotent: never repeated once the request may have reached the server.
    None,
}

/// One operation of the spec.
#[derive(Debug)]
pub struct Operation {
    /// The `operationId`, e.g. `store_customer`.
    pub id: &'static str,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// Path template, e.g. `/c2a/offer/checkout/{trackingId}/status`.
    pub path: &'static str,
    /// When a retry is safe.
    pub idempotency: Idempotency,
    /// Message codes that mean the call did what was asked (`success: true`).
    pub success_codes: &'static [&'static str],
    /// Message codes the spec marks `retryable: true`.
    pub retryable_codes: &'static [&'static str],
}

impl Operation {
    /// Whether `code` is a success code of this operation.
    pub fn is_success(&self, code: &MessageCode) -> bool {
        self.success_codes.contains(&code.as_str())
    }

    /// Whether `code` is one the spec says to retry.
    pub fn is_retryable_code(&self, code: &str) -> bool {
        self.retryable_codes.contains(&code)
    }

    /// Whether this request may be sent again after it may have reached the server.
    pub fn is_repeatable(&self, request: &reqwest::Request) -> bool {
        match self.idempotency {
            Idempotency::Safe => true,
            Idempotency::None => false,
            Idempotency::QueryKey(name) => {
                request.url().query_pairs().any(|(key, value)| key == name && !value.is_empty())
            }
            Idempotency::BodyKey(pointer) => request
                .body()
                .and_then(reqwest::Body::as_bytes)
                .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(bytes).ok())
                .and_then(|body| body.pointer(pointer).cloned())
                .is_some_and(|key| key.as_str().is_some_and(|s| !s.is_empty())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(idempotency: Idempotency) -> Operation {
        Operation {
            id: "x",
            method: "POST",
            path: "/x",
            idempotency,
            success_codes: &[],
            retryable_codes: &[],
        }
    }

    fn request(url: &str, body: Option<&str>) -> reqwest::Request {
        let mut request = reqwest::Request::new(reqwest::Method::POST, url.parse().expect("url"));
        if let Some(body) = body {
            *request.body_mut() = Some(body.to_owned().into());
        }
        request
    }

    #[test]
    fn body_key_needs_a_non_empty_key() {
        let checkout = op(Idempotency::BodyKey("/order/correlationId"));
        assert!(checkout.is_repeatable(&request("http://h/x", Some(r#"{"order":{"correlationId":"o-1"}}"#))));
        assert!(!checkout.is_repeatable(&request("http://h/x", Some(r#"{"order":{"correlationId":""}}"#))));
        assert!(!checkout.is_repeatable(&request("http://h/x", Some(r#"{"order":{}}"#))));
        assert!(!checkout.is_repeatable(&request("http://h/x", None)));
    }

    #[test]
    fn query_key_and_method_safety() {
        let activate = op(Idempotency::QueryKey("p"));
        assert!(activate.is_repeatable(&request("http://h/x?p=pm.1", None)));
        assert!(!activate.is_repeatable(&request("http://h/x?p=", None)));
        assert!(!activate.is_repeatable(&request("http://h/x", None)));
        assert!(op(Idempotency::Safe).is_repeatable(&request("http://h/x", None)));
        assert!(!op(Idempotency::None).is_repeatable(&request("http://h/x", Some("{}"))));
    }
}
