//! The reality loop: checks recorded C2A traffic (HAR 1.2 files) against
//! `openapi/c2a.yaml` and against the generated client.
//!
//! For each exchange whose method and URL path match an operation (the base URL is
//! ignored), `verify` reports, each with the JSON path in the body, the JSON pointer of the
//! spec element and that element's `x-provenance`:
//!
//! - request and response bodies that fail the operation's schema (missing required
//!   field, wrong type, value outside a closed enum), fields the spec does not know, enum
//!   values and message codes it does not list, statuses and content types the operation
//!   does not declare, query parameters missing or undeclared;
//! - whether the generated client decodes the response (`c2a_client::operations::decode`);
//! - which `sample`/`inferred` facts evidence confirms ("inferred facts confirmed: k of
//!   n"), and which flows to record for the rest.
//!
//! Modules, one concern each: [`har`] (input), [`matching`] (operation), [`schema_walk`]
//! (bodies against schemas), [`exchange_check`] (one exchange), [`client_decode`],
//! [`facts`], [`report`] (the result), [`render`] (markdown, text), [`verify`] (a run over
//! files), [`cli`] (arguments and exit codes). The rules about the spec itself (provenance,
//! the response for a status, parameters, reachability) are `c2a_spec`'s, through
//! [`spec_model`].
//!
//! # Use from xtask
//!
//! ```no_run
//! use std::process::ExitCode;
//!
//! #[derive(clap::Parser)]
//! enum Xtask {
//!     /// Check recorded traffic (HAR) against the spec and the generated client.
//!     Verify(c2a_verify::Args),
//! }
//!
//! fn main() -> ExitCode {
//!     let workspace_root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
//!     match <Xtask as clap::Parser>::parse() {
//!         Xtask::Verify(args) => c2a_verify::run(args.resolved_against(&workspace_root)),
//!     }
//! }
//! ```
//!
//! [`run`] prints the report (markdown by default) and returns the exit code: 0, 1 for a
//! mismatch under `--fail-on-drift`, 2 for an unreadable spec or HAR file (one line,
//! `path:line:column: ...`). [`verify_inputs`] and [`render()`] are the same steps without printing.

pub mod cli;
pub mod client_decode;
pub mod exchange_check;
pub mod facts;
pub mod har;
pub mod matching;
pub mod render;
pub mod report;
pub mod schema_walk;
pub mod spec_model;
pub mod verify;

pub use cli::{
    Args, EXIT_DRIFT, EXIT_INVALID_INPUT, Format, RunError, exit_status, render, run, verify_inputs,
};
pub use report::{Decode, Finding, FindingKind, Report, Severity, Side};
pub use spec_model::Spec;

/// The media type C2A responses carry (`application/clientOutput+Json`).
pub const RESPONSE_MEDIA_TYPE: &str = "application/clientOutput+Json";
