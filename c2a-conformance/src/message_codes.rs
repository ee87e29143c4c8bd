//! A response's `status.messageCode` against the operation's `x-message-codes`: listed,
//! with the entry's `http` status, and in its class (a success code comes with 2xx; a
//! failure code with 200, as the C2A API answers many failures, or an error status).

use serde_json::Value;

use crate::exchange_check::Checked;
use crate::finding::{Finding, FindingKind, Severity, Side};
use crate::spec_model::{Spec, SpecOperation};

/// Checks `code`, answered with HTTP `status`, and records it in `checked`; a listed code
/// that agrees is observed (its `x-message-codes` entry is a fact key).
pub(crate) fn check_code(
    spec: &Spec,
    op: &SpecOperation,
    status: u16,
    code: &str,
    checked: &mut Checked<'_>,
) {
    checked.message_code = Some(code.to_owned());
    let mismatch = |kind, pointer: &str, message| {
        Finding::at(spec, kind, Severity::Mismatch, Side::Response, pointer, message)
            .with_path("$.status.messageCode")
    };
    let Some((index, listed)) = spec.message_code(op, code) else {
        let message = format!("message code `{code}` is not listed for `{}`", op.id);
        let pointer = format!("{}/x-message-codes", op.pointer);
        checked.findings.push(mismatch(FindingKind::MessageCodeNotListed, &pointer, message));
        return;
    };
    let pointer = format!("{}/x-message-codes/{index}", op.pointer);
    let differs = if let Some(http) = listed.get("http").and_then(Value::as_u64)
        && http != u64::from(status)
    {
        Some(format!("`{code}` is listed with HTTP {http} but arrived with HTTP {status}"))
    } else if listed.get("success") == Some(&Value::Bool(true)) {
        (!(200..300).contains(&status))
            .then(|| format!("`{code}` is a success code but arrived with HTTP {status}, not 2xx"))
    } else {
        (status != 200 && status < 400).then(|| {
            format!("`{code}` is a failure code but arrived with HTTP {status}, neither 200 nor an error")
        })
    };
    match differs {
        Some(message) => checked.findings.push(mismatch(FindingKind::CodeStatusDiffers, &pointer, message)),
        None => checked.observed.push(pointer),
    }
}
