//! The in-memory model: one [`Tenant`] per configured tenant, each behind its own mutex.
//!
//! Nothing runs in the background. Time-driven transitions (checkout stages, subscription
//! periods, forgetting expired offers and settled checkouts) are applied lazily by
//! [`Tenant::tick`] at the start of every request, from `tokio::time::Instant`, so the model
//! is deterministic under a paused tokio clock.
//!
//! The cost of a request does not grow with the tenant's history: every transition is filed
//! in a due-time index ([`Tenant::tick`] pops only what is due), and every lookup a handler
//! makes (customer by external id, email or phone; subscription by order; a customer's
//! subscriptions and payment methods) goes through a map, never a scan.
//!
//! Layout: this file holds the settings ([`Config`]), the shared state ([`AppState`]) and the
//! per-request context ([`RequestContext`]); `model` the records, `tenant` the [`Tenant`] with its
//! lookups and mutations, `schedule` the due-time index and [`Tenant::tick`], and
//! `transitions` what the time-driven transitions do to checkouts and subscriptions.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;

use crate::SandboxTenant;
use crate::clock::Clock;

mod model;
mod schedule;
mod tenant;
mod transitions;

pub(crate) use model::{
    CancelMethod, CardToStore, Checkout, Customer, Offer, OfferKind, OfferLine, Payment, PaymentMethod,
    PaymentMethodState, PricedBundle, Stage, Subscription, SubscriptionState,
};
pub(crate) use tenant::Tenant;

/// Settings fixed at start.
#[derive(Clone, Debug)]
pub(crate) struct Config {
    pub(crate) processing_time: Duration,
    pub(crate) offer_ttl: Duration,
    pub(crate) subscription_period: Duration,
    /// How long a settled checkout and an expired offer are remembered.
    pub(crate) retention: Duration,
}

/// Everything the handlers share.
pub(crate) struct AppState {
    pub(crate) config: Config,
    pub(crate) clock: Clock,
    /// `scheme://host[:port]` under which clients reach the sandbox (3DS URLs).
    pub(crate) public_origin: String,
    /// API key -> tenant index. A key belongs to exactly one tenant.
    keys: HashMap<String, usize>,
    credentials: Vec<SandboxTenant>,
    tenants: Vec<Mutex<Tenant>>,
}

/// Per-request view of settings and time.
#[derive(Clone, Copy)]
pub(crate) struct RequestContext<'a> {
    pub(crate) config: &'a Config,
    pub(crate) clock: Clock,
    pub(crate) now: Instant,
}

impl RequestContext<'_> {
    pub(crate) fn date(&self, at: Instant) -> String {
        self.clock.format(at)
    }
}

impl AppState {
    pub(crate) fn new(config: Config, credentials: Vec<SandboxTenant>, public_origin: String) -> Self {
        let keys = credentials.iter().enumerate().map(|(i, c)| (c.api_key.clone(), i)).collect();
        let tenants = (0..credentials.len()).map(|i| Mutex::new(Tenant::new(i))).collect();
        Self { config, clock: Clock::start(), public_origin, keys, credentials, tenants }
    }

    /// The tenant index for a key and tenant id, or `None` when they do not belong together.
    pub(crate) fn authenticate(&self, api_key: &str, tenant_id: &str) -> Option<usize> {
        let index = *self.keys.get(api_key)?;
        (self.credentials[index].tenant_id == tenant_id).then_some(index)
    }

    pub(crate) fn tenant_count(&self) -> usize {
        self.tenants.len()
    }

    /// Locks a tenant, applies the transitions that are due, and hands it over with the
    /// request's context. A poisoned lock is recovered: handlers never leave a tenant
    /// half-updated across a panic point, so the data is still consistent.
    pub(crate) fn with_tenant<R>(
        &self,
        index: usize,
        f: impl FnOnce(&mut Tenant, RequestContext<'_>) -> R,
    ) -> R {
        let mut tenant = lock(&self.tenants[index]);
        let ctx = RequestContext { config: &self.config, clock: self.clock, now: self.clock.now() };
        tenant.tick(ctx);
        f(&mut tenant, ctx)
    }
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("config", &self.config)
            .field("public_origin", &self.public_origin)
            .field("tenants", &self.tenants.len())
            .finish_non_exhaustive()
    }
}

fn lock(mutex: &Mutex<Tenant>) -> MutexGuard<'_, Tenant> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
