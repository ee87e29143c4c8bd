//! Cases of the schema scope: request and response fields, types, keywords (by direction,
//! beside `allOf` wrappers), defaults, enums, composition (`oneOf`/`anyOf` alternatives,
//! lists of types, `allOf` members), readOnly and writeOnly properties, components, cycles.

use expect_test::expect_file;
use spec_diff::{Direction, Semver};

use super::{B, K, NB, assert_verdict, find, report, run_case};

#[test]
fn request_fields() {
    let r = report("request_fields");
    assert_verdict(&r, K::FieldRemoved, "StoreThingRequest.name", None, B);
    assert_verdict(&r, K::FieldRemoved, "StoreThingRequest.nickname", None, NB);
    assert_verdict(&r, K::FieldAdded, "StoreThingRequest.color", None, B);
    assert_verdict(&r, K::FieldAdded, "StoreThingRequest.note", None, NB);
    assert_verdict(&r, K::RequiredChanged, "StoreThingRequest.age", None, B);
    assert_verdict(&r, K::RequiredChanged, "StoreThingRequest.tag", None, NB);
    assert_verdict(&r, K::FieldAdded, "StoreThingRequest.address.city", None, B);
    assert_verdict(&r, K::FieldRemoved, "StoreThingRequest.address.zip", None, NB);
    let city = find(&r, K::FieldAdded, "StoreThingRequest.address.city", None);
    assert_eq!(city.direction, Direction::Request);
    assert!(city.rust.contains("`types::Address` gains the public field `city`"), "{}", city.rust);
    assert!(r.changes.iter().all(|c| c.semver == Semver::Major), "struct fields change: all semver-major");
}

#[test]
fn response_fields() {
    let r = report("response_fields");
    let removed = find(&r, K::FieldRemoved, "CheckoutResult.followUpInstructions.retryAfterSeconds", None);
    assert_eq!(removed.impact, B);
    assert_eq!(removed.direction, Direction::Response);
    assert_eq!(removed.operations, ["get_checkout_status", "submit_checkout"]);
    assert!(removed.rust.contains("`retry_after_seconds` disappears from `types::FollowUpInstructions`"));
    // Reached through two different paths: reported once, under the component.
    assert_verdict(&r, K::FieldRemoved, "AzotteStatus.message", None, B);
    assert_verdict(&r, K::FieldAdded, "CheckoutResult.eta", None, NB);
    // In a response, optional -> required is safe and required -> optional is not.
    assert_verdict(&r, K::RequiredChanged, "CheckoutResult.stage", None, NB);
    assert_verdict(&r, K::RequiredChanged, "CheckoutResult.trackingNumber", None, B);
    assert_eq!(r.changes.len(), 5, "{:#?}", r.changes);

    let markdown = run_case("response_fields", "markdown");
    expect_file!["../../fixtures/spec_diff/response_fields/expected.md"].assert_eq(&markdown.stdout);
    let json = run_case("response_fields", "json");
    expect_file!["../../fixtures/spec_diff/response_fields/expected.json"].assert_eq(&json.stdout);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    assert_eq!(parsed["summary"]["breaking"], 3);
    assert_eq!(parsed["summary"]["semver"], "major");
    assert_eq!(parsed["changes"][0]["impact"], "breaking");
    assert_eq!(parsed["changes"][0]["kind"], "field_removed");
}

