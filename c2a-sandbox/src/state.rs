//! The in-memory model: one [`Tenant`] per configured tenant, each behind its own mutex.
//!
//! Nothing runs in the background. Time-driven transitions (checkout stages, subscription
//! periods) are applied lazily by [`Tenant::tick`] at the start of every request, from
//! `tokio::time::Instant`, so the model is deterministic under a paused tokio clock.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Map, Value};
use tokio::time::Instant;

use crate::SandboxTenant;
use crate::cards::CardBehaviour;
use crate::catalog::{Bundle, Catalog};
use crate::clock::{Clock, token};

/// How long an expired offer is remembered (and reported as OFFER_EXPIRED).
const OFFER_RETENTION: Duration = Duration::from_secs(24 * 60 * 60);

/// Settings fixed at start.
#[derive(Clone, Debug)]
pub(crate) struct Config {
    pub(crate) processing_time: Duration,
    pub(crate) offer_ttl: Duration,
    pub(crate) subscription_period: Duration,
}

/// Everything the handlers share.
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) clock: Clock,
    pub(crate) local_addr: SocketAddr,
    /// API key -> tenant index. A key belongs to exactly one tenant.
    keys: HashMap<String, usize>,
    credentials: Vec<SandboxTenant>,
    tenants: Vec<Mutex<Tenant>>,
}

/// Per-request view of settings and time.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub(crate) config: &'a Config,
    pub(crate) clock: Clock,
    pub(crate) now: Instant,
}

impl Ctx<'_> {
    pub(crate) fn date(&self, at: Instant) -> String {
        self.clock.format(at)
    }
}

