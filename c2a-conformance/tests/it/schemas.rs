//! Bodies walked beside their schemas: every disagreement with its JSON path, the spec
//! element and its provenance.

use c2a_conformance::{Checked, FindingKind, Severity, Side};
use serde_json::json;

use crate::{assert_located, check, get_thing, kinds, only, thing};

const THING: &str = "#/components/schemas/Thing";

pub fn missing_required_property() -> Checked<'static> {
    check(&thing(json!({ "colour": "Red" })))
}

pub fn wrong_type() -> Checked<'static> {
    check(&thing(json!({ "name": 7 })))
}

pub fn closed_enum_value() -> Checked<'static> {
    check(&thing(json!({ "name": "t", "colour": "Green" })))
}

pub fn unknown_property() -> Checked<'static> {
    check(&thing(json!({ "name": "t", "weight": 3 })))
}

#[test]
fn a_conforming_body_has_no_finding() {
    let checked = check(&thing(json!({
        "name": "t",
        "colour": "Blue",
        "shape": "Round",
        "updatedAt": "2026-01-02T03:04:05Z",
        "note": null,
        "sizes": [1, 2],
        "labels": { "a": "b" },
        "extra": { "anything": [true] },
        "nickname": "tee"
    })));
    assert_eq!(checked.findings, []);
}

#[test]
fn a_missing_required_property_is_named() {
    let f = only(&missing_required_property());
    assert_eq!(
        (f.kind, f.severity, f.side),
        (FindingKind::MissingRequired, Severity::Mismatch, Side::Response)
    );
    assert_located(&f, "$.thing.name", &format!("{THING}/properties/name"), Some("documented"));
}

#[test]
fn a_wrong_type_is_named_with_the_declared_type() {
    let f = only(&wrong_type());
    assert_eq!(f.kind, FindingKind::WrongType);
    assert_located(&f, "$.thing.name", &format!("{THING}/properties/name"), Some("documented"));
    assert_eq!(f.message, "integer where the spec declares string");
}

#[test]
fn null_is_a_wrong_type_unless_nullable() {
    let f = only(&check(&thing(json!({ "name": null }))));
    assert_eq!((f.kind, f.json_path.as_str()), (FindingKind::WrongType, "$.thing.name"));
    assert!(f.message.contains("not nullable"), "{}", f.message);
    assert_eq!(check(&thing(json!({ "name": "t", "note": null }))).findings, []);
}

#[test]
fn a_date_time_must_be_rfc_3339() {
    let f = only(&check(&thing(json!({ "name": "t", "updatedAt": "02.01.2026 03:04" }))));
    assert_eq!(f.kind, FindingKind::WrongType);
    assert_located(&f, "$.thing.updatedAt", &format!("{THING}/properties/updatedAt"), Some("documented"));
}

#[test]
fn array_items_are_walked() {
    let f = only(&check(&thing(json!({ "name": "t", "sizes": [1, "two"] }))));
    assert_eq!((f.kind, f.json_path.as_str()), (FindingKind::WrongType, "$.thing.sizes[1]"));
    assert_eq!(f.spec_pointer, format!("{THING}/properties/sizes/items"));
}

#[test]
fn a_value_outside_a_closed_enum_is_a_mismatch() {
    let f = only(&closed_enum_value());
    assert_eq!((f.kind, f.severity), (FindingKind::EnumValueNotListed, Severity::Mismatch));
    assert_located(&f, "$.thing.colour", "#/components/schemas/Colour/enum", None);
}

#[test]
fn a_new_value_of_an_extensible_enum_is_information() {
    let checked = check(&thing(json!({ "name": "t", "shape": "Oval" })));
    let f = only(&checked);
    assert_eq!((f.kind, f.severity), (FindingKind::EnumValueNotListed, Severity::Info));
    assert_eq!(checked.mismatches().count(), 0);
}

#[test]
fn objects_are_closed_unless_additional_properties_opens_them() {
    let f = only(&unknown_property());
    assert_eq!((f.kind, f.severity), (FindingKind::UnknownField, Severity::Mismatch));
    assert_located(&f, "$.thing.weight", THING, Some("documented"));
    // An unknown property of the envelope itself, through `allOf`.
    let f = only(&check(&get_thing(200, &json!({ "status": { "messageCode": "SUCCESS" }, "extra": 1 }))));
    assert_located(&f, "$.extra", "#/components/schemas/StatusResponse", None);
    // `additionalProperties: true` takes anything; a schema there types every value.
    assert_eq!(check(&thing(json!({ "name": "t", "extra": { "x": 1 } }))).findings, []);
    let f = only(&check(&thing(json!({ "name": "t", "labels": { "odd key": 1 } }))));
    assert_eq!((f.kind, f.json_path.as_str()), (FindingKind::WrongType, "$.thing.labels[\"odd key\"]"));
    assert_eq!(f.spec_pointer, format!("{THING}/properties/labels/additionalProperties"));
}

#[test]
fn a_finding_carries_the_provenance_of_its_element() {
    let f = only(&check(&thing(json!({ "name": "t", "nickname": 3 }))));
    assert_located(&f, "$.thing.nickname", &format!("{THING}/properties/nickname"), Some("inferred"));
}

#[test]
fn a_missing_message_code_is_a_missing_required_property() {
    let checked = check(&get_thing(200, &json!({ "status": {} })));
    assert_eq!(kinds(&checked), [FindingKind::MissingRequired]);
    assert_eq!(checked.findings[0].json_path, "$.status.messageCode");
    assert_eq!(checked.message_code, None);
}

#[test]
fn properties_and_enum_values_seen_as_declared_are_observed() {
    let checked = check(&thing(json!({ "name": "t", "colour": "Red", "nickname": 3 })));
    let observed = |key: &str| checked.observed.iter().any(|o| o == key);
    assert!(observed("/components/schemas/Thing/properties/name"), "{:?}", checked.observed);
    assert!(observed("/components/schemas/Colour/enum=Red"), "{:?}", checked.observed);
    assert!(!observed("/components/schemas/Thing/properties/nickname"), "a wrong type confirms nothing");
}
