// The `open-enums` pass on fixtures/open_enums.yaml: what it added, changed or removed.

// mod types, changed: enum EnPeriod
///Billing periods; the docs close the list.
#[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub enum EnPeriod {
    Monthly,
    Yearly,
    /// A value this version of the client does not know, kept exactly as received.
    Unknown(::std::string::String),
}

// mod types, added: impl EnPeriod
impl EnPeriod {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Monthly => "Monthly",
            Self::Yearly => "Yearly",
            Self::Unknown(value) => value.as_str(),
        }
    }
    /// Whether the value is one the spec does not list.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown(_))
    }
}

// mod types, impl ::std::fmt::Display for EnPeriod, changed: fn fmt
impl ::std::fmt::Display for EnPeriod {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// mod types, impl ::std::str::FromStr for EnPeriod, changed: type Err
impl ::std::str::FromStr for EnPeriod {
    type Err = ::std::convert::Infallible;
}

// mod types, impl ::std::str::FromStr for EnPeriod, changed: fn from_str
impl ::std::str::FromStr for EnPeriod {
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self::from(value))
    }
}

// mod types, added: impl ::std::convert::From<&str> for EnPeriod
impl ::std::convert::From<&str> for EnPeriod {
    fn from(value: &str) -> Self {
        match value {
            "Monthly" => Self::Monthly,
            "Yearly" => Self::Yearly,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

// mod types, added: impl ::std::convert::From<::std::string::String> for EnPeriod
impl ::std::convert::From<::std::string::String> for EnPeriod {
    fn from(value: ::std::string::String) -> Self {
        match value.as_str() {
            "Monthly" => Self::Monthly,
            "Yearly" => Self::Yearly,
            _ => Self::Unknown(value),
        }
    }
}

// mod types, added: impl ::serde::Serialize for EnPeriod
impl ::serde::Serialize for EnPeriod {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

// mod types, added: impl<'de> ::serde::Deserialize<'de> for EnPeriod
impl<'de> ::serde::Deserialize<'de> for EnPeriod {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        struct EnPeriodVisitor;
        impl ::serde::de::Visitor<'_> for EnPeriodVisitor {
            type Value = EnPeriod;
            fn expecting(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> ::std::fmt::Result {
                f.write_str("a EnPeriod string")
            }
            fn visit_str<E: ::serde::de::Error>(
                self,
                value: &str,
            ) -> ::std::result::Result<EnPeriod, E> {
                Ok(EnPeriod::from(value))
            }
            fn visit_string<E: ::serde::de::Error>(
                self,
                value: ::std::string::String,
            ) -> ::std::result::Result<EnPeriod, E> {
                Ok(EnPeriod::from(value))
            }
        }
        deserializer.deserialize_str(EnPeriodVisitor)
    }
}

// mod types, changed: enum EnProvider
///Payment providers observed; the server may send others.
#[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub enum EnProvider {
    Visa,
    MasterCard,
    AmericanExpress,
    /// A value this version of the client does not know, kept exactly as received.
    Unknown(::std::string::String),
}

// mod types, added: impl EnProvider
impl EnProvider {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Visa => "Visa",
            Self::MasterCard => "MasterCard",
            Self::AmericanExpress => "American Express",
            Self::Unknown(value) => value.as_str(),
        }
    }
    /// Whether the value is one the spec does not list.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown(_))
    }
}

// mod types, impl ::std::fmt::Display for EnProvider, changed: fn fmt
impl ::std::fmt::Display for EnProvider {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// mod types, impl ::std::str::FromStr for EnProvider, changed: type Err
impl ::std::str::FromStr for EnProvider {
    type Err = ::std::convert::Infallible;
}

// mod types, impl ::std::str::FromStr for EnProvider, changed: fn from_str
impl ::std::str::FromStr for EnProvider {
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self::from(value))
    }
}