impl Shared {
    pub(crate) fn new(config: Config, credentials: Vec<SandboxTenant>, local_addr: SocketAddr) -> Self {
        let keys = credentials.iter().enumerate().map(|(i, c)| (c.api_key.clone(), i)).collect();
        let tenants = (0..credentials.len()).map(|i| Mutex::new(Tenant::new(i))).collect();
        Self { config, clock: Clock::start(), local_addr, keys, credentials, tenants }
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
    pub(crate) fn with_tenant<R>(&self, index: usize, f: impl FnOnce(&mut Tenant, Ctx<'_>) -> R) -> R {
        let mut tenant = lock(&self.tenants[index]);
        let ctx = Ctx { config: &self.config, clock: self.clock, now: self.clock.now() };
        tenant.tick(ctx);
        f(&mut tenant, ctx)
    }
}

fn lock(mutex: &Mutex<Tenant>) -> MutexGuard<'_, Tenant> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

// ------------------------------------------------------------------ records

#[derive(Clone, Debug)]
pub(crate) struct Customer {
    pub(crate) urn: String,
    pub(crate) external_identifier: String,
    pub(crate) email: Option<String>,
    pub(crate) phone_number: Option<String>,
    pub(crate) salutation: Option<String>,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    pub(crate) gender: Option<String>,
    pub(crate) legal_type: Option<&'static str>,
    pub(crate) primary_billing_address: Option<Value>,
    pub(crate) corporation_info: Option<Map<String, Value>>,
    pub(crate) privacy: Option<Map<String, Value>>,
    pub(crate) asserted_status: Option<String>,
    pub(crate) country_code: String,
    pub(crate) language_code: String,
    pub(crate) anonymized: bool,
    next_payment_method: u64,
}

impl Customer {
    pub(crate) fn status(&self) -> &str {
        if self.anonymized { "Anonymized" } else { self.asserted_status.as_deref().unwrap_or("Active") }
    }

    /// GDPR: every personal field becomes a placeholder (unique per customer, so
    /// anonymised records never collide with each other); keys and links stay.
    pub(crate) fn anonymize(&mut self) {
        if self.anonymized {
            return;
        }
        let placeholder = format!("anonymized-{}", self.urn);
        self.external_identifier = placeholder.clone();
        self.email = Some(format!("{placeholder}@anonymized.invalid"));
        self.phone_number = None;
        self.salutation = None;
        self.first_name = Some("Anonymized".to_owned());
        self.last_name = Some("Anonymized".to_owned());
        self.gender = None;
        self.primary_billing_address = None;
        self.corporation_info = None;
        self.privacy = None;
        self.anonymized = true;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PaymentMethodState {
    Active,
    Inactive,
    Deleted,
}

impl PaymentMethodState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Inactive => "Inactive",
            Self::Deleted => "Deleted",
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct PaymentMethod {
    pub(crate) urn: String,
    pub(crate) customer_urn: String,
    pub(crate) seq: u64,
    pub(crate) masked_card_number: String,
    pub(crate) card_type: &'static str,
    pub(crate) expire_month: String,
    pub(crate) expire_year: String,
    pub(crate) card_alias: Option<String>,
    pub(crate) state: PaymentMethodState,
    pub(crate) stored_at: Instant,
    /// What the emulated PSP does when this token is charged (stands in for the token).
    pub(crate) behaviour: CardBehaviour,
}

/// Card data kept only long enough to tokenize it after a successful checkout
/// (`storeMethodSuccessPayment`). Masked already; the raw PAN is never kept.
#[derive(Clone, Debug)]
pub(crate) struct CardToStore {
    pub(crate) masked_card_number: String,
    pub(crate) card_type: &'static str,
    pub(crate) expire_month: String,
    pub(crate) expire_year: String,
    pub(crate) card_alias: Option<String>,
    pub(crate) behaviour: CardBehaviour,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum OfferKind {
    Purchase,
    Showcase,
    /// Retention (winback) offer for the subscription with this order id.
    Retention {
        replaces: String,
    },
    /// Replace offer for the subscription with this order id.
    Replace {
        replaces: String,
    },
}

/// A bundle on offer with its price and currency, before it gets an item identifier.
pub(crate) type PricedBundle = (Bundle, i64, &'static str);

#[derive(Clone, Debug)]
pub(crate) struct OfferLine {
    pub(crate) item_identifier: String,
    pub(crate) bundle: Bundle,
    pub(crate) price: i64,
    pub(crate) currency: &'static str,
}

#[derive(Clone, Debug)]
pub(crate) struct Offer {
    pub(crate) identifier: String,
    pub(crate) kind: OfferKind,
    pub(crate) storefront_urn: String,
    /// Set when the offer was personalised; checkout then only accepts this customer.
    pub(crate) customer_urn: Option<String>,
    pub(crate) lines: Vec<OfferLine>,
    pub(crate) expires_at: Instant,
}

impl Offer {
    pub(crate) fn presentation_type(&self) -> &'static str {
        match self.kind {
            OfferKind::Purchase => "Default",
            OfferKind::Showcase => "Showcase",
            OfferKind::Retention { .. } => "RetentionOffer",
            OfferKind::Replace { .. } => "Replace",
        }
    }
}

/// How a checkout pays.
#[derive(Clone, Debug)]
pub(crate) enum Payment {
    /// A raw card; tokenized on success when `store` is set.
    Card { behaviour: CardBehaviour, store: Option<CardToStore> },
    /// A stored card; its state is checked again when processing finishes.
    Stored { urn: String },
    /// A channel the sandbox does not charge (PayPal, Klarna, SEPA, Bank): always succeeds.
    OffSite,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Stage {
    Processing { until: Instant, challenged: bool },
    ChallengeRequired,
    Done,
    Failed(String),
}

#[derive(Clone, Debug)]
pub(crate) struct Checkout {
    pub(crate) tracking_number: String,
    pub(crate) customer_urn: String,
    pub(crate) kind: OfferKind,
    pub(crate) lines: Vec<OfferLine>,
    pub(crate) payment: Payment,
    pub(crate) stage: Stage,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SubscriptionState {
    Active,
    PastDue,
    Canceled,
    Reactivated,
    Expired,
}

impl SubscriptionState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::PastDue => "PastDue",
            Self::Canceled => "Canceled",
            Self::Reactivated => "Reactivated",
            Self::Expired => "Expired",
        }
    }

    pub(crate) fn can_cancel(self) -> bool {
        matches!(self, Self::Active | Self::Reactivated | Self::PastDue)
    }

    pub(crate) fn can_replace(self) -> bool {
        matches!(self, Self::Active | Self::Reactivated)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CancelMethod {
    Normal,
    Immediate,
    EndOfPeriod,
}

#[derive(Clone, Debug)]
pub(crate) struct Subscription {
    pub(crate) order_identifier: String,
    pub(crate) original_order_identifier: Option<String>,
    pub(crate) customer_urn: String,
    pub(crate) bundle: Bundle,
    pub(crate) state: SubscriptionState,
    pub(crate) start: Instant,
    pub(crate) end: Instant,
    pub(crate) assignment: &'static str,
    /// Stored method billed at renewal; renewal fails (PastDue) when it is not Active.
    pub(crate) billing_method: Option<String>,
    /// Set by request_cancel; confirm_cancel requires it.
    pub(crate) cancel_requested: Option<CancelMethod>,
    /// How the subscription was cancelled. An Immediate cancellation stays Canceled; an
    /// end-of-period one becomes Expired when its period ends.
    pub(crate) canceled_with: Option<CancelMethod>,
    /// False for subscriptions that came from a retention offer: one offer per lineage.
    pub(crate) retention_eligible: bool,
}

// ------------------------------------------------------------------ tenant

pub(crate) struct Tenant {
    pub(crate) index: usize,
    pub(crate) catalog: Catalog,
    next_customer: u64,
    next_seq: u64,
    pub(crate) customers: HashMap<String, Customer>,
    pub(crate) payment_methods: HashMap<String, PaymentMethod>,
    pub(crate) offers: HashMap<String, Offer>,
    pub(crate) checkouts: HashMap<String, Checkout>,
    /// `order.correlationId` -> tracking number (idempotency).
    pub(crate) correlations: HashMap<String, String>,
    /// In creation order.
    pub(crate) subscriptions: Vec<Subscription>,
}

impl Tenant {
    fn new(index: usize) -> Self {
        Self {
            index,
            catalog: Catalog::seeded(index),
            next_customer: 1,
            next_seq: 1,
            customers: HashMap::new(),
            payment_methods: HashMap::new(),
            offers: HashMap::new(),
            checkouts: HashMap::new(),
            correlations: HashMap::new(),
            subscriptions: Vec::new(),
        }
    }

    fn seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    /// A new customer URN in the docs' style: `cu.00.482`.
    pub(crate) fn new_customer(&mut self, external_identifier: String) -> Customer {
        let urn = format!("cu.{:02}.{}", self.index, self.next_customer);
        self.next_customer += 1;
        Customer {
            urn,
            external_identifier,
            email: None,
            phone_number: None,
            salutation: None,
            first_name: None,
            last_name: None,
            gender: None,
            legal_type: None,
            primary_billing_address: None,
            corporation_info: None,
            privacy: None,
            asserted_status: None,
            country_code: String::new(),
            language_code: String::new(),
            anonymized: false,
            next_payment_method: 1,
        }
    }

    pub(crate) fn customer_by_external_id(&self, external_identifier: &str) -> Option<&Customer> {
        self.customers.values().find(|c| c.external_identifier == external_identifier)
    }

    /// Another customer (not `except`) already using this email, compared case-insensitively.
    pub(crate) fn email_taken(&self, email: &str, except: Option<&str>) -> bool {
        self.customers.values().any(|c| {
            Some(c.urn.as_str()) != except
                && c.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(email))
        })
    }

    /// Another customer already using this phone number, compared on its digits.
    pub(crate) fn phone_taken(&self, phone: &str, except: Option<&str>) -> bool {
        let digits = phone_digits(phone);
        self.customers.values().any(|c| {
            Some(c.urn.as_str()) != except
                && c.phone_number.as_deref().is_some_and(|p| phone_digits(p) == digits)
        })
    }

    /// Stores a tokenized card for a customer: `pm.00.482.7` (customer URN tail + counter).
    pub(crate) fn store_payment_method(
        &mut self,
        customer_urn: &str,
        card: CardToStore,
        now: Instant,
    ) -> String {
        let seq = self.seq();
        let Some(customer) = self.customers.get_mut(customer_urn) else { return String::new() };
        let n = customer.next_payment_method;
        customer.next_payment_method += 1;
        let tail = customer_urn.strip_prefix("cu.").unwrap_or(customer_urn);
        let urn = format!("pm.{tail}.{n}");
        self.payment_methods.insert(
            urn.clone(),
            PaymentMethod {
                urn: urn.clone(),
                customer_urn: customer_urn.to_owned(),
                seq,
                masked_card_number: card.masked_card_number,
                card_type: card.card_type,
                expire_month: card.expire_month,
                expire_year: card.expire_year,
                card_alias: card.card_alias,
                state: PaymentMethodState::Active,
                stored_at: now,
                behaviour: card.behaviour,
            },
        );
        urn
    }

    /// A payment method of this tenant that has not been deleted.
    pub(crate) fn live_payment_method(&mut self, urn: &str) -> Option<&mut PaymentMethod> {
        self.payment_methods.get_mut(urn).filter(|pm| pm.state != PaymentMethodState::Deleted)
    }

    pub(crate) fn new_offer(
        &mut self,
        kind: OfferKind,
        storefront_urn: &str,
        customer_urn: Option<String>,
        lines: Vec<PricedBundle>,
        ctx: Ctx<'_>,
    ) -> &Offer {
        let prefix = if kind == OfferKind::Showcase { "sh" } else { "of" };
        let identifier = format!("{prefix}_{}", token(12).to_ascii_lowercase());
        let lines = lines
            .into_iter()
            .enumerate()
            .map(|(i, (bundle, price, currency))| OfferLine {
                item_identifier: format!("{identifier}.{}", i + 1),
                bundle,
                price,
                currency,
            })
            .collect();
        let offer = Offer {
            identifier: identifier.clone(),
            kind,
            storefront_urn: storefront_urn.to_owned(),
            customer_urn,
            lines,
            expires_at: ctx.now + ctx.config.offer_ttl,
        };
        self.offers.entry(identifier).or_insert(offer)
    }

    pub(crate) fn subscription(&self, order_identifier: &str) -> Option<&Subscription> {
        self.subscriptions.iter().find(|s| s.order_identifier == order_identifier)
    }

    pub(crate) fn subscription_mut(&mut self, order_identifier: &str) -> Option<&mut Subscription> {
        self.subscriptions.iter_mut().find(|s| s.order_identifier == order_identifier)
    }

    /// The checkout waiting for this tracking number's 3DS challenge, completed (`approve`)
    /// or failed. Returns `None` when the tracking number is not this tenant's, and
    /// `Some(false)` when no challenge is pending.
    pub(crate) fn complete_challenge(&mut self, tracking: &str, approve: bool, ctx: Ctx<'_>) -> Option<bool> {
        let checkout = self.checkouts.get_mut(tracking)?;
        if checkout.stage != Stage::ChallengeRequired {
            return Some(false);
        }
        checkout.stage = if approve {
            Stage::Processing { until: ctx.now + ctx.config.processing_time, challenged: true }
        } else {
            Stage::Failed("3-D Secure authentication failed".to_owned())
        };
        Some(true)
    }

    // -------------------------------------------------------------- time

    /// Applies every transition that is due at `ctx.now`.
    pub(crate) fn tick(&mut self, ctx: Ctx<'_>) {
        let mut due: Vec<(Instant, String)> = self
            .checkouts
            .values()
            .filter_map(|c| match c.stage {
                Stage::Processing { until, .. } if until <= ctx.now => {
                    Some((until, c.tracking_number.clone()))
                }
                _ => None,
            })
            .collect();
        due.sort();
        for (at, tracking) in due {
            self.finish_processing(&tracking, at, ctx);
        }
        self.advance_subscriptions(ctx);
        // Offers are kept a day past their expiry (OFFER_EXPIRED), then forgotten.
        self.offers.retain(|_, offer| offer.expires_at + OFFER_RETENTION > ctx.now);
    }

    /// The worker's verdict when processing ends at `at`.
    fn finish_processing(&mut self, tracking: &str, at: Instant, ctx: Ctx<'_>) {
        let Some(checkout) = self.checkouts.get(tracking) else { return };
        let Stage::Processing { challenged, .. } = checkout.stage else { return };
        let payment = checkout.payment.clone();
        let (behaviour, billing_method, store) = match payment {
            Payment::Card { behaviour, store } => (behaviour, None, store),
            Payment::OffSite => (CardBehaviour::Approve, None, None),
            Payment::Stored { urn } => match self.payment_methods.get(&urn) {
                Some(pm) if pm.state == PaymentMethodState::Active => (pm.behaviour, Some(urn), None),
                Some(pm) => {
                    let message = format!("stored payment method {urn} is {}", pm.state.as_str());
                    self.set_stage(tracking, Stage::Failed(message));
                    return;
                }
                None => {
                    self.set_stage(tracking, Stage::Failed(format!("stored payment method {urn} not found")));
                    return;
                }
            },
        };
        let stage = match behaviour {
            CardBehaviour::Approve => Stage::Done,
            CardBehaviour::ThreeDs if challenged => Stage::Done,
            CardBehaviour::ThreeDs => Stage::ChallengeRequired,
            CardBehaviour::Decline => Stage::Failed("the card was declined by the issuer".to_owned()),
            CardBehaviour::PspUnavailable => {
                Stage::Failed("the payment service provider is unavailable".to_owned())
            }
        };
        if stage == Stage::Done {
            self.fulfil(tracking, at, billing_method, store, ctx);
        }
        self.set_stage(tracking, stage);
    }

    fn set_stage(&mut self, tracking: &str, stage: Stage) {
        if let Some(checkout) = self.checkouts.get_mut(tracking) {
            checkout.stage = stage;
        }
    }

    /// CHECK_OUT_DONE: tokenize the card if asked, then one subscription per order line.
    fn fulfil(
        &mut self,
        tracking: &str,
        at: Instant,
        mut billing_method: Option<String>,
        store: Option<CardToStore>,
        ctx: Ctx<'_>,
    ) {
        let Some(checkout) = self.checkouts.get(tracking) else { return };
        let (customer_urn, kind, lines) =
            (checkout.customer_urn.clone(), checkout.kind.clone(), checkout.lines.clone());
        if let Some(card) = store {
            billing_method = Some(self.store_payment_method(&customer_urn, card, at));
        }
        let (replaces, assignment) = match &kind {
            OfferKind::Retention { replaces } => (Some(replaces.clone()), "RetentionOffer"),
            OfferKind::Replace { replaces } => (Some(replaces.clone()), "Replace"),
            OfferKind::Purchase | OfferKind::Showcase => (None, "Purchase"),
        };
        let mut original = None;
        if let Some(old) = replaces.as_deref().and_then(|order| self.subscription_mut(order)) {
            original =
                Some(old.original_order_identifier.clone().unwrap_or_else(|| old.order_identifier.clone()));
            old.state = SubscriptionState::Expired;
            old.end = at;
            old.cancel_requested = None;
        }
        for line in lines {
            self.subscriptions.push(Subscription {
                order_identifier: format!("or_{}", token(26)),
                original_order_identifier: original.clone(),
                customer_urn: customer_urn.clone(),
                bundle: line.bundle,
                state: SubscriptionState::Active,
                start: at,
                end: at + ctx.config.subscription_period,
                assignment,
                billing_method: billing_method.clone(),
                cancel_requested: None,
                canceled_with: None,
                retention_eligible: !matches!(kind, OfferKind::Retention { .. }),
            });
        }
    }

    /// Renewals (or PastDue when the billed method is gone) and expiry of cancelled periods.
    fn advance_subscriptions(&mut self, ctx: Ctx<'_>) {
        let period = ctx.config.subscription_period;
        let methods = &self.payment_methods;
        for sub in &mut self.subscriptions {
            if sub.end > ctx.now {
                continue;
            }
            match sub.state {
                SubscriptionState::Active | SubscriptionState::Reactivated => {
                    let billable = sub.billing_method.as_ref().is_none_or(|urn| {
                        methods.get(urn).is_some_and(|pm| pm.state == PaymentMethodState::Active)
                    });
                    if billable {
                        let behind = ctx.now.duration_since(sub.end).as_nanos() / period.as_nanos().max(1);
                        let periods = u32::try_from(behind + 1).unwrap_or(u32::MAX);
                        sub.end += period.saturating_mul(periods);
                        sub.state = SubscriptionState::Active;
                    } else {
                        sub.state = SubscriptionState::PastDue;
                    }
                }
                SubscriptionState::Canceled if sub.canceled_with != Some(CancelMethod::Immediate) => {
                    sub.state = SubscriptionState::Expired;
                }
                SubscriptionState::Canceled => {}
                SubscriptionState::PastDue | SubscriptionState::Expired => {}
            }
        }
    }

    pub(crate) fn new_checkout(&mut self, checkout: Checkout) {
        self.checkouts.insert(checkout.tracking_number.clone(), checkout);
    }
}

pub(crate) fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}
