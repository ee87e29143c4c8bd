//! Tenant isolation: every URN of tenant A is unknown to tenant B (the matching *_NOT_FOUND,
//! never data), and nothing B does changes A's records.

use c2a_sandbox::fixtures;
use serde_json::json;

use crate::common::*;

#[tokio::test(start_paused = true)]
async fn another_tenants_urns_are_not_found_and_its_data_is_untouched() {
    let sandbox = two_tenants().start().await.expect("sandbox");
    let a = Api::for_tenant(&sandbox, 0);
    let b = Api::for_tenant(&sandbox, 1);

    // Tenant A: a customer with a stored card, a subscription and a checkout.
    let jane = store_customer(&a, "crm-1").await;
    let pm = add_card(&a, &jane, fixtures::CARD_VISA).await.json["result"]["paymentMethodUrn"]
        .as_str()
        .unwrap()
        .to_owned();
    let offer = purchase_offer(&a, &jane, None).await;
    let accepted = submit(&a, checkout_body(&offer, &jane, stored_payment(&pm), Some("order-1"))).await;
    let trk = accepted.json["trackingNumber"].as_str().unwrap().to_owned();
    poll(&a, &trk).await.expect(200, "CHECK_OUT_DONE");
    let order = subscriptions(&a, &jane).await[0]["orderIdentifier"].as_str().unwrap().to_owned();
    let before_info = a.get("get_customer_info", &format!("/c2a/customer/info?urn={jane}")).await.json;
    let before_pm =
        a.get("get_payment_method", &format!("/c2a/customer/payment/methods/info?p={pm}")).await.json;
    let before_subs = subscriptions(&a, &jane).await;

    // Customers.
    b.get("get_customer_info", &format!("/c2a/customer/info?urn={jane}"))
        .await
        .expect(404, "CUSTOMER_NOT_FOUND");
    b.get("get_customer_info", "/c2a/customer/info?exId=crm-1").await.expect(404, "CUSTOMER_NOT_FOUND");
    b.post(
        "update_customer",
        "/c2a/customer/update",
        json!({ "customer": { "customerUrn": jane, "email": "evil@example.com" } }),
    )
    .await
    .expect(404, "CUSTOMER_NOT_FOUND");
    b.post("delete_customer", "/c2a/customer/delete", json!({ "customerUuid": jane }))
        .await
        .expect(404, "CUSTOMER_NOT_FOUND");
    let r = b.post("validate_customer", "/c2a/customer/validate", json!({ "externalId": "crm-1" })).await;
    assert_eq!(r.json["isAvailable"], true, "external ids are per tenant");
    let max = store_customer(&b, "crm-1").await;
    assert_ne!(max, jane);
    assert!(max.starts_with("cu.01."), "{max}");

    // Payment methods.
    let pm_path = |action: &str| format!("/c2a/customer/payment/methods/{action}?p={pm}");
    b.get("get_payment_method", &pm_path("info")).await.expect(200, "PAYMENT_METHOD_NOT_FOUND");
    b.post_bodyless("inactivate_payment_method", &pm_path("inactivate"))
        .await
        .expect(200, "PAYMENT_METHOD_NOT_FOUND");
    b.post_bodyless("activate_payment_method", &pm_path("activate"))
        .await
        .expect(200, "PAYMENT_METHOD_NOT_FOUND");
    b.delete("delete_payment_method", &pm_path("delete")).await.expect(200, "PAYMENT_METHOD_NOT_FOUND");
    b.get("list_payment_methods", &format!("/c2a/customer/payment/methods/list?c={jane}"))
        .await
        .expect(200, "CUSTOMER_NOT_FOUND");
    add_card(&b, &jane, fixtures::CARD_VISA).await.expect(200, "CUSTOMER_NOT_FOUND");

    // Checkout: tracking numbers, offers, stored cards.
    status(&b, &trk).await.expect(404, "ORDERED_ITEM_NOT_FOUND");
    let r = b
        .post(
            "submit_checkout",
            "/c2a/offer/checkout",
            checkout_body(&offer, &max, card_payment(fixtures::CARD_APPROVE), None),
        )
        .await;
    r.expect(400, "INVALID_REQUEST");
    assert!(r.message().contains("order.offerIdentifier"), "{}", r.message());
    let offer_b = purchase_offer(&b, &max, None).await;
    let r = b
        .post(
            "submit_checkout",
            "/c2a/offer/checkout",
            checkout_body(&offer_b, &max, stored_payment(&pm), None),
        )
        .await;
    r.expect(400, "INVALID_REQUEST");
    let r = b
        .post(
            "get_bundles",
            "/c2a/offer/bundles",
            json!({ "context": { "interactionType": "NewAcquisition", "storefrontUrn": offer["storefrontUrn"] } }),
        )
        .await;
    r.expect(200, "STOREFRONT_NOT_FOUND");
    // The same correlationId in tenant B is a different order.
    let r = submit(&b, checkout_body(&offer_b, &max, card_payment(fixtures::CARD_APPROVE), Some("order-1")))
        .await;
    assert_ne!(r.json["trackingNumber"], trk.as_str());

    // Subscriptions.
    b.get("list_customer_subscriptions", &format!("/c2a/subscription/{jane}"))
        .await
        .expect(404, "CUSTOMER_NOT_FOUND");
    b.post("request_cancel", "/c2a/subscription/cancel/request", json!({ "orderIdentifier": order }))
        .await
        .expect(404, "SUBSCRIPTION_NOT_FOUND");
    b.post(
        "confirm_cancel",
        "/c2a/subscription/cancel/confirm",
        json!({ "orderIdentifier": order, "cancelationMethod": "Immediate" }),
    )
    .await
    .expect(404, "SUBSCRIPTION_NOT_FOUND");
    b.post("reactivate_subscription", "/c2a/subscription/reactivate", json!({ "orderIdentifier": order }))
        .await
        .expect(404, "SUBSCRIPTION_NOT_FOUND");
    let r = b
        .post(
            "get_bundles",
            "/c2a/offer/bundles",
            json!({ "context": { "interactionType": "RetentionWinback", "originalSubscriptionIdentifier": order } }),
        )
        .await;
    r.expect(200, "NO_OFFER_FOUND");

    // Tenant A sees exactly what it had.
    assert_eq!(a.get("get_customer_info", &format!("/c2a/customer/info?urn={jane}")).await.json, before_info);
    assert_eq!(
        a.get("get_payment_method", &format!("/c2a/customer/payment/methods/info?p={pm}")).await.json,
        before_pm
    );
    assert_eq!(subscriptions(&a, &jane).await, before_subs);
    status(&a, &trk).await.expect(200, "CHECK_OUT_DONE");
}
