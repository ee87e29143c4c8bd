//! Building a generated client: environment or base URL, credentials, limits, retries, and
//! the HTTP stack, with the settings the client owns applied last.

use std::fmt;
use std::marker::PhantomData;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, USER_AGENT};
use tokio::sync::Semaphore;

use crate::base_url::{environment_url, validate_base_url};
use crate::generated_client::{ClientParts, GeneratedClient};
use crate::har::SourceKind;
use crate::options::{Limiter, RuntimeConfig};
use crate::record::Recorder;
use crate::retry::RetryPolicy;

/// The Azotte environment to talk to. Keys are per environment and not interchangeable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    /// `https://{project}.azotte.com/api/v1`
    Live,
    /// `https://{project}.sandbox.azotte.com/api/v1`
    Sandbox,
}

/// The API key: a secret. Its `Debug` never shows it, and it is sent as a sensitive header
/// (reqwest then keeps it out of its own `Debug` output too).
#[derive(Clone)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key (`sk_dev_...`, `sk_live_...`).
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

impl<T: Into<String>> From<T> for ApiKey {
    fn from(key: T) -> Self {
        Self::new(key)
    }
}

/// Why [`ClientBuilder::build`] refused the configuration. Never contains the API key.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// Neither `environment(...)` nor `base_url(...)` was given.
    #[error("no environment or base URL configured")]
    MissingTarget,
    /// The project name is not a DNS label, so it could move requests to another host.
    #[error("project name {0:?} is not a DNS label (letters, digits and inner hyphens, at most 63)")]
    InvalidProjectName(String),
    /// The explicit base URL is unusable.
    #[error("base URL {url:?} is invalid: {reason}")]
    InvalidBaseUrl {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No API key, or an empty one.
    #[error("an API key is required")]
    MissingApiKey,
    /// The API key cannot be sent as a header (control characters, non-ASCII).
    #[error("the API key contains characters that cannot be sent in a header")]
    InvalidApiKey,
    /// No tenant id, or an empty one.
    #[error("a tenant id (x-tn) is required")]
    MissingTenant,
    /// The tenant id cannot be sent as a header.
    #[error("tenant id {0:?} contains characters that cannot be sent in a header")]
    InvalidTenant(String),
    /// `max_concurrent_requests(0)`: no request could ever be sent.
    #[error("max_concurrent_requests must be at least 1")]
    NoConcurrency,
    /// reqwest could not build its client.
    #[error("HTTP client: {0}")]
    Http(#[from] reqwest::Error),
}

#[derive(Clone, Debug)]
enum Target {
    Environment(Environment, String),
    BaseUrl(String),
}

/// A customisation of the underlying `reqwest::ClientBuilder`; see [`ClientBuilder::http`].
type HttpHook = Arc<dyn Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync>;

/// Configures a generated client (the generated `Client::builder()` starts one).
pub struct ClientBuilder<C> {
    target: Option<Target>,
    api_key: Option<ApiKey>,
    tenant: Option<String>,
    connect_timeout: Duration,
    runtime: RuntimeConfig,
    allow_insecure_http: bool,
    http: Option<HttpHook>,
    recording: Option<(PathBuf, Option<SourceKind>)>,
    user_agent: String,
    max_concurrent_requests: Option<usize>,
    client: PhantomData<fn() -> C>,
}

impl<C> Clone for ClientBuilder<C> {
    fn clone(&self) -> Self {
        Self {
            target: self.target.clone(),
            api_key: self.api_key.clone(),
            tenant: self.tenant.clone(),
            connect_timeout: self.connect_timeout,
            runtime: self.runtime.clone(),
            allow_insecure_http: self.allow_insecure_http,
            http: self.http.clone(),
            recording: self.recording.clone(),
            user_agent: self.user_agent.clone(),
            max_concurrent_requests: self.max_concurrent_requests,
            client: PhantomData,
        }
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("target", &self.target)
            .field("api_key", &self.api_key)
            .field("tenant", &self.tenant)
            .field("connect_timeout", &self.connect_timeout)
            .field("runtime", &self.runtime)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("http", &self.http.as_ref().map(|_| "custom"))
            .field("recording", &self.recording)
            .field("max_concurrent_requests", &self.max_concurrent_requests)
            .finish_non_exhaustive()
    }
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        Self {
            target: None,
            api_key: None,
            tenant: None,
            connect_timeout: Duration::from_secs(5),
            runtime: RuntimeConfig::default(),
            allow_insecure_http: false,
            http: None,
            recording: None,
            user_agent: concat!("c2a-client/", env!("CARGO_PKG_VERSION")).to_owned(),
            max_concurrent_requests: Some(crate::options::DEFAULT_MAX_CONCURRENT_REQUESTS),
            client: PhantomData,
        }
    }
}

