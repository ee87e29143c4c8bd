//! Verdicts on schemas: fields, required-ness, types and references, nullability, enum
//! values, and component schemas (keywords are in `keywords`).

use super::rust_names::{field_name, rust_type};
use super::{JudgedDifference, Verdict};
use crate::model::Direction;
use crate::model::Impact::{Breaking as B, NonBreaking as NB};
use crate::model::Semver;

pub(super) const UNUSED: &str = "No operation uses this schema.";
const COMPONENT: &str =
    "Component schemas are not on the wire; what operations send or receive is compared separately.";

impl JudgedDifference<'_> {
    /// `types::FollowUpInstructions`, or a description of a nested type.
    pub(super) fn owner(&self) -> String {
        match &self.difference.details.owner {
            Some(owner) => rust_type(owner),
            None => "the generated type".to_owned(),
        }
    }

    /// The Rust field name of the changed field.
    pub(super) fn field(&self) -> String {
        field_name(&self.difference.location)
    }

    /// ` from `EnState`` / ` to `EnState``, when the enum is a component.
    fn enum_of(&self, preposition: &str) -> String {
        self.difference.details.owner.as_deref().map(|o| format!(" {preposition} `{o}`")).unwrap_or_default()
    }
}

pub(super) fn field_removed(s: &JudgedDifference<'_>) -> Verdict {
    let (impact, reason) = if s.unused {
        (NB, UNUSED)
    } else if s.request && s.required {
        (B, "Clients are built to send this required field and the server no longer defines it.")
    } else if s.request {
        (NB, "Clients that send this optional field send one the server now ignores.")
    } else {
        (B, "Clients that read this field will no longer receive it.")
    };
    Verdict::new(
        impact,
        format!("{} field removed (was `{}`, {})", s.direction_word(), s.old, s.required_word()),
        reason,
        Semver::Major,
        format!(
            "`{}` disappears from {}{}, so code that reads or sets it stops compiling.",
            s.field(),
            s.owner(),
            // Only request-side types have builders (the generator's `request-builders` pass).
            if s.request { " (and its builder)" } else { "" }
        ),
    )
}

pub(super) fn field_added(s: &JudgedDifference<'_>) -> Verdict {
    let (impact, reason) = if s.unused {
        (NB, UNUSED)
    } else if s.request && s.required {
        (B, "Existing clients do not send this field, which the server now requires.")
    } else if s.request {
        (NB, "Existing clients may omit this optional field.")
    } else {
        (
            NB,
            "Existing clients ignore fields they do not know (generated structs do not deny unknown fields).",
        )
    };
    let (field, owner) = (s.field(), s.owner());
    // Only request-side types have builders (the generator's `request-builders` pass).
    let builder_note = match (s.request, s.required) {
        (true, true) => format!(
            "; builder users are unaffected, but builders that do not set `.{field}()` fail when converted"
        ),
        (true, false) => "; builder users are unaffected".to_owned(),
        (false, _) => String::new(),
    };
    Verdict::new(
        impact,
        format!("{} field added (`{}`, {})", s.direction_word(), s.new, s.required_word()),
        reason,
        Semver::Major,
        format!(
            "{owner} gains the public field `{field}`: code that builds it with a struct literal or destructures it without `..` stops compiling{builder_note}."
        ),
    )
}

pub(super) fn required_changed(s: &JudgedDifference<'_>) -> Verdict {
    let now_required = s.new == "true";
    let (impact, reason) = match (s.unused, s.request, now_required) {
        (true, _, _) => (NB, UNUSED),
        (false, true, true) => (B, "Clients that omit this request field will be rejected."),
        (false, true, false) => (NB, "Clients that send this request field keep working."),
        (false, false, true) => (NB, "Clients that handled the field's absence keep working."),
        (false, false, false) => (B, "Clients may now receive responses without this field."),
    };
    Verdict::new(
        impact,
        format!("{} field became {}", s.direction_word(), if now_required { "required" } else { "optional" }),
        reason,
        Semver::Major,
        format!(
            "`{}` in {} changes between `T` and `Option<T>`, so code that reads or sets it stops compiling.",
            s.field(),
            s.owner()
        ),
    )
}

