//! Verdicts on operations: presence, method and path, name, parameters, request bodies,
//! responses and media types, message codes.

use super::rust_names::{client_method, setter};
use super::{JudgedDifference, Verdict};
use crate::model::Impact::{Breaking as B, NonBreaking as NB};
use crate::model::Semver;

impl JudgedDifference<'_> {
    /// `` `Client::op` `` for the operation at this location.
    fn method(&self) -> String {
        client_method(&self.difference.location)
    }

    /// The message code meant success (old side for removals).
    fn success(&self) -> bool {
        self.difference.details.success.unwrap_or(false)
    }

    /// The parameter's builder setter before the change (its `x-rust-name` honoured).
    pub(super) fn old_setter(&self) -> String {
        let names = self.difference.details.parameter.as_ref();
        setter(self.wire_name(), names.and_then(|p| p.old_rust_name.as_deref()))
    }

    /// The parameter's builder setter after the change (its `x-rust-name` honoured).
    pub(super) fn new_setter(&self) -> String {
        let names = self.difference.details.parameter.as_ref();
        setter(self.wire_name(), names.and_then(|p| p.new_rust_name.as_deref()))
    }

    /// The parameter's wire name (the member, `name (in)` when two share a name, is a label).
    fn wire_name(&self) -> &str {
        match &self.difference.details.parameter {
            Some(names) => &names.wire,
            None => self.member,
        }
    }
}

pub(super) fn operation_removed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        B,
        format!("operation removed (`{}`)", s.member),
        "Clients that call it will get an error from the server.",
        Semver::Major,
        format!("{} and its builder are removed, so calls to it stop compiling.", s.method()),
    )
}

pub(super) fn operation_added(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("operation added (`{}`)", s.member),
        "Existing clients do not call it.",
        Semver::Minor,
        format!("{} and its builder are added.", s.method()),
    )
}

pub(super) fn operation_moved(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        B,
        format!("method or path changed from `{}` to `{}`", s.old, s.new),
        "Requests built for the old method and path no longer reach this operation.",
        Semver::Patch,
        format!(
            "{} keeps its signature (parameter changes are listed separately) and sends to the new endpoint.",
            s.method()
        ),
    )
}

pub(super) fn operation_renamed(s: &JudgedDifference<'_>) -> Verdict {
    let (old, new) = (s.old, s.new);
    Verdict::new(
        NB,
        format!("operationId changed from `{old}` to `{new}`"),
        "The method and path are unchanged, so requests on the wire are the same.",
        Semver::Major,
        format!(
            "`Client::{old}` becomes `Client::{new}` (and its builder is renamed), so calls to the old name stop compiling."
        ),
    )
}

pub(super) fn parameter_removed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        if s.required { B } else { NB },
        format!("{} {} parameter `{}` removed", s.required_word(), s.old, s.member),
        if s.required {
            "Clients are built to send it and the server no longer defines it."
        } else {
            "Clients that set it send a value the server now ignores."
        },
        Semver::Major,
        format!("The builder setter `.{}()` is removed, so calls to it stop compiling.", s.old_setter()),
    )
}

pub(super) fn parameter_added(s: &JudgedDifference<'_>) -> Verdict {
    let setter = s.new_setter();
    Verdict::new(
        if s.required { B } else { NB },
        format!("{} {} parameter `{}` added", s.required_word(), s.new, s.member),
        if s.required {
            "Existing clients do not send a parameter the server now requires."
        } else {
            "Existing clients may omit it."
        },
        if s.required { Semver::Major } else { Semver::Minor },
        if s.required {
            format!(
                "The builder gains `.{setter}()`; builders that do not call it fail at `send()` with `Error::InvalidRequest`."
            )
        } else {
            format!("The builder gains `.{setter}()`.")
        },
    )
}

pub(super) fn parameter_location_changed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        B,
        format!("parameter `{}` moved from {} to {}", s.member, s.old, s.new),
        "Clients send it where the server no longer reads it.",
        Semver::Patch,
        "The builder setter is unchanged; the generated code sends the value in the new place.".to_owned(),
    )
}

pub(super) fn parameter_required_changed(s: &JudgedDifference<'_>) -> Verdict {
    requiredness(
        format!("parameter `{}`", s.member),
        s.required,
        format!("builders that do not call `.{}()`", s.new_setter()),
    )
}

/// A parameter's `default`: what the server assumes when a request leaves it out.
pub(super) fn parameter_default_changed(s: &JudgedDifference<'_>) -> Verdict {
    let parameter = format!("{} parameter `{}`", s.required_word(), s.member);
    let detail = match (&s.difference.old, &s.difference.new) {
        (None, _) => format!("default `{}` added to {parameter}", s.new),
        (_, None) => format!("default `{}` removed from {parameter}", s.old),
        _ => format!("default of {parameter} changed from `{}` to `{}`", s.old, s.new),
    };
    Verdict::new(
        if s.required { NB } else { B },
        detail,
        if s.required {
            "Clients always send a required parameter, so its default never applies."
        } else {
            "The server applies the default to requests that leave the parameter out, so the same request from an existing client now asks for something else."
        },
        Semver::Patch,
        format!(
            "The builder setter `.{}()` keeps its type (an unset parameter is left out of the request, not sent with its default), so no signature changes.",
            s.new_setter()
        ),
    )
}

