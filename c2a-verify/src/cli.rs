//! The command line: [`Args`] (a `clap::Args`, for `cargo xtask verify`) and [`run`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::har::ReadError;
use crate::render as rendering;
use c2a_conformance::{Spec, SpecError};

use crate::report::Report;
use crate::verify;

/// The spec, relative to the workspace root.
pub const DEFAULT_SPEC: &str = "openapi/c2a.yaml";
/// The committed corpus, relative to the workspace root.
pub const DEFAULT_RECORDINGS: &str = "openapi/recordings";

/// Check recorded traffic (HAR 1.2) against the spec and the generated client.
#[derive(Clone, Debug, clap::Args)]
pub struct Args {
    /// HAR files or directories (searched recursively for `*.har`); default: the corpus.
    #[arg(value_name = "HAR")]
    pub inputs: Vec<PathBuf>,
    /// The spec to check against.
    #[arg(long, default_value = DEFAULT_SPEC)]
    pub spec: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Exit 1 when any finding is a mismatch (not just information).
    #[arg(long)]
    pub fail_on_drift: bool,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for a PR comment.
    Markdown,
    /// Plain text.
    Text,
    /// The [`Report`] as JSON.
    Json,
}

impl Args {
    /// Resolves relative paths (and the default corpus) against `root`, the workspace root.
    pub fn resolved_against(mut self, root: &Path) -> Self {
        if self.inputs.is_empty() {
            self.inputs.push(PathBuf::from(DEFAULT_RECORDINGS));
        }
        self.inputs = self.inputs.iter().map(|p| root.join(p)).collect();
        self.spec = root.join(&self.spec);
        self
    }
}

/// Why a run could not produce a report (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The spec is unreadable.
    #[error(transparent)]
    Spec(#[from] SpecError),
    /// A HAR file is unreadable.
    #[error(transparent)]
    Har(#[from] ReadError),
}

/// Exit status of a run that found a mismatch under `--fail-on-drift`.
pub const EXIT_DRIFT: u8 = 1;
/// Exit status for an unreadable spec or HAR.
pub const EXIT_INVALID_INPUT: u8 = 2;

/// The exit status of a completed run: [`EXIT_DRIFT`] when it found a mismatch and
/// `fail_on_drift` is set, else 0.
pub fn exit_status(report: &Report, fail_on_drift: bool) -> u8 {
    if fail_on_drift && report.mismatches() > 0 { EXIT_DRIFT } else { 0 }
}

/// Loads the spec and checks the inputs (the corpus when none are given).
pub fn verify_inputs(args: &Args) -> Result<Report, RunError> {
    let spec = Spec::load(&args.spec)?;
    let inputs =
        if args.inputs.is_empty() { vec![PathBuf::from(DEFAULT_RECORDINGS)] } else { args.inputs.clone() };
    Ok(verify::verify(&spec, &inputs)?)
}

/// The report in the chosen format.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => rendering::markdown(report),
        Format::Text => rendering::text(report),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(report).expect("the report always serializes");
            json.push('\n');
            json
        }
    }
}

/// The whole command: report on stdout; exit 0, 1 (drift with `--fail-on-drift`) or 2
/// (unreadable spec or HAR, one located line on stderr).
pub fn run(args: Args) -> ExitCode {
    match verify_inputs(&args) {
        Ok(report) => {
            let _ = std::io::stdout().write_all(render(&report, args.format).as_bytes());
            ExitCode::from(exit_status(&report, args.fail_on_drift))
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(EXIT_INVALID_INPUT)
        }
    }
}
