//! What `verify` found: one [`Report`] for a run, serializable as the `--format json` output.
//! Its findings are the engine's ([`Finding`], from `c2a_conformance`), plus the client's
//! decode.

use serde::Serialize;

pub use c2a_conformance::{Finding, FindingKind, Severity, Side};

use crate::facts::FactsSummary;
use crate::har::{NameValue, SourceKind};

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
