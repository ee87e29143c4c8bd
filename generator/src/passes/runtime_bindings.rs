//! What ties the generated code to the runtime, besides each operation's facts
//! (`operations`) and each call (`envelope-calls`):
//!
//! - `mod runtime_types`: the runtime's generic types named for this API (`Error`,
//!   `Response<T>`, `WaitError`, `ClientBuilder`), so callers never see a type parameter;
//! - `c2a_runtime::Code` for the `MessageCode` enum and `c2a_runtime::Status` for
//!   `AzotteStatus`, the envelope's status: how the runtime reads a code without knowing one;
//! - progenitor's `ClientHooks` for `Client`, whose `exec` is the runtime's (retries, the
//!   bound on requests in flight, recording), with this API's table.

use super::{Context, Pass, code_type, status_type};
use c2a_spec::diagnostic::Diagnostic;

/// Adds `mod runtime_types` and the runtime's trait impls.
pub struct RuntimeBindings;

impl Pass for RuntimeBindings {
    fn name(&self) -> &'static str {
        "runtime-bindings"
    }

    fn run(&self, file: &mut syn::File, _cx: &Context<'_>) -> Result<(), Diagnostic> {
        let (status, code) = (status_type(), code_type());
        let items: [syn::Item; 4] = [
            syn::parse_quote! {
                /// The runtime's generic types, named for this API's message codes and client.
                pub mod runtime_types {
                    /// A failed call; every variant names the operation.
                    pub type Error = c2a_runtime::Error<super::types::#code>;
                    /// The payload of a successful call with its HTTP status, headers and
                    /// envelope status (what `send_with_response()` returns).
                    pub type Response<T> = c2a_runtime::Response<T, super::types::#code>;
                    /// Why a wait ended without an outcome.
                    pub type WaitError = c2a_runtime::WaitError<super::types::#code>;
                    /// Configures a `Client` (`Client::builder()`).
                    pub type ClientBuilder = c2a_runtime::ClientBuilder<super::Client>;
                }
            },
            syn::parse_quote! {
                impl c2a_runtime::Code for types::#code {
                    fn as_str(&self) -> &str {
                        types::#code::as_str(self)
                    }
                    fn is_listed(&self) -> bool {
                        !types::#code::is_unknown(self)
                    }
                }
            },
            syn::parse_quote! {
                impl c2a_runtime::Status for types::#status {
                    type Code = types::#code;
                    fn message_code(&self) -> &types::#code {
                        &self.message_code
                    }
                    fn message(&self) -> ::std::option::Option<&str> {
                        self.message.as_deref()
                    }
                    fn into_parts(self) -> (types::#code, ::std::option::Option<::std::string::String>) {
                        (self.message_code, self.message)
                    }
                }
            },
            syn::parse_quote! {
                impl ClientHooks<c2a_runtime::RuntimeConfig> for Client {
                    fn exec(
                        &self,
                        request: reqwest::Request,
                        info: &OperationInfo,
                    ) -> impl ::std::future::Future<Output = reqwest::Result<reqwest::Response>> {
                        c2a_runtime::exec(self.client(), self.inner(), &operations::API, request, info)
                    }
                }
            },
        ];
        file.items.extend(items);
        Ok(())
    }
}
