//! Request bodies as the sandbox reads them: the field names of `openapi/c2a.yaml` (plus the
//! docs' short aliases), every field optional so that a missing required field is reported
//! by name, unknown fields rejected, enums closed. These types are the sandbox's own and
//! deliberately not shared with `c2a-client`.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::state::CancelMethod;

/// A struct read only from a JSON object. serde's derived `Deserialize` also accepts an
/// array and fills the fields by position, which would let `["x", {...}]` through; every
/// struct-typed field and every request body goes through this instead.
pub(crate) struct Obj<T>(pub(crate) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }

        deserializer.deserialize_map(ObjectVisitor(PhantomData)).map(Obj)
    }
}

/// `Option<T>` for a struct-typed field: absent or null is `None`, an object is `Some`.
fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    Ok(Option::<Obj<T>>::deserialize(deserializer)?.map(|Obj(value)| value))
}

/// `Option<Vec<T>>` of structs, each from an object.
fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    Ok(Option::<Vec<Obj<T>>>::deserialize(deserializer)?
        .map(|items| items.into_iter().map(|Obj(v)| v).collect()))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ValidateCustomerRequest {
    pub(crate) external_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct StoreCustomerRequest {
    #[serde(default, deserialize_with = "object")]
    pub(crate) customer: Option<CustomerDto>,
    #[serde(default, deserialize_with = "object")]
    pub(crate) claimed_region: Option<ClaimedRegion>,
}

/// Also the body of update_customer (same shape, `claimedRegion` optional there).
pub(crate) type UpdateCustomerRequest = StoreCustomerRequest;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CustomerDto {
    pub(crate) customer_urn: Option<String>,
    pub(crate) external_identifier: Option<String>,
    pub(crate) email: Option<String>,
    pub(crate) phone_number: Option<String>,
    pub(crate) salutation: Option<String>,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: Option<String>,
    pub(crate) gender: Option<String>,
    pub(crate) legal_type: Option<LegalType>,
    #[serde(default, deserialize_with = "object")]
    pub(crate) primary_billing_address: Option<PostalAddress>,
    pub(crate) corporation_info: Option<Map<String, Value>>,
    pub(crate) privacy: Option<Map<String, Value>>,
    pub(crate) status: Option<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub(crate) enum LegalType {
    Individual,
    Corporate,
}

impl LegalType {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Individual => "Individual",
            Self::Corporate => "Corporate",
        }
    }
}

#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct PostalAddress {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) street: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) postal_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) country_code: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ClaimedRegion {
    pub(crate) country_code: Option<String>,
    pub(crate) language_code: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct DeleteCustomerRequest {
    pub(crate) customer_uuid: Option<String>,
}

// ------------------------------------------------------------------ offers

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct GetOfferRequest {
    #[serde(default, deserialize_with = "object")]
    pub(crate) context: Option<OfferContext>,
}

