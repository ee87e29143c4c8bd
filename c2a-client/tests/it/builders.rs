//! The type builders take optional fields as easily as required ones (`&str`, a nested
//! builder), and parameters are set by their spec names (`x-rust-name`), not wire names.
//! Response-only types have no builder: a value of one is made from JSON.

use crate::common::{Reply, Server};
use c2a_client::RetryPolicy;
use c2a_client::types;

#[test]
fn optional_fields_take_str_and_nested_builders_like_required_ones() {
    let card = types::CreditCardDto::builder()
        .card_holder_name("Jane Doe")
        .card_number("4242424242424242")
        .expire_month("12")
        .expire_year("2031")
        .cvc("123");
    let payment = types::PaymentMethodDto::builder()
        .payment_channel(types::EnPaymentChannel::CreditCard)
        .credit_card(card);
    let order = types::OrderCart::builder()
        .offer_identifier("of_1")
        .correlation_id("order-1")
        .items(vec![types::CheckoutOrderItem::builder().item_identifier("it_1").try_into().expect("item")])
        .customer(types::CustomerInfo::builder().customer_urn("cu.1"));
    let request: types::CheckoutRequest =
        types::CheckoutRequest::builder().order(order).payment_method(payment).try_into().expect("complete");
    assert_eq!(request.order.correlation_id.as_deref(), Some("order-1"));
    let card = request.payment_method.credit_card.as_ref().expect("card set through its builder");
    assert_eq!(card.card_number.as_deref(), Some("4242424242424242"));
    assert_eq!(card.cvc.as_deref(), Some("123"));
}

#[test]
fn response_only_types_are_built_from_json() {
    let result: types::CheckoutResult = serde_json::from_value(serde_json::json!({
        "trackingNumber": "tr_1",
        "status": {"messageCode": "SUCCESS"},
        "redirectInstructions": {"url": "https://acs.example/3ds"},
    }))
    .expect("a response value from its JSON");
    assert_eq!(result.tracking_number, "tr_1");
    assert_eq!(result.status.message_code, types::MessageCode::Success);
    assert!(result.redirect_instructions.is_some());
}

#[tokio::test]
async fn parameters_are_set_by_their_spec_names_and_sent_by_their_wire_names() {
    let ok = r#"{"result":{"customerUrn":"cu.1"},"status":{"messageCode":"SUCCESS"}}"#;
    let server = Server::start(vec![Reply::c2a(200, ok)]).await;
    let client = server.client(RetryPolicy::none());
    client.get_customer_info().customer_urn("cu.1").send().await.expect("info");
    client.get_customer_info().external_id("crm-1").send().await.expect("info");
    let seen = server.seen();
    assert_eq!(seen[0].uri, "/api/v1/c2a/customer/info?urn=cu.1");
    assert_eq!(seen[1].uri, "/api/v1/c2a/customer/info?exId=crm-1");
}
