//! Polling until a terminal state, in the style of Smithy waiters.
//!
//! A waiter is described in the spec (`x-waiter` on the polled operation) and generated
//! into the generated `waiters` module: ordered acceptors from message code to [`AcceptorState`],
//! where the server's delay hint lives, and when it says it cannot follow up. This module
//! is the engine; it knows no operation and no message code.
//!
//! Delays: the server's hint when present (exactly, but never below the minimum delay),
//! else exponential backoff with full jitter between the minimum and maximum delay. The last poll lands at the deadline
//! instead of sleeping past it. Dropping the future stops polling; nothing is spawned, so
//! thousands of waits share one runtime.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use tokio::time::Instant;

use crate::envelope::Code;
use crate::retry::full_jitter;
use crate::{Error, Response};

/// What a matching acceptor makes of a poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptorState {
    /// Done, successfully.
    Success,
    /// Done, unsuccessfully.
    Failure,
    /// The caller must act (e.g. show a 3DS page), then wait again.
    ActionRequired,
    /// Not done yet: poll again.
    Retry,
}

/// One acceptor: a message code and what it means.
#[derive(Clone, Copy, Debug)]
pub struct Acceptor {
    /// The message code it matches.
    pub code: &'static str,
    /// What the match means.
    pub state: AcceptorState,
}

/// A waiter's description, generated from `x-waiter`.
pub struct WaiterSpec<T> {
    /// The waiter's name (`checkout`).
    pub name: &'static str,
    /// Tried in order against `status.messageCode`.
    pub acceptors: &'static [Acceptor],
    /// A header carrying the delay hint in seconds or as an HTTP date (`Retry-After`).
    pub delay_header: Option<&'static str>,
    /// The delay hint in the payload, in seconds.
    pub delay_field: fn(&T) -> Option<u64>,
    /// `false` when the payload says the server cannot follow up.
    pub can_follow_up: fn(&T) -> bool,
}

impl<T> WaiterSpec<T> {
    /// The state of the first acceptor matching `code` (an acceptor whose code is `*`
    /// matches any code; the spec puts it last).
    pub fn state_of(&self, code: &str) -> Option<AcceptorState> {
        self.acceptors.iter().find(|a| a.code == code || a.code == "*").map(|a| a.state)
    }
}

/// A terminal poll, before the generated waiter turns it into its outcome type.
#[derive(Debug)]
pub enum Terminal<T> {
    /// An acceptor in state `Success` matched.
    Success(T),
    /// An acceptor in state `Failure` matched a successful call.
    Failure(T),
    /// An acceptor in state `ActionRequired` matched.
    ActionRequired(T),
}

/// Why waiting ended without an outcome.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WaitError<C> {
    /// The maximum wait passed while the state was still pending.
    #[error("{waiter}: still pending after {elapsed:?} ({polls} polls)")]
    ExceededMaxWait {
        /// The waiter.
        waiter: &'static str,
        /// Time spent waiting.
        elapsed: Duration,
        /// Polls made.
        polls: u32,
        /// The code of the last poll.
        last_code: Option<C>,
    },
    /// The server said it cannot follow up (`stop_when`) while the state was pending.
    #[error("{waiter}: the server cannot follow up (last code {last_code}, {polls} polls)")]
    CannotFollowUp {
        /// The waiter.
        waiter: &'static str,
        /// Polls made.
        polls: u32,
        /// The code of the last poll.
        last_code: C,
    },
    /// An outcome that carries a field arrived without it.
    #[error("{waiter}: {code} without the data the outcome carries")]
    MissingOutcomeData {
        /// The waiter.
        waiter: &'static str,
        /// The code of the terminal poll.
        code: &'static str,
    },
    /// A poll failed: transport, auth, decoding, or a message code that ends the wait
    /// (e.g. an unknown tracking number).
    #[error(transparent)]
    Request(#[from] Error<C>),
}

/// What one poll of waiter `W` ends with.
pub type PollResult<W> =
    Result<Response<<W as Waiter>::Payload, <W as Waiter>::Code>, Error<<W as Waiter>::Code>>;

/// One generated waiter: what to poll and how to read the terminal poll.
pub trait Waiter {
    /// The generated client that polls.
    type Client: Sync;
    /// The API's message codes.
    type Code: Code;
    /// What the waiter polls with (a tracking number).
    type Input: Clone + Send + Sync;
    /// The polled operation's payload.
    type Payload: Send + 'static;
    /// The terminal outcomes (`CheckoutOutcome`).
    type Outcome;
    /// The waiter's description.
    fn spec() -> &'static WaiterSpec<Self::Payload>;
    /// One poll.
    fn poll<'a>(
        client: &'a Self::Client,
        input: &Self::Input,
    ) -> impl Future<Output = PollResult<Self>> + Send + 'a;
    /// The outcome of a terminal poll.
    fn outcome(terminal: Terminal<Self::Payload>) -> Result<Self::Outcome, WaitError<Self::Code>>;
}

/// Typestate: `max_wait` has not been set yet, so the wait cannot start.
#[derive(Debug)]
pub struct NeedsMaxWait;
/// Typestate: ready to wait.
#[derive(Debug)]
pub struct Ready;

