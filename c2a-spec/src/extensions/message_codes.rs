//! `x-message-codes` on an operation: every `status.messageCode` the docs list for it.

use std::collections::BTreeSet;

use serde_json::Value;

use super::read::{Fields, Problems};
use super::schema::Provenance;
use crate::diagnostic::Diagnostic;

/// The extension's key.
pub const KEY: &str = "x-message-codes";

/// One entry of `x-message-codes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageCode {
    /// The wire string, UPPER_SNAKE (`CUSTOMER_ALREADY_STORED`).
    pub code: String,
    /// What the code means, in our words.
    pub meaning: String,
    /// The HTTP status the docs give with it, if any.
    pub http: Option<u16>,
    /// Whether the call did what was asked (the payload is valid).
    pub success: bool,
    /// Whether the docs say a retry may help.
    pub retryable: bool,
    /// Where the entry comes from.
    pub provenance: Provenance,
}

/// An operation's `x-message-codes`: unique codes, at least one of them a success.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageCodes(pub Vec<MessageCode>);

impl MessageCodes {
    /// Parses the extension's value found at `at`, reporting every problem.
    pub fn parse(value: &Value, at: &str) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Problems::new(KEY);
        let Some(entries) = value.as_array() else {
            problems.push(at, "`x-message-codes` must be a list of `{code, meaning, success, provenance}`");
            return problems.finish(None);
        };
        let mut codes = Vec::new();
        let mut seen = BTreeSet::new();
        for (i, entry) in entries.iter().enumerate() {
            let here = format!("{at}/{i}");
            if let Some(code) = parse_entry(entry, &here, &mut problems) {
                if !seen.insert(code.code.clone()) {
                    problems.push(&here, format!("messageCode `{}` is listed twice", code.code));
                }
                codes.push(code);
            }
        }
        if problems.items.is_empty() && !codes.iter().any(|c| c.success) {
            problems.push(at, "no messageCode is marked `success: true`");
        }
        problems.finish(Some(Self(codes)))
    }

    /// The entries, in spec order.
    pub fn iter(&self) -> impl Iterator<Item = &MessageCode> {
        self.0.iter()
    }

    /// The codes marked `success: true`, in spec order.
    pub fn success_codes(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter(|c| c.success).map(|c| c.code.as_str())
    }

    /// The codes that are not successes, in spec order.
    pub fn error_codes(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter(|c| !c.success).map(|c| c.code.as_str())
    }

    /// The codes marked `retryable: true`, in spec order.
    pub fn retryable_codes(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter(|c| c.retryable).map(|c| c.code.as_str())
    }

    /// Whether `code` is listed.
    pub fn contains(&self, code: &str) -> bool {
        self.0.iter().any(|c| c.code == code)
    }
}

fn parse_entry(entry: &Value, at: &str, problems: &mut Problems) -> Option<MessageCode> {
    let before = problems.items.len();
    let fields = Fields::open(
        entry,
        at,
        &["code", "meaning", "http", "success", "retryable", "provenance"],
        problems,
    )?;
    let code = fields.str("code", problems);
    if let Some(code) = code
        && !is_message_code(code)
    {
        problems.push(
            fields.pointer("code"),
            format!("`code` must be an UPPER_SNAKE messageCode, found `{code}`"),
        );
    }
    let meaning = fields.text("meaning", problems);
    let http = match fields.get("http") {
        None => None,
        Some(value) => {
            let status =
                value.as_u64().filter(|h| (100..=599).contains(h)).and_then(|h| u16::try_from(h).ok());
            if status.is_none() {
                problems.push(fields.pointer("http"), format!("`http: {value}` is not an HTTP status"));
            }
            status
        }
    };
    let success = fields.opt_bool("success", problems);
    if fields.get("success").is_none() {
        problems.push(at, "`success: true|false` is required");
    }
    let retryable = fields.opt_bool("retryable", problems).unwrap_or(false);
    let provenance = fields
        .str("provenance", problems)
        .and_then(|p| Provenance::parse_str(p, &fields.pointer("provenance"), problems));
    if problems.items.len() > before {
        return None;
    }
    Some(MessageCode {
        code: code?.to_owned(),
        meaning: meaning?.to_owned(),
        http,
        success: success?,
        retryable,
        provenance: provenance?,
    })
}

/// `^[A-Z][A-Z0-9_]*$`
fn is_message_code(code: &str) -> bool {
    code.starts_with(|c: char| c.is_ascii_uppercase())
        && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn well_formed_list_is_typed() {
        let codes = MessageCodes::parse(
            &json!([{"code": "SUCCESS", "meaning": "Ok.", "http": 200, "success": true, "provenance": "documented"},
                    {"code": "BUSY", "meaning": "Later.", "success": false, "retryable": true, "provenance": "inferred"}]),
            "/m",
        )
        .expect("valid");
        assert_eq!(codes.success_codes().collect::<Vec<_>>(), ["SUCCESS"]);
        assert_eq!(codes.retryable_codes().collect::<Vec<_>>(), ["BUSY"]);
        assert_eq!(codes.0[0].http, Some(200));
    }

    #[test]
    fn every_problem_of_every_entry_is_reported() {
        let problems = MessageCodes::parse(
            &json!([{"code": "ok", "meaning": "", "success": "yes", "provenance": "guess", "colour": 1},
                    {"code": "SUCCESS", "meaning": "Ok.", "http": 999, "success": true, "provenance": "sample"}]),
            "/m",
        )
        .expect_err("broken");
        let mut pointers: Vec<_> = problems.iter().map(|d| d.pointer.as_str()).collect();
        pointers.sort_unstable();
        assert_eq!(
            pointers,
            ["/m/0/code", "/m/0/colour", "/m/0/meaning", "/m/0/provenance", "/m/0/success", "/m/1/http"]
        );
    }
}
