//! C2A-02 Offers: purchase offers (get_bundles) and render-only showcase offers.
//!
//! Business failures come back as documented: HTTP 200 with `offer: null` and the code.

use std::sync::Arc;

use axum::extract::State;
use serde_json::{Value, json};

use crate::catalog::Catalog;
use crate::http::{JsonBody, Reply, Result, TenantIndex, optional, required_obj};
use crate::state::{AppState, Offer, OfferKind, PricedBundle, RequestContext, Tenant};
use crate::wire::{GetOfferRequest, OfferContext, OfferIntent};

pub(crate) async fn bundles(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<GetOfferRequest>,
) -> Result {
    let context = required_obj(&body.context, "context")?;
    let intent =
        context.interaction_type.ok_or_else(|| Reply::invalid("context.interactionType is required"))?;
    check_context(context)?;
    if intent != OfferIntent::NewAcquisition && optional(&context.original_subscription_identifier).is_none()
    {
        return Err(Reply::invalid(format!(
            "context.originalSubscriptionIdentifier is required when context.interactionType is {intent:?}"
        )));
    }
    Ok(shared.with_tenant(tenant, |t, ctx| resolve(t, ctx, context, Some(intent))))
}

pub(crate) async fn showcase(
    State(shared): State<Arc<AppState>>,
    TenantIndex(tenant): TenantIndex,
    JsonBody(body): JsonBody<GetOfferRequest>,
) -> Result {
    let context = required_obj(&body.context, "context")?;
    check_context(context)?;
    Ok(shared.with_tenant(tenant, |t, ctx| resolve(t, ctx, context, None)))
}

fn check_context(context: &OfferContext) -> Result<()> {
    if context.step_index.is_some_and(|s| s < 0) {
        return Err(Reply::invalid("context.stepIndex must not be negative"));
    }
    if let Some(date) = optional(&context.interaction_date)
        && chrono::DateTime::parse_from_rfc3339(date).is_err()
    {
        return Err(Reply::invalid("context.interactionDate must be an RFC 3339 date-time"));
    }
    Ok(())
}

/// A failed resolution: 200, `offer: null`.
fn no_offer(code: &str, message: String) -> Reply {
    Reply::ok(json!({ "status": { "messageCode": code, "message": message }, "offer": null }))
}

