//! `cargo xtask codegen [--check] [--spec PATH]`: regenerate the client from the spec.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::generated_files::{FileStatus, StaleFile, ensure_file_contents};
use crate::{Outcome, Run};

/// The spec, relative to the workspace root.
pub const DEFAULT_SPEC: &str = "openapi/c2a.yaml";

/// Command-line arguments of `cargo xtask codegen`.
#[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// Do not write; exit non-zero with a diff if any generated file is stale.
    #[arg(long)]
    pub check: bool,
    /// Generate from this spec instead of openapi/c2a.yaml.
    #[arg(long, value_name = "PATH")]
    pub spec: Option<PathBuf>,
}

impl Run for Args {
    /// Generates into `root` from `--spec` or `root/openapi/c2a.yaml`; prints the
    /// [`Summary`], or the error with exit status 1.
    fn run(self, root: &Path) -> Outcome {
        let spec = self.spec.unwrap_or_else(|| root.join(DEFAULT_SPEC));
        Outcome::of(run(&Config { spec, out_root: root.to_path_buf(), check: self.check }))
    }
}

/// What to generate from, where to, and whether to write.
#[derive(Clone, Debug)]
pub struct Config {
    /// The spec file.
    pub spec: PathBuf,
    /// Root that generated paths (e.g. `c2a-client/src/generated.rs`) are relative to.
    pub out_root: PathBuf,
    /// Compare instead of writing; fail on any difference.
    pub check: bool,
}

impl Config {
    /// The project's own spec and output, in write or check mode.
    pub fn project(check: bool) -> Self {
        let root = crate::project_root();
        Self { spec: root.join(DEFAULT_SPEC), out_root: root, check }
    }
}

/// Why codegen failed.
#[derive(Debug)]
pub enum CodegenError {
    /// The spec could not be read.
    Read(PathBuf, std::io::Error),
    /// The spec is broken; nothing was written.
    Spec(generator::Diagnostics),
    /// Check mode found generated files that differ from what the spec produces.
    Stale(Vec<StaleFile>),
    /// Writing an output file failed.
    Write(PathBuf, std::io::Error),
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read(path, e) => write!(f, "cannot read the spec {}: {e}", path.display()),
            Self::Spec(diagnostics) => {
                writeln!(f, "{diagnostics}")?;
                write!(f, "the spec has {} problem(s); nothing was written", diagnostics.items.len())
            }
            Self::Stale(files) => {
                for file in files {
                    writeln!(f, "{file}")?;
                }
                write!(f, "generated code is out of date: run `cargo xtask codegen`")
            }
            Self::Write(path, e) => write!(f, "cannot write {}: {e}", path.display()),
        }
    }
}

impl std::error::Error for CodegenError {}

/// What a successful run did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Operations in the spec.
    pub operations: usize,
    /// Named types generated.
    pub types: usize,
    /// Each generated file and what happened to it.
    pub files: Vec<(String, FileStatus)>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} operations, {} types", self.operations, self.types)?;
        for (path, status) in &self.files {
            let what = match status {
                FileStatus::Unchanged => "unchanged",
                FileStatus::Written => "written",
            };
            write!(f, "\n  {path}: {what}")?;
        }
        Ok(())
    }
}

/// Generates every file in memory, then writes (or, in check mode, compares) them.
///
/// A broken spec fails before any file is touched.
pub fn run(config: &Config) -> Result<Summary, CodegenError> {
    let bytes = std::fs::read(&config.spec).map_err(|e| CodegenError::Read(config.spec.clone(), e))?;
    let display = display_path(&config.spec, &crate::project_root());
    // From bytes, so non-UTF-8 input is a located error (byte offset), not an I/O error.
    let output = generator::generate_bytes(&bytes, &display).map_err(CodegenError::Spec)?;

    let mut files = Vec::new();
    let mut stale = Vec::new();
    for file in &output.files {
        let path = config.out_root.join(&file.path);
        match ensure_file_contents(&path, &file.path, &file.contents, config.check) {
            Ok(Ok(status)) => files.push((file.path.clone(), status)),
            Ok(Err(diff)) => stale.push(diff),
            Err(e) => return Err(CodegenError::Write(path, e)),
        }
    }
    if !stale.is_empty() {
        return Err(CodegenError::Stale(stale));
    }
    Ok(Summary { operations: output.operations, types: output.types, files })
}

/// The spec's path relative to the workspace root when it is inside it, with `/`.
fn display_path(spec: &Path, root: &Path) -> String {
    let absolute = spec.canonicalize().unwrap_or_else(|_| spec.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    match absolute.strip_prefix(&root) {
        Ok(relative) => {
            relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        }
        Err(_) => absolute.to_string_lossy().replace('\\', "/"),
    }
}

#[cfg(test)]
mod tests {
    use super::display_path;
    use std::path::Path;

    #[test]
    fn display_path_is_relative_inside_the_root_and_absolute_outside() {
        let root = crate::project_root();
        assert_eq!(display_path(&root.join("openapi/c2a.yaml"), &root), "openapi/c2a.yaml");
        assert_eq!(display_path(Path::new("/nonexistent/spec.yaml"), &root), "/nonexistent/spec.yaml");
    }
}
