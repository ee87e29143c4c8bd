//! The one typed model of the spec's vendor extensions (`openapi/CONVENTIONS.md`).
//!
//! Every extension is defined here, as a type with a `parse(value, pointer)` that refuses
//! unknown keys, validates the values that become Rust names, and reports every problem
//! with its JSON pointer. [`Extensions::parse`] reads the whole document once (in the checks
//! step) and also cross-checks each extension against the spec around it (a waiter's
//! input is a path parameter, `x-money`'s amount is `Milpieces`, ...). Lowering, the passes
//! and `api_md` read the result; nothing else reads an `x-` key.
//!
//! Which extension may appear where, what parses it and what a change of it means for
//! clients is the [`registry`] ([`registry::REGISTRY`], with a table in its docs): any
//! other `x-` key at an operation, parameter, response, component schema, nested schema or
//! `info` is refused.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, escape_token};
use crate::doc_walk;

mod against_spec;
pub mod message_codes;
pub mod operation;
pub mod read;
pub mod registry;
pub mod schema;
pub mod waiter;

pub use message_codes::{MessageCode, MessageCodes};
pub use operation::{IdempotencyKey, parse_doc_id, parse_rust_name};
pub use read::{is_keyword, is_snake_ident, is_type_ident};
pub use registry::{ClientEffect, Place};
pub use schema::{
    Aliases, Decision, DecisionCase, Envelope, MoneyPair, Provenance, SchemaProvenance, parse_flag,
};
pub use waiter::{Acceptor, AcceptorState, DelayHint, StartedBy, StopWhen, Waiter};

/// Every extension of the spec, typed, in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extensions {
    /// `info.x-provenance`.
    pub info_provenance: Option<SchemaProvenance>,
    /// One entry per operation, in document order.
    pub operations: Vec<OperationExtensions>,
    /// One entry per component schema, in document order.
    pub schemas: Vec<SchemaExtensions>,
    /// Position in `schemas` by component name, so that lookups stay cheap on big specs.
    schema_index: BTreeMap<String, usize>,
}

/// The extensions of one operation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OperationExtensions {
    /// The operationId (empty when it has none; the checks report that).
    pub id: String,
    /// JSON pointer to the operation.
    pub pointer: String,
    /// `x-message-codes`.
    pub message_codes: MessageCodes,
    /// `x-idempotency-key`.
    pub idempotency_key: Option<IdempotencyKey>,
    /// `x-waiter`.
    pub waiter: Option<Waiter>,
    /// `x-doc-id`.
    pub doc_id: Option<String>,
    /// `x-provenance` of each response, as `(status, provenance)`.
    pub response_provenance: Vec<(String, Provenance)>,
    /// `x-rust-name` of parameters, as `(wire name, Rust name)`.
    pub rust_names: Vec<(String, String)>,
}

/// The extensions of one component schema.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchemaExtensions {
    /// The component's name.
    pub name: String,
    /// `x-envelope`.
    pub envelope: Option<Envelope>,
    /// `x-provenance`.
    pub provenance: Option<SchemaProvenance>,
    /// `x-aliases`.
    pub aliases: Aliases,
    /// `x-money`.
    pub money: Option<MoneyPair>,
    /// `x-decision`.
    pub decision: Option<Decision>,
    /// `x-extensible-enum: true`: the enum is open.
    pub extensible_enum: bool,
    /// Wire names of the properties marked `x-sensitive: true`.
    pub sensitive: Vec<String>,
}

impl OperationExtensions {
    /// The Rust name of parameter `wire`'s builder method: its `x-rust-name`, else the
    /// snake_case name progenitor derives from the wire name (`exId` -> `ex_id`).
    pub fn setter_name(&self, wire: &str) -> String {
        match self.rust_names.iter().find(|(name, _)| name == wire) {
            Some((_, rust)) => rust.clone(),
            None => heck::ToSnakeCase::to_snake_case(wire),
        }
    }
}

impl Extensions {
    /// Reads every extension of `doc`; `Err` lists every problem, located.
    pub fn parse(doc: &Value) -> Result<Self, Vec<Diagnostic>> {
        let (extensions, problems) = Self::read(doc);
        if problems.is_empty() { Ok(extensions) } else { Err(problems) }
    }

    /// Like [`Extensions::parse`], but also hands out the model of everything that parsed,
    /// so that the other checks can run on it and a single run reports all problems.
    pub fn read(doc: &Value) -> (Self, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut out = Self::default();
        if let Some(info) = doc.get("info") {
            refuse_unknown(info, "/info", Place::Info, &mut problems);
            out.info_provenance = parse_optional_extension(
                info.get("x-provenance"),
                "/info/x-provenance",
                SchemaProvenance::parse,
                &mut problems,
            );
        }
        for op in doc_walk::operations(doc) {
            out.operations.push(read_operation(doc, &op, &mut problems));
        }
        for (name, schema) in doc_walk::component_schemas(doc) {
            out.schema_index.insert(name.to_owned(), out.schemas.len());
            out.schemas.push(read_component(name, schema, &mut problems));
        }
        doc_walk::walk_schemas(doc, &mut |schema, at, component| {
            if !component {
                refuse_unknown(schema, at, Place::NestedSchema, &mut problems);
                parse_optional_extension(
                    schema.get("x-sensitive"),
                    &format!("{at}/x-sensitive"),
                    |v, a| parse_flag("x-sensitive", v, a),
                    &mut problems,
                );
            }
        });
        against_spec::check(doc, &out, &mut problems);
        (out, problems)
    }

