//! The C2A envelope: every body carries an `AzotteStatus` under `status`.

use serde::de::DeserializeOwned;

use crate::types::AzotteStatus;

/// A response component of the spec, as declared by its `x-envelope`.
///
/// Implemented by the generated code for every response type: `general` envelopes hand out
/// `result`, `inline` envelopes are their own payload, `status` envelopes carry `()`.
pub trait Envelope: DeserializeOwned {
    /// What `send()` returns on success.
    type Payload;
    /// The spec's component schema this envelope is generated from.
    const SCHEMA: &'static str;
    /// The envelope's status.
    fn status(&self) -> &AzotteStatus;
    /// The payload, or `None` when a `general` envelope has no `result`.
    fn into_payload(self) -> Option<Self::Payload>;
}

/// Any envelope, read only for its status (error bodies, retry decisions).
#[derive(serde::Deserialize)]
pub(crate) struct StatusOnly {
    pub(crate) status: AzotteStatus,
}
