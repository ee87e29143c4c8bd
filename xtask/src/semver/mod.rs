//! `cargo xtask semver-check [--base REV] [--fixtures]`: the semver level spec-diff claims for
//! `c2a-client`, checked on the generated code.
//!
//! The client is generated from both specs (the spec at `REV` against the working tree, or
//! the working tree against each edit of [`fixtures`]), each in a scratch copy of
//! `c2a-client`. Two checks decide whether the change is semver-major for Rust callers:
//! - cargo-semver-checks ([`tool`]), installed into `target/tools/` when missing;
//! - a compiled witness ([`witness`]): the old client's API used as a caller would, which
//!   must build against the old client and stops building against the new one exactly where
//!   callers break (field types, optional and required fields, defaults that remove an
//!   `Option`: what cargo-semver-checks has no lint for).
//!
//! spec-diff and the checks must agree: "major" where either check fails, and not "major"
//! where both pass. Exit status 1 on any disagreement, 2 when something cannot run.

pub mod fixtures;
pub mod tool;
pub mod witness;

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;
use spec_diff::Semver;

use crate::scratch_client::ScratchClient;
use crate::{Outcome, Run};

/// Command-line arguments of `cargo xtask semver-check`.
#[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// The revision whose spec is the old side (the working tree's is the new side).
    #[arg(long, value_name = "REV", default_value = "HEAD", conflicts_with = "fixtures")]
    pub base: String,
    /// Check the fixture edits of the project spec instead (xtask/semver-fixtures.json).
    #[arg(long)]
    pub fixtures: bool,
    /// With `--fixtures`, only the edits whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub only: Option<String>,
}

/// One compared pair and what each side says.
#[derive(Clone, Debug)]
pub struct Row {
    /// The edit.
    pub name: String,
    /// spec-diff's semver level for `c2a-client`.
    pub claimed: Semver,
    /// Lints cargo-semver-checks failed (major ones first), empty when it found nothing.
    pub semver_checks: tool::Findings,
    /// The witness's compiler errors against the new client, or `None` when it builds.
    pub witness_errors: Option<String>,
}

impl Row {
    /// Whether the checks find a semver-major change.
    pub fn checked_major(&self) -> bool {
        self.semver_checks.major > 0 || self.witness_errors.is_some()
    }

    /// Whether spec-diff's claim agrees with the checks.
    pub fn agrees(&self) -> bool {
        (self.claimed == Semver::Major) == self.checked_major()
    }
}

impl Run for Args {
    fn run(self, root: &Path) -> Outcome {
        let started = Instant::now();
        match check(&self, root) {
            Ok(rows) => {
                let disagreements = rows.iter().filter(|r| !r.agrees()).count();
                let mut out = render(&rows);
                let _ = writeln!(
                    out,
                    "\n{} edit(s) in {:.0} s: spec-diff and the checks agree on {}, disagree on {disagreements}",
                    rows.len(),
                    started.elapsed().as_secs_f64(),
                    rows.len() - disagreements,
                );
                Outcome { code: u8::from(disagreements > 0), stdout: out, stderr: String::new() }
            }
            Err(e) => Outcome { code: 2, stdout: String::new(), stderr: format!("semver-check: {e}\n") },
        }
    }
}

/// The old spec text and every `(name, new spec text)` to compare with it.
fn pairs(args: &Args, root: &Path) -> Result<(String, Vec<(String, String)>), String> {
    let spec_path = root.join(crate::codegen::DEFAULT_SPEC);
    let current = std::fs::read_to_string(&spec_path).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    if args.fixtures {
        let mut edits = fixtures::apply_all(root, &current)?;
        if let Some(only) = &args.only {
            edits.retain(|(name, _)| name.contains(only.as_str()));
        }
        return Ok((current, edits));
    }
    let old =
        spec_diff::git::show(root, &args.base, crate::codegen::DEFAULT_SPEC).map_err(|e| e.to_string())?;
    Ok((old, vec![(format!("{} -> working tree", args.base), current)]))
}

