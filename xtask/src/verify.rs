//! `cargo xtask verify [ARGS...]`: recorded traffic (HAR) against the spec and the generated
//! client.
//!
//! The work is done by the `c2a-verify` binary, which links the generated client to decode
//! recorded bodies. xtask starts it with `cargo run` from the workspace root and passes every
//! argument on; it never links it, so a broken or missing `generated.rs` cannot stop
//! `cargo xtask codegen` from building (see ARCHITECTURE.md, "Invariants").

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

use crate::{Outcome, Run};

/// Command-line arguments of `cargo xtask verify`: everything is `c2a-verify`'s (run
/// `cargo xtask verify --help` for them).
#[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
#[command(disable_help_flag = true)]
pub struct Args {
    /// The arguments of `c2a-verify` (HAR files or directories, `--spec`, `--format`,
    /// `--fail-on-drift`, `--help`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
    pub args: Vec<OsString>,
}

impl Args {
    /// `cargo run --quiet -p c2a-verify -- ARGS`, from the workspace root `root`.
    pub fn command(&self, root: &Path) -> Command {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command.current_dir(root).args(["run", "--quiet", "--package", "c2a-verify", "--"]).args(&self.args);
        command
    }
}

impl Run for Args {
    /// Runs `c2a-verify` with the terminal attached and exits with its status: 0, 1 (drift
    /// under `--fail-on-drift`), 2 (unreadable spec or HAR); 1 when it cannot be started.
    fn run(self, root: &Path) -> Outcome {
        let mut command = self.command(root);
        match command.status() {
            Ok(status) => Outcome {
                // A status outside 0..=255 (killed by a signal) is a failure too.
                code: status.code().and_then(|c| u8::try_from(c).ok()).unwrap_or(crate::EXIT_FAILURE),
                stdout: String::new(),
                stderr: String::new(),
            },
            Err(error) => Outcome::failure(format!("cannot start `cargo run -p c2a-verify`: {error}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_argument_reaches_c2a_verify_from_the_workspace_root() {
        let args = Args { args: vec!["recording.har".into(), "--fail-on-drift".into()] };
        let root = Path::new("/workspace");
        let command = args.command(root);
        let argv: Vec<_> = command.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(
            argv,
            ["run", "--quiet", "--package", "c2a-verify", "--", "recording.har", "--fail-on-drift"]
        );
        assert_eq!(command.get_current_dir(), Some(root));
    }
}
