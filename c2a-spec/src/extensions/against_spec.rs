//! Each extension checked against the spec around it: the names it uses exist and have
//! the shape the generated code relies on (for a waiter's fields, the Rust types:
//! [`waiter_fields`]), so that an accepted spec yields a client that compiles.

use serde_json::Value;

use super::{Extensions, IdempotencyKey, OperationExtensions, SchemaExtensions};
use crate::checks::MILPIECES;
use crate::diagnostic::{Diagnostic, escape_token};
use crate::doc_walk::{self, Operation, schema_pointer, schema_ref_name};

use super::schema::Envelope;

mod waiter_fields;

pub(super) fn check(doc: &Value, ext: &Extensions, problems: &mut Vec<Diagnostic>) {
    for (op, op_ext) in doc_walk::operations(doc).iter().zip(&ext.operations) {
        operation(doc, ext, op, op_ext, problems);
    }
    for (name, schema) in doc_walk::component_schemas(doc) {
        if let Some(schema_ext) = ext.schema(name) {
            component(doc, name, schema, schema_ext, problems);
        }
    }
}

fn operation(
    doc: &Value,
    ext: &Extensions,
    op: &Operation<'_>,
    op_ext: &OperationExtensions,
    problems: &mut Vec<Diagnostic>,
) {
    let params = doc_walk::operation_parameters(doc, op);
    let has_param = |location: &str, name: &str| {
        params.iter().any(|(_, p)| {
            p.get("in").and_then(Value::as_str) == Some(location)
                && p.get("name").and_then(Value::as_str) == Some(name)
        })
    };
    if let Some(IdempotencyKey::Query { name }) = &op_ext.idempotency_key
        && !has_param("query", name)
    {
        problems.push(Diagnostic::new(
            op.pointer_to("x-idempotency-key/name"),
            IdempotencyKey::KEY,
            format!("`{name}` is not a query parameter of the operation"),
        ));
    }
    let mut seen = Vec::new();
    for (wire, rust) in &op_ext.rust_names {
        if seen.contains(&rust) {
            problems.push(Diagnostic::new(
                op.pointer_to("parameters"),
                "x-rust-name",
                format!("`x-rust-name: {rust}` (on `{wire}`) is used twice in the operation"),
            ));
        }
        seen.push(rust);
    }
    let Some(waiter) = &op_ext.waiter else { return };
    let at = op.pointer_to("x-waiter");
    let mut bad = |suffix: &str, message: String| {
        problems.push(Diagnostic::new(format!("{at}{suffix}"), super::waiter::KEY, message));
    };
    if !has_param("path", &waiter.input) {
        bad("/input", format!("`{}` is not a path parameter of the operation", waiter.input));
    }
    let last = waiter.acceptors.len().saturating_sub(1);
    for (i, acceptor) in waiter.acceptors.iter().enumerate() {
        if acceptor.code == "*" {
            if i != last {
                bad(
                    &format!("/acceptors/{i}/code"),
                    "`*` matches every code no earlier acceptor names: it must be the last acceptor"
                        .to_owned(),
                );
            }
            continue;
        }
        if !op_ext.message_codes.0.is_empty() && !op_ext.message_codes.contains(&acceptor.code) {
            bad(
                &format!("/acceptors/{i}/code"),
                format!("`{}` is not in the operation's `x-message-codes`", acceptor.code),
            );
        }
    }
    let success = op.success_component();
    let payload_envelope = success.and_then(|c| ext.envelope(c));
    let envelope_malformed = success
        .and_then(|c| doc.pointer(&schema_pointer(c)))
        .is_some_and(|s| s.get("x-envelope").is_some() && payload_envelope.is_none());
    if !envelope_malformed && !matches!(payload_envelope, Some(Envelope::General | Envelope::Inline)) {
        bad(
            "",
            "a waiter polls an operation whose 2xx response is a `general` or `inline` envelope".to_owned(),
        );
    }
    if let Some(payload) = success.zip(payload_envelope).and_then(|(c, e)| payload_component(doc, c, e)) {
        let mut pointers: Vec<(String, &str)> = Vec::new();
        for (i, acceptor) in waiter.acceptors.iter().enumerate() {
            pointers.extend(acceptor.payload.as_deref().map(|p| (format!("/acceptors/{i}/payload"), p)));
        }
        pointers.extend(waiter.delay_hint.field.as_deref().map(|p| ("/delay_hint/field".to_owned(), p)));
        pointers.extend(waiter.stop_when.as_ref().map(|s| ("/stop_when/field".to_owned(), s.field.as_str())));
        for (suffix, pointer) in pointers {
            if let Err(message) = follow(doc, payload, pointer) {
                bad(&suffix, message);
            }
        }
        for (suffix, message) in waiter_fields::check(doc, waiter, payload) {
            bad(&suffix, message);
        }
    }
    if let Some(start) = &waiter.started_by {
        match doc_walk::operations(doc).into_iter().find(|o| o.id() == Some(start.operation.as_str())) {
            None => bad("/started_by/operation", format!("`{}` is not an operationId", start.operation)),
            Some(started) => {
                let component = started.success_component();
                let payload = component.zip(component.and_then(|c| ext.envelope(c)));
                match payload.and_then(|(c, envelope)| payload_component(doc, c, envelope)) {
                    Some(payload) if started.request_body_component().is_some() => {
                        let problem = follow(doc, payload, &start.input_from)
                            .err()
                            .or_else(|| waiter_fields::input_from(doc, payload, &start.input_from));
                        if let Some(message) = problem {
                            bad("/started_by/input_from", message);
                        }
                    }
                    _ => bad(
                        "/started_by/operation",
                        format!(
                            "`{}` needs a `$ref` request body and a `general` or `inline` 2xx envelope",
                            start.operation
                        ),
                    ),
                }
            }
        }
    }
}

