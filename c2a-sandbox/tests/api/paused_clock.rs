//! In-process tests on a paused tokio clock: offer expiry, checkout processing and
//! subscription periods move only when the test advances time, so nothing here depends on
//! how fast the machine is.

use std::time::Duration;

use c2a_sandbox::{Sandbox, fixtures};
use serde_json::json;

use crate::common::*;

const PROCESSING: Duration = Duration::from_secs(5);
const TTL: Duration = Duration::from_secs(600);
const PERIOD: Duration = Duration::from_secs(30 * 24 * 3600);

async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .processing_time(PROCESSING)
        .offer_ttl(TTL)
        .subscription_period(PERIOD)
        .start()
        .await
        .expect("sandbox")
}

#[tokio::test(start_paused = true)]
async fn stages_and_expiry_follow_the_tokio_clock() {
    let sandbox = sandbox().await;
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &jane, None).await;

    tokio::time::advance(TTL - Duration::from_secs(1)).await;
    let accepted =
        submit(&api, checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), None)).await;
    assert_eq!(accepted.json["followUpInstructions"]["retryAfterSeconds"], 5);
    assert_eq!(accepted.retry_after(), Some(5));
    let trk = accepted.json["trackingNumber"].as_str().unwrap().to_owned();

    tokio::time::advance(Duration::from_secs(2)).await;
    let r = status(&api, &trk).await;
    r.expect(200, "CHECK_OUT_PROCESSING");
    assert_eq!(r.json["followUpInstructions"]["retryAfterSeconds"], 3);
    // The offer has expired in the meantime.
    let late = api
        .post(
            "submit_checkout",
            "/c2a/offer/checkout",
            checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), None),
        )
        .await;
    late.expect(410, "OFFER_EXPIRED");

    tokio::time::advance(Duration::from_secs(3)).await;
    status(&api, &trk).await.expect(200, "CHECK_OUT_DONE");
    let sub = &subscriptions(&api, &jane).await[0];
    let start = chrono::DateTime::parse_from_rfc3339(sub["startDate"].as_str().unwrap()).unwrap();
    let end = chrono::DateTime::parse_from_rfc3339(sub["endDate"].as_str().unwrap()).unwrap();
    assert_eq!(end - start, chrono::Duration::days(30));
}

#[tokio::test(start_paused = true)]
async fn periods_renew_lapse_and_go_past_due() {
    let sandbox = sandbox().await;
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let pm = add_card(&api, &jane, fixtures::CARD_APPROVE).await.json["result"]["paymentMethodUrn"]
        .as_str()
        .unwrap()
        .to_owned();

    // Two subscriptions billed to the stored card, one bought with a raw card.
    let mut orders = Vec::new();
    for payment in [stored_payment(&pm), stored_payment(&pm), card_payment(fixtures::CARD_APPROVE)] {
        let offer = purchase_offer(&api, &jane, None).await;
        let trk =
            submit(&api, checkout_body(&offer, &jane, payment, None)).await.json["trackingNumber"].clone();
        tokio::time::advance(PROCESSING).await;
        status(&api, trk.as_str().unwrap()).await.expect(200, "CHECK_OUT_DONE");
        orders.push(
            subscriptions(&api, &jane).await.last().unwrap()["orderIdentifier"].as_str().unwrap().to_owned(),
        );
    }
    let first_end = subscriptions(&api, &jane).await[0]["endDate"].clone();

    // Cancel the second at the end of its period.
    api.post(
        "request_cancel",
        "/c2a/subscription/cancel/request",
        json!({ "orderIdentifier": orders[1], "currentStep": 1 }),
    )
    .await
    .expect(200, "SUCCESS");
    api.post(
        "confirm_cancel",
        "/c2a/subscription/cancel/confirm",
        json!({ "orderIdentifier": orders[1], "cancelationMethod": "EndOfPeriod" }),
    )
    .await
    .expect(200, "SUCCESS");

    tokio::time::advance(PERIOD).await;
    let subs = subscriptions(&api, &jane).await;
    assert_eq!(subs[0]["state"], "Active", "renewed");
    assert_ne!(subs[0]["endDate"], first_end, "the period moved on");
    assert_eq!(subs[1]["state"], "Expired", "an end-of-period cancellation lapses");
    api.post(
        "reactivate_subscription",
        "/c2a/subscription/reactivate",
        json!({ "orderIdentifier": orders[1] }),
    )
    .await
    .expect(409, "SUBSCRIPTION_NOT_REACTIVATABLE");

    // Deleting the billed card makes the next renewal fail.
    api.delete("delete_payment_method", &format!("/c2a/customer/payment/methods/delete?p={pm}"))
        .await
        .expect(200, "SUCCESS");
    tokio::time::advance(PERIOD).await;
    let subs = subscriptions(&api, &jane).await;
    assert_eq!(subs[0]["state"], "PastDue");
    assert_eq!(subs[0]["options"]["canReplace"], false);
    assert_eq!(subs[2]["state"], "Active", "the raw-card subscription is not billed to the deleted method");
}
