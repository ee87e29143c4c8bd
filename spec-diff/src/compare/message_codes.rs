//! `x-message-codes` of one operation compared code by code, read with the typed model
//! (`c2a_spec::extensions::MessageCodes`). A code that disappears while another appears on
//! the same operation, with the same HTTP status and success flag, is one likely rename.

use std::collections::{BTreeMap, BTreeSet};

use c2a_spec::diagnostic::escape_token;
use c2a_spec::doc_walk;
use c2a_spec::extensions::message_codes::KEY as MESSAGE_CODES;
use c2a_spec::extensions::{MessageCode, MessageCodes};
use serde_json::Value;

use super::operations::Operation;
use super::{Comparison, Difference, DifferenceDetails};
use crate::model::{ChangeKind, Scope};

impl Comparison<'_> {
    pub(super) fn message_codes(&mut self, o: &Operation<'_>, n: &Operation<'_>, key: &str) {
        let (old, new) = (codes(o), codes(n));
        let (old_all, new_all) = (all_codes(self.old), all_codes(self.new));
        let change = |kind, code: &str| Difference::new(kind, Scope::Operation, key).op(key).member(code);
        let removed: Vec<&MessageCode> = old.values().filter(|c| !new.contains_key(&c.code)).collect();
        let added: Vec<&MessageCode> = new.values().filter(|c| !old.contains_key(&c.code)).collect();
        let renames = renames(&removed, &added);
        for oe in removed {
            if let Some(ne) = renames.get(oe.code.as_str()) {
                let details = DifferenceDetails {
                    success: Some(oe.success),
                    status: oe.http.map(|h| h.to_string()),
                    spec_wide: !new_all.contains(&oe.code),
                    new_code_spec_wide: !old_all.contains(&ne.code),
                    ..DifferenceDetails::default()
                };
                self.record(
                    change(ChangeKind::MessageCodeRenamed, &oe.code)
                        .values(Some(oe.code.clone()), Some(ne.code.clone()))
                        .details(details),
                );
                continue;
            }
            let details = DifferenceDetails {
                success: Some(oe.success),
                spec_wide: !new_all.contains(&oe.code),
                ..DifferenceDetails::default()
            };
            self.record(change(ChangeKind::MessageCodeRemoved, &oe.code).details(details));
        }
        let renamed_to: BTreeSet<&str> = renames.values().map(|c| c.code.as_str()).collect();
        for ne in added.into_iter().filter(|c| !renamed_to.contains(c.code.as_str())) {
            let details = DifferenceDetails {
                success: Some(ne.success),
                spec_wide: !old_all.contains(&ne.code),
                ..DifferenceDetails::default()
            };
            self.record(change(ChangeKind::MessageCodeAdded, &ne.code).details(details));
        }
        for (code, oe) in &old {
            let Some(ne) = new.get(code) else { continue };
            if oe.success != ne.success {
                self.record(
                    change(ChangeKind::MessageCodeSuccessChanged, code)
                        .values(Some(oe.success.to_string()), Some(ne.success.to_string()))
                        .details(DifferenceDetails {
                            success: Some(ne.success),
                            ..DifferenceDetails::default()
                        }),
                );
            }
            let meta = |e: &MessageCode| {
                let http = e.http.map_or_else(|| "none".to_owned(), |h| h.to_string());
                format!("http {http}, retryable {}", e.retryable)
            };
            if meta(oe) != meta(ne) {
                self.record(
                    change(ChangeKind::MessageCodeChanged, code).values(Some(meta(oe)), Some(meta(ne))),
                );
            }
            // The documentation of an entry, in key order as the report names them.
            let docs: Vec<&str> =
                [("meaning", oe.meaning != ne.meaning), ("provenance", oe.provenance != ne.provenance)]
                    .into_iter()
                    .filter_map(|(name, changed)| changed.then_some(name))
                    .collect();
            if !docs.is_empty() {
                self.record(change(ChangeKind::DocChanged, &format!("{code}: {}", docs.join(", "))));
            }
        }
    }
}

/// Removed codes that are likely renamed, by old code: where exactly one code was removed
/// and exactly one added with the same documented HTTP status and success flag (a code
/// without a documented status is never paired: nothing ties it to another).
fn renames<'c>(removed: &[&'c MessageCode], added: &[&'c MessageCode]) -> BTreeMap<&'c str, &'c MessageCode> {
    let group = |codes: &[&'c MessageCode]| {
        let mut groups: BTreeMap<(u16, bool), Vec<&'c MessageCode>> = BTreeMap::new();
        for code in codes {
            if let Some(http) = code.http {
                groups.entry((http, code.success)).or_default().push(code);
            }
        }
        groups
    };
    let added = group(added);
    group(removed)
        .into_iter()
        .filter_map(|(status, gone)| match (gone.as_slice(), added.get(&status).map(Vec::as_slice)) {
            ([old], Some([new])) => Some((old.code.as_str(), *new)),
            _ => None,
        })
        .collect()
}

/// An operation's `x-message-codes` entries by code, read with the generator's typed model
/// (`c2a_spec::extensions::MessageCodes`). [`crate::source::parse`] refuses a side whose
/// entries the model refuses, so nothing is lost here for a spec read from a source.
fn codes(op: &Operation<'_>) -> BTreeMap<String, MessageCode> {
    message_codes_at(
        op.object,
        &format!("/paths/{}/{}", escape_token(&op.path), op.method.to_ascii_lowercase()),
    )
}

/// The `x-message-codes` of the operation object `op` (at `pointer`), by code; none when
/// the extension is missing or invalid.
fn message_codes_at(op: &Value, pointer: &str) -> BTreeMap<String, MessageCode> {
    op.get(MESSAGE_CODES)
        .and_then(|value| MessageCodes::parse(value, &format!("{pointer}/{MESSAGE_CODES}")).ok())
        .map(|codes| codes.0.into_iter().map(|c| (c.code.clone(), c)).collect())
        .unwrap_or_default()
}

/// Every message code any operation lists.
fn all_codes(doc: &Value) -> BTreeSet<String> {
    doc_walk::operations(doc)
        .iter()
        .flat_map(|op| message_codes_at(op.value, &op.pointer()).into_keys())
        .collect()
}
