//! Each rule of the generator, broken on purpose: one fixture, one located one-line error.
//!
//! Every fixture under `tests/fixtures/broken/` is a JSON merge patch (RFC 7386) applied
//! to `tests/fixtures/minimal.yaml`, so the file shows exactly what it breaks.

use crate::common;

use expect_test::{Expect, expect};

fn assert_error(fixture: &str, expected: Expect) {
    let spec = common::broken_spec(fixture);
    let err = generator::generate(&spec, &format!("broken/{fixture}"))
        .expect_err("the broken spec must be refused");
    expected.assert_eq(&err.to_string());
}

#[test]
fn the_minimal_fixture_is_accepted() {
    let out = generator::generate(&common::minimal_spec(), "minimal.yaml").expect("valid fixture");
    assert_eq!((out.operations, out.files.len()), (2, 2), "the client module and API.md");
}

#[test]
fn duplicate_operation_id() {
    assert_error(
        "duplicate-operation-id.yaml",
        expect![[
            r##"broken/duplicate-operation-id.yaml#/paths/~1c2a~1thing/post/operationId (POST /c2a/thing): duplicate operationId `get_thing`, first used at /paths/~1c2a~1thing~1{thingUrn}/get [operation-id]"##
        ]],
    );
}

#[test]
fn operation_id_not_snake_case() {
    assert_error(
        "operation-id-not-snake-case.yaml",
        expect![[
            r##"broken/operation-id-not-snake-case.yaml#/paths/~1c2a~1thing/post/operationId (POST /c2a/thing): operationId `storeThing` is not snake_case [operation-id]"##
        ]],
    );
}

#[test]
fn dangling_ref() {
    assert_error(
        "dangling-ref.yaml",
        expect![[
            r##"broken/dangling-ref.yaml#/paths/~1c2a~1thing/post/responses/200/content/application~1clientOutput+Json/schema/$ref (POST /c2a/thing): `#/components/schemas/ThingResponze` does not resolve to anything in the spec [dangling-ref]"##
        ]],
    );
}

#[test]
fn money_field_typed_as_bare_integer() {
    assert_error(
        "money-bare-integer.yaml",
        expect![[
            r##"broken/money-bare-integer.yaml#/components/schemas/Thing/properties/priceMilpieces: money field `priceMilpieces` is a bare integer; use `$ref: '#/components/schemas/Milpieces'` [money-field]"##
        ]],
    );
}

#[test]
fn inline_enum() {
    assert_error(
        "inline-enum.yaml",
        expect![[
            r##"broken/inline-enum.yaml#/components/schemas/Thing/properties/size/enum: inline enum: declare it as a named component under `components/schemas` and `$ref` it [named-enum]"##
        ]],
    );
}

#[test]
fn operation_without_tag() {
    assert_error(
        "missing-tag.yaml",
        expect![[
            r##"broken/missing-tag.yaml#/paths/~1c2a~1thing/post/tags (POST /c2a/thing): an operation needs exactly one tag (its area), found 0 [operation-docs]"##
        ]],
    );
}

#[test]
fn operation_with_undeclared_tag() {
    assert_error(
        "undeclared-tag.yaml",
        expect![[
            r##"broken/undeclared-tag.yaml#/paths/~1c2a~1thing/post/tags/0 (POST /c2a/thing): tag `Gadgets` is not declared in the top-level `tags` [operation-docs]"##
        ]],
    );
}

#[test]
fn operation_without_doc_link() {
    assert_error(
        "missing-doc-link.yaml",
        expect![[
            r##"broken/missing-doc-link.yaml#/paths/~1c2a~1thing/post (POST /c2a/thing): the operation has no `externalDocs.url` linking its doc page [operation-docs]"##
        ]],
    );
}

#[test]
fn general_envelope_without_result() {
    assert_error(
        "wrong-envelope.yaml",
        expect![[
            r##"broken/wrong-envelope.yaml#/components/schemas/ThingResponse: `ThingResponse` is a `general` envelope but has no `result` property [response-envelope]"##
        ]],
    );
}

#[test]
fn response_without_envelope() {
    assert_error(
        "response-without-envelope.yaml",
        expect![[
            r##"broken/response-without-envelope.yaml#/components/schemas/Thing: response schema `Thing` needs `x-envelope: general|inline|status` [response-envelope]"##
        ]],
    );
}

