//! What the time-driven transitions do: a checkout's processing and 3DS challenge, its
//! fulfilment (tokenized card, one subscription per order line), and a subscription's
//! period end (renewal, PastDue or expiry). [`Tenant::tick`] calls in here when an entry of
//! the due-time index falls due.

use tokio::time::Instant;

use super::schedule::Due;
use super::{
    CancelMethod, CardToStore, Checkout, OfferKind, Payment, PaymentMethodState, RequestContext, Stage,
    Subscription, SubscriptionState, Tenant,
};
use crate::cards::CardBehaviour;
use crate::clock::token;

impl Tenant {
    /// The checkout waiting for this tracking number's 3DS challenge, completed (`approve`)
    /// or failed. Returns `None` when the tracking number is not this tenant's, and
    /// `Some(false)` when no challenge is pending.
    pub(crate) fn complete_challenge(
        &mut self,
        tracking: &str,
        approve: bool,
        ctx: RequestContext<'_>,
    ) -> Option<bool> {
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

    /// The worker's verdict when processing ends at `at`.
    pub(super) fn finish_processing(&mut self, tracking: &str, at: Instant, ctx: RequestContext<'_>) {
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
    fn set_stage(&mut self, tracking: &str, stage: Stage, at: Instant, ctx: RequestContext<'_>) {
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
        ctx: RequestContext<'_>,
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
    pub(super) fn end_period(&mut self, i: usize, ctx: RequestContext<'_>) {
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