/// Generates, checks and compares every pair.
fn check(args: &Args, root: &Path) -> Result<Vec<Row>, String> {
    let (old_text, edits) = pairs(args, root)?;
    let binary = tool::ensure_installed(root)?;
    let io = |e: std::io::Error| e.to_string();
    let old_doc = parse(&old_text, "the old spec")?;
    let old_code = generate(&old_text, "the old spec")?;
    let witness = witness::witness(&old_code).map_err(|e| format!("the old client does not parse: {e}"))?;
    let old = ScratchClient::create(root, "semver-old").map_err(io)?;
    old.write_generated(&old_code).map_err(io)?;
    old.add_crate("witness", &witness_manifest(old.client_dir()), &witness).map_err(io)?;
    if let Err(errors) = old.cargo_check("witness").map_err(io)? {
        return Err(format!("the witness does not build against the client it was written from:\n{errors}"));
    }
    let new = ScratchClient::create(root, "semver-new").map_err(io)?;
    new.add_crate("witness", &witness_manifest(new.client_dir()), &witness).map_err(io)?;
    let mut rows = Vec::new();
    for (name, text) in edits {
        eprintln!("==> semver-check: {name}");
        let new_doc = parse(&text, &name)?;
        let claimed =
            spec_diff::Report::new("old", "new", spec_diff::diff_documents(&old_doc, &new_doc)).semver();
        new.write_generated(&generate(&text, &name)?).map_err(io)?;
        let witness_errors = new.cargo_check("witness").map_err(io)?.err();
        let semver_checks = tool::run(&binary, new.workspace(), old.workspace(), &root.join("target"))?;
        rows.push(Row { name, claimed, semver_checks, witness_errors });
    }
    Ok(rows)
}

fn parse(text: &str, what: &str) -> Result<Value, String> {
    c2a_spec::load::parse_yaml(text)
        .map_err(|d| format!("{what}: {}", d.render(crate::codegen::DEFAULT_SPEC)))
}

fn generate(text: &str, what: &str) -> Result<String, String> {
    let output = generator::generate(text, crate::codegen::DEFAULT_SPEC)
        .map_err(|d| format!("{what} is refused by the checks:\n{d}"))?;
    output.files.into_iter().next().map(|f| f.contents).ok_or_else(|| "no client module generated".to_owned())
}

/// The witness crate's manifest: a library depending on the client copy in `../client_dir`.
fn witness_manifest(client_dir: &str) -> String {
    format!(
        "[package]\nname = \"witness\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [lib]\npath = \"lib.rs\"\n\n[dependencies]\nc2a-client = {{ path = \"../{client_dir}\" }}\n\
         chrono.workspace = true\nserde_json.workspace = true\n"
    )
}

/// The rows as a markdown table, then the details of each disagreement.
pub fn render(rows: &[Row]) -> String {
    let mut out =
        String::from("| edit | spec-diff | cargo-semver-checks | witness | agree |\n|---|---|---|---|---|\n");
    for row in rows {
        let lints = if row.semver_checks.lints.is_empty() {
            "no failure".to_owned()
        } else {
            format!(
                "{} major, {} minor: {}",
                row.semver_checks.major,
                row.semver_checks.minor,
                row.semver_checks.lints.join(", ")
            )
        };
        let witness = if row.witness_errors.is_some() { "breaks" } else { "builds" };
        let agree = if row.agrees() { "yes" } else { "**NO**" };
        let _ = writeln!(out, "| {} | {} | {lints} | {witness} | {agree} |", row.name, row.claimed.as_str());
    }
    for row in rows.iter().filter(|r| !r.agrees()) {
        let _ = writeln!(
            out,
            "\n{}: spec-diff says {}, the checks say {}",
            row.name,
            row.claimed.as_str(),
            if row.checked_major() { "major" } else { "not major" }
        );
        if let Some(errors) = &row.witness_errors {
            let _ = writeln!(out, "witness errors:\n{errors}");
        }
    }
    out
}