fn component(
    doc: &Value,
    name: &str,
    schema: &Value,
    ext: &SchemaExtensions,
    problems: &mut Vec<Diagnostic>,
) {
    let at = schema_pointer(name);
    let props = schema.get("properties").and_then(Value::as_object);
    let property = |p: &str| props.and_then(|m| m.get(p));
    let required =
        |p: &str| schema.get("required").and_then(Value::as_array).is_some_and(|r| r.iter().any(|v| v == p));
    if let Some(money) = &ext.money {
        let mut bad = |key: &str, message: String| {
            problems.push(Diagnostic::new(format!("{at}/x-money/{key}"), "x-money", message))
        };
        match property(&money.amount) {
            Some(p) if schema_ref_name(p) == Some(MILPIECES) => {}
            Some(_) => bad("amount", format!("`{}` must refer to `{MILPIECES}`", money.amount)),
            None => bad("amount", format!("`{}` is not a property of `{name}`", money.amount)),
        }
        match property(&money.currency).map(|p| resolved(doc, p)) {
            Some(p) if p.get("type").and_then(Value::as_str) == Some("string") && p.get("enum").is_none() => {
            }
            Some(_) => {
                bad("currency", format!("`{}` must be a plain `type: string` property", money.currency))
            }
            None => bad("currency", format!("`{}` is not a property of `{name}`", money.currency)),
        }
    }
    if let Some(decision) = &ext.decision {
        let mut bad = |suffix: &str, message: String| {
            problems.push(Diagnostic::new(format!("{at}/x-decision{suffix}"), "x-decision", message))
        };
        let values = property(&decision.by)
            .and_then(schema_ref_name)
            .and_then(|n| doc.pointer(&schema_pointer(n)))
            .and_then(|e| e.get("enum"))
            .and_then(Value::as_array);
        match (property(&decision.by), values) {
            (None, _) => bad("/by", format!("`{}` is not a property of `{name}`", decision.by)),
            (Some(_), None) => bad("/by", format!("`{}` must refer to a string enum component", decision.by)),
            (Some(_), Some(_)) if required(&decision.by) => {
                bad("/by", format!("`{}` must be optional (a missing value decodes as Unknown)", decision.by))
            }
            (Some(_), Some(values)) => {
                for (i, case) in decision.cases.iter().enumerate() {
                    if !values.iter().any(|v| v == case.value.as_str()) {
                        bad(
                            &format!("/cases/{i}/value"),
                            format!("`{}` is not a value of `{}`", case.value, decision.by),
                        );
                    }
                }
            }
        }
        for (i, case) in decision.cases.iter().enumerate() {
            if let Some(carried) = &case.carries
                && property(carried).is_none()
            {
                bad(&format!("/cases/{i}/carries"), format!("`{carried}` is not a property of `{name}`"));
            }
        }
    }
    if ext.extensible_enum
        && (schema.get("type").and_then(Value::as_str) != Some("string") || schema.get("enum").is_none())
    {
        problems.push(Diagnostic::new(
            format!("{at}/x-extensible-enum"),
            "x-extensible-enum",
            "`x-extensible-enum` belongs on a `type: string` schema with an `enum`",
        ));
    }
    for (field, _) in &ext.aliases.0 {
        if property(field).is_none() {
            problems.push(Diagnostic::new(
                format!("{at}/x-aliases/{}", escape_token(field)),
                "x-aliases",
                format!("`{field}` is not a property of `{name}`"),
            ));
        }
    }
}

/// The schema itself, or the component it refers to.
fn resolved<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    schema_ref_name(schema).and_then(|n| doc.pointer(&schema_pointer(n))).unwrap_or(schema)
}

/// The component a poll hands out: the envelope itself (`inline`) or its `result`'s
/// component (`general`).
fn payload_component<'a>(doc: &'a Value, envelope_component: &'a str, envelope: Envelope) -> Option<&'a str> {
    match envelope {
        Envelope::Inline => Some(envelope_component),
        Envelope::General => doc
            .pointer(&format!("{}/properties/result", schema_pointer(envelope_component)))
            .and_then(schema_ref_name),
        Envelope::Status => None,
    }
}

/// Checks that `pointer` names properties, one per segment, from `component` down.
fn follow(doc: &Value, component: &str, pointer: &str) -> Result<(), String> {
    let mut current = component.to_owned();
    for segment in pointer.trim_start_matches('/').split('/') {
        let segment = crate::diagnostic::unescape_token(segment);
        let property = doc
            .pointer(&format!("{}/properties/{}", schema_pointer(&current), escape_token(&segment)))
            .ok_or_else(|| format!("`{pointer}`: `{current}` has no property `{segment}`"))?;
        current = schema_ref_name(property).unwrap_or_default().to_owned();
    }
    Ok(())
}
