//! Checkout: the stage machine for each test card, 3DS through the sandbox's challenge
//! page, stored cards, idempotent resubmission, offer expiry.

use std::time::Duration;

use c2a_sandbox::{Sandbox, fixtures};
use serde_json::json;

use crate::common::*;

fn tracking(response: &Response) -> String {
    response.json["trackingNumber"].as_str().expect("trackingNumber").to_owned()
}

#[tokio::test(start_paused = true)]
async fn approved_card_processes_then_completes_and_creates_the_subscription() {
    let sandbox =
        Sandbox::builder().processing_time(Duration::from_millis(300)).start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &jane, None).await;
    let accepted =
        submit(&api, checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), Some("o-1"))).await;
    let trk = tracking(&accepted);
    assert!(trk.starts_with("trk_") && trk.len() == 30, "{trk}");
    assert_eq!(accepted.json["followUpInstructions"]["canFollowUp"], true);
    let retry =
        accepted.json["followUpInstructions"]["retryAfterSeconds"].as_u64().expect("retryAfterSeconds");
    assert!(retry >= 1);
    assert_eq!(accepted.retry_after(), Some(retry), "Retry-After header mirrors retryAfterSeconds");
    assert!(subscriptions(&api, &jane).await.is_empty(), "nothing is delivered before CHECK_OUT_DONE");

    let mut done = None;
    for _ in 0..400 {
        let r = status(&api, &trk).await;
        if r.code() != "CHECK_OUT_PROCESSING" {
            done = Some(r);
            break;
        }
        assert_eq!(r.json["followUpInstructions"]["canFollowUp"], true);
        assert!(r.retry_after().is_some(), "Retry-After while processing");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let done = done.expect("still processing after 400 polls");
    done.expect(200, "CHECK_OUT_DONE");
    assert_eq!(done.json["trackingNumber"], trk.as_str());
    assert_eq!(done.json["followUpInstructions"]["canFollowUp"], false);
    assert!(done.retry_after().is_none(), "no Retry-After at a terminal stage");

    let subs = subscriptions(&api, &jane).await;
    assert_eq!(subs.len(), 1);
    let sub = &subs[0];
    assert_eq!(sub["state"], "Active");
    assert_eq!(sub["bundleUrn"], offer["artifactGroups"][0]["bundleUrn"]);
    assert_eq!(sub["bundleName"], "Pro Monthly");
    assert!(sub["orderIdentifier"].as_str().unwrap().starts_with("or_"));
    let start = chrono::DateTime::parse_from_rfc3339(sub["startDate"].as_str().unwrap()).unwrap();
    let end = chrono::DateTime::parse_from_rfc3339(sub["endDate"].as_str().unwrap()).unwrap();
    assert_eq!((end - start).num_days(), 30);
    assert_eq!(sub["options"], json!({ "canCancel": true, "canReplace": true }));
}

#[tokio::test(start_paused = true)]
async fn declined_card_fails_with_a_message_and_delivers_nothing() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &jane, None).await;
    let accepted =
        submit(&api, checkout_body(&offer, &jane, card_payment(fixtures::CARD_DECLINE), None)).await;
    let failed = poll(&api, &tracking(&accepted)).await;
    failed.expect(200, "CHECK_OUT_FAILED");
    assert!(failed.message().contains("declined"), "{}", failed.text);
    assert_eq!(failed.json["followUpInstructions"]["canFollowUp"], false);
    assert!(subscriptions(&api, &jane).await.is_empty());
    // The stage is terminal.
    status(&api, &tracking(&accepted)).await.expect(200, "CHECK_OUT_FAILED");
}

#[tokio::test(start_paused = true)]
async fn three_ds_waits_for_the_challenge_page_then_completes() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &jane, None).await;
    let trk =
        tracking(&submit(&api, checkout_body(&offer, &jane, card_payment(fixtures::CARD_3DS), None)).await);
    let challenge = poll(&api, &trk).await;
    challenge.expect(200, "CHECK_OUT_3DS_REQUIRED");
    let redirect = &challenge.json["redirectInstructions"];
    let url = redirect["redirectUrl"].as_str().unwrap();
    assert_eq!(url, format!("{}/sandbox/3ds/{trk}", api.origin));
    assert_eq!(redirect["isRedirectRequired"], true);
    assert_eq!(redirect["hasNextSteps"], true);
    assert!(redirect["htmlContent"].as_str().unwrap().contains(url));
    assert_eq!(challenge.json["followUpInstructions"]["canFollowUp"], true);

    // Without the browser step, polling keeps answering 3DS_REQUIRED.
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(60)).await;
        status(&api, &trk).await.expect(200, "CHECK_OUT_3DS_REQUIRED");
    }
    assert!(subscriptions(&api, &jane).await.is_empty());

    let (code, page) = browser_get(url).await;
    assert_eq!(code, 200);
    assert!(page.contains("completed"), "{page}");
    let done = poll(&api, &trk).await;
    done.expect(200, "CHECK_OUT_DONE");
    assert_eq!(subscriptions(&api, &jane).await.len(), 1);
    // A second visit has nothing to do and changes nothing.
    let (code, page) = browser_get(url).await;
    assert_eq!(code, 200);
    assert!(page.contains("No 3-D Secure challenge is pending"), "{page}");
    status(&api, &trk).await.expect(200, "CHECK_OUT_DONE");
    let (code, _) = browser_get(&format!("{}/sandbox/3ds/trk_unknown", api.origin)).await;
    assert_eq!(code, 404);
}

