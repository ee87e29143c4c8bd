//! C2A-03 Checkout: submit (202 + tracking number, idempotent on `order.correlationId`),
//! status polling over the stage machine, and the sandbox's own 3DS challenge page.
//!
//! Stages: `CHECK_OUT_PROCESSING` for the configured processing time, then the test card
//! decides: approve -> `CHECK_OUT_DONE` (subscriptions created), decline / PSP error ->
//! `CHECK_OUT_FAILED`, 3DS -> `CHECK_OUT_3DS_REQUIRED` until `GET /sandbox/3ds/{tracking}`,
//! then processing again and `CHECK_OUT_DONE`.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::cards;
use crate::clock::token;
use crate::http::{JsonBody, PathParam, QueryParams, Reply, Result, TenantIndex, html, optional, required};
use crate::state::{AppState, CardToStore, Checkout, OfferKind, Payment, RequestContext, Stage};
use crate::wire::{CheckoutRequest, CreditCardDto, PaymentChannel};

/// What the payment part of a request asks for, before the tenant is consulted.
enum PaymentDraft {
    Card { behaviour: cards::CardBehaviour, store: Option<CardToStore> },
    Stored(String),
    OffSite,
}

pub(crate) async fn submit(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<CheckoutRequest>,
) -> Result {
    let order = body.order.as_ref().ok_or_else(|| Reply::invalid("order is required"))?;
    let payment = body.payment_method.as_ref().ok_or_else(|| Reply::invalid("paymentMethod is required"))?;
    let offer_identifier = required(&order.offer_identifier, "order.offerIdentifier")?;
    let items = order.items.as_ref().ok_or_else(|| Reply::invalid("order.items is required"))?;
    if items.is_empty() {
        return Err(Reply::invalid("order.items must not be empty"));
    }
    let mut item_ids = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        item_ids.push(required(&item.item_identifier, &format!("order.items[{i}].itemIdentifier"))?);
        if item.quantity.is_some_and(|q| q < 1) {
            return Err(Reply::invalid(format!("order.items[{i}].quantity must be at least 1")));
        }
    }
    for (i, item) in items.iter().enumerate() {
        if let Some(parent) = optional(&item.parent_item_identifier)
            && !item_ids.contains(&parent)
        {
            return Err(Reply::invalid(format!(
                "order.items[{i}].parentItemIdentifier `{parent}` is not an item of this order"
            )));
        }
    }
    let buyer = order.customer.as_ref().ok_or_else(|| Reply::invalid("order.customer is required"))?;
    let customer_urn = required(&buyer.customer_urn, "order.customer.customerUrn")?;
    let channel =
        payment.payment_channel.ok_or_else(|| Reply::invalid("paymentMethod.paymentChannel is required"))?;
    let stored = payment.use_stored_method == Some(true);
    let draft = match channel {
        PaymentChannel::CreditCard => {
            let card = payment.credit_card.as_ref().ok_or_else(|| {
                Reply::invalid(
                    "paymentMethod.creditCard is required when paymentMethod.paymentChannel is CreditCard",
                )
            })?;
            if stored {
                PaymentDraft::Stored(
                    required(&card.payment_method_urn, "paymentMethod.creditCard.paymentMethodUrn")?
                        .to_owned(),
                )
            } else {
                let now = shared.clock.utc(shared.clock.now());
                let store = optional(&payment.store_method_success_payment).is_some_and(truthy);
                fresh_card(card, store, now)?
            }
        }
        _ if stored => {
            return Err(Reply::invalid(
                "paymentMethod.useStoredMethod is only supported with paymentChannel CreditCard",
            ));
        }
        _ => PaymentDraft::OffSite,
    };
    shared.with_tenant(tenant, |t, ctx| {
        // Idempotency: the same correlationId of the same tenant is the same checkout.
        if let Some(correlation_id) = optional(&order.correlation_id)
            && let Some(checkout) = t.correlations.get(correlation_id).and_then(|trk| t.checkouts.get(trk))
        {
            return Ok(accepted(checkout, ctx));
        }
        let offer = t.offers.get(offer_identifier).ok_or_else(|| {
            Reply::invalid(format!("order.offerIdentifier `{offer_identifier}` does not resolve to an offer of this tenant"))
        })?;
        if offer.kind == OfferKind::Showcase {
            return Err(Reply::status_only(
                StatusCode::UNPROCESSABLE_ENTITY,
                "OFFER_NOT_PURCHASABLE",
                Some(format!("order.offerIdentifier `{offer_identifier}` is a showcase offer and cannot be bought")),
            ));
        }
        if ctx.now >= offer.expires_at {
            return Err(Reply::status_only(
                StatusCode::GONE,
                "OFFER_EXPIRED",
                Some(format!("order.offerIdentifier `{offer_identifier}` expired at {}", ctx.date(offer.expires_at))),
            ));
        }
        if t.customers.get(customer_urn).is_none_or(|c| c.anonymized) {
            return Err(Reply::invalid(format!(
                "order.customer.customerUrn `{customer_urn}` does not resolve to a customer of this tenant"
            )));
        }
        if offer.customer_urn.as_deref().is_some_and(|c| c != customer_urn) {
            return Err(Reply::invalid(
                "order.customer.customerUrn is not the customer this offer was resolved for",
            ));
        }
        let mut lines = Vec::with_capacity(item_ids.len());
        for (i, id) in item_ids.iter().enumerate() {
            let line = offer.lines.iter().find(|l| l.item_identifier == *id).ok_or_else(|| {
                Reply::invalid(format!("order.items[{i}].itemIdentifier `{id}` is not part of offer {offer_identifier}"))
            })?;
            lines.push(line.clone());
        }
        let kind = offer.kind.clone();
        let payment = match draft {
            PaymentDraft::Card { behaviour, store } => Payment::Card { behaviour, store },
            PaymentDraft::OffSite => Payment::OffSite,
            PaymentDraft::Stored(urn) => {
                if t.live_payment_method(&urn).is_none_or(|pm| pm.customer_urn != customer_urn) {
                    return Err(Reply::invalid(format!(
                        "paymentMethod.creditCard.paymentMethodUrn `{urn}` is not a stored payment method of customer {customer_urn}"
                    )));
                }
                Payment::Stored { urn }
            }
        };
        let checkout = Checkout {
            tracking_number: format!("trk_{}", token(26)),
            correlation_id: optional(&order.correlation_id).map(str::to_owned),
            customer_urn: customer_urn.to_owned(),
            kind,
            lines,
            payment,
            stage: Stage::Processing { until: ctx.now + ctx.config.processing_time, challenged: false },
            settled_at: None,
        };
        let reply = accepted(&checkout, ctx);
        t.new_checkout(checkout);
        Ok(reply)
    })
}

