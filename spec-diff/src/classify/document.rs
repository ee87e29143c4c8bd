//! Verdicts on the document (servers, security requirements and schemes), and on
//! annotations judged the same in every scope: documentation and vendor extensions.

use super::{Subject, Verdict};
use crate::compare::{EXTENSIBLE_ENUM, NO_AUTH};
use crate::model::Impact::{Breaking as B, NonBreaking as NB};
use crate::model::{Direction, Semver};

const BASE_URL: &str = "The base URL is passed to `Client::new`, so no Rust item changes.";
const CREDENTIALS: &str =
    "Credentials are client configuration (default headers), not part of any signature.";

pub(super) fn server_removed(s: &Subject<'_>) -> Verdict {
    Verdict::new(
        B,
        format!("server `{}` removed", s.member),
        "Clients configured with this base URL lose their server.",
        Semver::Patch,
        BASE_URL.to_owned(),
    )
}

pub(super) fn server_added(s: &Subject<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("server `{}` added", s.member),
        "Existing base URLs keep working.",
        Semver::Patch,
        BASE_URL.to_owned(),
    )
}

pub(super) fn server_changed(s: &Subject<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("variables of server `{}` changed", s.member),
        "The URL template is unchanged; only its variables differ.",
        Semver::Patch,
        BASE_URL.to_owned(),
    )
}

pub(super) fn security_requirement_removed(s: &Subject<'_>) -> Verdict {
    Verdict::new(
        B,
        format!("security requirement `{}` removed", s.member),
        if s.member == NO_AUTH {
            "Clients that call without credentials will be rejected."
        } else {
            "Clients that authenticate only this way will be rejected."
        },
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

pub(super) fn security_requirement_added(s: &Subject<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("security requirement `{}` added", s.member),
        "Existing credentials remain accepted.",
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

pub(super) fn security_scheme_removed(s: &Subject<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("security scheme `{}` removed", s.member),
        "Requirements that used it are listed separately.",
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

pub(super) fn security_scheme_added(s: &Subject<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("security scheme `{}` added", s.member),
        "A scheme alone changes nothing until a requirement uses it.",
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

pub(super) fn security_scheme_changed(s: &Subject<'_>) -> Verdict {
    Verdict::new(
        B,
        format!("security scheme `{}` changed from {} to {}", s.member, s.old, s.new),
        "Clients send credentials the way the server no longer reads them.",
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

/// A vendor extension on an operation or schema: never on the wire; its Rust effect
/// depends on the extension and on whether it appeared.
pub(super) fn extension_changed(s: &Subject<'_>) -> Verdict {
    let how = match (&s.difference.old, &s.difference.new) {
        (None, Some(_)) => "added",
        (Some(_), None) => "removed",
        _ => "changed",
    };
    if s.member == EXTENSIBLE_ENUM {
        return extensible_enum_changed(s, how);
    }
    let (semver, rust) = match (s.member, how) {
        ("x-sensitive" | "x-idempotency-key", _) => {
            (Semver::Patch, "Only behaviour changes (`Debug` redaction or retries), not signatures.")
        }
        (_, "added") => (
            Semver::Minor,
            "Passes may generate new items from it (helpers such as `money()`, `decision()`, waiters); see API.md.",
        ),
        _ => (Semver::Major, "Items the passes generate from it may change or disappear; see API.md."),
    };
    Verdict::new(
        NB,
        format!("vendor extension `{}` {how}", s.member),
        "Vendor extensions do not change the wire format.",
        semver,
        rust.to_owned(),
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

pub(super) fn doc_changed(s: &Subject<'_>) -> Verdict {
    Verdict::new(
        NB,
        if s.member.is_empty() {
            "documentation changed".to_owned()
        } else {
            format!("documentation changed: {}", s.member)
        },
        "Documentation only; nothing on the wire changes.",
        Semver::Patch,
        "Doc comments in the generated code may change.".to_owned(),
    )
}
