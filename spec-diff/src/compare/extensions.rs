//! Vendor extensions, compared the same way at every [`Place`] the registry
//! (`c2a_spec::extensions::registry`) names: every `x-` key whose value differs between two
//! nodes is reported, and the registry row of the key at that place decides how.
//!
//! - A row whose effect is documentation: listed with the node's documentation changes
//!   (`doc_changed`), next to `description` and the like.
//! - `x-message-codes`: compared code by code (`message_codes` in `operations`).
//! - Any other key, registered or not: one `extension_changed` difference carrying the
//!   place, which `classify` rates from the row (or as unregistered).

use c2a_spec::extensions::message_codes::KEY as MESSAGE_CODES;
use c2a_spec::extensions::registry::{self, ClientEffect, Place};
use serde_json::Value;

use super::{Difference, changed_keys, is_doc_key};

/// How a difference of one `x-` key is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reported {
    /// With the node's documentation changes.
    WithDocs,
    /// By a comparison of its own.
    InDetail,
    /// As an `extension_changed` difference.
    Alone,
}

fn reported(key: &str, place: Place) -> Reported {
    match registry::lookup(key, place) {
        Some(row) if row.key == MESSAGE_CODES => Reported::InDetail,
        Some(row) if row.effect == ClientEffect::Documentation => Reported::WithDocs,
        _ => Reported::Alone,
    }
}

/// Whether a change of `key` at `place` is listed with the node's documentation: an
/// OpenAPI documentation key, or an extension whose row says documentation.
pub(super) fn is_documentation(key: &str, place: Place) -> bool {
    if key.starts_with("x-") { reported(key, place) == Reported::WithDocs } else { is_doc_key(key) }
}

/// The documentation keys of two nodes at `place` whose values differ, sorted.
pub(super) fn changed_docs(old: Option<&Value>, new: Option<&Value>, place: Place) -> Vec<String> {
    changed_keys(old, new, |k| is_documentation(k, place))
}

/// One `extension_changed` difference per `x-` key of two nodes at `place` whose value
/// differs (and that is not reported with the docs or in detail), each made from `base`
/// (kind, location, operations, direction and details) with the key, both values and the place.
pub(super) fn changed_extensions(
    old: Option<&Value>,
    new: Option<&Value>,
    place: Place,
    base: &Difference,
) -> Vec<Difference> {
    let keys = changed_keys(old, new, |k| k.starts_with("x-") && reported(k, place) == Reported::Alone);
    keys.into_iter()
        .map(|key| {
            let show = |node: Option<&Value>| node.and_then(|n| n.get(&key)).map(Value::to_string);
            let (old, new) = (show(old), show(new));
            let mut difference = base.clone().member(key).values(old, new);
            difference.details.place = Some(place);
            difference
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_registered_key_is_reported_one_way_and_others_alone() {
        assert_eq!(reported("x-doc-id", Place::Operation), Reported::WithDocs);
        assert_eq!(reported("x-provenance", Place::Response), Reported::WithDocs);
        assert_eq!(reported("x-message-codes", Place::Operation), Reported::InDetail);
        assert_eq!(reported("x-extensible-enum", Place::ComponentSchema), Reported::WithDocs);
        assert_eq!(reported("x-rust-name", Place::Parameter), Reported::Alone);
        assert_eq!(reported("x-provenance", Place::NestedSchema), Reported::Alone, "not allowed there");
        assert_eq!(reported("x-unheard-of", Place::Info), Reported::Alone);
        assert!(is_documentation("description", Place::Parameter));
        assert!(!is_documentation("x-sensitive", Place::NestedSchema));
    }
}
