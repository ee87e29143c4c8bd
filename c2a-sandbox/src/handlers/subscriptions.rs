//! C2A-05 Subscriptions: list by customer, two-phase cancel, reactivate.
//!
//! No HTTP statuses are documented for this area; the sandbox mirrors the Customers
//! mapping: 404 for *_NOT_FOUND, 409 for NOT_CANCELABLE / NOT_REACTIVATABLE.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::handlers::offers::render_offer;
use crate::http::{JsonBody, PathParam, Reply, Result, TenantIndex, required};
use crate::state::{AppState, CancelMethod, OfferKind, RequestContext, Subscription, SubscriptionState};
use crate::wire::{ConfirmCancelRequest, RequestCancelRequest, RestartSubscriptionContext};

const REASONS: [(&str, &str); 4] = [
    ("PRICE", "Too expensive"),
    ("USAGE", "I don't use it enough"),
    ("CONTENT", "Missing features or content"),
    ("OTHER", "Another reason"),
];

pub(crate) async fn list(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    PathParam(customer_urn): PathParam,
) -> Result {
    shared.with_tenant(tenant, |t, ctx| {
        if !t.customers.contains_key(&customer_urn) {
            return Err(Reply::status_only(
                StatusCode::NOT_FOUND,
                "CUSTOMER_NOT_FOUND",
                Some(format!("no customer with URN `{customer_urn}` for this tenant")),
            ));
        }
        let result: Vec<Value> = t.subscriptions_of(&customer_urn).map(|s| render(s, ctx)).collect();
        Ok(Reply::ok(json!({ "result": result, "status": { "messageCode": "SUCCESS" } })))
    })
}

pub(crate) async fn request_cancel(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<RequestCancelRequest>,
) -> Result {
    let order = required(&body.order_identifier, "orderIdentifier")?;
    let method: CancelMethod = body.cancelation_method.map_or(CancelMethod::Normal, Into::into);
    let step = body.current_step.unwrap_or(0);
    if step < 0 {
        return Err(Reply::invalid("currentStep must not be negative"));
    }
    shared.with_tenant(tenant, |t, ctx| {
        let sub = t.subscription_mut(order).ok_or_else(|| not_found(order))?;
        if !sub.state.can_cancel() {
            return Err(not_cancelable(order, sub.state));
        }
        sub.cancel_requested = Some(method);
        // A retention offer for eligible subscriptions on the first funnel step.
        let eligible = step == 0 && sub.state == SubscriptionState::Active && sub.retention_eligible;
        let retention = match sub.bundle.winback_price {
            Some(price) if eligible => Some((sub.bundle.clone(), price, sub.customer_urn.clone())),
            _ => None,
        };
        let reasons: Vec<Value> =
            REASONS.iter().map(|(code, label)| json!({ "code": code, "label": label })).collect();
        let offer = retention.and_then(|(bundle, price, customer)| {
            let home = t.catalog.storefront_of(&bundle.urn)?.clone();
            let kind = OfferKind::Retention { replaces: order.to_owned() };
            Some(render_offer(
                t.new_offer(kind, &home.urn, Some(customer), vec![(bundle, price, home.currency)], ctx),
                ctx,
            ))
        });
        Ok(Reply::ok(match offer {
            Some(offer) => json!({
                "responseType": "Offer",
                "offer": offer,
                "cancellationReasons": reasons,
                "status": { "messageCode": "SUCCESS" },
            }),
            None => json!({
                "responseType": "Processed",
                "cancellationReasons": reasons,
                "status": { "messageCode": "SUCCESS" },
            }),
        }))
    })
}

pub(crate) async fn confirm_cancel(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<ConfirmCancelRequest>,
) -> Result {
    let order = required(&body.order_identifier, "orderIdentifier")?;
    let method: CancelMethod =
        body.cancelation_method.ok_or_else(|| Reply::invalid("cancelationMethod is required"))?.into();
    if body.current_step.is_some_and(|s| s < 0) {
        return Err(Reply::invalid("currentStep must not be negative"));
    }
    shared.with_tenant(tenant, |t, ctx| {
        let sub = t.subscription_mut(order).ok_or_else(|| not_found(order))?;
        if !sub.state.can_cancel() {
            return Err(not_cancelable(order, sub.state));
        }
        if sub.cancel_requested.is_none() {
            return Err(Reply::status_only(
                StatusCode::CONFLICT,
                "SUBSCRIPTION_NOT_CANCELABLE",
                Some(format!("call cancel/request for {order} before cancel/confirm")),
            ));
        }
        sub.state = SubscriptionState::Canceled;
        sub.cancel_requested = None;
        sub.canceled_with = Some(method);
        if method == CancelMethod::Immediate {
            sub.end = ctx.now;
        }
        // A Normal / EndOfPeriod cancellation lapses at the period end, also when that end
        // has already passed (a PastDue subscription).
        t.watch_period_end(order);
        Ok(Reply::status_only(StatusCode::OK, "SUCCESS", None))
    })
}

pub(crate) async fn reactivate(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<RestartSubscriptionContext>,
) -> Result {
    let order = required(&body.order_identifier, "orderIdentifier")?;
    shared.with_tenant(tenant, |t, ctx| {
        let sub = t.subscription_mut(order).ok_or_else(|| not_found(order))?;
        if sub.state != SubscriptionState::Canceled || sub.end <= ctx.now {
            let why = if sub.state == SubscriptionState::Canceled {
                "its period has ended".to_owned()
            } else {
                format!("it is {}, not Canceled", sub.state.as_str())
            };
            return Err(Reply::status_only(
                StatusCode::CONFLICT,
                "SUBSCRIPTION_NOT_REACTIVATABLE",
                Some(format!("subscription {order} cannot be reactivated: {why}")),
            ));
        }
        sub.state = SubscriptionState::Reactivated;
        sub.canceled_with = None;
        Ok(Reply::status_only(StatusCode::OK, "SUCCESS", None))
    })
}

fn not_found(order: &str) -> Reply {
    Reply::status_only(
        StatusCode::NOT_FOUND,
        "SUBSCRIPTION_NOT_FOUND",
        Some(format!("no subscription with orderIdentifier `{order}` for this tenant")),
    )
}

fn not_cancelable(order: &str, state: SubscriptionState) -> Reply {
    Reply::status_only(
        StatusCode::CONFLICT,
        "SUBSCRIPTION_NOT_CANCELABLE",
        Some(format!("subscription {order} is {} and cannot be cancelled", state.as_str())),
    )
}

/// `CustomerSubscriptionInfoDto`.
fn render(sub: &Subscription, ctx: RequestContext<'_>) -> Value {
    let mut value = json!({
        "bundleName": sub.bundle.name,
        "bundleSku": sub.bundle.sku,
        "bundleUrn": sub.bundle.urn,
        "state": sub.state.as_str(),
        "startDate": ctx.date(sub.start),
        "endDate": ctx.date(sub.end),
        "orderIdentifier": sub.order_identifier,
    });
    if let Some(original) = &sub.original_order_identifier {
        value["originalOrderIdentifier"] = json!(original);
    }
    value["initialAssignmentType"] = json!(sub.assignment);
    value["subscriptionChannelName"] = json!("Azotte Billing");
    value["subscriptionChannel"] = json!("Azotte");
    value["options"] = json!({ "canCancel": sub.state.can_cancel(), "canReplace": sub.state.can_replace() });
    value
}
