//! `x-waiter` on a polling operation (a Smithy-style waiter).

use serde_json::Value;

use super::read::{Fields, Problems, check_type_ident};
use crate::diagnostic::Diagnostic;

/// The extension's key.
pub const KEY: &str = "x-waiter";

/// A polling contract: what to poll with, which codes end the wait and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiter {
    /// snake_case; the client gets `wait_for_<name>`.
    pub name: String,
    /// The path parameter to poll with (its wire name).
    pub input: String,
    /// The Rust enum of terminal outcomes (PascalCase).
    pub outcome: String,
    /// Tried in order against `status.messageCode`.
    pub acceptors: Vec<Acceptor>,
    /// Where the server hints at the next delay.
    pub delay_hint: DelayHint,
    /// The payload flag saying the server cannot follow up.
    pub stop_when: Option<StopWhen>,
    /// The operation that starts what is polled, for `<operation>_and_wait`.
    pub started_by: Option<StartedBy>,
}

/// What a poll answering `code` means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acceptor {
    /// The messageCode.
    pub code: String,
    /// Terminal or not, and how.
    pub state: AcceptorState,
    /// The outcome variant (PascalCase); without one a terminal poll ends in an error.
    pub variant: Option<String>,
    /// For `action_required`: a one-field pointer (`/field`) to what the outcome carries.
    pub payload: Option<String>,
}

/// The states an acceptor may give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptorState {
    /// Done; the outcome carries the payload.
    Success,
    /// Failed for good.
    Failure,
    /// The caller must act (e.g. 3DS), then poll again.
    ActionRequired,
    /// Not yet: poll again.
    Retry,
}

impl AcceptorState {
    /// The spellings `state` may use.
    pub const NAMES: [&str; 4] = ["success", "failure", "action_required", "retry"];
}

/// `delay_hint`: a header and/or a payload field holding seconds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DelayHint {
    /// Response header name (`Retry-After`).
    pub header: Option<String>,
    /// JSON pointer into the payload.
    pub field: Option<String>,
}

/// `stop_when`: the server cannot follow up when `field` equals `equals`.
#[derive(Clone, Debug, PartialEq)]
pub struct StopWhen {
    /// JSON pointer into the payload.
    pub field: String,
    /// A boolean, integer or string.
    pub equals: Value,
}

/// `started_by`: the submitting operation and where its answer holds the poll input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartedBy {
    /// The operationId.
    pub operation: String,
    /// A one-field JSON pointer into that operation's payload.
    pub input_from: String,
}

impl Waiter {
    /// Parses the extension's value found at `at`, reporting every problem.
    pub fn parse(value: &Value, at: &str) -> Result<Self, Vec<Diagnostic>> {
        let mut p = Problems::new(KEY);
        let keys = ["name", "input", "outcome", "acceptors", "delay_hint", "stop_when", "started_by"];
        let Some(fields) = Fields::open(value, at, &keys, &mut p) else { return p.finish(None) };
        let name = fields.snake_ident("name", &mut p);
        let input = fields.text("input", &mut p);
        let outcome = fields.type_ident("outcome", &mut p);
        let mut acceptors = Vec::new();
        match fields.get("acceptors").and_then(Value::as_array) {
            Some(items) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    let at = format!("{}/{i}", fields.pointer("acceptors"));
                    let Some(parsed) = acceptor(item, &at, &mut p) else { continue };
                    // The outcome enum declares a variant for every acceptor that names
                    // one (the generator merges none): a second `Done` would not compile.
                    let earlier = acceptors
                        .iter()
                        .find(|a: &&Acceptor| a.variant.is_some() && a.variant == parsed.variant);
                    if let (Some(first), Some(variant)) = (earlier, &parsed.variant) {
                        p.push(
                            format!("{at}/variant"),
                            format!(
                                "`{variant}` is already the outcome of acceptor `{}`: each outcome variant belongs to one acceptor",
                                first.code
                            ),
                        );
                    }
                    acceptors.push(parsed);
                }
            }
            _ => p.push(&fields.at, "`acceptors` must be a non-empty list"),
        }
        let delay_hint = match fields.get("delay_hint") {
            None => Some(DelayHint::default()),
            Some(v) => {
                Fields::open(v, &fields.pointer("delay_hint"), &["header", "field"], &mut p).map(|f| {
                    let header = f.opt_str("header", &mut p).map(str::to_owned);
                    let field =
                        f.get("field").and_then(|_| f.json_pointer("field", &mut p)).map(str::to_owned);
                    DelayHint { header, field }
                })
            }
        };
        let stop_when = fields.get("stop_when").and_then(|v| {
            let f = Fields::open(v, &fields.pointer("stop_when"), &["field", "equals"], &mut p)?;
            let field = f.json_pointer("field", &mut p);
            let equals = f.get("equals").cloned();
            match &equals {
                Some(Value::Bool(_) | Value::String(_)) => {}
                Some(Value::Number(n)) if n.is_i64() => {}
                Some(other) => p.push(
                    f.pointer("equals"),
                    format!("`equals` must be a boolean, integer or string, found {other}"),
                ),
                None => p.push(&f.at, "`equals` is required"),
            }
            Some(StopWhen { field: field?.to_owned(), equals: equals? })
        });
        let started_by = fields.get("started_by").and_then(|v| {
            let f = Fields::open(v, &fields.pointer("started_by"), &["operation", "input_from"], &mut p)?;
            let operation = f.text("operation", &mut p);
            let input_from = one_field(&f, "input_from", &mut p);
            Some(StartedBy { operation: operation?.to_owned(), input_from: input_from?.to_owned() })
        });
        let waiter = (|| {
            Some(Self {
                name: name?.to_owned(),
                input: input?.to_owned(),
                outcome: outcome?.to_owned(),
                acceptors,
                delay_hint: delay_hint?,
                stop_when,
                started_by,
            })
        })();
        p.finish(waiter)
    }
}

