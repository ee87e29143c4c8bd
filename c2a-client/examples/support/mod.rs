//! Shared by the examples: a client for a real Azotte environment when `C2A_PROJECT`,
//! `C2A_ENV` (`sandbox` or `live`), `C2A_API_KEY` and `C2A_TENANT` are set, otherwise for an
//! in-process `c2a-sandbox` on a free loopback port (offline, nothing to configure).
//! With `C2A_RECORD=DIR`, every call is recorded as a HAR file in `DIR` (no key, tenant id or
//! card data in it), ready for `cargo xtask verify` and for `openapi/recordings/`.

// Each example uses part of this module.
#![allow(dead_code)]

use std::error::Error;

use c2a_client::{Client, ClientBuilder, Environment};

pub mod requests;
pub use requests::{checkout_request, test_card};

/// The client, and the local sandbox it talks to (kept alive while the example runs).
pub async fn connect() -> Result<(Client, Option<c2a_sandbox::Sandbox>), Box<dyn Error>> {
    let vars = ["C2A_PROJECT", "C2A_ENV", "C2A_API_KEY", "C2A_TENANT"].map(|name| std::env::var(name).ok());
    if let [Some(project), Some(env), Some(key), Some(tenant)] = vars {
        let environment = match env.to_ascii_lowercase().as_str() {
            "live" => Environment::Live,
            "sandbox" => Environment::Sandbox,
            other => return Err(format!("C2A_ENV must be `live` or `sandbox`, not {other:?}").into()),
        };
        let client =
            recording(Client::builder().environment(environment, project).api_key(key).tenant(tenant))
                .build()?;
        println!("Using the Azotte {env} environment.");
        return Ok((client, None));
    }
    let sandbox = c2a_sandbox::Sandbox::builder()
        .processing_time(std::time::Duration::from_millis(300))
        .start()
        .await?;
    println!(
        "Using a local c2a-sandbox at {} (set C2A_PROJECT, C2A_ENV, C2A_API_KEY, C2A_TENANT for a real one).",
        sandbox.base_url()
    );
    let client = recording(Client::builder().base_url(sandbox.base_url()))
        .recorded_from(c2a_client::SourceKind::Sandbox)
        .api_key(sandbox.api_key())
        .tenant(sandbox.tenant_id())
        .build()?;
    Ok((client, Some(sandbox)))
}

/// Records into `C2A_RECORD` when it is set.
fn recording(builder: ClientBuilder) -> ClientBuilder {
    match std::env::var_os("C2A_RECORD") {
        Some(dir) => {
            println!("Recording every call into {}.", std::path::Path::new(&dir).display());
            builder.record_to(dir)
        }
        None => builder,
    }
}

/// A unique external id, so the example can run repeatedly against a real environment.
pub fn external_id(prefix: &str) -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{prefix}-{nanos}")
}

/// A new customer (store_customer with a unique external id); its URN.
pub async fn new_customer(client: &Client) -> Result<String, Box<dyn Error>> {
    use c2a_client::types;
    let request = types::StoreCustomerRequest::builder()
        .customer(types::StoreCustomerRequestCustomer::builder().external_identifier(external_id("crm")))
        .claimed_region(types::ClaimedRegion::builder().country_code("DE").language_code("de"));
    Ok(client.store_customer().body(request).send().await?.customer_urn)
}

/// A fresh purchase offer for `customer_urn` and the item identifier of its first bundle.
pub async fn first_bundle(client: &Client, customer_urn: &str) -> Result<(String, String), Box<dyn Error>> {
    use c2a_client::types;
    let context = types::GetBundlesContext::builder()
        .customer_urn(customer_urn.to_owned())
        .interaction_type(types::EnOfferIntentType::NewAcquisition);
    let offer = client.get_bundles().body(types::GetOfferRequest::builder().context(context)).send().await?;
    let offer = offer.offer.ok_or("no offer")?;
    let item = offer.artifact_groups.first().and_then(|g| g.item_identifier.clone()).ok_or("no item")?;
    Ok((offer.offer_identifier, item))
}

/// A customer with an active subscription, bought through the documented flow
/// (store, bundles, checkout and wait), for examples that start after a purchase.
pub async fn subscribed_customer(client: &Client) -> Result<String, Box<dyn Error>> {
    let customer = new_customer(client).await?;
    let (offer, item) = first_bundle(client, &customer).await?;
    let card = Some(test_card("4242424242424242"));
    let request = checkout_request(&offer, &item, &customer, card, Some(&external_id("order")));
    match client.submit_checkout_and_wait(request, std::time::Duration::from_secs(60)).await? {
        c2a_client::waiters::CheckoutOutcome::Done(_) => Ok(customer),
        other => Err(format!("the purchase did not complete: {other:?}").into()),
    }
}
