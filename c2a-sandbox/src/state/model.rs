//! The records a tenant keeps: customers, payment methods, offers, checkouts and
//! subscriptions, with their states and the small methods that read them.

use serde_json::{Map, Value};
use tokio::time::Instant;

use crate::cards::CardBehaviour;
use crate::catalog::Bundle;

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
    pub(super) next_payment_method: u64,
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
