//! Responses of one operation matched by status (their docs, extensions, headers and
//! content), and the media types of a request body or response, matched by their essence
//! (`application/json; charset=utf-8` is `application/json` written with a parameter).

use std::collections::BTreeMap;

use c2a_spec::extensions::Place;
use serde_json::Value;

use super::extensions::{changed_docs, changed_extensions};
use super::operations::Operation;
use super::schemas::Position;
use super::{Comparison, Difference, DifferenceDetails, NULL};
use crate::model::{ChangeKind, Direction, Scope};
use crate::refs::follow;

impl<'d> Comparison<'d> {
    pub(super) fn responses(&mut self, o: &Operation<'d>, n: &Operation<'d>, key: &str) {
        let responses = |doc: &'d Value, op: &Operation<'d>| -> BTreeMap<String, &'d Value> {
            op.object
                .get("responses")
                .and_then(Value::as_object)
                .map(|m| m.iter().map(|(status, r)| (status.clone(), follow(doc, r))).collect())
                .unwrap_or_default()
        };
        let (old, new) = (responses(self.old, o), responses(self.new, n));
        let change = |kind, status: &str| {
            Difference::new(kind, Scope::Operation, key)
                .op(key)
                .direction(Direction::Response)
                .member(status)
                .details(DifferenceDetails {
                    status: Some(status.to_owned()),
                    ..DifferenceDetails::default()
                })
        };
        for (status, or) in &old {
            let Some(nr) = new.get(status) else {
                self.record(change(ChangeKind::ResponseRemoved, status));
                continue;
            };
            let location = format!("{key}.responses.{status}");
            let docs = changed_docs(Some(or), Some(nr), Place::Response);
            if !docs.is_empty() {
                self.record(
                    Difference::new(ChangeKind::DocChanged, Scope::Operation, location.clone())
                        .op(key)
                        .member(docs.join(", ")),
                );
            }
            let base = Difference::new(ChangeKind::ExtensionChanged, Scope::Operation, location).op(key);
            for difference in changed_extensions(Some(or), Some(nr), Place::Response, &base) {
                self.record(difference);
            }
            self.response_pair(or, nr, n, status);
        }
        for status in new.keys().filter(|status| !old.contains_key(*status)) {
            self.record(change(ChangeKind::ResponseAdded, status));
        }
        // A success status replaced by another (200 -> 202): compare what the client decodes.
        let success_only = |from: &BTreeMap<String, &'d Value>, other: &BTreeMap<String, &'d Value>| {
            from.iter()
                .filter(|(s, _)| s.starts_with('2') && !other.contains_key(*s))
                .map(|(s, r)| (s.clone(), *r))
                .collect::<Vec<_>>()
        };
        if let ([(_, or)], [(status, nr)]) =
            (success_only(&old, &new).as_slice(), success_only(&new, &old).as_slice())
        {
            self.response_pair(or, nr, n, status);
        }
    }

    /// The headers and content of two responses compared as one (reported at `status`).
    fn response_pair(&mut self, or: &'d Value, nr: &'d Value, n: &Operation<'d>, status: &str) {
        let key = n.key.as_str();
        self.headers(or, nr, n, status);
        let at = Position::root(key, Direction::Response, format!("{key}.responses.{status}"));
        self.content(or.get("content"), nr.get("content"), &at, Some(status));
    }

    /// Media types of a request body or response, and the schemas of matching ones.
    pub(super) fn content(
        &mut self,
        old: Option<&'d Value>,
        new: Option<&'d Value>,
        at: &Position,
        status: Option<&str>,
    ) {
        let (old, new) = (by_essence(old), by_essence(new));
        let details = DifferenceDetails { status: status.map(str::to_owned), ..DifferenceDetails::default() };
        let change = |kind, media_type: &str| {
            Difference::new(kind, Scope::Operation, &at.op)
                .op(&at.op)
                .direction(at.direction)
                .member(media_type)
                .details(details.clone())
        };
        let removed: Vec<&String> = old.keys().filter(|k| !new.contains_key(*k)).collect();
        let added: Vec<&String> = new.keys().filter(|k| !old.contains_key(*k)).collect();
        for essence in &removed {
            self.record(change(ChangeKind::MediaTypeRemoved, old[*essence].0));
        }
        for essence in &added {
            self.record(change(ChangeKind::MediaTypeAdded, new[*essence].0));
        }
        for (essence, (old_name, _)) in &old {
            if let Some((new_name, _)) = new.get(essence)
                && old_name != new_name
            {
                let values = (Some((*old_name).to_owned()), Some((*new_name).to_owned()));
                self.record(change(ChangeKind::MediaTypeChanged, new_name).values(values.0, values.1));
            }
        }
        let mut pairs: Vec<(&Value, &Value)> =
            old.iter().filter_map(|(k, o)| new.get(k).map(|n| (o.1, n.1))).collect();
        if let ([o], [n]) = (removed.as_slice(), added.as_slice()) {
            pairs.push((old[*o].1, new[*n].1));
        }
        for (o, n) in pairs {
            self.schema(
                o.get("schema").unwrap_or(&NULL),
                n.get("schema").unwrap_or(&NULL),
                at,
                &mut Vec::new(),
            );
        }
    }
}

/// The media types of a `content` object by essence: the type and subtype in lower case,
/// without parameters (RFC 9110: both are case-insensitive; parameters refine the type),
/// each with its name as written and its media type object.
fn by_essence(content: Option<&Value>) -> BTreeMap<String, (&str, &Value)> {
    let Some(map) = content.and_then(Value::as_object) else { return BTreeMap::new() };
    map.iter().map(|(name, media)| (essence(name), (name.as_str(), media))).collect()
}

/// `application/json; charset=utf-8` -> `application/json`.
pub(crate) fn essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_match_by_essence() {
        assert_eq!(essence("application/json; charset=utf-8"), "application/json");
        assert_eq!(essence("Application/clientOutput+Json"), "application/clientoutput+json");
        let content = serde_json::json!({"application/JSON;charset=UTF-8": {}, "text/plain": {}});
        let keys: Vec<String> = by_essence(Some(&content)).into_keys().collect();
        assert_eq!(keys, ["application/json", "text/plain"]);
    }
}
