//! Settings that bound one call, for the whole client and overridden per call.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::record::Recorder;
use crate::retry::RetryPolicy;

/// Default limit for one attempt, from sending to the end of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default limit for a whole call: every attempt and every wait between attempts.
pub const DEFAULT_TOTAL_TIMEOUT: Duration = Duration::from_secs(60);
/// Default cap on a response body (C2A payloads are a few KiB; 8 MiB leaves ample room).
pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// The default bound on requests in flight per client
/// (`ClientBuilder::max_concurrent_requests`): 10,000 concurrent `wait_for_*` calls stay
/// within a few tens of MiB and a few hundred connections, and up to this many callers at
/// once never queue.
pub const DEFAULT_MAX_CONCURRENT_REQUESTS: usize = 256;

/// Runtime settings a generated client carries (progenitor's "inner" value).
///
/// Set them with [`ClientBuilder`](crate::ClientBuilder); override them for some calls with
/// the generated `Client::with_options`.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RuntimeConfig {
    /// When and how failed requests are retried.
    pub retry: RetryPolicy,
    /// Limit for one attempt, from sending to the end of the body.
    pub timeout: Duration,
    /// Limit for the whole call: attempts plus the waits between them. A `Retry-After` or a
    /// backoff that does not fit in what is left ends the call with the last error at once.
    pub total_timeout: Duration,
    /// The largest response body read, enforced while streaming (`Error::BodyTooLarge`).
    pub max_body_bytes: usize,
    /// Where exchanges are recorded (`ClientBuilder::record_to`).
    pub(crate) recorder: Option<Arc<Recorder>>,
    /// The bound on requests in flight (`ClientBuilder::max_concurrent_requests`), shared by
    /// every handle of one client (clones, `with_options` handles).
    pub(crate) limiter: Option<Limiter>,
    /// The timeout built into the `reqwest::Client` itself (set by the builder to
    /// [`timeout`](Self::timeout)): an attempt whose limit equals it needs no timer of its
    /// own on the request. `None` for a client made otherwise.
    pub(crate) http_timeout: Option<Duration>,
}

/// The bound on requests in flight: a fair (FIFO) semaphore and its size.
#[derive(Clone, Debug)]
pub(crate) struct Limiter {
    pub(crate) permits: Arc<Semaphore>,
    pub(crate) max: usize,
}

impl RuntimeConfig {
    /// The most requests this client has in flight at once, when bounded
    /// (`ClientBuilder::max_concurrent_requests`).
    pub fn max_concurrent_requests(&self) -> Option<usize> {
        self.limiter.as_ref().map(|limiter| limiter.max)
    }
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        Self {
            retry: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            total_timeout: DEFAULT_TOTAL_TIMEOUT,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            recorder: None,
            limiter: None,
            http_timeout: None,
        }
    }
}

/// Overrides of the client's settings for some calls; see the generated
/// `Client::with_options`.
///
/// Every setting left unset keeps the client's value.
#[derive(Clone, Debug, Default)]
pub struct CallOptions {
    retry: Option<RetryPolicy>,
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    max_body_bytes: Option<usize>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// The retry policy for these calls.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The limit for one attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The limit for the whole call (attempts and waits).
    pub fn total_timeout(mut self, total_timeout: Duration) -> Self {
        self.total_timeout = Some(total_timeout);
        self
    }

    /// The largest response body read.
    pub fn max_body_bytes(mut self, max_body_bytes: usize) -> Self {
        self.max_body_bytes = Some(max_body_bytes);
        self
    }

    /// Applies the overrides to `config` (the generated `Client::with_options` does, on a
    /// clone of the client).
    pub fn apply(self, config: &mut RuntimeConfig) {
        if let Some(retry) = self.retry {
            config.retry = retry;
        }
        if let Some(timeout) = self.timeout {
            config.timeout = timeout;
        }
        if let Some(total_timeout) = self.total_timeout {
            config.total_timeout = total_timeout;
        }
        if let Some(max_body_bytes) = self.max_body_bytes {
            config.max_body_bytes = max_body_bytes;
        }
    }
}
