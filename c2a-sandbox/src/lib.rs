//! `c2a-sandbox`: a local, stateful, in-memory emulator of the Azotte C2A API.
//!
//! It implements the 19 operations of `openapi/c2a.yaml` under `/api/v1/c2a/...` with the
//! documented envelopes, message codes and `Content-Type: application/clientOutput+Json`,
//! per-tenant isolation, an asynchronous checkout with test cards and a 3DS challenge page,
//! stored payment methods and the subscription cancel / reactivate flows. See the crate's
//! README for the behaviour where the spec is silent.
//!
//! ```no_run
//! # async fn example() -> std::io::Result<()> {
//! use std::time::Duration;
//!
//! let sandbox = c2a_sandbox::Sandbox::builder()
//!     .tenant("tenant-a", "sk_test_a")
//!     .tenant("tenant-b", "sk_test_b")
//!     .processing_time(Duration::from_millis(50))
//!     .start()
//!     .await?;
//! // Give the client `sandbox.base_url()` and the credentials of `sandbox.tenants()`.
//! println!("{} {} {}", sandbox.base_url(), sandbox.tenant_id(), sandbox.api_key());
//! # Ok(())
//! # }
//! ```
//!
//! All timing uses `tokio::time::Instant`: under a paused tokio clock
//! (`#[tokio::test(start_paused = true)]`), `tokio::time::advance` moves checkout stages,
//! offer expiry and subscription periods forward deterministically.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

mod cards;
mod catalog;
mod clock;
mod handlers;
mod http;
mod state;
mod wire;

pub use http::MAX_BODY_BYTES;

/// Tenant id of the demo tenant used when no tenant is configured (the docs' sample `x-tn`,
/// so the docs' cURL samples work against the sandbox as they are).
pub const DEFAULT_TENANT_ID: &str = "e2a1c7b2-4f3a-4b8e-9c2d-1a2b3c4d5e6f";
/// API key of the demo tenant (the docs' sample `x-api-key`).
pub const DEFAULT_API_KEY: &str = "sk_dev_acme_sample_123456789";

/// Default time a checkout spends in `CHECK_OUT_PROCESSING` (library; the binary uses 2 s).
pub const DEFAULT_PROCESSING_TIME: Duration = Duration::from_millis(200);
/// Default lifetime of a resolved offer.
pub const DEFAULT_OFFER_TTL: Duration = Duration::from_secs(15 * 60);
/// Default length of a subscription period.
pub const DEFAULT_SUBSCRIPTION_PERIOD: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// Test data the sandbox recognises.
pub mod fixtures {
    /// Approved card (every other valid card number is approved too).
    pub const CARD_APPROVE: &str = crate::cards::CARD_APPROVE;
    /// Declined card: CHECK_OUT_FAILED at checkout, CARD_DECLINED when added.
    pub const CARD_DECLINE: &str = crate::cards::CARD_DECLINE;
    /// Card that needs a 3DS challenge at checkout (CHECK_OUT_3DS_REQUIRED).
    pub const CARD_3DS: &str = crate::cards::CARD_3DS;
    /// Card whose PSP is down: PSP_UNAVAILABLE when added, CHECK_OUT_FAILED at checkout.
    pub const CARD_PSP_UNAVAILABLE: &str = crate::cards::CARD_PSP_UNAVAILABLE;
    /// The docs' sample card (approved; masked as `411111******1111`).
    pub const CARD_VISA: &str = "4111111111111111";
    /// Valid promotion code: 20% off.
    pub const PROMOTION_CODE: &str = crate::catalog::PROMOTION_CODE;
    /// Valid promotion code: 10% off.
    pub const PROMOTION_CODE_10: &str = crate::catalog::PROMOTION_CODE_10;
    /// Known but expired promotion code (INVALID_PROMOTION_CODE).
    pub const EXPIRED_PROMOTION_CODE: &str = crate::catalog::EXPIRED_PROMOTION_CODE;
}

/// A configured tenant: its credentials and the URNs of its seeded storefronts.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SandboxTenant {
    /// Value for the `x-tn` header.
    pub tenant_id: String,
    /// Value for the `x-api-key` header.
    pub api_key: String,
    /// Default storefront (EUR): Pro Monthly and Pro Yearly, both with a retention offer.
    pub main_storefront_urn: String,
    /// Second storefront (USD): Basic Monthly, without a retention offer.
    pub secondary_storefront_urn: String,
    /// Storefront without bundles: get_bundles answers NO_OFFER_FOUND.
    pub empty_storefront_urn: String,
}

impl SandboxTenant {
    fn new(index: usize, tenant_id: String, api_key: String) -> Self {
        Self {
            tenant_id,
            api_key,
            main_storefront_urn: catalog::storefront_urn(index, 1),
            secondary_storefront_urn: catalog::storefront_urn(index, 2),
            empty_storefront_urn: catalog::storefront_urn(index, 3),
        }
    }
}