/// `intent`: `None` for a showcase.
fn resolve(
    t: &mut Tenant,
    ctx: RequestContext<'_>,
    context: &OfferContext,
    intent: Option<OfferIntent>,
) -> Reply {
    let storefront = match optional(&context.storefront_urn) {
        Some(urn) => match t.catalog.storefront(urn) {
            Some(storefront) => storefront.clone(),
            None => {
                return no_offer(
                    "STOREFRONT_NOT_FOUND",
                    format!("context.storefrontUrn `{urn}` is not a storefront of this tenant"),
                );
            }
        },
        None => t.catalog.default_storefront().clone(),
    };
    let promotion = match optional(&context.promotion_code) {
        Some(code) => match Catalog::promotion(code) {
            Some(p) if !p.expired => Some(p),
            Some(_) => {
                return no_offer("INVALID_PROMOTION_CODE", format!("promotion code `{code}` has expired"));
            }
            None => {
                return no_offer(
                    "INVALID_PROMOTION_CODE",
                    format!("promotion code `{code}` is not recognised"),
                );
            }
        },
        None => None,
    };
    let price = |p: i64| promotion.map_or(p, |promo| promo.apply(p));

    // A showcase is customer-agnostic; a purchase offer is personalised when a customer is set.
    let customer = match (intent, optional(&context.customer_urn)) {
        (Some(_), Some(urn)) => match t.customers.get(urn) {
            Some(c) if !c.anonymized => Some(c.urn.clone()),
            _ => {
                return no_offer(
                    "NO_OFFER_FOUND",
                    format!("context.customerUrn `{urn}` does not resolve to a customer of this tenant"),
                );
            }
        },
        _ => None,
    };

    let (kind, storefront_urn, customer, lines): (OfferKind, String, Option<String>, Vec<PricedBundle>) =
        match intent {
            None | Some(OfferIntent::NewAcquisition) => {
                let kind = if intent.is_none() { OfferKind::Showcase } else { OfferKind::Purchase };
                let lines = storefront
                    .bundles
                    .iter()
                    .map(|b| (b.clone(), price(b.price), storefront.currency))
                    .collect();
                (kind, storefront.urn.clone(), customer, lines)
            }
            Some(intent @ (OfferIntent::Replace | OfferIntent::RetentionWinback)) => {
                let order = optional(&context.original_subscription_identifier).unwrap_or_default();
                let Some(sub) =
                    t.subscription(order).filter(|s| customer.as_ref().is_none_or(|c| *c == s.customer_urn))
                else {
                    return no_offer(
                        "NO_OFFER_FOUND",
                        format!(
                            "context.originalSubscriptionIdentifier `{order}` is not a subscription of this customer"
                        ),
                    );
                };
                let Some(home) = t.catalog.storefront_of(&sub.bundle.urn) else {
                    return no_offer(
                        "NO_OFFER_FOUND",
                        format!("bundle {} is no longer sold", sub.bundle.urn),
                    );
                };
                if intent == OfferIntent::RetentionWinback {
                    match sub.bundle.winback_price {
                        Some(winback) if sub.retention_eligible && sub.state.can_cancel() => (
                            OfferKind::Retention { replaces: sub.order_identifier.clone() },
                            home.urn.clone(),
                            Some(sub.customer_urn.clone()),
                            vec![(sub.bundle.clone(), price(winback), home.currency)],
                        ),
                        _ => {
                            return no_offer(
                                "NO_OFFER_FOUND",
                                format!("subscription {order} is not eligible for a retention offer"),
                            );
                        }
                    }
                } else {
                    let lines: Vec<_> = home
                        .bundles
                        .iter()
                        .filter(|b| b.urn != sub.bundle.urn)
                        .map(|b| (b.clone(), price(b.price), home.currency))
                        .collect();
                    if !sub.state.can_replace() || lines.is_empty() {
                        return no_offer(
                            "NO_OFFER_FOUND",
                            format!("no replacement is on offer for subscription {order}"),
                        );
                    }
                    (
                        OfferKind::Replace { replaces: sub.order_identifier.clone() },
                        home.urn.clone(),
                        Some(sub.customer_urn.clone()),
                        lines,
                    )
                }
            }
        };
    if lines.is_empty() {
        return no_offer("NO_OFFER_FOUND", format!("storefront {storefront_urn} has no bundle on offer"));
    }
    let offer = t.new_offer(kind, &storefront_urn, customer, lines, ctx);
    Reply::ok(json!({ "status": { "messageCode": "SUCCESS" }, "offer": render_offer(offer, ctx) }))
}

/// `PurchaseOffer`. Showcase groups carry no `itemIdentifier`: they cannot be bought.
pub(crate) fn render_offer(offer: &Offer, ctx: RequestContext<'_>) -> Value {
    let purchasable = offer.kind != OfferKind::Showcase;
    let groups: Vec<Value> = offer
        .lines
        .iter()
        .map(|line| {
            let mut group = json!({
                "bundleUrn": line.bundle.urn,
                "name": line.bundle.name,
                "price": { "amountMilpieces": line.price, "currency": line.currency },
            });
            if purchasable {
                group["itemIdentifier"] = json!(line.item_identifier);
            }
            group
        })
        .collect();
    json!({
        "offerIdentifier": offer.identifier,
        "expiresAt": ctx.date(offer.expires_at),
        "presentationType": offer.presentation_type(),
        "productGroupType": "RecurringSubscription",
        "storefrontUrn": offer.storefront_urn,
        "artifactGroups": groups,
    })
}
