//! Integration tests of spec-diff, in one binary: the fixture-pair cases and their snapshot
//! reports (`spec_diff`), git revisions of a scratch repository and the project spec
//! (`spec_diff_git`), every row of the extension registry (`extension_registry`), and rule
//! parity with oasdiff as data (`rule_table`).
//!
//! Data stays beside this directory: `tests/fixtures/spec_diff/<case>/` and
//! `tests/rule_table/` (`expect_file!` paths are relative to the module's file). Update the
//! snapshots with `UPDATE_EXPECT=1 cargo test -p spec-diff --test it spec_diff::` and
//! review the diff. Tests run in parallel threads of one process, so none may rely on
//! process-wide state: no test changes the environment or the current directory (git runs
//! with its own `current_dir`), and each scratch repository is a fresh temporary directory.

mod extension_registry;
mod rule_table;
mod spec_diff;
mod spec_diff_git;
