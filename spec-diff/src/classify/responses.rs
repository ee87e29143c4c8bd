//! Verdicts on responses: statuses, media types (of responses and request bodies) and
//! response headers, with the rule for any schema difference inside a header.

use super::{JudgedDifference, Verdict};
use crate::compare::HeaderReader;
use crate::model::Impact::{Breaking as B, NonBreaking as NB};
use crate::model::{ChangeKind, Semver};

/// Response headers are not typed by the generated crate.
const HEADERS_UNTYPED: &str = "Response headers have no generated Rust type (`Response::headers()` hands them out), so no Rust item changes";

impl JudgedDifference<'_> {
    /// `response `200`` or `request body`.
    fn status(&self) -> String {
        match &self.difference.details.status {
            Some(status) => format!("response `{status}`"),
            None => "request body".to_owned(),
        }
    }

    /// What in `c2a-client` reads the changed header, as a clause (empty when nothing does).
    fn header_readers(&self) -> String {
        let readers: Vec<String> = self
            .difference
            .details
            .header_readers
            .iter()
            .map(|reader| match reader {
                HeaderReader::RetryPolicy => "the runtime's retry policy".to_owned(),
                HeaderReader::Waiter(name) => format!("`Client::wait_for_{name}`"),
            })
            .collect();
        match readers.as_slice() {
            [] => String::new(),
            [one] => format!(" (in `c2a-client`, {one} takes its delay from it)"),
            [init @ .., last] => {
                format!(" (in `c2a-client`, {} and {last} take their delay from it)", init.join(", "))
            }
        }
    }
}

/// A response status added or removed.
pub(super) fn response(s: &JudgedDifference<'_>) -> Verdict {
    let added = s.difference.kind == ChangeKind::ResponseAdded;
    let success = s.member.starts_with('2');
    let (impact, reason) = match (added, success) {
        (true, true) => (
            B,
            "The server may answer with a success status the old spec does not list, which clients that check the status treat as an unexpected response.",
        ),
        (false, true) => (B, "Clients expecting this success status will not get it."),
        (true, false) => (NB, "Clients already treat unlisted error statuses as errors."),
        (false, false) => {
            (NB, "The server no longer answers with this status; code handling it becomes unreachable.")
        }
    };
    Verdict::new(
        impact,
        format!("response `{}` {}", s.member, if added { "added" } else { "removed" }),
        reason,
        Semver::Patch,
        "The generated code does not change: `c2a-client` decides success by the body's message code, not by the HTTP status; a change of the body types is listed separately (and a body unlike the operation's other responses of its class is refused by `cargo xtask codegen`).".to_owned(),
    )
}

const MEDIA_TYPE_HEADERS: &str =
    "The `Accept` or `Content-Type` header the generated code sends may change; no signature changes.";

pub(super) fn media_type_removed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        B,
        format!("{} media type `{}` removed", s.status(), s.member),
        if s.request {
            "Clients send a media type the server no longer accepts."
        } else {
            "Clients that accept only this media type will no longer get it."
        },
        Semver::Patch,
        MEDIA_TYPE_HEADERS.to_owned(),
    )
}

pub(super) fn media_type_added(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("{} media type `{}` added", s.status(), s.member),
        "Clients keep using the media types that remain.",
        Semver::Patch,
        MEDIA_TYPE_HEADERS.to_owned(),
    )
}

/// The same media type (type and subtype) written with other parameters or letter case.
pub(super) fn media_type_changed(s: &JudgedDifference<'_>) -> Verdict {
    let same = parameters(s.old) == parameters(s.new);
    Verdict::new(
        if same { NB } else { B },
        format!("{} media type `{}` now written `{}`", s.status(), s.old, s.new),
        if same {
            "The same media type: only letter case or the `charset` parameter differ, which do not change how JSON is read."
        } else {
            "The media type's parameters changed, and a reader that matches them may no longer accept the body."
        },
        Semver::Patch,
        MEDIA_TYPE_HEADERS.to_owned(),
    )
}

/// The parameters of a media type that matter (names and values in lower case, sorted),
/// without `charset`: JSON is UTF-8 whatever it says.
fn parameters(media_type: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = media_type
        .split(';')
        .skip(1)
        .filter_map(|p| {
            let (name, value) = p.split_once('=')?;
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim().trim_matches('"').to_ascii_lowercase();
            (name != "charset").then_some((name, value))
        })
        .collect();
    found.sort();
    found
}

pub(super) fn response_header_removed(s: &JudgedDifference<'_>) -> Verdict {
    let readers = s.header_readers();
    let fallback = if readers.is_empty() {
        ""
    } else {
        "; what reads it falls back to another delay hint or to backoff"
    };
    Verdict::new(
        B,
        format!("{} header `{}` removed", s.status(), s.member),
        &format!("Clients that read this header will no longer get it{readers}."),
        Semver::Patch,
        format!("{HEADERS_UNTYPED}{fallback}."),
    )
}

pub(super) fn response_header_added(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("{} {} header `{}` added", s.status(), s.required_word(), s.member),
        "Clients ignore headers they do not read.",
        Semver::Patch,
        format!("{HEADERS_UNTYPED}."),
    )
}

pub(super) fn response_header_required_changed(s: &JudgedDifference<'_>) -> Verdict {
    let (impact, detail, reason) = if s.required {
        (NB, "became required", "Clients that handled its absence keep working.".to_owned())
    } else {
        (
            B,
            "became optional",
            format!("Clients may now get responses without this header{}.", s.header_readers()),
        )
    };
    Verdict::new(
        impact,
        format!("{} header `{}` {detail}", s.status(), s.member),
        &reason,
        Semver::Patch,
        format!("{HEADERS_UNTYPED}."),
    )
}

/// A schema difference inside a response header: judged on the wire like any response
/// value, but no generated type holds it.
pub(super) fn in_header(verdict: Verdict) -> Verdict {
    Verdict { semver: Semver::Patch, rust: format!("{HEADERS_UNTYPED}."), ..verdict }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_and_case_are_not_parameters_that_matter() {
        assert_eq!(parameters("application/json; charset=utf-8"), parameters("Application/JSON"));
        assert_ne!(parameters("application/json; version=2"), parameters("application/json"));
    }
}
