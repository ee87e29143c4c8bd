//! Requests the examples, the client tests and the benchmarks all build: the one place a
//! checkout request is written. Included by `support/mod.rs`, which the examples and the
//! client's tests (`tests/it/main.rs`, re-exported by `tests/it/common`) include.

// Each includer uses part of this module.
#![allow(dead_code)]

use c2a_client::types;

/// A test card with `number`: Jane Doe, expiring 12/2031, CVC 123.
pub fn test_card(number: &str) -> types::CreditCardDto {
    types::CreditCardDto::builder()
        .card_holder_name("Jane Doe".to_owned())
        .card_number(number.to_owned())
        .expire_month("12".to_owned())
        .expire_year("2031".to_owned())
        .cvc("123".to_owned())
        .try_into()
        .expect("every card field is set")
}

/// A checkout of one `item` of offer `offer_identifier` for customer `customer` (a URN),
/// paid by credit card: with `card` (see [`test_card`]), or with no card data when `None`
/// (scripted servers do not read it). A `correlation_id` makes the submission repeatable
/// (`x-idempotency-key`).
pub fn checkout_request(
    offer_identifier: &str,
    item: &str,
    customer: &str,
    card: Option<types::CreditCardDto>,
    correlation_id: Option<&str>,
) -> types::CheckoutRequest {
    let item = types::CheckoutOrderItem::builder().item_identifier(item.to_owned());
    let mut order = types::OrderCart::builder()
        .offer_identifier(offer_identifier.to_owned())
        .items(vec![item.try_into().expect("the item identifier is set")])
        .customer(types::CustomerInfo::builder().customer_urn(customer.to_owned()));
    if let Some(id) = correlation_id {
        order = order.correlation_id(id.to_owned());
    }
    let mut payment = types::PaymentMethodDto::builder().payment_channel(types::EnPaymentChannel::CreditCard);
    if let Some(card) = card {
        payment = payment.credit_card(card);
    }
    types::CheckoutRequest::builder()
        .order(order)
        .payment_method(payment)
        .try_into()
        .expect("every required field is set")
}
