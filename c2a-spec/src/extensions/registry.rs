//! The registry of vendor extensions: one [`Extension`] row per extension and form, saying
//! where it may appear ([`Place`]), what parses it, and what a change of it means for
//! clients of the generated crate ([`ClientEffect`]).
//!
//! [`Extensions::read`](super::Extensions::read) refuses every `x-` key that has no row for
//! the place it is found at, and spec-diff reports every change of a registered extension,
//! rated from its row. A new extension is a new row here (and its typed reading in
//! [`super`]); the tests of both crates fail until both handle it.
//!
//! | Key | Where | Parsed by | Effect of a change |
//! |---|---|---|---|
//! | `x-message-codes` | operation | [`MessageCodes::parse`] | adds or removes Rust items |
//! | `x-idempotency-key` | operation | [`IdempotencyKey::parse`] | behaviour |
//! | `x-waiter` | operation | [`Waiter::parse`] | adds or removes Rust items |
//! | `x-doc-id` | operation | [`parse_doc_id`] | documentation |
//! | `x-rust-name` | parameter | [`parse_rust_name`] | renames Rust items |
//! | `x-envelope` | component schema | [`Envelope::parse`] | changes Rust signatures |
//! | `x-provenance` | component schema, info | [`SchemaProvenance::parse`] | documentation |
//! | `x-provenance` | response | [`Provenance::parse`] | documentation |
//! | `x-aliases` | component schema | [`Aliases::parse`] | behaviour |
//! | `x-money` | component schema | [`MoneyPair::parse`] | adds or removes Rust items |
//! | `x-decision` | component schema | [`Decision::parse`] | adds or removes Rust items |
//! | `x-extensible-enum` | component schema | [`parse_flag`] | documentation |
//! | `x-sensitive` | nested schema | [`parse_flag`] | behaviour |
//!
//! (A test checks this table against [`REGISTRY`].)

use serde_json::Value;

use super::{
    Aliases, Decision, Envelope, IdempotencyKey, MessageCodes, MoneyPair, Provenance, SchemaProvenance,
    Waiter, parse_doc_id, parse_flag, parse_rust_name,
};
use crate::diagnostic::Diagnostic;

/// Where in the document an extension may appear.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The document's `info` object.
    Info,
    /// An operation object.
    Operation,
    /// A parameter of an operation (or of its path item).
    Parameter,
    /// A response object of an operation.
    Response,
    /// A schema under `components/schemas`.
    ComponentSchema,
    /// A schema that is not a component: a property, an item, a parameter's schema, ...
    NestedSchema,
}

impl Place {
    /// Every place.
    pub const ALL: [Self; 6] = [
        Self::Info,
        Self::Operation,
        Self::Parameter,
        Self::Response,
        Self::ComponentSchema,
        Self::NestedSchema,
    ];

    /// The place in words (`component schema`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Operation => "operation",
            Self::Parameter => "parameter",
            Self::Response => "response",
            Self::ComponentSchema => "component schema",
            Self::NestedSchema => "nested schema",
        }
    }
}

/// What a change of an extension (added, removed or another value) means for code using
/// the generated crate. No extension changes what goes on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClientEffect {
    /// Only docs (doc comments, messages) change: semver patch.
    Documentation,
    /// What the client does at run time changes, no signature does: semver patch.
    Behaviour,
    /// Generated Rust items get other names: semver major.
    RenamesRustItems,
    /// Signatures of generated items change (argument or return types): semver major.
    ChangesRustSignatures,
    /// Generated Rust items appear, disappear or change: semver major, or minor where the
    /// whole extension is added and its items are only new ones (a helper method).
    AddsOrRemovesRustItems,
}

impl ClientEffect {
    /// The effect in words (`renames Rust items`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Documentation => "documentation",
            Self::Behaviour => "behaviour",
            Self::RenamesRustItems => "renames Rust items",
            Self::ChangesRustSignatures => "changes Rust signatures",
            Self::AddsOrRemovesRustItems => "adds or removes Rust items",
        }
    }
}

/// Checks an extension's value found at a JSON pointer: `Err` lists every problem.
pub type Parse = fn(&Value, &str) -> Result<(), Vec<Diagnostic>>;

/// One vendor extension in one form.
#[derive(Clone, Copy, Debug)]
pub struct Extension {
    /// The key (`x-rust-name`).
    pub key: &'static str,
    /// Where it may appear; the same key has one row per form (`x-provenance`).
    pub places: &'static [Place],
    /// Its typed parser, with the parsed value dropped (`Extensions::read` keeps it).
    pub parse: Parse,
    /// What a change of it means for clients.
    pub effect: ClientEffect,
    /// Why, in one sentence: what the generated crate does with it.
    pub why: &'static str,
}

impl Extension {
    /// Whether the extension may appear at `place`.
    pub fn allowed_at(&self, place: Place) -> bool {
        self.places.contains(&place)
    }
}