pub(super) fn type_changed(s: &JudgedDifference<'_>) -> Verdict {
    let details = &s.difference.details;
    let (impact, reason) = if s.unused {
        (NB, UNUSED)
    } else if details.enum_dropped {
        if s.request {
            (
                NB,
                "The server now accepts any value of the base type, including every value it accepted before.",
            )
        } else {
            (NB, "Generated clients tolerate values outside the old enum.")
        }
    } else if details.widened && s.request {
        (NB, "The new type accepts every value the old one did.")
    } else if details.widened {
        (B, "Clients may receive values their old type cannot hold.")
    } else if details.narrowed && !s.request {
        (NB, "Every value of the new type is a value of the old one, so clients read it as before.")
    } else {
        (B, "The type was narrowed or changed, so values valid before may no longer be.")
    };
    Verdict::new(
        impact,
        format!("type changed from `{}` to `{}`", s.old, s.new),
        reason,
        Semver::Major,
        "The Rust type of this value changes, so code that reads or sets it may stop compiling.".to_owned(),
    )
}

pub(super) fn ref_changed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("schema changed from `{}` to `{}`", s.old, s.new),
        "Only the schema's name changes here; any difference in its shape is listed separately.",
        Semver::Major,
        format!(
            "The Rust type changes from {} to {}, so code that names it stops compiling.",
            rust_type(s.old),
            rust_type(s.new)
        ),
    )
}

pub(super) fn nullable_changed(s: &JudgedDifference<'_>) -> Verdict {
    let now_nullable = s.new == "true";
    let (impact, reason) = match (s.unused, s.request, now_nullable) {
        (true, _, _) => (NB, UNUSED),
        (false, true, true) => (NB, "Clients that never send null keep working."),
        (false, true, false) => (B, "Clients that send null will be rejected."),
        (false, false, true) => (B, "Clients may receive null where they expected a value."),
        (false, false, false) => (NB, "Clients that handled null keep working."),
    };
    let (semver, rust) = if s.required {
        (Semver::Major, format!("The required value changes between `T` and `Option<T>` in {}.", s.owner()))
    } else {
        (Semver::Patch, "The value is optional, so its Rust type is an `Option` either way.".to_owned())
    };
    let detail = if now_nullable { "became nullable" } else { "no longer nullable" };
    Verdict::new(impact, detail.to_owned(), reason, semver, rust)
}

pub(super) fn enum_value_removed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        if s.unused { NB } else { B },
        format!("enum value `{}` removed{}", s.member, s.enum_of("from")),
        if s.unused {
            UNUSED
        } else if s.request {
            "Clients that send this value will be rejected."
        } else {
            "Clients that rely on receiving this value will no longer get it."
        },
        Semver::Major,
        format!(
            "The variant for `\"{}\"` disappears from {}, so code naming it stops compiling.",
            s.member,
            s.owner()
        ),
    )
}

pub(super) fn enum_value_added(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("enum value `{}` added{}", s.member, s.enum_of("to")),
        if s.unused {
            UNUSED
        } else if s.request {
            "Existing clients never send the new value."
        } else if s.difference.details.extensible {
            "The enum is marked `x-extensible-enum`: readers already expect values it does not list."
        } else {
            "Generated clients tolerate unknown enum values."
        },
        Semver::Major,
        format!(
            "{} gains a variant for `\"{}\"`: `match` expressions over it without a wildcard arm stop compiling.",
            s.owner(),
            s.member
        ),
    )
}

pub(super) fn schema_removed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        "component schema removed".to_owned(),
        COMPONENT,
        Semver::Major,
        format!("{} is removed, so code that names it stops compiling.", rust_type(&s.difference.location)),
    )
}

pub(super) fn schema_added(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        "component schema added".to_owned(),
        COMPONENT,
        Semver::Minor,
        format!("{} is added.", rust_type(&s.difference.location)),
    )
}

/// A difference in a property clients never see in its direction breaks none of them: a
/// `readOnly` property is not sent (the server ignores it in requests), a `writeOnly` one
/// not received. The generated type still has the field, so the semver stays.
pub(super) fn off_wire(verdict: Verdict, s: &JudgedDifference<'_>) -> Verdict {
    let reason = match s.difference.direction {
        Direction::Request => {
            "The property is `readOnly`: clients do not send it, and the server ignores it in requests."
        }
        _ => "The property is `writeOnly`: the server never sends it, so clients do not read it.",
    };
    Verdict { impact: NB, reason: reason.to_owned(), ..verdict }
}
