//! A scratch copy of `c2a-client` (its manifest and hand-written sources, nothing else) in a
//! workspace of its own under `target/`, where a `generated.rs` made from another spec is
//! type-checked (`cargo xtask sweep`) or compared (`cargo xtask semver-check`). It shares the
//! project's target directory, so dependencies are checked once for all the copies.
//!
//! The copy lives in `target/<name>/c2a-client-<name>/`, never in a folder named `c2a-client`
//! directly under its workspace: cargo hashes a path package by its path relative to the
//! workspace root, so a copy at `c2a-client` would share its build artifacts (and their
//! freshness) with the project's own `c2a-client` and with the other copies.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The scratch workspace.
#[derive(Debug)]
pub struct ScratchClient {
    workspace: PathBuf,
    /// The copy's folder name inside the workspace (`c2a-client-<name>`).
    client: String,
    target: PathBuf,
}

/// Sections (`[name]`, `[[name]]`, `[name.sub]`) of a manifest the scratch copy leaves out:
/// what a library check does not need, and what names crates outside the copy.
const DROPPED_SECTIONS: [&str; 5] = ["dev-dependencies", "example", "test", "bench", "patch"];

impl ScratchClient {
    /// Lays out the scratch workspace `target/<name>` from the project at `root` (replacing an
    /// earlier one).
    pub fn create(root: &Path, name: &str) -> std::io::Result<Self> {
        let target = root.join("target");
        let workspace = target.join(name);
        if workspace.exists() {
            std::fs::remove_dir_all(&workspace)?;
        }
        let client_name = format!("c2a-client-{name}");
        let client = workspace.join(&client_name);
        std::fs::create_dir_all(&client)?;
        let root_manifest = std::fs::read_to_string(root.join("Cargo.toml"))?;
        std::fs::write(workspace.join("Cargo.toml"), workspace_of(&root_manifest, root, &[&client_name]))?;
        std::fs::copy(root.join("Cargo.lock"), workspace.join("Cargo.lock"))?;
        let manifest = std::fs::read_to_string(root.join("c2a-client/Cargo.toml"))?;
        std::fs::write(client.join("Cargo.toml"), without_sections(&manifest, &DROPPED_SECTIONS))?;
        copy_dir(&root.join("c2a-client/src"), &client.join("src"))?;
        Ok(Self { workspace, client: client_name, target })
    }

    /// The scratch workspace's directory.
    pub fn workspace(&self) -> &Path {
        &self.workspace
    }

    /// The copy's folder inside the workspace, for a path dependency on it from a crate
    /// added with [`ScratchClient::add_crate`] (`../<this>`).
    pub fn client_dir(&self) -> &str {
        &self.client
    }

    /// Writes `generated` as the client module.
    pub fn write_generated(&self, generated: &str) -> std::io::Result<()> {
        std::fs::write(self.workspace.join(&self.client).join("src/generated.rs"), generated)
    }

    /// Adds crate `name` (its `Cargo.toml` and `lib.rs`, the manifest pointing at `lib.rs`) to
    /// the scratch workspace, beside the copy of `c2a-client`.
    pub fn add_crate(&self, name: &str, manifest: &str, lib: &str) -> std::io::Result<()> {
        let dir = self.workspace.join(name);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("Cargo.toml"), manifest)?;
        std::fs::write(dir.join("lib.rs"), lib)?;
        let root_manifest = self.workspace.join("Cargo.toml");
        let text = std::fs::read_to_string(&root_manifest)?;
        // Already rewritten: its path dependencies are absolute.
        std::fs::write(root_manifest, workspace_of(&text, Path::new(""), &[&self.client, name]))
    }

    /// Writes `generated` as the client module and type-checks the crate: `Ok(())`, or the
    /// compiler's errors (short format).
    pub fn check(&self, generated: &str) -> std::io::Result<Result<(), String>> {
        self.write_generated(generated)?;
        self.cargo_check("c2a-client")
    }

    /// A `cargo` command run in the scratch workspace with the project's target directory.
    pub fn cargo(&self) -> Command {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command.current_dir(&self.workspace).env("CARGO_TARGET_DIR", &self.target);
        command
    }

    /// `cargo check -p package` in the scratch workspace: `Ok(())`, or the compiler's errors.
    pub fn cargo_check(&self, package: &str) -> std::io::Result<Result<(), String>> {
        let output = self
            .cargo()
            .args(["check", "--offline", "--quiet", "--message-format", "short", "-p", package])
            .output()?;
        if output.status.success() {
            return Ok(Ok(()));
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error")).take(8).collect();
        Ok(Err(if errors.is_empty() { stderr.trim().to_owned() } else { errors.join("\n") }))
    }
}

