//! [`Tenant`]: one tenant's records and the maps that look them up (customer by external id,
//! email or phone; subscription by order; a customer's subscriptions and payment methods),
//! with the mutations that keep those maps in step.

use std::collections::{BTreeMap, HashMap};

use tokio::time::Instant;

use super::schedule::Due;
use super::{
    CardToStore, Checkout, Customer, Offer, OfferKind, OfferLine, PaymentMethod, PaymentMethodState,
    PricedBundle, RequestContext, Subscription,
};
use crate::catalog::Catalog;
use crate::clock::token;

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
    pub(super) subscriptions: Vec<Subscription>,
    /// Order identifier -> index into `subscriptions`.
    pub(super) by_order: HashMap<String, usize>,
    /// Customer URN -> indices into `subscriptions`, in creation order.
    pub(super) subscriptions_by_customer: HashMap<String, Vec<usize>>,
    /// Due-time index of every time-driven transition; the `u64` keeps equal instants apart
    /// and in filing order.
    pub(super) due: BTreeMap<(Instant, u64), Due>,
    pub(super) next_due: u64,
    /// Entries popped from `due` so far: the work `tick` has done.
    #[cfg(test)]
    pub(super) examined: usize,
}

impl Tenant {
    pub(super) fn new(index: usize) -> Self {
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
        ctx: RequestContext<'_>,
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
}

pub(crate) fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