/// A wait being configured: `.max_wait(...)` is required before it can be awaited.
pub struct WaitFor<'a, W: Waiter, S = NeedsMaxWait> {
    client: &'a W::Client,
    input: W::Input,
    max_wait: Duration,
    min_delay: Duration,
    max_delay: Duration,
    state: PhantomData<S>,
}

impl<'a, W: Waiter> WaitFor<'a, W, NeedsMaxWait> {
    /// A wait for `input` (defaults: 1 s minimum and 20 s maximum delay).
    pub fn new(client: &'a W::Client, input: W::Input) -> Self {
        Self {
            client,
            input,
            max_wait: Duration::ZERO,
            min_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(20),
            state: PhantomData,
        }
    }

    /// The longest time to wait in total (required).
    pub fn max_wait(self, max_wait: Duration) -> WaitFor<'a, W, Ready> {
        WaitFor {
            client: self.client,
            input: self.input,
            max_wait,
            min_delay: self.min_delay,
            max_delay: self.max_delay,
            state: PhantomData,
        }
    }
}

impl<W: Waiter, S> WaitFor<'_, W, S> {
    /// The shortest delay between polls (default 1 s); it also bounds server hints from
    /// below.
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = delay;
        self
    }

    /// The longest delay between polls when the server gives no hint.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }
}

impl<W: Waiter> WaitFor<'_, W, Ready> {
    /// Polls until an acceptor ends the wait, the server cannot follow up, or `max_wait`.
    pub async fn wait(self) -> Result<W::Outcome, WaitError<W::Code>> {
        let spec = W::spec();
        let started = Instant::now();
        let deadline = crate::retry::deadline_after(started, self.max_wait);
        let max_delay = self.max_delay.max(self.min_delay);
        let mut polls: u32 = 0;
        let mut last_code: Option<W::Code>;
        loop {
            // Boxed: a sleeping wait then holds a pointer, not the whole poll future (~10 KB),
            // which keeps thousands of pending waits small.
            let result = Box::pin(W::poll(self.client, &self.input)).await;
            polls += 1;
            let hint = match result {
                Ok(response) => {
                    let code = response.message_code().clone();
                    let header_hint = spec
                        .delay_header
                        .and_then(|name| crate::retry::delay_header(response.headers(), name));
                    let payload = response.into_payload();
                    match spec.state_of(code.as_str()) {
                        Some(AcceptorState::Success) => return W::outcome(Terminal::Success(payload)),
                        Some(AcceptorState::Failure) => return W::outcome(Terminal::Failure(payload)),
                        Some(AcceptorState::ActionRequired) => {
                            return W::outcome(Terminal::ActionRequired(payload));
                        }
                        Some(AcceptorState::Retry) | None => {}
                    }
                    if !(spec.can_follow_up)(&payload) {
                        return Err(WaitError::CannotFollowUp { waiter: spec.name, polls, last_code: code });
                    }
                    let field_hint = (spec.delay_field)(&payload).map(Duration::from_secs);
                    last_code = Some(code);
                    header_hint.or(field_hint)
                }
                Err(error) => match error.message_code().and_then(|c| spec.state_of(c.as_str())) {
                    Some(AcceptorState::Retry) => {
                        last_code = error.message_code().cloned();
                        None
                    }
                    _ => return Err(WaitError::Request(error)),
                },
            };
            let now = Instant::now();
            if now >= deadline {
                return Err(WaitError::ExceededMaxWait {
                    waiter: spec.name,
                    elapsed: now - started,
                    polls,
                    last_code,
                });
            }
            // A server hint is used as given, but never below the minimum delay: a hint of 0
            // must not turn the wait into a poll storm.
            let delay = match hint {
                Some(hint) => hint.max(self.min_delay),
                None => full_jitter(self.min_delay, self.min_delay, max_delay, polls),
            };
            tokio::time::sleep(delay.min(deadline - now)).await;
        }
    }
}

impl<'a, W> IntoFuture for WaitFor<'a, W, Ready>
where
    W: Waiter + 'a,
    W::Outcome: 'a,
{
    type Output = Result<W::Outcome, WaitError<W::Code>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_acceptor_matches_what_no_earlier_acceptor_names() {
        let spec = WaiterSpec::<()> {
            name: "thing",
            acceptors: &[
                Acceptor { code: "DONE", state: AcceptorState::Success },
                Acceptor { code: "*", state: AcceptorState::Failure },
            ],
            delay_header: None,
            delay_field: |_| None,
            can_follow_up: |_| true,
        };
        assert_eq!(spec.state_of("DONE"), Some(AcceptorState::Success));
        assert_eq!(spec.state_of("OFFER_EXPIRED"), Some(AcceptorState::Failure));
    }

    #[test]
    fn backoff_is_between_min_and_the_doubling_ceiling() {
        let (min, max) = (Duration::from_millis(100), Duration::from_secs(1));
        for attempt in 1..12 {
            for _ in 0..50 {
                let d = full_jitter(min, min, max, attempt);
                let ceiling = (min * 2u32.pow(attempt - 1)).min(max);
                assert!(d >= min && d <= ceiling, "attempt {attempt}: {d:?}");
            }
        }
        assert_eq!(full_jitter(min, min, min, 5), min);
    }
}