pub(super) fn request_body_removed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        if s.required { B } else { NB },
        format!("{} request body removed", s.required_word()),
        if s.required {
            "Clients are built to send a body the server no longer defines."
        } else {
            "Clients that send a body send one the server now ignores."
        },
        Semver::Major,
        "The builder's `.body()` and `.body_map()` are removed, so calls to them stop compiling.".to_owned(),
    )
}

pub(super) fn request_body_added(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        if s.required { B } else { NB },
        format!("{} request body added", s.required_word()),
        if s.required {
            "Existing clients send no body, and the server now requires one."
        } else {
            "Existing clients may keep sending no body."
        },
        if s.required { Semver::Major } else { Semver::Minor },
        if s.required {
            "The builder gains `.body()` and `.body_map()`; calls that set no body send a default one, which fails at `send()` when the body has required fields.".to_owned()
        } else {
            "The builder gains `.body()` and `.body_map()`.".to_owned()
        },
    )
}

pub(super) fn request_body_required_changed(s: &JudgedDifference<'_>) -> Verdict {
    requiredness("the request body".to_owned(), s.required, "builders without `.body()`".to_owned())
}

pub(super) fn message_code_removed(s: &JudgedDifference<'_>) -> Verdict {
    let (member, success) = (s.member, s.success());
    let spec_wide = s.difference.details.spec_wide;
    Verdict::new(
        if success { B } else { NB },
        format!("{} message code `{member}` removed", if success { "success" } else { "error" }),
        if success {
            "Clients waiting for this success code will never see it."
        } else {
            "The server no longer reports this error; code handling it becomes unreachable."
        },
        if spec_wide { Semver::Major } else { Semver::Patch },
        if spec_wide {
            format!(
                "The variant for `{member}` disappears from the message-code enum (`types::MessageCode`), so code naming it stops compiling."
            )
        } else {
            "Another operation still uses the code, so no Rust item changes.".to_owned()
        },
    )
}

pub(super) fn message_code_added(s: &JudgedDifference<'_>) -> Verdict {
    let (member, success) = (s.member, s.success());
    let spec_wide = s.difference.details.spec_wide;
    Verdict::new(
        NB,
        format!("{} message code `{member}` added", if success { "success" } else { "error" }),
        "Generated clients tolerate unknown message codes.",
        if spec_wide { Semver::Major } else { Semver::Patch },
        if spec_wide {
            format!(
                "The message-code enum (`types::MessageCode`) gains a variant for `{member}`: `match` expressions over it without a wildcard arm stop compiling."
            )
        } else {
            "Another operation already uses the code, so no Rust item changes.".to_owned()
        },
    )
}

/// A code gone and another added on the same operation, HTTP status and success flag.
pub(super) fn message_code_renamed(s: &JudgedDifference<'_>) -> Verdict {
    let (old, new) = (s.old, s.new);
    let details = &s.difference.details;
    let status = details.status.as_deref().unwrap_or("?");
    let kind = if s.success() { "success" } else { "error" };
    let rust = match (details.spec_wide, details.new_code_spec_wide) {
        (true, true) => format!(
            "The message-code enum (`types::MessageCode`) loses the variant for `{old}` and gains one for `{new}`: code naming the old one stops compiling."
        ),
        (true, false) => format!(
            "The message-code enum (`types::MessageCode`) loses the variant for `{old}` (`{new}` already has one): code naming it stops compiling."
        ),
        (false, true) => format!(
            "The message-code enum (`types::MessageCode`) gains a variant for `{new}` (`{old}` is still used elsewhere): code comparing with `{old}` here silently stops matching, and `match` expressions without a wildcard arm stop compiling."
        ),
        (false, false) => format!(
            "Both codes have variants already; code comparing this operation's errors with `{old}` silently stops matching."
        ),
    };
    let semver = if details.spec_wide || details.new_code_spec_wide { Semver::Major } else { Semver::Patch };
    Verdict::new(
        B,
        format!("{kind} message code `{old}` likely renamed to `{new}` (both HTTP {status})"),
        "Code that matches the old code silently stops firing, and the new code reaches clients that do not handle it.",
        semver,
        rust,
    )
}

pub(super) fn message_code_success_changed(s: &JudgedDifference<'_>) -> Verdict {
    let now_success = s.new == "true";
    Verdict::new(
        if now_success { NB } else { B },
        format!(
            "message code `{}` {}",
            s.member,
            if now_success { "now means success" } else { "no longer means success" }
        ),
        if now_success {
            "A code clients handled as a failure now comes with a valid payload."
        } else {
            "Clients treat this code as success with a valid payload; it now signals a failure."
        },
        Semver::Patch,
        "No signature changes; whether the call returns `Ok` for this code flips.".to_owned(),
    )
}

pub(super) fn message_code_changed(s: &JudgedDifference<'_>) -> Verdict {
    Verdict::new(
        NB,
        format!("message code `{}` changed from {} to {}", s.member, s.old, s.new),
        "Only the documented HTTP status or retry hint of the code changes.",
        Semver::Patch,
        "No public Rust item changes.".to_owned(),
    )
}

/// The verdict for a required-ness change of a parameter or request body.
fn requiredness(what: String, now_required: bool, unset: String) -> Verdict {
    if now_required {
        Verdict::new(
            B,
            format!("{what} became required"),
            "Clients that omit it will be rejected.",
            Semver::Major,
            format!("No signature changes, but {unset} now fail at `send()` with `Error::InvalidRequest`."),
        )
    } else {
        Verdict::new(
            NB,
            format!("{what} became optional"),
            "Clients that send it keep working.",
            Semver::Patch,
            "The builder keeps its setters.".to_owned(),
        )
    }
}