impl<C: GeneratedClient> ClientBuilder<C> {
    /// A builder with every default (the generated `Client::builder()`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Live or Sandbox for `project` (the host name Azotte provisions for the tenant).
    pub fn environment(mut self, environment: Environment, project: impl Into<String>) -> Self {
        self.target = Some(Target::Environment(environment, project.into()));
        self
    }

    /// An explicit base URL ending in `/api/v1`, for tests and local servers. Plain `http://`
    /// is accepted only for loopback hosts (127.0.0.0/8, `::1`, `localhost`) unless
    /// [`allow_insecure_http`](Self::allow_insecure_http) says otherwise.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.target = Some(Target::BaseUrl(url.into()));
        self
    }

    /// The tenant API key (`x-api-key`).
    pub fn api_key(mut self, key: impl Into<ApiKey>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The tenant id (`x-tn`).
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    /// Limit for establishing a connection (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limit for one request attempt, from sending to the end of the body (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.runtime.timeout = timeout;
        self
    }

    /// Limit for a whole call: every attempt and every wait between attempts (default
    /// 60 s). A `Retry-After` that does not fit in what is left ends the call at once with
    /// the last error.
    pub fn total_timeout(mut self, total_timeout: Duration) -> Self {
        self.runtime.total_timeout = total_timeout;
        self
    }

    /// The largest response body read (default 8 MiB), enforced while streaming: a longer
    /// body is `Error::BodyTooLarge` and never buffered whole.
    pub fn max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.runtime.max_body_bytes = max_body_bytes;
        self
    }

    /// The retry policy (default: 3 attempts, 200 ms base, 5 s cap).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.runtime.retry = retry;
        self
    }

    /// Bounds the requests this client has in flight at once (default:
    /// [`DEFAULT_MAX_CONCURRENT_REQUESTS`](crate::DEFAULT_MAX_CONCURRENT_REQUESTS), 256); the
    /// others queue, in order, for a free slot. A service that needs more calls in flight at
    /// once sets a larger bound here, or lifts it with
    /// [`unbounded_concurrency`](Self::unbounded_concurrency). The bound is shared by every handle of the
    /// client (its clones, its `with_options` handles), and with HTTP/1.1 it also bounds the
    /// connections the client opens: reqwest opens one per request in flight when its pool
    /// has no idle one. Use it when one process makes many calls at once, e.g. thousands of
    /// concurrent `wait_for_*` (each of which holds a slot only while one of its polls is in
    /// flight, not while it sleeps).
    ///
    /// A slot is taken per attempt, from sending the request until its response body has
    /// been read (or, with `send_raw()`, until the response is dropped), and given back
    /// before waiting for a retry. A queued request costs a few hundred bytes and no
    /// connection. Time spent queued counts against [`total_timeout`](Self::total_timeout):
    /// the attempt gets what is left, so a call that queued past its deadline fails with a
    /// timeout (`Error::Transport`) as soon as it gets a slot, without waiting for the server.
    ///
    /// HTTP/2 is the other way to few connections: over `https://` (the Azotte API), ALPN
    /// negotiates it and reqwest multiplexes concurrent requests over one connection. A
    /// plain-`http` server that speaks HTTP/2 without TLS (h2c, e.g. `c2a-sandbox`) must be
    /// told so through [`http`](Self::http): `.http(|b| b.http2_prior_knowledge())`. Both
    /// settings combine; with HTTP/2 the bound also caps the streams in flight.
    ///
    /// `0` is refused by [`build`](Self::build) ([`ConfigError::NoConcurrency`]).
    ///
    /// ```
    /// # fn example<Client: c2a_runtime::GeneratedClient>() -> Result<Client, c2a_runtime::ConfigError> {
    /// c2a_runtime::ClientBuilder::<Client>::new() // `Client::builder()`
    ///     .base_url("http://127.0.0.1:8080/api/v1")
    ///     .api_key("sk_dev_acme_sample_123456789")
    ///     .tenant("e2a1c7b2-4f3a-4b8e-9c2d-1a2b3c4d5e6f")
    ///     .max_concurrent_requests(256)
    ///     .build()
    /// # }
    /// ```
    pub fn max_concurrent_requests(mut self, max: usize) -> Self {
        self.max_concurrent_requests = Some(max);
        self
    }

    /// No bound on requests in flight: every call is sent at once, and with HTTP/1.1 each
    /// one in flight holds a connection of its own (about 25 KiB in this process, more in
    /// the kernel). Only for a caller that bounds its own concurrency.
    pub fn unbounded_concurrency(mut self) -> Self {
        self.max_concurrent_requests = None;
        self
    }

    /// Accepts a plain `http://` base URL on a host that is not loopback, sending the API key
    /// in clear text. Only for networks you trust (a proxy in a private network).
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Records every call as a HAR 1.2 file in `dir` (created when missing), for checking the
    /// spec against real traffic (`cargo xtask verify`). Recordings never hold the API key,
    /// the tenant id, or any field the spec marks `x-sensitive`: they can be committed.
    pub fn record_to(mut self, dir: impl Into<PathBuf>) -> Self {
        let source = self.recording.take().and_then(|(_, source)| source);
        self.recording = Some((dir.into(), source));
        self
    }

    /// What recordings say they come from (`log._source.kind` in the HAR): the default is
    /// [`SourceKind::Real`] for [`environment`](Self::environment) and
    /// [`SourceKind::Unknown`] for a base URL. Say [`SourceKind::Sandbox`] against
    /// `c2a-sandbox`: `cargo xtask verify` counts only real traffic as evidence.
    pub fn recorded_from(mut self, source: SourceKind) -> Self {
        if let Some((_, from)) = &mut self.recording {
            *from = Some(source);
        }
        self
    }

    /// Customises the underlying `reqwest::ClientBuilder`: proxies, extra root certificates,
    /// the connection pool, HTTP/2 settings, local address.
    ///
    /// The client applies the settings it owns *after* this hook, so no customisation can
    /// switch them off: the redirect policy (never follow), the default headers (`x-api-key`
    /// as a sensitive header, `x-tn`, `User-Agent`; headers the hook sets as defaults are
    /// replaced), and the per-attempt timeout ([`timeout`](Self::timeout), shortened to
    /// what is left of [`total_timeout`](Self::total_timeout)). The body cap
    /// is enforced by the client itself while reading. The connect timeout is applied
    /// before the hook, so the hook may change it.
    ///
    /// ```
    /// # fn example<Client: c2a_runtime::GeneratedClient>() -> Result<Client, c2a_runtime::ConfigError> {
    /// use std::time::Duration;
    /// c2a_runtime::ClientBuilder::<Client>::new() // `Client::builder()`
    ///     .base_url("http://127.0.0.1:8080/api/v1")
    ///     .api_key("sk_dev_acme_sample_123456789")
    ///     .tenant("e2a1c7b2-4f3a-4b8e-9c2d-1a2b3c4d5e6f")
    ///     .http(|http| http.pool_idle_timeout(Duration::from_secs(30)).tcp_nodelay(true))
    ///     .build()
    /// # }
    /// ```
    pub fn http(
        mut self,
        customise: impl Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync + 'static,
    ) -> Self {
        self.http = Some(Arc::new(customise));
        self
    }

    /// Validates everything and builds the client.
    ///
    /// This is the only way to build a generated client: progenitor's constructors are not
    /// public and [`ClientParts`] are made only here, so no client exists without the
    /// invariants applied here (no redirects, the API key as a sensitive header, the body
    /// cap). A `reqwest::Client` of the caller's cannot be handed in; its settings go
    /// through [`http`](Self::http).
    pub fn build(self) -> Result<C, ConfigError> {
        let (base_url, default_source) = match self.target.ok_or(ConfigError::MissingTarget)? {
            Target::Environment(environment, project) => {
                (environment_url(environment, &project)?, SourceKind::Real)
            }
            Target::BaseUrl(url) => (validate_base_url(&url, self.allow_insecure_http)?, SourceKind::Unknown),
        };

        let key = self.api_key.ok_or(ConfigError::MissingApiKey)?;
        if key.0.trim().is_empty() {
            return Err(ConfigError::MissingApiKey);
        }
        let mut key_header = HeaderValue::from_str(&key.0).map_err(|_| ConfigError::InvalidApiKey)?;
        key_header.set_sensitive(true);

        let tenant = self.tenant.ok_or(ConfigError::MissingTenant)?;
        if tenant.trim().is_empty() {
            return Err(ConfigError::MissingTenant);
        }
        let tenant_header =
            HeaderValue::from_str(&tenant).map_err(|_| ConfigError::InvalidTenant(tenant.clone()))?;

        let mut headers = HeaderMap::new();
        headers.insert("x-api-key", key_header);
        headers.insert("x-tn", tenant_header);
        headers.insert(
            USER_AGENT,
            HeaderValue::from_str(&self.user_agent).map_err(|_| ConfigError::InvalidApiKey)?,
        );
        let mut runtime = self.runtime;
        if let Some(max) = self.max_concurrent_requests {
            if max == 0 {
                return Err(ConfigError::NoConcurrency);
            }
            let max = max.min(Semaphore::MAX_PERMITS);
            runtime.limiter = Some(Limiter { permits: Arc::new(Semaphore::new(max)), max });
        }
        if let Some((dir, source)) = self.recording {
            let source = source.unwrap_or(default_source);
            runtime.recorder =
                Some(Arc::new(Recorder::new(dir, source, &base_url, &headers, C::API.sensitive_fields)));
        }
        let mut http = reqwest::Client::builder().connect_timeout(self.connect_timeout);
        if let Some(customise) = &self.http {
            http = customise(http);
        }
        // What the client owns comes last, so the hook cannot undo it.
        let http = http
            .default_headers(headers)
            // Never follow redirects: reqwest keeps custom headers (`x-api-key`, `x-tn`) and
            // 307/308 bodies across origins. A 3xx becomes `Error::Redirect`.
            .redirect(reqwest::redirect::Policy::none())
            // The per-attempt limit of an ordinary attempt, on the client: reqwest keeps it
            // in its own settings, so such a request carries no timeout of its own. Attempts
            // with another limit (a per-call override, a total nearly spent) set theirs.
            .timeout(runtime.timeout)
            .build()?;
        runtime.http_timeout = Some(runtime.timeout);
        Ok(C::from_parts(ClientParts::new(base_url, http, runtime)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiTable;

    /// A stand-in for a generated client: it keeps what the builder made.
    #[derive(Debug)]
    struct Client(ClientParts<Client>);

    static API: ApiTable = ApiTable::new(&[], &[], "[]", |_| None);

    impl GeneratedClient for Client {
        const API: &'static ApiTable = &API;
        fn from_parts(parts: ClientParts<Self>) -> Self {
            Self(parts)
        }
    }

    impl Client {
        fn builder() -> ClientBuilder<Self> {
            ClientBuilder::new()
        }
    }

    #[test]
    fn credentials_are_required_and_header_safe() {
        let base = || Client::builder().base_url("http://127.0.0.1:1/api/v1");
        assert!(matches!(base().tenant("t").build(), Err(ConfigError::MissingApiKey)));
        assert!(matches!(base().api_key(" ").tenant("t").build(), Err(ConfigError::MissingApiKey)));
        assert!(matches!(base().api_key("k\nx").tenant("t").build(), Err(ConfigError::InvalidApiKey)));
        assert!(matches!(base().api_key("k").build(), Err(ConfigError::MissingTenant)));
        assert!(matches!(base().api_key("k").tenant("t\r\n").build(), Err(ConfigError::InvalidTenant(_))));
        assert!(matches!(
            Client::builder().api_key("k").tenant("t").build(),
            Err(ConfigError::MissingTarget)
        ));
        let built = base().api_key("k").tenant("t").build().expect("valid");
        let (base_url, _, config) = built.0.into_parts();
        assert_eq!(base_url, "http://127.0.0.1:1/api/v1");
        assert_eq!(config.max_concurrent_requests(), Some(crate::DEFAULT_MAX_CONCURRENT_REQUESTS));
    }

    #[test]
    fn the_key_never_shows_in_debug_output() {
        let secret = "sk_live_very_secret_value";
        let builder = Client::builder().base_url("http://127.0.0.1:1/api/v1").api_key(secret).tenant("t");
        assert!(!format!("{builder:?}").contains(secret));
        let client = builder.build().expect("valid");
        assert!(!format!("{client:?}").contains(secret), "{client:?}");
        let err = Client::builder().base_url("x").api_key(secret).tenant("t").build().expect_err("bad url");
        assert!(!format!("{err:?} {err}").contains(secret));
    }
}
