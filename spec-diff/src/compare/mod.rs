//! What differs between two spec documents, with no judgement ([`crate::classify`] judges).
//!
//! Operations are matched by `operationId` (or `METHOD /path` without one); schemas are
//! compared where operations use them, following `$ref` and `allOf: [{$ref}]` on both
//! sides, so every difference knows its direction (sent or received) and the operations it
//! affects. A schema reached by several operations is reported once: under its path when
//! every operation reaches it the same way, else under the component that holds it.
//!
//! One module per scope, each adding its walk to `Comparison`: `document` (info,
//! servers, security), `operations` (parameters, bodies) with `responses` (statuses, media
//! types matched by essence), `headers` (response headers) and `message_codes` (likely
//! renames included), `schemas` (fields, types, enums, components, `readOnly` and
//! `writeOnly` properties) with `keywords` (also those beside an `allOf: [$ref]` wrapper)
//! and `composition` (`oneOf`/`anyOf` alternatives, `discriminator`, `allOf` members);
//! `shapes` reads schema nodes (a `oneOf`/`anyOf` of plain types is a list of types),
//! `extensions` compares vendor extensions the same way at every place, from the registry
//! (`c2a_spec::extensions::registry`), and `waiters` says how an `x-waiter` change moves
//! each message code's outcome. Parameter defaults and OAuth scopes have kinds of their
//! own (`keywords`, `document`).

mod composition;
mod document;
mod extensions;
mod headers;
mod keywords;
mod message_codes;
mod operations;
mod responses;
mod schemas;
mod shapes;
mod waiters;

use std::collections::{BTreeMap, BTreeSet};

use c2a_spec::extensions::Place;
use serde_json::Value;

use crate::model::{ChangeKind, Direction, Scope};

pub use document::NO_AUTH;
pub use waiters::{AcceptorChange, WaitOutcome, WaiterOutcomes};

/// One difference, with the details [`crate::classify`] needs to judge it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// What kind of difference.
    pub kind: ChangeKind,
    /// Document, operation or schema.
    pub scope: Scope,
    /// Sent or received, where that matters.
    pub direction: Direction,
    /// Where it is (see [`crate::Change::location`]).
    pub location: String,
    /// The operations it affects.
    pub operations: BTreeSet<String>,
    /// The item inside `location`: field, parameter, code, media type, status, value.
    pub member: Option<String>,
    /// The value before.
    pub old: Option<String>,
    /// The value after.
    pub new: Option<String>,
    /// Details for classification.
    pub details: DifferenceDetails,
}

/// What [`crate::classify`] needs beyond the kind of a difference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DifferenceDetails {
    /// Whether the field, parameter or body is required: on the side where it exists, or
    /// on the new side for a change to something present on both.
    pub required: Option<bool>,
    /// The component holding the changed field (a struct in `types`), or the changed enum.
    pub owner: Option<String>,
    /// A type change where the new type accepts every value of the old one.
    pub widened: bool,
    /// A type change where the old type accepts every value of the new one.
    pub narrowed: bool,
    /// A type change that only drops an `enum` constraint.
    pub enum_dropped: bool,
    /// Enum values: the enum is marked `x-extensible-enum: true` on the new side.
    pub extensible: bool,
    /// Message codes: whether the code meant success (old side for removals).
    pub success: Option<bool>,
    /// Message codes: the code is new to (or gone from) the whole spec, not just this operation.
    pub spec_wide: bool,
    /// The response status, for response and media type changes.
    pub status: Option<String>,
    /// Vendor extensions: where the changed extension is (with the key, the place finds
    /// its registry row).
    pub place: Option<Place>,
    /// Parameters (and their extensions): the wire name and the `x-rust-name` on each side.
    pub parameter: Option<ParameterNames>,
    /// A schema difference inside a response header's schema (no generated type holds it).
    pub in_header: bool,
    /// A schema difference in a property clients never see in its direction: `readOnly`
    /// in a request (clients do not send it), `writeOnly` in a response (the server does
    /// not send it). Reached by several paths, only when every path is so.
    pub off_wire: bool,
    /// Response headers: what in `c2a-client` reads the header.
    pub header_readers: Vec<HeaderReader>,
    /// Security requirements: the new alternative that asks for no more than a removed one.
    pub replaced_by: Option<String>,
    /// Message code renames: the new code is new to the whole spec (`spec_wide` says it of
    /// the old code being gone).
    pub new_code_spec_wide: bool,
    /// Keywords: the node is an optional struct field whose Rust type is `Option<T>` unless
    /// it has a `default` (typify then generates `T`): not nullable, not an array or a map.
    pub option_unless_default: bool,
    /// `x-waiter`: how the waiter ends for each message code whose outcome changed.
    pub waiter: Option<WaiterOutcomes>,
}

/// A part of `c2a-client` that reads a response header.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HeaderReader {
    /// The runtime's retry policy honours `Retry-After`.
    RetryPolicy,
    /// The waiter of this name takes its polling delay from the header (`delay_hint`).
    Waiter(String),
}

/// A parameter's wire name and its `x-rust-name` before and after (each `None` where the
/// parameter or the extension is missing), from which `classify` names its builder setter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParameterNames {
    /// The wire name (`exId`).
    pub wire: String,
    /// `x-rust-name` on the old side.
    pub old_rust_name: Option<String>,
    /// `x-rust-name` on the new side.
    pub new_rust_name: Option<String>,
}

