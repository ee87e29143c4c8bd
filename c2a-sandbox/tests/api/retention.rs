//! Retention of finished state, on a paused tokio clock over real HTTP: a settled checkout
//! and an expired offer are forgotten once the configured retention has passed; customers
//! and subscriptions stay.

use std::time::Duration;

use c2a_sandbox::{Sandbox, fixtures};

use crate::common::*;

const PROCESSING: Duration = Duration::from_secs(5);
const TTL: Duration = Duration::from_secs(600);
const RETENTION: Duration = Duration::from_secs(3600);

#[tokio::test(start_paused = true)]
async fn settled_checkouts_and_expired_offers_are_forgotten_after_the_retention() {
    let sandbox = Sandbox::builder()
        .processing_time(PROCESSING)
        .offer_ttl(TTL)
        .retention(RETENTION)
        .start()
        .await
        .expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &jane, None).await;
    let body = checkout_body(&offer, &jane, card_payment(fixtures::CARD_APPROVE), Some("order-1"));
    let trk = submit(&api, body.clone()).await.json["trackingNumber"].as_str().unwrap().to_owned();
    tokio::time::advance(PROCESSING).await;
    status(&api, &trk).await.expect(200, "CHECK_OUT_DONE");
    assert_eq!(sandbox.stats().checkouts, 1);

    // Settled at PROCESSING; remembered (status, idempotent replay) until RETENTION later.
    tokio::time::advance(RETENTION - Duration::from_secs(1)).await;
    status(&api, &trk).await.expect(200, "CHECK_OUT_DONE");
    assert_eq!(submit(&api, body.clone()).await.json["trackingNumber"], trk.as_str());

    tokio::time::advance(Duration::from_secs(1)).await;
    // A forgotten tracking number is an unknown one: the spec's 404.
    status(&api, &trk).await.expect(404, "ORDERED_ITEM_NOT_FOUND");
    let stats = sandbox.stats();
    assert_eq!((stats.checkouts, stats.customers, stats.subscriptions), (0, 1, 1));
    assert_eq!(stats.offers, 1, "the offer expired at TTL and is kept until TTL + RETENTION");
    // The correlation id is forgotten with it: the replay is a new submit of an expired offer.
    api.post("submit_checkout", "/c2a/offer/checkout", body.clone()).await.expect(410, "OFFER_EXPIRED");

    tokio::time::advance(TTL).await;
    assert_eq!(sandbox.stats().offers, 0);
    let gone = api.post("submit_checkout", "/c2a/offer/checkout", body).await;
    gone.expect(400, "INVALID_REQUEST");
    assert!(gone.message().contains("does not resolve to an offer"), "{}", gone.text);
    // What an emulator must remember stays.
    assert_eq!(subscriptions(&api, &jane).await.len(), 1);
    api.get("get_customer_info", &format!("/c2a/customer/info?urn={jane}")).await.expect(200, "SUCCESS");
}

#[tokio::test(start_paused = true)]
async fn an_unanswered_three_ds_challenge_is_forgotten_too() {
    let sandbox =
        Sandbox::builder().processing_time(PROCESSING).retention(RETENTION).start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let offer = purchase_offer(&api, &jane, None).await;
    let trk = submit(&api, checkout_body(&offer, &jane, card_payment(fixtures::CARD_3DS), None)).await.json
        ["trackingNumber"]
        .as_str()
        .unwrap()
        .to_owned();
    tokio::time::advance(PROCESSING).await;
    let challenge = status(&api, &trk).await;
    challenge.expect(200, "CHECK_OUT_3DS_REQUIRED");
    let url = challenge.json["redirectInstructions"]["redirectUrl"].as_str().unwrap().to_owned();

    tokio::time::advance(RETENTION).await;
    status(&api, &trk).await.expect(404, "ORDERED_ITEM_NOT_FOUND");
    assert_eq!(browser_get(&url).await.0, 404, "the challenge page no longer knows it");
    assert_eq!(sandbox.stats().checkouts, 0);
}