#[tokio::test(start_paused = true)]
async fn a_failed_three_ds_challenge_fails_the_checkout() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &jane, None).await;
    let trk =
        tracking(&submit(&api, checkout_body(&offer, &jane, card_payment(fixtures::CARD_3DS), None)).await);
    let challenge = poll(&api, &trk).await;
    let url = challenge.json["redirectInstructions"]["redirectUrl"].as_str().unwrap();
    assert_eq!(browser_get(&format!("{url}?result=fail")).await.0, 200);
    let failed = status(&api, &trk).await;
    failed.expect(200, "CHECK_OUT_FAILED");
    assert!(failed.message().contains("3-D Secure"), "{}", failed.text);
    assert!(subscriptions(&api, &jane).await.is_empty());
}

#[tokio::test(start_paused = true)]
async fn stored_cards_decide_the_outcome_like_raw_cards() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let approve =
        add_card(&api, &jane, fixtures::CARD_APPROVE).await.json["result"]["paymentMethodUrn"].clone();
    let three_ds = add_card(&api, &jane, fixtures::CARD_3DS).await.json["result"]["paymentMethodUrn"].clone();
    let (approve, three_ds) = (approve.as_str().unwrap(), three_ds.as_str().unwrap());

    let offer = purchase_offer(&api, &jane, None).await;
    let trk = tracking(&submit(&api, checkout_body(&offer, &jane, stored_payment(approve), None)).await);
    poll(&api, &trk).await.expect(200, "CHECK_OUT_DONE");
    let trk = tracking(&submit(&api, checkout_body(&offer, &jane, stored_payment(three_ds), None)).await);
    poll(&api, &trk).await.expect(200, "CHECK_OUT_3DS_REQUIRED");

    // An inactive stored card is refused when the worker runs.
    api.post_bodyless(
        "inactivate_payment_method",
        &format!("/c2a/customer/payment/methods/inactivate?p={approve}"),
    )
    .await
    .expect(200, "SUCCESS");
    let trk = tracking(&submit(&api, checkout_body(&offer, &jane, stored_payment(approve), None)).await);
    let failed = poll(&api, &trk).await;
    failed.expect(200, "CHECK_OUT_FAILED");
    assert!(failed.message().contains("Inactive"), "{}", failed.text);

    // A deleted or unknown stored card is bad input at submit.
    api.delete("delete_payment_method", &format!("/c2a/customer/payment/methods/delete?p={approve}"))
        .await
        .expect(200, "SUCCESS");
    for urn in [approve, "pm.00.1.99"] {
        let r = api
            .post(
                "submit_checkout",
                "/c2a/offer/checkout",
                checkout_body(&offer, &jane, stored_payment(urn), None),
            )
            .await;
        r.expect(400, "INVALID_REQUEST");
        assert!(r.message().contains("paymentMethod.creditCard.paymentMethodUrn"), "{}", r.message());
    }
    let r = api
        .post(
            "submit_checkout",
            "/c2a/offer/checkout",
            checkout_body(
                &offer,
                &jane,
                json!({ "paymentChannel": "CreditCard", "useStoredMethod": true, "creditCard": {} }),
                None,
            ),
        )
        .await;
    r.expect(400, "INVALID_REQUEST");
    assert_eq!(r.message(), "paymentMethod.creditCard.paymentMethodUrn is required");
}

#[tokio::test(start_paused = true)]
async fn store_method_success_payment_tokenizes_the_card_after_success() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &jane, None).await;
    let mut payment = card_payment(fixtures::CARD_APPROVE);
    payment["storeMethodSuccessPayment"] = json!("true");
    let trk = tracking(&submit(&api, checkout_body(&offer, &jane, payment, None)).await);
    poll(&api, &trk).await.expect(200, "CHECK_OUT_DONE");
    let list = api.get("list_payment_methods", &format!("/c2a/customer/payment/methods/list?c={jane}")).await;
    let methods = list.json["result"].as_array().unwrap();
    assert_eq!(methods.len(), 1);
    assert_eq!(methods[0]["maskedCardNumber"], "424242******4242");
    assert!(!list.text.contains(fixtures::CARD_APPROVE));
}

