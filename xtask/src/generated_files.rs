//! Writing generated files: atomically, and only when they change.

use std::fmt;
use std::io::Write;
use std::path::Path;

/// What [`ensure_file_contents`] did with one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileStatus {
    /// The file already had the expected contents.
    Unchanged,
    /// The file was created or replaced.
    Written,
}

/// A generated file that differs from what the spec produces (check mode).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleFile {
    /// The file, as shown to the user (relative to the workspace root).
    pub display: String,
    /// A unified diff from the file on disk to the expected contents.
    pub diff: String,
}

impl fmt::Display for StaleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is stale:\n{}", self.display, self.diff)
    }
}

/// Makes `path` hold `contents`.
///
/// In check mode nothing is written: a difference is returned as a [`StaleFile`] with a
/// unified diff. Otherwise the file is replaced atomically (written beside it, then renamed)
/// so an interrupted run never leaves half a file.
pub fn ensure_file_contents(
    path: &Path,
    display: &str,
    contents: &str,
    check: bool,
) -> Result<Result<FileStatus, StaleFile>, std::io::Error> {
    let current = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if current.as_deref() == Some(contents) {
        return Ok(Ok(FileStatus::Unchanged));
    }
    if check {
        let old = current.unwrap_or_default();
        let diff = similar::TextDiff::from_lines(old.as_str(), contents)
            .unified_diff()
            .context_radius(3)
            .header(&format!("{display} (on disk)"), &format!("{display} (from the spec)"))
            .to_string();
        return Ok(Err(StaleFile { display: display.to_owned(), diff }));
    }
    write_atomically(path, contents)?;
    Ok(Ok(FileStatus::Written))
}

/// Writes `contents` to a temporary file next to `path`, then renames it over `path`.
pub fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("generated");
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_compares_and_reports_unchanged() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nested/out.rs");
        assert_eq!(ensure_file_contents(&path, "out.rs", "a\n", false).expect("io"), Ok(FileStatus::Written));
        assert_eq!(
            ensure_file_contents(&path, "out.rs", "a\n", true).expect("io"),
            Ok(FileStatus::Unchanged)
        );
        let stale = ensure_file_contents(&path, "out.rs", "b\n", true).expect("io").expect_err("differs");
        assert_eq!(stale.diff, "--- out.rs (on disk)\n+++ out.rs (from the spec)\n@@ -1 +1 @@\n-a\n+b\n");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "a\n", "check mode never writes");
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.rs");
        write_atomically(&path, "x").expect("write");
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names, [std::ffi::OsString::from("out.rs")]);
    }
}
