//! The command's contract: exit codes and located errors.

use std::path::PathBuf;
use std::process::ExitCode;

use c2a_verify::{Args, Format, RunError, verify_inputs};

fn args(inputs: Vec<PathBuf>) -> Args {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    Args { inputs, spec: PathBuf::from("openapi/c2a.yaml"), format: Format::Text, fail_on_drift: true }
        .resolved_against(&root)
}

#[test]
fn an_unreadable_har_is_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.har");
    std::fs::write(&path, "{\n  \"log\": {\n    \"entries\": [\n      {\"request\": 5}\n    ]\n  }\n}\n")
        .expect("write");
    let err = verify_inputs(&args(vec![path.clone()])).expect_err("broken HAR");
    assert!(matches!(err, RunError::Har(_)));
    let line = err.to_string();
    assert!(line.starts_with(&format!("{}:4:", path.display())), "{line}");
    assert!(!line.contains('\n'), "{line}");
    let code = c2a_verify::run(args(vec![path]));
    assert_eq!(format!("{code:?}"), format!("{:?}", ExitCode::from(2)));
}

#[test]
fn a_missing_input_is_an_error() {
    let err = verify_inputs(&args(vec![PathBuf::from("no/such/file.har")])).expect_err("missing");
    assert!(err.to_string().contains("no/such/file.har"), "{err}");
}

#[test]
fn the_default_input_is_the_corpus() {
    let report = verify_inputs(&args(Vec::new())).expect("the corpus reads");
    assert!(report.files.iter().any(|f| f.file.starts_with("docs/")));
}

#[test]
fn drift_exits_1_only_when_asked() {
    let clean = verify_inputs(&args(Vec::new())).expect("the corpus reads");
    assert_eq!(c2a_verify::exit_status(&clean, true), 0);

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let recorded =
        std::fs::read_to_string(root.join("openapi/recordings/docs/customers-info.har")).expect("read");
    let dir = tempfile::tempdir().expect("temp dir");
    let divergent = dir.path().join("info.har");
    std::fs::write(&divergent, recorded.replace("customerUrn", "customerId")).expect("write");
    let drifted = verify_inputs(&args(vec![divergent])).expect("reads");
    assert!(drifted.mismatches() > 0);
    assert_eq!(c2a_verify::exit_status(&drifted, true), c2a_verify::EXIT_DRIFT);
    assert_eq!(c2a_verify::exit_status(&drifted, false), 0);
}

#[test]
fn args_parse_as_a_subcommand() {
    use clap::{FromArgMatches, Parser};
    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }
    let cli =
        Cli::try_parse_from(["verify", "a.har", "--format", "json", "--fail-on-drift"]).expect("parses");
    assert_eq!(cli.args.inputs, [PathBuf::from("a.har")]);
    assert_eq!(cli.args.format, Format::Json);
    assert!(cli.args.fail_on_drift);
    let _ = <Args as FromArgMatches>::from_arg_matches;
}

#[test]
fn json_output_is_the_report() {
    let report = verify_inputs(&args(Vec::new())).expect("the corpus reads");
    let json: serde_json::Value =
        serde_json::from_str(&c2a_verify::render(&report, Format::Json)).expect("JSON");
    assert_eq!(json["exchanges"].as_array().map(Vec::len), Some(report.exchanges.len()));
    assert_eq!(json["facts"]["total"], report.facts.total);
    assert!(json["exchanges"][0]["decode"]["outcome"].is_string());
    let text = c2a_verify::render(&report, Format::Text);
    assert!(text.starts_with("c2a verify: "), "{text}");
}
