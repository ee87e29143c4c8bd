//! Response bodies recorded from `c2a-sandbox`, and large ones grown from them.
//!
//! [`record`] runs the documented purchase flow against an in-process sandbox and keeps the
//! exact bytes it answers (`Content-Type: application/clientOutput+Json`): a purchase
//! offer, a finished checkout's status and a subscriptions list. The decoding benchmark
//! grows the offer to hundreds of artifact groups ([`grow_offer`]) and the list to a
//! thousand items ([`grow_subscriptions`]), each copy with its own identifier.

use std::time::Duration;

use c2a_client::types;
use c2a_client::waiters::CheckoutOutcome;
use c2a_client::{Client, RetryPolicy};
use serde_json::Value;

/// The media type the sandbox (and the real API) answers with.
pub const MEDIA_TYPE: &str = "application/clientOutput+Json";

/// Bodies as the sandbox sent them.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// `get_bundles`: a `GetOfferResponse` (inline envelope) with a `PurchaseOffer`.
    pub offer: Vec<u8>,
    /// `get_checkout_status` of a finished checkout: a `CheckoutResult` (`CHECK_OUT_DONE`).
    pub checkout_status: Vec<u8>,
    /// `list_customer_subscriptions`: a `CustomerSubscriptionListResponse` (general envelope).
    pub subscriptions: Vec<u8>,
    /// The tracking number of the recorded checkout.
    pub tracking_number: String,
    /// The customer whose subscriptions were listed.
    pub customer_urn: String,
}

/// A client for the sandbox's first tenant, without retries.
///
/// # Panics
/// When the sandbox's URL or credentials are refused by the client builder.
pub fn sandbox_client(sandbox: &c2a_sandbox::Sandbox) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .api_key(sandbox.api_key())
        .tenant(sandbox.tenant_id())
        .retry(RetryPolicy::none())
        .build()
        .expect("sandbox client")
}

/// A new customer of the sandbox's tenant.
///
/// # Panics
/// When the sandbox refuses the call.
pub async fn new_customer(client: &Client, external_id: &str) -> String {
    let request = types::StoreCustomerRequest::builder()
        .customer(types::StoreCustomerRequestCustomer::builder().external_identifier(external_id.to_owned()))
        .claimed_region(types::ClaimedRegion::builder().country_code("DE").language_code("de"));
    client.store_customer().body(request).send().await.expect("store_customer").customer_urn
}

/// A purchase offer for `customer`: its identifier and the item identifier of its first group.
///
/// # Panics
/// When the sandbox has no offer for the customer.
pub async fn offer_for(client: &Client, customer: &str) -> (String, String) {
    let context = types::GetBundlesContext::builder()
        .customer_urn(customer.to_owned())
        .interaction_type(types::EnOfferIntentType::NewAcquisition);
    let offer = client.get_bundles().body(types::GetOfferRequest::builder().context(context)).send().await;
    let offer = offer.expect("get_bundles").offer.expect("an offer");
    let item = offer.artifact_groups[0].item_identifier.clone().expect("an item identifier");
    (offer.offer_identifier, item)
}

/// A checkout of `item` of `offer` paid with the sandbox's approved test card.
///
/// # Panics
/// When the request does not build (it always does).
pub fn checkout_request(
    customer: &str,
    offer: &str,
    item: &str,
    correlation: &str,
) -> types::CheckoutRequest {
    let card = types::CreditCardDto::builder()
        .card_holder_name("Jane Doe".to_owned())
        .card_number(c2a_sandbox::fixtures::CARD_APPROVE.to_owned())
        .expire_month("12".to_owned())
        .expire_year("2031".to_owned())
        .cvc("123".to_owned());
    types::CheckoutRequest::builder()
        .order(
            types::OrderCart::builder()
                .offer_identifier(offer.to_owned())
                .correlation_id(correlation.to_owned())
                .items(vec![
                    types::CheckoutOrderItem::builder()
                        .item_identifier(item.to_owned())
                        .try_into()
                        .expect("item"),
                ])
                .customer(types::CustomerInfo::builder().customer_urn(customer.to_owned())),
        )
        .payment_method(
            types::PaymentMethodDto::builder()
                .payment_channel(types::EnPaymentChannel::CreditCard)
                .credit_card(types::CreditCardDto::try_from(card).expect("card")),
        )
        .try_into()
        .expect("checkout request")
}

