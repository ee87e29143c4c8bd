//! `x-waiter` compared by what the wait does with each message code, as the generated
//! waiter does it (`generator/src/passes/waiters.rs`, `c2a_client::waiter`): acceptors are
//! tried in order against `status.messageCode` (`code: '*'` matches any code); a poll whose
//! code is a success code of the operation ends with the outcome variant of the first
//! acceptor in that state that names one, any other poll (an `Err`) ends with the API
//! error unless its acceptor says `retry`.

use std::collections::BTreeSet;

use c2a_spec::extensions::MessageCodes;
use c2a_spec::extensions::message_codes::KEY as MESSAGE_CODES;
use c2a_spec::extensions::waiter::{AcceptorState, KEY as WAITER, Waiter};
use serde_json::Value;

/// How a waiter ends for each message code whose outcome changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaiterOutcomes {
    /// The waiter's name on the new side (`checkout`: `Client::wait_for_checkout`).
    pub name: String,
    /// The codes whose outcome changed, in acceptor order (old side first).
    pub changes: Vec<AcceptorChange>,
    /// Variants of the outcome enum that disappear (`CheckoutOutcome::ActionRequired`).
    pub variants_removed: Vec<String>,
    /// Variants of the outcome enum that appear.
    pub variants_added: Vec<String>,
}

/// One code whose outcome changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcceptorChange {
    /// The message code; `*` for every code no acceptor names on either side.
    pub code: String,
    /// What the wait did with it.
    pub old: WaitOutcome,
    /// What it does now.
    pub new: WaitOutcome,
}

/// What a waiter does when a poll answers with a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitOutcome {
    /// Ends the wait with this variant of the outcome enum (`CheckoutOutcome::Done`),
    /// carrying the payload field `payload` when there is one.
    Returns {
        /// `Outcome::Variant`.
        variant: String,
        /// The payload field the variant carries (`/redirectInstructions`).
        payload: Option<String>,
    },
    /// Ends the wait with the API error (`WaitError::Request`).
    ApiError,
    /// Ends the wait with an error: no acceptor in this state names a variant.
    NoOutcome(&'static str),
    /// Polls again.
    Polls,
}

/// The outcome changes between two operations' `x-waiter` values (none when either is
/// missing or does not parse).
pub(super) fn outcomes(old_op: &Value, new_op: &Value) -> Option<WaiterOutcomes> {
    let side = |op: &Value| -> Option<(Waiter, BTreeSet<String>)> {
        let waiter = Waiter::parse(op.get(WAITER)?, &format!("/{WAITER}")).ok()?;
        Some((waiter, success_codes(op)))
    };
    let ((old, old_success), (new, new_success)) = (side(old_op)?, side(new_op)?);
    let mut codes: Vec<&str> = Vec::new();
    let named = old.acceptors.iter().chain(&new.acceptors).map(|a| a.code.as_str());
    for code in
        named.chain(old_success.iter().map(String::as_str)).chain(new_success.iter().map(String::as_str))
    {
        if code != "*" && !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes.push("*");
    let changes = codes
        .into_iter()
        .filter_map(|code| {
            let before = outcome(&old, code, old_success.contains(code));
            let after = outcome(&new, code, new_success.contains(code));
            (before != after).then(|| AcceptorChange { code: code.to_owned(), old: before, new: after })
        })
        .collect();
    let variants = |w: &Waiter| -> BTreeSet<String> {
        w.acceptors.iter().filter_map(|a| Some(format!("{}::{}", w.outcome, a.variant.as_ref()?))).collect()
    };
    let (before, after) = (variants(&old), variants(&new));
    Some(WaiterOutcomes {
        name: new.name,
        changes,
        variants_removed: before.difference(&after).cloned().collect(),
        variants_added: after.difference(&before).cloned().collect(),
    })
}

/// The success codes of an operation's `x-message-codes` (a poll with one returns `Ok`).
fn success_codes(op: &Value) -> BTreeSet<String> {
    let codes = op.get(MESSAGE_CODES).and_then(|v| MessageCodes::parse(v, "/").ok()).unwrap_or_default();
    codes.0.into_iter().filter(|c| c.success).map(|c| c.code).collect()
}

/// What `waiter` does with a poll answering `code` (`*`: a code no acceptor names and the
/// operation does not list as a success), `success` when the call returns `Ok`.
fn outcome(waiter: &Waiter, code: &str, success: bool) -> WaitOutcome {
    let state = waiter.acceptors.iter().find(|a| a.code == code || a.code == "*").map(|a| a.state);
    match (state, success) {
        (Some(AcceptorState::Retry), _) | (None, true) => WaitOutcome::Polls,
        (_, false) => WaitOutcome::ApiError,
        (Some(state), true) => {
            match waiter.acceptors.iter().find(|a| a.state == state && a.variant.is_some()) {
                Some(a) => WaitOutcome::Returns {
                    variant: format!("{}::{}", waiter.outcome, a.variant.as_deref().unwrap_or_default()),
                    payload: a.payload.clone(),
                },
                None => WaitOutcome::NoOutcome(AcceptorState::NAMES[state as usize]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_code_gets_the_outcome_of_its_first_acceptor_state() {
        let op = |acceptors: Value| {
            json!({
                "x-message-codes": [
                    {"code": "DONE", "meaning": "m", "success": true, "provenance": "documented"},
                    {"code": "SECURE", "meaning": "m", "success": true, "provenance": "documented"},
                    {"code": "WAIT", "meaning": "m", "success": false, "provenance": "documented"}
                ],
                "x-waiter": {"name": "w", "input": "id", "outcome": "Out", "acceptors": acceptors}
            })
        };
        let old = op(json!([
            {"code": "DONE", "state": "success", "variant": "Done"},
            {"code": "SECURE", "state": "action_required", "variant": "Act", "payload": "/r"},
            {"code": "*", "state": "failure", "variant": "Failed"}
        ]));
        let new = op(json!([
            {"code": "DONE", "state": "success", "variant": "Done"},
            {"code": "WAIT", "state": "retry"},
            {"code": "*", "state": "failure", "variant": "Failed"}
        ]));
        let found = outcomes(&old, &new).expect("both parse");
        let returns = |variant: &str, payload: Option<&str>| WaitOutcome::Returns {
            variant: variant.to_owned(),
            payload: payload.map(str::to_owned),
        };
        assert_eq!(
            found.changes,
            [
                AcceptorChange {
                    code: "SECURE".to_owned(),
                    old: returns("Out::Act", Some("/r")),
                    new: returns("Out::Failed", None),
                },
                AcceptorChange {
                    code: "WAIT".to_owned(),
                    old: WaitOutcome::ApiError,
                    new: WaitOutcome::Polls
                },
            ]
        );
    }
}