#[test]
fn types() {
    let r = report("types");
    assert_verdict(&r, K::TypeChanged, "ThingIn.count", None, NB); // int32 -> int64 sent: widened
    assert_verdict(&r, K::TypeChanged, "ThingOut.total", None, B); // int32 -> int64 received
    assert_verdict(&r, K::TypeChanged, "ThingIn.when", None, NB); // date-time -> any string, sent
    assert_verdict(&r, K::TypeChanged, "ThingIn.kind", None, B); // string -> enum: narrowed
    assert_verdict(&r, K::TypeChanged, "ThingOut.state", None, NB); // enum dropped, received
    assert_verdict(&r, K::TypeChanged, "ThingOut.size", None, B);
    assert_verdict(&r, K::TypeChanged, "ThingIn.tags[]", None, B);
    assert_verdict(&r, K::NullableChanged, "ThingIn.note", None, B);
    assert_verdict(&r, K::NullableChanged, "ThingIn.memo", None, NB);
    assert_verdict(&r, K::NullableChanged, "ThingOut.label", None, B);
    assert_eq!(
        find(&r, K::NullableChanged, "ThingOut.label", None).semver,
        Semver::Major,
        "required: T -> Option<T>"
    );
    assert_eq!(
        find(&r, K::NullableChanged, "ThingIn.memo", None).semver,
        Semver::Patch,
        "optional: Option either way"
    );
    assert_verdict(&r, K::RefChanged, "ThingOut.owner", None, NB);
    assert_verdict(&r, K::FieldAdded, "ThingOut.owner.email", None, NB);
    // Object to any value: sent, the new type accepts everything; received, it may hold anything.
    assert_verdict(&r, K::TypeChanged, "ThingIn.extra", None, NB);
    assert_verdict(&r, K::TypeChanged, "ThingOut.extra", None, B);
    // number to integer, received: every new value is an old one (unlike date-time to date).
    assert_verdict(&r, K::TypeChanged, "ThingOut.ratio", None, NB);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.code", Some("maxLength"), B);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.level", Some("default"), NB);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.meta", Some("additionalProperties"), B);
    assert_verdict(&r, K::ExtensionChanged, "ThingIn.secret", Some("x-sensitive"), NB);
    assert_eq!(find(&r, K::ExtensionChanged, "ThingIn.secret", None).semver, Semver::Patch, "Debug only");
    assert_verdict(&r, K::ExtensionChanged, "ThingOut", Some("x-money"), NB);
    assert_eq!(find(&r, K::ExtensionChanged, "ThingOut", None).semver, Semver::Minor, "a new helper");
    assert_verdict(&r, K::SchemaRemoved, "Person", None, NB);
    assert_verdict(&r, K::SchemaAdded, "Owner", None, NB);
}

#[test]
fn keywords_by_direction() {
    let r = report("keywords");
    // Tightened: breaks what clients send, not what they receive.
    assert_verdict(&r, K::KeywordChanged, "ThingIn.code", Some("pattern"), B);
    assert_verdict(&r, K::KeywordChanged, "ThingOut.code", Some("pattern"), NB);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.name", Some("maxLength"), B);
    assert_verdict(&r, K::KeywordChanged, "ThingOut.tags", Some("uniqueItems"), NB);
    // Loosened: breaks what clients receive, not what they send.
    assert_verdict(&r, K::KeywordChanged, "ThingOut.name", Some("maxLength"), B);
    assert_verdict(&r, K::KeywordChanged, "ThingOut.count", Some("minimum"), B);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.nick", Some("maxLength"), NB);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.size", Some("minimum"), NB);
    // Replaced: both.
    assert_verdict(&r, K::KeywordChanged, "ThingIn.ref", Some("pattern"), B);
    assert_verdict(&r, K::KeywordChanged, "ThingOut.ref", Some("pattern"), B);
    assert_verdict(&r, K::KeywordChanged, "ThingOut.id", Some("readOnly"), NB);
    assert!(find(&r, K::KeywordChanged, "ThingOut.code", None).detail.ends_with("(tightened)"));
}

#[test]
fn keywords_beside_a_wrapped_reference() {
    let r = report("wrapped_refs");
    // `default`, `maxLength` and `readOnly` next to `allOf: [$ref]`, as on a plain property.
    let method = find(&r, K::KeywordChanged, "CancelRequest.cancelationMethod", Some("default"));
    assert_eq!((method.impact, method.semver), (NB, Semver::Patch), "a changed default: {method:#?}");
    assert_eq!((method.old.as_deref(), method.new.as_deref()), (Some("\"Normal\""), Some("\"Immediate\"")));
    let platform = find(&r, K::KeywordChanged, "CancelRequest.platform", Some("default"));
    assert_eq!(
        (platform.impact, platform.semver),
        (NB, Semver::Major),
        "`T` becomes `Option<T>`: {platform:#?}"
    );
    assert_verdict(&r, K::KeywordChanged, "CancelRequest.reason", Some("maxLength"), B);
    assert_verdict(&r, K::KeywordChanged, "CancelResponse.note", Some("maxLength"), NB);
    assert_verdict(&r, K::KeywordChanged, "CancelResponse.method", Some("readOnly"), NB);
    assert_verdict(&r, K::EnumValueRemoved, "CancelRequest.currency", Some("USD"), B);
    // An inline property that becomes a wrapper with the same default: no default change.
    assert!(
        r.changes.iter().all(|c| !(c.location == "CancelRequest.channel" && c.kind == K::KeywordChanged)),
        "{:#?}",
        r.changes
    );
    // Reported at the field, never at the component it refers to.
    assert!(r.changes.iter().all(|c| !c.location.starts_with("En")), "{:#?}", r.changes);
}

