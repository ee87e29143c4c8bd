//! The reality loop: checks recorded C2A traffic (HAR 1.2 files) against
//! `openapi/c2a.yaml` and against the generated client.
//!
//! Each recorded exchange goes through the project's one conformance engine,
//! `c2a_conformance` (operation from method and URL, query, bodies against their schemas,
//! statuses, content types, message codes; every finding with the JSON path, the spec
//! pointer and its `x-provenance`), with `x-sensitive` fields required masked. `verify`
//! adds only what is its own:
//!
//! - whether the generated client decodes the response (`c2a_client::operations::decode`);
//! - which `sample`/`inferred` facts evidence confirms ("inferred facts confirmed: k of
//!   n"), and which flows to record for the rest.
//!
//! Modules, one concern each: [`har`] (input), [`entry_check`] (one HAR entry through the
//! engine, plus the decode), [`client_decode`], [`facts`], [`report`] (the result),
//! [`mod@render`] (markdown, text), [`verify`] (a run over files), [`cli`] (arguments and exit
//! codes).
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
pub mod entry_check;
pub mod facts;
pub mod har;
pub mod render;
pub mod report;
pub mod verify;

pub use c2a_conformance::{RESPONSE_MEDIA_TYPE, Spec, SpecError};
pub use cli::{
    Args, EXIT_DRIFT, EXIT_INVALID_INPUT, Format, RunError, exit_status, render, run, verify_inputs,
};
pub use report::{Decode, Finding, FindingKind, Report, Severity, Side};