// mod types, added: impl ::std::convert::From<&str> for EnProvider
impl ::std::convert::From<&str> for EnProvider {
    fn from(value: &str) -> Self {
        match value {
            "Visa" => Self::Visa,
            "MasterCard" => Self::MasterCard,
            "American Express" => Self::AmericanExpress,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

// mod types, added: impl ::std::convert::From<::std::string::String> for EnProvider
impl ::std::convert::From<::std::string::String> for EnProvider {
    fn from(value: ::std::string::String) -> Self {
        match value.as_str() {
            "Visa" => Self::Visa,
            "MasterCard" => Self::MasterCard,
            "American Express" => Self::AmericanExpress,
            _ => Self::Unknown(value),
        }
    }
}

// mod types, added: impl ::serde::Serialize for EnProvider
impl ::serde::Serialize for EnProvider {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

// mod types, added: impl<'de> ::serde::Deserialize<'de> for EnProvider
impl<'de> ::serde::Deserialize<'de> for EnProvider {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        struct EnProviderVisitor;
        impl ::serde::de::Visitor<'_> for EnProviderVisitor {
            type Value = EnProvider;
            fn expecting(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> ::std::fmt::Result {
                f.write_str("a EnProvider string")
            }
            fn visit_str<E: ::serde::de::Error>(
                self,
                value: &str,
            ) -> ::std::result::Result<EnProvider, E> {
                Ok(EnProvider::from(value))
            }
            fn visit_string<E: ::serde::de::Error>(
                self,
                value: ::std::string::String,
            ) -> ::std::result::Result<EnProvider, E> {
                Ok(EnProvider::from(value))
            }
        }
        deserializer.deserialize_str(EnProviderVisitor)
    }
}

// mod types, changed: enum MessageCode
///Every `status.messageCode` the spec records (`x-message-codes` of each operation).
#[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
pub enum MessageCode {
    /// `SUCCESS`: Found.
    Success,
    /// `PLAN_NOT_FOUND`: No such plan.
    PlanNotFound,
    /// A value this version of the client does not know, kept exactly as received.
    Unknown(::std::string::String),
}

// mod types, added: impl MessageCode
impl MessageCode {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Success => "SUCCESS",
            Self::PlanNotFound => "PLAN_NOT_FOUND",
            Self::Unknown(value) => value.as_str(),
        }
    }
    /// Whether the value is one the spec does not list.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown(_))
    }
}

// mod types, impl ::std::fmt::Display for MessageCode, changed: fn fmt
impl ::std::fmt::Display for MessageCode {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// mod types, impl ::std::str::FromStr for MessageCode, changed: type Err
impl ::std::str::FromStr for MessageCode {
    type Err = ::std::convert::Infallible;
}

// mod types, impl ::std::str::FromStr for MessageCode, changed: fn from_str
impl ::std::str::FromStr for MessageCode {
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(Self::from(value))
    }
}

// mod types, added: impl ::std::convert::From<&str> for MessageCode
impl ::std::convert::From<&str> for MessageCode {
    fn from(value: &str) -> Self {
        match value {
            "SUCCESS" => Self::Success,
            "PLAN_NOT_FOUND" => Self::PlanNotFound,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

// mod types, added: impl ::std::convert::From<::std::string::String> for MessageCode
impl ::std::convert::From<::std::string::String> for MessageCode {
    fn from(value: ::std::string::String) -> Self {
        match value.as_str() {
            "SUCCESS" => Self::Success,
            "PLAN_NOT_FOUND" => Self::PlanNotFound,
            _ => Self::Unknown(value),
        }
    }
}

// mod types, added: impl ::serde::Serialize for MessageCode
impl ::serde::Serialize for MessageCode {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

// mod types, added: impl<'de> ::serde::Deserialize<'de> for MessageCode
impl<'de> ::serde::Deserialize<'de> for MessageCode {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        struct MessageCodeVisitor;
        impl ::serde::de::Visitor<'_> for MessageCodeVisitor {
            type Value = MessageCode;
            fn expecting(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> ::std::fmt::Result {
                f.write_str("a MessageCode string")
            }
            fn visit_str<E: ::serde::de::Error>(
                self,
                value: &str,
            ) -> ::std::result::Result<MessageCode, E> {
                Ok(MessageCode::from(value))
            }
            fn visit_string<E: ::serde::de::Error>(
                self,
                value: ::std::string::String,
            ) -> ::std::result::Result<MessageCode, E> {
                Ok(MessageCode::from(value))
            }
        }
        deserializer.deserialize_str(MessageCodeVisitor)
    }
}

// mod types, removed: impl ::std::convert::TryFrom<&str> for EnPeriod

// mod types, removed: impl ::std::convert::TryFrom<::std::string::String> for EnPeriod

// mod types, removed: impl ::std::convert::TryFrom<&str> for EnProvider

// mod types, removed: impl ::std::convert::TryFrom<::std::string::String> for EnProvider

// mod types, removed: impl ::std::convert::TryFrom<&str> for MessageCode

// mod types, removed: impl ::std::convert::TryFrom<::std::string::String> for MessageCode
