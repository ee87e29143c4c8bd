//! The cancellation flow of the C2A overview: find the subscription, request the cancel
//! (reasons and maybe a retention offer), then confirm it; finally undo it with reactivate.
//! `cargo run -p c2a-client --example cancellation` runs offline against an in-process
//! sandbox, buying a subscription first; against a real environment set `C2A_CUSTOMER_URN`
//! to a customer with an active subscription.

mod support;

use std::error::Error;

use c2a_client::types::{self, CancelDecision, EnSubscriptionCancelMethod};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (client, sandbox) = support::connect().await?;
    let customer_urn = match (std::env::var("C2A_CUSTOMER_URN"), &sandbox) {
        (Ok(urn), _) => urn,
        (Err(_), Some(_)) => support::subscribed_customer(&client).await?,
        (Err(_), None) => return Err("set C2A_CUSTOMER_URN to a customer with an active subscription".into()),
    };

    // 1. Find a subscription that can be canceled.
    let subscriptions =
        client.list_customer_subscriptions().customer_urn(customer_urn.clone()).send().await?;
    let subscription = subscriptions
        .iter()
        .find(|s| s.options.as_ref().and_then(|o| o.can_cancel).unwrap_or(false))
        .ok_or("no cancelable subscription")?;
    let order = subscription.order_identifier.clone();
    println!(
        "1. subscription {order} ({}) can be canceled",
        subscription.bundle_name.as_deref().unwrap_or("?")
    );

    // 2. Ask what canceling means right now.
    let request = types::RequestCancelRequest::builder()
        .order_identifier(order.clone())
        .cancelation_method(EnSubscriptionCancelMethod::EndOfPeriod);
    let context = client.request_cancel().body(request).send().await?;
    let reasons: Vec<&str> = context.cancellation_reasons.iter().map(|r| r.code.as_str()).collect();
    println!("2. reasons offered: {}", reasons.join(", "));
    match context.decision() {
        CancelDecision::Offer(offer) => {
            // A real front end shows the retention offer; accepting it is a normal checkout of
            // `offer.offer_identifier`. This customer declines.
            println!("   retention offer {} declined", offer.offer_identifier);
        }
        CancelDecision::Processed | CancelDecision::Presentation => println!("   no retention offer"),
        CancelDecision::Unknown(kind) => println!("   unknown next step {kind:?}: proceeding"),
    }

    // 3. Confirm with the reason the customer picked.
    let survey = serde_json::json!({ "reasonCode": reasons.first().copied().unwrap_or("OTHER") }).to_string();
    let confirm = types::ConfirmCancelRequest::builder()
        .order_identifier(order.clone())
        .cancelation_method(EnSubscriptionCancelMethod::EndOfPeriod)
        .survey(survey);
    client.confirm_cancel().body(confirm).send().await?;
    println!("3. cancellation confirmed: {}", state_of(&client, &customer_urn, &order).await?);

    // 4. Changed their mind before the period ended.
    client
        .reactivate_subscription()
        .body(types::RestartSubscriptionContext::builder().order_identifier(order.clone()))
        .send()
        .await?;
    println!("4. reactivated: {}", state_of(&client, &customer_urn, &order).await?);
    Ok(())
}

async fn state_of(
    client: &c2a_client::Client,
    customer: &str,
    order: &str,
) -> Result<String, Box<dyn Error>> {
    let subscriptions = client.list_customer_subscriptions().customer_urn(customer.to_owned()).send().await?;
    let subscription =
        subscriptions.iter().find(|s| s.order_identifier == order).ok_or("subscription vanished")?;
    Ok(subscription.state.as_ref().map(ToString::to_string).unwrap_or_default())
}
