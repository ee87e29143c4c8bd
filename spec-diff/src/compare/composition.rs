//! Composition: the alternatives of a `oneOf` or `anyOf` compared as a set (an alternative
//! added or removed; alternatives on both sides compared as schemas, below the node), the
//! `discriminator` that picks among them, and the members an `allOf` merges.
//!
//! A `oneOf`/`anyOf` of plain typed schemas is a list of types: it is the node's type
//! (`shapes::type_union`), compared with the type, not here. A keyword present on one side
//! only is compared as a keyword (it constrains the node where it had no alternatives).

use std::collections::BTreeMap;

use serde_json::Value;

use super::keywords::keyword_details;
use super::schemas::{ComponentPairs, Position};
use super::shapes::{Resolved, scalar_label, type_union};
use super::{Comparison, DifferenceDetails};
use crate::model::ChangeKind;
use crate::refs;

/// The keywords that list alternatives.
pub(super) const ALTERNATIVES: [&str; 2] = ["oneOf", "anyOf"];

/// The keyword that picks an alternative by the value of a property.
pub(super) const DISCRIMINATOR: &str = "discriminator";

impl<'d> Comparison<'d> {
    /// The alternatives, the discriminator and the `allOf` members of two resolved schemas.
    pub(super) fn composition(
        &mut self,
        o: &Resolved<'d>,
        n: &Resolved<'d>,
        at: &Position,
        stack: &mut ComponentPairs,
    ) {
        let (mut only_old, mut only_new) = (Vec::new(), Vec::new());
        for keyword in ALTERNATIVES {
            let list = |r: &Resolved<'d>| {
                type_union(r.node).is_none().then(|| r.node.get(keyword).and_then(Value::as_array)).flatten()
            };
            match (list(o), list(n)) {
                (None, None) => {}
                (Some(old), Some(new)) => {
                    let (gone, added) = self.alternatives(keyword, old, new, at, stack);
                    only_old.extend(gone);
                    only_new.extend(added);
                }
                (old, new) => {
                    let show = |list: Option<&Vec<Value>>| list.map(|l| Value::Array(l.clone()).to_string());
                    let difference = at
                        .difference(ChangeKind::KeywordChanged)
                        .member(keyword)
                        .values(show(old), show(new))
                        .details(keyword_details(at, n));
                    self.record_in(at, difference);
                }
            }
        }
        self.discriminator(o, n, at, &only_old, &only_new);
        self.all_of_members(o, n, at);
    }

    /// One keyword's alternatives on both sides: those on one side only are reported, the
    /// others compared. Returns the labels of the alternatives only on the old side and
    /// only on the new side.
    fn alternatives(
        &mut self,
        keyword: &str,
        old: &'d [Value],
        new: &'d [Value],
        at: &Position,
        stack: &mut ComponentPairs,
    ) -> (Vec<String>, Vec<String>) {
        let (old_by, new_by) = (labelled(old), labelled(new));
        let details = DifferenceDetails {
            required: at.required,
            owner: at.component.clone(),
            ..DifferenceDetails::default()
        };
        let mut gone = Vec::new();
        for (label, old_schema) in &old_by {
            let Some(new_schema) = new_by.get(label) else {
                let difference = at
                    .difference(ChangeKind::AlternativeRemoved)
                    .member(label)
                    .values(Some(keyword.to_owned()), None)
                    .details(details.clone());
                self.record_in(at, difference);
                gone.push(label.clone());
                continue;
            };
            self.schema(old_schema, new_schema, &at.child(&format!(".{keyword}[{label}]"), None), stack);
        }
        let mut added = Vec::new();
        for label in new_by.keys().filter(|label| !old_by.contains_key(*label)) {
            let difference = at
                .difference(ChangeKind::AlternativeAdded)
                .member(label)
                .values(None, Some(keyword.to_owned()))
                .details(details.clone());
            self.record_in(at, difference);
            added.push(label.clone());
        }
        (gone, added)
    }

    /// The discriminator, leaving out mapping entries that name an alternative only one
    /// side has (reported as that alternative).
    fn discriminator(
        &mut self,
        o: &Resolved<'_>,
        n: &Resolved<'_>,
        at: &Position,
        only_old: &[String],
        only_new: &[String],
    ) {
        let (old, new) = (o.node.get(DISCRIMINATOR), n.node.get(DISCRIMINATOR));
        if old == new || without_mappings_to(old, only_old) == without_mappings_to(new, only_new) {
            return;
        }
        let difference = at
            .difference(ChangeKind::KeywordChanged)
            .member(DISCRIMINATOR)
            .values(old.map(Value::to_string), new.map(Value::to_string))
            .details(keyword_details(at, n));
        self.record_in(at, difference);
    }

    /// The members of the `allOf` each side merges, when the same node holds it on both
    /// sides (a component, or the node as written) and one side merges more than one;
    /// what they bring is compared as the merged properties.
    fn all_of_members(&mut self, o: &Resolved<'d>, n: &Resolved<'d>, at: &Position) {
        let (Some((old_holder, old_node)), Some((new_holder, new_node))) = (o.all_of, n.all_of) else {
            return;
        };
        // Two `allOf: [$ref]` wrappers are references (compared as such), not merges.
        let wrapper = |node: &Value| refs::schema_ref_name(node).is_some();
        if old_holder != new_holder || (wrapper(old_node) && wrapper(new_node)) {
            return;
        }
        let members = |node: &'d Value| {
            labelled(node.get("allOf").and_then(Value::as_array).map_or(&[], Vec::as_slice))
        };
        let (old, new) = (members(old_node), members(new_node));
        let details = DifferenceDetails {
            required: at.required,
            owner: at.component.clone(),
            ..DifferenceDetails::default()
        };
        for label in old.keys().filter(|label| !new.contains_key(*label)) {
            let difference =
                at.difference(ChangeKind::AllOfMemberRemoved).member(label).details(details.clone());
            self.record_in(at, difference);
        }
        for label in new.keys().filter(|label| !old.contains_key(*label)) {
            let difference =
                at.difference(ChangeKind::AllOfMemberAdded).member(label).details(details.clone());
            self.record_in(at, difference);
        }
    }
}

