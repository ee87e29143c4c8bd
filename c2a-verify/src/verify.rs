//! One run: find the HAR files, match each exchange to its operation, check it, and sum up
//! the facts.

use std::path::{Path, PathBuf};

use c2a_conformance::Spec;

use crate::entry_check::check_entry;
use crate::facts;
use crate::har::{self, Har, ReadError, SourceKind};
use crate::report::{FileReport, Report};

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
/// Exchanges that match no operation (other hosts, paths, methods) are counted as ignored,
/// and so are those whose URL does not parse: no operation can be told from them
/// ([`c2a_conformance::Unmatched`]).
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
            match check_entry(spec, display, index, source, entry) {
                Some(checked) => {
                    summary.exchanges += 1;
                    report.exchanges.push(checked);
                }
                None => summary.ignored += 1,
            }
        }
        report.files.push(summary);
    }
    report.facts = facts::summarize(spec, &report.exchanges);
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::har::{RecordingSource, json_entry};
    use serde_json::json;

    #[test]
    fn an_unparsable_url_is_ignored_not_a_panic() {
        let spec =
            Spec::from_value(json!({"paths": {"/c2a/customer/store": {"post": {"operationId": "store"}}}}));
        let entries = vec![
            json_entry("POST", "https://h:99999/c2a/customer/store", None, 0, None),
            json_entry("POST", "mailto:c2a/customer/store", None, 0, None),
            json_entry("POST", "https://h/c2a/customer/store", None, 0, None),
        ];
        let har = Har::new("t", RecordingSource::of(SourceKind::Real), entries);
        let report = verify_loaded(&spec, &[("t.har".to_owned(), har)]);
        assert_eq!((report.ignored(), report.exchanges.len(), report.exchanges[0].entry), (2, 1, 2));
    }
}
