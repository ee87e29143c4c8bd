//! progenitor's public constructors, `Client::new` and `Client::new_with_client`, would build
//! a client without the invariants `ClientBuilder::build` applies: reqwest's default
//! redirect policy (which re-sends a caller's default `x-api-key` header to another origin),
//! the key not marked sensitive, no body cap. The only way to build a client must keep them,
//! so `new` (unused, and it panics when reqwest cannot build) goes, and `new_with_client`
//! becomes `pub(crate)`, called by the builder alone (through
//! `c2a_runtime::GeneratedClient::from_parts`, whose argument only the builder makes).
//!
//! The pass also adds the client's own methods: `builder()`, `with_options`, `base_url` and
//! `settings`.

use super::{Context, Pass, pass_error};
use c2a_spec::diagnostic::Diagnostic;

/// Removes `Client::new`, makes `Client::new_with_client` crate-private, and adds
/// `Client::builder()` with the client's other own methods.
pub struct ClientConstructors;

const PASS: &str = "client-constructors";

impl Pass for ClientConstructors {
    fn name(&self) -> &'static str {
        PASS
    }

    fn run(&self, file: &mut syn::File, _cx: &Context<'_>) -> Result<(), Diagnostic> {
        let constructors = file
            .items
            .iter_mut()
            .filter_map(|item| match item {
                syn::Item::Impl(i) if i.trait_.is_none() && is_client(&i.self_ty) => Some(i),
                _ => None,
            })
            .find(|i| i.items.iter().any(|item| is_fn(item, "new_with_client")))
            .ok_or_else(|| pass_error(PASS, "no `impl Client` with `new_with_client`"))?;
        constructors.items.retain(|item| !is_fn(item, "new"));
        for item in &mut constructors.items {
            if let syn::ImplItem::Fn(f) = item
                && f.sig.ident == "new_with_client"
            {
                f.vis = syn::parse_quote!(pub(crate));
                f.attrs.retain(|a| !a.path().is_ident("doc"));
                f.attrs.push(syn::parse_quote!(
                    #[doc = " The client over `client`; only `GeneratedClient::from_parts` calls it, with parts that only `ClientBuilder::build` makes, after applying the client's invariants (no redirects, the API key as a sensitive header, the body cap), so no client exists without them."]
                ));
            }
        }
        file.items.extend(own_methods());
        Ok(())
    }
}

/// `builder()` and the methods over the client's settings, and the runtime's way in.
fn own_methods() -> [syn::Item; 2] {
    [
        syn::parse_quote! {
            impl Client {
                /// Starts configuring a client; `build()` is the only way to make one.
                ///
                /// ```
                /// use c2a_client::{Client, Environment};
                /// let client = Client::builder()
                ///     .environment(Environment::Sandbox, "acme")
                ///     .api_key("sk_dev_acme_sample_123456789")
                ///     .tenant("e2a1c7b2-4f3a-4b8e-9c2d-1a2b3c4d5e6f")
                ///     .build()?;
                /// assert_eq!(client.base_url(), "https://acme.sandbox.azotte.com/api/v1");
                /// # Ok::<(), c2a_client::ConfigError>(())
                /// ```
                pub fn builder() -> runtime_types::ClientBuilder {
                    c2a_runtime::ClientBuilder::new()
                }

                /// A handle on the same connection pool and credentials with some settings
                /// overridden, for one call or a few. Cheap: no new connections, the API key
                /// and tenant are shared, never copied out.
                ///
                /// ```no_run
                /// # async fn example(client: &c2a_client::Client) -> Result<(), c2a_client::Error> {
                /// use std::time::Duration;
                /// use c2a_client::{CallOptions, RetryPolicy};
                ///
                /// let quick = CallOptions::new().total_timeout(Duration::from_secs(2)).retry(RetryPolicy::none());
                /// let customer = client.with_options(quick).get_customer_info().customer_urn("cu.1").send().await?;
                /// # Ok(()) }
                /// ```
                pub fn with_options(&self, options: c2a_runtime::CallOptions) -> Self {
                    let mut client = self.clone();
                    options.apply(&mut client.inner);
                    client
                }

                /// The base URL every path is appended to.
                pub fn base_url(&self) -> &str {
                    &self.baseurl
                }

                /// The settings calls run with.
                pub fn settings(&self) -> &c2a_runtime::RuntimeConfig {
                    &self.inner
                }
            }
        },
        syn::parse_quote! {
            impl c2a_runtime::GeneratedClient for Client {
                const API: &'static c2a_runtime::ApiTable = &operations::API;

                fn from_parts(parts: c2a_runtime::ClientParts<Self>) -> Self {
                    let (base_url, http, config) = parts.into_parts();
                    Self::new_with_client(&base_url, http, config)
                }
            }
        },
    ]
}

fn is_client(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.is_ident("Client"))
}

fn is_fn(item: &syn::ImplItem, name: &str) -> bool {
    matches!(item, syn::ImplItem::Fn(f) if f.sig.ident == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_goes_and_new_with_client_is_crate_private() {
        let mut file: syn::File = syn::parse_quote! {
            impl Client {
                /// progenitor's doc.
                pub fn new(baseurl: &str, inner: c2a_runtime::RuntimeConfig) -> Self { todo!() }
                /// progenitor's doc.
                pub fn new_with_client(baseurl: &str, client: reqwest::Client, inner: c2a_runtime::RuntimeConfig) -> Self { todo!() }
            }
            impl Client {
                pub fn get_thing(&self) -> builder::GetThing<'_> { todo!() }
            }
        };
        let passes: Vec<Box<dyn Pass>> = vec![Box::new(ClientConstructors)];
        let doc = serde_json::json!({});
        let spec = c2a_spec::CheckedSpec { doc, extensions: Default::default() };
        let notes = crate::lower::LoweringNotes::default();
        super::super::run_all(&passes, &mut file, &Context { spec: &spec, notes: &notes }).expect("runs");
        let text = prettyplease::unparse(&file);
        assert!(!text.contains("pub fn new("), "{text}");
        assert!(text.contains("pub(crate) fn new_with_client("), "{text}");
        assert!(!text.contains("progenitor's doc"), "{text}");
        assert!(text.contains("pub fn get_thing("), "other methods stay: {text}");
        assert!(text.contains("pub fn builder() -> runtime_types::ClientBuilder"), "{text}");
        assert!(text.contains("impl c2a_runtime::GeneratedClient for Client"), "{text}");
    }
}
