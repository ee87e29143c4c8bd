//! What ties a generated client to the runtime: [`GeneratedClient`], and the
//! [`ClientParts`] only [`ClientBuilder::build`](crate::ClientBuilder::build) makes.

use std::fmt;
use std::marker::PhantomData;

use crate::api::ApiTable;
use crate::options::RuntimeConfig;

/// A client generated for one API: progenitor's `Client`, carrying a [`RuntimeConfig`].
///
/// The generated code implements it. [`from_parts`](Self::from_parts) takes
/// [`ClientParts<Self>`], which only [`ClientBuilder<Self>::build`](crate::ClientBuilder::build)
/// makes: parts built for another client type (another API's table, its sensitive fields)
/// do not fit.
pub trait GeneratedClient: Sized {
    /// The API's static facts.
    const API: &'static ApiTable;
    /// The client over parts validated for it.
    fn from_parts(parts: ClientParts<Self>) -> Self;
}

/// What [`ClientBuilder::build`](crate::ClientBuilder::build) validated for client type `C`: the base URL, the HTTP
/// client with the invariants applied (no redirects, the key as a sensitive header) and the
/// settings (the recorder masks `C::API`'s sensitive fields).
///
/// Nothing outside this crate can make one, so no client exists without those invariants.
pub struct ClientParts<C> {
    base_url: String,
    http: reqwest::Client,
    config: RuntimeConfig,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientParts<C> {
    // Not derived: that would ask `C: Debug`. The key is a sensitive header, which reqwest
    // does not show.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientParts")
            .field("base_url", &self.base_url)
            .field("http", &self.http)
            .field("config", &self.config)
            .finish()
    }
}

impl<C> ClientParts<C> {
    /// The parts `ClientBuilder::build` validated (only it calls this).
    pub(crate) fn new(base_url: String, http: reqwest::Client, config: RuntimeConfig) -> Self {
        Self { base_url, http, config, client: PhantomData }
    }

    /// The base URL, the HTTP client and the settings, taken out.
    pub fn into_parts(self) -> (String, reqwest::Client, RuntimeConfig) {
        (self.base_url, self.http, self.config)
    }
}
