//! `cargo xtask spec-diff` on fixture pairs
//! (`tests/fixtures/spec_diff/<case>/{old,new}.yaml`).
//!
//! Each case's report is a snapshot (`expected.txt`, plus `expected.md` and `expected.json`
//! for `response_fields`); update them with
//! `UPDATE_EXPECT=1 cargo test -p spec-diff --test it spec_diff::` and review the diff. Each
//! case also asserts the verdicts it exists for, so a wrong snapshot cannot hide a wrong
//! verdict.
//! The cases are in `operations` (operations, parameters and their defaults, responses,
//! headers, media types, message codes, waiters, security and OAuth scopes) and `schemas`
//! (fields, types, keywords, defaults, enums, composition, readOnly and writeOnly,
//! components); `generated` checks verdicts on the Rust crate against the generator.

mod generated;
mod operations;
mod schemas;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use expect_test::expect_file;
use spec_diff::{self, Args, Change, ChangeKind, Format, Impact, Outcome, Report, Semver};

use ChangeKind as K;
use Impact::{Breaking as B, NonBreaking as NB};

const CASES: [&str; 28] = [
    "operations",
    "parameters",
    "parameter_extensions",
    "parameter_defaults",
    "request_fields",
    "response_fields",
    "response_headers",
    "types",
    "keywords",
    "wrapped_refs",
    "composition",
    "read_write_only",
    "defaults",
    "enums",
    "extensible_enums",
    "message_codes",
    "message_code_renames",
    "waiters",
    "media_and_responses",
    "media_type_parameters",
    "servers_security",
    "security_relaxed",
    "oauth_scopes",
    "deviations",
    "docs",
    "components",
    "cycles",
    "identical",
];

/// The workspace root.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the crate is in the workspace").to_path_buf()
}

/// Runs the case as `--spec-old old.yaml --spec-new new.yaml --format FORMAT
/// --fail-on-breaking`, with paths relative to the spec-diff directory (stable in snapshots).
fn run_case(case: &str, format: &str) -> Outcome {
    let dir = format!("tests/fixtures/spec_diff/{case}");
    let old = format!("{dir}/old.yaml");
    let new = format!("{dir}/new.yaml");
    let args = Args::try_parse_from([
        "--spec-old",
        &old,
        "--spec-new",
        &new,
        "--format",
        format,
        "--fail-on-breaking",
    ])
    .expect("valid arguments");
    spec_diff::run(&args, &project_root())
}

fn report(case: &str) -> Report {
    let outcome = run_case(case, "text");
    assert_eq!(outcome.stderr, "", "{case}: no error expected");
    expect_file![format!("../../fixtures/spec_diff/{case}/expected.txt")].assert_eq(&outcome.stdout);
    let report = outcome.report.expect("a report");
    let expected_code = if report.summary.breaking > 0 { 1 } else { 0 };
    assert_eq!(outcome.code, expected_code, "{case}: --fail-on-breaking exit status");
    report
}

/// The one change of `kind` at `location` (and `member`, when given).
fn find<'r>(report: &'r Report, kind: ChangeKind, location: &str, member: Option<&str>) -> &'r Change {
    let found: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| {
            c.kind == kind && c.location == location && member.is_none_or(|m| c.member.as_deref() == Some(m))
        })
        .collect();
    assert_eq!(found.len(), 1, "exactly one {kind:?} at {location} {member:?} in {:#?}", report.changes);
    found[0]
}

fn assert_verdict(report: &Report, kind: ChangeKind, location: &str, member: Option<&str>, impact: Impact) {
    let change = find(report, kind, location, member);
    assert_eq!(change.impact, impact, "{change:#?}");
    assert!(!change.reason.is_empty() && change.reason.ends_with('.'), "one-sentence reason: {change:#?}");
    assert!(!change.rust.is_empty(), "a Rust semver note: {change:#?}");
}

#[test]
fn every_case_has_a_test_and_a_snapshot() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_diff");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(on_disk, CASES.iter().map(|c| (*c).to_owned()).collect::<BTreeSet<_>>());
    for case in CASES {
        for file in ["old.yaml", "new.yaml", "expected.txt"] {
            assert!(dir.join(case).join(file).is_file(), "{case}/{file}");
        }
    }
}

