//! Verdicts on vendor extensions. No extension changes the wire format, so a change is
//! rated from the registry row of its key at its place (`c2a_spec::extensions::registry`):
//! its [`ClientEffect`] gives the semver level and its `why` the Rust sentence. Two rows
//! get more: `x-rust-name` names the old and new builder setters, and `x-waiter` says how
//! the wait now ends for each message code whose outcome changed.

use c2a_spec::extensions::registry::{self, ClientEffect, Extension};

use super::{JudgedDifference, Verdict};
use crate::compare::{WaitOutcome, WaiterOutcomes};
use crate::model::Impact::NonBreaking as NB;
use crate::model::Semver;

const NOT_ON_THE_WIRE: &str = "Vendor extensions do not change the wire format.";

/// A change of an `x-` key at the place the difference names.
pub(super) fn extension_changed(s: &JudgedDifference<'_>) -> Verdict {
    let how = match (&s.difference.old, &s.difference.new) {
        (None, Some(_)) => "added",
        (Some(_), None) => "removed",
        _ => "changed",
    };
    let place = s.difference.details.place;
    let Some(row) = place.and_then(|place| registry::lookup(s.member, place)) else {
        return unregistered(s, how);
    };
    if let Some(waiter) = s.difference.details.waiter.as_ref().filter(|w| !w.changes.is_empty()) {
        return waiter_outcomes_changed(s, row, waiter);
    }
    let detail = format!("vendor extension `{}` {how}", s.member);
    let why = lower_first(row.why);
    let (semver, rust) = match row.effect {
        ClientEffect::Documentation => (Semver::Patch, format!("Documentation only: {why}")),
        ClientEffect::Behaviour => (Semver::Patch, format!("No signature changes, only behaviour: {why}")),
        ClientEffect::RenamesRustItems => return renamed(s, row, detail),
        ClientEffect::ChangesRustSignatures => {
            (Semver::Major, format!("Signatures change, so code using them may stop compiling: {why}"))
        }
        ClientEffect::AddsOrRemovesRustItems if how == "added" => {
            (Semver::Minor, format!("Items are only added: {why}"))
        }
        ClientEffect::AddsOrRemovesRustItems => (
            Semver::Major,
            format!(
                "Items generated from it change or disappear, so code using them may stop compiling: {why}"
            ),
        ),
    };
    Verdict::new(NB, detail, NOT_ON_THE_WIRE, semver, rust)
}

/// A row that renames Rust items: for a parameter's `x-rust-name`, its builder setter.
fn renamed(s: &JudgedDifference<'_>, row: &Extension, detail: String) -> Verdict {
    if s.difference.details.parameter.is_none() {
        let rust = format!(
            "Generated items are renamed, so code naming them stops compiling: {}",
            lower_first(row.why)
        );
        return Verdict::new(NB, detail, NOT_ON_THE_WIRE, Semver::Major, rust);
    }
    let (old, new) = (s.old_setter(), s.new_setter());
    if old == new {
        let rust = format!("The builder setter keeps its name `.{new}()`.");
        return Verdict::new(NB, detail, NOT_ON_THE_WIRE, Semver::Patch, rust);
    }
    Verdict::new(
        NB,
        format!("{detail}: builder setter `.{old}()` renamed to `.{new}()`"),
        NOT_ON_THE_WIRE,
        Semver::Major,
        format!("The builder setter `.{old}()` becomes `.{new}()`, so calls to the old name stop compiling."),
    )
}

/// An `x-` key the registry does not allow at this place: no generated code reads it, and
/// the spec checks refuse it.
fn unregistered(s: &JudgedDifference<'_>, how: &str) -> Verdict {
    let place = s.difference.details.place.map_or("this", |place| place.as_str());
    Verdict::new(
        NB,
        format!("vendor extension `{}` {how}", s.member),
        NOT_ON_THE_WIRE,
        Semver::Patch,
        format!(
            "`{}` has no row for the {place} place in `c2a_spec::extensions::registry`: no generated code reads it, and the spec checks refuse it.",
            s.member
        ),
    )
}

/// `x-waiter` changed so that some message codes end the wait differently: each is named
/// with its old and new outcome, for callers of `Client::wait_for_<name>`.
fn waiter_outcomes_changed(s: &JudgedDifference<'_>, row: &Extension, waiter: &WaiterOutcomes) -> Verdict {
    let method = format!("`Client::wait_for_{}`", waiter.name);
    let changes: Vec<String> = waiter
        .changes
        .iter()
        .map(|c| {
            let code = if c.code == "*" { "any other code".to_owned() } else { format!("`{}`", c.code) };
            format!("{code} (was {}, now {})", outcome(&c.old), outcome(&c.new))
        })
        .collect();
    Verdict::new(
        NB,
        format!(
            "vendor extension `{}` changed: {method} ends differently for {}",
            s.member,
            changes.join(", ")
        ),
        NOT_ON_THE_WIRE,
        Semver::Major,
        format!(
            "Callers of {method} that handle the old outcome of these codes no longer see it{}: {}",
            variants(waiter),
            lower_first(row.why)
        ),
    )
}

/// The outcome variants removed and added, as a clause (empty when none).
fn variants(waiter: &WaiterOutcomes) -> String {
    let list = |names: &[String]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let mut clause = String::new();
    if !waiter.variants_removed.is_empty() {
        clause.push_str(&format!(", and code naming {} stops compiling", list(&waiter.variants_removed)));
    }
    if !waiter.variants_added.is_empty() {
        clause.push_str(&format!(
            ", and `match` expressions without a wildcard arm must handle {}",
            list(&waiter.variants_added)
        ));
    }
    clause
}

/// How a waiter ends for a code, in a few words.
fn outcome(outcome: &WaitOutcome) -> String {
    match outcome {
        WaitOutcome::Returns { variant, payload: Some(field) } => format!("`{variant}` with `{field}`"),
        WaitOutcome::Returns { variant, payload: None } => format!("`{variant}`"),
        WaitOutcome::ApiError => "the API error".to_owned(),
        WaitOutcome::NoOutcome(state) => format!("an error (no outcome for a `{state}` poll)"),
        WaitOutcome::Polls => "polling again".to_owned(),
    }
}

/// `why` as the second half of a sentence (`It decides` -> `it decides`).
fn lower_first(why: &str) -> String {
    let mut chars = why.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}