/// Every vendor extension of the spec (`openapi/CONVENTIONS.md`), in the order the
/// refusals list them.
pub static REGISTRY: &[Extension] = &[
    Extension {
        key: super::message_codes::KEY,
        places: &[Place::Operation],
        parse: |v, at| MessageCodes::parse(v, at).map(drop),
        effect: ClientEffect::AddsOrRemovesRustItems,
        why: "Each code is a variant of the message-code enum (`types::MessageCode`), and its `success` and `retryable` flags decide what `send()` returns and retries.",
    },
    Extension {
        key: IdempotencyKey::KEY,
        places: &[Place::Operation],
        parse: |v, at| IdempotencyKey::parse(v, at).map(drop),
        effect: ClientEffect::Behaviour,
        why: "It decides whether the runtime may retry the call after a failure (`Operation::idempotency`).",
    },
    Extension {
        key: super::waiter::KEY,
        places: &[Place::Operation],
        parse: |v, at| Waiter::parse(v, at).map(drop),
        effect: ClientEffect::AddsOrRemovesRustItems,
        why: "It generates `Client::wait_for_<name>` (and `submit_..._and_wait`) with its outcome enum in `waiters`.",
    },
    Extension {
        key: "x-doc-id",
        places: &[Place::Operation],
        parse: |v, at| parse_doc_id(v, at).map(drop),
        effect: ClientEffect::Documentation,
        why: "It labels the doc link in the `Client` method's doc comment.",
    },
    Extension {
        key: "x-rust-name",
        places: &[Place::Parameter],
        parse: |v, at| parse_rust_name(v, at).map(drop),
        effect: ClientEffect::RenamesRustItems,
        why: "It names the parameter's builder setter (the wire name is unchanged).",
    },
    Extension {
        key: "x-envelope",
        places: &[Place::ComponentSchema],
        parse: |v, at| Envelope::parse(v, at).map(drop),
        effect: ClientEffect::ChangesRustSignatures,
        why: "It decides what `send()` returns for responses of this component: the `result` payload, the response itself, or `()`.",
    },
    Extension {
        key: "x-provenance",
        places: &[Place::ComponentSchema, Place::Info],
        parse: |v, at| SchemaProvenance::parse(v, at).map(drop),
        effect: ClientEffect::Documentation,
        why: "It says how far the docs back the schema; the client only quotes it in decode-error and drift messages (`spec_index`).",
    },
    Extension {
        key: "x-provenance",
        places: &[Place::Response],
        parse: |v, at| Provenance::parse(v, at).map(drop),
        effect: ClientEffect::Documentation,
        why: "It says how far the docs back the response; no generated code reads it.",
    },
    Extension {
        key: "x-aliases",
        places: &[Place::ComponentSchema],
        parse: |v, at| Aliases::parse(v, at).map(drop),
        effect: ClientEffect::Behaviour,
        why: "The aliases of `x-sensitive` fields are masked in recorded bodies and drift reports too (`ApiTable::sensitive_fields` of the generated `operations::API`).",
    },
    Extension {
        key: "x-money",
        places: &[Place::ComponentSchema],
        parse: |v, at| MoneyPair::parse(v, at).map(drop),
        effect: ClientEffect::AddsOrRemovesRustItems,
        why: "It generates the struct's `money()` helper.",
    },
    Extension {
        key: "x-decision",
        places: &[Place::ComponentSchema],
        parse: |v, at| Decision::parse(v, at).map(drop),
        effect: ClientEffect::AddsOrRemovesRustItems,
        why: "It generates the decision enum and the struct's `decision()`.",
    },
    Extension {
        key: "x-extensible-enum",
        places: &[Place::ComponentSchema],
        parse: |v, at| parse_flag("x-extensible-enum", v, at).map(drop),
        effect: ClientEffect::Documentation,
        why: "Every generated enum keeps unlisted values (`Unknown`) either way; the mark tells other readers of the spec that the server may send them.",
    },
    Extension {
        key: "x-sensitive",
        places: &[Place::NestedSchema],
        parse: |v, at| parse_flag("x-sensitive", v, at).map(drop),
        effect: ClientEffect::Behaviour,
        why: "The generated `Debug` prints the field as `[redacted]`, and recorded bodies and drift reports mask it.",
    },
];

/// The row of `key` at `place`; `None` when the extension is not allowed there.
pub fn lookup(key: &str, place: Place) -> Option<&'static Extension> {
    REGISTRY.iter().find(|row| row.key == key && row.allowed_at(place))
}

/// The keys allowed at `place`, in registry order.
pub fn keys_at(place: Place) -> Vec<&'static str> {
    REGISTRY.iter().filter(|row| row.allowed_at(place)).map(|row| row.key).collect()
}

#[cfg(test)]
mod tests;
