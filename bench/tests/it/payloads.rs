//! What the decoding and per-call benchmarks compare really does the same work: both sides
//! decode the same bytes into equal values.

use c2a_bench::baseline;
use c2a_bench::payloads::{self, MEDIA_TYPE};
use c2a_bench::replay::{Fixed, Replay};
use c2a_client::runtime::decode_body;
use c2a_client::{Client, RetryPolicy, operations, types};
use progenitor_client::ClientInfo;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};

fn headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE));
    headers
}

#[tokio::test]
async fn grown_payloads_decode_the_same_on_both_paths() {
    let recorded = payloads::record(2).await;
    let offer = payloads::grow_offer(&recorded.offer, 300);
    let real =
        decode_body::<types::GetOfferResponse>(&operations::GET_BUNDLES, StatusCode::OK, headers(), &offer)
            .expect("real path");
    let plain: types::GetOfferResponse = serde_json::from_slice(&offer).expect("plain");
    assert_eq!(real.payload(), &plain);
    let groups = &plain.offer.as_ref().expect("offer").artifact_groups;
    assert_eq!(groups.len(), 300);
    assert_ne!(groups[0].item_identifier, groups[299].item_identifier);

    let list = payloads::grow_subscriptions(&recorded.subscriptions, 1000);
    let real = decode_body::<types::CustomerSubscriptionListResponse>(
        &operations::LIST_CUSTOMER_SUBSCRIPTIONS,
        StatusCode::OK,
        headers(),
        &list,
    )
    .expect("real path");
    let plain: types::CustomerSubscriptionListResponse = serde_json::from_slice(&list).expect("plain");
    assert_eq!(Some(real.payload()), plain.result.as_ref());
    assert_eq!(real.payload().len(), 1000);
}

#[tokio::test]
async fn the_client_and_the_hand_written_calls_get_the_same_values() {
    let recorded = payloads::record(3).await;
    let replay = Replay::start(Fixed {
        checkout_status: recorded.checkout_status.clone(),
        subscriptions: recorded.subscriptions.clone(),
    });
    let client = Client::builder()
        .base_url(replay.base_url())
        .api_key("k")
        .tenant("t")
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let http = ClientInfo::client(&client).clone();

    let status = client.get_checkout_status().tracking_number(recorded.tracking_number.clone()).send().await;
    let by_hand = baseline::checkout_status(&http, replay.base_url(), &recorded.tracking_number).await;
    assert_eq!(status.expect("client"), by_hand.expect("hand-written"));

    let list = client.list_customer_subscriptions().customer_urn(recorded.customer_urn.clone()).send().await;
    let by_hand = baseline::subscriptions(&http, replay.base_url(), &recorded.customer_urn).await;
    let list = list.expect("client");
    assert_eq!(list.len(), 3);
    assert_eq!(list, by_hand.expect("hand-written"));
}
