//! The spec-edit loop as a spec author lives it, measured on two revisions side by side in
//! one run: this one (`HEAD`) and a base (`C2A_BENCH_LOOP_BASE`, default the last main on
//! which xtask still linked the client).
//!
//! For each revision, a copy of its committed tree (`git archive REV`) with a target
//! directory of its own:
//! - **fresh clone**: the target directory starts empty and `cargo xtask codegen` is timed,
//!   compiling whatever xtask's dependency graph holds;
//! - **warm loop**: then, per round, one schema `description` is edited (it becomes a doc
//!   comment, so the generated code changes), `cargo xtask codegen` is timed, then the next
//!   `cargo xtask` command (`cargo xtask codegen --check`). One untimed round first.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::harness::median;

/// The default base: main before `xtask` stopped depending on the client.
pub const DEFAULT_BASE: &str = "1c7f16b";

/// One revision's figures, in seconds.
#[derive(Clone, Debug, Default)]
pub struct LoopFigures {
    /// The revision as given (`HEAD`, a commit).
    pub revision: String,
    /// `cargo xtask codegen` in a fresh copy with an empty target directory.
    pub fresh_clone: f64,
    /// `cargo xtask codegen` after each description edit.
    pub codegen: Vec<f64>,
    /// The `cargo xtask` command after that (`codegen --check`).
    pub next_command: Vec<f64>,
}

impl LoopFigures {
    /// Median of [`LoopFigures::codegen`].
    pub fn codegen_median(&self) -> f64 {
        median(&self.codegen)
    }

    /// Median of [`LoopFigures::next_command`].
    pub fn next_command_median(&self) -> f64 {
        median(&self.next_command)
    }
}

/// Measures `revision` of the repository at `repo` in `scratch/<name>`: the fresh-clone
/// codegen, then `rounds` warm rounds.
///
/// # Panics
/// When the revision cannot be copied or a command fails (a benchmark has nothing to
/// report then).
pub fn measure(cargo: &str, repo: &Path, revision: &str, scratch: &Path, rounds: usize) -> LoopFigures {
    let copy = scratch.join(format!("loop-{}", revision.replace(['/', '~', '^'], "_")));
    checkout(repo, revision, &copy);
    let run = |args: &[&str]| -> (f64, String) {
        let started = Instant::now();
        let output = Command::new(cargo)
            .args(args)
            .current_dir(&copy)
            .env("CARGO_TARGET_DIR", copy.join("target"))
            .env_remove("RUSTFLAGS")
            .output()
            .expect("start cargo");
        let seconds = started.elapsed().as_secs_f64();
        assert!(
            output.status.success(),
            "{revision}: cargo {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        (seconds, String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let (fresh_clone, _) = run(&["xtask", "codegen"]);
    eprintln!("build: loop {revision}: fresh clone codegen {fresh_clone:.1} s");
    let spec_path = copy.join("openapi/c2a.yaml");
    let spec = std::fs::read_to_string(&spec_path).expect("the copy's spec");
    let mut figures = LoopFigures { revision: revision.to_owned(), fresh_clone, ..LoopFigures::default() };
    for round in 0..=rounds {
        std::fs::write(&spec_path, edit_description(&spec, round)).expect("edit the spec");
        let (codegen, stdout) = run(&["xtask", "codegen"]);
        assert!(
            stdout.contains("generated.rs: written"),
            "{revision}: the edit did not change the code: {stdout}"
        );
        let (next, _) = run(&["xtask", "codegen", "--check"]);
        if round > 0 {
            figures.codegen.push(codegen);
            figures.next_command.push(next);
        }
    }
    eprintln!(
        "build: loop {revision}: codegen {:.2} s, next command {:.2} s (medians)",
        figures.codegen_median(),
        figures.next_command_median()
    );
    let _ = std::fs::remove_dir_all(&copy);
    figures
}

/// The committed tree of `revision` in `into` (replaced), with fresh modification times.
fn checkout(repo: &Path, revision: &str, into: &Path) {
    if into.exists() {
        std::fs::remove_dir_all(into).expect("remove the old copy");
    }
    std::fs::create_dir_all(into).expect("copy directory");
    let archive = Command::new("git")
        .args(["archive", "--format=tar", revision])
        .current_dir(repo)
        .output()
        .expect("git");
    assert!(
        archive.status.success(),
        "git archive {revision} failed: {}",
        String::from_utf8_lossy(&archive.stderr)
    );
    let mut untar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(into)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("tar");
    std::io::Write::write_all(untar.stdin.as_mut().expect("tar stdin"), &archive.stdout).expect("untar");
    drop(untar.stdin.take());
    assert!(untar.wait().expect("tar").success(), "tar failed");
}

/// `spec` with the first plain one-line `description:` under `components:` extended by
/// `Edit N.` (a doc comment in the generated code).
pub fn edit_description(spec: &str, round: usize) -> String {
    let components = spec.find("\ncomponents:").unwrap_or(0);
    let mut offset = 0;
    let mut done = false;
    let mut out = String::with_capacity(spec.len() + 16);
    for line in spec.split_inclusive('\n') {
        let value = line.trim_start().strip_prefix("description: ");
        if !done
            && offset > components
            && value.is_some_and(|v| v.starts_with(|c: char| c.is_ascii_alphabetic()))
        {
            out.push_str(line.trim_end_matches('\n'));
            out.push_str(&format!(" Edit {round}.\n"));
            done = true;
        } else {
            out.push_str(line);
        }
        offset += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edit_changes_one_schema_description_and_nothing_else() {
        let spec = "paths:\n  /a:\n    description: Path one\ncomponents:\n  schemas:\n    A:\n      \
                    description: >-\n        folded\n    B:\n      description: Plain words\n      \
                    type: object\n";
        let edited = edit_description(spec, 3);
        assert_eq!(edited, spec.replace("description: Plain words", "description: Plain words Edit 3."));
        assert_ne!(edit_description(spec, 1), edit_description(spec, 2));
    }
}
