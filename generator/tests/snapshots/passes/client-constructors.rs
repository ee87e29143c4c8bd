// The `client-constructors` pass on fixtures/minimal.yaml: what it added, changed or removed.

// top level, impl Client, changed: fn new_with_client
impl Client {
    /// The client over `client`; only `GeneratedClient::from_parts` calls it, with parts that only `ClientBuilder::build` makes, after applying the client's invariants (no redirects, the API key as a sensitive header, the body cap), so no client exists without them.
    pub(crate) fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: c2a_runtime::RuntimeConfig,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}

// top level, impl Client, removed: fn new

// top level, added: impl Client
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

// top level, added: impl c2a_runtime::GeneratedClient for Client
impl c2a_runtime::GeneratedClient for Client {
    const API: &'static c2a_runtime::ApiTable = &operations::API;
    fn from_parts(parts: c2a_runtime::ClientParts<Self>) -> Self {
        let (base_url, http, config) = parts.into_parts();
        Self::new_with_client(&base_url, http, config)
    }
}
