// The `optional-setters` pass on fixtures/money_redaction.yaml: what it added, changed or removed.

// mod types::builder, impl AzotteStatus, changed: fn message
impl AzotteStatus {
    pub fn message<T>(mut self, value: T) -> Self
    where
        T: ::std::convert::TryInto<::std::string::String>,
        T::Error: ::std::fmt::Display,
    {
        self.message = value
            .try_into()
            .map(::std::option::Option::Some)
            .map_err(|e| format!("error converting supplied value for message: {e}"));
        self
    }
}

// mod types::builder, impl CardRequest, changed: fn label
impl CardRequest {
    pub fn label<T>(mut self, value: T) -> Self
    where
        T: ::std::convert::TryInto<::std::string::String>,
        T::Error: ::std::fmt::Display,
    {
        self.label = value
            .try_into()
            .map(::std::option::Option::Some)
            .map_err(|e| format!("error converting supplied value for label: {e}"));
        self
    }
}

// mod types::builder, impl CardResponse, changed: fn card_urn
impl CardResponse {
    pub fn card_urn<T>(mut self, value: T) -> Self
    where
        T: ::std::convert::TryInto<::std::string::String>,
        T::Error: ::std::fmt::Display,
    {
        self.card_urn = value
            .try_into()
            .map(::std::option::Option::Some)
            .map_err(|e| format!("error converting supplied value for card_urn: {e}"));
        self
    }
}

// mod types::builder, impl CardResponse, changed: fn expiry
impl CardResponse {
    pub fn expiry<T>(mut self, value: T) -> Self
    where
        T: ::std::convert::TryInto<::std::string::String>,
        T::Error: ::std::fmt::Display,
    {
        self.expiry = value
            .try_into()
            .map(::std::option::Option::Some)
            .map_err(|e| format!("error converting supplied value for expiry: {e}"));
        self
    }
}

// mod types::builder, impl Price, changed: fn currency
impl Price {
    pub fn currency<T>(mut self, value: T) -> Self
    where
        T: ::std::convert::TryInto<::std::string::String>,
        T::Error: ::std::fmt::Display,
    {
        self.currency = value
            .try_into()
            .map(::std::option::Option::Some)
            .map_err(|e| format!("error converting supplied value for currency: {e}"));
        self
    }
}

// mod types::builder, impl PriceResponse, changed: fn result
impl PriceResponse {
    pub fn result<T>(mut self, value: T) -> Self
    where
        T: ::std::convert::TryInto<super::Price>,
        T::Error: ::std::fmt::Display,
    {
        self.result = value
            .try_into()
            .map(::std::option::Option::Some)
            .map_err(|e| format!("error converting supplied value for result: {e}"));
        self
    }
}
