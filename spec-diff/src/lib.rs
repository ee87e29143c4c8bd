//! What changed in `openapi/c2a.yaml`, and what it means for clients (`cargo xtask spec-diff`).
//!
//! Two spec documents (a git revision against the working tree, or two files) are compared
//! node by node, following `$ref`s, and every difference becomes a [`Change`] that says
//! whether it breaks a client of the API (on the wire) and what it means for the semver of
//! the generated Rust crate `c2a-client`. One concern per file:
//!
//! - [`compare`]: walks both documents and records what differs, with no judgement.
//! - [`classify`]: judges each difference (breaking or not, Rust semver) in one sentence.
//! - [`render`]: markdown (a pull-request comment), text or JSON.
//! - [`git`]: reads the spec at a revision.
//!
//! [`run`] is what the command line runs; tests call it with the same [`Args`].

pub mod classify;
pub mod compare;
pub mod git;
pub mod render;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

pub use render::Format;

/// The spec, relative to the workspace root (and to the repository root, for `git show`).
pub const SPEC_PATH: &str = "openapi/c2a.yaml";

/// Exit status when a breaking change is found under `--fail-on-breaking`.
pub const EXIT_BREAKING: u8 = 1;
/// Exit status when either side cannot be read or parsed.
pub const EXIT_INVALID_INPUT: u8 = 2;

/// Command-line arguments of `cargo xtask spec-diff`.
#[derive(clap::Args, Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    /// Git revision whose openapi/c2a.yaml is the old side [default: HEAD].
    #[arg(long, value_name = "REV", conflicts_with_all = ["spec_old", "spec_new"])]
    pub base: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Exit with status 1 when any change breaks clients of the API.
    #[arg(long)]
    pub fail_on_breaking: bool,
    /// Old spec file (instead of a git revision); needs --spec-new.
    #[arg(long, value_name = "FILE", requires = "spec_new")]
    pub spec_old: Option<PathBuf>,
    /// New spec file (instead of the working tree); needs --spec-old.
    #[arg(long, value_name = "FILE", requires = "spec_old")]
    pub spec_new: Option<PathBuf>,
}

impl Args {
    /// Parses `spec-diff` arguments (without the command name) exactly as the command line
    /// does, so tests can run what a user types.
    pub fn try_parse_from<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        #[derive(clap::Parser)]
        #[command(name = "spec-diff")]
        struct Command {
            #[command(flatten)]
            args: Args,
        }
        let argv =
            std::iter::once(std::ffi::OsString::from("spec-diff")).chain(args.into_iter().map(Into::into));
        <Command as clap::Parser>::try_parse_from(argv).map(|c| c.args)
    }
}

/// What a run prints and how it exits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Process exit status: 0, [`EXIT_BREAKING`] or [`EXIT_INVALID_INPUT`].
    pub code: u8,
    /// The report (empty on invalid input).
    pub stdout: String,
    /// The located error line (empty on success).
    pub stderr: String,
    /// The report, when both sides could be compared.
    pub report: Option<Report>,
}

/// Runs `spec-diff` as the command line does. `root` is the workspace root: the working-tree
/// spec is `root/openapi/c2a.yaml` and `git` runs there.
pub fn run(args: &Args, root: &Path) -> Outcome {
    match load_sides(args, root).and_then(|(old, new)| diff_sources(&old, &new)) {
        Ok(report) => {
            let breaking = report.summary.breaking > 0;
            Outcome {
                code: if args.fail_on_breaking && breaking { EXIT_BREAKING } else { 0 },
                stdout: render::render(&report, args.format),
                stderr: String::new(),
                report: Some(report),
            }
        }
        Err(e) => Outcome {
            code: EXIT_INVALID_INPUT,
            stdout: String::new(),
            stderr: format!("{e}\n"),
            report: None,
        },
    }
}

fn load_sides(args: &Args, root: &Path) -> Result<(Source, Source), InputError> {
    match (&args.spec_old, &args.spec_new) {
        (Some(old), Some(new)) => Ok((
            Source::file(old, &old.display().to_string())?,
            Source::file(new, &new.display().to_string())?,
        )),
        (None, None) => {
            let rev = args.base.as_deref().unwrap_or("HEAD");
            let old = Source { label: format!("{rev}:{SPEC_PATH}"), text: git::show(root, rev, SPEC_PATH)? };
            Ok((old, Source::file(&root.join(SPEC_PATH), SPEC_PATH)?))
        }
        _ => Err(InputError::new("spec-diff", "--spec-old and --spec-new must be given together")),
    }
}

