//! Subscriptions: two-phase cancel with and without a retention offer, the cancel methods,
//! reactivation, and replacement.

use c2a_sandbox::fixtures;
use serde_json::{Value, json};

use crate::common::*;

async fn request_cancel(api: &Api, body: Value) -> Response {
    api.post("request_cancel", "/c2a/subscription/cancel/request", body).await
}

async fn confirm(api: &Api, order: &str, method: &str) -> Response {
    api.post(
        "confirm_cancel",
        "/c2a/subscription/cancel/confirm",
        json!({ "orderIdentifier": order, "cancelationMethod": method, "currentStep": 1,
                "survey": "{\"reasonCode\":\"PRICE\",\"comment\":\"Too expensive\"}" }),
    )
    .await
}

async fn reactivate(api: &Api, order: &str) -> Response {
    api.post("reactivate_subscription", "/c2a/subscription/reactivate", json!({ "orderIdentifier": order }))
        .await
}

fn order(sub: &Value) -> String {
    sub["orderIdentifier"].as_str().expect("orderIdentifier").to_owned()
}

#[tokio::test(start_paused = true)]
async fn retention_offer_can_be_checked_out_and_replaces_the_subscription() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let old = order(&buy(&api, &jane, None).await);

    let r = request_cancel(&api, json!({ "orderIdentifier": old })).await;
    r.expect(200, "SUCCESS");
    assert_eq!(r.json["responseType"], "Offer");
    let codes: Vec<&str> =
        r.json["cancellationReasons"].as_array().unwrap().iter().filter_map(|c| c["code"].as_str()).collect();
    assert!(codes.contains(&"PRICE"), "{codes:?}");
    let offer = r.json["offer"].clone();
    assert_eq!(offer["presentationType"], "RetentionOffer");
    assert_eq!(offer["artifactGroups"][0]["price"]["amountMilpieces"], 749, "winback price of Pro Monthly");

    let trk = submit(&api, checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), None)).await;
    poll(&api, trk.json["trackingNumber"].as_str().unwrap()).await.expect(200, "CHECK_OUT_DONE");
    let subs = subscriptions(&api, &jane).await;
    assert_eq!(subs.len(), 2);
    assert_eq!(subs[0]["state"], "Expired", "the original ends when the retention offer is taken");
    assert_eq!(subs[1]["state"], "Active");
    assert_eq!(subs[1]["originalOrderIdentifier"], old.as_str());
    assert_eq!(subs[1]["initialAssignmentType"], "RetentionOffer");

    // One retention offer per lineage: the next request goes straight to Processed.
    let r = request_cancel(&api, json!({ "orderIdentifier": order(&subs[1]) })).await;
    assert_eq!(r.json["responseType"], "Processed");
    assert!(r.json.get("offer").is_none());
}

#[tokio::test(start_paused = true)]
async fn end_of_period_cancel_keeps_the_end_date_and_can_be_reactivated() {
    let sandbox = fast().start().await.expect("sandbox");
    let tenant = sandbox.tenants()[0].clone();
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    // Basic Monthly has no retention offer: Processed straight away.
    let sub = buy(&api, &jane, Some(&tenant.secondary_storefront_urn)).await;
    let order = order(&sub);

    confirm(&api, &order, "EndOfPeriod").await.expect(409, "SUBSCRIPTION_NOT_CANCELABLE"); // phase 1 first
    let r =
        request_cancel(&api, json!({ "orderIdentifier": order, "cancelationMethod": "EndOfPeriod" })).await;
    r.expect(200, "SUCCESS");
    assert_eq!(r.json["responseType"], "Processed");
    assert_eq!(subscriptions(&api, &jane).await[0]["state"], "Active", "request_cancel cancels nothing");
    confirm(&api, &order, "EndOfPeriod").await.expect(200, "SUCCESS");
    let after = &subscriptions(&api, &jane).await[0];
    assert_eq!(after["state"], "Canceled");
    assert_eq!(after["endDate"], sub["endDate"], "access until the end of the period");
    assert_eq!(after["options"]["canCancel"], false);
    request_cancel(&api, json!({ "orderIdentifier": order }))
        .await
        .expect(409, "SUBSCRIPTION_NOT_CANCELABLE");

    reactivate(&api, &order).await.expect(200, "SUCCESS");
    let after = &subscriptions(&api, &jane).await[0];
    assert_eq!(after["state"], "Reactivated");
    assert_eq!(after["endDate"], sub["endDate"]);
    let r = reactivate(&api, &order).await;
    r.expect(409, "SUBSCRIPTION_NOT_REACTIVATABLE");
    assert!(r.message().contains("Reactivated"), "{}", r.message());
    // A reactivated subscription can be cancelled again.
    request_cancel(&api, json!({ "orderIdentifier": order, "cancelationMethod": "Normal" }))
        .await
        .expect(200, "SUCCESS");
    confirm(&api, &order, "Normal").await.expect(200, "SUCCESS");
    let after = &subscriptions(&api, &jane).await[0];
    assert_eq!((after["state"].as_str(), &after["endDate"]), (Some("Canceled"), &sub["endDate"]));
}

