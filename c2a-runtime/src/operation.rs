//! Static facts about one operation, generated from the spec into `operations` of the
//! generated code.

use crate::api::ApiTable;

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
    /// The API the operation belongs to.
    pub api: &'static ApiTable,
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
    pub fn is_success(&self, code: &str) -> bool {
        self.success_codes.contains(&code)
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
                .is_some_and(|bytes| non_empty_string_at(bytes, pointer)),
        }
    }
}

/// Whether the JSON document `body` holds a non-empty string at the JSON `pointer`.
///
/// One streaming pass that builds nothing: it follows the pointer's segments and skips every
/// other member (`IgnoredAny`), so a body key costs no `serde_json::Value` per send. Invalid
/// JSON, a missing member or a non-string gives `false`.
fn non_empty_string_at(body: &[u8], pointer: &str) -> bool {
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return false;
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let found = serde::de::DeserializeSeed::deserialize(Probe { rest: pointer }, &mut deserializer);
    found.is_ok_and(|found| found) && deserializer.end().is_ok()
}

/// What is left of a JSON pointer (`""` or `/segment...`), looking for a non-empty string.
#[derive(Clone, Copy)]
struct Probe<'p> {
    rest: &'p str,
}

impl Probe<'_> {
    /// The next segment (JSON pointer escapes undone) and what follows it.
    fn split(self) -> (String, Self) {
        let rest = &self.rest[1..];
        let (segment, tail) = rest.find('/').map_or((rest, ""), |at| (&rest[..at], &rest[at..]));
        (segment.replace("~1", "/").replace("~0", "~"), Probe { rest: tail })
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Probe<'_> {
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Probe<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<bool, E> {
        Ok(self.rest.is_empty() && !value.is_empty())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        if self.rest.is_empty() {
            while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
            return Ok(false);
        }
        let (segment, tail) = self.split();
        // Like `serde_json::Value`, the last of duplicate members counts.
        let mut found = false;
        while let Some(matches) = map.next_key_seed(KeyIs(&segment))? {
            if matches {
                found = map.next_value_seed(tail)?;
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let wanted = if self.rest.is_empty() {
            None
        } else {
            let (segment, tail) = self.split();
            // Array indices are decimal without leading zeros.
            let index = segment.parse::<usize>().ok().filter(|_| segment == "0" || !segment.starts_with('0'));
            index.map(|index| (index, tail))
        };
        let mut found = false;
        let mut index = 0;
        loop {
            let more = match wanted {
                Some((wanted, tail)) if wanted == index => {
                    seq.next_element_seed(tail)?.map(|hit| found = hit)
                }
                _ => seq.next_element::<serde::de::IgnoredAny>()?.map(|_| ()),
            };
            if more.is_none() {
                return Ok(found);
            }
            index += 1;
        }
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

/// A map key, compared with the wanted segment without allocating.
struct KeyIs<'s>(&'s str);

impl<'de> serde::de::DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static NO_API: ApiTable = ApiTable::new(&[], &[], "[]", |_| None);

    fn op(idempotency: Idempotency) -> Operation {
        Operation {
            api: &NO_API,
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
    fn body_key_probe_follows_the_pointer_only() {
        let at = non_empty_string_at;
        let body =
            br#"{"a":[1,{"b":"x"}],"order":{"items":[{"k":"v"}],"correlationId":"o-1","n":null},"z":true}"#;
        assert!(at(body, "/order/correlationId"));
        assert!(at(body, "/a/1/b"));
        assert!(!at(body, "/a/01/b"), "no leading zeros");
        assert!(!at(body, "/a/0"));
        assert!(!at(body, "/order/n"));
        assert!(!at(body, "/order"));
        assert!(!at(body, "/missing"));
        assert!(!at(body, "order/correlationId"), "not a pointer");
        assert!(at(br#"{"a/b":{"~c":"y"}}"#, "/a~1b/~0c"), "escapes");
        assert!(at(br#"{"k":"","k":"later"}"#, "/k"), "the last duplicate counts");
        assert!(!at(br#"{"k":"v"} trailing"#, "/k"), "invalid JSON");
        assert!(!at(br#"{"k":"v""#, "/k"), "truncated JSON");
        assert!(at(br#"{"k":"\u00e9"}"#, "/k"), "escaped string");
        assert!(at(br#""top""#, ""));
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
