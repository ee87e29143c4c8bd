//! Hand-written `reqwest` + `serde_json` calls: the baseline of the per-call benchmark.
//!
//! Each function sends the request the generated client sends for the operation (same URL,
//! same `Accept` and `api-version` headers; credentials and user agent come from the shared
//! `reqwest::Client`'s default headers), reads the body and decodes the same generated
//! envelope type with `serde_json::from_slice`. No tracing span, no retry hook, no
//! message-code check: what a careful hand-written call would minimally do.

use c2a_client::types;
use reqwest::header::ACCEPT;

/// The `Accept` header the generated client sends.
pub const ACCEPT_VALUE: &str = "application/clientOutput+Json, application/json;q=0.9";

/// Why a hand-written call failed.
#[derive(Debug)]
pub enum BaselineError {
    /// Sending or reading failed.
    Http(reqwest::Error),
    /// The body is not the expected JSON.
    Json(serde_json::Error),
}

impl From<reqwest::Error> for BaselineError {
    fn from(e: reqwest::Error) -> Self {
        Self::Http(e)
    }
}

impl From<serde_json::Error> for BaselineError {
    fn from(e: serde_json::Error) -> Self {
        Self::Json(e)
    }
}

async fn get_json<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    url: String,
) -> Result<T, BaselineError> {
    let response = http.get(url).header(ACCEPT, ACCEPT_VALUE).header("api-version", "v1").send().await?;
    let body = response.bytes().await?;
    Ok(serde_json::from_slice(&body)?)
}

/// `GET {base}/c2a/offer/checkout/{tracking}/status`, decoded as `CheckoutResult`.
///
/// # Errors
/// Transport or decoding failures.
pub async fn checkout_status(
    http: &reqwest::Client,
    base_url: &str,
    tracking: &str,
) -> Result<types::CheckoutResult, BaselineError> {
    get_json(http, format!("{base_url}/c2a/offer/checkout/{tracking}/status")).await
}

/// `GET {base}/c2a/subscription/{customer}`, decoded as `CustomerSubscriptionListResponse`,
/// returning its `result`.
///
/// # Errors
/// Transport or decoding failures.
pub async fn subscriptions(
    http: &reqwest::Client,
    base_url: &str,
    customer: &str,
) -> Result<Vec<types::CustomerSubscriptionInfoDto>, BaselineError> {
    let envelope: types::CustomerSubscriptionListResponse =
        get_json(http, format!("{base_url}/c2a/subscription/{customer}")).await?;
    Ok(envelope.result.unwrap_or_default())
}
