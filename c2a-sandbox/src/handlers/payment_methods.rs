//! C2A-04 Payment methods: tokenize (add), list, info, activate, inactivate, delete.
//!
//! Business failures come back as the docs' samples show them: HTTP 200, the code in
//! `status`, and `result: null` where the schema allows null (add, delete) or no `result`.
//! Lean answers (list, activate, inactivate, delete) carry the fields of the docs' samples.

use std::sync::Arc;

use axum::extract::State;
use chrono::Datelike;
use serde_json::{Value, json};

use crate::cards::{self, CardBehaviour};
use crate::http::{JsonBody, QueryParams, Reply, Result, TenantIndex, optional, required, required_obj};
use crate::state::{AppState, CardToStore, PaymentMethod, PaymentMethodState, RequestContext};
use crate::wire::{PaymentChannel, PaymentMethodAddRequest};

pub(crate) async fn add(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<PaymentMethodAddRequest>,
) -> Result {
    const P: &str = "paymentMethod.creditCard";
    let customer_urn = required(&body.customer_urn, "customerUrn")?;
    let method = required_obj(&body.payment_method, "paymentMethod")?;
    let channel =
        method.payment_channel.ok_or_else(|| Reply::invalid("paymentMethod.paymentChannel is required"))?;
    if channel != PaymentChannel::CreditCard {
        return Err(Reply::invalid(
            "paymentMethod.paymentChannel must be CreditCard: only cards can be stored",
        ));
    }
    if method.use_stored_method == Some(true) {
        return Err(Reply::invalid("paymentMethod.useStoredMethod must not be true when adding a card"));
    }
    let card = required_obj(&method.credit_card, P)?;
    required(&card.card_holder_name, &format!("{P}.cardHolderName"))?;
    let pan = cards::normalise_pan(required(&card.card_number, &format!("{P}.cardNumber"))?);
    let month = required(&card.expire_month, &format!("{P}.expireMonth"))?;
    let year = required(&card.expire_year, &format!("{P}.expireYear"))?;
    let cvc = required(&card.cvc, &format!("{P}.cvc"))?;
    let alias = optional(&card.card_alias).map(str::to_owned);

    Ok(shared.with_tenant(tenant, |t, ctx| {
        if t.customers.get(customer_urn).is_none_or(|c| c.anonymized) {
            return failed(
                "CUSTOMER_NOT_FOUND",
                format!("customerUrn `{customer_urn}` does not resolve to a customer of this tenant"),
            );
        }
        let today = ctx.clock.utc(ctx.now);
        let problem = if !cards::luhn_valid(&pan) {
            Some(format!("{P}.cardNumber is not a valid card number"))
        } else if let Err(e) = cards::check_expiry(month, year, (today.year(), today.month())) {
            Some(format!("{P}: {e}"))
        } else if !cards::cvc_valid(cvc) {
            Some(format!("{P}.cvc must be 3 or 4 digits"))
        } else {
            None
        };
        if let Some(message) = problem {
            return failed("INVALID_CARD", message);
        }
        let behaviour = cards::behaviour(&pan);
        match behaviour {
            CardBehaviour::Decline => return failed("CARD_DECLINED", "the PSP refused the card".to_owned()),
            CardBehaviour::PspUnavailable => {
                return failed("PSP_UNAVAILABLE", "the PSP did not answer; try again".to_owned());
            }
            CardBehaviour::Approve | CardBehaviour::ThreeDs => {}
        }
        let card = CardToStore {
            masked_card_number: cards::mask(&pan),
            card_type: cards::brand(&pan),
            expire_month: month.to_owned(),
            expire_year: year.to_owned(),
            card_alias: alias,
            behaviour,
        };
        let urn = t.store_payment_method(customer_urn, card, ctx.now);
        let result = t.payment_methods.get(&urn).map_or(Value::Null, |pm| full(pm, ctx));
        success(result)
    }))
}