fn acceptor(value: &Value, at: &str, p: &mut Problems) -> Option<Acceptor> {
    let fields = Fields::open(value, at, &["code", "state", "variant", "payload"], p)?;
    let code = fields.text("code", p);
    let state = match fields.str("state", p) {
        Some("success") => Some(AcceptorState::Success),
        Some("failure") => Some(AcceptorState::Failure),
        Some("action_required") => Some(AcceptorState::ActionRequired),
        Some("retry") => Some(AcceptorState::Retry),
        Some(other) => {
            p.push(
                fields.pointer("state"),
                format!(
                    "unknown acceptor state `{other}` (expected success, failure, action_required or retry)"
                ),
            );
            None
        }
        None => None,
    };
    let variant = fields
        .opt_str("variant", p)
        .and_then(|v| check_type_ident(v, &fields.pointer("variant"), "variant", p));
    let payload = fields.get("payload").and_then(|_| one_field(&fields, "payload", p));
    if variant.is_some() && state == Some(AcceptorState::Retry) {
        p.push(fields.pointer("variant"), "only success, failure and action_required have variants");
    }
    if variant.is_some() && state == Some(AcceptorState::ActionRequired) && payload.is_none() {
        p.push(at, "an action_required acceptor with a variant needs `payload`");
    }
    Some(Acceptor {
        code: code?.to_owned(),
        state: state?,
        variant: variant.map(str::to_owned),
        payload: payload.map(str::to_owned),
    })
}

/// A pointer naming one field (`/field`).
fn one_field<'v>(fields: &Fields<'v>, key: &str, p: &mut Problems) -> Option<&'v str> {
    let pointer = fields.json_pointer(key, p)?;
    if pointer[1..].contains('/') {
        p.push(fields.pointer(key), format!("`{key}` must name one field (`/field`), found `{pointer}`"));
        return None;
    }
    Some(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_that_are_not_rust_identifiers_are_all_reported() {
        let problems = Waiter::parse(
            &json!({"name": "check out!", "input": "id", "outcome": "fn",
                    "acceptors": [{"code": "DONE", "state": "success", "variant": ""}]}),
            "/w",
        )
        .expect_err("broken");
        let pointers: Vec<_> = problems.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/w/name", "/w/outcome", "/w/acceptors/0/variant"]);
    }

    #[test]
    fn two_acceptors_with_one_variant_are_refused_at_the_second() {
        let problems = Waiter::parse(
            &json!({"name": "checkout", "input": "id", "outcome": "Outcome",
                    "acceptors": [{"code": "DONE", "state": "success", "variant": "Done"},
                                  {"code": "FAILED", "state": "failure", "variant": "Failed"},
                                  {"code": "ALSO_DONE", "state": "failure", "variant": "Done"}]}),
            "/w",
        )
        .expect_err("`Done` twice");
        let found: Vec<_> = problems.iter().map(|d| (d.pointer.as_str(), d.message.as_str())).collect();
        assert_eq!(
            found,
            [(
                "/w/acceptors/2/variant",
                "`Done` is already the outcome of acceptor `DONE`: each outcome variant belongs to one acceptor"
            )]
        );
    }

    #[test]
    fn full_waiter_is_typed() {
        let waiter = Waiter::parse(
            &json!({"name": "checkout", "input": "trackingId", "outcome": "CheckoutOutcome",
                    "acceptors": [{"code": "DONE", "state": "success", "variant": "Done"}, {"code": "WAIT", "state": "retry"}],
                    "delay_hint": {"header": "Retry-After", "field": "/a/b"},
                    "stop_when": {"field": "/a/stop", "equals": false},
                    "started_by": {"operation": "submit", "input_from": "/id"}}),
            "/w",
        )
        .expect("valid");
        assert_eq!(waiter.acceptors[1].state, AcceptorState::Retry);
        assert_eq!(waiter.delay_hint.field.as_deref(), Some("/a/b"));
        assert_eq!(waiter.started_by.map(|s| s.input_from), Some("/id".into()));
    }
}
