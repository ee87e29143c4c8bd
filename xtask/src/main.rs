//! `cargo xtask`: developer commands for c2a-bindings.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::codegen;

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
    }
}
