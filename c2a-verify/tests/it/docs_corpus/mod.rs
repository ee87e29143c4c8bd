//! The docs-sample part of the corpus (`openapi/recordings/docs/`), written from the
//! table below: every JSON sample in the stored Azotte docs pages, as exchanges of their
//! operation. The committed files must equal what the table produces; after editing the
//! table, regenerate with `UPDATE_EXPECT=1 cargo test -p c2a-verify --test it docs_corpus`. The table
//! is in `pages.rs`.
//!
//! Transcription rules: request and response bodies are the docs' JSON, verbatim. The base
//! URL and `x-tn` are the docs' own samples (`acme.sandbox`, the published sample tenant
//! id); `x-api-key` is never recorded. Card fields the spec marks `x-sensitive` are left
//! out of request and response bodies (the docs' sample card number included). A page whose
//! response sample is cut off records its request with response status 0 ("no response").
//! Where a page shows a body but not its HTTP status, the status the spec assumes is used
//! and the entry's comment says so; such statuses confirm nothing (see `facts`).

mod pages;

use std::path::{Path, PathBuf};

use c2a_verify::har::{
    Creator, Har, Log, NameValue, RecordingSource, SourceKind, json_entry, to_pretty_json,
};
use pages::{Page, pages};

const BASE: &str = "https://acme.sandbox.azotte.com/api/v1";
/// The tenant id every docs sample uses (published in the docs, not a secret).
const DOCS_SAMPLE_TENANT: &str = "e2a1c7b2-4f3a-4b8e-9c2d-1a2b3c4d5e6f";
const DOCS: &str = "https://azotte.com/academy/developers/API/C2A";

fn har_of(page: &Page) -> Har {
    let url = format!("{DOCS}/{}", page.page);
    let entries = page
        .samples
        .iter()
        .map(|sample| {
            let mut entry = json_entry(
                sample.method,
                &format!("{BASE}{}", sample.path),
                sample.request.as_ref(),
                sample.status,
                sample.response.as_ref(),
            );
            let mut headers =
                vec![NameValue { name: "x-tn".to_owned(), value: DOCS_SAMPLE_TENANT.to_owned() }];
            if sample.request.is_some() {
                headers.insert(
                    0,
                    NameValue { name: "Content-Type".to_owned(), value: "application/json".to_owned() },
                );
            }
            entry.request.headers = headers;
            entry.comment = Some(sample.comment.to_owned());
            entry.operation = Some(sample.operation.to_owned());
            entry
        })
        .collect();
    Har {
        log: Log {
            version: "1.2".to_owned(),
            creator: Creator { name: "c2a-verify docs_corpus".to_owned(), version: "1".to_owned() },
            comment: Some(format!(
                "Source: docs sample, transcribed from {url} (stored copy). Evidence for what the docs show only."
            )),
            source: Some(RecordingSource {
                kind: SourceKind::DocsSample,
                origin: Some(url),
                recorded: Some("2026-11-27".to_owned()),
                note: page.note.map(str::to_owned),
            }),
            entries,
        },
    }
}

fn docs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi/recordings/docs")
}

/// Writes `text` to `path` through a temporary file and a rename: the other tests of this
/// binary read the corpus in parallel and must never see a half-written recording.
fn write_whole(dir: &Path, path: &Path, text: &str) {
    std::fs::create_dir_all(dir).expect("create the corpus directory");
    let name = path.file_name().expect("a file name").to_string_lossy();
    let temporary = dir.join(format!(".{name}.tmp"));
    std::fs::write(&temporary, text).expect("write a recording");
    std::fs::rename(&temporary, path).expect("move the recording into place");
}

#[test]
fn committed_docs_recordings_match_the_table() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let dir = docs_dir();
    let mut stale = Vec::new();
    let pages = pages();
    for page in &pages {
        let path = dir.join(format!("{}.har", page.file));
        let text = to_pretty_json(&har_of(page)).expect("serializes");
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if update {
            write_whole(&dir, &path, &text);
        } else {
            stale.push(path.display().to_string());
        }
    }
    let expected: Vec<String> = pages.iter().map(|p| format!("{}.har", p.file)).collect();
    for entry in std::fs::read_dir(&dir).expect("the docs corpus exists") {
        let name = entry.expect("a directory entry").file_name().to_string_lossy().into_owned();
        if name.ends_with(".har") && !expected.contains(&name) {
            stale.push(format!("{name} (not in the table)"));
        }
    }
    assert!(stale.is_empty(), "out of date (UPDATE_EXPECT=1 regenerates): {stale:?}");
}
