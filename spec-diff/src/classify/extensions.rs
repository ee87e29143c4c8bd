//! Verdicts on vendor extensions. No extension changes the wire format, so a change is
//! rated from the registry row of its key at its place (`c2a_spec::extensions::registry`):
//! its [`ClientEffect`] gives the semver level and its `why` the Rust sentence. Two rows
//! get more: `x-rust-name` names the old and new builder setters, and `x-extensible-enum`
//! has a wire rule of its own (closing an enum clients receive).

use c2a_spec::extensions::registry::{self, ClientEffect, Extension};

use super::{Subject, Verdict};
use crate::compare::EXTENSIBLE_ENUM;
use crate::model::Impact::{Breaking as B, NonBreaking as NB};
use crate::model::{Direction, Semver};

const NOT_ON_THE_WIRE: &str = "Vendor extensions do not change the wire format.";

/// A change of an `x-` key at the place the difference names.
pub(super) fn extension_changed(s: &Subject<'_>) -> Verdict {
    let how = match (&s.difference.old, &s.difference.new) {
        (None, Some(_)) => "added",
        (Some(_), None) => "removed",
        _ => "changed",
    };
    let place = s.difference.facts.place;
    let Some(row) = place.and_then(|place| registry::lookup(s.member, place)) else {
        return unregistered(s, how);
    };
    if row.key == EXTENSIBLE_ENUM {
        return extensible_enum_changed(s, how);
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
fn renamed(s: &Subject<'_>, row: &Extension, detail: String) -> Verdict {
    if s.difference.facts.parameter.is_none() {
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
fn unregistered(s: &Subject<'_>, how: &str) -> Verdict {
    let place = s.difference.facts.place.map_or("this", |place| place.as_str());
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

/// `x-extensible-enum` says whether values beyond the listed ones may arrive: dropping the
/// mark from an enum clients receive closes a set the server was free to extend.
fn extensible_enum_changed(s: &Subject<'_>, how: &str) -> Verdict {
    let closed = s.old == "true" && s.new != "true";
    let (impact, reason) = match s.difference.direction {
        Direction::Response if closed => (
            B,
            "Responses may no longer carry unlisted values: readers that follow the spec (validators, strict clients) now reject what the server was free to send.",
        ),
        Direction::Unused => (NB, "No operation uses this schema."),
        Direction::Request => (NB, "In requests, clients send only listed values either way."),
        _ => (NB, "Readers may now expect values beyond the listed ones; the wire format is unchanged."),
    };
    Verdict::new(
        impact,
        format!("vendor extension `{EXTENSIBLE_ENUM}` {how}"),
        reason,
        Semver::Patch,
        "The generated enum keeps unknown values (`Unknown`) either way; no generated code changes."
            .to_owned(),
    )
}

/// `why` as the second half of a sentence (`It decides` -> `it decides`).
fn lower_first(why: &str) -> String {
    let mut chars = why.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}
