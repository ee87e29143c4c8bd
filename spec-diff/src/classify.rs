//! What each difference means: for a client of the API on the wire (breaking or not), and
//! for Rust users of the generated crate (semver), each in one sentence.
//!
//! Direction decides many verdicts: a client must keep being able to *send* what it sent
//! and to *read* what it reads. So a new required request field breaks clients while a new
//! response field does not, and a field that became required breaks requests but not
//! responses. Generated clients tolerate unknown enum values and message codes, so adding
//! one never breaks the wire. Rust is stricter: typify structs have public fields (and
//! builders), and enums are matched, so additions are semver-major for code that builds
//! structs literally or matches enums without a wildcard arm.

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::compare::{Difference as Found, NO_AUTH};
use crate::model::{Change, ChangeKind as K, Direction, Impact, Semver};

/// Judges one difference.
pub fn classify(found: Found) -> Change {
    let v = Verdict::of(&found);
    Change {
        impact: v.impact,
        kind: found.kind,
        scope: found.scope,
        direction: found.direction,
        location: found.location,
        operations: found.operations.into_iter().collect(),
        member: found.member,
        old: found.old,
        new: found.new,
        detail: v.detail,
        reason: v.reason,
        semver: v.semver,
        rust: v.rust,
    }
}

struct Verdict {
    impact: Impact,
    detail: String,
    reason: String,
    semver: Semver,
    rust: String,
}

fn verdict(impact: Impact, detail: String, reason: &str, semver: Semver, rust: String) -> Verdict {
    Verdict { impact, detail, reason: reason.to_owned(), semver, rust }
}

use Impact::{Breaking as B, NonBreaking as NB};

