// The `waiters` pass on fixtures/waiters_decisions.yaml, after operations, envelope-calls: what it added, changed or removed.

// top level, added: mod waiters
/// Polling helpers generated from the spec's `x-waiter` extensions (empty when the
/// spec declares none).
pub mod waiters {
    use super::types;
    /// Terminal outcomes of [`Client::wait_for_checkout`](super::Client::wait_for_checkout).
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
    static CHECKOUT_SPEC: c2a_runtime::waiter::WaiterSpec<types::CheckoutResult> = c2a_runtime::waiter::WaiterSpec {
        name: "checkout",
        acceptors: &[
            c2a_runtime::waiter::Acceptor {
                code: "CHECK_OUT_DONE",
                state: c2a_runtime::waiter::AcceptorState::Success,
            },
            c2a_runtime::waiter::Acceptor {
                code: "CHECK_OUT_FAILED",
                state: c2a_runtime::waiter::AcceptorState::Failure,
            },
            c2a_runtime::waiter::Acceptor {
                code: "CHECK_OUT_3DS_REQUIRED",
                state: c2a_runtime::waiter::AcceptorState::ActionRequired,
            },
            c2a_runtime::waiter::Acceptor {
                code: "CHECK_OUT_PROCESSING",
                state: c2a_runtime::waiter::AcceptorState::Retry,
            },
            c2a_runtime::waiter::Acceptor {
                code: "*",
                state: c2a_runtime::waiter::AcceptorState::Failure,
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
    impl c2a_runtime::waiter::Waiter for Checkout {
        type Client = super::Client;
        type Code = super::types::MessageCode;
        type Input = ::std::string::String;
        type Payload = types::CheckoutResult;
        type Outcome = CheckoutOutcome;
        fn spec() -> &'static c2a_runtime::waiter::WaiterSpec<Self::Payload> {
            &CHECKOUT_SPEC
        }
        fn poll<'a>(
            client: &'a super::Client,
            input: &Self::Input,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                super::runtime_types::Response<Self::Payload>,
                super::runtime_types::Error,
            >,
        > + Send + 'a {
            client.get_checkout_status().tracking_id(input.clone()).send_with_response()
        }
        fn outcome(
            terminal: c2a_runtime::waiter::Terminal<Self::Payload>,
        ) -> ::std::result::Result<Self::Outcome, super::runtime_types::WaitError> {
            match terminal {
                c2a_runtime::waiter::Terminal::Success(payload) => {
                    Ok(CheckoutOutcome::Done(payload))
                }
                c2a_runtime::waiter::Terminal::Failure(payload) => {
                    Ok(CheckoutOutcome::Failed(payload))
                }
                c2a_runtime::waiter::Terminal::ActionRequired(payload) => {
                    payload
                        .redirect_instructions
                        .map(CheckoutOutcome::ActionRequired)
                        .ok_or(c2a_runtime::waiter::WaitError::MissingOutcomeData {
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
    ) -> c2a_runtime::waiter::WaitFor<'_, waiters::Checkout> {
        c2a_runtime::waiter::WaitFor::new(self, tracking_id.into())
    }
    /// Sends `submit_checkout`, then waits up to `max_wait` for `get_checkout_status` to reach a terminal state.
    pub async fn submit_checkout_and_wait(
        &self,
        body: types::CheckoutRequest,
        max_wait: ::std::time::Duration,
    ) -> ::std::result::Result<waiters::CheckoutOutcome, runtime_types::WaitError> {
        let started = self.submit_checkout().body(body).send().await?;
        self.wait_for_checkout(started.tracking_number).max_wait(max_wait).await
    }
}