#[tokio::test(start_paused = true)]
async fn resubmitting_a_correlation_id_returns_the_same_checkout_and_charges_once() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &jane, None).await;
    let body = checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), Some("order-42"));
    let first = tracking(&submit(&api, body.clone()).await);
    let second = tracking(&submit(&api, body.clone()).await);
    assert_eq!(first, second);
    poll(&api, &first).await.expect(200, "CHECK_OUT_DONE");
    // After completion, the replay still answers with the same tracking number.
    let replay = submit(&api, body.clone()).await;
    assert_eq!(tracking(&replay), first);
    assert_eq!(replay.json["followUpInstructions"]["retryAfterSeconds"], 0, "poll the status now");
    // Even a different card under the same correlationId does not start a second checkout.
    let other_card = checkout_body(&offer, &jane, card_payment(fixtures::CARD_DECLINE), Some("order-42"));
    assert_eq!(tracking(&submit(&api, other_card).await), first);
    status(&api, &first).await.expect(200, "CHECK_OUT_DONE");

    // Concurrent duplicates of a new correlationId: one checkout.
    let body = checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), Some("order-43"));
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (api, body) = (api.clone(), body.clone());
        tasks.push(tokio::spawn(async move { tracking(&submit(&api, body).await) }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap());
    }
    numbers.dedup();
    assert_eq!(numbers.len(), 1, "{numbers:?}");
    poll(&api, &numbers[0]).await.expect(200, "CHECK_OUT_DONE");
    assert_ne!(numbers[0], first);
    assert_eq!(subscriptions(&api, &jane).await.len(), 2, "exactly one subscription per correlationId");

    // Without a correlationId every submit is a new checkout.
    let body = checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), None);
    assert_ne!(tracking(&submit(&api, body.clone()).await), tracking(&submit(&api, body).await));
}

#[tokio::test(start_paused = true)]
async fn correlation_ids_are_scoped_to_the_tenant() {
    let sandbox = two_tenants().start().await.expect("sandbox");
    let a = Api::for_tenant(&sandbox, 0);
    let b = Api::for_tenant(&sandbox, 1);
    let jane = store_customer(&a, "crm-1").await;
    let max = store_customer(&b, "crm-1").await;
    let offer_a = purchase_offer(&a, &jane, None).await;
    let offer_b = purchase_offer(&b, &max, None).await;
    let trk_a = tracking(
        &submit(&a, checkout_body(&offer_a, &jane, card_payment(fixtures::CARD_APPROVE), Some("same"))).await,
    );
    let trk_b = tracking(
        &submit(&b, checkout_body(&offer_b, &max, card_payment(fixtures::CARD_APPROVE), Some("same"))).await,
    );
    assert_ne!(trk_a, trk_b);
    poll(&a, &trk_a).await.expect(200, "CHECK_OUT_DONE");
    poll(&b, &trk_b).await.expect(200, "CHECK_OUT_DONE");
}

#[tokio::test(start_paused = true)]
async fn an_expired_offer_is_refused() {
    let sandbox = fast().offer_ttl(Duration::from_millis(100)).start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &jane, None).await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    let r = api
        .post(
            "submit_checkout",
            "/c2a/offer/checkout",
            checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), None),
        )
        .await;
    r.expect(410, "OFFER_EXPIRED");
    assert!(r.message().contains(offer["offerIdentifier"].as_str().unwrap()), "{}", r.message());
    assert!(subscriptions(&api, &jane).await.is_empty());
}

#[tokio::test(start_paused = true)]
async fn orders_must_match_the_offer_and_its_customer() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let max = store_customer(&api, "crm-2").await;
    let offer = purchase_offer(&api, &jane, None).await;
    let cases = [
        (
            checkout_body(&offer, &max, card_payment(fixtures::CARD_APPROVE), None),
            "order.customer.customerUrn",
        ),
        (
            checkout_body(&offer, "cu.00.99", card_payment(fixtures::CARD_APPROVE), None),
            "order.customer.customerUrn",
        ),
        (
            {
                let mut body = checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), None);
                body["order"]["items"][0]["itemIdentifier"] = json!("of_other.1");
                body
            },
            "order.items[0].itemIdentifier",
        ),
        (
            {
                let mut body = checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), None);
                body["order"]["offerIdentifier"] = json!("of_unknown");
                body
            },
            "order.offerIdentifier",
        ),
        (
            checkout_body(&offer, &jane, card_payment("4242424242424241"), None),
            "paymentMethod.creditCard.cardNumber",
        ),
    ];
    for (body, field) in cases {
        let r = api.post("submit_checkout", "/c2a/offer/checkout", body).await;
        r.expect(400, "INVALID_REQUEST");
        assert!(r.message().contains(field), "{field}: {}", r.message());
    }
    // Off-site channels need no card and succeed.
    let trk = tracking(
        &submit(&api, checkout_body(&offer, &jane, json!({ "paymentChannel": "PayPal" }), None)).await,
    );
    poll(&api, &trk).await.expect(200, "CHECK_OUT_DONE");
}
