//! Verdicts on composition: an alternative of a `oneOf` or `anyOf` added or removed, judged
//! by direction (clients send a value of an alternative they know, and decode only the
//! alternatives they know), and an `allOf` member added or removed (the members are
//! merged, so what a member brings or takes away is reported as fields and keywords).

use super::schemas::UNUSED;
use super::{JudgedDifference, Verdict};
use crate::model::Impact::{Breaking as B, NonBreaking as NB};
use crate::model::{ChangeKind, Semver};

impl JudgedDifference<'_> {
    /// The Rust type typify generates for a `oneOf`/`anyOf`, as the subject of a sentence.
    fn composition_type(&self, keyword: &str) -> String {
        match &self.difference.details.owner {
            Some(_) => format!("{}, the type typify generates for this `{keyword}`,", self.owner()),
            None => format!("The type typify generates for this `{keyword}`"),
        }
    }
}

pub(super) fn alternative(s: &JudgedDifference<'_>) -> Verdict {
    let added = s.difference.kind == ChangeKind::AlternativeAdded;
    let (keyword, to_from, gains_loses) =
        if added { (s.new, "to", "gains") } else { (s.old, "from", "loses") };
    let (impact, reason) = match (s.unused, s.request, added) {
        (true, ..) => (NB, UNUSED),
        (false, true, true) => {
            (NB, "Clients keep sending values of the alternatives they know, which the server still accepts.")
        }
        (false, true, false) => (B, "Clients that send a value of this alternative will be rejected."),
        (false, false, true) => (B, "The server may send a shape clients do not decode."),
        (false, false, false) => (NB, "Clients receive only shapes they already decode."),
    };
    Verdict::new(
        impact,
        format!(
            "alternative `{}` {} {to_from} `{keyword}`",
            s.member,
            if added { "added" } else { "removed" }
        ),
        reason,
        Semver::Major,
        format!(
            "{} {gains_loses} a variant for `{}`, so code that matches or builds it may stop compiling.",
            s.composition_type(keyword),
            s.member
        ),
    )
}

pub(super) fn all_of_member(s: &JudgedDifference<'_>) -> Verdict {
    let added = s.difference.kind == ChangeKind::AllOfMemberAdded;
    Verdict::new(
        NB,
        format!("`allOf` member `{}` {}", s.member, if added { "added" } else { "removed" }),
        if s.unused {
            UNUSED
        } else {
            "The members are merged: the fields and constraints a member brings or takes away are listed separately."
        },
        Semver::Major,
        format!("typify merges the members of an `allOf` into one type, so {} may change shape.", s.owner()),
    )
}