impl Verdict {
    fn of(f: &Found) -> Self {
        let member = f.member.as_deref().unwrap_or_default();
        let old = f.old.as_deref().unwrap_or("unset");
        let new = f.new.as_deref().unwrap_or("unset");
        let required = f.facts.required.unwrap_or(false);
        let req_word = if required { "required" } else { "optional" };
        let unused = f.direction == Direction::Unused;
        let request = f.direction == Direction::Request;
        let owner = owner_type(f);
        let field = field_name(&f.location);
        let method = client_method(&f.location);
        let no_items = "No public Rust item changes.";

        match f.kind {
            // ---------------------------------------------------------------- operations
            K::OperationRemoved => verdict(
                B,
                format!("operation removed (`{member}`)"),
                "Clients that call it will get an error from the server.",
                Semver::Major,
                format!("{method} and its builder are removed, so calls to it stop compiling."),
            ),
            K::OperationAdded => verdict(
                NB,
                format!("operation added (`{member}`)"),
                "Existing clients do not call it.",
                Semver::Minor,
                format!("{method} and its builder are added."),
            ),
            K::OperationMoved => verdict(
                B,
                format!("method or path changed from `{old}` to `{new}`"),
                "Requests built for the old method and path no longer reach this operation.",
                Semver::Patch,
                format!(
                    "{method} keeps its signature (parameter changes are listed separately) and sends to the new endpoint."
                ),
            ),
            K::OperationRenamed => verdict(
                NB,
                format!("operationId changed from `{old}` to `{new}`"),
                "The method and path are unchanged, so requests on the wire are the same.",
                Semver::Major,
                format!(
                    "`Client::{old}` becomes `Client::{new}` (and its builder is renamed), so calls to the old name stop compiling."
                ),
            ),

            // ---------------------------------------------------------------- parameters
            K::ParameterRemoved => verdict(
                if required { B } else { NB },
                format!("{req_word} {old} parameter `{member}` removed"),
                if required {
                    "Clients are built to send it and the server no longer defines it."
                } else {
                    "Clients that set it send a value the server now ignores."
                },
                Semver::Major,
                format!(
                    "The builder setter `.{}()` is removed, so calls to it stop compiling.",
                    member.to_snake_case()
                ),
            ),
            K::ParameterAdded => verdict(
                if required { B } else { NB },
                format!("{req_word} {new} parameter `{member}` added"),
                if required {
                    "Existing clients do not send a parameter the server now requires."
                } else {
                    "Existing clients may omit it."
                },
                if required { Semver::Major } else { Semver::Minor },
                if required {
                    format!(
                        "The builder gains `.{}()`; builders that do not call it fail at `send()` with `Error::InvalidRequest`.",
                        member.to_snake_case()
                    )
                } else {
                    format!("The builder gains `.{}()`.", member.to_snake_case())
                },
            ),
            K::ParameterLocationChanged => verdict(
                B,
                format!("parameter `{member}` moved from {old} to {new}"),
                "Clients send it where the server no longer reads it.",
                Semver::Patch,
                "The builder setter is unchanged; the generated code sends the value in the new place."
                    .to_owned(),
            ),
            K::ParameterRequiredChanged => requiredness(
                format!("parameter `{member}`"),
                required,
                format!("builders that do not call `.{}()`", member.to_snake_case()),
            ),

            // -------------------------------------------------------------- request body
            K::RequestBodyRemoved => verdict(
                if required { B } else { NB },
                format!("{req_word} request body removed"),
                if required {
                    "Clients are built to send a body the server no longer defines."
                } else {
                    "Clients that send a body send one the server now ignores."
                },
                Semver::Major,
                "The builder's `.body()` and `.body_map()` are removed, so calls to them stop compiling."
                    .to_owned(),
            ),
            K::RequestBodyAdded => verdict(
                if required { B } else { NB },
                format!("{req_word} request body added"),
                if required {
                    "Existing clients send no body, and the server now requires one."
                } else {
                    "Existing clients may keep sending no body."
                },
                if required { Semver::Major } else { Semver::Minor },
                if required {
                    "The builder gains `.body()` and `.body_map()`; calls that set no body send a default one, which fails at `send()` when the body has required fields.".to_owned()
                } else {
                    "The builder gains `.body()` and `.body_map()`.".to_owned()
                },
            ),
            K::RequestBodyRequiredChanged => {
                requiredness("the request body".to_owned(), required, "builders without `.body()`".to_owned())
            }

            // ----------------------------------------------------------------- responses
            K::ResponseRemoved | K::ResponseAdded => {
                let added = f.kind == K::ResponseAdded;
                let success = member.starts_with('2');
                let (impact, reason) = match (added, success) {
                    (true, true) => (
                        B,
                        "The server may answer with a success status existing clients do not expect, which they treat as an unexpected response.",
                    ),
                    (false, true) => (B, "Clients expecting this success status will not get it."),
                    (true, false) => (NB, "Clients already treat unlisted error statuses as errors."),
                    (false, false) => (
                        NB,
                        "The server no longer answers with this status; code handling it becomes unreachable.",
                    ),
                };
                verdict(
                    impact,
                    format!("response `{member}` {}", if added { "added" } else { "removed" }),
                    reason,
                    Semver::Patch,
                    "`send()` matches the status differently; any change to its body types is listed separately (and in API.md).".to_owned(),
                )
            }
            K::MediaTypeRemoved => {
                let at = status_of(f);
                verdict(
                    B,
                    format!("{at} media type `{member}` removed"),
                    if request {
                        "Clients send a media type the server no longer accepts."
                    } else {
                        "Clients that accept only this media type will no longer get it."
                    },
                    Semver::Patch,
                    "The `Accept` or `Content-Type` header the generated code sends may change; no signature changes.".to_owned(),
                )
            }
            K::MediaTypeAdded => {
                let at = status_of(f);
                verdict(
                    NB,
                    format!("{at} media type `{member}` added"),
                    "Clients keep using the media types that remain.",
                    Semver::Patch,
                    "The `Accept` or `Content-Type` header the generated code sends may change; no signature changes.".to_owned(),
                )
            }

            // ------------------------------------------------------------- message codes
            K::MessageCodeRemoved => {
                let success = f.facts.success.unwrap_or(false);
                verdict(
                    if success { B } else { NB },
                    format!("{} message code `{member}` removed", if success { "success" } else { "error" }),
                    if success {
                        "Clients waiting for this success code will never see it."
                    } else {
                        "The server no longer reports this error; code handling it becomes unreachable."
                    },
                    if f.facts.spec_wide { Semver::Major } else { Semver::Patch },
                    if f.facts.spec_wide {
                        format!(
                            "The variant for `{member}` disappears from the message-code enum (`types::MessageCode`), so code naming it stops compiling."
                        )
                    } else {
                        "Another operation still uses the code, so no Rust item changes.".to_owned()
                    },
                )
            }
            K::MessageCodeAdded => {
                let success = f.facts.success.unwrap_or(false);
                verdict(
                    NB,
                    format!("{} message code `{member}` added", if success { "success" } else { "error" }),
                    "Generated clients tolerate unknown message codes.",
                    if f.facts.spec_wide { Semver::Major } else { Semver::Patch },
                    if f.facts.spec_wide {
                        format!(
                            "The message-code enum (`types::MessageCode`) gains a variant for `{member}`: `match` expressions over it without a wildcard arm stop compiling."
                        )
                    } else {
                        "Another operation already uses the code, so no Rust item changes.".to_owned()
                    },
                )
            }
            K::MessageCodeSuccessChanged => {
                let now_success = new == "true";
                verdict(
                    if now_success { NB } else { B },
                    format!(
                        "message code `{member}` {}",
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
            K::MessageCodeChanged => verdict(
                NB,
                format!("message code `{member}` changed from {old} to {new}"),
                "Only the documented HTTP status or retry hint of the code changes.",
                Semver::Patch,
                no_items.to_owned(),
            ),

            // ------------------------------------------------------------------- schemas
            K::FieldRemoved => {
                let (impact, reason) = if unused {
                    (NB, UNUSED)
                } else if request && required {
                    (B, "Clients are built to send this required field and the server no longer defines it.")
                } else if request {
                    (NB, "Clients that send this optional field send one the server now ignores.")
                } else {
                    (B, "Clients that read this field will no longer receive it.")
                };
                verdict(
                    impact,
                    format!("{} field removed (was `{old}`, {req_word})", direction_word(f.direction)),
                    reason,
                    Semver::Major,
                    format!(
                        "`{field}` disappears from {owner} (and its builder), so code that reads or sets it stops compiling."
                    ),
                )
            }
            K::FieldAdded => {
                let (impact, reason) = if unused {
                    (NB, UNUSED)
                } else if request && required {
                    (B, "Existing clients do not send this field, which the server now requires.")
                } else if request {
                    (NB, "Existing clients may omit this optional field.")
                } else {
                    (
                        NB,
                        "Existing clients ignore fields they do not know (generated structs do not deny unknown fields).",
                    )
                };
                let builder_note = if required {
                    format!("; builders that do not set `.{field}()` fail when converted")
                } else {
                    String::new()
                };
                verdict(
                    impact,
                    format!("{} field added (`{new}`, {req_word})", direction_word(f.direction)),
                    reason,
                    Semver::Major,
                    format!(
                        "{owner} gains the public field `{field}`: code that builds it with a struct literal or destructures it without `..` stops compiling; builder users are unaffected{builder_note}."
                    ),
                )
            }
            K::RequiredChanged => {
                let now_required = new == "true";
                let (impact, reason) = match (unused, request, now_required) {
                    (true, _, _) => (NB, UNUSED),
                    (false, true, true) => (B, "Clients that omit this request field will be rejected."),
                    (false, true, false) => (NB, "Clients that send this request field keep working."),
                    (false, false, true) => (NB, "Clients that handled the field's absence keep working."),
                    (false, false, false) => (B, "Clients may now receive responses without this field."),
                };
                verdict(
                    impact,
                    format!(
                        "{} field became {}",
                        direction_word(f.direction),
                        if now_required { "required" } else { "optional" }
                    ),
                    reason,
                    Semver::Major,
                    format!(
                        "`{field}` in {owner} changes between `T` and `Option<T>`, so code that reads or sets it stops compiling."
                    ),
                )
            }
            K::TypeChanged => {
                let (impact, reason) = if unused {
                    (NB, UNUSED)
                } else if f.facts.enum_dropped {
                    if request {
                        (
                            NB,
                            "The server now accepts any value of the base type, including every value it accepted before.",
                        )
                    } else {
                        (NB, "Generated clients tolerate values outside the old enum.")
                    }
                } else if f.facts.widened && request {
                    (NB, "The new type accepts every value the old one did.")
                } else if f.facts.widened {
                    (B, "Clients may receive values their old type cannot hold.")
                } else {
                    (B, "The type was narrowed or changed, so values valid before may no longer be.")
                };
                verdict(
                    impact,
                    format!("type changed from `{old}` to `{new}`"),
                    reason,
                    Semver::Major,
                    "The Rust type of this value changes, so code that reads or sets it may stop compiling."
                        .to_owned(),
                )
            }
            K::RefChanged => verdict(
                NB,
                format!("schema changed from `{old}` to `{new}`"),
                "Only the schema's name changes here; any difference in its shape is listed separately.",
                Semver::Major,
                format!(
                    "The Rust type changes from {} to {}, so code that names it stops compiling.",
                    rust_type(old),
                    rust_type(new)
                ),
            ),
            K::NullableChanged => {
                let now_nullable = new == "true";
                let (impact, reason) = match (unused, request, now_nullable) {
                    (true, _, _) => (NB, UNUSED),
                    (false, true, true) => (NB, "Clients that never send null keep working."),
                    (false, true, false) => (B, "Clients that send null will be rejected."),
                    (false, false, true) => (B, "Clients may receive null where they expected a value."),
                    (false, false, false) => (NB, "Clients that handled null keep working."),
                };
                let (semver, rust) = if required {
                    (
                        Semver::Major,
                        format!("The required value changes between `T` and `Option<T>` in {owner}."),
                    )
                } else {
                    (
                        Semver::Patch,
                        "The value is optional, so its Rust type is an `Option` either way.".to_owned(),
                    )
                };
                verdict(
                    impact,
                    if now_nullable { "became nullable".to_owned() } else { "no longer nullable".to_owned() },
                    reason,
                    semver,
                    rust,
                )
            }
            K::EnumValueRemoved => verdict(
                if unused { NB } else { B },
                format!("enum value `{member}` removed{}", enum_of(f, "from")),
                if unused {
                    UNUSED
                } else if request {
                    "Clients that send this value will be rejected."
                } else {
                    "Clients that rely on receiving this value will no longer get it."
                },
                Semver::Major,
                format!(
                    "The variant for `\"{member}\"` disappears from {owner}, so code naming it stops compiling."
                ),
            ),
            K::EnumValueAdded => verdict(
                NB,
                format!("enum value `{member}` added{}", enum_of(f, "to")),
                if unused {
                    UNUSED
                } else if request {
                    "Existing clients never send the new value."
                } else {
                    "Generated clients tolerate unknown enum values."
                },
                Semver::Major,
                format!(
                    "{owner} gains a variant for `\"{member}\"`: `match` expressions over it without a wildcard arm stop compiling."
                ),
            ),
            K::KeywordChanged => {
                let harmless = matches!(member, "default" | "readOnly" | "writeOnly");
                verdict(
                    if unused || harmless { NB } else { B },
                    format!("`{member}` changed from `{old}` to `{new}`"),
                    if unused {
                        UNUSED
                    } else if harmless {
                        "The keyword does not change which values are valid."
                    } else {
                        "A validation keyword changed (not judged as tightened or relaxed), so one side may now reject values the other accepts."
                    },
                    if harmless { Semver::Patch } else { Semver::Major },
                    if harmless {
                        "Generated defaults or docs may change; no signature changes.".to_owned()
                    } else {
                        "typify may generate a different (validating) type for this value.".to_owned()
                    },
                )
            }
            K::ExtensionChanged => {
                let how = match (&f.old, &f.new) {
                    (None, Some(_)) => "added",
                    (Some(_), None) => "removed",
                    _ => "changed",
                };
                let (semver, rust) = match (member, how) {
                    ("x-sensitive" | "x-idempotency-key", _) => (
                        Semver::Patch,
                        "Only behaviour changes (`Debug` redaction or retries), not signatures.".to_owned(),
                    ),
                    (_, "added") => (
                        Semver::Minor,
                        "Passes may generate new items from it (helpers such as `money()`, `decision()`, waiters); see API.md.".to_owned(),
                    ),
                    _ => (
                        Semver::Major,
                        "Items the passes generate from it may change or disappear; see API.md.".to_owned(),
                    ),
                };
                verdict(
                    NB,
                    format!("vendor extension `{member}` {how}"),
                    "Vendor extensions do not change the wire format.",
                    semver,
                    rust,
                )
            }
            K::SchemaRemoved => verdict(
                NB,
                "component schema removed".to_owned(),
                COMPONENT,
                Semver::Major,
                format!("{} is removed, so code that names it stops compiling.", rust_type(&f.location)),
            ),
            K::SchemaAdded => verdict(
                NB,
                "component schema added".to_owned(),
                COMPONENT,
                Semver::Minor,
                format!("{} is added.", rust_type(&f.location)),
            ),

            // ------------------------------------------------------------------ document
            K::ServerRemoved => verdict(
                B,
                format!("server `{member}` removed"),
                "Clients configured with this base URL lose their server.",
                Semver::Patch,
                BASE_URL.to_owned(),
            ),
            K::ServerAdded => verdict(
                NB,
                format!("server `{member}` added"),
                "Existing base URLs keep working.",
                Semver::Patch,
                BASE_URL.to_owned(),
            ),
            K::ServerChanged => verdict(
                NB,
                format!("variables of server `{member}` changed"),
                "The URL template is unchanged; only its variables differ.",
                Semver::Patch,
                BASE_URL.to_owned(),
            ),
            K::SecurityRequirementRemoved => verdict(
                B,
                format!("security requirement `{member}` removed"),
                if member == NO_AUTH {
                    "Clients that call without credentials will be rejected."
                } else {
                    "Clients that authenticate only this way will be rejected."
                },
                Semver::Patch,
                CREDENTIALS.to_owned(),
            ),
            K::SecurityRequirementAdded => verdict(
                NB,
                format!("security requirement `{member}` added"),
                "Existing credentials remain accepted.",
                Semver::Patch,
                CREDENTIALS.to_owned(),
            ),
            K::SecuritySchemeRemoved => verdict(
                NB,
                format!("security scheme `{member}` removed"),
                "Requirements that used it are listed separately.",
                Semver::Patch,
                CREDENTIALS.to_owned(),
            ),
            K::SecuritySchemeAdded => verdict(
                NB,
                format!("security scheme `{member}` added"),
                "A scheme alone changes nothing until a requirement uses it.",
                Semver::Patch,
                CREDENTIALS.to_owned(),
            ),
            K::SecuritySchemeChanged => verdict(
                B,
                format!("security scheme `{member}` changed from {old} to {new}"),
                "Clients send credentials the way the server no longer reads them.",
                Semver::Patch,
                CREDENTIALS.to_owned(),
            ),
            K::DocChanged => verdict(
                NB,
                if member.is_empty() {
                    "documentation changed".to_owned()
                } else {
                    format!("documentation changed: {member}")
                },
                "Documentation only; nothing on the wire changes.",
                Semver::Patch,
                "Doc comments in the generated code may change.".to_owned(),
            ),
        }
    }
}

const UNUSED: &str = "No operation uses this schema.";
const COMPONENT: &str =
    "Component schemas are not on the wire; what operations send or receive is compared separately.";
const BASE_URL: &str = "The base URL is passed to `Client::new`, so no Rust item changes.";
const CREDENTIALS: &str =
    "Credentials are client configuration (default headers), not part of any signature.";

/// The verdict for a required-ness change of a parameter or request body.
fn requiredness(what: String, now_required: bool, unset: String) -> Verdict {
    if now_required {
        verdict(
            B,
            format!("{what} became required"),
            "Clients that omit it will be rejected.",
            Semver::Major,
            format!("No signature changes, but {unset} now fail at `send()` with `Error::InvalidRequest`."),
        )
    } else {
        verdict(
            NB,
            format!("{what} became optional"),
            "Clients that send it keep working.",
            Semver::Patch,
            "The builder keeps its setters.".to_owned(),
        )
    }
}

fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Request => "request",
        Direction::Response => "response",
        Direction::Unused | Direction::None => "schema",
    }
}

/// `response 200` / `request body`.
fn status_of(f: &Found) -> String {
    match &f.facts.status {
        Some(status) => format!("response `{status}`"),
        None => "request body".to_owned(),
    }
}

fn enum_of(f: &Found, preposition: &str) -> String {
    f.facts.owner.as_deref().map(|o| format!(" {preposition} `{o}`")).unwrap_or_default()
}

/// `types::FollowUpInstructions`, or a description of a nested type.
fn owner_type(f: &Found) -> String {
    match &f.facts.owner {
        Some(owner) => rust_type(owner),
        None => "the generated type".to_owned(),
    }
}

/// `` `types::X` `` for a component name; an inline schema stays a description.
fn rust_type(name: &str) -> String {
    match name.strip_prefix("inline ") {
        Some(kind) => format!("an inline `{kind}`"),
        None => format!("`types::{}`", name.to_upper_camel_case()),
    }
}

/// The Rust field name typify gives the last segment of a schema path.
fn field_name(location: &str) -> String {
    let last = location.rsplit('.').next().unwrap_or(location).trim_end_matches("[]");
    let snake = last.to_snake_case();
    if RUST_KEYWORDS.contains(&snake.as_str()) { format!("{snake}_") } else { snake }
}

/// `` `Client::store_customer` `` for an operationId key.
fn client_method(key: &str) -> String {
    if key.contains(' ') || key.contains('.') {
        "The operation's `Client` method".to_owned()
    } else {
        format!("`Client::{key}`")
    }
}

const RUST_KEYWORDS: [&str; 38] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "box",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_names_follow_typify() {
        assert_eq!(
            field_name("CheckoutResult.followUpInstructions.retryAfterSeconds"),
            "retry_after_seconds"
        );
        assert_eq!(field_name("OrderCart.resellerID"), "reseller_id");
        assert_eq!(field_name("X.type"), "type_");
        assert_eq!(rust_type("FollowUpInstructions"), "`types::FollowUpInstructions`");
        assert_eq!(rust_type("inline object"), "an inline `object`");
        assert_eq!(client_method("get_thing"), "`Client::get_thing`");
        assert_eq!(client_method("GET /a"), "The operation's `Client` method");
    }
}