impl Difference {
    /// A difference of `kind` at `location`, in no operation and no direction yet.
    fn new(kind: ChangeKind, scope: Scope, location: impl Into<String>) -> Self {
        Self {
            kind,
            scope,
            direction: Direction::None,
            location: location.into(),
            operations: BTreeSet::new(),
            member: None,
            old: None,
            new: None,
            details: DifferenceDetails::default(),
        }
    }
    /// In operation `op` (none when `op` is empty: document level or an unused component).
    fn op(mut self, op: &str) -> Self {
        if !op.is_empty() {
            self.operations.insert(op.to_owned());
        }
        self
    }
    fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }
    fn member(mut self, member: impl Into<String>) -> Self {
        self.member = Some(member.into());
        self
    }
    fn values(mut self, old: Option<String>, new: Option<String>) -> Self {
        self.old = old;
        self.new = new;
        self
    }
    fn details(mut self, details: DifferenceDetails) -> Self {
        self.details = details;
        self
    }
}

/// Every difference from `old` to `new`, merged and in a stable order.
pub fn compare(old: &Value, new: &Value) -> Vec<Difference> {
    let mut comparison = Comparison { old, new, merged: BTreeMap::new() };
    comparison.info();
    comparison.servers();
    comparison.security();
    comparison.security_schemes();
    comparison.operations();
    comparison.components();
    comparison.finish()
}

/// Differences reached by several paths are one when these agree.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct MergeKey {
    kind: ChangeKind,
    direction: Direction,
    /// The innermost shared component and the path below it (else the location).
    anchor: String,
    member: Option<String>,
    old: Option<String>,
    new: Option<String>,
}

/// A difference with every location it was reached at.
struct Merged {
    difference: Difference,
    anchor: String,
    locations: BTreeSet<String>,
}

/// Both documents and the differences found so far.
struct Comparison<'d> {
    old: &'d Value,
    new: &'d Value,
    merged: BTreeMap<MergeKey, Merged>,
}

impl Comparison<'_> {
    /// Records a difference that merges only with others at its own location.
    fn record(&mut self, difference: Difference) {
        let anchor = difference.location.clone();
        self.record_at(anchor, difference);
    }

    /// Records a difference that merges with those at the same `anchor`: reached through
    /// one path it keeps its location, through several it is reported at the anchor.
    fn record_at(&mut self, anchor: String, mut difference: Difference) {
        let key = MergeKey {
            kind: difference.kind,
            direction: difference.direction,
            anchor: anchor.clone(),
            member: difference.member.clone(),
            old: difference.old.clone(),
            new: difference.new.clone(),
        };
        let location = std::mem::take(&mut difference.location);
        let operations = std::mem::take(&mut difference.operations);
        let difference_readers = difference.details.header_readers.clone();
        let off_wire = difference.details.off_wire;
        let entry = self.merged.entry(key).or_insert_with(|| Merged {
            difference,
            anchor,
            locations: BTreeSet::new(),
        });
        entry.locations.insert(location);
        entry.difference.operations.extend(operations);
        entry.difference.details.off_wire &= off_wire;
        let readers = &mut entry.difference.details.header_readers;
        readers.extend(difference_readers);
        readers.sort();
        readers.dedup();
    }

    fn finish(self) -> Vec<Difference> {
        self.merged
            .into_values()
            .map(|m| {
                let mut difference = m.difference;
                difference.location = match m.locations.len() {
                    1 => m.locations.into_iter().next().unwrap_or(m.anchor),
                    _ => m.anchor,
                };
                difference
            })
            .collect()
    }
}

// ---------------------------------------------------------------------- keys

static NULL: Value = Value::Null;

/// OpenAPI keys that only document a node (extensions that do are rows of the registry
/// whose effect is documentation: see `extensions`).
const DOC_KEYS: [&str; 8] =
    ["description", "summary", "title", "example", "examples", "externalDocs", "deprecated", "tags"];

fn is_doc_key(key: &str) -> bool {
    DOC_KEYS.contains(&key)
}

/// Keys of two objects (either may be missing) whose values differ and that `keep` accepts.
fn changed_keys(old: Option<&Value>, new: Option<&Value>, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let keys = |v: Option<&Value>| -> BTreeSet<String> {
        v.and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default()
    };
    let all: BTreeSet<String> = keys(old).union(&keys(new)).cloned().collect();
    all.into_iter()
        .filter(|k| keep(k))
        .filter(|k| old.and_then(|v| v.get(k)) != new.and_then(|v| v.get(k)))
        .collect()
}

/// The entries of the object at `pointer`, by key (none when it is missing).
fn object_at<'d>(doc: &'d Value, pointer: &str) -> BTreeMap<String, &'d Value> {
    doc.pointer(pointer).map(entries).unwrap_or_default()
}

/// The entries of an object, by key (none for anything else).
fn entries(v: &Value) -> BTreeMap<String, &Value> {
    v.as_object().map(|m| m.iter().map(|(k, v)| (k.clone(), v)).collect()).unwrap_or_default()
}
