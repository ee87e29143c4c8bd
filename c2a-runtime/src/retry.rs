//! Retries of transient failures, only where repeating the request is safe.
//!
//! Runs inside progenitor's `exec` hook, so every attempt sends the same bytes (same body,
//! same idempotency key). Retried: connection failures (the request never left), and, for
//! requests that are safe to repeat ([`Operation::is_repeatable`]), timeouts, the statuses
//! 408/429/502/503/504 and the message codes the spec marks `retryable`. A `Retry-After`
//! header is honoured exactly; otherwise the delay is exponential backoff with full jitter.
//! The whole call, attempts and waits, stays within `RuntimeConfig::total_timeout`.
//!
//! With recording on, every attempt is recorded here as it ends (its body read within the
//! cap), so a retried call's file keeps the answers that were retried, not only the last.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use tokio::sync::OwnedSemaphorePermit;
use tokio::time::Instant;

use crate::RuntimeConfig;
use crate::body::buffer;
use crate::operation::Operation;
use crate::options::Limiter;
use crate::record::CallRecording;

/// HTTP statuses worth another attempt.
const RETRY_STATUSES: [u16; 5] = [408, 429, 502, 503, 504];

/// How many attempts, and how long to wait between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included (1 disables retries).
    pub max_attempts: u32,
    /// The first backoff ceiling; it doubles with each retry.
    pub base_delay: Duration,
    /// The largest backoff ceiling.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; a longer one ends the retries.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// The backoff before retry number `retry` (1-based): uniform in `[0, ceiling]`, where the
    /// ceiling is `base_delay * 2^(retry - 1)` capped at `max_delay` ("full jitter").
    pub fn backoff(&self, retry: u32) -> Duration {
        full_jitter(Duration::ZERO, self.base_delay, self.max_delay, retry)
    }
}

/// Exponential backoff with full jitter, the one used by retries and waiters: the delay for
/// attempt `attempt` (1-based) is uniform between `floor` and the ceiling
/// `base * 2^(attempt - 1)`, capped at `cap` (and never below `floor`).
pub fn full_jitter(floor: Duration, base: Duration, cap: Duration, attempt: u32) -> Duration {
    let exponent = attempt.saturating_sub(1).min(31);
    let ceiling = base.saturating_mul(1 << exponent).min(cap).max(floor);
    let span = u64::try_from((ceiling - floor).as_nanos()).unwrap_or(u64::MAX);
    floor + Duration::from_nanos(fastrand::u64(0..=span))
}

/// Sends `request`, retrying per `config.retry` within `config.total_timeout`; returns the
/// last outcome.
///
/// Each attempt gets the per-attempt timeout, shortened to what is left of the total. A wait
/// (backoff or `Retry-After`) that would end at or past the deadline is not started: the last
/// outcome is returned at once.
///
/// `started` is when the call began and `first_slot` the slot of the client's bound the hook
/// already took for the first attempt (time spent queued for it counts against the total);
/// later attempts take their own. With `recording`, each attempt is recorded as it ends.
pub(crate) async fn execute(
    http: &reqwest::Client,
    config: &RuntimeConfig,
    op: Option<&'static Operation>,
    mut request: Box<reqwest::Request>,
    started: Instant,
    mut first_slot: Option<InFlight>,
    mut recording: Option<&mut CallRecording<'_>>,
) -> reqwest::Result<reqwest::Response> {
    let policy = &config.retry;
    let deadline = deadline_after(started, config.total_timeout);
    // Whether the request may be repeated is only worked out when a retry is possible at all.
    let repeatable = policy.max_attempts > 1 && op.is_some_and(|op| op.is_repeatable(&request));
    // How to read a message code, when retryable codes are to be checked.
    let read_code =
        op.filter(|op| repeatable && !op.retryable_codes.is_empty()).map(|op| op.api.message_code_of);
    let mut attempt: u32 = 1;
    loop {
        if attempt > 1 {
            // The call's span starts at attempt 1; only a retry has anything to add.
            tracing::Span::current().record("attempt", attempt);
        }
        // A slot of the client's bound, held until the response (and so its body) is dropped.
        let slot = match (first_slot.take(), &config.limiter) {
            (Some(slot), _) => Some(slot),
            (None, Some(limiter)) => Some(in_flight(limiter).await),
            (None, None) => None,
        };
        // The first attempt starts as the call does unless it queued for a slot: no clock read.
        let now = if attempt == 1 && config.limiter.is_none() { started } else { Instant::now() };
        let left = deadline.saturating_duration_since(now);
        let limit = config.timeout.min(left);
        // The client's own timeout covers the usual case: only another limit (or one a
        // retried request already carries) is set on the request.
        if config.http_timeout != Some(limit) || request.timeout().is_some() {
            *request.timeout_mut() = Some(limit);
        }
        // Requests stay boxed (a pointer in this future's state) until reqwest takes one.
        let spare = if attempt < policy.max_attempts { request.try_clone().map(Box::new) } else { None };
        if let Some(recording) = recording.as_deref_mut() {
            recording.begin_attempt();
        }
        let mut outcome = http.execute(*request).await;
        // The slot moves into the response (and goes back with it); without one it goes now.
        if let (Some(slot), Ok(response)) = (slot, &mut outcome) {
            response.extensions_mut().insert(slot);
        }
        // Every attempt is recorded, the last one too; its body is read once, for the
        // recording and the message code below alike. Boxed: recording is rare.
        let mut recorded_code = None;
        if let Some(recording) = recording.as_deref_mut() {
            let (recorded, body) = Box::pin(recording.attempt(attempt, outcome, config.max_body_bytes)).await;
            outcome = recorded;
            if let Some(read_code) = read_code {
                recorded_code = Some(body.as_deref().and_then(read_code));
            }
        }
        let Some(next) = spare else { return outcome };

        let mut retryable_code = false;
        if let Some(read_code) = read_code
            && let Ok(response) = outcome
        {
            let code = match recorded_code {
                Some(code) => {
                    outcome = Ok(response);
                    code
                }
                None => {
                    // Boxed, as the wait below: state only a retry needs stays out of every call's.
                    let (response, code) =
                        Box::pin(buffer_with_code(response, config.max_body_bytes, read_code)).await;
                    outcome = response;
                    code
                }
            };
            retryable_code = code.is_some_and(|c| op.is_some_and(|op| op.is_retryable_code(&c)));
        }
        let delay = match &outcome {
            Err(e) if e.is_connect() => Some(policy.backoff(attempt)),
            Err(e) if repeatable && (e.is_timeout() || e.is_request() || e.is_body()) => {
                Some(policy.backoff(attempt))
            }
            Err(_) => None,
            Ok(response)
                if repeatable && (retryable_code || RETRY_STATUSES.contains(&response.status().as_u16())) =>
            {
                match retry_after(response.headers()) {
                    Some(wait) if wait > policy.max_retry_after => None,
                    Some(wait) => Some(wait),
                    None => Some(policy.backoff(attempt)),
                }
            }
            Ok(_) => None,
        };
        let Some(delay) = delay else { return outcome };
        if delay >= deadline.saturating_duration_since(Instant::now()) {
            return outcome;
        }
        // The slot goes back before the wait: a sleeping retry holds no slot.
        drop(outcome);
        Box::pin(tokio::time::sleep(delay)).await;
        request = next;
        attempt += 1;
    }
}

