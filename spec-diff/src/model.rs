//! What a report is made of: each [`Change`] with its [`ChangeKind`], [`Scope`],
//! [`Direction`], [`Impact`] and [`Semver`] level, and the [`Report`] that counts them.

use serde::{Serialize, Serializer};

/// Whether a change breaks existing clients of the API (what they send or receive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// An existing client may fail or misbehave against the new API.
    Breaking,
    /// Existing clients keep working.
    NonBreaking,
}

/// What a change means for the semver of the generated Rust crate, smallest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Semver {
    /// Nothing changes (only for a report without changes).
    None,
    /// No public Rust item changes (docs, URLs, headers).
    Patch,
    /// Public items are only added, in ways no existing code can notice.
    Minor,
    /// Some code that compiled (or worked) against the old crate breaks.
    Major,
}

impl Semver {
    /// `none`, `patch`, `minor`, `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Patch => "patch",
            Self::Minor => "minor",
            Self::Major => "major",
        }
    }
}

/// Which part of the document a change is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// `info`, `servers`, `security`, security schemes.
    Document,
    /// An operation: its presence, method and path, parameters, bodies, responses, codes.
    Operation,
    /// A schema: fields, types, enums (reached from operations or a component).
    Schema,
}

impl Scope {
    /// Every scope, in report order.
    pub const ALL: [Self; 3] = [Self::Document, Self::Operation, Self::Schema];
}

/// Which way the data flows, for changes where that decides the impact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Sent by the client (parameters, request bodies).
    Request,
    /// Received by the client (response bodies).
    Response,
    /// In a component schema no operation uses.
    Unused,
    /// Not a data change (operations, documents, docs).
    None,
}

/// The kind of a change; its snake_case name (JSON, text report) is stable.
///
/// The variants are the only list of kinds: [`ChangeKind::ALL`] and the names are derived
/// from it, and `classify` matches every variant exhaustively.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::IntoStaticStr, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[allow(missing_docs)] // the names say it; `classify` gives each its meaning
pub enum ChangeKind {
    OperationRemoved,
    OperationMoved,
    OperationRenamed,
    OperationAdded,
    ParameterRemoved,
    ParameterAdded,
    ParameterLocationChanged,
    ParameterRequiredChanged,
    ParameterDefaultChanged,
    RequestBodyRemoved,
    RequestBodyAdded,
    RequestBodyRequiredChanged,
    ResponseRemoved,
    ResponseAdded,
    ResponseHeaderRemoved,
    ResponseHeaderAdded,
    ResponseHeaderRequiredChanged,
    MediaTypeRemoved,
    MediaTypeAdded,
    MediaTypeChanged,
    MessageCodeRemoved,
    MessageCodeAdded,
    MessageCodeRenamed,
    MessageCodeSuccessChanged,
    MessageCodeChanged,
    FieldRemoved,
    FieldAdded,
    RequiredChanged,
    TypeChanged,
    RefChanged,
    NullableChanged,
    EnumValueRemoved,
    EnumValueAdded,
    AlternativeRemoved,
    AlternativeAdded,
    AllOfMemberRemoved,
    AllOfMemberAdded,
    KeywordChanged,
    ExtensionChanged,
    SchemaRemoved,
    SchemaAdded,
    ServerRemoved,
    ServerAdded,
    ServerChanged,
    SecurityRequirementRemoved,
    SecurityRequirementAdded,
    SecuritySchemeRemoved,
    SecuritySchemeAdded,
    SecuritySchemeChanged,
    OauthScopeRemoved,
    OauthScopeAdded,
    DocChanged,
}

impl ChangeKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The stable snake_case name (as in JSON).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Serialize for ChangeKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One classified difference between the two specs.
///
/// The fields are the report's JSON object, in this order; `compare::Difference` carries
/// the same facts before classification adds `impact`, `detail`, `reason`, `semver`, `rust`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Breaking or not, for a client of the API.
    pub impact: Impact,
    /// What kind of change.
    pub kind: ChangeKind,
    /// Document, operation or schema.
    pub scope: Scope,
    /// Request or response, where that matters.
    pub direction: Direction,
    /// Where: an operation key (`get_checkout_status`, or `GET /path` without an id), a
    /// schema path (`CheckoutResult.followUpInstructions.retryAfterSeconds`), `servers`, ...
    pub location: String,
    /// The operations affected (sorted); empty for document-level changes.
    pub operations: Vec<String>,
    /// The item inside `location` that changed: parameter, code, media type, status, value.
    pub member: Option<String>,
    /// The value before, when it is not a plain presence change.
    pub old: Option<String>,
    /// The value after, when it is not a plain presence change.
    pub new: Option<String>,
    /// What changed, in words.
    pub detail: String,
    /// Why it is (not) breaking, in one sentence.
    pub reason: String,
    /// The generated crate's semver level for this change.
    pub semver: Semver,
    /// What it means for Rust users of `c2a-client`, in one sentence.
    pub rust: String,
}