#[test]
fn the_cases_cover_every_change_kind() {
    let seen: BTreeSet<ChangeKind> =
        CASES.iter().flat_map(|case| report(case).changes.into_iter().map(|c| c.kind)).collect();
    let missing: Vec<_> = ChangeKind::ALL.iter().filter(|k| !seen.contains(k)).collect();
    assert!(missing.is_empty(), "no fixture produces {missing:?}");
}

#[test]
fn markdown_puts_counts_first_then_breaking_non_breaking_and_the_verdict() {
    let md = run_case("response_fields", "markdown").stdout;
    let at = |needle: &str| md.find(needle).unwrap_or_else(|| panic!("{needle:?} missing from:\n{md}"));
    assert!(at("**5 changes: 3 breaking, 2 non-breaking.**") < at("### Breaking changes (3)"));
    assert!(at("### Breaking changes (3)") < at("`CheckoutResult.followUpInstructions.retryAfterSeconds`"));
    assert!(
        at("`CheckoutResult.followUpInstructions.retryAfterSeconds`") < at("### Non-breaking changes (2)")
    );
    assert!(at("### Non-breaking changes (2)") < at("`CheckoutResult.eta`"));
    assert!(at("`CheckoutResult.eta`") < at("### Semver verdict"));
}

#[test]
fn docs_only() {
    let r = report("docs");
    assert_eq!(r.summary.breaking, 0);
    assert!(
        r.changes.iter().all(|c| c.kind == K::DocChanged && c.semver == Semver::Patch),
        "{:#?}",
        r.changes
    );
    for location in
        ["info", "get_thing", "get_thing.parameters.id", "get_thing.responses.200", "Thing", "Thing.name"]
    {
        assert!(r.changes.iter().any(|c| c.location == location), "doc change at {location}");
    }
    let md = run_case("docs", "markdown").stdout;
    assert!(md.contains("<details><summary>Documentation-only changes (7)</summary>"), "{md}");
}

#[test]
fn deliberate_deviations_from_oasdiff() {
    // Each is listed with its reason in the README ("Deliberate deviations from oasdiff").
    let r = report("deviations");
    assert_verdict(&r, K::SecuritySchemeChanged, "securitySchemes.ApiKey", Some("ApiKey"), B);
    assert_verdict(&r, K::FieldRemoved, "Thing.owner.email", None, B); // `allOf` member dropped
    // The member itself is reported apart, breaking nothing: what it took away is the fields.
    assert_verdict(&r, K::AllOfMemberRemoved, "Thing.owner", Some("Contact"), NB);
    assert_verdict(&r, K::TypeChanged, "Thing.when", None, B); // date-time -> date, received
    assert_verdict(&r, K::ResponseAdded, "get_thing", Some("202"), B);
    assert_eq!(r.summary.breaking, 4, "{:#?}", r.changes);
}

#[test]
fn identical_specs_have_no_changes() {
    let r = report("identical");
    assert!(r.changes.is_empty());
    assert_eq!(r.semver(), Semver::None);
    let md = run_case("identical", "markdown");
    assert_eq!(md.code, 0);
    assert!(md.stdout.contains("No changes."), "{}", md.stdout);
}

#[test]
fn output_is_deterministic() {
    for format in ["markdown", "text", "json"] {
        let first = run_case("types", format).stdout;
        assert_eq!(run_case("types", format).stdout, first, "{format}");
    }
}

#[test]
fn the_project_spec_has_no_changes_against_itself() {
    let spec = project_root().join(spec_diff::SPEC_PATH);
    let args = Args { spec_old: Some(spec.clone()), spec_new: Some(spec), ..Args::default() };
    let outcome = spec_diff::run(&args, &project_root());
    assert_eq!((outcome.code, outcome.stderr.as_str()), (0, ""));
    assert!(outcome.report.expect("report").changes.is_empty());
}

#[test]
fn format_defaults_to_markdown_and_flags_parse() {
    let args = Args::try_parse_from(["--base", "HEAD~2", "--fail-on-breaking"]).expect("parses");
    assert_eq!(
        (args.base.as_deref(), args.format, args.fail_on_breaking),
        (Some("HEAD~2"), Format::Markdown, true)
    );
    assert!(Args::try_parse_from(["--spec-old", "a.yaml"]).is_err(), "--spec-old needs --spec-new");
    assert!(
        Args::try_parse_from(["--base", "HEAD", "--spec-old", "a", "--spec-new", "b"]).is_err(),
        "exclusive"
    );
    assert!(Args::try_parse_from(["--format", "yaml"]).is_err());
}
