//! `$ref` resolution over a spec document held as a `serde_json::Value`: the shared helpers
//! of `c2a_spec` (`doc_walk` for resolution, `reachability` for the schemas operations
//! reach), re-exported under the names the comparison uses.

pub use c2a_spec::diagnostic::escape_token;
pub use c2a_spec::doc_walk::{
    SCHEMA_REF_PREFIX, component_schema, follow, resolve, schema_pointer, schema_ref_name,
};
pub use c2a_spec::reachability::from_paths as reachable_from_paths;
