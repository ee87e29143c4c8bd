//! Time and identifiers.
//!
//! All timing uses `tokio::time::Instant`, so a test running on a paused tokio clock
//! (`#[tokio::test(start_paused = true)]` plus `tokio::time::advance`) drives offer expiry,
//! checkout processing and subscription periods deterministically. Wall-clock dates in
//! responses are derived from the same clock: `anchor_utc + (instant - anchor_instant)`.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, SecondsFormat, Utc};
use tokio::time::Instant;

/// Maps tokio instants to UTC dates, anchored when the sandbox starts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clock {
    anchor_instant: Instant,
    anchor_utc: DateTime<Utc>,
}

impl Clock {
    pub(crate) fn start() -> Self {
        Self { anchor_instant: Instant::now(), anchor_utc: Utc::now() }
    }

    pub(crate) fn now(&self) -> Instant {
        Instant::now()
    }

    pub(crate) fn utc(&self, at: Instant) -> DateTime<Utc> {
        let elapsed = at.saturating_duration_since(self.anchor_instant);
        let elapsed = chrono::Duration::from_std(elapsed).unwrap_or(chrono::Duration::MAX);
        self.anchor_utc.checked_add_signed(elapsed).unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// RFC 3339 with second precision and a `Z` suffix, as in the docs' samples.
    pub(crate) fn format(&self, at: Instant) -> String {
        self.utc(at).to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

/// A pseudo-random `u64` without a dependency: SipHash with the process's random keys over a
/// counter. Good enough for identifiers that only need to be unique and not guessable by
/// accident; the sandbox is not a security boundary.
pub(crate) fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}

/// `len` characters of Crockford base32 (ULID alphabet).
pub(crate) fn token(len: usize) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut out = String::with_capacity(len);
    let mut bits = random_u64();
    let mut left = 12; // 12 five-bit groups per u64
    for _ in 0..len {
        if left == 0 {
            bits = random_u64();
            left = 12;
        }
        out.push(char::from(ALPHABET[(bits & 31) as usize]));
        bits >>= 5;
        left -= 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_use_the_ulid_alphabet_and_differ() {
        let a = token(26);
        let b = token(26);
        assert_eq!(a.len(), 26);
        assert!(a.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()));
        assert!(!a.contains(['I', 'L', 'O', 'U']));
        assert_ne!(a, b);
    }

    #[tokio::test(start_paused = true)]
    async fn utc_follows_the_paused_tokio_clock() {
        let clock = Clock::start();
        let before = clock.utc(clock.now());
        tokio::time::advance(std::time::Duration::from_secs(86_400)).await;
        let after = clock.utc(clock.now());
        assert_eq!((after - before).num_seconds(), 86_400);
    }
}
