//! Integration tests of the generator, in one binary: the checks and refusals of broken
//! specs, snapshots of the generated client and `API.md`, each post-processing pass alone,
//! and one fixture per extension family.
//!
//! Fixtures are `tests/fixtures/`; the generated modules are written into
//! `tests/output/src/` (the `generator-output` crate compiles them), the other snapshots into
//! `tests/snapshots/` (`expect_file!` paths are relative to the module's file, hence
//! `../snapshots/...`). Update the snapshots with
//! `UPDATE_EXPECT=1 cargo test -p generator --test it` (or a module filter such as
//! `passes::`) and review the diff. Tests run in parallel threads of one process, so none
//! may rely on process-wide state (environment, current directory, files another test writes).

mod common;

mod checks;
mod families;
mod passes;
mod refusals;
mod snapshots;
