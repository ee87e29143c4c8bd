//! The command line of `cargo xtask`: one subcommand per module, each an `Args` type that
//! implements [`crate::Run`].

use std::path::Path;

use clap::{Parser, Subcommand};

use crate::{Outcome, Run, bench, codegen, semver, spec_diff, sweep, verify};

/// `cargo xtask <command>`.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "Developer commands for c2a-bindings")]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of `cargo xtask`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerate the client from the spec (openapi/c2a.yaml).
    Codegen(codegen::Args),
    /// Compare openapi/c2a.yaml with a git revision (or two spec files) and classify every
    /// change as breaking or not for clients, with the generated crate's semver impact.
    SpecDiff(spec_diff::Args),
    /// Check spec-diff's semver verdict for c2a-client on the generated code
    /// (cargo-semver-checks and a compiled witness), against a revision or fixture edits.
    SemverCheck(semver::Args),
    /// Regenerate and `cargo check` each single-change variant of openapi/c2a.yaml: every
    /// accepted spec must yield a client that compiles, every refusal must be located.
    Sweep(sweep::Args),
    /// Run the side-by-side benchmarks (c2a-bench) and print a summary table; `build` (slow)
    /// runs only when named. See BENCHMARKS.md.
    Bench(bench::Args),
    /// Check recorded traffic (HAR files; default openapi/recordings/) against the spec and
    /// the generated client: shape, unknown fields and codes, decoding, confirmed facts.
    /// Runs the `c2a-verify` binary (`cargo run -p c2a-verify`), which links the client.
    Verify(verify::Args),
}

impl Run for Command {
    fn run(self, root: &Path) -> Outcome {
        match self {
            Self::Codegen(cmd) => cmd.run(root),
            Self::SpecDiff(cmd) => cmd.run(root),
            Self::Sweep(cmd) => cmd.run(root),
            Self::SemverCheck(cmd) => cmd.run(root),
            Self::Bench(cmd) => cmd.run(root),
            Self::Verify(cmd) => cmd.run(root),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        <Cli as clap::CommandFactory>::command().debug_assert();
        let cli = Cli::try_parse_from(["cargo xtask", "codegen", "--check"]).expect("parses");
        assert!(matches!(cli.command, Command::Codegen(codegen::Args { check: true, spec: None })));
        let cli = Cli::try_parse_from(["cargo xtask", "spec-diff", "--base", "HEAD~1"]).expect("parses");
        assert!(matches!(cli.command, Command::SpecDiff(args) if args.base.as_deref() == Some("HEAD~1")));
        let cli =
            Cli::try_parse_from(["cargo xtask", "verify", "--fail-on-drift", "--format", "text", "a.har"])
                .expect("parses");
        let Command::Verify(verify) = cli.command else { panic!("verify") };
        assert_eq!(verify.args, ["--fail-on-drift", "--format", "text", "a.har"]);
        let cli =
            Cli::try_parse_from(["cargo xtask", "verify", "--help"]).expect("--help goes to c2a-verify");
        assert!(matches!(cli.command, Command::Verify(verify) if verify.args == ["--help"]));
    }
}