pub(crate) async fn list(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    query: QueryParams,
) -> Result {
    let customer_urn = query.require("c")?;
    Ok(shared.with_tenant(tenant, |t, _| {
        if !t.customers.contains_key(customer_urn) {
            return not_found_without_result(
                "CUSTOMER_NOT_FOUND",
                format!("customer `{customer_urn}` does not exist for this tenant"),
            );
        }
        // In the order they were stored.
        let result: Vec<Value> = t
            .payment_methods_of(customer_urn)
            .filter(|pm| pm.state != PaymentMethodState::Deleted)
            .map(|pm| {
                json!({
                    "paymentMethodUrn": pm.urn,
                    "paymentChannel": "CreditCard",
                    "maskedCardNumber": pm.masked_card_number,
                    "cardType": pm.card_type,
                    "state": pm.state.as_str(),
                })
            })
            .collect();
        success(Value::Array(result))
    }))
}

pub(crate) async fn info(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    query: QueryParams,
) -> Result {
    let urn = query.require("p")?;
    Ok(shared.with_tenant(tenant, |t, ctx| match t.live_payment_method(urn) {
        Some(pm) => success(full(pm, ctx)),
        None => not_found_without_result("PAYMENT_METHOD_NOT_FOUND", method_not_found(urn)),
    }))
}

pub(crate) async fn activate(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    query: QueryParams,
) -> Result {
    set_state(&shared, tenant, query.require("p")?, PaymentMethodState::Active)
}

pub(crate) async fn inactivate(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    query: QueryParams,
) -> Result {
    set_state(&shared, tenant, query.require("p")?, PaymentMethodState::Inactive)
}

pub(crate) async fn remove(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    query: QueryParams,
) -> Result {
    let urn = query.require("p")?;
    Ok(shared.with_tenant(tenant, |t, _| match t.live_payment_method(urn) {
        Some(pm) => {
            pm.state = PaymentMethodState::Deleted;
            success(lean(pm))
        }
        // The idempotent repeat of a delete lands here too.
        None => failed("PAYMENT_METHOD_NOT_FOUND", method_not_found(urn)),
    }))
}

fn set_state(shared: &AppState, tenant: usize, urn: &str, state: PaymentMethodState) -> Result {
    Ok(shared.with_tenant(tenant, |t, _| match t.live_payment_method(urn) {
        Some(pm) => {
            pm.state = state;
            success(lean(pm))
        }
        None => not_found_without_result("PAYMENT_METHOD_NOT_FOUND", method_not_found(urn)),
    }))
}

fn method_not_found(urn: &str) -> String {
    format!("no payment method `{urn}` for this tenant")
}

/// `AzottePaymentMethod` with every field (add, info).
fn full(pm: &PaymentMethod, ctx: RequestContext<'_>) -> Value {
    let mut value = json!({
        "paymentMethodUrn": pm.urn,
        "customerUrn": pm.customer_urn,
        "paymentChannel": "CreditCard",
        "maskedCardNumber": pm.masked_card_number,
        "cardType": pm.card_type,
        "expireMonth": pm.expire_month,
        "expireYear": pm.expire_year,
    });
    if let Some(alias) = &pm.card_alias {
        value["cardAlias"] = json!(alias);
    }
    value["state"] = json!(pm.state.as_str());
    value["storedAt"] = json!(ctx.date(pm.stored_at));
    value
}

/// The lean record of the activate / inactivate / delete samples.
fn lean(pm: &PaymentMethod) -> Value {
    json!({ "paymentMethodUrn": pm.urn, "state": pm.state.as_str() })
}

fn success(result: Value) -> Reply {
    Reply::ok(json!({ "result": result, "status": { "messageCode": "SUCCESS" } }))
}

/// A failure with `result: null` (add and delete, whose schemas allow null).
fn failed(code: &str, message: String) -> Reply {
    Reply::ok(json!({ "result": null, "status": { "messageCode": code, "message": message } }))
}

/// A failure without `result` (list, info, activate, inactivate: not nullable in the spec).
fn not_found_without_result(code: &str, message: String) -> Reply {
    Reply::ok(json!({ "status": { "messageCode": code, "message": message } }))
}