/// Schemas of a list by label: the component a member refers to, else `inline <type>`
/// (`#2`, `#3`, ... for a label met again).
fn labelled(list: &[Value]) -> BTreeMap<String, &Value> {
    let mut out = BTreeMap::new();
    for schema in list {
        let label = refs::schema_ref_name(schema)
            .map_or_else(|| format!("inline {}", scalar_label(schema)), str::to_owned);
        let mut unique = label.clone();
        let mut count = 1;
        while out.contains_key(&unique) {
            count += 1;
            unique = format!("{label} #{count}");
        }
        out.insert(unique, schema);
    }
    out
}

/// A discriminator without the mapping entries that name one of `gone` (`mapping` left
/// out when that empties it).
fn without_mappings_to(discriminator: Option<&Value>, gone: &[String]) -> Option<Value> {
    let mut discriminator = discriminator?.clone();
    let names_gone = |target: &Value| {
        let name = target.as_str().and_then(|t| t.strip_prefix(refs::SCHEMA_REF_PREFIX));
        name.is_some_and(|name| gone.iter().any(|g| g == name))
    };
    if let Some(map) = discriminator.as_object_mut()
        && let Some(mapping) = map.get_mut("mapping").and_then(Value::as_object_mut)
        && mapping.values().any(names_gone)
    {
        mapping.retain(|_, target| !names_gone(target));
        if mapping.is_empty() {
            map.remove("mapping");
        }
    }
    Some(discriminator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn alternatives_are_labelled_by_component_or_inline_type() {
        let list = json!([
            {"$ref": "#/components/schemas/Card"},
            {"type": "object"},
            {"type": "object", "properties": {"a": {}}},
            {"allOf": [{"$ref": "#/components/schemas/Voucher"}]}
        ]);
        let labels: Vec<String> = labelled(list.as_array().expect("array")).into_keys().collect();
        assert_eq!(labels, ["Card", "Voucher", "inline object", "inline object #2"]);
    }

    #[test]
    fn mappings_to_alternatives_gone_are_left_out() {
        let d = json!({"propertyName": "kind", "mapping": {"card": "#/components/schemas/Card", "v": "#/components/schemas/Voucher"}});
        let gone = ["Voucher".to_owned()];
        let expected = json!({"propertyName": "kind", "mapping": {"card": "#/components/schemas/Card"}});
        assert_eq!(without_mappings_to(Some(&d), &gone), Some(expected));
        let only = json!({"propertyName": "kind", "mapping": {"v": "#/components/schemas/Voucher"}});
        assert_eq!(without_mappings_to(Some(&only), &gone), Some(json!({"propertyName": "kind"})));
        assert_eq!(without_mappings_to(Some(&d), &[]), Some(d.clone()));
        assert_eq!(without_mappings_to(None, &gone), None);
    }
}