/// One side of the comparison: the spec's text and how to name it in messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// `HEAD:openapi/c2a.yaml`, `openapi/c2a.yaml`, or a file path as given.
    pub label: String,
    /// The YAML text.
    pub text: String,
}

impl Source {
    /// Reads a file; `label` names it in messages.
    pub fn file(path: &Path, label: &str) -> Result<Self, InputError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| InputError::new(label, format!("cannot read the spec: {e}")))?;
        Ok(Self { label: label.to_owned(), text })
    }
}

/// Why a side could not be compared: one located line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// `file`, `file:line:column` or `file#/json/pointer`.
    pub location: String,
    /// What is wrong, on one line.
    pub message: String,
}

impl InputError {
    /// An error at `location`; line breaks in `message` are folded into spaces.
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        let message: String = message.into();
        Self { location: location.into(), message: message.split_whitespace().collect::<Vec<_>>().join(" ") }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for InputError {}

/// Parses one side like the generator does: YAML errors located by line:column, OpenAPI
/// structure errors by JSON pointer.
pub fn parse(source: &Source) -> Result<Value, InputError> {
    let located = |d: generator::Diagnostic| {
        let line = d.render(&source.label);
        match line.split_once(": ") {
            Some((location, message)) => InputError::new(location, message),
            None => InputError::new(&source.label, line),
        }
    };
    let doc = generator::load::parse_yaml(&source.text).map_err(located)?;
    if !doc.is_object() {
        return Err(InputError::new(&source.label, "the spec is not a YAML mapping [openapi-structure]"));
    }
    generator::load::parse_openapi(&doc).map_err(located)?;
    Ok(doc)
}

/// Parses both sides and compares them.
pub fn diff_sources(old: &Source, new: &Source) -> Result<Report, InputError> {
    let old_doc = parse(old)?;
    let new_doc = parse(new)?;
    Ok(Report::new(&old.label, &new.label, diff_documents(&old_doc, &new_doc)))
}

/// Every change from `old` to `new`, classified and sorted.
pub fn diff_documents(old: &Value, new: &Value) -> Vec<Change> {
    let mut changes: Vec<Change> = compare::compare(old, new).into_iter().map(classify::classify).collect();
    changes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    changes
}

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

/// The kind of a change; its JSON name is stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // the names say it; classify.rs gives each its meaning
pub enum ChangeKind {
    OperationRemoved,
    OperationMoved,
    OperationRenamed,
    OperationAdded,
    ParameterRemoved,
    ParameterAdded,
    ParameterLocationChanged,
    ParameterRequiredChanged,
    RequestBodyRemoved,
    RequestBodyAdded,
    RequestBodyRequiredChanged,
    ResponseRemoved,
    ResponseAdded,
    MediaTypeRemoved,
    MediaTypeAdded,
    MessageCodeRemoved,
    MessageCodeAdded,
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
    DocChanged,
}

impl ChangeKind {
    /// Every kind, in declaration order.
    pub const ALL: [Self; 40] = [
        Self::OperationRemoved,
        Self::OperationMoved,
        Self::OperationRenamed,
        Self::OperationAdded,
        Self::ParameterRemoved,
        Self::ParameterAdded,
        Self::ParameterLocationChanged,
        Self::ParameterRequiredChanged,
        Self::RequestBodyRemoved,
        Self::RequestBodyAdded,
        Self::RequestBodyRequiredChanged,
        Self::ResponseRemoved,
        Self::ResponseAdded,
        Self::MediaTypeRemoved,
        Self::MediaTypeAdded,
        Self::MessageCodeRemoved,
        Self::MessageCodeAdded,
        Self::MessageCodeSuccessChanged,
        Self::MessageCodeChanged,
        Self::FieldRemoved,
        Self::FieldAdded,
        Self::RequiredChanged,
        Self::TypeChanged,
        Self::RefChanged,
        Self::NullableChanged,
        Self::EnumValueRemoved,
        Self::EnumValueAdded,
        Self::KeywordChanged,
        Self::ExtensionChanged,
        Self::SchemaRemoved,
        Self::SchemaAdded,
        Self::ServerRemoved,
        Self::ServerAdded,
        Self::ServerChanged,
        Self::SecurityRequirementRemoved,
        Self::SecurityRequirementAdded,
        Self::SecuritySchemeRemoved,
        Self::SecuritySchemeAdded,
        Self::SecuritySchemeChanged,
        Self::DocChanged,
    ];