/// Configures and starts a [`Sandbox`].
#[derive(Clone, Debug)]
pub struct SandboxBuilder {
    tenants: Vec<(String, String)>,
    processing_time: Duration,
    offer_ttl: Duration,
    subscription_period: Duration,
    addr: SocketAddr,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        Self {
            tenants: Vec::new(),
            processing_time: DEFAULT_PROCESSING_TIME,
            offer_ttl: DEFAULT_OFFER_TTL,
            subscription_period: DEFAULT_SUBSCRIPTION_PERIOD,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        }
    }
}

impl SandboxBuilder {
    /// Adds a tenant with its API key. Without any, one demo tenant
    /// ([`DEFAULT_TENANT_ID`], [`DEFAULT_API_KEY`]) is configured.
    #[must_use]
    pub fn tenant(mut self, tenant_id: impl Into<String>, api_key: impl Into<String>) -> Self {
        self.tenants.push((tenant_id.into(), api_key.into()));
        self
    }

    /// How long a checkout stays in `CHECK_OUT_PROCESSING` (also after a 3DS challenge).
    #[must_use]
    pub fn processing_time(mut self, duration: Duration) -> Self {
        self.processing_time = duration;
        self
    }

    /// How long a resolved offer can be checked out before OFFER_EXPIRED.
    #[must_use]
    pub fn offer_ttl(mut self, duration: Duration) -> Self {
        self.offer_ttl = duration;
        self
    }

    /// Length of a subscription period (at least one second).
    #[must_use]
    pub fn subscription_period(mut self, duration: Duration) -> Self {
        self.subscription_period = duration.max(Duration::from_secs(1));
        self
    }

    /// Address to listen on; `127.0.0.1:0` (a free loopback port) by default.
    #[must_use]
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Binds, spawns the server on the current tokio runtime and returns its handle.
    ///
    /// # Errors
    /// `InvalidInput` for an unusable tenant list (empty or duplicate id or key, or a
    /// value that cannot travel in a header); otherwise the error of binding the address.
    pub async fn start(self) -> io::Result<Sandbox> {
        let mut pairs = self.tenants;
        if pairs.is_empty() {
            pairs.push((DEFAULT_TENANT_ID.to_owned(), DEFAULT_API_KEY.to_owned()));
        }
        check_tenants(&pairs)?;
        let tenants: Vec<SandboxTenant> =
            pairs.into_iter().enumerate().map(|(i, (id, key))| SandboxTenant::new(i, id, key)).collect();
        let listener = tokio::net::TcpListener::bind(self.addr).await?;
        let addr = listener.local_addr()?;
        let config = state::Config {
            processing_time: self.processing_time,
            offer_ttl: self.offer_ttl,
            subscription_period: self.subscription_period,
        };
        let shared = Arc::new(state::Shared::new(config, tenants.clone(), addr));
        let app = http::router(shared);
        let (shutdown, signal) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = signal.await;
                })
                .await
        });
        Ok(Sandbox {
            addr,
            base_url: format!("http://{addr}/api/v1"),
            tenants,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }
}

fn check_tenants(pairs: &[(String, String)]) -> io::Result<()> {
    let invalid = |message: String| Err(io::Error::new(io::ErrorKind::InvalidInput, message));
    for (i, (id, key)) in pairs.iter().enumerate() {
        for (what, value) in [("tenant id", id), ("API key", key)] {
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
                return invalid(format!("{what} `{value}` must be non-empty visible ASCII"));
            }
        }
        if pairs[..i].iter().any(|(other, _)| other == id) {
            return invalid(format!("tenant id `{id}` is configured twice"));
        }
        if pairs[..i].iter().any(|(_, other)| other == key) {
            return invalid(format!("API key `{key}` is configured twice; a key belongs to one tenant"));
        }
    }
    Ok(())
}

/// A running sandbox. Dropping it stops the server (graceful shutdown).
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    base_url: String,
    tenants: Vec<SandboxTenant>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<io::Result<()>>>,
}

impl Sandbox {
    /// Starts a sandbox with the defaults: one demo tenant, a free loopback port.
    ///
    /// # Errors
    /// The error of binding `127.0.0.1:0`.
    pub async fn start() -> io::Result<Self> {
        Self::builder().start().await
    }

    /// A builder for tenants, timings and the address.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// The base URL to give the client: `http://127.0.0.1:PORT/api/v1` (the spec's server
    /// URL shape; operation paths start with `/c2a/`).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `x-tn` of the first tenant.
    pub fn tenant_id(&self) -> &str {
        &self.tenants[0].tenant_id
    }

    /// `x-api-key` of the first tenant.
    pub fn api_key(&self) -> &str {
        &self.tenants[0].api_key
    }

    /// Every configured tenant, in configuration order.
    pub fn tenants(&self) -> &[SandboxTenant] {
        &self.tenants
    }

    /// Stops accepting connections, lets open requests finish, and waits for the server.
    ///
    /// # Errors
    /// The server's own I/O error, if it failed.
    pub async fn shutdown(mut self) -> io::Result<()> {
        if let Some(signal) = self.shutdown.take() {
            let _ = signal.send(());
        }
        match self.task.take() {
            Some(task) => task.await.map_err(io::Error::other)?,
            None => Ok(()),
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(signal) = self.shutdown.take() {
            let _ = signal.send(());
        }
    }
}
