//! The client against `c2a-sandbox` over real HTTP: the two documented flows, the 3DS and
//! decline paths, idempotent resubmission and cross-tenant isolation. On a paused tokio clock:
//! the sandbox's processing time and the waiter's delays follow it, so nothing waits in real time.

use std::time::Duration;

use c2a_client::types::{self, CancelDecision, EnSubscriptionCancelMethod, EnSubscriptionState, MessageCode};
use c2a_client::waiters::CheckoutOutcome;
use c2a_client::{Client, RetryPolicy, WaitError};
use c2a_sandbox::Sandbox;

use crate::support;

const WAIT: Duration = Duration::from_secs(30);

async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .tenant("tenant-a", "sk_dev_a")
        .tenant("tenant-b", "sk_dev_b")
        .processing_time(Duration::from_millis(50))
        .start()
        .await
        .expect("sandbox starts")
}

fn client_for(sandbox: &Sandbox, tenant: usize) -> Client {
    let t = &sandbox.tenants()[tenant];
    Client::builder()
        .base_url(sandbox.base_url())
        .api_key(t.api_key.clone())
        .tenant(t.tenant_id.clone())
        .retry(RetryPolicy::none())
        .build()
        .expect("client")
}

async fn new_customer(client: &Client) -> String {
    let request = types::StoreCustomerRequest::builder()
        .customer(
            types::StoreCustomerRequestCustomer::builder().external_identifier(support::external_id("crm")),
        )
        .claimed_region(types::ClaimedRegion::builder().country_code("DE").language_code("de"));
    client.store_customer().body(request).send().await.expect("store").customer_urn
}

/// A checkout request for the first bundle of a fresh purchase offer, paid with `card`.
async fn checkout_request(
    client: &Client,
    customer: &str,
    card: &str,
    correlation: &str,
) -> types::CheckoutRequest {
    let context = types::GetBundlesContext::builder()
        .customer_urn(customer.to_owned())
        .interaction_type(types::EnOfferIntentType::NewAcquisition);
    let offer = client.get_bundles().body(types::GetOfferRequest::builder().context(context)).send().await;
    let offer = offer.expect("offer").offer.expect("an offer");
    let item = offer.artifact_groups[0].item_identifier.clone().expect("item identifier");
    support::checkout_request(
        &offer.offer_identifier,
        &item,
        customer,
        Some(support::test_card(card)),
        Some(correlation),
    )
}

#[tokio::test(start_paused = true)]
async fn first_purchase_flow_ends_with_an_active_subscription() {
    let sandbox = sandbox().await;
    let client = client_for(&sandbox, 0);
    let external = support::external_id("crm");
    let validation = client
        .validate_customer()
        .body(types::ValidateCustomerRequest::builder().external_id(external.clone()))
        .send()
        .await
        .expect("validate");
    assert_eq!(validation.is_available, Some(true));
    let customer = new_customer(&client).await;
    let request = checkout_request(&client, &customer, "4242424242424242", "order-1").await;
    let outcome = client.submit_checkout_and_wait(request, WAIT).await.expect("checkout");
    assert!(matches!(outcome, CheckoutOutcome::Done(_)), "{outcome:?}");
    let subscriptions =
        client.list_customer_subscriptions().customer_urn(customer).send().await.expect("list");
    assert_eq!(subscriptions.len(), 1);
    assert_eq!(subscriptions[0].state, Some(EnSubscriptionState::Active));
}

#[tokio::test(start_paused = true)]
async fn cancellation_flow_with_retention_offer_then_reactivation() {
    let sandbox = sandbox().await;
    let client = client_for(&sandbox, 0);
    let customer = support::subscribed_customer(&client).await.expect("purchase");
    let subscriptions =
        client.list_customer_subscriptions().customer_urn(customer.clone()).send().await.expect("list");
    let order = subscriptions[0].order_identifier.clone();

    let request = types::RequestCancelRequest::builder()
        .order_identifier(order.clone())
        .cancelation_method(EnSubscriptionCancelMethod::EndOfPeriod);
    let context = client.request_cancel().body(request).send().await.expect("request cancel");
    assert!(!context.cancellation_reasons.is_empty());
    let CancelDecision::Offer(offer) = context.decision() else {
        panic!("expected a retention offer: {context:?}")
    };
    assert!(!offer.offer_identifier.is_empty());

    let confirm = types::ConfirmCancelRequest::builder()
        .order_identifier(order.clone())
        .cancelation_method(EnSubscriptionCancelMethod::EndOfPeriod);
    client.confirm_cancel().body(confirm).send().await.expect("confirm");
    let state = |subs: Vec<types::CustomerSubscriptionInfoDto>| {
        subs.into_iter().find(|s| s.order_identifier == order).and_then(|s| s.state)
    };
    let after =
        client.list_customer_subscriptions().customer_urn(customer.clone()).send().await.expect("list");
    assert_eq!(state(after), Some(EnSubscriptionState::Canceled));

    let restart = types::RestartSubscriptionContext::builder().order_identifier(order.clone());
    client.reactivate_subscription().body(restart).send().await.expect("reactivate");
    let after = client.list_customer_subscriptions().customer_urn(customer).send().await.expect("list");
    assert_eq!(state(after), Some(EnSubscriptionState::Reactivated));
}