#[test]
fn defaults_and_the_option_typify_drops() {
    let r = report("defaults");
    assert!(r.changes.iter().all(|c| c.impact == NB && c.kind == K::KeywordChanged), "{:#?}", r.changes);
    let semver = |field: &str| {
        find(&r, K::KeywordChanged, &format!("CheckoutOrderItem.{field}"), Some("default")).semver
    };
    // An optional field with a default is `T`, without one `Option<T>` (typify).
    assert_eq!(semver("quantity"), Semver::Major, "added: `Option<i64>` becomes `i64`");
    assert_eq!(semver("position"), Semver::Major, "removed: `i64` becomes `Option<i64>`");
    let quantity = find(&r, K::KeywordChanged, "CheckoutOrderItem.quantity", None);
    assert!(quantity.rust.contains("from `Option<T>` to `T`"), "{}", quantity.rust);
    // Only the value changes, or the type holds no `Option` anyway: patch.
    for field in ["weight", "sku", "tags", "note"] {
        assert_eq!(semver(field), Semver::Patch, "{field}");
    }
}

#[test]
fn enums() {
    let r = report("enums");
    assert_verdict(&r, K::EnumValueRemoved, "SubscriptionRequest.state", Some("Paused"), B);
    assert_verdict(&r, K::EnumValueRemoved, "Subscription.state", Some("Paused"), B);
    assert_verdict(&r, K::EnumValueAdded, "SubscriptionRequest.state", Some("Expired"), NB);
    let added = find(&r, K::EnumValueAdded, "Subscription.state", Some("Expired"));
    assert_eq!(
        (added.impact, added.semver),
        (NB, Semver::Major),
        "tolerated on the wire, not by exhaustive matches"
    );
    assert!(added.rust.contains("`match`") && added.rust.contains("`types::EnState`"), "{}", added.rust);
    let unused = find(&r, K::EnumValueRemoved, "EnUnused", Some("B"));
    assert_eq!((unused.impact, unused.direction), (NB, Direction::Unused));
}

#[test]
fn extensible_enums() {
    let r = report("extensible_enums");
    // The mark is documentation: every generated enum keeps unlisted values, and every enum
    // is judged open, so a new value is never breaking, marked or not...
    let added = find(&r, K::EnumValueAdded, "Card.provider", Some("Troy"));
    assert_eq!(added.impact, NB, "{added:#?}");
    assert!(added.reason.contains("x-extensible-enum"), "{}", added.reason);
    // ... and dropping or adding the mark changes no verdict, in either direction.
    for location in ["EnChannel", "EnCountry"] {
        let mark = find(&r, K::DocChanged, location, Some("x-extensible-enum"));
        assert_eq!((mark.impact, mark.semver), (NB, Semver::Patch), "{mark:#?}");
    }
    assert_eq!(r.summary.breaking, 0, "{:#?}", r.changes);
    assert!(r.changes.iter().all(|c| c.kind != K::ExtensionChanged), "{:#?}", r.changes);
}

