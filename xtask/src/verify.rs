//! `cargo xtask verify`: the command line of the `c2a-verify` crate, which checks recorded
//! traffic (HAR) against the spec and the generated client (report on stdout; exit 0, 1 for
//! drift under `--fail-on-drift`, 2 for an unreadable spec or HAR).

use std::path::Path;

pub use c2a_verify::Args;

use crate::{Outcome, Run};

impl Run for Args {
    fn run(self, root: &Path) -> Outcome {
        let args = self.resolved_against(root);
        match c2a_verify::check(&args) {
            Ok(report) => Outcome {
                code: c2a_verify::exit_status(&report, args.fail_on_drift),
                stdout: c2a_verify::render(&report, args.format),
                stderr: String::new(),
            },
            Err(error) => Outcome {
                code: c2a_verify::EXIT_INVALID_INPUT,
                stdout: String::new(),
                stderr: format!("error: {error}\n"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(inputs: Vec<std::path::PathBuf>) -> Args {
        Args {
            inputs,
            spec: "openapi/c2a.yaml".into(),
            format: c2a_verify::Format::Text,
            fail_on_drift: true,
        }
    }

    #[test]
    fn the_committed_corpus_verifies_clean_and_reports_its_confirmed_facts() {
        let outcome = args(Vec::new()).run(&crate::project_root());
        assert_eq!((outcome.code, outcome.stderr.as_str()), (0, ""), "{}", outcome.stdout);
        assert!(outcome.stdout.contains("inferred facts confirmed"), "{}", outcome.stdout);
    }

    #[test]
    fn an_unreadable_har_is_one_located_line_and_exit_2() {
        let dir = tempfile::tempdir().expect("temp dir");
        let broken = dir.path().join("broken.har");
        std::fs::write(&broken, "{\n  \"log\": [\n").expect("write");
        let outcome = args(vec![broken]).run(&crate::project_root());
        assert_eq!(outcome.code, 2);
        assert_eq!(outcome.stderr.lines().count(), 1, "{}", outcome.stderr);
        assert!(outcome.stderr.contains("broken.har:"), "{}", outcome.stderr);
    }
}
