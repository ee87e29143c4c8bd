// The `client-constructors` pass on fixtures/minimal.yaml: what it added, changed or removed.

// top level, impl Client, changed: fn new_with_client
impl Client {
    /// The client over `client`; only `ClientBuilder::build` calls it, after applying the client's invariants (no redirects, the API key as a sensitive header, the body cap), so no client exists without them.
    pub(crate) fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::RuntimeConfig,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}

// top level, impl Client, removed: fn new
