//! The two checkout outcomes besides success: a card that needs a 3DS challenge (the wait
//! returns `ActionRequired` with the page to send the customer to; once they complete it, wait
//! again with the same tracking number), and a declined card (`Failed` with the reason).
//! `cargo run -p c2a-client --example checkout_outcomes` runs offline against an in-process
//! sandbox, whose test cards trigger both; a real environment needs real test cards, so this
//! example runs only against the sandbox.

mod support;

use std::error::Error;
use std::time::Duration;

use c2a_client::Client;
use c2a_client::types;
use c2a_client::waiters::CheckoutOutcome;

const WAIT: Duration = Duration::from_secs(60);

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let (client, sandbox) = support::connect().await?;
    if sandbox.is_none() {
        return Err("this example uses the sandbox's test cards; unset C2A_PROJECT to run it offline".into());
    }

    // A card that needs 3DS: the first wait ends with the challenge page.
    let request = card_checkout(&client, c2a_sandbox::fixtures::CARD_3DS).await?;
    let tracking = client.submit_checkout().body(request).send().await?.tracking_number;
    let CheckoutOutcome::ActionRequired(redirect) =
        client.wait_for_checkout(tracking.clone()).max_wait(WAIT).await?
    else {
        return Err("expected a 3DS challenge".into());
    };
    let page = redirect.redirect_url.ok_or("no challenge page")?;
    println!("1. 3DS required: the customer completes {page}");
    // Here the customer's browser opens the page; the sandbox completes the challenge on a GET.
    reqwest::get(&page).await?.error_for_status()?;
    match client.wait_for_checkout(tracking).max_wait(WAIT).await? {
        CheckoutOutcome::Done(result) => {
            println!("2. after the challenge, checkout {} is done", result.tracking_number)
        }
        other => return Err(format!("expected Done after the challenge, got {other:?}").into()),
    }

    // A declined card: the outcome carries the reason.
    let request = card_checkout(&client, c2a_sandbox::fixtures::CARD_DECLINE).await?;
    match client.submit_checkout_and_wait(request, WAIT).await? {
        CheckoutOutcome::Failed(result) => {
            println!("3. declined: {}", result.status.message.unwrap_or_default());
        }
        other => return Err(format!("expected the decline, got {other:?}").into()),
    }
    Ok(())
}

/// A new customer, a fresh offer, and a checkout request for its first bundle paid by `card`.
async fn card_checkout(client: &Client, card: &str) -> Result<types::CheckoutRequest, Box<dyn Error>> {
    let customer = support::new_customer(client).await?;
    let (offer, item) = support::first_bundle(client, &customer).await?;
    let card = Some(support::test_card(card));
    Ok(support::checkout_request(&offer, &item, &customer, card, Some(&support::external_id("order"))))
}