    /// The stable snake_case name (as in JSON).
    pub fn as_str(self) -> String {
        match serde_json::to_value(self) {
            Ok(Value::String(s)) => s,
            _ => format!("{self:?}"),
        }
    }
}

/// One classified difference between the two specs.
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
    fn sort_key(&self) -> impl Ord + '_ {
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
        let by_scope = [Scope::Document, Scope::Operation, Scope::Schema]
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

    /// Adding a kind without listing it in [`ChangeKind::ALL`] fails to compile here.
    fn listed(kind: ChangeKind) -> bool {
        use ChangeKind as K;
        match kind {
            K::OperationRemoved
            | K::OperationMoved
            | K::OperationRenamed
            | K::OperationAdded
            | K::ParameterRemoved
            | K::ParameterAdded
            | K::ParameterLocationChanged
            | K::ParameterRequiredChanged
            | K::RequestBodyRemoved
            | K::RequestBodyAdded
            | K::RequestBodyRequiredChanged
            | K::ResponseRemoved
            | K::ResponseAdded
            | K::MediaTypeRemoved
            | K::MediaTypeAdded
            | K::MessageCodeRemoved
            | K::MessageCodeAdded
            | K::MessageCodeSuccessChanged
            | K::MessageCodeChanged
            | K::FieldRemoved
            | K::FieldAdded
            | K::RequiredChanged
            | K::TypeChanged
            | K::RefChanged
            | K::NullableChanged
            | K::EnumValueRemoved
            | K::EnumValueAdded
            | K::KeywordChanged
            | K::ExtensionChanged
            | K::SchemaRemoved
            | K::SchemaAdded
            | K::ServerRemoved
            | K::ServerAdded
            | K::ServerChanged
            | K::SecurityRequirementRemoved
            | K::SecurityRequirementAdded
            | K::SecuritySchemeRemoved
            | K::SecuritySchemeAdded
            | K::SecuritySchemeChanged
            | K::DocChanged => ChangeKind::ALL.contains(&kind),
        }
    }

    #[test]
    fn all_kinds_are_listed_once_with_distinct_names() {
        assert!(ChangeKind::ALL.iter().all(|k| listed(*k)));
        let names: std::collections::BTreeSet<String> = ChangeKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names.len(), ChangeKind::ALL.len());
        assert_eq!(ChangeKind::FieldRemoved.as_str(), "field_removed");
    }

    #[test]
    fn parse_errors_are_located_on_one_line() {
        let source = |text: &str| Source { label: "x.yaml".to_owned(), text: text.to_owned() };
        let err = parse(&source("a: [1,\n  2\nb: 3\n")).expect_err("bad yaml");
        assert!(err.location.starts_with("x.yaml:"), "{err}");
        assert!(err.message.ends_with("[yaml-syntax]") && !err.message.contains('\n'), "{err}");
        let err = parse(&source("- 1\n")).expect_err("not a mapping");
        assert_eq!(err.to_string(), "x.yaml: the spec is not a YAML mapping [openapi-structure]");
        let err = parse(&source("openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n")).expect_err("no version");
        assert_eq!(err.location, "x.yaml#/info");
    }

    #[test]
    fn summary_counts_and_verdict() {
        let old = serde_json::json!({"paths": {"/a": {"get": {"operationId": "a", "responses": {}}}}});
        let new = serde_json::json!({"paths": {"/b": {"get": {"operationId": "b", "responses": {}}}}});
        let report = Report::new("old", "new", diff_documents(&old, &new));
        assert_eq!((report.summary.total, report.summary.breaking, report.summary.non_breaking), (2, 1, 1));
        assert_eq!(report.semver(), Semver::Major);
        assert_eq!(report.changes[0].kind, ChangeKind::OperationRemoved, "breaking first");
        let empty = Report::new("old", "new", Vec::new());
        assert_eq!(empty.semver(), Semver::None);
    }
}
