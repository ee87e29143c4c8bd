//! What `verify` found: one [`Report`] for a run, serializable as the `--format json` output.

use serde::Serialize;

use crate::facts::FactsSummary;
use crate::har::{NameValue, SourceKind};

/// How much a finding matters.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The traffic and the spec (or the client) disagree: `--fail-on-drift` fails.
    Mismatch,
    /// Worth knowing, not a disagreement (a new value of an extensible enum, a status only
    /// the inferred `default` response covers).
    Info,
}

/// What kind of disagreement.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// A required property (or query parameter, path `?name`) is absent.
    MissingRequired,
    /// A value of another JSON type (or format) than the spec declares.
    WrongType,
    /// An enum value the spec does not list.
    EnumValueNotListed,
    /// A property (or query parameter, path `?name`) the spec does not know.
    UnknownField,
    /// A property marked `x-sensitive` is in the recording (it must be masked out).
    SensitiveFieldRecorded,
    /// A `status.messageCode` not in the operation's `x-message-codes`.
    MessageCodeNotListed,
    /// A listed message code arrived with another HTTP status than its `http`.
    CodeStatusDiffers,
    /// An HTTP status the operation does not declare.
    UndeclaredStatus,
    /// A content type the operation does not declare for that status (or the request).
    UndeclaredContentType,
    /// A body that claims JSON but does not parse.
    InvalidJson,
    /// The generated client does not decode the response.
    ClientDecodeFailed,
}

impl FindingKind {
    /// Short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Self::MissingRequired => "missing required field",
            Self::WrongType => "wrong type",
            Self::EnumValueNotListed => "enum value not listed",
            Self::UnknownField => "unknown field",
            Self::SensitiveFieldRecorded => "sensitive field recorded",
            Self::MessageCodeNotListed => "message code not listed",
            Self::CodeStatusDiffers => "code with another HTTP status",
            Self::UndeclaredStatus => "undeclared status",
            Self::UndeclaredContentType => "undeclared content type",
            Self::InvalidJson => "invalid JSON",
            Self::ClientDecodeFailed => "client does not decode",
        }
    }
}

/// Which half of the exchange.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The request.
    Request,
    /// The response.
    Response,
}

/// One disagreement, located in the body and in the spec.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Finding {
    /// What kind.
    pub kind: FindingKind,
    /// How much it matters.
    pub severity: Severity,
    /// Request or response.
    pub side: Side,
    /// Where in the body, e.g. `$.result[0].bundleUrn` (`$` for the whole exchange).
    pub json_path: String,
    /// The spec element, e.g. `#/components/schemas/ArtifactGroup/properties/bundleUrn`.
    pub spec_pointer: String,
    /// That element's `x-provenance`, when it has one.
    pub provenance: Option<String>,
    /// One sentence.
    pub message: String,
}

/// What the generated client made of the response.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(tag = "outcome", content = "detail", rename_all = "kebab-case")]
pub enum Decode {
    /// Decoded: the payload, or a typed API error (`Error::Api`, `Error::Unauthorized`).
    Decoded(String),
    /// The client's error for a response it cannot decode.
    Failed(String),
    /// Not attempted (no response recorded, unknown operation).
    NotRun(String),
}

/// One checked exchange.
#[derive(Clone, Debug, Serialize)]
pub struct ExchangeReport {
    /// The HAR file, relative to the input it was found under.
    pub file: String,
    /// Index in `log.entries`.
    pub entry: usize,
    /// Which attempt of its call the entry is (`_attempt`, from the client's recorder): the
    /// attempts a retry repeated are exchanges like any other.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt: Option<u32>,
    /// Where the recording came from.
    pub source: SourceKind,
    /// HTTP method.
    pub method: String,
    /// The URL's path as recorded (percent-encoded).
    pub path: String,
    /// The path template's parameters with the values the URL gives them, percent-decoded
    /// (`trackingId` = `trk/1` for the segment `trk%2F1`), in template order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path_parameters: Vec<NameValue>,
    /// The query parameters the checks see, in order: the URL's query form-decoded
    /// (`%6E` is `n`, `+` is a space), or the HAR `queryString` when the URL has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<NameValue>,
    /// The matched `operationId`.
    pub operation: String,
    /// HTTP status (0: no response recorded).
    pub status: u16,
    /// The message code of the response envelope, if any.
    pub message_code: Option<String>,
    /// The client's verdict.
    pub decode: Decode,
    /// Everything that disagrees.
    pub findings: Vec<Finding>,
    /// Spec elements this exchange shows with their declared type (fact keys).
    #[serde(skip)]
    pub observed: Vec<String>,
}

/// One input HAR file.
#[derive(Clone, Debug, Serialize)]
pub struct FileReport {
    /// The file, relative to the input it was found under.
    pub file: String,
    /// `log._source.kind`.
    pub source: SourceKind,
    /// `log._source.origin`.
    pub origin: Option<String>,
    /// Exchanges matched to an operation.
    pub exchanges: usize,
    /// Exchanges that are not C2A calls (other hosts, paths or methods).
    pub ignored: usize,
}

/// A whole run.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The inputs as given (files or directories).
    pub inputs: Vec<String>,
    /// Every HAR file read, in path order.
    pub files: Vec<FileReport>,
    /// Every matched exchange, in file then entry order.
    pub exchanges: Vec<ExchangeReport>,
    /// `sample`/`inferred` facts and what confirmed them.
    pub facts: FactsSummary,
}

impl Report {
    /// Every finding with its exchange.
    pub fn findings(&self) -> impl Iterator<Item = (&ExchangeReport, &Finding)> {
        self.exchanges.iter().flat_map(|x| x.findings.iter().map(move |f| (x, f)))
    }

    /// Number of findings of severity [`Severity::Mismatch`].
    pub fn mismatches(&self) -> usize {
        self.findings().filter(|(_, f)| f.severity == Severity::Mismatch).count()
    }

    /// Exchanges that are not C2A calls, over all files.
    pub fn ignored(&self) -> usize {
        self.files.iter().map(|f| f.ignored).sum()
    }

    /// Exchanges the generated client could not decode.
    pub fn decode_failures(&self) -> usize {
        self.exchanges.iter().filter(|x| matches!(x.decode, Decode::Failed(_))).count()
    }
}