#[test]
fn non_json_response() {
    assert_error(
        "html-response.yaml",
        expect![[
            r##"broken/html-response.yaml#/paths/~1c2a~1thing/post/responses/502/content/text~1html (POST /c2a/thing): response media type `text/html` is not JSON [response-envelope]"##
        ]],
    );
}

#[test]
fn media_type_no_header_can_carry() {
    assert_error(
        "media-type-not-a-header.yaml",
        expect![
            "broken/media-type-not-a-header.yaml#/paths/~1c2a~1thing/post/responses/409/content/application~1vnd.thïng+json (POST /c2a/thing): response media type `application/vnd.thïng+json` is not a valid HTTP header value (visible ASCII only) [response-envelope]"
        ],
    );
}

#[test]
fn no_success_message_code() {
    assert_error(
        "no-success-code.yaml",
        expect![
            "broken/no-success-code.yaml#/paths/~1c2a~1thing/post/x-message-codes (POST /c2a/thing): no messageCode is marked `success: true` [x-message-codes]"
        ],
    );
}

#[test]
fn duplicate_message_code() {
    assert_error(
        "duplicate-message-code.yaml",
        expect![
            "broken/duplicate-message-code.yaml#/paths/~1c2a~1thing/post/x-message-codes/1 (POST /c2a/thing): messageCode `SUCCESS` is listed twice [x-message-codes]"
        ],
    );
}

#[test]
fn schema_without_provenance() {
    assert_error(
        "missing-provenance.yaml",
        expect![[
            r##"broken/missing-provenance.yaml#/components/schemas/EnColor: `EnColor` has no `x-provenance` [provenance]"##
        ]],
    );
}

#[test]
fn provenance_names_unknown_field() {
    assert_error(
        "provenance-unknown-field.yaml",
        expect![[
            r##"broken/provenance-unknown-field.yaml#/components/schemas/Thing/x-provenance/sample/0: `colour` is not a property or enum value of `Thing` [provenance]"##
        ]],
    );
}

#[test]
fn required_response_field_backed_only_by_a_sample() {
    assert_error(
        "required-sample-field.yaml",
        expect![[
            r##"broken/required-sample-field.yaml#/components/schemas/Thing/required/1: response field `Thing.color` is backed only by a sample but is required; make it optional or name the DECISIONS.md entry in `x-provenance.kept_required` [response-required]"##
        ]],
    );
}

#[test]
fn openapi_3_1_is_refused() {
    assert_error(
        "openapi-3-1.yaml",
        expect![[
            r##"broken/openapi-3-1.yaml#/openapi: OpenAPI version `3.1.0` is not 3.0.x [openapi-version]"##
        ]],
    );
}

#[test]
fn two_success_schemas_are_refused_before_progenitor() {
    assert_error(
        "two-success-schemas.yaml",
        expect![
            "broken/two-success-schemas.yaml#/paths/~1c2a~1thing/post/responses (POST /c2a/thing): progenitor takes one success schema per operation, found 2 (200: `ThingResponse`, 202: `StatusResponse`) [progenitor-limits]"
        ],
    );
}

#[test]
fn malformed_waiter_is_a_located_error() {
    assert_error(
        "waiter-unknown-state.yaml",
        expect![
            "broken/waiter-unknown-state.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/acceptors/0/state (GET /c2a/thing/{thingUrn}): unknown acceptor state `finished` (expected success, failure, action_required or retry) [x-waiter]"
        ],
    );
}

#[test]
fn waiter_wildcard_must_be_the_last_acceptor() {
    assert_error(
        "waiter-wildcard-not-last.yaml",
        expect![
            "broken/waiter-wildcard-not-last.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/acceptors/0/code (GET /c2a/thing/{thingUrn}): `*` matches every code no earlier acceptor names: it must be the last acceptor [x-waiter]"
        ],
    );
}

#[test]
fn spec_without_info_is_refused_at_the_document_root() {
    assert_error(
        "no-info.yaml",
        expect![
            "broken/no-info.yaml: the document has no `info`: OpenAPI requires it at the top level, holding the API's `title` and `version` [openapi-document]"
        ],
    );
}

#[test]
fn spec_without_paths_is_refused_at_the_document_root() {
    assert_error(
        "no-paths.yaml",
        expect![
            "broken/no-paths.yaml: the document has no `paths`: OpenAPI requires it at the top level, holding the operations (`paths: {}` when there are none) [openapi-document]"
        ],
    );
}