impl Change {
    /// Report order: breaking first, then by scope, location, kind and the changed values.
    pub(crate) fn sort_key(&self) -> impl Ord + '_ {
        (
            self.impact,
            self.scope,
            &self.location,
            self.kind,
            self.direction,
            &self.member,
            &self.old,
            &self.new,
        )
    }

    /// Whether this is a documentation-only change.
    pub fn is_doc_only(&self) -> bool {
        self.kind == ChangeKind::DocChanged
    }
}

/// Counts over a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// All changes.
    pub total: usize,
    /// Changes that break clients of the API.
    pub breaking: usize,
    /// Changes that do not.
    pub non_breaking: usize,
    /// Breaking and non-breaking counts per scope, in [`Scope`] order.
    pub by_scope: Vec<ScopeCount>,
    /// The largest semver level over all changes: what the next `c2a-client` release needs.
    pub semver: Semver,
}

/// Counts for one scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScopeCount {
    /// `document`, `operation` or `schema`.
    pub scope: Scope,
    /// Breaking changes in this scope.
    pub breaking: usize,
    /// Non-breaking changes in this scope.
    pub non_breaking: usize,
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// How the old side is named (`HEAD:openapi/c2a.yaml`).
    pub old_spec: String,
    /// How the new side is named (`openapi/c2a.yaml`).
    pub new_spec: String,
    /// Counts and the semver verdict.
    pub summary: Summary,
    /// Every change, breaking first, then by scope and location.
    pub changes: Vec<Change>,
}

impl Report {
    /// A report over already classified and sorted changes.
    pub fn new(old_spec: &str, new_spec: &str, changes: Vec<Change>) -> Self {
        let count = |impact: Impact, scope: Option<Scope>| {
            changes.iter().filter(|c| c.impact == impact && scope.is_none_or(|s| c.scope == s)).count()
        };
        let by_scope = Scope::ALL
            .into_iter()
            .map(|scope| ScopeCount {
                scope,
                breaking: count(Impact::Breaking, Some(scope)),
                non_breaking: count(Impact::NonBreaking, Some(scope)),
            })
            .collect();
        let summary = Summary {
            total: changes.len(),
            breaking: count(Impact::Breaking, None),
            non_breaking: count(Impact::NonBreaking, None),
            by_scope,
            semver: changes.iter().map(|c| c.semver).max().unwrap_or(Semver::None),
        };
        Self { old_spec: old_spec.to_owned(), new_spec: new_spec.to_owned(), summary, changes }
    }

    /// The semver verdict: the largest level over all changes.
    pub fn semver(&self) -> Semver {
        self.summary.semver
    }

    /// The breaking changes, in report order.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.impact == Impact::Breaking)
    }

    /// The non-breaking changes, in report order.
    pub fn non_breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.impact == Impact::NonBreaking)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_distinct_snake_case_names_that_json_uses() {
        let names: std::collections::BTreeSet<&str> = ChangeKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names.len(), ChangeKind::ALL.len());
        assert_eq!(ChangeKind::ALL.len(), 52);
        assert_eq!(ChangeKind::FieldRemoved.as_str(), "field_removed");
        assert_eq!(ChangeKind::MessageCodeSuccessChanged.as_str(), "message_code_success_changed");
        assert_eq!(ChangeKind::AllOfMemberAdded.as_str(), "all_of_member_added");
        assert_eq!(ChangeKind::OauthScopeRemoved.as_str(), "oauth_scope_removed");
        for kind in ChangeKind::ALL {
            assert_eq!(serde_json::to_value(kind).ok(), Some(serde_json::Value::from(kind.as_str())));
        }
    }
}
