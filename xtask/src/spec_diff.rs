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
