//! Payment methods: tokenization (masked data only), the Active / Inactive / Deleted
//! lifecycle, card validation and PSP refusals.

use c2a_sandbox::fixtures;
use serde_json::{Value, json};

use crate::common::*;

fn path(action: &str, urn: &str) -> String {
    format!("/c2a/customer/payment/methods/{action}?p={urn}")
}

#[tokio::test]
async fn lifecycle_add_list_info_inactivate_activate_delete() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let mut body = json!({ "customerUrn": jane, "paymentMethod": card_payment(fixtures::CARD_VISA) });
    body["paymentMethod"]["creditCard"]["cardAlias"] = json!("Personal Visa");
    let added = api.post("add_payment_method", "/c2a/customer/payment/methods/add", body).await;
    added.expect(200, "SUCCESS");
    let pm = added.json["result"].clone();
    let urn = pm["paymentMethodUrn"].as_str().unwrap().to_owned();
    assert_eq!(urn, format!("pm.{}.1", jane.trim_start_matches("cu.")), "docs-style pm.00.482.7");
    assert_eq!(pm["customerUrn"], jane.as_str());
    assert_eq!(pm["maskedCardNumber"], "411111******1111");
    assert_eq!(pm["cardType"], "VISA");
    assert_eq!((pm["expireMonth"].as_str(), pm["expireYear"].as_str()), (Some("12"), Some("2099")));
    assert_eq!(pm["cardAlias"], "Personal Visa");
    assert_eq!(pm["state"], "Active");
    assert!(chrono::DateTime::parse_from_rfc3339(pm["storedAt"].as_str().unwrap()).is_ok());
    assert!(!added.text.contains(fixtures::CARD_VISA), "no raw PAN: {}", added.text);
    assert!(!added.text.contains("\"123\""), "no CVC: {}", added.text);

    let mastercard = add_card(&api, &jane, "5555555555554444").await;
    assert_eq!(mastercard.json["result"]["cardType"], "MASTERCARD");
    // Re-adding the same card is a new record (no deduplication).
    let again = add_card(&api, &jane, fixtures::CARD_VISA).await;
    assert_ne!(again.json["result"]["paymentMethodUrn"], urn.as_str());

    let info = api.get("get_payment_method", &path("info", &urn)).await;
    info.expect(200, "SUCCESS");
    assert_eq!(info.json["result"], pm);

    let r = api.post_bodyless("inactivate_payment_method", &path("inactivate", &urn)).await;
    r.expect(200, "SUCCESS");
    assert_eq!(r.json["result"], json!({ "paymentMethodUrn": urn, "state": "Inactive" }));
    let list = api.get("list_payment_methods", &format!("/c2a/customer/payment/methods/list?c={jane}")).await;
    let states: Vec<(Value, Value)> = list.json["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["paymentMethodUrn"].clone(), m["state"].clone()))
        .collect();
    assert_eq!(states.len(), 3);
    assert_eq!(states[0], (json!(urn), json!("Inactive")));
    assert!(states[1..].iter().all(|(_, s)| s == "Active"));

    let r = api.post_bodyless("activate_payment_method", &path("activate", &urn)).await;
    assert_eq!(r.json["result"]["state"], "Active");
    let r = api.post_bodyless("activate_payment_method", &path("activate", &urn)).await;
    r.expect(200, "SUCCESS"); // activating an active method is harmless

    let r = api.delete("delete_payment_method", &path("delete", &urn)).await;
    r.expect(200, "SUCCESS");
    assert_eq!(r.json["result"], json!({ "paymentMethodUrn": urn, "state": "Deleted" }));
    let r = api.delete("delete_payment_method", &path("delete", &urn)).await;
    r.expect(200, "PAYMENT_METHOD_NOT_FOUND");
    assert_eq!(r.json["result"], Value::Null, "re-delete: result null");
    assert!(r.json.as_object().unwrap().contains_key("result"));
    api.get("get_payment_method", &path("info", &urn)).await.expect(200, "PAYMENT_METHOD_NOT_FOUND");
    api.post_bodyless("activate_payment_method", &path("activate", &urn))
        .await
        .expect(200, "PAYMENT_METHOD_NOT_FOUND");
    let list = api.get("list_payment_methods", &format!("/c2a/customer/payment/methods/list?c={jane}")).await;
    assert_eq!(list.json["result"].as_array().unwrap().len(), 2, "deleted methods are not listed");
}

#[tokio::test]
async fn invalid_cards_and_psp_refusals_have_a_null_result() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let add = |card: Value| {
        api.post(
            "add_payment_method",
            "/c2a/customer/payment/methods/add",
            json!({ "customerUrn": jane, "paymentMethod": { "paymentChannel": "CreditCard", "creditCard": card } }),
        )
    };
    let with = |field: &str, value: &str| {
        let mut c = card(fixtures::CARD_VISA);
        c[field] = json!(value);
        c
    };
    let cases = [
        (with("cardNumber", "4111111111111112"), "INVALID_CARD", "cardNumber"),
        (with("cardNumber", "4111"), "INVALID_CARD", "cardNumber"),
        (with("expireMonth", "13"), "INVALID_CARD", "expireMonth"),
        (with("expireYear", "2001"), "INVALID_CARD", "expired"),
        (with("expireYear", "29"), "INVALID_CARD", "expireYear"),
        (with("cvc", "12"), "INVALID_CARD", "cvc"),
        (card(fixtures::CARD_DECLINE), "CARD_DECLINED", "refused"),
        (card(fixtures::CARD_PSP_UNAVAILABLE), "PSP_UNAVAILABLE", "try again"),
    ];
    for (card, code, hint) in cases {
        let r = add(card).await;
        r.expect(200, code);
        assert_eq!(r.json["result"], Value::Null, "{code}");
        assert!(r.message().contains(hint), "{code}: {}", r.message());
    }
    let list = api.get("list_payment_methods", &format!("/c2a/customer/payment/methods/list?c={jane}")).await;
    assert_eq!(list.json["result"], json!([]), "nothing was stored");

    let r = api
        .post(
            "add_payment_method",
            "/c2a/customer/payment/methods/add",
            json!({ "customerUrn": "cu.00.404", "paymentMethod": card_payment(fixtures::CARD_VISA) }),
        )
        .await;
    r.expect(200, "CUSTOMER_NOT_FOUND");
    assert_eq!(r.json["result"], Value::Null);
    let r = api
        .post(
            "add_payment_method",
            "/c2a/customer/payment/methods/add",
            json!({ "customerUrn": jane, "paymentMethod": { "paymentChannel": "SEPA" } }),
        )
        .await;
    r.expect(400, "INVALID_REQUEST");
    assert!(r.message().contains("paymentMethod.paymentChannel"), "{}", r.message());
}
