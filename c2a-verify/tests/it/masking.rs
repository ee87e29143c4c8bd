//! The committed corpus must hold no API key, no tenant id other than the docs' published
//! sample, no card number and no property the spec marks `x-sensitive`.

use std::path::{Path, PathBuf};

use c2a_client::runtime::REDACTED;
use c2a_verify::har::{self, NameValue};
use serde_json::Value;

/// The tenant id every docs sample uses (published, not a secret).
const DOCS_SAMPLE_TENANT: &str = "e2a1c7b2-4f3a-4b8e-9c2d-1a2b3c4d5e6f";
const TENANT_HEADERS: [&str; 3] = ["x-tn", "x-tenant-id", "x-tenant"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn recordings(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            recordings(&path, out);
        } else if path.extension().is_some_and(|e| e == "har") {
            out.push(path);
        }
    }
}

fn sensitive_names() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("openapi/c2a.yaml")).expect("spec");
    let doc = c2a_spec::load::parse_yaml(&text).expect("spec parses");
    let mut names = Vec::new();
    c2a_spec::doc_walk::walk_object_schemas(&doc, &mut |props, _| {
        for (name, schema) in props {
            if schema.get("x-sensitive") == Some(&Value::Bool(true)) && !names.contains(name) {
                names.push(name.clone());
            }
        }
    });
    names
}

/// The names of the members of every object in `value`, except those masked as the client's
/// recorder masks them (the value `[redacted]`).
fn keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            if v.as_str() != Some(REDACTED) {
                out.push(k.clone());
            }
            keys(v, out);
        }),
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

/// Runs of 13 to 19 digits that pass the Luhn check.
fn card_numbers(text: &str) -> Vec<String> {
    let luhn = |digits: &str| {
        let sum: u32 = digits
            .bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let d = u32::from(b - b'0');
                if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d }
            })
            .sum();
        sum.is_multiple_of(10)
    };
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| (13..=19).contains(&run.len()) && luhn(run))
        .map(str::to_owned)
        .collect()
}

fn check_headers(file: &str, headers: &[NameValue], problems: &mut Vec<String>) {
    for h in headers {
        let name = h.name.to_ascii_lowercase();
        if h.value == REDACTED {
            continue;
        }
        if name == "x-api-key" || name == "authorization" {
            problems.push(format!("{file}: header {}", h.name));
        }
        if TENANT_HEADERS.contains(&name.as_str()) && h.value != DOCS_SAMPLE_TENANT {
            problems.push(format!("{file}: tenant header {} = {}", h.name, h.value));
        }
    }
}

#[test]
fn the_corpus_holds_no_secrets() {
    let sensitive = sensitive_names();
    assert!(
        sensitive.iter().any(|n| n == "cardNumber"),
        "the spec marks card fields x-sensitive: {sensitive:?}"
    );
    let mut files = Vec::new();
    recordings(&root().join("openapi/recordings"), &mut files);
    assert!(!files.is_empty());
    let mut problems = Vec::new();
    for path in files {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(&path).expect("readable");
        for key_prefix in ["sk_dev_", "sk_live_", "sk_test_"] {
            if text.contains(key_prefix) {
                problems.push(format!("{file}: an API key ({key_prefix}...)"));
            }
        }
        for number in card_numbers(&text) {
            problems.push(format!("{file}: a card number {}...", &number[..6]));
        }
        let har = har::parse(&text, &file).expect("a HAR file");
        for entry in &har.log.entries {
            check_headers(&file, &entry.request.headers, &mut problems);
            check_headers(&file, &entry.response.headers, &mut problems);
            let bodies = [
                entry.request.post_data.as_ref().map(|p| p.text.clone()),
                entry.response.content.text.clone(),
            ];
            for body in bodies.into_iter().flatten() {
                let mut names = Vec::new();
                keys(&serde_json::from_str(&body).unwrap_or(Value::Null), &mut names);
                for name in names.iter().filter(|n| sensitive.contains(n)) {
                    problems.push(format!("{file}: x-sensitive field `{name}`"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_scanner_finds_what_it_looks_for() {
    assert_eq!(card_numbers("\"cardNumber\":\"4111111111111111\""), ["4111111111111111"]);
    assert!(card_numbers("\"maskedCardNumber\":\"411111******1111\",\"t\":\"+49 170 1234567\"").is_empty());
    let mut problems = Vec::new();
    let headers = [
        NameValue { name: "X-Api-Key".to_owned(), value: "k".to_owned() },
        NameValue { name: "x-tn".to_owned(), value: "other-tenant".to_owned() },
    ];
    check_headers("f", &headers, &mut problems);
    assert_eq!(problems.len(), 2, "{problems:?}");
}
