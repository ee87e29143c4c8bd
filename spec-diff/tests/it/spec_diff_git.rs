//! `cargo xtask spec-diff` against git revisions of a scratch repository, its errors, and the
//! whole story on the project's own spec: the report and the `c2a-client/API.md` diff.

use std::path::{Path, PathBuf};
use std::process::Command;

use spec_diff::{self, Args, ChangeKind, Direction, EXIT_BREAKING, EXIT_INVALID_INPUT, Outcome};

const SPEC: &str = "openapi/c2a.yaml";

/// The workspace root.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the crate is in the workspace").to_path_buf()
}

const V1: &str = r"openapi: 3.0.3
info: {title: Scratch API, version: v1}
paths:
  /subscriptions/{id}:
    get:
      operationId: get_subscription
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: The subscription.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Subscription'}
components:
  schemas:
    Subscription:
      type: object
      required: [id]
      properties:
        id: {type: string}
        renewsAt: {type: string, format: date-time}
        state: {$ref: '#/components/schemas/EnState'}
    EnState:
      type: string
      enum: [Active, Canceled]
";

/// `git -c user.name=t -c user.email=t@t ARGS` in `dir`, isolated from the user's config.
fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn write_spec(dir: &Path, text: &str) {
    std::fs::create_dir_all(dir.join("openapi")).expect("mkdir");
    std::fs::write(dir.join(SPEC), text).expect("write spec");
}

/// A repository with two commits: v1, then v2 (a response field removed, an enum value added).
fn scratch_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    git(dir.path(), &["init", "-q"]);
    write_spec(dir.path(), V1);
    git(dir.path(), &["add", SPEC]);
    git(dir.path(), &["commit", "-q", "-m", "v1"]);
    let v2 = V1
        .replace("        renewsAt: {type: string, format: date-time}\n", "")
        .replace("enum: [Active, Canceled]", "enum: [Active, Canceled, Paused]");
    assert_ne!(v2, V1);
    write_spec(dir.path(), &v2);
    git(dir.path(), &["commit", "-q", "-a", "-m", "v2: drop renewsAt, add Paused"]);
    dir
}

fn run(dir: &Path, args: &[&str]) -> Outcome {
    let args = Args::try_parse_from(args).expect("valid arguments");
    spec_diff::run(&args, dir)
}

#[test]
fn base_revision_with_fail_on_breaking() {
    let repo = scratch_repo();
    let outcome = run(repo.path(), &["--base", "HEAD~1", "--fail-on-breaking"]);
    assert_eq!(outcome.stderr, "");
    assert_eq!(outcome.code, EXIT_BREAKING, "{}", outcome.stdout);
    let report = outcome.report.expect("report");
    assert_eq!(report.old_spec, "HEAD~1:openapi/c2a.yaml");
    assert_eq!(report.new_spec, "openapi/c2a.yaml");

    let breaking: Vec<_> = report.breaking().collect();
    assert_eq!(breaking.len(), 1, "{breaking:#?}");
    assert_eq!(
        (breaking[0].kind, breaking[0].location.as_str(), breaking[0].direction),
        (ChangeKind::FieldRemoved, "Subscription.renewsAt", Direction::Response)
    );
    let non_breaking: Vec<_> = report.non_breaking().collect();
    assert_eq!(non_breaking.len(), 1, "{non_breaking:#?}");
    assert_eq!(
        (non_breaking[0].kind, non_breaking[0].member.as_deref()),
        (ChangeKind::EnumValueAdded, Some("Paused"))
    );

    // The markdown lists them in the right sections.
    let md = &outcome.stdout;
    let breaking_at = md.find("### Breaking changes (1)").expect("breaking section");
    let non_breaking_at = md.find("### Non-breaking changes (1)").expect("non-breaking section");
    let field_at = md.find("**`Subscription.renewsAt`**").expect("field listed");
    let value_at = md.find("enum value `Paused` added").expect("value listed");
    assert!(breaking_at < field_at && field_at < non_breaking_at && non_breaking_at < value_at, "{md}");
}

