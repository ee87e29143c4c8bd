//! Every finding kind has a case that produces it. [`case`] is an exhaustive `match`: a new
//! kind does not compile until it names its case, and
//! `every_kind_is_produced_by_its_case` runs every case.

use c2a_conformance::{Checked, FindingKind};

use crate::{kinds, message_codes, requests, responses, schemas};

/// Where a kind is produced.
enum Case {
    /// A case of this binary: the exchange it checks must yield the kind.
    Engine(fn() -> Checked<'static>),
    /// A kind the engine never reports, with the file and test of the crate that does.
    Elsewhere { file: &'static str, test: &'static str },
}

fn case(kind: FindingKind) -> Case {
    match kind {
        FindingKind::MissingRequired => Case::Engine(schemas::missing_required_property),
        FindingKind::WrongType => Case::Engine(schemas::wrong_type),
        FindingKind::EnumValueNotListed => Case::Engine(schemas::closed_enum_value),
        FindingKind::UnknownField => Case::Engine(schemas::unknown_property),
        FindingKind::SensitiveFieldRecorded => Case::Engine(requests::unmasked_sensitive_field),
        FindingKind::MessageCodeNotListed => Case::Engine(message_codes::unlisted_code),
        FindingKind::CodeStatusDiffers => Case::Engine(message_codes::code_with_another_status),
        FindingKind::UndeclaredStatus => Case::Engine(responses::undeclared_status),
        FindingKind::UndeclaredContentType => Case::Engine(responses::another_media_type),
        FindingKind::InvalidJson => Case::Engine(responses::invalid_json),
        FindingKind::ClientDecodeFailed => Case::Elsewhere {
            file: "c2a-verify/tests/it/drift.rs",
            test: "a_wrong_type_is_named_and_the_client_error_reported",
        },
        FindingKind::UnreadableRecording => Case::Elsewhere {
            file: "c2a-verify/src/entry_check.rs",
            test: "a_body_that_is_not_base64_is_reported_and_nothing_else_of_the_response",
        },
    }
}

#[test]
fn every_kind_is_produced_by_its_case() {
    for &kind in FindingKind::ALL {
        match case(kind) {
            Case::Engine(produce) => {
                let checked = produce();
                assert!(
                    kinds(&checked).contains(&kind),
                    "the case of {kind:?} yields {:#?}",
                    checked.findings
                );
            }
            Case::Elsewhere { file, test } => {
                let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(file);
                let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
                let variant = format!("FindingKind::{kind:?}");
                // The named test itself (up to the next function) must name the kind: the
                // file's own code may name it too.
                let body = source.split_once(&format!("fn {test}()")).map(|(_, rest)| {
                    let end = rest.find("\nfn ").or_else(|| rest.find("    fn ")).unwrap_or(rest.len());
                    &rest[..end]
                });
                assert!(
                    body.is_some_and(|body| body.contains(&variant)),
                    "{file} has no test `{test}` asserting {variant}"
                );
            }
        }
    }
}

#[test]
fn every_kind_has_its_own_label() {
    let labels: std::collections::BTreeSet<&str> = FindingKind::ALL.iter().map(|k| k.label()).collect();
    assert_eq!(labels.len(), FindingKind::ALL.len(), "two kinds share a label: {labels:?}");
}
