//! One run: find the HAR files, match each exchange to its operation, check it, and sum up
//! the facts.

use std::path::{Path, PathBuf};

use crate::exchange_check;
use crate::facts;
use crate::har::{self, Har, ReadError, SourceKind};
use crate::matching::match_operation;
use crate::report::{FileReport, Report};
use crate::spec_model::Spec;

/// A HAR file (relative name for the report) found under an input.
#[derive(Clone, Debug)]
pub struct HarFile {
    /// Where it is.
    pub path: PathBuf,
    /// How the report names it: relative to the directory it was found under, or the
    /// file path as given.
    pub display: String,
}

/// Every `.har` file under `inputs` (directories recursively), sorted by name within each
/// input. A missing input is an error.
pub fn find_har_files(inputs: &[PathBuf]) -> Result<Vec<HarFile>, ReadError> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk_dir(input, &mut found)?;
            found.sort();
            out.extend(found.into_iter().map(|path| HarFile {
                display: path.strip_prefix(input).unwrap_or(&path).to_string_lossy().replace('\\', "/"),
                path,
            }));
        } else {
            std::fs::metadata(input)
                .map_err(|source| ReadError::Io { path: input.display().to_string(), source })?;
            out.push(HarFile { path: input.clone(), display: input.display().to_string() });
        }
    }
    Ok(out)
}

fn walk_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ReadError> {
    let io = |source| ReadError::Io { path: dir.display().to_string(), source };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            walk_dir(&path, out)?;
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("har")) {
            out.push(path);
        }
    }
    Ok(())
}

/// Checks every exchange of every HAR file under `inputs` against `spec`.
///
/// Fails on the first unreadable file (located: path, and `line:column` for JSON errors).
pub fn verify(spec: &Spec, inputs: &[PathBuf]) -> Result<Report, ReadError> {
    let mut loaded = Vec::new();
    for file in find_har_files(inputs)? {
        loaded.push((file.display.clone(), har::read(&file.path)?));
    }
    let mut report = verify_loaded(spec, &loaded);
    report.inputs = inputs.iter().map(|p| p.display().to_string()).collect();
    Ok(report)
}

/// Checks HAR documents already in memory, each with the name the report gives it.
///
/// Exchanges that match no operation (other hosts, paths, methods) are counted as ignored.
pub fn verify_loaded(spec: &Spec, hars: &[(String, Har)]) -> Report {
    let mut report =
        Report { inputs: Vec::new(), files: Vec::new(), exchanges: Vec::new(), facts: Default::default() };
    for (display, har) in hars {
        let source = har.log.source.as_ref().map_or(SourceKind::Unknown, |s| s.kind);
        let mut summary = FileReport {
            file: display.clone(),
            source,
            origin: har.log.source.as_ref().and_then(|s| s.origin.clone()),
            exchanges: 0,
            ignored: 0,
        };
        for (index, entry) in har.log.entries.iter().enumerate() {
            match match_operation(spec, &entry.request.method, &entry.request.url) {
                Some(op) => {
                    summary.exchanges += 1;
                    report.exchanges.push(exchange_check::check(spec, op, display, index, source, entry));
                }
                None => summary.ignored += 1,
            }
        }
        report.files.push(summary);
    }
    report.facts = facts::summarize(spec, &report.exchanges);
    report
}
