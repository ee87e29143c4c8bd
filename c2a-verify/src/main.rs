//! `c2a-verify [HAR...] [--spec PATH] [--format F] [--fail-on-drift]`: recorded traffic
//! against the spec and the generated client, as its own binary.
//!
//! `cargo xtask verify` starts this binary (`cargo run -p c2a-verify`) instead of linking the
//! crate, so that xtask, the tool that regenerates the client, never depends on the client.
//! Relative paths are taken from the current directory (xtask runs it from the workspace
//! root).

use std::process::ExitCode;

use clap::Parser;

/// The command line of `c2a-verify`.
#[derive(Debug, Parser)]
#[command(name = "c2a-verify", about = "Check recorded C2A traffic against the spec and the client")]
struct Cli {
    #[command(flatten)]
    args: c2a_verify::Args,
}

fn main() -> ExitCode {
    let root = std::env::current_dir().unwrap_or_default();
    c2a_verify::run(Cli::parse().args.resolved_against(&root))
}
