//! The command line of `cargo xtask spec-diff`: its arguments, what it prints and its exit
//! status (0, [`EXIT_BREAKING`] under `--fail-on-breaking`, [`EXIT_INVALID_INPUT`]).

use std::path::{Path, PathBuf};

use crate::render::{self, Format};
use crate::source::{InputError, Source};
use crate::{Report, git};

/// The spec, relative to the workspace root (and to the repository root, for `git show`).
pub const SPEC_PATH: &str = "openapi/c2a.yaml";

/// Exit status when a breaking change is found under `--fail-on-breaking`.
pub const EXIT_BREAKING: u8 = 1;
/// Exit status when either side cannot be read or parsed.
pub const EXIT_INVALID_INPUT: u8 = 2;

/// Command-line arguments of `cargo xtask spec-diff`.
#[derive(clap::Args, Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    /// Git revision whose openapi/c2a.yaml is the old side [default: HEAD].
    #[arg(long, value_name = "REV", conflicts_with_all = ["spec_old", "spec_new"])]
    pub base: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Exit with status 1 when any change breaks clients of the API.
    #[arg(long)]
    pub fail_on_breaking: bool,
    /// Old spec file (instead of a git revision); needs --spec-new.
    #[arg(long, value_name = "FILE", requires = "spec_new")]
    pub spec_old: Option<PathBuf>,
    /// New spec file (instead of the working tree); needs --spec-old.
    #[arg(long, value_name = "FILE", requires = "spec_old")]
    pub spec_new: Option<PathBuf>,
}

impl Args {
    /// Parses `spec-diff` arguments (without the command name) exactly as the command line
    /// does, so tests can run what a user types.
    pub fn try_parse_from<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        #[derive(clap::Parser)]
        #[command(name = "spec-diff")]
        struct Command {
            #[command(flatten)]
            args: Args,
        }
        let argv =
            std::iter::once(std::ffi::OsString::from("spec-diff")).chain(args.into_iter().map(Into::into));
        <Command as clap::Parser>::try_parse_from(argv).map(|c| c.args)
    }
}

/// What a run prints and how it exits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Process exit status: 0, [`EXIT_BREAKING`] or [`EXIT_INVALID_INPUT`].
    pub code: u8,
    /// The report (empty on invalid input).
    pub stdout: String,
    /// The located error line (empty on success).
    pub stderr: String,
    /// The report, when both sides could be compared.
    pub report: Option<Report>,
}

/// Runs `spec-diff` as the command line does. `root` is the workspace root: the working-tree
/// spec is `root/openapi/c2a.yaml` and `git` runs there.
pub fn run(args: &Args, root: &Path) -> Outcome {
    match load_sides(args, root).and_then(|(old, new)| crate::diff_sources(&old, &new)) {
        Ok(report) => {
            let breaking = report.summary.breaking > 0;
            Outcome {
                code: if args.fail_on_breaking && breaking { EXIT_BREAKING } else { 0 },
                stdout: render::render(&report, args.format),
                stderr: String::new(),
                report: Some(report),
            }
        }
        Err(e) => Outcome {
            code: EXIT_INVALID_INPUT,
            stdout: String::new(),
            stderr: format!("{e}\n"),
            report: None,
        },
    }
}

fn load_sides(args: &Args, root: &Path) -> Result<(Source, Source), InputError> {
    match (&args.spec_old, &args.spec_new) {
        (Some(old), Some(new)) => Ok((
            Source::file(old, &old.display().to_string())?,
            Source::file(new, &new.display().to_string())?,
        )),
        (None, None) => {
            let rev = args.base.as_deref().unwrap_or("HEAD");
            let old = Source { label: format!("{rev}:{SPEC_PATH}"), text: git::show(root, rev, SPEC_PATH)? };
            Ok((old, Source::file(&root.join(SPEC_PATH), SPEC_PATH)?))
        }
        _ => Err(InputError::new("spec-diff", "--spec-old and --spec-new must be given together")),
    }
}
