//! `cargo xtask spec-diff` on fixture pairs (`fixtures/spec_diff/<case>/{old,new}.yaml`).
//!
//! Each case's report is a snapshot (`expected.txt`, plus `expected.md` and `expected.json`
//! for `response_fields`); update them with
//! `UPDATE_EXPECT=1 cargo test -p spec-diff --test spec_diff` and review the diff. Each case
//! also asserts the verdicts it exists for, so a wrong snapshot cannot hide a wrong verdict.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use expect_test::expect_file;
use spec_diff::{self, Args, Change, ChangeKind, Direction, Format, Impact, Outcome, Report, Semver};

const CASES: [&str; 15] = [
    "operations",
    "parameters",
    "parameter_extensions",
    "request_fields",
    "response_fields",
    "types",
    "enums",
    "extensible_enums",
    "message_codes",
    "media_and_responses",
    "servers_security",
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
    expect_file![format!("fixtures/spec_diff/{case}/expected.txt")].assert_eq(&outcome.stdout);
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

use ChangeKind as K;
use Impact::{Breaking as B, NonBreaking as NB};

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
fn operations() {
    let r = report("operations");
    assert_verdict(&r, K::OperationRemoved, "delete_thing", None, B);
    assert_verdict(&r, K::OperationMoved, "get_thing", None, B);
    assert_eq!(find(&r, K::OperationMoved, "store_thing", None).new.as_deref(), Some("PUT /things"));
    assert_verdict(&r, K::OperationRenamed, "find_things", None, NB);
    assert_eq!(find(&r, K::OperationRenamed, "find_things", None).semver, Semver::Major);
    assert_verdict(&r, K::OperationAdded, "ping", None, NB);
    assert_verdict(&r, K::ExtensionChanged, "store_thing", Some("x-idempotency-key"), NB);
    assert_verdict(&r, K::OperationAdded, "GET /status", None, NB);
    assert!(r.changes.iter().all(|c| c.location != "GET /health"), "unchanged operation without an id");
    assert_eq!((r.summary.breaking, r.summary.non_breaking), (3, 4));
}

#[test]
fn parameters() {
    let r = report("parameters");
    assert_verdict(&r, K::ParameterRemoved, "get_thing", Some("filter"), B);
    assert_verdict(&r, K::ParameterRemoved, "get_thing", Some("expand"), NB);
    assert_verdict(&r, K::ParameterAdded, "get_thing", Some("x-region"), B);
    assert_verdict(&r, K::ParameterAdded, "get_thing", Some("page"), NB);
    assert_verdict(&r, K::ParameterLocationChanged, "get_thing", Some("lang"), B);
    assert_verdict(&r, K::ParameterRequiredChanged, "get_thing", Some("limit"), B);
    assert_verdict(&r, K::ParameterRequiredChanged, "get_thing", Some("sort"), NB);
    assert_verdict(&r, K::TypeChanged, "get_thing.parameters.size", None, B);
    assert_verdict(&r, K::EnumValueRemoved, "get_thing.parameters.mode", Some("slow"), B);
    assert_verdict(&r, K::EnumValueAdded, "get_thing.parameters.mode", Some("eco"), NB);
    assert_verdict(&r, K::DocChanged, "get_thing.parameters.q", None, NB);
    assert_eq!(find(&r, K::ParameterAdded, "get_thing", Some("page")).semver, Semver::Minor);
}

#[test]
fn parameter_extensions() {
    let r = report("parameter_extensions");
    let at = "list_subscriptions.parameters";
    // `x-rust-name` changed, added, removed: the builder setter is renamed, naming both.
    for (parameter, old, new) in [
        ("c", "customer_urn", "customer_id"),
        ("p", "p", "payment_method_urn"),
        ("exId", "external_id", "ex_id"),
    ] {
        let location = format!("{at}.{parameter}");
        assert_verdict(&r, K::ExtensionChanged, &location, Some("x-rust-name"), NB);
        let renamed = find(&r, K::ExtensionChanged, &location, Some("x-rust-name"));
        assert_eq!(renamed.semver, Semver::Major, "{renamed:#?}");
        let setters = format!("The builder setter `.{old}()` becomes `.{new}()`");
        assert!(renamed.rust.starts_with(&setters), "{}", renamed.rust);
        assert!(renamed.detail.contains(&format!("`.{old}()` renamed to `.{new}()`")), "{}", renamed.detail);
    }
    // The name progenitor derives anyway: nothing is renamed.
    let same = find(&r, K::ExtensionChanged, &format!("{at}.pageSize"), Some("x-rust-name"));
    assert_eq!(same.semver, Semver::Patch, "{same:#?}");
    // A key the registry does not know on a parameter is reported too.
    let unknown = find(&r, K::ExtensionChanged, &format!("{at}.lang"), Some("x-internal"));
    assert_eq!((unknown.impact, unknown.semver), (NB, Semver::Patch));
    // Parameters added and removed: their setters are named by `x-rust-name`.
    let added = find(&r, K::ParameterAdded, "list_subscriptions", Some("state"));
    assert!(added.rust.contains("`.subscription_state()`"), "{}", added.rust);
    let removed = find(&r, K::ParameterRemoved, "list_subscriptions", Some("urn"));
    assert!(removed.rust.contains("`.offer_urn()`"), "{}", removed.rust);
    assert_eq!(r.changes.len(), 7, "{:#?}", r.changes);
}

#[test]
fn request_fields() {
    let r = report("request_fields");
    assert_verdict(&r, K::FieldRemoved, "StoreThingRequest.name", None, B);
    assert_verdict(&r, K::FieldRemoved, "StoreThingRequest.nickname", None, NB);
    assert_verdict(&r, K::FieldAdded, "StoreThingRequest.color", None, B);
    assert_verdict(&r, K::FieldAdded, "StoreThingRequest.note", None, NB);
    assert_verdict(&r, K::RequiredChanged, "StoreThingRequest.age", None, B);
    assert_verdict(&r, K::RequiredChanged, "StoreThingRequest.tag", None, NB);
    assert_verdict(&r, K::FieldAdded, "StoreThingRequest.address.city", None, B);
    assert_verdict(&r, K::FieldRemoved, "StoreThingRequest.address.zip", None, NB);
    let city = find(&r, K::FieldAdded, "StoreThingRequest.address.city", None);
    assert_eq!(city.direction, Direction::Request);
    assert!(city.rust.contains("`types::Address` gains the public field `city`"), "{}", city.rust);
    assert!(r.changes.iter().all(|c| c.semver == Semver::Major), "struct fields change: all semver-major");
}

#[test]
fn response_fields() {
    let r = report("response_fields");
    let removed = find(&r, K::FieldRemoved, "CheckoutResult.followUpInstructions.retryAfterSeconds", None);
    assert_eq!(removed.impact, B);
    assert_eq!(removed.direction, Direction::Response);
    assert_eq!(removed.operations, ["get_checkout_status", "submit_checkout"]);
    assert!(removed.rust.contains("`retry_after_seconds` disappears from `types::FollowUpInstructions`"));
    // Reached through two different paths: reported once, under the component.
    assert_verdict(&r, K::FieldRemoved, "AzotteStatus.message", None, B);
    assert_verdict(&r, K::FieldAdded, "CheckoutResult.eta", None, NB);
    // In a response, optional -> required is safe and required -> optional is not.
    assert_verdict(&r, K::RequiredChanged, "CheckoutResult.stage", None, NB);
    assert_verdict(&r, K::RequiredChanged, "CheckoutResult.trackingNumber", None, B);
    assert_eq!(r.changes.len(), 5, "{:#?}", r.changes);

    let markdown = run_case("response_fields", "markdown");
    expect_file!["fixtures/spec_diff/response_fields/expected.md"].assert_eq(&markdown.stdout);
    let json = run_case("response_fields", "json");
    expect_file!["fixtures/spec_diff/response_fields/expected.json"].assert_eq(&json.stdout);
    let parsed: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    assert_eq!(parsed["summary"]["breaking"], 3);
    assert_eq!(parsed["summary"]["semver"], "major");
    assert_eq!(parsed["changes"][0]["impact"], "breaking");
    assert_eq!(parsed["changes"][0]["kind"], "field_removed");
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
fn types() {
    let r = report("types");
    assert_verdict(&r, K::TypeChanged, "ThingIn.count", None, NB); // int32 -> int64 sent: widened
    assert_verdict(&r, K::TypeChanged, "ThingOut.total", None, B); // int32 -> int64 received
    assert_verdict(&r, K::TypeChanged, "ThingIn.when", None, NB); // date-time -> any string, sent
    assert_verdict(&r, K::TypeChanged, "ThingIn.kind", None, B); // string -> enum: narrowed
    assert_verdict(&r, K::TypeChanged, "ThingOut.state", None, NB); // enum dropped, received
    assert_verdict(&r, K::TypeChanged, "ThingOut.size", None, B);
    assert_verdict(&r, K::TypeChanged, "ThingIn.tags[]", None, B);
    assert_verdict(&r, K::NullableChanged, "ThingIn.note", None, B);
    assert_verdict(&r, K::NullableChanged, "ThingIn.memo", None, NB);
    assert_verdict(&r, K::NullableChanged, "ThingOut.label", None, B);
    assert_eq!(
        find(&r, K::NullableChanged, "ThingOut.label", None).semver,
        Semver::Major,
        "required: T -> Option<T>"
    );
    assert_eq!(
        find(&r, K::NullableChanged, "ThingIn.memo", None).semver,
        Semver::Patch,
        "optional: Option either way"
    );
    assert_verdict(&r, K::RefChanged, "ThingOut.owner", None, NB);
    assert_verdict(&r, K::FieldAdded, "ThingOut.owner.email", None, NB);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.code", Some("maxLength"), B);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.level", Some("default"), NB);
    assert_verdict(&r, K::KeywordChanged, "ThingIn.meta", Some("additionalProperties"), B);
    assert_verdict(&r, K::ExtensionChanged, "ThingIn.secret", Some("x-sensitive"), NB);
    assert_eq!(find(&r, K::ExtensionChanged, "ThingIn.secret", None).semver, Semver::Patch, "Debug only");
    assert_verdict(&r, K::ExtensionChanged, "ThingOut", Some("x-money"), NB);
    assert_eq!(find(&r, K::ExtensionChanged, "ThingOut", None).semver, Semver::Minor, "a new helper");
    assert_verdict(&r, K::SchemaRemoved, "Person", None, NB);
    assert_verdict(&r, K::SchemaAdded, "Owner", None, NB);
}

#[test]
fn enums() {
    let r = report("enums");
    assert_verdict(&r, K::EnumValueRemoved, "SubscriptionRequest.state", Some("Paused"), B);
    assert_verdict(&r, K::EnumValueRemoved, "Subscription.state", Some("Paused"), B);
    assert_verdict(&r, K::EnumValueAdded, "SubscriptionRequest.state", Some("Expired"), NB);
    let added = find(&r, K::EnumValueAdded, "Subscription.state", Some("Expired"));
    assert_eq!(
        (added.impact, added.semver),
        (NB, Semver::Major),
        "tolerated on the wire, not by exhaustive matches"
    );
    assert!(added.rust.contains("`match`") && added.rust.contains("`types::EnState`"), "{}", added.rust);
    let unused = find(&r, K::EnumValueRemoved, "EnUnused", Some("B"));
    assert_eq!((unused.impact, unused.direction), (NB, Direction::Unused));
}

#[test]
fn extensible_enums() {
    let r = report("extensible_enums");
    // A new value of a marked enum in a response: the spec said values beyond the list may come.
    let added = find(&r, K::EnumValueAdded, "Card.provider", Some("Troy"));
    assert_eq!(added.impact, NB, "{added:#?}");
    assert!(added.reason.contains("x-extensible-enum"), "{}", added.reason);
    // Dropping the mark closes the set: breaking where clients receive the enum, not where they send it.
    let dropped = |direction| {
        r.changes
            .iter()
            .find(|c| {
                c.kind == K::ExtensionChanged
                    && c.location == "EnChannel"
                    && c.member.as_deref() == Some("x-extensible-enum")
                    && c.direction == direction
            })
            .unwrap_or_else(|| panic!("x-extensible-enum dropped, {direction:?}: {:#?}", r.changes))
    };
    assert_eq!((dropped(Direction::Response).impact, dropped(Direction::Request).impact), (B, NB));
    assert_eq!(dropped(Direction::Response).semver, Semver::Patch, "no generated code changes");
    assert_verdict(&r, K::ExtensionChanged, "EnCountry", Some("x-extensible-enum"), NB);
}

#[test]
fn message_codes() {
    let r = report("message_codes");
    assert_verdict(&r, K::MessageCodeRemoved, "get_order", Some("DONE"), B);
    assert_verdict(&r, K::MessageCodeRemoved, "get_order", Some("OLD_ERROR"), NB);
    assert_verdict(&r, K::MessageCodeSuccessChanged, "get_order", Some("PENDING"), B);
    assert_verdict(&r, K::MessageCodeSuccessChanged, "get_order", Some("FAILED"), NB);
    assert_verdict(&r, K::MessageCodeAdded, "get_order", Some("NEW_ERROR"), NB);
    assert_verdict(&r, K::MessageCodeAdded, "get_order", Some("SHARED"), NB);
    assert_verdict(&r, K::MessageCodeChanged, "get_order", Some("NOT_FOUND"), NB);
    // New to the whole spec: a new variant of the message-code enum; already used elsewhere: none.
    assert_eq!(find(&r, K::MessageCodeAdded, "get_order", Some("NEW_ERROR")).semver, Semver::Major);
    assert_eq!(find(&r, K::MessageCodeAdded, "get_order", Some("SHARED")).semver, Semver::Patch);
    assert_eq!(find(&r, K::MessageCodeRemoved, "get_order", Some("OLD_ERROR")).semver, Semver::Patch);
}

#[test]
fn media_types_and_responses() {
    let r = report("media_and_responses");
    assert_verdict(&r, K::MediaTypeRemoved, "store_thing", Some("application/json"), B);
    assert_verdict(&r, K::MediaTypeAdded, "store_thing", Some("application/xml"), NB);
    assert_verdict(&r, K::MediaTypeRemoved, "store_thing", Some("application/clientOutput+Json"), B);
    assert_verdict(&r, K::RequestBodyRequiredChanged, "store_thing", None, NB);
    assert_verdict(&r, K::ResponseRemoved, "store_thing", Some("409"), NB);
    assert_verdict(&r, K::ResponseAdded, "store_thing", Some("404"), NB);
    assert_verdict(&r, K::ResponseRemoved, "get_thing", Some("200"), B);
    assert_verdict(&r, K::ResponseAdded, "get_thing", Some("202"), B);
    assert_verdict(&r, K::RequestBodyAdded, "touch_thing", None, B);
    assert_verdict(&r, K::RequestBodyAdded, "peek", None, NB);
    assert_verdict(&r, K::RequestBodyRemoved, "drop_thing", None, B);
    assert!(
        r.changes.iter().all(|c| c.scope == spec_diff::Scope::Operation),
        "same schemas: no field changes"
    );
}

#[test]
fn servers_and_security() {
    let r = report("servers_security");
    assert_verdict(&r, K::ServerRemoved, "servers", Some("https://api.example.test/v1"), B);
    assert_verdict(&r, K::ServerAdded, "servers", Some("https://edge.example.test/v1"), NB);
    assert_verdict(&r, K::ServerChanged, "servers", Some("https://{region}.sandbox.example.test/v1"), NB);
    assert_verdict(&r, K::SecurityRequirementAdded, "security", Some("Bearer"), NB);
    assert_verdict(&r, K::SecurityRequirementRemoved, "get_public", Some("no authentication"), B);
    assert_verdict(&r, K::SecuritySchemeChanged, "securitySchemes.TenantId", None, B);
    assert_verdict(&r, K::SecuritySchemeRemoved, "securitySchemes.Legacy", None, NB);
    assert_verdict(&r, K::SecuritySchemeAdded, "securitySchemes.Bearer", None, NB);
    assert_eq!(r.semver(), Semver::Patch, "servers and credentials are client configuration");
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
fn components() {
    let r = report("components");
    assert_verdict(&r, K::SchemaRemoved, "Legacy", None, NB);
    assert_eq!(find(&r, K::SchemaRemoved, "Legacy", None).semver, Semver::Major);
    assert_verdict(&r, K::SchemaAdded, "Fresh", None, NB);
    assert_eq!(find(&r, K::SchemaAdded, "Fresh", None).semver, Semver::Minor);
    let renamed = find(&r, K::RefChanged, "get_thing.responses.200", None);
    assert_eq!((renamed.old.as_deref(), renamed.new.as_deref()), (Some("Thing"), Some("Item")));
    assert_eq!(renamed.impact, NB, "same shape on the wire");
    let spare = find(&r, K::FieldAdded, "Spare.c", None);
    assert_eq!((spare.impact, spare.direction), (NB, Direction::Unused), "no operation uses Spare");
}

#[test]
fn cycles_terminate_and_report_once() {
    let r = report("cycles");
    assert_verdict(&r, K::FieldAdded, "Node.label", None, NB);
    assert_verdict(&r, K::FieldRemoved, "A.b.x", None, B);
    assert_verdict(&r, K::FieldAdded, "A.b.y", None, NB);
    assert_eq!(r.changes.len(), 3, "{:#?}", r.changes);
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
