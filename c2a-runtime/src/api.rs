//! What the generated code tells the runtime about its API, as one static table: the
//! operations, the fields the spec marks sensitive, the schema index, and how to read an
//! envelope's message code. The runtime reads nothing else about the spec.

use std::fmt;
use std::sync::OnceLock;

use crate::operation::Operation;
use crate::spec_index::SchemaInfo;

/// The static facts of one generated API (`operations::API` in the generated code).
pub struct ApiTable {
    /// Every operation, in spec order.
    pub operations: &'static [&'static Operation],
    /// Wire names (and their `x-aliases`) of every property the spec marks `x-sensitive`:
    /// masked wherever they appear in a recorded body or a drift report.
    pub sensitive_fields: &'static [&'static str],
    /// The schema index: a JSON array of [`SchemaInfo`], parsed the first time it is needed
    /// (a decode failure to locate, a drift report).
    pub schemas_json: &'static str,
    /// The message code of an envelope body (`envelope::message_code_of` for the API's
    /// status type), or `None` when the body is not an envelope.
    pub message_code_of: fn(&[u8]) -> Option<String>,
    schemas: OnceLock<Vec<SchemaInfo>>,
}

impl ApiTable {
    /// A table; `schemas_json` is not parsed here.
    pub const fn new(
        operations: &'static [&'static Operation],
        sensitive_fields: &'static [&'static str],
        schemas_json: &'static str,
        message_code_of: fn(&[u8]) -> Option<String>,
    ) -> Self {
        Self { operations, sensitive_fields, schemas_json, message_code_of, schemas: OnceLock::new() }
    }

    /// The operation with this `operationId`.
    pub fn operation(&self, id: &str) -> Option<&'static Operation> {
        self.operations.iter().copied().find(|op| op.id == id)
    }

    /// Every component schema, sorted by name, parsed on first use. The generator writes
    /// the index with `serde_json` from the same fields, so it parses (c2a-client's tests
    /// hold that for the project's index); were it not to, the index is empty and nothing is
    /// located.
    pub fn schemas(&self) -> &[SchemaInfo] {
        self.schemas.get_or_init(|| serde_json::from_str(self.schemas_json).unwrap_or_default())
    }

    /// The component schema `name`.
    pub fn schema(&self, name: &str) -> Option<&SchemaInfo> {
        let schemas = self.schemas();
        schemas.binary_search_by(|s| s.name.as_str().cmp(name)).ok().map(|at| &schemas[at])
    }
}

impl fmt::Debug for ApiTable {
    // Not derived: each operation points back at this table.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiTable")
            .field("operations", &self.operations.len())
            .field("sensitive_fields", &self.sensitive_fields)
            .finish_non_exhaustive()
    }
}
