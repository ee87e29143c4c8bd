//! One fixture spec per extension family, each with its generated client as a snapshot.
//!
//! `tests/fixtures/<family>.yaml` -> `tests/output/src/<family>.rs`: each snapshot is a
//! module of the `generator-output` crate, compiled against the real runtime with checks
//! that run it, so a pass that emits code that does not build fails `cargo test`.
//!
//! Update with `UPDATE_EXPECT=1 cargo test -p generator --test it families::`, then review
//! the diff like any generated code and run `cargo test -p generator-output`.

use crate::common;

/// The generated client module for `fixtures/<family>.yaml`.
fn generated(family: &str) -> String {
    let spec = common::fixture(&format!("{family}.yaml"));
    let out = generator::generate(&spec, &format!("generator/tests/fixtures/{family}.yaml"))
        .unwrap_or_else(|e| panic!("fixture {family}.yaml must pass every check:\n{e}"));
    assert_eq!(out.files[0].path, generator::CLIENT_MODULE_PATH);
    out.files[0].contents.clone()
}

fn check(family: &str) {
    expect_test::expect_file![format!("../output/src/{family}.rs")].assert_eq(&generated(family));
}

#[test]
fn envelopes_and_codes() {
    check("envelopes_codes");
}

#[test]
fn waiters_and_decisions() {
    check("waiters_decisions");
}

#[test]
fn money_and_redaction() {
    check("money_redaction");
}

#[test]
fn open_enums() {
    check("open_enums");
}