#[test]
fn breaking_changes_exit_zero_without_the_flag_and_head_is_the_default_base() {
    let repo = scratch_repo();
    let outcome = run(repo.path(), &["--base", "HEAD~1", "--format", "json"]);
    assert_eq!(outcome.code, 0);
    let json: serde_json::Value = serde_json::from_str(&outcome.stdout).expect("json");
    assert_eq!(json["summary"]["breaking"], 1);

    // The working tree equals HEAD: nothing to report, even with the flag.
    let outcome = run(repo.path(), &["--fail-on-breaking"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stdout);
    assert_eq!(outcome.report.expect("report").old_spec, "HEAD:openapi/c2a.yaml");
}

/// Each invalid input: exit 2, nothing on stdout, one located line on stderr.
fn assert_invalid(outcome: &Outcome, starts_with: &str, contains: &str) {
    assert_eq!(outcome.code, EXIT_INVALID_INPUT, "{outcome:?}");
    assert_eq!(outcome.stdout, "");
    assert_eq!(outcome.stderr.lines().count(), 1, "one line: {:?}", outcome.stderr);
    assert!(
        outcome.stderr.starts_with(starts_with),
        "{:?} should start with {starts_with:?}",
        outcome.stderr
    );
    assert!(outcome.stderr.contains(contains), "{:?} should contain {contains:?}", outcome.stderr);
}

#[test]
fn invalid_input_is_one_located_line_and_exit_2() {
    let repo = scratch_repo();
    let dir = repo.path();

    let outcome = run(dir, &["--base", "no-such-rev", "--fail-on-breaking"]);
    assert_invalid(&outcome, "no-such-rev:openapi/c2a.yaml: cannot read the spec at revision", "no-such-rev");

    let outcome = run(dir, &["--base=--not-a-rev"]);
    assert_eq!(outcome.code, EXIT_INVALID_INPUT, "an option-like revision is refused: {outcome:?}");

    write_spec(dir, "openapi: 3.0.3\npaths: [1, 2\n");
    let outcome = run(dir, &["--base", "HEAD"]);
    assert_invalid(&outcome, "openapi/c2a.yaml:", "[yaml-syntax]");
    let location = outcome.stderr.split(": ").next().unwrap_or_default();
    assert!(
        location.split(':').skip(1).all(|n| n.parse::<u32>().is_ok()),
        "file:line:column, got {location}"
    );

    // Broken at the revision: located in the revision's text.
    git(dir, &["commit", "-q", "-a", "-m", "broken"]);
    write_spec(dir, V1);
    let outcome = run(dir, &["--base", "HEAD"]);
    assert_invalid(&outcome, "HEAD:openapi/c2a.yaml:", "[yaml-syntax]");

    let missing = dir.join("missing.yaml");
    let spec = dir.join(SPEC);
    let outcome = run(
        dir,
        &[
            "--spec-old",
            missing.to_str().unwrap_or_default(),
            "--spec-new",
            spec.to_str().unwrap_or_default(),
        ],
    );
    assert_invalid(&outcome, &format!("{}: cannot read the spec", missing.display()), "");

    let not_openapi = dir.join("not-openapi.yaml");
    std::fs::write(&not_openapi, "openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n").expect("write");
    let outcome = run(
        dir,
        &[
            "--spec-old",
            spec.to_str().unwrap_or_default(),
            "--spec-new",
            not_openapi.to_str().unwrap_or_default(),
        ],
    );
    assert_invalid(&outcome, &format!("{}#/info: ", not_openapi.display()), "version");
}

/// The done-when scenario on the project's own spec: a response field removed and an enum
/// value added. spec-diff calls the first breaking and the second not, exits 1 under
/// `--fail-on-breaking`, and `c2a-client/API.md` changes by exactly the matching rows.
///
/// (`FollowUpInstructions.retryAfterSeconds` is not the field: the polling helper needs it,
/// so the generator refuses a spec without it.)
#[test]
fn project_spec_edit_is_reported_and_moves_the_api_surface() {
    let root = project_root();
    let original = std::fs::read_to_string(root.join(SPEC)).expect("project spec");
    let field =
        "        bundleSku:\n          type: string\n          description: Tenant-side SKU of the bundle.\n";
    let values = "enum: [Trial, Active, PastDue, Canceled, Reactivated, Expired]";
    for needle in [field, values] {
        assert_eq!(
            original.matches(needle).count(),
            1,
            "the spec changed; update this test's edit: {needle}"
        );
    }
    let edited = original
        .replace(field, "")
        .replace(values, "enum: [Trial, Active, PastDue, Canceled, Reactivated, Expired, Paused]");

    let dir = tempfile::tempdir().expect("tempdir");
    let scratch = dir.path().join("c2a.yaml");
    std::fs::write(&scratch, &edited).expect("write scratch spec");
    let old = root.join(SPEC);
    let (old, new) = (old.to_str().unwrap_or_default(), scratch.to_str().unwrap_or_default());
    let outcome = run(&root, &["--spec-old", old, "--spec-new", new, "--fail-on-breaking"]);
    assert_eq!(outcome.code, EXIT_BREAKING, "{}{}", outcome.stdout, outcome.stderr);
    let report = outcome.report.expect("report");
    assert_eq!(report.changes.len(), 2, "{:#?}", report.changes);
    let removed = report.breaking().next().expect("one breaking change");
    assert_eq!(
        (removed.kind, removed.location.as_str()),
        (ChangeKind::FieldRemoved, "CustomerSubscriptionListResponse.result[].bundleSku")
    );
    let added = report.non_breaking().next().expect("one non-breaking change");
    assert_eq!((added.kind, added.member.as_deref()), (ChangeKind::EnumValueAdded, Some("Paused")));

    let api = |spec: &str| {
        let out = generator::generate(spec, SPEC).expect("generates");
        out.files.into_iter().find(|f| f.path == generator::api_md::API_MD_PATH).expect("API.md").contents
    };
    let (before, after) = (api(&original), api(&edited));
    let diff = similar::TextDiff::from_lines(&before, &after);
    let mut removed_lines = Vec::new();
    let mut added_lines = Vec::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Delete => removed_lines.push(change.value().trim_end().to_owned()),
            similar::ChangeTag::Insert => added_lines.push(change.value().trim_end().to_owned()),
            similar::ChangeTag::Equal => {}
        }
    }
    assert_eq!(removed_lines, ["| `bundle_sku` | `Option<String>` | `bundleSku` |"]);
    assert_eq!(added_lines, ["| `Paused` | — | `Paused` |"]);
}
