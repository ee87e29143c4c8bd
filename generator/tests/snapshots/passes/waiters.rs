// The `waiters` pass on fixtures/waiters_decisions.yaml, after operations, envelope-calls: what it added, changed or removed.

// top level, added: mod waiters
/// Polling helpers generated from the spec's `x-waiter` extensions (empty when the
/// spec declares none).
pub mod waiters {
    use super::types;
    /// Terminal outcomes of [`Client::wait_for_checkout`](crate::Client::wait_for_checkout).
    #[derive(Clone, Debug, PartialEq)]
    pub enum CheckoutOutcome {
        /// `CHECK_OUT_DONE`.
        Done(types::CheckoutResult),
        /// `CHECK_OUT_FAILED`.
        Failed(types::CheckoutResult),
        /// `CHECK_OUT_3DS_REQUIRED`.
        ActionRequired(types::RedirectInstructions),
    }
    /// Polls `get_checkout_status` until a terminal state (see `x-waiter` in the spec).
    #[derive(Debug)]
    pub struct Checkout;
    static CHECKOUT_SPEC: crate::waiter::WaiterSpec<types::CheckoutResult> = crate::waiter::WaiterSpec {
        name: "checkout",
        acceptors: &[
            crate::waiter::Acceptor {
                code: "CHECK_OUT_DONE",
                state: crate::waiter::AcceptorState::Success,
            },
            crate::waiter::Acceptor {
                code: "CHECK_OUT_FAILED",
                state: crate::waiter::AcceptorState::Failure,
            },
            crate::waiter::Acceptor {
                code: "CHECK_OUT_3DS_REQUIRED",
                state: crate::waiter::AcceptorState::ActionRequired,
            },
            crate::waiter::Acceptor {
                code: "CHECK_OUT_PROCESSING",
                state: crate::waiter::AcceptorState::Retry,
            },
            crate::waiter::Acceptor {
                code: "*",
                state: crate::waiter::AcceptorState::Failure,
            },
        ],
        delay_header: ::std::option::Option::Some("Retry-After"),
        delay_field: |payload| {
            ::std::option::Option::Some(payload)
                .and_then(|v| v.follow_up_instructions.as_ref())
                .and_then(|v| v.retry_after_seconds.as_ref())
                .and_then(|v| u64::try_from(*v).ok())
        },
        can_follow_up: |payload| {
            ::std::option::Option::Some(payload)
                .and_then(|v| v.follow_up_instructions.as_ref())
                .and_then(|v| v.can_follow_up.as_ref())
                != ::std::option::Option::Some(&false)
        },
    };
    impl crate::waiter::Waiter for Checkout {
        type Input = ::std::string::String;
        type Payload = types::CheckoutResult;
        type Outcome = CheckoutOutcome;
        fn spec() -> &'static crate::waiter::WaiterSpec<Self::Payload> {
            &CHECKOUT_SPEC
        }
        fn poll<'a>(
            client: &'a crate::Client,
            input: &Self::Input,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<crate::Response<Self::Payload>, crate::Error>,
        > + Send + 'a {
            client.get_checkout_status().tracking_id(input.clone()).send_with_response()
        }
        fn outcome(
            terminal: crate::waiter::Terminal<Self::Payload>,
        ) -> ::std::result::Result<Self::Outcome, crate::waiter::WaitError> {
            match terminal {
                crate::waiter::Terminal::Success(payload) => {
                    Ok(CheckoutOutcome::Done(payload))
                }
                crate::waiter::Terminal::Failure(payload) => {
                    Ok(CheckoutOutcome::Failed(payload))
                }
                crate::waiter::Terminal::ActionRequired(payload) => {
                    payload
                        .redirect_instructions
                        .map(CheckoutOutcome::ActionRequired)
                        .ok_or(crate::waiter::WaitError::MissingOutcomeData {
                            waiter: "checkout",
                            code: "CHECK_OUT_3DS_REQUIRED",
                        })
                }
            }
        }
    }
}

// top level, added: impl Client
impl Client {
    /// Waits for `get_checkout_status` to reach a terminal state. Set `.max_wait(..)` (required), then `.await`.
    pub fn wait_for_checkout(
        &self,
        tracking_id: impl Into<::std::string::String>,
    ) -> crate::waiter::WaitFor<'_, waiters::Checkout> {
        crate::waiter::WaitFor::new(self, tracking_id.into())
    }
    /// Sends `submit_checkout`, then waits up to `max_wait` for `get_checkout_status` to reach a terminal state.
    pub async fn submit_checkout_and_wait(
        &self,
        body: types::CheckoutRequest,
        max_wait: ::std::time::Duration,
    ) -> ::std::result::Result<waiters::CheckoutOutcome, crate::waiter::WaitError> {
        let started = self.submit_checkout().body(body).send().await?;
        self.wait_for_checkout(started.tracking_number).max_wait(max_wait).await
    }
}
