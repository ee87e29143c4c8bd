// The `redaction` pass on fixtures/money_redaction.yaml: what it added, changed or removed.

// mod types, changed: struct CardRequest
///Card data to store.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, PartialEq)]
pub struct CardRequest {
    #[serde(rename = "cardNumber")]
    pub card_number: ::std::string::String,
    pub cvc: ::std::string::String,
    #[serde(rename = "holderName")]
    pub holder_name: ::std::string::String,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub label: ::std::option::Option<::std::string::String>,
}

// mod types, changed: struct CardResponse
///The stored card, inline next to `status`.
#[derive(::serde::Deserialize, ::serde::Serialize, Clone, PartialEq)]
pub struct CardResponse {
    #[serde(rename = "cardUrn", skip_serializing_if = "::std::option::Option::is_none")]
    pub card_urn: ::std::option::Option<::std::string::String>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub expiry: ::std::option::Option<::std::string::String>,
    pub status: AzotteStatus,
}

// mod types::builder, changed: struct CardRequest
#[derive(Clone)]
pub struct CardRequest {
    card_number: ::std::result::Result<::std::string::String, ::std::string::String>,
    cvc: ::std::result::Result<::std::string::String, ::std::string::String>,
    holder_name: ::std::result::Result<::std::string::String, ::std::string::String>,
    label: ::std::result::Result<
        ::std::option::Option<::std::string::String>,
        ::std::string::String,
    >,
}

// mod types::builder, changed: struct CardResponse
#[derive(Clone)]
pub struct CardResponse {
    card_urn: ::std::result::Result<
        ::std::option::Option<::std::string::String>,
        ::std::string::String,
    >,
    expiry: ::std::result::Result<
        ::std::option::Option<::std::string::String>,
        ::std::string::String,
    >,
    status: ::std::result::Result<super::AzotteStatus, ::std::string::String>,
}

// mod types::builder, added: impl ::std::fmt::Debug for CardRequest
impl ::std::fmt::Debug for CardRequest {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("CardRequest")
            .field("card_number", &format_args!("[redacted]"))
            .field("cvc", &format_args!("[redacted]"))
            .field("holder_name", &format_args!("[redacted]"))
            .field("label", &self.label)
            .finish()
    }
}

// mod types::builder, added: impl ::std::fmt::Debug for CardResponse
impl ::std::fmt::Debug for CardResponse {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("CardResponse")
            .field("card_urn", &self.card_urn)
            .field("expiry", &format_args!("[redacted]"))
            .field("status", &self.status)
            .finish()
    }
}

// mod types, added: impl ::std::fmt::Debug for CardRequest
impl ::std::fmt::Debug for CardRequest {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("CardRequest")
            .field("card_number", &format_args!("[redacted]"))
            .field("cvc", &format_args!("[redacted]"))
            .field("holder_name", &format_args!("[redacted]"))
            .field("label", &self.label)
            .finish()
    }
}

// mod types, added: impl ::std::fmt::Debug for CardResponse
impl ::std::fmt::Debug for CardResponse {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("CardResponse")
            .field("card_urn", &self.card_urn)
            .field("expiry", &format_args!("[redacted]"))
            .field("status", &self.status)
            .finish()
    }
}
