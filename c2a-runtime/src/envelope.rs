//! The C2A envelope, as the runtime sees it: every body carries a status under `status`
//! whose message code decides success. The generated code implements these traits for the
//! spec's types (`types::AzotteStatus`, `types::MessageCode` and every response component),
//! so the runtime reads an envelope without knowing a schema or a code.

use std::fmt;

use serde::de::DeserializeOwned;

/// A message code of the spec (`types::MessageCode`): an open enum, one variant per code
/// the spec lists and one for any other.
pub trait Code: Clone + fmt::Debug + fmt::Display + PartialEq + Send + Sync + 'static {
    /// The code as sent (`CHECK_OUT_PROCESSING`).
    fn as_str(&self) -> &str;
    /// Whether the spec lists this code (`false` for the catch-all variant).
    fn is_listed(&self) -> bool;
}

/// An envelope's status (`types::AzotteStatus`).
pub trait Status: DeserializeOwned {
    /// The spec's message codes.
    type Code: Code;
    /// `status.messageCode`.
    fn message_code(&self) -> &Self::Code;
    /// `status.message`, when present.
    fn message(&self) -> Option<&str>;
    /// The code and the message, taken out.
    fn into_parts(self) -> (Self::Code, Option<String>);
}

/// A response component of the spec, as declared by its `x-envelope`.
///
/// Implemented by the generated code for every response type: `general` envelopes hand out
/// `result`, `inline` envelopes are their own payload, `status` envelopes carry `()`.
pub trait Envelope: DeserializeOwned {
    /// What `send()` returns on success.
    type Payload;
    /// The status type every envelope of the API carries.
    type Status: Status;
    /// The spec's component schema this envelope is generated from.
    const SCHEMA: &'static str;
    /// The envelope's status.
    fn status(&self) -> &Self::Status;
    /// The payload, or `None` when a `general` envelope has no `result`.
    fn into_payload(self) -> Option<Self::Payload>;
}

/// The message codes of envelope `E`.
pub type CodeOf<E> = <<E as Envelope>::Status as Status>::Code;

/// What a call of an operation whose success envelope is `E` ends with.
pub type CallResult<E> =
    Result<crate::Response<<E as Envelope>::Payload, CodeOf<E>>, crate::Error<CodeOf<E>>>;

/// Any envelope, read only for its status (error bodies, retry decisions).
#[derive(serde::Deserialize)]
#[serde(bound = "S: Status")]
pub(crate) struct StatusOnly<S> {
    pub(crate) status: S,
}

/// The message code of an envelope body with status type `S`, or `None` when the body is
/// not an envelope. The generated code hands this function, for its status type, to the
/// runtime in its [`ApiTable`](crate::ApiTable) (retry decisions read it before any type is
/// known).
pub fn message_code_of<S: Status>(body: &[u8]) -> Option<String> {
    let envelope: StatusOnly<S> = serde_json::from_slice(body).ok()?;
    Some(envelope.status.message_code().as_str().to_owned())
}