/// The root manifest with `members` as its members (on one line or several), and each
/// workspace dependency's relative `path` made absolute under `root` (the copy of the
/// client depends on `c2a-runtime` there). The shared package fields, dependency versions
/// and lints are kept.
fn workspace_of(root_manifest: &str, root: &Path, members: &[&str]) -> String {
    let quoted: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    let members = format!("members = [{}]", quoted.join(", "));
    let mut out = String::new();
    let mut in_members = false;
    for line in root_manifest.lines() {
        let trimmed = line.trim_start();
        if in_members {
            // The list ends on a line of its own (`]`) or after its last member (`"b"]`).
            in_members = !trimmed.contains(']');
            continue;
        }
        if trimmed.starts_with("members") {
            in_members = !trimmed.contains(']');
            out.push_str(&members);
        } else if let Some((head, rest)) = line.split_once("path = \"")
            && !root.as_os_str().is_empty()
            && !rest.starts_with('/')
        {
            // Escaped for a TOML basic string (a `\` or `"` in the path).
            let root = root.display().to_string().replace('\\', "\\\\").replace('"', "\\\"");
            out.push_str(&format!("{head}path = \"{root}/{rest}"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// `manifest` without the sections named in `dropped`.
fn without_sections(manifest: &str, dropped: &[&str]) -> String {
    let mut keep = true;
    let mut out = String::new();
    for line in manifest.lines() {
        let line_trimmed = line.trim();
        if line_trimmed.starts_with('[') {
            let name = line_trimmed.trim_start_matches('[').trim_end_matches(']');
            keep = !dropped
                .iter()
                .any(|d| name == *d || name.strip_prefix(d).is_some_and(|r| r.starts_with('.')));
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_keeps_what_a_library_check_needs_and_drops_the_rest() {
        let manifest = "[package]\nname = \"c\"\n\n[dependencies]\nserde.workspace = true\n\n\
                        [dev-dependencies]\nsandbox = { path = \"../s\" }\n\n[[example]]\nname = \"e\"\n\n\
                        [patch.crates-io]\nx = { path = \"x\" }\n\n[lints]\nworkspace = true\n";
        let kept = without_sections(manifest, &DROPPED_SECTIONS);
        assert_eq!(
            kept,
            "[package]\nname = \"c\"\n\n[dependencies]\nserde.workspace = true\n\n[lints]\nworkspace = true\n"
        );
        let root = "[workspace]\nresolver = \"3\"\nmembers = [\n    \"a\",\n    \"c2a-client\",\n]\n\n\
                    [workspace.dependencies]\nx = \"1\"\nc2a-runtime = { path = \"c2a-runtime\" }\n";
        assert_eq!(
            workspace_of(root, Path::new("/project"), &["c2a-client-sweep", "witness"]),
            "[workspace]\nresolver = \"3\"\nmembers = [\"c2a-client-sweep\", \"witness\"]\n\n\
             [workspace.dependencies]\nx = \"1\"\nc2a-runtime = { path = \"/project/c2a-runtime\" }\n"
        );
        let one_line = "[workspace]\nmembers = [\"a\"]\nresolver = \"3\"\n";
        assert_eq!(
            workspace_of(one_line, Path::new(""), &["b"]),
            "[workspace]\nmembers = [\"b\"]\nresolver = \"3\"\n"
        );
        let closed_after_the_last = "[workspace]\nmembers = [\"a\",\n    \"b\"]\nresolver = \"3\"\n";
        assert_eq!(
            workspace_of(closed_after_the_last, Path::new(""), &["c"]),
            "[workspace]\nmembers = [\"c\"]\nresolver = \"3\"\n"
        );
    }
}
