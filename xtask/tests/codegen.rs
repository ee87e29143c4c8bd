//! `cargo xtask codegen` behaviour, on temporary copies so the real tree is never touched.

use std::path::{Path, PathBuf};

use xtask::codegen::{CodegenError, Config, run};
use xtask::fs::FileStatus;

const OUT: &str = "c2a-client/src/generated.rs";

fn minimal_fixture() -> String {
    let path = xtask::project_root().join("generator/tests/fixtures/minimal.yaml");
    std::fs::read_to_string(path).expect("fixture")
}

fn config(dir: &Path, spec_text: &str, check: bool) -> Config {
    let spec = dir.join("spec.yaml");
    std::fs::write(&spec, spec_text).expect("write spec");
    Config { spec, out_root: dir.to_path_buf(), check }
}

fn out_path(dir: &Path) -> PathBuf {
    dir.join(OUT)
}

/// The committed client matches what the spec produces (what CI's `--check` verifies).
#[test]
fn committed_client_is_fresh() {
    if let Err(e) = run(&Config::project(true)) {
        panic!("{e}");
    }
}

#[test]
fn broken_spec_writes_nothing_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = minimal_fixture().replace("operationId: store_thing", "operationId: get_thing");

    let err = run(&config(dir.path(), &broken, false)).expect_err("duplicate operationId");
    let CodegenError::Spec(diagnostics) = &err else { panic!("expected a spec error, got {err}") };
    assert_eq!(diagnostics.items.len(), 1);
    assert!(err.to_string().contains("duplicate operationId `get_thing`"), "{err}");
    assert!(!out_path(dir.path()).exists(), "nothing may be written for a broken spec");

    std::fs::create_dir_all(out_path(dir.path()).parent().expect("parent")).expect("mkdir");
    std::fs::write(out_path(dir.path()), "previous contents").expect("write");
    run(&config(dir.path(), &broken, false)).expect_err("still broken");
    assert_eq!(std::fs::read_to_string(out_path(dir.path())).expect("read"), "previous contents");
}

#[test]
fn check_fails_with_a_diff_after_a_spec_edit_and_codegen_fixes_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = minimal_fixture();

    let first = run(&config(dir.path(), &spec, false)).expect("generate");
    assert_eq!(first.files, [(OUT.to_owned(), FileStatus::Written)]);
    assert_eq!(
        (first.operations, first.types),
        (2, 6),
        "AzotteStatus, StatusResponse, ThingResponse, Thing, EnColor, Milpieces"
    );
    let again = run(&config(dir.path(), &spec, true)).expect("fresh");
    assert_eq!(again.files, [(OUT.to_owned(), FileStatus::Unchanged)]);

    let edited = spec.replace("summary: Fetch one thing.", "summary: Fetch exactly one thing.");
    assert_ne!(edited, spec);
    let err = run(&config(dir.path(), &edited, true)).expect_err("stale");
    let message = err.to_string();
    assert!(message.contains(&format!("--- {OUT} (on disk)")), "{message}");
    assert!(message.contains("+    /**Fetch exactly one thing"), "{message}");
    assert!(message.contains("-    /**Fetch one thing"), "{message}");
    assert!(message.ends_with("run `cargo xtask codegen`"), "{message}");

    let fixed = run(&config(dir.path(), &edited, false)).expect("regenerate");
    assert_eq!(fixed.files, [(OUT.to_owned(), FileStatus::Written)]);
    run(&config(dir.path(), &edited, true)).expect("fresh after regenerating");
}

#[test]
fn unreadable_spec_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config =
        Config { spec: dir.path().join("missing.yaml"), out_root: dir.path().to_path_buf(), check: false };
    let err = run(&config).expect_err("missing spec");
    assert!(matches!(err, CodegenError::Read(..)), "{err}");
}
