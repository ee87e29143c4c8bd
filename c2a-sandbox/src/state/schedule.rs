//! The due-time index: every time-driven transition is filed as a [`Due`] under the instant
//! it falls due, and [`Tenant::tick`] pops only what is due, so a request costs the number of
//! transitions, not the size of the tenant's history. Forgetting expired offers and settled
//! checkouts happens here; what processing and period ends do is in `transitions`.

use std::collections::HashMap;

use tokio::time::Instant;

use super::{RequestContext, Stage, Tenant};

/// A time-driven transition, filed in [`Tenant::due`] under the instant it is due.
///
/// Entries are not removed when the record changes; [`Tenant::tick`] checks the record when
/// it pops one, so a stale entry costs one lookup and a record can be filed more than once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Due {
    /// A checkout's processing ends (tracking number).
    Processing(String),
    /// A subscription's period ends (index into `subscriptions`).
    PeriodEnd(usize),
    /// An offer's retention after expiry ends (offer identifier).
    ForgetOffer(String),
    /// A settled checkout's retention ends (tracking number).
    ForgetCheckout(String),
}

impl Tenant {
    /// Files a transition under `at`.
    pub(super) fn schedule(&mut self, at: Instant, due: Due) {
        self.due.insert((at, self.next_due), due);
        self.next_due += 1;
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

    /// Applies every transition that is due at `ctx.now`, in the order they fell due. Only
    /// due entries are touched: the cost is the number of transitions, not the state size.
    pub(crate) fn tick(&mut self, ctx: RequestContext<'_>) {
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
    fn forget_checkout(&mut self, tracking: &str, ctx: RequestContext<'_>) {
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
}

/// Gives memory back once a map has shrunk to a quarter of its capacity (amortised O(1):
/// the next shrink needs at least half as many removals as this one costs).
fn shrink<V>(map: &mut HashMap<String, V>) {
    if map.capacity() > 64 && map.len() * 4 < map.capacity() {
        map.shrink_to(map.len() * 2);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::cards::CardBehaviour;
    use crate::clock::Clock;
    use crate::state::{Checkout, Config, OfferKind, Payment, Stage, SubscriptionState};

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

    fn ctx(config: &Config, clock: Clock) -> RequestContext<'_> {
        RequestContext { config, clock, now: clock.now() }
    }

    /// Ticks and returns how many due-index entries the tick examined.
    fn tick(t: &mut Tenant, ctx: RequestContext<'_>) -> usize {
        t.examined = 0;
        t.tick(ctx);
        t.examined
    }

    /// `FLOWS` complete flows (customer, offer, checkout with a correlation id), submitted
    /// at the same instant.
    fn flows(t: &mut Tenant, ctx: RequestContext<'_>) {
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
}
