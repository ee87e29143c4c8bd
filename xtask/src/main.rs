//! `cargo xtask`: developer commands for c2a-bindings (`codegen`, `spec-diff`, `bench`).

use std::process::ExitCode;

use clap::Parser;
use xtask::Run;
use xtask::flags::Cli;

fn main() -> ExitCode {
    Cli::parse().command.run(&xtask::project_root()).exit()
}