    /// The extensions of the operation with this operationId.
    pub fn operation(&self, id: &str) -> Option<&OperationExtensions> {
        self.operations.iter().find(|op| op.id == id)
    }

    /// The extensions of the component schema `name`.
    pub fn schema(&self, name: &str) -> Option<&SchemaExtensions> {
        self.schema_index.get(name).map(|i| &self.schemas[*i])
    }

    /// The envelope the component `name` declares.
    pub fn envelope(&self, name: &str) -> Option<Envelope> {
        self.schema(name).and_then(|s| s.envelope)
    }
}

fn read_operation(
    doc: &Value,
    op: &doc_walk::Operation<'_>,
    problems: &mut Vec<Diagnostic>,
) -> OperationExtensions {
    let at = op.pointer();
    refuse_unknown(op.value, &at, Place::Operation, problems);
    let codes_at = op.pointer_to("x-message-codes");
    let message_codes = match op.value.get("x-message-codes") {
        Some(value) => parse_optional_extension(Some(value), &codes_at, MessageCodes::parse, problems)
            .unwrap_or_default(),
        None => {
            problems.push(Diagnostic::new(
                &at,
                message_codes::KEY,
                "the operation has no `x-message-codes` list",
            ));
            MessageCodes::default()
        }
    };
    let mut response_provenance = Vec::new();
    for (status, response) in op.responses() {
        let here = op.pointer_to(&format!("responses/{}", escape_token(status)));
        refuse_unknown(response, &here, Place::Response, problems);
        let provenance = parse_optional_extension(
            response.get("x-provenance"),
            &format!("{here}/x-provenance"),
            Provenance::parse,
            problems,
        );
        response_provenance.extend(provenance.map(|p| (status.to_owned(), p)));
    }
    let mut rust_names = Vec::new();
    for (here, param) in doc_walk::operation_parameters(doc, op) {
        refuse_unknown(param, &here, Place::Parameter, problems);
        let name = parse_optional_extension(
            param.get("x-rust-name"),
            &format!("{here}/x-rust-name"),
            parse_rust_name,
            problems,
        );
        let wire = param.get("name").and_then(Value::as_str).unwrap_or_default();
        rust_names.extend(name.map(|n| (wire.to_owned(), n)));
    }
    OperationExtensions {
        id: op.id().unwrap_or_default().to_owned(),
        pointer: at,
        message_codes,
        idempotency_key: parse_optional_extension(
            op.value.get(IdempotencyKey::KEY),
            &op.pointer_to(IdempotencyKey::KEY),
            IdempotencyKey::parse,
            problems,
        ),
        waiter: parse_optional_extension(
            op.value.get(waiter::KEY),
            &op.pointer_to(waiter::KEY),
            Waiter::parse,
            problems,
        ),
        doc_id: parse_optional_extension(
            op.value.get("x-doc-id"),
            &op.pointer_to("x-doc-id"),
            parse_doc_id,
            problems,
        ),
        response_provenance,
        rust_names,
    }
}

fn read_component(name: &str, schema: &Value, problems: &mut Vec<Diagnostic>) -> SchemaExtensions {
    let at = doc_walk::schema_pointer(name);
    refuse_unknown(schema, &at, Place::ComponentSchema, problems);
    let here = |key: &str| format!("{at}/{key}");
    let sensitive = schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, p)| p.get("x-sensitive").and_then(Value::as_bool) == Some(true))
        .map(|(k, _)| k.clone())
        .collect();
    SchemaExtensions {
        name: name.to_owned(),
        envelope: parse_optional_extension(
            schema.get("x-envelope"),
            &here("x-envelope"),
            Envelope::parse,
            problems,
        ),
        provenance: parse_optional_extension(
            schema.get("x-provenance"),
            &here("x-provenance"),
            SchemaProvenance::parse,
            problems,
        ),
        aliases: parse_optional_extension(
            schema.get("x-aliases"),
            &here("x-aliases"),
            Aliases::parse,
            problems,
        )
        .unwrap_or_default(),
        money: parse_optional_extension(schema.get("x-money"), &here("x-money"), MoneyPair::parse, problems),
        decision: parse_optional_extension(
            schema.get("x-decision"),
            &here("x-decision"),
            Decision::parse,
            problems,
        ),
        extensible_enum: parse_optional_extension(
            schema.get("x-extensible-enum"),
            &here("x-extensible-enum"),
            |v, a| parse_flag("x-extensible-enum", v, a),
            problems,
        )
        .unwrap_or(false),
        sensitive,
    }
}

/// Parses an optional extension value, moving its problems into `problems`.
fn parse_optional_extension<T>(
    value: Option<&Value>,
    at: &str,
    parse: impl FnOnce(&Value, &str) -> Result<T, Vec<Diagnostic>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    match parse(value?, at) {
        Ok(parsed) => Some(parsed),
        Err(found) => {
            problems.extend(found);
            None
        }
    }
}

/// Records every `x-` key of `node` that the registry does not allow at `place`.
fn refuse_unknown(node: &Value, at: &str, place: Place, problems: &mut Vec<Diagnostic>) {
    for key in node.as_object().into_iter().flat_map(|m| m.keys()) {
        if key.starts_with("x-") && registry::lookup(key, place).is_none() {
            problems.push(Diagnostic::new(
                format!("{at}/{}", escape_token(key)),
                "unknown-extension",
                format!(
                    "`{key}` is not an extension allowed here (allowed: {})",
                    registry::keys_at(place).join(", ")
                ),
            ));
        }
    }
}
