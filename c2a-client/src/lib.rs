//! Typed client for the Azotte C2A API.
//!
//! Two parts, as in the crate map (ARCHITECTURE.md):
//!
//! - [`generated`], produced from `openapi/c2a.yaml` by `cargo xtask codegen` (progenitor
//!   plus the project's post-processing passes) and never edited by hand: the types, the
//!   `Client` with one builder per operation, the operations' facts, the waiters;
//! - [`c2a_runtime`], the hand-written runtime it calls into: configuration
//!   ([`ClientBuilder`]), envelope decoding and typed errors ([`Error`]), retries
//!   ([`RetryPolicy`]), waiters, recording and money ([`money`]). It knows no operation.
//!
//! This file only names them. Every operation is a builder whose `send()` returns the
//! payload a caller wants:
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
//!
//! The builder is the only way to make a client: progenitor's constructors are not public,
//!
//! ```compile_fail,E0624
//! let http = reqwest::Client::builder().build().unwrap();
//! let config = c2a_client::RuntimeConfig::default();
//! let client = c2a_client::Client::new_with_client("https://acme.azotte.com/api/v1", http, config);
//! ```
//!
//! and the parts the builder validates cannot be made by hand,
//!
//! ```compile_fail,E0451
//! let parts = c2a_client::runtime::ClientParts::<c2a_client::Client> {
//!     base_url: String::new(),
//!     http: reqwest::Client::new(),
//!     config: c2a_client::RuntimeConfig::default(),
//!     client: std::marker::PhantomData,
//! };
//! ```
//!
//! nor be taken from a builder of another client type, whose table (and so the fields its
//! recordings mask) is not this API's:
//!
//! ```compile_fail,E0308
//! use c2a_client::runtime::{ApiTable, ClientBuilder, ClientParts, GeneratedClient};
//! struct Shim(ClientParts<Shim>);
//! static NOTHING: ApiTable = ApiTable::new(&[], &[], "[]", |_| None);
//! impl GeneratedClient for Shim {
//!     const API: &'static ApiTable = &NOTHING;
//!     fn from_parts(parts: ClientParts<Self>) -> Self { Shim(parts) }
//! }
//! let shim = ClientBuilder::<Shim>::new().base_url("http://127.0.0.1:1/api/v1").api_key("k").tenant("t");
//! let Shim(parts) = shim.build().unwrap();
//! let client = <c2a_client::Client as GeneratedClient>::from_parts(parts);
//! ```

#[rustfmt::skip]
pub mod generated;

/// The runtime this client calls into, for what the names above do not cover.
pub use c2a_runtime as runtime;
pub use c2a_runtime::{
    ApiKey, CallOptions, ConfigError, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONCURRENT_REQUESTS,
    DEFAULT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT, Environment, RawError, RetryPolicy, RuntimeConfig, SourceKind,
    drift, har, money, waiter,
};
pub use generated::runtime_types::{ClientBuilder, Error, Response, WaitError};
pub use generated::{Client, builder, operations, prelude, runtime_types, types, waiters};
