//! cargo-semver-checks: installed from the registry into `target/tools/` when missing (kept
//! there between runs), run between two scratch workspaces, its verdict read from its
//! summary.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The version the project checks with.
pub const VERSION: &str = "0.51.0";

/// What cargo-semver-checks found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Findings {
    /// Failed lints that require a new major version.
    pub major: usize,
    /// Failed lints that require a new minor version.
    pub minor: usize,
    /// The names of the failed lints, as printed (`--- failure enum_variant_added: ...`).
    pub lints: Vec<String>,
}

/// The binary, installed into `root/target/tools/bin` (once) when it is not there yet.
pub fn ensure_installed(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join("target/tools");
    let binary = tools.join("bin/cargo-semver-checks");
    let version_ok = Command::new(&binary)
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(VERSION));
    if version_ok {
        return Ok(binary);
    }
    eprintln!("==> installing cargo-semver-checks {VERSION} into {} (once)", tools.display());
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["install", "--locked", "--quiet", "cargo-semver-checks", "--version", VERSION, "--root"])
        .arg(&tools)
        .arg("--target-dir")
        .arg(tools.join("build"))
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !status.success() {
        return Err(format!("cargo install cargo-semver-checks {VERSION} failed: {status}"));
    }
    Ok(binary)
}

/// Runs `cargo semver-checks` on package `c2a-client` of the workspace `current` against
/// the same package in the workspace `baseline`, with the project's target directory.
///
/// Both crates are `publish = false`, which cargo-semver-checks skips when given the crate's
/// own manifest: the workspace manifest and `-p` are used instead, and a run that checked
/// nothing is an error.
pub fn run(binary: &Path, current: &Path, baseline: &Path, target: &Path) -> Result<Findings, String> {
    let output = Command::new(binary)
        .args(["semver-checks", "check-release", "-p", "c2a-client", "--release-type", "patch"])
        .arg("--manifest-path")
        .arg(current.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(baseline)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let text =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    let findings = parse(&text)?;
    if output.status.success() != (findings.major + findings.minor == 0) {
        return Err(format!("cargo-semver-checks exited {} with this summary:\n{text}", output.status));
    }
    Ok(findings)
}

/// The findings in cargo-semver-checks' output; an error when it checked nothing.
fn parse(text: &str) -> Result<Findings, String> {
    if !text.lines().any(|l| l.trim_start().starts_with("Checking c2a-client")) {
        return Err(format!("cargo-semver-checks checked nothing (no `Checking c2a-client`):\n{text}"));
    }
    let lints = text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--- failure "))
        .map(|l| l.split(':').next().unwrap_or(l).trim().to_owned())
        .collect();
    // `Summary semver requires new major version: 1 major and 0 minor checks failed`, or
    // `Summary no semver update required` when every lint passed.
    let count = |word: &str| -> usize {
        text.lines()
            .filter(|l| l.trim_start().starts_with("Summary"))
            .find_map(|l| {
                let words: Vec<&str> = l.split_whitespace().collect();
                words.windows(2).find_map(|w| if w[1] == word { w[0].parse().ok() } else { None })
            })
            .unwrap_or(0)
    };
    Ok(Findings { major: count("major"), minor: count("minor"), lints })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_is_read_and_an_empty_run_refused() {
        let failed = "     Parsing c2a-client v0.1.0 (current)\n    Checking c2a-client v0.1.0 -> v0.1.0 (no change)\n\
                      --- failure enum_variant_added: enum variant added on exhaustive enum ---\n\
                      --- failure struct_pub_field_missing: pub struct's pub field removed or renamed ---\n\
                           Summary semver requires new major version: 2 major and 0 minor checks failed\n";
        let findings = parse(failed).expect("checked");
        assert_eq!((findings.major, findings.minor), (2, 0));
        assert_eq!(findings.lints, ["enum_variant_added", "struct_pub_field_missing"]);
        let clean =
            "    Checking c2a-client v0.1.0 -> v0.1.0 (no change)\n     Summary no semver update required\n";
        assert_eq!(parse(clean).expect("checked").major, 0);
        assert!(parse("     Skipped c2a-client: publish = false\n").is_err(), "nothing checked");
    }
}