#[test]
fn composition_by_direction() {
    let r = report("composition");
    // An alternative added: clients send the ones they know, but may receive a new shape.
    assert_verdict(&r, K::AlternativeAdded, "PaymentIn.method", Some("Wallet"), NB);
    assert_verdict(&r, K::AlternativeAdded, "PaymentOut.contact", Some("Phone"), B);
    // An alternative removed: clients may send it, but receive only shapes they decode; the
    // mapping entry of the discriminator that named it is not a change of its own.
    assert_verdict(&r, K::AlternativeRemoved, "PaymentIn.contact", Some("Phone"), B);
    let voucher = find(&r, K::AlternativeRemoved, "PaymentOut.method", Some("Voucher"));
    assert_eq!((voucher.impact, voucher.semver), (NB, Semver::Major), "{voucher:#?}");
    assert!(r.changes.iter().all(|c| c.member.as_deref() != Some("discriminator")), "{:#?}", r.changes);
    // Alternatives on both sides are compared: Card, sent and received, gains a required field.
    let last4 = find(&r, K::FieldAdded, "PaymentIn.method.oneOf[Card].last4", None);
    assert_eq!((last4.impact, last4.direction), (B, Direction::Request), "{last4:#?}");
    assert!(last4.rust.contains("`types::Card` gains the public field `last4`"), "{}", last4.rust);
    assert_eq!(find(&r, K::FieldAdded, "PaymentOut.method.oneOf[Card].last4", None).impact, NB);
    // A list of types (a oneOf/anyOf of plain types) is widened or narrowed like a type.
    assert_verdict(&r, K::TypeChanged, "PaymentIn.amount", None, NB); // integer -> integer|string, sent
    assert_verdict(&r, K::TypeChanged, "PaymentIn.ref", None, B); // integer|string -> string, sent
    assert_verdict(&r, K::TypeChanged, "PaymentOut.amount", None, NB); // narrowed, received
    assert_verdict(&r, K::TypeChanged, "PaymentOut.ref", None, B); // widened, received
    let amount = find(&r, K::TypeChanged, "PaymentIn.amount", None);
    assert_eq!((amount.old.as_deref(), amount.new.as_deref()), (Some("integer"), Some("integer|string")));
    // An allOf member that carries no property: reported, breaking nothing.
    assert_verdict(&r, K::AllOfMemberAdded, "PaymentIn.address", Some("Audited"), NB);
    assert_eq!(r.summary.breaking, 5, "{:#?}", r.changes);
}

#[test]
fn read_only_and_write_only_steer_the_direction() {
    let r = report("read_write_only");
    // readOnly, on both sides: clients do not send it.
    for (location, kind, member) in [
        ("ThingIn.revision", K::KeywordChanged, Some("maximum")),
        ("ThingIn.state", K::EnumValueRemoved, Some("done")),
        ("ThingIn.etag", K::RequiredChanged, None),
    ] {
        let change = find(&r, kind, location, member);
        assert_eq!(change.impact, NB, "{change:#?}");
        assert!(change.reason.contains("`readOnly`"), "{}", change.reason);
    }
    // writeOnly, on every side it is on: the server does not send it.
    for (location, kind) in [("ThingOut.token", K::FieldRemoved), ("ThingOut.secret", K::RequiredChanged)] {
        let change = find(&r, kind, location, None);
        assert_eq!(change.impact, NB, "{change:#?}");
        assert!(change.reason.contains("`writeOnly`"), "{}", change.reason);
        assert_eq!(change.semver, Semver::Major, "the generated struct still has the field");
    }
    // Not readOnly on both sides, or a plain property: judged as usual.
    assert_verdict(&r, K::KeywordChanged, "ThingIn.code", Some("maxLength"), B);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.code", Some("readOnly"), NB);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.note", Some("maxLength"), B);
    assert_verdict(&r, K::FieldRemoved, "ThingOut.comment", None, B);
    // Stamp is sent through a readOnly property and a plain one: one path sends it.
    assert_verdict(&r, K::KeywordChanged, "Stamp", Some("maxLength"), B);
    assert_eq!(r.summary.breaking, 4, "{:#?}", r.changes);
}

#[test]
fn components() {
    let r = report("components");
    assert_verdict(&r, K::SchemaRemoved, "Legacy", None, NB);
    assert_eq!(find(&r, K::SchemaRemoved, "Legacy", None).semver, Semver::Major);
    assert_verdict(&r, K::SchemaAdded, "Fresh", None, NB);
    assert_eq!(find(&r, K::SchemaAdded, "Fresh", None).semver, Semver::Minor);
    let renamed = find(&r, K::RefChanged, "get_thing.responses.200", None);
    assert_eq!((renamed.old.as_deref(), renamed.new.as_deref()), (Some("Thing"), Some("Item")));
    assert_eq!(renamed.impact, NB, "same shape on the wire");
    let spare = find(&r, K::FieldAdded, "Spare.c", None);
    assert_eq!((spare.impact, spare.direction), (NB, Direction::Unused), "no operation uses Spare");
}

#[test]
fn cycles_terminate_and_report_once() {
    let r = report("cycles");
    assert_verdict(&r, K::FieldAdded, "Node.label", None, NB);
    assert_verdict(&r, K::FieldRemoved, "A.b.x", None, B);
    assert_verdict(&r, K::FieldAdded, "A.b.y", None, NB);
    assert_eq!(r.changes.len(), 3, "{:#?}", r.changes);
}