pub(crate) async fn status(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    PathParam(tracking): PathParam,
) -> Result {
    // The sandbox's own configured origin, never the request's `Host` header.
    let origin = &shared.public_origin;
    shared.with_tenant(tenant, |t, ctx| {
        let checkout = t.checkouts.get(&tracking).ok_or_else(|| {
            Reply::status_only(
                StatusCode::NOT_FOUND,
                "ORDERED_ITEM_NOT_FOUND",
                Some(format!("no checkout with tracking number `{tracking}` for this tenant")),
            )
        })?;
        Ok(current(checkout, ctx, origin))
    })
}

/// The browser side of 3DS. `GET` completes the pending challenge (`?result=fail` fails it);
/// the checkout then goes back to processing. No credentials: the tracking number is the
/// capability, as with a PSP's hosted page.
pub(crate) async fn challenge_page(
    State(shared): State<Arc<AppState>>,
    PathParam(tracking): PathParam,
    query: QueryParams,
) -> Response {
    let approve = query.get("result") != Some("fail");
    for index in 0..shared.tenant_count() {
        match shared.with_tenant(index, |t, ctx| t.complete_challenge(&tracking, approve, ctx)) {
            Some(true) if approve => {
                return html(
                    StatusCode::OK,
                    "3-D Secure challenge completed",
                    "The challenge was approved. You can close this window; the checkout continues processing.",
                );
            }
            Some(true) => {
                return html(
                    StatusCode::OK,
                    "3-D Secure challenge failed",
                    "The checkout will report CHECK_OUT_FAILED.",
                );
            }
            Some(false) => {
                return html(
                    StatusCode::OK,
                    "Nothing to do",
                    "No 3-D Secure challenge is pending for this checkout.",
                );
            }
            None => {}
        }
    }
    html(StatusCode::NOT_FOUND, "Unknown checkout", "No checkout has this tracking number.")
}

// ------------------------------------------------------------------ rendering

/// Whole seconds to wait, rounded up; never below one while something is pending.
fn seconds(d: Duration) -> u64 {
    u64::try_from(d.as_millis().div_ceil(1000)).unwrap_or(u64::MAX).max(1)
}

