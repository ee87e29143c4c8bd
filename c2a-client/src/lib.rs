//! Typed client for the Azotte C2A API.
//!
//! The [`generated`] module is produced from `openapi/c2a.yaml` by `cargo xtask codegen`
//! (progenitor plus the project's post-processing passes) and is never edited by hand. This
//! file re-exports it beside the hand-written runtime it calls into: configuration
//! ([`ClientBuilder`]), envelope decoding and typed errors ([`Error`]), retries
//! ([`RetryPolicy`]) and money ([`money`]).
//!
//! Every operation is a builder whose `send()` returns the payload a caller wants:
//!
//! ```no_run
//! use c2a_client::{Client, Environment, types};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder()
//!     .environment(Environment::Sandbox, "acme")
//!     .api_key(std::env::var("C2A_API_KEY")?)
//!     .tenant(std::env::var("C2A_TENANT")?)
//!     .build()?;
//!
//! let request = types::ValidateCustomerRequest::builder().external_id("crm-9981273");
//! let validation = client.validate_customer().body(request).send().await?;
//! println!("available: {:?}", validation.is_available);
//! # Ok(())
//! # }
//! ```

mod base_url;
mod config;
mod error;
pub mod money;
mod options;
mod response;
pub mod runtime;
pub mod waiter;

#[rustfmt::skip]
pub mod generated;

pub use config::{ApiKey, ClientBuilder, ConfigError, Environment};
pub use error::Error;
pub use generated::{Client, builder, operations, prelude, types, waiters};
pub use options::{
    CallOptions, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_TIMEOUT,
    DEFAULT_TOTAL_TIMEOUT, RuntimeConfig,
};
/// The error of the raw layer: what `send_raw()` returns when the request cannot be built
/// or sent. `send()` and `send_with_response()` turn it into [`Error`].
pub use progenitor_client::Error as RawError;
pub use response::Response;
pub use runtime::SourceKind;
pub use runtime::retry::RetryPolicy;
pub use waiter::WaitError;
