//! Verdicts on the document (servers, security requirements and schemes), and on
//! documentation, judged the same in every scope.

use super::{JudgedDifference, Verdict};
use crate::compare::NO_AUTH;
use crate::model::Impact::{Breaking as B, NonBreaking as NB};
use crate::model::Semver;

const BASE_URL: &str = "The base URL is passed to `Client::new`, so no Rust item changes.";
const CREDENTIALS: &str =
    "Credentials are client configuration (default headers), not part of any signature.";

pub(super) fn server_removed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        B,
        format!("server `{}` removed", s.member),
        "Clients configured with this base URL lose their server.",
        Semver::Patch,
        BASE_URL.to_owned(),
    )
}

pub(super) fn server_added(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("server `{}` added", s.member),
        "Existing base URLs keep working.",
        Semver::Patch,
        BASE_URL.to_owned(),
    )
}

pub(super) fn server_changed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("variables of server `{}` changed", s.member),
        "The URL template is unchanged; only its variables differ.",
        Semver::Patch,
        BASE_URL.to_owned(),
    )
}

pub(super) fn security_requirement_removed(s: &JudgedDifference<'_>) -> Verdict {
    if let Some(by) = &s.difference.details.replaced_by {
        return Verdict::new(
            NB,
            format!("security requirement `{}` removed (`{by}` asks for less)", s.member),
            "Another alternative asks for a subset of these credentials, so clients that send them are still accepted.",
            Semver::Patch,
            CREDENTIALS.to_owned(),
        );
    }
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

pub(super) fn security_requirement_added(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("security requirement `{}` added", s.member),
        "Existing credentials remain accepted.",
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

pub(super) fn security_scheme_removed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("security scheme `{}` removed", s.member),
        "Requirements that used it are listed separately.",
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

pub(super) fn security_scheme_added(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("security scheme `{}` added", s.member),
        "A scheme alone changes nothing until a requirement uses it.",
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

pub(super) fn security_scheme_changed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        B,
        format!("security scheme `{}` changed from {} to {}", s.member, s.old, s.new),
        "Clients send credentials the way the server no longer reads them.",
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

pub(super) fn oauth_scope_removed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        B,
        format!("OAuth scope `{}` no longer offered", s.member),
        "Clients that request this scope are no longer granted it.",
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

pub(super) fn oauth_scope_added(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("OAuth scope `{}` offered", s.member),
        "Clients keep requesting the scopes they did; a new scope is required only where a security requirement asks for it (listed separately).",
        Semver::Patch,
        CREDENTIALS.to_owned(),
    )
}

pub(super) fn doc_changed(s: &JudgedDifference<'_>) -> Verdict {
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
