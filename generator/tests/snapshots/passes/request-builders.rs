// The `request-builders` pass on fixtures/minimal.yaml: what it added, changed or removed.

// mod types::builder, removed: struct AzotteStatus

// mod types::builder, removed: impl ::std::default::Default for AzotteStatus

// mod types::builder, removed: impl AzotteStatus

// mod types::builder, removed: impl ::std::convert::TryFrom<AzotteStatus> for super::AzotteStatus

// mod types::builder, removed: impl ::std::convert::From<super::AzotteStatus> for AzotteStatus

// mod types::builder, removed: struct StatusResponse

// mod types::builder, removed: impl ::std::default::Default for StatusResponse

// mod types::builder, removed: impl StatusResponse

// mod types::builder, removed: impl ::std::convert::TryFrom<StatusResponse> for super::StatusResponse

// mod types::builder, removed: impl ::std::convert::From<super::StatusResponse> for StatusResponse

// mod types::builder, removed: struct ThingResponse

// mod types::builder, removed: impl ::std::default::Default for ThingResponse

// mod types::builder, removed: impl ThingResponse

// mod types::builder, removed: impl ::std::convert::TryFrom<ThingResponse> for super::ThingResponse

// mod types::builder, removed: impl ::std::convert::From<super::ThingResponse> for ThingResponse

// mod types, removed: impl AzotteStatus

// mod types, removed: impl StatusResponse

// mod types, removed: impl ThingResponse