/// `start + limit`, or a point 30 years on when the sum would overflow the clock (a limit of
/// `Duration::MAX` means no limit; adding it to an `Instant` would panic).
pub(crate) fn deadline_after(start: Instant, limit: Duration) -> Instant {
    const FAR: Duration = Duration::from_secs(30 * 365 * 24 * 60 * 60);
    start.checked_add(limit).unwrap_or_else(|| start + FAR)
}

/// One slot of [`Limiter`], kept in the extensions of the response it was taken for: the
/// slot is free again once the response (and so its body) is dropped.
///
/// Extensions must be `Clone`, and a permit cannot be: a clone is an empty slot, so the
/// permit stays with the response it was taken for and is given back exactly once. (No
/// `Arc` around the permit: that was an allocation and two atomic operations per request.)
#[derive(Debug)]
pub(crate) struct InFlight {
    _permit: Option<OwnedSemaphorePermit>,
}

impl Clone for InFlight {
    fn clone(&self) -> Self {
        Self { _permit: None }
    }
}

/// Waits (in FIFO order) for a slot of the client's bound.
pub(crate) async fn in_flight(limiter: &Limiter) -> InFlight {
    // The semaphore is never closed, so acquiring only fails if it were.
    let permit = Arc::clone(&limiter.permits).acquire_owned().await.expect("the limiter is never closed");
    InFlight { _permit: Some(permit) }
}

/// Buffers the body (at most `max_bytes`) to learn its message code.
async fn buffer_with_code(
    response: reqwest::Response,
    max_bytes: usize,
    read_code: fn(&[u8]) -> Option<String>,
) -> (reqwest::Result<reqwest::Response>, Option<String>) {
    match buffer(response, max_bytes).await {
        Ok((response, body)) => (Ok(response), body.as_deref().and_then(read_code)),
        Err(e) => (Err(e), None),
    }
}

/// `Retry-After` as delay-seconds or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    delay_header(headers, RETRY_AFTER.as_str())
}

/// A delay header in `Retry-After` syntax: delay-seconds or an HTTP date.
pub(crate) fn delay_header(headers: &HeaderMap, name: &str) -> Option<Duration> {
    let value = headers.get(name)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_of_duration_max_is_a_far_deadline_not_a_panic() {
        let now = Instant::now();
        assert!(deadline_after(now, Duration::MAX) > now + Duration::from_secs(365 * 24 * 60 * 60));
        assert_eq!(deadline_after(now, Duration::from_secs(5)), now + Duration::from_secs(5));
    }

    #[tokio::test]
    async fn a_slot_goes_back_once_when_the_original_is_dropped() {
        let limiter = Limiter { permits: Arc::new(tokio::sync::Semaphore::new(1)), max: 1 };
        let slot = in_flight(&limiter).await;
        let copy = slot.clone();
        assert_eq!(limiter.permits.available_permits(), 0);
        drop(copy);
        assert_eq!(limiter.permits.available_permits(), 0, "a clone holds no permit");
        drop(slot);
        assert_eq!(limiter.permits.available_permits(), 1);
    }

    #[test]
    fn backoff_stays_within_the_doubling_ceiling() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            ..RetryPolicy::default()
        };
        for _ in 0..200 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(3) <= Duration::from_millis(400));
            assert!(policy.backoff(30) <= Duration::from_secs(1));
        }
        let spread: std::collections::BTreeSet<_> = (0..50).map(|_| policy.backoff(4)).collect();
        assert!(spread.len() > 1, "full jitter varies the delay");
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, "3".parse().expect("header"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert(RETRY_AFTER, "Wed, 21 Oct 2015 07:28:00 GMT".parse().expect("header"));
        assert_eq!(retry_after(&headers), Some(Duration::ZERO), "a past date means now");
        headers.insert(RETRY_AFTER, "soon".parse().expect("header"));
        assert_eq!(retry_after(&headers), None);
    }
}
