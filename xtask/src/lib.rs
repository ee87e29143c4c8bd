//! Developer commands for c2a-bindings, run as `cargo xtask <command>` (`codegen`,
//! `spec-diff`, `bench`).
//!
//! The library half exists so that tests can run the same code as the command line (a
//! `#[test]` fails when the committed client is stale, like `cargo xtask codegen --check`).

pub mod bench;
pub mod codegen;
pub mod fs;

use std::path::PathBuf;

/// The workspace root (the directory holding the top-level `Cargo.toml`).
pub fn project_root() -> PathBuf {
    let xtask_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().map(PathBuf::from).unwrap_or(xtask_dir)
}
