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
//! offer expiry, subscription periods and the retention of finished state forward
//! deterministically.
//!
//! The server speaks HTTP/1.1 and cleartext HTTP/2 (prior knowledge) on the same port, closes
//! connections that are slow to send a request head or idle for too long, listens with a
//! configurable backlog, and builds every URL it hands out from its configured public URL
//! (never from the request's `Host` header).

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::state::AppState;

mod cards;
mod catalog;
mod clock;
mod handlers;
mod http;
mod serve;
mod state;
mod wire;

pub use http::{DRAIN_BYTES, DRAIN_TIME, MAX_BODY_BYTES};

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
/// Default time a settled checkout and an expired offer are remembered (see
/// [`SandboxBuilder::retention`]).
pub const DEFAULT_RETENTION: Duration = Duration::from_secs(60 * 60);
/// Default limit for receiving an HTTP/1 request head (see
/// [`SandboxBuilder::header_read_timeout`]).
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Default limit for a connection without any traffic (see [`SandboxBuilder::idle_timeout`]).
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Default listen backlog (see [`SandboxBuilder::backlog`]).
pub const DEFAULT_BACKLOG: u32 = 16_384;

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
    retention: Duration,
    addr: SocketAddr,
    public_url: Option<String>,
    header_read_timeout: Option<Duration>,
    idle_timeout: Option<Duration>,
    backlog: u32,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        Self {
            tenants: Vec::new(),
            processing_time: DEFAULT_PROCESSING_TIME,
            offer_ttl: DEFAULT_OFFER_TTL,
            subscription_period: DEFAULT_SUBSCRIPTION_PERIOD,
            retention: DEFAULT_RETENTION,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            public_url: None,
            header_read_timeout: Some(DEFAULT_HEADER_READ_TIMEOUT),
            idle_timeout: Some(DEFAULT_IDLE_TIMEOUT),
            backlog: DEFAULT_BACKLOG,
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

    /// How long finished state is remembered ([`DEFAULT_RETENTION`]: one hour): a checkout
    /// that is `CHECK_OUT_DONE`, `CHECK_OUT_FAILED` or waiting for its 3DS challenge, counted
    /// from when it got there, and an offer, counted from its `expiresAt`. After that the
    /// checkout is forgotten (its status is `404 ORDERED_ITEM_NOT_FOUND`, as for any unknown
    /// tracking number, its `correlationId` is free again, and its 3DS page is `404`) and so
    /// is the offer (submit answers `400 INVALID_REQUEST` instead of `410 OFFER_EXPIRED`).
    /// Customers, subscriptions and payment methods are never forgotten.
    /// `Duration::MAX` keeps everything.
    #[must_use]
    pub fn retention(mut self, duration: Duration) -> Self {
        self.retention = duration;
        self
    }

    /// Address to listen on; `127.0.0.1:0` (a free loopback port) by default.
    #[must_use]
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// The URL clients reach the sandbox under, `http(s)://host[:port]` with an optional path
    /// prefix (a trailing `/` is dropped): [`Sandbox::base_url`] is this plus `/api/v1`, and
    /// the 3DS `redirectUrl` and challenge HTML start with it. By default it is derived from
    /// the bound address (`http://127.0.0.1:PORT`; an unspecified address such as `0.0.0.0`
    /// becomes the loopback address). Request headers (`Host`) are never used.
    #[must_use]
    pub fn public_url(mut self, url: impl Into<String>) -> Self {
        self.public_url = Some(url.into());
        self
    }

    /// HTTP/1: how long a client has to send a complete request head, counted from when the
    /// server starts waiting for one: after the connection is accepted and, on a keep-alive
    /// connection, after the previous response (so it also bounds keep-alive idling). The
    /// connection is closed when it runs out. `None` disables it;
    /// [`DEFAULT_HEADER_READ_TIMEOUT`] (10 s) by default.
    #[must_use]
    pub fn header_read_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.header_read_timeout = timeout.into();
        self
    }

    /// Any connection (HTTP/1.1, HTTP/2, or one that has not said which yet) on which no byte
    /// has been read or written for this long is closed. `None` disables it;
    /// [`DEFAULT_IDLE_TIMEOUT`] (60 s) by default.
    #[must_use]
    pub fn idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.idle_timeout = timeout.into();
        self
    }

    /// The listen backlog: connections the kernel queues before the server accepts them
    /// ([`DEFAULT_BACKLOG`]: 16384; the kernel caps it, on Linux at `net.core.somaxconn`).
    #[must_use]
    pub fn backlog(mut self, backlog: u32) -> Self {
        self.backlog = backlog.max(1);
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
        let configured_url = self.public_url.as_deref().map(check_public_url).transpose()?;
        let listener = serve::bind(self.addr, self.backlog)?;
        let addr = listener.local_addr()?;
        let public_url = configured_url.unwrap_or_else(|| default_public_url(addr));
        let config = state::Config {
            processing_time: self.processing_time,
            offer_ttl: self.offer_ttl,
            subscription_period: self.subscription_period,
            retention: self.retention,
        };
        let shared = Arc::new(AppState::new(config, tenants.clone(), public_url.clone()));
        let app = http::router(shared.clone());
        let limits =
            serve::Limits { header_read_timeout: self.header_read_timeout, idle_timeout: self.idle_timeout };
        let (shutdown, signal) = oneshot::channel::<()>();
        let task = tokio::spawn(serve::serve(listener, app, limits, async move {
            let _ = signal.await;
        }));
        Ok(Sandbox {
            addr,
            base_url: format!("{public_url}/api/v1"),
            public_url,
            tenants,
            shared,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }
}

/// `http://` + the bound address, with an unspecified IP replaced by loopback.
fn default_public_url(addr: SocketAddr) -> String {
    let mut addr = addr;
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr {
            SocketAddr::V4(_) => Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    format!("http://{addr}")
}

/// A usable public URL without its trailing `/`. It ends up in JSON and in an HTML
/// attribute, so only visible ASCII without quotes, angle brackets or backslashes is allowed.
fn check_public_url(url: &str) -> io::Result<String> {
    let trimmed = url.trim_end_matches('/');
    let rest = trimmed.strip_prefix("http://").or_else(|| trimmed.strip_prefix("https://"));
    let safe = |b: u8| b.is_ascii_graphic() && !b"\"'<>`\\".contains(&b);
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && rest.bytes().all(safe) => {
            Ok(trimmed.to_owned())
        }
        _ => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("public URL `{url}` must be http(s)://host[:port][/path] in visible ASCII"),
        )),
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

/// Sizes of the sandbox's state, from [`Sandbox::stats`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SandboxStats {
    /// Customers (never forgotten; anonymised ones included).
    pub customers: usize,
    /// Stored payment methods (never forgotten; deleted ones included).
    pub payment_methods: usize,
    /// Subscriptions (never forgotten).
    pub subscriptions: usize,
    /// Offers still remembered (until their retention after expiry ends).
    pub offers: usize,
    /// Checkouts still remembered (until their retention after settling ends).
    pub checkouts: usize,
    /// Time-driven transitions waiting in the due-time index.
    pub scheduled: usize,
}

/// A running sandbox. Dropping it stops the server (graceful shutdown).
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    base_url: String,
    public_url: String,
    tenants: Vec<SandboxTenant>,
    shared: Arc<AppState>,
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

    /// The base URL to give the client: [`public_url`](Self::public_url) + `/api/v1`, so
    /// `http://127.0.0.1:PORT/api/v1` by default (the spec's server URL shape; operation
    /// paths start with `/c2a/`).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL the sandbox builds its links from (see [`SandboxBuilder::public_url`]), without
    /// a trailing `/`: `http://127.0.0.1:PORT` by default.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// How much state the sandbox holds, summed over tenants, after applying every
    /// transition that is due (so forgotten checkouts and offers are no longer counted).
    pub fn stats(&self) -> SandboxStats {
        let mut stats = SandboxStats::default();
        for index in 0..self.shared.tenant_count() {
            self.shared.with_tenant(index, |t, _| {
                stats.customers += t.customers.len();
                stats.payment_methods += t.payment_methods.len();
                stats.subscriptions += t.subscription_count();
                stats.offers += t.offers.len();
                stats.checkouts += t.checkouts.len();
                stats.scheduled += t.scheduled_count();
            });
        }
        stats
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
