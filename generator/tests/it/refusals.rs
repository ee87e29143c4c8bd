//! Broken specs that used to crash the generator, or to be accepted with a client that does
//! not compile: each is refused with located diagnostics, and nothing panics on the way.
//!
//! Fixtures are merge patches over `tests/fixtures/minimal.yaml` (see `common`).

use crate::common;

use std::cell::Cell;
use std::sync::Once;

use expect_test::{Expect, expect};

thread_local! {
    static PANICKED: Cell<bool> = const { Cell::new(false) };
}

/// Records panics of the current thread (caught or not), on top of the default hook.
///
/// The hook is process-wide (installed once for the whole test binary), but the flag is
/// per thread and reset here: libtest runs each test on its own thread, so panics of tests
/// in other modules never reach the flag of a test of this one.
fn watch_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICKED.with(|p| p.set(true));
            default(info);
        }));
    });
    PANICKED.with(|p| p.set(false));
}

/// Every diagnostic is located (a JSON pointer) and nothing panicked.
fn assert_refused(fixture: &str, expected: Expect) {
    watch_panics();
    let spec = common::broken_spec(fixture);
    let err = generator::generate(&spec, &format!("broken/{fixture}"))
        .expect_err("the broken spec must be refused");
    assert!(!PANICKED.with(Cell::get), "generating `{fixture}` panicked");
    for item in &err.items {
        assert!(item.pointer.starts_with('/'), "unlocated: {item:?}");
    }
    expected.assert_eq(&err.to_string());
}

