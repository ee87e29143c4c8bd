//! What the engine finds: each [`Finding`] is one disagreement between an exchange and the
//! spec, located in the body (JSON path) and in the spec (pointer, with its provenance).

use serde::Serialize;

use crate::spec_model::Spec;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The exchange and the spec (or the client) disagree.
    Mismatch,
    /// Worth knowing, not a disagreement (a new value of an extensible enum, a status only
    /// the `default` response covers).
    Info,
}

/// What kind of disagreement. [`FindingKind::ALL`] lists every kind.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash, strum::VariantArray)]
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
    /// A property marked `x-sensitive` is in a recording unmasked (it must be masked out).
    SensitiveFieldRecorded,
    /// A `status.messageCode` not in the operation's `x-message-codes`.
    MessageCodeNotListed,
    /// A listed message code arrived with another HTTP status than its `http`, or a success
    /// code outside 2xx, or a failure code with a 1xx, 3xx or 2xx other than 200.
    CodeStatusDiffers,
    /// An HTTP status the operation does not declare.
    UndeclaredStatus,
    /// A content type the operation does not declare for that status (or the request), a
    /// body where the spec declares none, or no body (and no `Content-Type`) where it declares
    /// one; an empty body that claims JSON is [`InvalidJson`](Self::InvalidJson).
    UndeclaredContentType,
    /// A body that claims JSON but does not parse.
    InvalidJson,
    /// The generated client does not decode the response. The engine never reports it (it
    /// knows no client); `c2a-verify` does, from `c2a_client::operations::decode`.
    ClientDecodeFailed,
    /// A recorded body that cannot be read back: a HAR `content.text` said to be base64 that
    /// is not. A fault of the recording, not of the API. The engine never reports it (it is
    /// handed bodies as bytes); `c2a-verify` does, reading HAR files.
    UnreadableRecording,
}

impl FindingKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

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
            Self::UnreadableRecording => "unreadable recording",
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
    /// Where in the body, e.g. `$.result[0].bundleUrn` (`$` for the whole exchange, `?name`
    /// for a query parameter).
    pub json_path: String,
    /// The spec element, e.g. `#/components/schemas/ArtifactGroup/properties/bundleUrn`.
    pub spec_pointer: String,
    /// That element's `x-provenance`, when it has one.
    pub provenance: Option<String>,
    /// One sentence.
    pub message: String,
}

impl Finding {
    /// A finding about the whole exchange (`json_path` `$`) at the spec element `pointer`
    /// (no leading `#`), with that element's provenance.
    pub fn at(
        spec: &Spec,
        kind: FindingKind,
        severity: Severity,
        side: Side,
        pointer: &str,
        message: String,
    ) -> Self {
        Finding {
            kind,
            severity,
            side,
            json_path: "$".to_owned(),
            spec_pointer: format!("#{pointer}"),
            provenance: spec.provenance(pointer),
            message,
        }
    }

    /// The same finding at another JSON path.
    pub fn with_path(mut self, json_path: impl Into<String>) -> Self {
        self.json_path = json_path.into();
        self
    }
}