#[tokio::test(start_paused = true)]
async fn three_ds_challenge_then_done() {
    let sandbox = sandbox().await;
    let client = client_for(&sandbox, 0);
    let customer = new_customer(&client).await;
    let request = checkout_request(&client, &customer, "4000000000003220", "order-3ds").await;
    let tracking = client.submit_checkout().body(request).send().await.expect("submit").tracking_number;

    let first = client.wait_for_checkout(tracking.clone()).max_wait(WAIT).await.expect("action");
    let CheckoutOutcome::ActionRequired(redirect) = first else { panic!("expected 3DS, got {first:?}") };
    let url = redirect.redirect_url.expect("redirect url");
    assert!(url.starts_with(sandbox.base_url().trim_end_matches("/api/v1")), "{url}");
    // The end user completes the challenge in the browser.
    let page = reqwest::get(&url).await.expect("challenge page");
    assert!(page.status().is_success());

    let second = client.wait_for_checkout(tracking).max_wait(WAIT).await.expect("done");
    assert!(matches!(second, CheckoutOutcome::Done(_)), "{second:?}");
}

#[tokio::test(start_paused = true)]
async fn a_declined_card_fails_with_a_message() {
    let sandbox = sandbox().await;
    let client = client_for(&sandbox, 0);
    let customer = new_customer(&client).await;
    let request = checkout_request(&client, &customer, "4000000000000002", "order-declined").await;
    let outcome = client.submit_checkout_and_wait(request, WAIT).await.expect("outcome");
    let CheckoutOutcome::Failed(result) = outcome else { panic!("expected Failed, got {outcome:?}") };
    assert_eq!(result.status.message_code, MessageCode::CheckOutFailed);
    assert!(result.status.message.is_some_and(|m| !m.is_empty()));
    let subscriptions =
        client.list_customer_subscriptions().customer_urn(customer).send().await.expect("list");
    assert!(subscriptions.is_empty(), "a declined checkout creates nothing");
}

#[tokio::test(start_paused = true)]
async fn resubmitting_a_correlation_id_never_charges_twice() {
    let sandbox = sandbox().await;
    let client = client_for(&sandbox, 0);
    let customer = new_customer(&client).await;
    let request = checkout_request(&client, &customer, "4242424242424242", "order-once").await;
    let first = client.submit_checkout().body(request.clone()).send().await.expect("first");
    let second = client.submit_checkout().body(request).send().await.expect("second");
    assert_eq!(first.tracking_number, second.tracking_number);
    let outcome = client.wait_for_checkout(first.tracking_number).max_wait(WAIT).await.expect("done");
    assert!(matches!(outcome, CheckoutOutcome::Done(_)));
    let subscriptions =
        client.list_customer_subscriptions().customer_urn(customer).send().await.expect("list");
    assert_eq!(subscriptions.len(), 1, "one order, one subscription");
}

#[tokio::test(start_paused = true)]
async fn another_tenant_sees_nothing() {
    let sandbox = sandbox().await;
    let (a, b) = (client_for(&sandbox, 0), client_for(&sandbox, 1));
    let customer = new_customer(&a).await;
    let request = checkout_request(&a, &customer, "4242424242424242", "order-iso").await;
    let tracking = a.submit_checkout().body(request).send().await.expect("submit").tracking_number;

    let err = b
        .get_customer_info()
        .customer_urn(customer.clone())
        .send()
        .await
        .expect_err("other tenant's customer");
    assert_eq!(err.message_code(), Some(&MessageCode::CustomerNotFound));
    let err =
        b.wait_for_checkout(tracking.clone()).max_wait(WAIT).await.expect_err("other tenant's checkout");
    let WaitError::Request(inner) = &err else { panic!("{err:?}") };
    assert_eq!(inner.message_code(), Some(&MessageCode::OrderedItemNotFound));
    // The owner still sees both.
    assert_eq!(
        a.get_customer_info().customer_urn(customer.clone()).send().await.expect("own customer").customer_urn,
        customer
    );
    assert!(matches!(a.wait_for_checkout(tracking).max_wait(WAIT).await, Ok(CheckoutOutcome::Done(_))));
}

#[tokio::test(start_paused = true)]
async fn wrong_credentials_are_unauthorized() {
    let sandbox = sandbox().await;
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .api_key("sk_dev_wrong")
        .tenant("tenant-a")
        .build()
        .expect("client");
    let err = client.get_customer_info().customer_urn("cu.00.1").send().await.expect_err("401");
    assert!(matches!(err, c2a_client::Error::Unauthorized { .. }), "{err:?}");
}
