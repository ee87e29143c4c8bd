//! Card data and the API key never reach `Debug` output or traces; each call has one span
//! with the documented fields.

use std::sync::{Arc, Mutex};

use crate::common::{API_KEY, Reply, Server};
use c2a_client::RetryPolicy;
use c2a_client::types;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

const PAN: &str = "4242424242424242";
const CVC: &str = "987";
const HOLDER: &str = "Jane Q. Cardholder";

fn card() -> types::builder::CreditCardDto {
    types::CreditCardDto::builder()
        .card_holder_name(HOLDER.to_owned())
        .card_number(PAN.to_owned())
        .cvc(CVC.to_owned())
        .expire_month("12".to_owned())
        .expire_year("2031".to_owned())
        .card_alias("Personal Visa".to_owned())
}

fn assert_no_card_data(text: &str) {
    for secret in [PAN, "424242", CVC, HOLDER, "2031"] {
        assert!(!text.contains(secret), "{secret:?} leaked in: {text}");
    }
}

#[test]
fn checkout_and_add_payment_method_requests_are_redacted() {
    let card_value: types::CreditCardDto = card().try_into().expect("card");
    let payment = types::PaymentMethodDto::builder()
        .payment_channel(types::EnPaymentChannel::CreditCard)
        .credit_card(card_value.clone());
    let checkout =
        crate::common::requests::checkout_request("of_1", "it_1", "cu.1", Some(card_value.clone()), None);
    let add: types::PaymentMethodAddRequest = types::PaymentMethodAddRequest::builder()
        .customer_urn("cu.1")
        .payment_method(payment)
        .try_into()
        .expect("add");

    for text in
        [format!("{checkout:?}"), format!("{add:?}"), format!("{card_value:?}"), format!("{:?}", card())]
    {
        assert_no_card_data(&text);
        assert!(text.contains("[redacted]"), "{text}");
    }
    // What is not card data stays visible for debugging.
    assert!(format!("{card_value:?}").contains("Personal Visa"));
    assert!(format!("{checkout:?}").contains("of_1"));
    // The wire format is unchanged: the PAN is still sent to the server.
    assert!(serde_json::to_string(&checkout).expect("json").contains(PAN));
}

#[test]
fn request_builders_of_the_client_are_redacted_too() {
    let client = c2a_client::Client::builder()
        .base_url("http://127.0.0.1:9/api/v1")
        .api_key(API_KEY)
        .tenant("t")
        .build()
        .expect("client");
    let method = types::PaymentMethodDto::builder()
        .payment_channel(types::EnPaymentChannel::CreditCard)
        .credit_card(types::CreditCardDto::try_from(card()).expect("card"));
    let builder = client
        .add_payment_method()
        .body(types::PaymentMethodAddRequest::builder().customer_urn("cu.1").payment_method(method));
    let text = format!("{builder:?}");
    assert_no_card_data(&text);
    assert!(!text.contains(API_KEY), "{text}");
}

/// Every span field and event field, as text, plus the span names.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<(String, String)>>>);

impl Visit for Captured {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.lock().expect("lock").push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.lock().expect("lock").push((field.name().to_owned(), value.to_owned()));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.lock().expect("lock").push((field.name().to_owned(), value.to_string()));
    }
}

impl<S: tracing::Subscriber + for<'a> LookupSpan<'a>> tracing_subscriber::Layer<S> for Captured {
    fn on_new_span(&self, attrs: &tracing::span::Attributes<'_>, _: &tracing::span::Id, _: Context<'_, S>) {
        self.0.lock().expect("lock").push(("span".into(), attrs.metadata().name().into()));
        attrs.record(&mut self.clone());
    }
    fn on_record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>, _: Context<'_, S>) {
        values.record(&mut self.clone());
    }
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        event.record(&mut self.clone());
    }
}

#[tokio::test]
async fn one_span_per_call_with_ids_status_and_code_but_no_secrets_or_bodies() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::registry().with(captured.clone());
    let _guard = crate::common::subscribe(subscriber);

    let body = r#"{"result":null,"status":{"messageCode":"CARD_DECLINED","message":"declined by issuer"}}"#;
    let server = Server::start(vec![Reply::c2a(200, body)]).await;
    let method = types::PaymentMethodDto::builder()
        .payment_channel(types::EnPaymentChannel::CreditCard)
        .credit_card(types::CreditCardDto::try_from(card()).expect("card"));
    let request = types::PaymentMethodAddRequest::builder().customer_urn("cu.1").payment_method(method);
    let err = server
        .client(RetryPolicy::none())
        .add_payment_method()
        .body(request)
        .send()
        .await
        .expect_err("declined");
    assert_eq!(err.message_code(), Some(&types::MessageCode::CardDeclined));

    let fields = captured.0.lock().expect("lock").clone();
    let value = |name: &str| fields.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    assert_eq!(fields.iter().filter(|(k, v)| k == "span" && v == "c2a.call").count(), 1);
    assert_eq!(value("operation").as_deref(), Some("add_payment_method"));
    assert_eq!(value("method").as_deref(), Some("POST"));
    assert_eq!(value("path").as_deref(), Some("/c2a/customer/payment/methods/add"));
    assert_eq!(value("attempt").as_deref(), Some("1"));
    assert_eq!(value("status").as_deref(), Some("200"));
    assert_eq!(value("message_code").as_deref(), Some("CARD_DECLINED"));
    assert_eq!(value("error").as_deref(), Some("api"));
    assert!(value("duration_ms").is_some());
    let all = format!("{fields:?}");
    assert_no_card_data(&all);
    assert!(!all.contains(API_KEY));
    assert!(!all.contains("declined by issuer"), "no bodies in traces: {all}");
}
