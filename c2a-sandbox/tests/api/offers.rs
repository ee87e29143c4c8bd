//! Offers: the seeded catalog, promotion codes, storefronts, showcase vs purchase offers.

use c2a_sandbox::fixtures;
use serde_json::{Value, json};

use crate::common::*;

fn prices(offer: &Value) -> Vec<(String, i64, String)> {
    offer["artifactGroups"]
        .as_array()
        .expect("artifactGroups")
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap().to_owned(),
                g["price"]["amountMilpieces"].as_i64().unwrap(),
                g["price"]["currency"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn purchase_offers_list_the_storefront_with_prices_in_milpieces() {
    let sandbox = fast().start().await.expect("sandbox");
    let tenant = &sandbox.tenants()[0];
    let api = Api::new(&sandbox);
    let customer = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &customer, None).await;
    assert!(offer["offerIdentifier"].as_str().unwrap().starts_with("of_"));
    assert_eq!(offer["storefrontUrn"], tenant.main_storefront_urn.as_str());
    assert_eq!(offer["productGroupType"], "RecurringSubscription");
    assert_eq!(
        prices(&offer),
        [
            ("Pro Monthly".to_owned(), 1499, "EUR".to_owned()),
            ("Pro Yearly".to_owned(), 14990, "EUR".to_owned())
        ]
    );
    for group in offer["artifactGroups"].as_array().unwrap() {
        let item = group["itemIdentifier"].as_str().expect("purchase offers carry itemIdentifier");
        assert!(item.starts_with(offer["offerIdentifier"].as_str().unwrap()));
    }
    let expires =
        chrono::DateTime::parse_from_rfc3339(offer["expiresAt"].as_str().unwrap()).expect("date-time");
    assert!(expires > chrono::Utc::now(), "a fresh offer expires in the future");

    let us = purchase_offer(&api, &customer, Some(&tenant.secondary_storefront_urn)).await;
    assert_eq!(prices(&us), [("Basic Monthly".to_owned(), 999, "USD".to_owned())]);
}

#[tokio::test]
async fn promotion_codes_discount_or_fail_with_a_null_offer() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let bundles = |code: &str| {
        api.post(
            "get_bundles",
            "/c2a/offer/bundles",
            json!({ "context": { "interactionType": "NewAcquisition", "promotionCode": code } }),
        )
    };
    let r = bundles(fixtures::PROMOTION_CODE).await;
    r.expect(200, "SUCCESS");
    assert_eq!(prices(&r.json["offer"])[0].1, 1199, "20% off 1499");
    let r = bundles(fixtures::PROMOTION_CODE_10).await;
    assert_eq!(prices(&r.json["offer"])[0].1, 1349, "10% off 1499");
    for code in [fixtures::EXPIRED_PROMOTION_CODE, "NOPE"] {
        let r = bundles(code).await;
        r.expect(200, "INVALID_PROMOTION_CODE");
        assert_eq!(r.json["offer"], Value::Null);
        assert!(r.message().contains(code), "{}", r.message());
    }
}

#[tokio::test]
async fn storefront_and_eligibility_failures() {
    let sandbox = two_tenants().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let other = &sandbox.tenants()[1];
    let bundles =
        |context: Value| api.post("get_bundles", "/c2a/offer/bundles", json!({ "context": context }));
    let r =
        bundles(json!({ "interactionType": "NewAcquisition", "storefrontUrn": other.main_storefront_urn }))
            .await;
    r.expect(200, "STOREFRONT_NOT_FOUND");
    assert_eq!(r.json["offer"], Value::Null);
    let empty = &sandbox.tenants()[0].empty_storefront_urn;
    bundles(json!({ "interactionType": "NewAcquisition", "storefrontUrn": empty }))
        .await
        .expect(200, "NO_OFFER_FOUND");
    bundles(json!({ "interactionType": "NewAcquisition", "customerUrn": "cu.00.404" }))
        .await
        .expect(200, "NO_OFFER_FOUND");
    let r = bundles(json!({ "interactionType": "RetentionWinback" })).await;
    r.expect(400, "INVALID_REQUEST");
    assert!(r.message().contains("context.originalSubscriptionIdentifier"), "{}", r.message());
    bundles(json!({ "interactionType": "Replace", "originalSubscriptionIdentifier": "or_nope" }))
        .await
        .expect(200, "NO_OFFER_FOUND");
}

#[tokio::test]
async fn showcase_offers_render_without_a_customer_and_cannot_be_bought() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let customer = store_customer(&api, "crm-1").await;
    let r = api
        .post(
            "get_showcase_offer",
            "/c2a/offer/showcase",
            json!({ "context": { "promotionCode": fixtures::PROMOTION_CODE, "clientPlatformType": "Web" } }),
        )
        .await;
    r.expect(200, "SUCCESS");
    let offer = &r.json["offer"];
    assert!(offer["offerIdentifier"].as_str().unwrap().starts_with("sh_"));
    assert_eq!(offer["presentationType"], "Showcase");
    assert_eq!(prices(offer)[0].1, 1199);
    assert!(offer["artifactGroups"][0].get("itemIdentifier").is_none(), "nothing to put in a cart");

    let mut body = checkout_body(offer, &customer, card_payment(fixtures::CARD_APPROVE), None);
    body["order"]["items"][0]["itemIdentifier"] = json!("whatever");
    let r = api.post("submit_checkout", "/c2a/offer/checkout", body).await;
    r.expect(422, "OFFER_NOT_PURCHASABLE");
    assert!(subscriptions(&api, &customer).await.is_empty());
}

#[tokio::test]
async fn docs_aliases_are_accepted() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let r = api
        .post(
            "get_bundles",
            "/c2a/offer/bundles",
            json!({ "context": { "IT": "NewAcquisition", "PC": fixtures::PROMOTION_CODE } }),
        )
        .await;
    r.expect(200, "SUCCESS");
    assert_eq!(prices(&r.json["offer"])[0].1, 1199);
}