/// Records the bodies: one customer, `purchases` finished checkouts, the offer, the status
/// of the last checkout and the customer's subscriptions.
///
/// # Panics
/// When the sandbox does not start or a step of the flow fails.
pub async fn record(purchases: usize) -> Recorded {
    let sandbox = c2a_sandbox::Sandbox::builder()
        .processing_time(Duration::ZERO)
        .start()
        .await
        .expect("sandbox starts");
    let client = sandbox_client(&sandbox);
    let customer = new_customer(&client, "crm-bench-0001").await;
    let mut tracking_number = String::new();
    for i in 0..purchases.max(1) {
        let (offer, item) = offer_for(&client, &customer).await;
        let request = checkout_request(&customer, &offer, &item, &format!("order-bench-{i}"));
        tracking_number =
            client.submit_checkout().body(request).send().await.expect("submit_checkout").tracking_number;
        let outcome = client
            .wait_for_checkout(tracking_number.clone())
            .max_wait(Duration::from_secs(10))
            .await
            .expect("checkout finishes");
        assert!(matches!(outcome, CheckoutOutcome::Done(_)), "{outcome:?}");
    }
    let context = types::GetBundlesContext::builder()
        .customer_urn(customer.clone())
        .interaction_type(types::EnOfferIntentType::NewAcquisition);
    let offer = client.get_bundles().body(types::GetOfferRequest::builder().context(context)).send_raw();
    let offer = body(offer.await.expect("get_bundles")).await;
    let status = client.get_checkout_status().tracking_number(tracking_number.clone()).send_raw();
    let checkout_status = body(status.await.expect("get_checkout_status")).await;
    let list = client.list_customer_subscriptions().customer_urn(customer.clone()).send_raw();
    let subscriptions = body(list.await.expect("list_customer_subscriptions")).await;
    Recorded { offer, checkout_status, subscriptions, tracking_number, customer_urn: customer }
}

async fn body(response: reqwest::Response) -> Vec<u8> {
    let content_type = response.headers().get(reqwest::header::CONTENT_TYPE).cloned();
    assert_eq!(content_type.as_ref().and_then(|v| v.to_str().ok()), Some(MEDIA_TYPE));
    response.bytes().await.expect("body").to_vec()
}

/// The recorded offer with `groups` artifact groups (copies of the recorded ones, each with
/// its own `itemIdentifier`).
///
/// # Panics
/// When `offer` is not a `GetOfferResponse` with artifact groups.
pub fn grow_offer(offer: &[u8], groups: usize) -> Vec<u8> {
    let mut doc: Value = serde_json::from_slice(offer).expect("offer JSON");
    let id =
        doc.pointer("/offer/offerIdentifier").and_then(Value::as_str).expect("offerIdentifier").to_owned();
    let template = doc.pointer("/offer/artifactGroups").and_then(Value::as_array).expect("groups").clone();
    assert!(!template.is_empty(), "the recorded offer has artifact groups");
    let grown: Vec<Value> = (0..groups)
        .map(|i| {
            let mut group = template[i % template.len()].clone();
            group["itemIdentifier"] = Value::String(format!("{id}.{}", i + 1));
            group
        })
        .collect();
    doc["offer"]["artifactGroups"] = Value::Array(grown);
    serde_json::to_vec(&doc).expect("JSON")
}

/// The recorded subscriptions list with `items` items (copies of the recorded ones, each with
/// its own `orderIdentifier`).
///
/// # Panics
/// When `list` is not a `CustomerSubscriptionListResponse` with at least one item.
pub fn grow_subscriptions(list: &[u8], items: usize) -> Vec<u8> {
    let mut doc: Value = serde_json::from_slice(list).expect("list JSON");
    let template = doc.get("result").and_then(Value::as_array).expect("result").clone();
    assert!(!template.is_empty(), "the recorded list has subscriptions");
    let grown: Vec<Value> = (0..items)
        .map(|i| {
            let mut item = template[i % template.len()].clone();
            item["orderIdentifier"] = Value::String(format!("or_{i:026}"));
            item
        })
        .collect();
    doc["result"] = Value::Array(grown);
    serde_json::to_vec(&doc).expect("JSON")
}
