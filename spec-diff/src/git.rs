//! Reading the spec as it was at a git revision.

use std::path::Path;
use std::process::Command;

use crate::source::InputError;

/// The text of `path` (relative to `root`) at revision `rev`: `git show REV:./PATH`, run
/// in `root`.
///
/// An unknown revision, a path the revision lacks, or a missing `git` is one located line:
/// `REV:PATH: <git's own message>`.
pub fn show(root: &Path, rev: &str, path: &str) -> Result<String, InputError> {
    let label = format!("{rev}:{path}");
    if rev.is_empty() || rev.starts_with('-') {
        return Err(InputError::new(&label, format!("`{rev}` is not a git revision")));
    }
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["--no-pager", "show", &format!("{rev}:./{path}")])
        .output()
        .map_err(|e| InputError::new(&label, format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.lines().map(str::trim).rfind(|l| !l.is_empty()).unwrap_or("git show failed");
        return Err(InputError::new(&label, format!("cannot read the spec at revision `{rev}`: {reason}")));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| InputError::new(&label, "the spec at this revision is not UTF-8"))
}
