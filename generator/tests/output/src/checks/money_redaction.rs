//! Checks of `src/money_redaction.rs`, compiled against the runtime as
//! module `crate::money_redaction`.

use crate::money_redaction::*;
use c2a_runtime::money;

#[test]
fn money_pairs_read_as_money() {
    let price: types::Price =
        serde_json::from_str(r#"{"amountMilpieces":1299000,"currency":"EUR"}"#).expect("a Price");
    let money = price.money().expect("both halves");
    assert_eq!(money.amount(), money::Milpieces::new(1_299_000));
    assert_eq!(money.currency(), "EUR");
    let no_currency: types::Price = serde_json::from_str(r#"{"amountMilpieces":5}"#).expect("a Price");
    assert_eq!(no_currency.money(), None);
    // The spec's `Milpieces` is the hand-written type: exact integers, no floats.
    let _: money::Milpieces = price.amount_milpieces;
}

#[test]
fn sensitive_fields_are_redacted_in_debug() {
    let card = types::CardRequest {
        card_number: "4242424242424242".into(),
        cvc: "123".into(),
        holder_name: "Jane Doe".into(),
        label: Some("work".into()),
    };
    let shown = format!("{card:?}");
    for secret in ["4242424242424242", "123", "Jane Doe"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("[redacted]") && shown.contains("work"), "{shown}");
    let builder = types::CardRequest::builder().card_number("4000000000000002").cvc("999").holder_name("Jo");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("4000000000000002") && !shown.contains("999"), "{shown}");
    let response: types::CardResponse = serde_json::from_str(
        r#"{"status":{"messageCode":"SUCCESS"},"cardUrn":"urn:card:1","expiry":"12/31"}"#,
    )
    .expect("a CardResponse");
    let shown = format!("{response:?}");
    assert!(!shown.contains("12/31") && shown.contains("urn:card:1"), "{shown}");
}

#[test]
fn sensitive_wire_names_are_listed_with_aliases() {
    assert_eq!(operations::API.sensitive_fields, ["cardNumber", "cn", "cvc", "expiry", "holderName"]);
}