/// The submit answer (202). Submit only enqueues, so it always reports
/// `CHECK_OUT_PROCESSING`, also for an idempotent replay whose checkout has moved on (then
/// with `retryAfterSeconds: 0`: poll the status now).
fn accepted(checkout: &Checkout, ctx: RequestContext<'_>) -> Reply {
    let retry = match checkout.stage {
        Stage::Processing { until, .. } => seconds(until.saturating_duration_since(ctx.now)),
        _ => 0,
    };
    Reply::new(
        StatusCode::ACCEPTED,
        json!({
            "trackingNumber": checkout.tracking_number,
            "status": { "messageCode": "CHECK_OUT_PROCESSING" },
            "followUpInstructions": { "retryAfterSeconds": retry, "canFollowUp": true },
        }),
    )
    .with_retry_after(Some(retry))
}

/// The status answer (200) for the current stage.
fn current(checkout: &Checkout, ctx: RequestContext<'_>, origin: &str) -> Reply {
    let tracking = &checkout.tracking_number;
    match &checkout.stage {
        Stage::Processing { until, .. } => {
            let retry = seconds(until.saturating_duration_since(ctx.now));
            Reply::ok(json!({
                "trackingNumber": tracking,
                "status": { "messageCode": "CHECK_OUT_PROCESSING" },
                "followUpInstructions": { "retryAfterSeconds": retry, "canFollowUp": true },
            }))
            .with_retry_after(Some(retry))
        }
        Stage::ChallengeRequired => {
            let retry = seconds(ctx.config.processing_time);
            let url = format!("{origin}/sandbox/3ds/{tracking}");
            Reply::ok(json!({
                "trackingNumber": tracking,
                "status": { "messageCode": "CHECK_OUT_3DS_REQUIRED" },
                "redirectInstructions": {
                    "redirectUrl": url,
                    "htmlContent": format!(
                        "<form method=\"get\" action=\"{url}\"><button type=\"submit\">Complete 3-D Secure</button></form>"
                    ),
                    "threeDIdentifier": format!("3ds_{}", tracking.trim_start_matches("trk_")),
                    "isRedirectRequired": true,
                    "hasNextSteps": true,
                    "showHtmlContent": false,
                },
                "followUpInstructions": { "retryAfterSeconds": retry, "canFollowUp": true },
            }))
            .with_retry_after(Some(retry))
        }
        Stage::Done => Reply::ok(json!({
            "trackingNumber": tracking,
            "status": { "messageCode": "CHECK_OUT_DONE" },
            "followUpInstructions": { "canFollowUp": false },
        })),
        Stage::Failed(message) => Reply::ok(json!({
            "trackingNumber": tracking,
            "status": { "messageCode": "CHECK_OUT_FAILED", "message": message },
            "followUpInstructions": { "canFollowUp": false },
        })),
    }
}

// ------------------------------------------------------------------ card checks

fn truthy(value: &str) -> bool {
    matches!(value.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes" | "y")
}

/// A raw card at checkout: presence and format problems are 400 INVALID_REQUEST naming the
/// field (INVALID_CARD is an add_payment_method code, not a checkout one).
fn fresh_card(card: &CreditCardDto, store: bool, now: chrono::DateTime<chrono::Utc>) -> Result<PaymentDraft> {
    use chrono::Datelike;
    const P: &str = "paymentMethod.creditCard";
    required(&card.card_holder_name, &format!("{P}.cardHolderName"))?;
    let pan = cards::normalise_pan(required(&card.card_number, &format!("{P}.cardNumber"))?);
    if !cards::luhn_valid(&pan) {
        return Err(Reply::invalid(format!("{P}.cardNumber is not a valid card number")));
    }
    let month = required(&card.expire_month, &format!("{P}.expireMonth"))?;
    let year = required(&card.expire_year, &format!("{P}.expireYear"))?;
    cards::check_expiry(month, year, (now.year(), now.month()))
        .map_err(|e| Reply::invalid(format!("{P}: {e}")))?;
    let cvc = required(&card.cvc, &format!("{P}.cvc"))?;
    if !cards::cvc_valid(cvc) {
        return Err(Reply::invalid(format!("{P}.cvc must be 3 or 4 digits")));
    }
    let behaviour = cards::behaviour(&pan);
    let store = store.then(|| CardToStore {
        masked_card_number: cards::mask(&pan),
        card_type: cards::brand(&pan),
        expire_month: month.to_owned(),
        expire_year: year.to_owned(),
        card_alias: optional(&card.card_alias).map(str::to_owned),
        behaviour,
    });
    Ok(PaymentDraft::Card { behaviour, store })
}