#[test]
fn yaml_syntax_error_is_located() {
    let err = generator::generate("openapi: 3.0.3\ninfo: [unclosed\n", "bad.yaml").expect_err("broken YAML");
    let message = err.to_string();
    assert!(message.starts_with("bad.yaml:"), "{message}");
    assert!(message.ends_with("[yaml-syntax]"), "{message}");
    assert_eq!(message.lines().count(), 1);
}

#[test]
fn every_rule_has_a_broken_fixture() {
    let tested: std::collections::BTreeSet<&str> = [
        "openapi-document",
        "openapi-version",
        "dangling-ref",
        "operation-id",
        "operation-docs",
        "path-syntax",         // refusals.rs
        "path-parameters",     // refusals.rs
        "required-properties", // refusals.rs
        "response-envelope",
        "money-field",
        "named-enum",
        "rust-field-names",  // refusals.rs
        "rust-method-names", // refusals.rs
        "rust-type-names",   // refusals.rs
        "provenance",
        "response-required",
    ]
    .into();
    let rules: std::collections::BTreeSet<&str> = c2a_spec::checks::RULES.iter().map(|r| r.name).collect();
    assert_eq!(rules, tested, "a rule was added or renamed: give it a broken fixture and a test here");
}

/// `c2a_spec::rust_names` reserves the names the client has besides those the spec gives:
/// every method of `Client` that is no operation (progenitor's and `c2a-client`'s own) is
/// in `RESERVED_CLIENT_METHODS`, and the enum lowering adds is in `RESERVED_TYPE_NAMES`.
#[test]
fn reserved_rust_names_are_the_clients_own() {
    use c2a_spec::rust_names::{RESERVED_CLIENT_METHODS, RESERVED_TYPE_NAMES};

    let out = generator::generate(&common::minimal_spec(), "minimal.yaml").expect("valid fixture");
    let mut methods = client_methods(&out.files[0].contents);
    let client_src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../c2a-client/src");
    let mut dirs = vec![client_src];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("c2a-client sources") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("generated.rs") {
                methods.extend(client_methods(&std::fs::read_to_string(&path).expect("source")));
            }
        }
    }
    // The operations of the fixture, and `baseurl`, which no code calls as a method.
    for own in ["get_thing", "store_thing", "baseurl"] {
        assert!(methods.remove(own), "`Client::{own}` not found");
    }
    let unlisted: Vec<&String> =
        methods.iter().filter(|m| !RESERVED_CLIENT_METHODS.contains(&m.as_str())).collect();
    assert!(unlisted.is_empty(), "add to rust_names::RESERVED_CLIENT_METHODS: {unlisted:?}");
    assert!(RESERVED_TYPE_NAMES.contains(&generator::lower::message_codes::MESSAGE_CODE_SCHEMA));

    // The statics of `mod operations` that are no operation's are reserved too.
    let file = syn::parse_file(&out.files[0].contents).expect("the output parses");
    let operations = file.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "operations" => m.content.as_ref().map(|(_, items)| items),
        _ => None,
    });
    let others: Vec<String> = operations
        .expect("mod operations")
        .iter()
        .filter_map(|item| match item {
            syn::Item::Static(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .filter(|name| {
            !["get_thing", "store_thing"].map(c2a_spec::rust_names::operation_static).contains(name)
        })
        .collect();
    assert!(!others.is_empty(), "the API's table is a static of `mod operations`");
    for name in &others {
        assert!(
            c2a_spec::rust_names::RESERVED_OPERATION_STATICS.contains(&name.as_str()),
            "add `{name}` to rust_names::RESERVED_OPERATION_STATICS"
        );
    }
}

/// The names of the functions of every `impl Client` and `impl Trait for Client` in `source`.
fn client_methods(source: &str) -> std::collections::BTreeSet<String> {
    fn walk(items: &[syn::Item], out: &mut std::collections::BTreeSet<String>) {
        for item in items {
            match item {
                syn::Item::Impl(imp) if matches!(&*imp.self_ty, syn::Type::Path(p) if p.path.is_ident("Client")) =>
                {
                    out.extend(imp.items.iter().filter_map(|i| match i {
                        syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                        _ => None,
                    }));
                }
                syn::Item::Mod(m) => {
                    walk(m.content.as_ref().map(|(_, i)| i.as_slice()).unwrap_or_default(), out)
                }
                _ => {}
            }
        }
    }
    let file: syn::File = syn::parse_str(source).expect("Rust source");
    let mut out = std::collections::BTreeSet::new();
    walk(&file.items, &mut out);
    out
}