/// GetBundlesContext and GetShowcaseOfferContext (the same fields).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct OfferContext {
    #[serde(alias = "CU")]
    pub(crate) customer_urn: Option<String>,
    #[serde(alias = "PC")]
    pub(crate) promotion_code: Option<String>,
    #[serde(alias = "SF")]
    pub(crate) step_index: Option<i64>,
    #[serde(alias = "IT")]
    pub(crate) interaction_type: Option<OfferIntent>,
    #[expect(dead_code, reason = "type-checked on input, not used by the sandbox")]
    #[serde(alias = "CH")]
    pub(crate) channel: Option<ChannelFamily>,
    #[serde(alias = "ID")]
    pub(crate) interaction_date: Option<String>,
    #[expect(dead_code, reason = "type-checked on input, not used by the sandbox")]
    #[serde(alias = "IM")]
    pub(crate) interaction_means: Option<String>,
    #[expect(dead_code, reason = "type-checked on input, not used by the sandbox")]
    #[serde(alias = "CTG")]
    pub(crate) custom_tags: Option<BTreeMap<String, String>>,
    #[serde(alias = "SFU")]
    pub(crate) storefront_urn: Option<String>,
    #[serde(alias = "OSI")]
    pub(crate) original_subscription_identifier: Option<String>,
    #[expect(dead_code, reason = "type-checked on input, not used by the sandbox")]
    #[serde(alias = "PLT")]
    pub(crate) client_platform_type: Option<ClientPlatform>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub(crate) enum OfferIntent {
    NewAcquisition,
    Replace,
    RetentionWinback,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub(crate) enum ChannelFamily {
    Azotte,
    InappPlayStore,
    InappAppStore,
    ExternalPartner,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub(crate) enum ClientPlatform {
    Web,
    Mobile,
}

// ------------------------------------------------------------------ checkout

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CheckoutRequest {
    #[serde(default, deserialize_with = "object")]
    #[serde(alias = "ORD")]
    pub(crate) order: Option<OrderCart>,
    #[serde(default, deserialize_with = "object")]
    #[serde(alias = "PMT")]
    pub(crate) payment_method: Option<PaymentMethodDto>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct OrderCart {
    #[serde(alias = "OID")]
    pub(crate) offer_identifier: Option<String>,
    #[serde(alias = "CLD")]
    pub(crate) correlation_id: Option<String>,
    #[expect(dead_code, reason = "type-checked on input, not used by the sandbox")]
    pub(crate) installment_identifier: Option<String>,
    #[expect(dead_code, reason = "type-checked on input, not used by the sandbox")]
    #[serde(rename = "resellerID")]
    pub(crate) reseller_id: Option<i64>,
    #[serde(default, deserialize_with = "objects")]
    #[serde(alias = "ITM")]
    pub(crate) items: Option<Vec<CheckoutOrderItem>>,
    #[serde(default, deserialize_with = "object")]
    #[serde(alias = "CUST")]
    pub(crate) customer: Option<CustomerInfo>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CheckoutOrderItem {
    #[serde(alias = "ITM")]
    pub(crate) item_identifier: Option<String>,
    #[serde(alias = "PURN")]
    pub(crate) parent_item_identifier: Option<String>,
    #[serde(alias = "QTY")]
    pub(crate) quantity: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CustomerInfo {
    pub(crate) customer_urn: Option<String>,
    #[expect(dead_code, reason = "type-checked on input, not used by the sandbox")]
    pub(crate) ip_address: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct PaymentMethodDto {
    #[serde(alias = "TP")]
    pub(crate) payment_channel: Option<PaymentChannel>,
    #[expect(dead_code, reason = "type-checked on input, not used by the sandbox")]
    #[serde(alias = "PI")]
    pub(crate) provider_identifier: Option<String>,
    #[serde(alias = "UM")]
    pub(crate) use_stored_method: Option<bool>,
    #[serde(default, deserialize_with = "object")]
    #[serde(alias = "CC")]
    pub(crate) credit_card: Option<CreditCardDto>,
    #[serde(alias = "SM")]
    pub(crate) store_method_success_payment: Option<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub(crate) enum PaymentChannel {
    CreditCard,
    PayPal,
    Klarna,
    #[serde(rename = "SEPA")]
    Sepa,
    Bank,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CreditCardDto {
    #[serde(alias = "CHN")]
    pub(crate) card_holder_name: Option<String>,
    #[serde(alias = "CN")]
    pub(crate) card_number: Option<String>,
    pub(crate) expire_month: Option<String>,
    pub(crate) expire_year: Option<String>,
    pub(crate) cvc: Option<String>,
    pub(crate) card_alias: Option<String>,
    pub(crate) payment_method_urn: Option<String>,
}

// ------------------------------------------------------------------ payment methods

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct PaymentMethodAddRequest {
    pub(crate) customer_urn: Option<String>,
    #[serde(default, deserialize_with = "object")]
    pub(crate) payment_method: Option<PaymentMethodDto>,
}

// ------------------------------------------------------------------ subscriptions

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct RequestCancelRequest {
    pub(crate) order_identifier: Option<String>,
    pub(crate) cancelation_method: Option<WireCancelMethod>,
    pub(crate) current_step: Option<i64>,
    #[expect(dead_code, reason = "accepted and ignored: the server stamps C2A")]
    pub(crate) source: Option<InteractionSource>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ConfirmCancelRequest {
    pub(crate) order_identifier: Option<String>,
    pub(crate) cancelation_method: Option<WireCancelMethod>,
    pub(crate) current_step: Option<i64>,
    #[expect(dead_code, reason = "type-checked on input, not used by the sandbox")]
    pub(crate) survey: Option<String>,
    #[expect(dead_code, reason = "accepted and ignored: the server stamps C2A")]
    pub(crate) source: Option<InteractionSource>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct RestartSubscriptionContext {
    pub(crate) order_identifier: Option<String>,
    #[expect(dead_code, reason = "accepted and ignored: the server stamps C2A")]
    pub(crate) source: Option<InteractionSource>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub(crate) enum WireCancelMethod {
    Normal,
    Immediate,
    EndOfPeriod,
}

impl From<WireCancelMethod> for CancelMethod {
    fn from(method: WireCancelMethod) -> Self {
        match method {
            WireCancelMethod::Normal => Self::Normal,
            WireCancelMethod::Immediate => Self::Immediate,
            WireCancelMethod::EndOfPeriod => Self::EndOfPeriod,
        }
    }
}

/// Accepted and ignored: the server always stamps C2A.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub(crate) enum InteractionSource {
    #[serde(rename = "C2A")]
    C2a,
    #[serde(rename = "P2A")]
    P2a,
}
