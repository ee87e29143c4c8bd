//! `cargo xtask`: developer commands for c2a-bindings (`codegen`, `spec-diff`, `bench`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::{bench, codegen};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Developer commands for c2a-bindings")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the client from the spec (openapi/c2a.yaml).
    Codegen {
        /// Do not write; exit non-zero with a diff if any generated file is stale.
        #[arg(long)]
        check: bool,
        /// Generate from this spec instead of openapi/c2a.yaml.
        #[arg(long, value_name = "PATH")]
        spec: Option<PathBuf>,
    },
    /// Compare openapi/c2a.yaml with a git revision (or two spec files) and classify every
    /// change as breaking or not for clients, with the generated crate's semver impact.
    SpecDiff(spec_diff::Args),
    /// Run the side-by-side benchmarks (c2a-bench) and print a summary table; `build` (slow)
    /// runs only when named. See BENCHMARKS.md.
    Bench(bench::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Codegen { check, spec } => {
            let mut config = codegen::Config::project(check);
            if let Some(spec) = spec {
                config.spec = spec;
            }
            match codegen::run(&config) {
                Ok(summary) => {
                    println!("{summary}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::SpecDiff(args) => {
            let outcome = spec_diff::run(&args, &xtask::project_root());
            print!("{}", outcome.stdout);
            eprint!("{}", outcome.stderr);
            ExitCode::from(outcome.code)
        }
        Command::Bench(args) => match bench::run(&args, &xtask::project_root()) {
            Ok(summary) => {
                println!("{summary}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
    }
}
