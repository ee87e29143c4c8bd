//! Response headers of two matching responses: matched by name (case-insensitively, as
//! HTTP does), inline or `$ref` to `components/headers`, compared for presence,
//! required-ness, docs and schema. A difference inside a shared header component merges
//! under `headers.<Component>`, as schema differences merge under their component.

use std::collections::BTreeMap;

use c2a_spec::extensions::Waiter;
use c2a_spec::extensions::message_codes::KEY as MESSAGE_CODES;
use c2a_spec::extensions::waiter::KEY as WAITER;
use serde_json::Value;

use super::operations::Operation;
use super::schemas::Position;
use super::{Comparison, Difference, DifferenceDetails, HeaderReader, NULL, changed_keys, is_doc_key};
use crate::model::{ChangeKind, Direction, Scope};
use crate::refs::follow;

/// Prefix of a local reference to a header component.
const HEADER_REF_PREFIX: &str = "#/components/headers/";

/// The header the runtime's retry policy honours (`c2a_client::runtime::retry`).
const RETRY_AFTER: &str = "Retry-After";

/// HTTP statuses the runtime retries (`RETRY_STATUSES` in `c2a_client::runtime::retry`),
/// and the keys that may stand for them.
const RETRIED: [&str; 8] = ["408", "429", "502", "503", "504", "4XX", "5XX", "default"];

/// One response header.
struct Header<'d> {
    /// The name as written.
    name: &'d str,
    /// The header object (a `$ref` followed).
    object: &'d Value,
    /// The header component it refers to.
    component: Option<&'d str>,
}

impl<'d> Header<'d> {
    fn required(&self) -> bool {
        self.object.get("required").and_then(Value::as_bool).unwrap_or(false)
    }

    /// Its `schema`, or the schema of its only `content` entry.
    fn schema(&self) -> &'d Value {
        self.object
            .get("schema")
            .or_else(|| self.object.get("content")?.as_object()?.values().next()?.get("schema"))
            .unwrap_or(&NULL)
    }
}

impl<'d> Comparison<'d> {
    /// The headers of two responses reported at `status` of operation `n`.
    pub(super) fn headers(&mut self, or: &'d Value, nr: &'d Value, n: &Operation<'d>, status: &str) {
        let key = n.key.as_str();
        let (old, new) = (headers(self.old, or), headers(self.new, nr));
        let location = format!("{key}.responses.{status}");
        let details = |required: bool, name: &str| DifferenceDetails {
            status: Some(status.to_owned()),
            required: Some(required),
            header_readers: readers(n, name, status),
            ..DifferenceDetails::default()
        };
        let change = |kind, name: &str| {
            Difference::new(kind, Scope::Operation, &location)
                .op(key)
                .direction(Direction::Response)
                .member(name)
        };
        for (lower, oh) in &old {
            let Some(nh) = new.get(lower) else {
                let removed = change(ChangeKind::ResponseHeaderRemoved, oh.name);
                self.record(removed.details(details(oh.required(), oh.name)));
                continue;
            };
            let path = format!("{location}.headers.{}", nh.name);
            let anchor = match (oh.component, nh.component) {
                (Some(a), Some(b)) if a == b => format!("headers.{a}"),
                _ => path.clone(),
            };
            if oh.required() != nh.required() {
                let difference = change(ChangeKind::ResponseHeaderRequiredChanged, nh.name)
                    .values(Some(oh.required().to_string()), Some(nh.required().to_string()))
                    .details(details(nh.required(), nh.name));
                self.record_at(anchor.clone(), difference);
            }
            // No generated code reads a header's extensions (`x-provenance`): documentation.
            let docs =
                changed_keys(Some(oh.object), Some(nh.object), |k| is_doc_key(k) || k.starts_with("x-"));
            if !docs.is_empty() {
                let mut difference = Difference::new(ChangeKind::DocChanged, Scope::Operation, &path)
                    .op(key)
                    .member(docs.join(", "));
                difference.details.in_header = true;
                self.record_at(anchor.clone(), difference);
            }
            let at = Position::header(key, path, anchor);
            self.schema(oh.schema(), nh.schema(), &at, &mut Vec::new());
        }
        for (lower, nh) in &new {
            if !old.contains_key(lower) {
                let added = change(ChangeKind::ResponseHeaderAdded, nh.name);
                self.record(added.details(details(nh.required(), nh.name)));
            }
        }
    }
}

/// The headers of a response by lower-case name.
fn headers<'d>(doc: &'d Value, response: &'d Value) -> BTreeMap<String, Header<'d>> {
    let Some(map) = response.get("headers").and_then(Value::as_object) else { return BTreeMap::new() };
    map.iter()
        .map(|(name, h)| {
            let component =
                h.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix(HEADER_REF_PREFIX));
            (name.to_ascii_lowercase(), Header { name, object: follow(doc, h), component })
        })
        .collect()
}

/// What in `c2a-client` reads header `name` of the response at `status` of operation `op`:
/// the retry policy reads `Retry-After` on the statuses it retries (and on any status of an
/// operation with a retryable code), a waiter its `delay_hint` header.
fn readers(op: &Operation<'_>, name: &str, status: &str) -> Vec<HeaderReader> {
    let mut readers = Vec::new();
    let retryable_code = op
        .object
        .get(MESSAGE_CODES)
        .and_then(Value::as_array)
        .is_some_and(|codes| codes.iter().any(|c| c.get("retryable") == Some(&Value::Bool(true))));
    if name.eq_ignore_ascii_case(RETRY_AFTER) && (RETRIED.contains(&status) || retryable_code) {
        readers.push(HeaderReader::RetryPolicy);
    }
    let waiter = op.object.get(WAITER).and_then(|w| Waiter::parse(w, &format!("/{WAITER}")).ok());
    if let Some(waiter) = waiter
        && waiter.delay_hint.header.as_deref().is_some_and(|h| h.eq_ignore_ascii_case(name))
    {
        readers.push(HeaderReader::Waiter(waiter.name));
    }
    readers
}