#[tokio::test(start_paused = true)]
async fn immediate_cancel_ends_now_and_cannot_be_reactivated() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let sub = buy(&api, &jane, None).await;
    let order = order(&sub);
    let r = request_cancel(
        &api,
        json!({ "orderIdentifier": order, "cancelationMethod": "Immediate", "currentStep": 1 }),
    )
    .await;
    assert_eq!(r.json["responseType"], "Processed", "past the first step there is no retention offer");
    confirm(&api, &order, "Immediate").await.expect(200, "SUCCESS");
    let after = &subscriptions(&api, &jane).await[0];
    assert_eq!(after["state"], "Canceled");
    let end = chrono::DateTime::parse_from_rfc3339(after["endDate"].as_str().unwrap()).unwrap();
    let old_end = chrono::DateTime::parse_from_rfc3339(sub["endDate"].as_str().unwrap()).unwrap();
    assert!(end < old_end, "the period was cut short");
    let r = reactivate(&api, &order).await;
    r.expect(409, "SUBSCRIPTION_NOT_REACTIVATABLE");
    assert!(r.message().contains("period has ended"), "{}", r.message());
}

#[tokio::test(start_paused = true)]
async fn replace_offers_exclude_the_current_bundle() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let sub = buy(&api, &jane, None).await;
    let r = api
        .post(
            "get_bundles",
            "/c2a/offer/bundles",
            json!({ "context": { "customerUrn": jane, "interactionType": "Replace", "originalSubscriptionIdentifier": sub["orderIdentifier"] } }),
        )
        .await;
    r.expect(200, "SUCCESS");
    let groups = r.json["offer"]["artifactGroups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0]["name"], "Pro Yearly");
    let trk =
        submit(&api, checkout_body(&r.json["offer"], &jane, card_payment(fixtures::CARD_APPROVE), None))
            .await;
    poll(&api, trk.json["trackingNumber"].as_str().unwrap()).await.expect(200, "CHECK_OUT_DONE");
    let subs = subscriptions(&api, &jane).await;
    assert_eq!((subs[0]["state"].as_str(), subs[1]["state"].as_str()), (Some("Expired"), Some("Active")));
    assert_eq!(subs[1]["bundleName"], "Pro Yearly");
    assert_eq!(subs[1]["originalOrderIdentifier"], sub["orderIdentifier"]);
}

#[tokio::test]
async fn unknown_orders_are_not_found() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    request_cancel(&api, json!({ "orderIdentifier": "or_missing" }))
        .await
        .expect(404, "SUBSCRIPTION_NOT_FOUND");
    confirm(&api, "or_missing", "Normal").await.expect(404, "SUBSCRIPTION_NOT_FOUND");
    reactivate(&api, "or_missing").await.expect(404, "SUBSCRIPTION_NOT_FOUND");
    api.get("list_customer_subscriptions", "/c2a/subscription/cu.00.5")
        .await
        .expect(404, "CUSTOMER_NOT_FOUND");
}
