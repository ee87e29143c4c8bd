// The `runtime-bindings` pass on fixtures/minimal.yaml: what it added, changed or removed.

// top level, added: mod runtime_types
/// The runtime's generic types, named for this API's message codes and client.
pub mod runtime_types {
    /// A failed call; every variant names the operation.
    pub type Error = c2a_runtime::Error<super::types::MessageCode>;
    /// The payload of a successful call with its HTTP status, headers and
    /// envelope status (what `send_with_response()` returns).
    pub type Response<T> = c2a_runtime::Response<T, super::types::MessageCode>;
    /// Why a wait ended without an outcome.
    pub type WaitError = c2a_runtime::WaitError<super::types::MessageCode>;
    /// Configures a `Client` (`Client::builder()`).
    pub type ClientBuilder = c2a_runtime::ClientBuilder<super::Client>;
}

// top level, added: impl c2a_runtime::Code for types::MessageCode
impl c2a_runtime::Code for types::MessageCode {
    fn as_str(&self) -> &str {
        types::MessageCode::as_str(self)
    }
    fn is_listed(&self) -> bool {
        !types::MessageCode::is_unknown(self)
    }
}

// top level, added: impl c2a_runtime::Status for types::AzotteStatus
impl c2a_runtime::Status for types::AzotteStatus {
    type Code = types::MessageCode;
    fn message_code(&self) -> &types::MessageCode {
        &self.message_code
    }
    fn message(&self) -> ::std::option::Option<&str> {
        self.message.as_deref()
    }
    fn into_parts(
        self,
    ) -> (types::MessageCode, ::std::option::Option<::std::string::String>) {
        (self.message_code, self.message)
    }
}

// top level, added: impl ClientHooks<c2a_runtime::RuntimeConfig> for Client
impl ClientHooks<c2a_runtime::RuntimeConfig> for Client {
    fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> impl ::std::future::Future<Output = reqwest::Result<reqwest::Response>> {
        c2a_runtime::exec(self.client(), self.inner(), &operations::API, request, info)
    }
}
