//! Developer commands for c2a-bindings, run as `cargo xtask <command>` (`codegen`,
//! `spec-diff`, `verify`, `bench`).
//!
//! Every command is a [`clap::Args`] type in [`flags`] implementing [`Run`]: `run` does the
//! work and returns an [`Outcome`] (what to print, the exit status), so `main` dispatches
//! each subcommand the same way, `cmd.run(&root)`.
//!
//! The library half exists so that tests can run the same code as the command line (a
//! `#[test]` fails when the committed client is stale, like `cargo xtask codegen --check`).

pub mod bench;
pub mod codegen;
pub mod flags;
pub mod generated_files;
pub mod scratch_client;
pub mod semver;
pub mod spec_diff;
pub mod sweep;
pub mod verify;

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The workspace root (the directory holding the top-level `Cargo.toml`).
pub fn project_root() -> PathBuf {
    let xtask_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().map(PathBuf::from).unwrap_or(xtask_dir)
}

/// A subcommand of `cargo xtask`.
pub trait Run {
    /// Runs the command in the workspace at `root`.
    fn run(self, root: &Path) -> Outcome;
}

/// What a command prints and how the process exits: the one result shape of every command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Process exit status (0 for success).
    pub code: u8,
    /// Printed to standard output as is.
    pub stdout: String,
    /// Printed to standard error as is.
    pub stderr: String,
}

/// Exit status of a command that failed.
pub const EXIT_FAILURE: u8 = 1;

impl Outcome {
    /// Success: `message` and a newline on standard output.
    pub fn success(message: impl Display) -> Self {
        Self { code: 0, stdout: format!("{message}\n"), stderr: String::new() }
    }

    /// Failure (exit status [`EXIT_FAILURE`]): `error` and a newline on standard error.
    pub fn failure(error: impl Display) -> Self {
        Self { code: EXIT_FAILURE, stdout: String::new(), stderr: format!("{error}\n") }
    }

    /// [`Outcome::success`] with the value or [`Outcome::failure`] with the error.
    pub fn of<T: Display, E: Display>(result: Result<T, E>) -> Self {
        result.map_or_else(Self::failure, Self::success)
    }

    /// Prints both outputs and returns the exit status, for `main`.
    pub fn exit(self) -> ExitCode {
        print!("{}", self.stdout);
        eprint!("{}", self.stderr);
        ExitCode::from(self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_end_their_lines_and_fail_with_status_1() {
        assert_eq!(Outcome::of(Ok::<_, String>("done")), Outcome::success("done"));
        assert_eq!(Outcome::success("done").stdout, "done\n");
        let failed = Outcome::of(Err::<String, _>("broken"));
        assert_eq!((failed.code, failed.stdout.as_str(), failed.stderr.as_str()), (1, "", "broken\n"));
    }
}