#[test]
fn schema_ref_cycles_are_refused() {
    assert_refused(
        "schema-ref-cycle.yaml",
        expect![[r#"
        broken/schema-ref-cycle.yaml#/components/schemas/Loop: the component is itself through `$ref`/`allOf`/`anyOf`/`oneOf` (Loop -> Loop); only a property or array items may refer back [ref-cycle]
        broken/schema-ref-cycle.yaml#/components/schemas/Knot: the component is itself through `$ref`/`allOf`/`anyOf`/`oneOf` (Knot -> Knot); only a property or array items may refer back [ref-cycle]
        broken/schema-ref-cycle.yaml#/components/schemas/Loop: `Loop` has no `description` [provenance]
        broken/schema-ref-cycle.yaml#/components/schemas/Loop: `Loop` has no `x-provenance` [provenance]"#]],
    );
}

#[test]
fn response_ref_cycle_is_refused() {
    assert_refused(
        "response-ref-cycle.yaml",
        expect![
            "broken/response-ref-cycle.yaml#/components/responses/Conflict: the component is itself through `$ref`/`allOf`/`anyOf`/`oneOf` (Conflict -> Conflict); only a property or array items may refer back [ref-cycle]"
        ],
    );
}

#[test]
fn parameter_ref_cycle_is_refused() {
    assert_refused(
        "parameter-ref-cycle.yaml",
        expect![
            "broken/parameter-ref-cycle.yaml#/components/parameters/Page: the component is itself through `$ref`/`allOf`/`anyOf`/`oneOf` (Page -> Page); only a property or array items may refer back [ref-cycle]"
        ],
    );
}

#[test]
fn ref_to_a_non_schema_is_refused() {
    assert_refused(
        "ref-to-non-schema.yaml",
        expect![
            "broken/ref-to-non-schema.yaml#/components/schemas/Thing/properties/color/$ref: `#/paths` is not a component of `#/components/schemas/`, which this place needs [dangling-ref]"
        ],
    );
}

#[test]
fn waiter_names_that_are_not_identifiers_are_refused() {
    assert_refused(
        "waiter-names-not-identifiers.yaml",
        expect![[r#"
        broken/waiter-names-not-identifiers.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/name (GET /c2a/thing/{thingUrn}): `name` becomes a Rust name and must be snake_case and not a keyword, found `check out!` [x-waiter]
        broken/waiter-names-not-identifiers.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/outcome (GET /c2a/thing/{thingUrn}): `outcome` becomes a Rust name and must be PascalCase and not a keyword, found `fn` [x-waiter]
        broken/waiter-names-not-identifiers.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/acceptors/0/variant (GET /c2a/thing/{thingUrn}): `variant` becomes a Rust name and must be PascalCase and not a keyword, found `` [x-waiter]"#]],
    );
}

#[test]
fn enum_values_colliding_as_rust_variants_are_refused() {
    assert_refused(
        "enum-variant-collision.yaml",
        expect![[r#"
        broken/enum-variant-collision.yaml#/components/schemas/EnColor/enum/1: `red` and `Red` both become the Rust variant `Red` [named-enum]
        broken/enum-variant-collision.yaml#/components/schemas/EnColor/enum/3: `a_b` and `a-b` both become the Rust variant `AB` [named-enum]
        broken/enum-variant-collision.yaml#/components/schemas/EnColor/enum/5: `Self` and `self` both become the Rust variant `Self_` [named-enum]
        broken/enum-variant-collision.yaml#/components/schemas/EnColor/enum/6: `Unknown` would become the variant `Unknown`, which the client keeps for values it does not know [named-enum]
        broken/enum-variant-collision.yaml#/components/schemas/EnColor/enum/8: `x` is listed twice [named-enum]"#]],
    );
}

#[test]
fn path_template_with_undeclared_parameter_is_refused() {
    assert_refused(
        "path-undeclared-parameter.yaml",
        expect![
            "broken/path-undeclared-parameter.yaml#/paths/~1c2a~1{}~1info/get (GET /c2a/{}/info): the path `/c2a/{}/info` has an empty or nested `{}` [path-parameters]"
        ],
    );
}

#[test]
fn money_pair_on_a_string_is_refused() {
    assert_refused(
        "money-on-string.yaml",
        expect![[r#"
        broken/money-on-string.yaml#/components/schemas/Thing/x-money/amount: `thingUrn` must refer to `Milpieces` [x-money]
        broken/money-on-string.yaml#/components/schemas/Thing/x-money/currency: `color` must be a plain `type: string` property [x-money]"#]],
    );
}

#[test]
fn message_code_required_but_not_a_property_is_refused() {
    assert_refused(
        "message-code-not-a-property.yaml",
        expect![[r#"
        broken/message-code-not-a-property.yaml#/components/schemas/AzotteStatus/required/0: required "messageCode" is not a property [required-properties]
        broken/message-code-not-a-property.yaml#/components/schemas/AzotteStatus: `AzotteStatus` needs a required `messageCode` of `type: string` [required-properties]"#]],
    );
}

#[test]
fn keyword_operation_id_is_refused() {
    assert_refused(
        "operation-id-keyword.yaml",
        expect![
            "broken/operation-id-keyword.yaml#/paths/~1c2a~1thing/post/operationId (POST /c2a/thing): operationId `self` is a Rust keyword [operation-id]"
        ],
    );
}

#[test]
fn every_independent_extension_error_is_reported() {
    assert_refused(
        "many-extension-errors.yaml",
        expect![[r#"
            broken/many-extension-errors.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-message-codes/0/colour (GET /c2a/thing/{thingUrn}): unknown key `colour` (expected `code`, `meaning`, `http`, `success`, `retryable`, `provenance`) [x-message-codes]
            broken/many-extension-errors.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-message-codes/1/success (GET /c2a/thing/{thingUrn}): `success` must be `true` or `false`, found "maybe" [x-message-codes]
            broken/many-extension-errors.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/parameters/0/x-rust-name (GET /c2a/thing/{thingUrn}): `x-rust-name` becomes a Rust name and must be snake_case and not a keyword, found `type` [x-rust-name]
            broken/many-extension-errors.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-idempotency-key/in (GET /c2a/thing/{thingUrn}): `in` must be `body` or `query`, found `header` [x-idempotency-key]
            broken/many-extension-errors.yaml#/paths/~1c2a~1thing/post/x-retry (POST /c2a/thing): `x-retry` is not an extension allowed here (allowed: x-message-codes, x-idempotency-key, x-waiter, x-doc-id) [unknown-extension]
            broken/many-extension-errors.yaml#/paths/~1c2a~1thing/post/responses/200/x-provenance (POST /c2a/thing): provenance must be `documented`, `sample` or `inferred`, found `guessed` [x-provenance]
            broken/many-extension-errors.yaml#/paths/~1c2a~1thing/post/x-doc-id (POST /c2a/thing): `x-doc-id` must be a non-empty string, found "" [x-doc-id]
            broken/many-extension-errors.yaml#/components/schemas/ThingResponse/x-envelope: `x-envelope` must be `general`, `inline` or `status`, found "wrapped" [x-envelope]
            broken/many-extension-errors.yaml#/components/schemas/EnColor/x-extensible-enum: `x-extensible-enum` must be `true` or `false`, found "true" [x-extensible-enum]
            broken/many-extension-errors.yaml#/components/schemas/Thing/properties/secretCode/x-sensitive: `x-sensitive` must be `true` or `false`, found "yes" [x-sensitive]
            broken/many-extension-errors.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/input (GET /c2a/thing/{thingUrn}): `notAParameter` is not a path parameter of the operation [x-waiter]
            broken/many-extension-errors.yaml#/components/schemas/Thing/x-decision/by: `colour` is not a property of `Thing` [x-decision]
            broken/many-extension-errors.yaml#/components/schemas/Thing/x-aliases/items: `items` is not a property of `Thing` [x-aliases]"#]],
    );
}

#[test]
fn waiter_pointers_that_name_no_field_are_located() {
    assert_refused(
        "waiter-pointer-not-a-field.yaml",
        expect![[r#"
        broken/waiter-pointer-not-a-field.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/acceptors/0/payload (GET /c2a/thing/{thingUrn}): `/redirect`: `Thing` has no property `redirect` [x-waiter]
        broken/waiter-pointer-not-a-field.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/delay_hint/field (GET /c2a/thing/{thingUrn}): `/color/seconds`: `EnColor` has no property `seconds` [x-waiter]
        broken/waiter-pointer-not-a-field.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/stop_when/field (GET /c2a/thing/{thingUrn}): `/done`: `Thing` has no property `done` [x-waiter]"#]],
    );
}

#[test]
fn waiter_fields_of_a_type_the_generated_code_cannot_use_are_refused() {
    assert_refused(
        "waiter-field-types.yaml",
        expect![[r#"
        broken/waiter-field-types.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/stop_when/equals (GET /c2a/thing/{thingUrn}): `equals: false` does not match `/attempts`, which becomes a Rust `i32`; comparing them needs a Rust `bool` field [x-waiter]
        broken/waiter-field-types.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/delay_hint/field (GET /c2a/thing/{thingUrn}): `/secretCode` becomes a Rust `String`, but a delay hint is read as whole seconds: it must be an integer field [x-waiter]
        broken/waiter-field-types.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/acceptors/0/payload (GET /c2a/thing/{thingUrn}): `/thingUrn` is required and not nullable, but an action_required outcome is read from an optional field (a poll without it is reported as an error); make it optional [x-waiter]
        broken/waiter-field-types.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/started_by/input_from (GET /c2a/thing/{thingUrn}): `/secretCode` is optional or nullable, but it becomes the waiter's input, which needs a value: make it required [x-waiter]"#]],
    );
}

#[test]
fn waiter_stopping_on_a_string_field_is_refused() {
    assert_refused(
        "waiter-stop-on-string.yaml",
        expect![[
            r#"broken/waiter-stop-on-string.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/stop_when/equals (GET /c2a/thing/{thingUrn}): `equals: "gone"` is a string, which the generated client cannot compare with `/thingUrn` (a string field is a `String`, an enum a Rust enum); stop on a boolean or integer field [x-waiter]"#
        ]],
    );
}

#[test]
fn two_acceptors_with_one_outcome_variant_are_refused() {
    assert_refused(
        "waiter-variant-twice.yaml",
        expect![
            "broken/waiter-variant-twice.yaml#/paths/~1c2a~1thing~1{thingUrn}/get/x-waiter/acceptors/1/variant (GET /c2a/thing/{thingUrn}): `Done` is already the outcome of acceptor `SUCCESS`: each outcome variant belongs to one acceptor [x-waiter]"
        ],
    );
}

#[test]
fn properties_colliding_as_rust_fields_are_refused() {
    assert_refused(
        "field-name-collision.yaml",
        expect![
            "broken/field-name-collision.yaml#/components/schemas/Thing/properties/secret_code: properties `secret_code` and `secretCode` both become the Rust field `secret_code` [rust-field-names]"
        ],
    );
}

#[test]
fn operation_ids_colliding_as_client_methods_are_refused() {
    assert_refused(
        "method-name-collision.yaml",
        expect![[r#"
        broken/method-name-collision.yaml#/paths/~1c2a~1thing/post/operationId (POST /c2a/thing): operationId `getThing` is not snake_case [operation-id]
        broken/method-name-collision.yaml#/paths/~1c2a~1thing/post/operationId (POST /c2a/thing): operationId `getThing` and operationId `get_thing` both become the method `Client::get_thing` [rust-method-names]"#]],
    );
}

#[test]
fn operation_ids_colliding_as_builder_types_are_refused() {
    assert_refused(
        "builder-name-collision.yaml",
        expect![
            "broken/builder-name-collision.yaml#/paths/~1c2a~1thing/post/operationId (POST /c2a/thing): operationId `get_thing2` and operationId `get_thing_2` both become the builder type `builder::GetThing2` [rust-method-names]"
        ],
    );
}

#[test]
fn operation_named_like_a_method_the_client_has_is_refused() {
    assert_refused(
        "operation-id-reserved.yaml",
        expect![
            "broken/operation-id-reserved.yaml#/paths/~1c2a~1thing/post/operationId (POST /c2a/thing): operationId `new` becomes `Client::new`, a method the client already has [rust-method-names]"
        ],
    );
}

#[test]
fn components_colliding_as_rust_types_are_refused() {
    assert_refused(
        "type-name-collision.yaml",
        expect![[r#"
        broken/type-name-collision.yaml#/components/schemas/message_code: the component `message_code` becomes the Rust type `types::MessageCode`, which the client keeps for the enum of every `x-message-codes` code [rust-type-names]
        broken/type-name-collision.yaml#/components/schemas/thing: the component `thing` and the component `Thing` both become the Rust type `types::Thing` [rust-type-names]"#]],
    );
}

#[test]
fn enum_values_that_are_not_strings_are_refused() {
    assert_refused(
        "enum-not-string.yaml",
        expect![[r#"
        broken/enum-not-string.yaml#/components/schemas/EnColor/enum/1: enum value `2` is not a string: only string enums become Rust enums [named-enum]
        broken/enum-not-string.yaml#/components/schemas/EnColor/enum/2: enum value `true` is not a string: only string enums become Rust enums [named-enum]"#]],
    );
}

#[test]
fn message_code_that_becomes_the_unknown_variant_is_refused() {
    assert_refused(
        "message-code-unknown.yaml",
        expect![
            "broken/message-code-unknown.yaml#/paths/~1c2a~1thing/post/x-message-codes/1/code (POST /c2a/thing): `UNKNOWN` would become the `MessageCode` variant `Unknown`, which the client keeps for values it does not know [named-enum]"
        ],
    );
}

#[test]
fn path_without_its_leading_slash_is_refused() {
    assert_refused(
        "path-without-slash.yaml",
        expect![
            "broken/path-without-slash.yaml#/paths/c2a~1thing: the path `c2a/thing` must start with `/` (it is appended to the server URL) [path-syntax]"
        ],
    );
}

#[test]
fn non_utf8_input_is_located_by_byte_offset() {
    let mut bytes = common::minimal_spec().into_bytes();
    let offset = bytes.len() - 4;
    bytes[offset] = 0xff;
    let err = generator::generate_bytes(&bytes, "bad.yaml").expect_err("not UTF-8");
    let message = err.to_string();
    assert!(message.starts_with("bad.yaml:"), "{message}");
    assert!(message.contains(&format!("at byte offset {offset}")), "{message}");
}

#[test]
fn a_byte_order_mark_is_not_a_second_document() {
    let spec = format!("\u{feff}{}", common::minimal_spec());
    generator::generate_bytes(spec.as_bytes(), "bom.yaml").expect("a BOM is ignored");
}
