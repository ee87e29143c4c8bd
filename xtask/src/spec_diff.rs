//! `cargo xtask spec-diff`: the command line of the `spec-diff` crate, which does the work
//! (comparison, classification, reports, exit status 0/1/2).

use std::path::Path;

pub use spec_diff::Args;

use crate::{Outcome, Run};

impl Run for Args {
    fn run(self, root: &Path) -> Outcome {
        let outcome = spec_diff::run(&self, root);
        Outcome { code: outcome.code, stdout: outcome.stdout, stderr: outcome.stderr }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_keeps_the_crates_output_and_exit_status() {
        let root = crate::project_root();
        let spec = root.join(spec_diff::SPEC_PATH);
        let same = Args { spec_old: Some(spec.clone()), spec_new: Some(spec.clone()), ..Args::default() };
        let outcome = same.clone().run(&root);
        assert_eq!((outcome.code, outcome.stderr.as_str()), (0, ""));
        assert_eq!(outcome.stdout, spec_diff::run(&same, &root).stdout);

        let missing =
            Args { spec_old: Some(root.join("no-such.yaml")), spec_new: Some(spec), ..Args::default() };
        let outcome = missing.run(&root);
        assert_eq!((outcome.code, outcome.stdout.as_str()), (spec_diff::EXIT_INVALID_INPUT, ""));
        assert!(outcome.stderr.contains("no-such.yaml: cannot read the spec"), "{}", outcome.stderr);
    }
}
