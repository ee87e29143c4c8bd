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

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{Map, Value};
use tokio::time::Instant;

use crate::SandboxTenant;
use crate::cards::CardBehaviour;
use crate::catalog::{Bundle, Catalog};
use crate::clock::{Clock, token};

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
pub(crate) struct Shared {
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
    pub(crate) fn with_tenant<R>(&self, index: usize, f: impl FnOnce(&mut Tenant, Ctx<'_>) -> R) -> R {
        let mut tenant = lock(&self.tenants[index]);
        let ctx = Ctx { config: &self.config, clock: self.clock, now: self.clock.now() };
        tenant.tick(ctx);
        f(&mut tenant, ctx)
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("config", &self.config)
            .field("public_origin", &self.public_origin)
            .field("tenants", &self.tenants.len())
            .finish_non_exhaustive()
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
    /// `order.correlationId`, forgotten together with the checkout.
    pub(crate) correlation_id: Option<String>,
    pub(crate) customer_urn: String,
    pub(crate) kind: OfferKind,
    pub(crate) lines: Vec<OfferLine>,
    pub(crate) payment: Payment,
    pub(crate) stage: Stage,
    /// When the checkout last stopped moving on its own (DONE, FAILED or waiting for a
    /// 3DS challenge); it is forgotten `retention` later. `None` while processing.
    pub(crate) settled_at: Option<Instant>,
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

/// A time-driven transition, filed in [`Tenant::due`] under the instant it is due.
///
/// Entries are not removed when the record changes; [`Tenant::tick`] checks the record when
/// it pops one, so a stale entry costs one lookup and a record can be filed more than once.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Due {
    /// A checkout's processing ends (tracking number).
    Processing(String),
    /// A subscription's period ends (index into `subscriptions`).
    PeriodEnd(usize),
    /// An offer's retention after expiry ends (offer identifier).
    ForgetOffer(String),
    /// A settled checkout's retention ends (tracking number).
    ForgetCheckout(String),
}

pub(crate) struct Tenant {
    pub(crate) index: usize,
    pub(crate) catalog: Catalog,
    next_customer: u64,
    /// Read freely; change only through [`Tenant::insert_customer`] and
    /// [`Tenant::edit_customer`], which keep the lookup maps below in step.
    pub(crate) customers: HashMap<String, Customer>,
    /// External identifier -> customer URN.
    by_external_id: HashMap<String, String>,
    /// Lower-cased email -> customer URN.
    by_email: HashMap<String, String>,
    /// Phone digits -> customer URN.
    by_phone: HashMap<String, String>,
    pub(crate) payment_methods: HashMap<String, PaymentMethod>,
    /// Customer URN -> its payment method URNs, in the order they were stored.
    methods_by_customer: HashMap<String, Vec<String>>,
    pub(crate) offers: HashMap<String, Offer>,
    /// Read freely; add through [`Tenant::new_checkout`].
    pub(crate) checkouts: HashMap<String, Checkout>,
    /// `order.correlationId` -> tracking number (idempotency).
    pub(crate) correlations: HashMap<String, String>,
    /// In creation order; never removed (indices are stable).
    subscriptions: Vec<Subscription>,
    /// Order identifier -> index into `subscriptions`.
    by_order: HashMap<String, usize>,
    /// Customer URN -> indices into `subscriptions`, in creation order.
    subscriptions_by_customer: HashMap<String, Vec<usize>>,
    /// Due-time index of every time-driven transition; the `u64` keeps equal instants apart
    /// and in filing order.
    due: BTreeMap<(Instant, u64), Due>,
    next_due: u64,
    /// Entries popped from `due` so far: the work `tick` has done.
    #[cfg(test)]
    examined: usize,
}

impl Tenant {
    fn new(index: usize) -> Self {
        Self {
            index,
            catalog: Catalog::seeded(index),
            next_customer: 1,
            customers: HashMap::new(),
            by_external_id: HashMap::new(),
            by_email: HashMap::new(),
            by_phone: HashMap::new(),
            payment_methods: HashMap::new(),
            methods_by_customer: HashMap::new(),
            offers: HashMap::new(),
            checkouts: HashMap::new(),
            correlations: HashMap::new(),
            subscriptions: Vec::new(),
            by_order: HashMap::new(),
            subscriptions_by_customer: HashMap::new(),
            due: BTreeMap::new(),
            next_due: 0,
            #[cfg(test)]
            examined: 0,
        }
    }

    /// Files a transition under `at`.
    fn schedule(&mut self, at: Instant, due: Due) {
        self.due.insert((at, self.next_due), due);
        self.next_due += 1;
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

    /// Stores a customer and indexes its external id, email and phone number.
    pub(crate) fn insert_customer(&mut self, customer: Customer) {
        self.index_customer(&customer);
        self.customers.insert(customer.urn.clone(), customer);
    }

    /// Changes a customer through `f`, keeping the lookup maps in step; `None` when the URN
    /// is unknown.
    pub(crate) fn edit_customer<R>(&mut self, urn: &str, f: impl FnOnce(&mut Customer) -> R) -> Option<R> {
        let mut customer = self.customers.remove(urn)?;
        self.unindex_customer(&customer);
        let result = f(&mut customer);
        self.insert_customer(customer);
        Some(result)
    }

    fn index_customer(&mut self, customer: &Customer) {
        let urn = &customer.urn;
        self.by_external_id.insert(customer.external_identifier.clone(), urn.clone());
        if let Some(email) = &customer.email {
            self.by_email.insert(email.to_ascii_lowercase(), urn.clone());
        }
        if let Some(phone) = &customer.phone_number {
            self.by_phone.insert(phone_digits(phone), urn.clone());
        }
    }

    fn unindex_customer(&mut self, customer: &Customer) {
        let urn = Some(&customer.urn);
        let remove = |map: &mut HashMap<String, String>, key: String| {
            if map.get(&key) == urn {
                map.remove(&key);
            }
        };
        remove(&mut self.by_external_id, customer.external_identifier.clone());
        if let Some(email) = &customer.email {
            remove(&mut self.by_email, email.to_ascii_lowercase());
        }
        if let Some(phone) = &customer.phone_number {
            remove(&mut self.by_phone, phone_digits(phone));
        }
    }

    pub(crate) fn customer_by_external_id(&self, external_identifier: &str) -> Option<&Customer> {
        self.by_external_id.get(external_identifier).and_then(|urn| self.customers.get(urn))
    }

    /// Another customer (not `except`) already using this email, compared case-insensitively.
    pub(crate) fn email_taken(&self, email: &str, except: Option<&str>) -> bool {
        self.by_email.get(&email.to_ascii_lowercase()).is_some_and(|urn| Some(urn.as_str()) != except)
    }

    /// Another customer already using this phone number, compared on its digits.
    pub(crate) fn phone_taken(&self, phone: &str, except: Option<&str>) -> bool {
        self.by_phone.get(&phone_digits(phone)).is_some_and(|urn| Some(urn.as_str()) != except)
    }

    /// Stores a tokenized card for a customer: `pm.00.482.7` (customer URN tail + counter).
    pub(crate) fn store_payment_method(
        &mut self,
        customer_urn: &str,
        card: CardToStore,
        now: Instant,
    ) -> String {
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
        self.methods_by_customer.entry(customer_urn.to_owned()).or_default().push(urn.clone());
        urn
    }

    /// A customer's payment methods (deleted ones included), in the order they were stored.
    pub(crate) fn payment_methods_of(&self, customer_urn: &str) -> impl Iterator<Item = &PaymentMethod> {
        self.methods_by_customer
            .get(customer_urn)
            .into_iter()
            .flatten()
            .filter_map(|urn| self.payment_methods.get(urn))
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
        let expires_at = ctx.now + ctx.config.offer_ttl;
        // Remembered `retention` past its expiry (OFFER_EXPIRED), then forgotten.
        if let Some(forget) = expires_at.checked_add(ctx.config.retention) {
            self.schedule(forget, Due::ForgetOffer(identifier.clone()));
        }
        let offer = Offer {
            identifier: identifier.clone(),
            kind,
            storefront_urn: storefront_urn.to_owned(),
            customer_urn,
            lines,
            expires_at,
        };
        self.offers.entry(identifier).or_insert(offer)
    }

    pub(crate) fn subscription(&self, order_identifier: &str) -> Option<&Subscription> {
        self.by_order.get(order_identifier).map(|&i| &self.subscriptions[i])
    }

    pub(crate) fn subscription_mut(&mut self, order_identifier: &str) -> Option<&mut Subscription> {
        self.by_order.get(order_identifier).map(|&i| &mut self.subscriptions[i])
    }

    /// A customer's subscriptions in creation order.
    pub(crate) fn subscriptions_of(&self, customer_urn: &str) -> impl Iterator<Item = &Subscription> {
        self.subscriptions_by_customer
            .get(customer_urn)
            .into_iter()
            .flatten()
            .map(|&i| &self.subscriptions[i])
    }

    pub(crate) fn subscription_count(&self) -> usize {
        self.subscriptions.len()
    }

    /// Entries in the due-time index.
    pub(crate) fn scheduled_count(&self) -> usize {
        self.due.len()
    }

    /// Files the subscription's period end again after a handler changed its state (a
    /// cancellation of a PastDue subscription must still lapse; duplicates are harmless).
    pub(crate) fn watch_period_end(&mut self, order_identifier: &str) {
        if let Some(&i) = self.by_order.get(order_identifier) {
            self.schedule(self.subscriptions[i].end, Due::PeriodEnd(i));
        }
    }

    /// The checkout waiting for this tracking number's 3DS challenge, completed (`approve`)
    /// or failed. Returns `None` when the tracking number is not this tenant's, and
    /// `Some(false)` when no challenge is pending.
    pub(crate) fn complete_challenge(&mut self, tracking: &str, approve: bool, ctx: Ctx<'_>) -> Option<bool> {
        let checkout = self.checkouts.get(tracking)?;
        if checkout.stage != Stage::ChallengeRequired {
            return Some(false);
        }
        let stage = if approve {
            Stage::Processing { until: ctx.now + ctx.config.processing_time, challenged: true }
        } else {
            Stage::Failed("3-D Secure authentication failed".to_owned())
        };
        self.set_stage(tracking, stage, ctx.now, ctx);
        Some(true)
    }

    /// Adds a checkout (and its correlation id) and files its end of processing.
    pub(crate) fn new_checkout(&mut self, checkout: Checkout) {
        if let Stage::Processing { until, .. } = checkout.stage {
            self.schedule(until, Due::Processing(checkout.tracking_number.clone()));
        }
        if let Some(correlation_id) = &checkout.correlation_id {
            self.correlations.insert(correlation_id.clone(), checkout.tracking_number.clone());
        }
        self.checkouts.insert(checkout.tracking_number.clone(), checkout);
    }

    // -------------------------------------------------------------- time

    /// Applies every transition that is due at `ctx.now`, in the order they fell due. Only
    /// due entries are touched: the cost is the number of transitions, not the state size.
    pub(crate) fn tick(&mut self, ctx: Ctx<'_>) {
        while let Some(entry) = self.due.first_entry() {
            if entry.key().0 > ctx.now {
                break;
            }
            let due = entry.remove();
            #[cfg(test)]
            {
                self.examined += 1;
            }
            match due {
                Due::Processing(tracking) => {
                    let ends = match self.checkouts.get(&tracking).map(|c| &c.stage) {
                        Some(Stage::Processing { until, .. }) if *until <= ctx.now => Some(*until),
                        _ => None,
                    };
                    if let Some(until) = ends {
                        self.finish_processing(&tracking, until, ctx);
                    }
                }
                Due::PeriodEnd(i) => self.end_period(i, ctx),
                Due::ForgetOffer(identifier) => {
                    let forgotten = self.offers.get(&identifier).is_some_and(|offer| {
                        offer.expires_at.checked_add(ctx.config.retention).is_some_and(|due| due <= ctx.now)
                    });
                    if forgotten {
                        self.offers.remove(&identifier);
                        shrink(&mut self.offers);
                    }
                }
                Due::ForgetCheckout(tracking) => self.forget_checkout(&tracking, ctx),
            }
        }
    }

    /// Drops a settled checkout whose retention has passed (a checkout that moved on since
    /// the entry was filed is left alone), with its correlation id.
    fn forget_checkout(&mut self, tracking: &str, ctx: Ctx<'_>) {
        let Some(checkout) = self.checkouts.get(tracking) else { return };
        let due = checkout.settled_at.and_then(|at| at.checked_add(ctx.config.retention));
        if due.is_none_or(|due| due > ctx.now) {
            return;
        }
        let Some(checkout) = self.checkouts.remove(tracking) else { return };
        if let Some(correlation_id) = checkout.correlation_id
            && self.correlations.get(&correlation_id).is_some_and(|t| t == tracking)
        {
            self.correlations.remove(&correlation_id);
            shrink(&mut self.correlations);
        }
        shrink(&mut self.checkouts);
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
                    self.set_stage(tracking, Stage::Failed(message), at, ctx);
                    return;
                }
                None => {
                    let message = format!("stored payment method {urn} not found");
                    self.set_stage(tracking, Stage::Failed(message), at, ctx);
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
        self.set_stage(tracking, stage, at, ctx);
    }

    /// Moves a checkout to `stage` at `at` and files what follows: the end of processing,
    /// or (for a settled checkout) the end of its retention.
    fn set_stage(&mut self, tracking: &str, stage: Stage, at: Instant, ctx: Ctx<'_>) {
        let Some(checkout) = self.checkouts.get_mut(tracking) else { return };
        let next = match stage {
            Stage::Processing { until, .. } => {
                checkout.settled_at = None;
                Some((until, Due::Processing(tracking.to_owned())))
            }
            Stage::ChallengeRequired | Stage::Done | Stage::Failed(_) => {
                checkout.settled_at = Some(at);
                at.checked_add(ctx.config.retention)
                    .map(|due| (due, Due::ForgetCheckout(tracking.to_owned())))
            }
        };
        checkout.stage = stage;
        if let Some((due, what)) = next {
            self.schedule(due, what);
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
            let order_identifier = format!("or_{}", token(26));
            let end = at + ctx.config.subscription_period;
            let i = self.subscriptions.len();
            self.by_order.insert(order_identifier.clone(), i);
            self.subscriptions_by_customer.entry(customer_urn.clone()).or_default().push(i);
            self.schedule(end, Due::PeriodEnd(i));
            self.subscriptions.push(Subscription {
                order_identifier,
                original_order_identifier: original.clone(),
                customer_urn: customer_urn.clone(),
                bundle: line.bundle,
                state: SubscriptionState::Active,
                start: at,
                end,
                assignment,
                billing_method: billing_method.clone(),
                cancel_requested: None,
                canceled_with: None,
                retention_eligible: !matches!(kind, OfferKind::Retention { .. }),
            });
        }
    }

    /// At a period end: renewal (or PastDue when the billed method is gone), or expiry of a
    /// cancelled period. A renewal files the next period end.
    fn end_period(&mut self, i: usize, ctx: Ctx<'_>) {
        let period = ctx.config.subscription_period;
        let methods = &self.payment_methods;
        let Some(sub) = self.subscriptions.get_mut(i) else { return };
        if sub.end > ctx.now {
            return;
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
                    let end = sub.end;
                    self.schedule(end, Due::PeriodEnd(i));
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

/// Gives memory back once a map has shrunk to a quarter of its capacity (amortised O(1):
/// the next shrink needs at least half as many removals as this one costs).
fn shrink<V>(map: &mut HashMap<String, V>) {
    if map.capacity() > 64 && map.len() * 4 < map.capacity() {
        map.shrink_to(map.len() * 2);
    }
}

pub(crate) fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROCESSING: Duration = Duration::from_secs(5);
    const TTL: Duration = Duration::from_secs(600);
    const PERIOD: Duration = Duration::from_secs(30 * 24 * 3600);
    const RETENTION: Duration = Duration::from_secs(3600);
    const FLOWS: usize = 10_000;

    fn config() -> Config {
        Config {
            processing_time: PROCESSING,
            offer_ttl: TTL,
            subscription_period: PERIOD,
            retention: RETENTION,
        }
    }

    fn ctx(config: &Config, clock: Clock) -> Ctx<'_> {
        Ctx { config, clock, now: clock.now() }
    }

    /// Ticks and returns how many due-index entries the tick examined.
    fn tick(t: &mut Tenant, ctx: Ctx<'_>) -> usize {
        t.examined = 0;
        t.tick(ctx);
        t.examined
    }

    /// `FLOWS` complete flows (customer, offer, checkout with a correlation id), submitted
    /// at the same instant.
    fn flows(t: &mut Tenant, ctx: Ctx<'_>) {
        let bundle = t.catalog.default_storefront().bundles[0].clone();
        for n in 0..FLOWS {
            let customer = t.new_customer(format!("crm-{n}"));
            let urn = customer.urn.clone();
            t.insert_customer(customer);
            let offer = t.new_offer(
                OfferKind::Purchase,
                "st",
                Some(urn.clone()),
                vec![(bundle.clone(), 1, "EUR")],
                ctx,
            );
            let lines = offer.lines.clone();
            t.new_checkout(Checkout {
                tracking_number: format!("trk_{n}"),
                correlation_id: Some(format!("corr-{n}")),
                customer_urn: urn,
                kind: OfferKind::Purchase,
                lines,
                payment: Payment::OffSite,
                stage: Stage::Processing { until: ctx.now + PROCESSING, challenged: false },
                settled_at: None,
            });
        }
    }

    #[tokio::test(start_paused = true)]
    async fn ticks_touch_only_what_is_due_whatever_the_state_size() {
        let (config, clock) = (config(), Clock::start());
        let mut t = Tenant::new(0);
        flows(&mut t, ctx(&config, clock));
        assert_eq!(tick(&mut t, ctx(&config, clock)), 0, "nothing is due yet");

        tokio::time::advance(PROCESSING).await;
        assert_eq!(tick(&mut t, ctx(&config, clock)), FLOWS, "each checkout finishes once");
        assert!(t.checkouts.values().all(|c| c.stage == Stage::Done));
        assert_eq!(t.subscriptions.len(), FLOWS);

        // 10,000 finished flows (checkouts, offers, subscriptions) cost nothing per request.
        for _ in 0..3 {
            tokio::time::advance(Duration::from_secs(1)).await;
            assert_eq!(tick(&mut t, ctx(&config, clock)), 0);
        }
        assert_eq!(t.checkouts.len(), FLOWS);
        assert_eq!(t.offers.len(), FLOWS);
    }

    #[tokio::test(start_paused = true)]
    async fn settled_checkouts_and_expired_offers_are_forgotten_after_the_retention() {
        let (config, clock) = (config(), Clock::start());
        let mut t = Tenant::new(0);
        flows(&mut t, ctx(&config, clock));
        tokio::time::advance(PROCESSING).await;
        tick(&mut t, ctx(&config, clock));

        // Settled at PROCESSING: forgotten at PROCESSING + RETENTION, not a second earlier.
        tokio::time::advance(RETENTION - Duration::from_secs(1)).await;
        assert_eq!(tick(&mut t, ctx(&config, clock)), 0);
        assert_eq!(t.checkouts.len(), FLOWS);
        tokio::time::advance(Duration::from_secs(1)).await;
        assert_eq!(tick(&mut t, ctx(&config, clock)), FLOWS);
        assert!(t.checkouts.is_empty());
        assert!(t.correlations.is_empty());
        assert_eq!(t.offers.len(), FLOWS, "offers are kept until RETENTION after their expiry");

        tokio::time::advance(TTL).await;
        assert_eq!(tick(&mut t, ctx(&config, clock)), FLOWS);
        assert!(t.offers.is_empty());
        // What an emulator must remember stays.
        assert_eq!(t.customers.len(), FLOWS);
        assert_eq!(t.subscriptions.len(), FLOWS);
        // Only the subscriptions' period ends are left to do.
        assert_eq!(t.due.len(), FLOWS);
        assert!(t.checkouts.capacity() < 1024, "memory is given back: {}", t.checkouts.capacity());

        tokio::time::advance(PERIOD).await;
        assert_eq!(tick(&mut t, ctx(&config, clock)), FLOWS, "each subscription renews once");
        assert!(t.subscriptions.iter().all(|s| s.state == SubscriptionState::Active && s.end > clock.now()));
        assert_eq!(tick(&mut t, ctx(&config, clock)), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_checkout_that_moves_on_is_not_forgotten_by_a_stale_entry() {
        let (config, clock) = (config(), Clock::start());
        let mut t = Tenant::new(0);
        let bundle = t.catalog.default_storefront().bundles[0].clone();
        let customer = t.new_customer("crm".to_owned());
        let urn = customer.urn.clone();
        t.insert_customer(customer);
        let lines = t
            .new_offer(OfferKind::Purchase, "st", None, vec![(bundle, 1, "EUR")], ctx(&config, clock))
            .lines
            .clone();
        t.new_checkout(Checkout {
            tracking_number: "trk_3ds".to_owned(),
            correlation_id: None,
            customer_urn: urn,
            kind: OfferKind::Purchase,
            lines,
            payment: Payment::Card { behaviour: CardBehaviour::ThreeDs, store: None },
            stage: Stage::Processing { until: clock.now() + PROCESSING, challenged: false },
            settled_at: None,
        });
        tokio::time::advance(PROCESSING).await;
        tick(&mut t, ctx(&config, clock));
        assert_eq!(t.checkouts["trk_3ds"].stage, Stage::ChallengeRequired);

        // The challenge is answered just before the waiting checkout would be forgotten.
        tokio::time::advance(RETENTION - Duration::from_secs(1)).await;
        assert_eq!(t.complete_challenge("trk_3ds", true, ctx(&config, clock)), Some(true));
        tokio::time::advance(Duration::from_secs(1)).await;
        tick(&mut t, ctx(&config, clock));
        assert!(matches!(t.checkouts["trk_3ds"].stage, Stage::Processing { .. }), "still there");
        tokio::time::advance(PROCESSING).await;
        tick(&mut t, ctx(&config, clock));
        assert_eq!(t.checkouts["trk_3ds"].stage, Stage::Done);
        tokio::time::advance(RETENTION).await;
        tick(&mut t, ctx(&config, clock));
        assert!(t.checkouts.is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn customer_lookups_follow_edits() {
        let mut t = Tenant::new(0);
        let mut customer = t.new_customer("crm-1".to_owned());
        customer.email = Some("Jane@Example.com".to_owned());
        customer.phone_number = Some("+49 170 1234567".to_owned());
        let urn = customer.urn.clone();
        t.insert_customer(customer);
        assert!(t.email_taken("jane@example.COM", None));
        assert!(!t.email_taken("jane@example.com", Some(&urn)));
        assert!(t.phone_taken("491701234567", None));
        assert_eq!(t.customer_by_external_id("crm-1").map(|c| c.urn.as_str()), Some(urn.as_str()));

        t.edit_customer(&urn, |c| c.email = Some("new@example.com".to_owned()));
        assert!(!t.email_taken("jane@example.com", None));
        assert!(t.email_taken("NEW@example.com", None));
        t.edit_customer(&urn, Customer::anonymize);
        assert!(t.customer_by_external_id("crm-1").is_none(), "the external id is free again");
        assert!(!t.phone_taken("491701234567", None));
        assert!(!t.email_taken("new@example.com", None));
    }
}
