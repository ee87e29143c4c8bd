//! Typed client for the Azotte C2A API.
//!
//! The [`generated`] module is produced from `openapi/c2a.yaml` by `cargo xtask codegen`
//! (progenitor plus the project's post-processing passes) and is never edited by hand. This
//! file re-exports it; hand-written runtime modules sit beside it.
//!
//! ```no_run
//! use c2a_client::{Client, types};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let mut headers = reqwest::header::HeaderMap::new();
//! headers.insert("x-api-key", "sk_dev_acme_sample_123456789".parse()?);
//! headers.insert("x-tn", "e2a1c7b2-4f3a-4b8e-9c2d-1a2b3c4d5e6f".parse()?);
//! let http = reqwest::Client::builder().default_headers(headers).build()?;
//! let client = Client::new_with_client("https://acme.sandbox.azotte.com/api/v1", http);
//!
//! let request = types::ValidateCustomerRequest::builder().external_id("crm-9981273");
//! let response = client.validate_customer().body(request).send().await?;
//! println!("available: {:?}", response.is_available);
//! # Ok(())
//! # }
//! ```

#[rustfmt::skip]
pub mod generated;

pub use generated::{ByteStream, Client, ClientInfo, Error, ResponseValue, builder, prelude, types};
