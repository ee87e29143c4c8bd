//! The first-purchase flow of the C2A overview: validate the external id, store the
//! customer, resolve a purchase offer, check out, wait for the outcome, and confirm the
//! subscription. `cargo run -p c2a-client --example first_purchase` runs it offline against
//! an in-process sandbox (see `support/mod.rs` for a real environment).

mod support;

use std::error::Error;
use std::time::Duration;

use c2a_client::types;
use c2a_client::waiters::CheckoutOutcome;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (client, _sandbox) = support::connect().await?;
    let external_id = support::external_id("crm");

    // 1. Is the external id free?
    let validation = client
        .validate_customer()
        .body(types::ValidateCustomerRequest::builder().external_id(external_id.clone()))
        .send()
        .await?;
    println!("1. validate {external_id}: available = {:?}", validation.is_available);

    // 2. Project the customer into Azotte.
    let customer = client
        .store_customer()
        .body(
            types::StoreCustomerRequest::builder()
                .customer(
                    types::StoreCustomerRequestCustomer::builder()
                        .external_identifier(external_id.clone())
                        .email(format!("{external_id}@example.com"))
                        .first_name("Jane".to_owned())
                        .last_name("Doe".to_owned()),
                )
                .claimed_region(types::ClaimedRegion::builder().country_code("DE").language_code("de")),
        )
        .send()
        .await?;
    println!("2. stored customer {}", customer.customer_urn);

    // 3. Resolve the purchase offer.
    let offer = client
        .get_bundles()
        .body(
            types::GetOfferRequest::builder().context(
                types::GetBundlesContext::builder()
                    .customer_urn(customer.customer_urn.clone())
                    .interaction_type(types::EnOfferIntentType::NewAcquisition),
            ),
        )
        .send()
        .await?
        .offer
        .ok_or("no offer in the response")?;
    let group = offer.artifact_groups.first().ok_or("the offer has no bundle")?;
    let item = group.item_identifier.clone().ok_or("the bundle has no item identifier")?;
    let price = group.price.as_ref().and_then(types::Price::money).map(|m| m.to_string()).unwrap_or_default();
    println!("3. offer {} -> {} {price}", offer.offer_identifier, group.name.as_deref().unwrap_or(&item));

    // 4 + 5. Check out with a test card and wait for the outcome (no polling loop here).
    let request = support::checkout_request(
        &offer.offer_identifier,
        &item,
        &customer.customer_urn,
        Some(support::test_card("4242424242424242")),
        Some(&support::external_id("order")),
    );
    match client.submit_checkout_and_wait(request, Duration::from_secs(60)).await? {
        CheckoutOutcome::Done(result) => println!("4-5. checkout {} is done", result.tracking_number),
        CheckoutOutcome::ActionRequired(redirect) => {
            println!("4-5. 3DS required: send the customer to {:?}, then wait again", redirect.redirect_url);
            return Ok(());
        }
        CheckoutOutcome::Failed(result) => {
            return Err(format!("checkout failed: {}", result.status.message.unwrap_or_default()).into());
        }
    }

    // 6. The subscription is there.
    let subscriptions =
        client.list_customer_subscriptions().customer_urn(customer.customer_urn).send().await?;
    for subscription in &subscriptions {
        println!(
            "6. subscription {} to {} is {}",
            subscription.order_identifier,
            subscription.bundle_name.as_deref().unwrap_or("?"),
            subscription.state.as_ref().map(ToString::to_string).unwrap_or_default()
        );
    }
    Ok(())
}
