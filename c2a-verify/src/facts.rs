//! Facts the spec holds on weaker ground than a docs table, and which evidence confirms
//! them.
//!
//! A fact is a property or enum value a component lists under `x-provenance.sample` or
//! `.inferred`, a component header with `x-provenance: sample|inferred`, a message code with
//! `provenance: sample|inferred`, or a response object with `x-provenance: sample|inferred`.
//! Evidence is a docs sample (for what the docs show) or real-environment traffic; sandbox
//! recordings confirm nothing (the sandbox is built from the spec). A field or enum value is
//! confirmed when evidence carries it with the declared type; a header when evidence carries
//! it on a response that declares it; a code when evidence returns it with its listed HTTP
//! status; a response (an HTTP status and its body shape) only by real traffic, because the
//! docs samples' statuses are often our own assumption.
//!
//! Every recorded exchange counts, whatever came after it: the client's recorder writes
//! each attempt of a retried call as its own entry (`_attempt`), so a 503 or a 429 the client
//! retried, with its `Retry-After`, confirms what the spec infers about such answers.

use std::collections::{BTreeMap, BTreeSet};

use c2a_spec::extensions::Provenance;
use serde::Serialize;
use serde_json::Value;

use c2a_conformance::spec_model::{Spec, SpecOperation, escape};

use crate::har::SourceKind;
use crate::report::ExchangeReport;

/// What a fact is about.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    /// A property of a component.
    Field,
    /// A value of an enum component.
    EnumValue,
    /// A response header component (`#/components/headers/...`).
    Header,
    /// A message code of an operation.
    MessageCode,
    /// A response (HTTP status and body shape) of an operation.
    Response,
}

/// One `sample`/`inferred` fact and where it stands.
#[derive(Clone, Debug, Serialize)]
pub struct Fact {
    /// What kind.
    pub kind: FactKind,
    /// Human name: `ArtifactGroup.itemIdentifier`, `EnInteractionSource = P2A`,
    /// `header Retry-After`, `add_payment_method: INVALID_CARD`, `submit_checkout: HTTP 202`.
    pub subject: String,
    /// `sample` or `inferred`.
    pub provenance: String,
    /// The spec element.
    pub spec_pointer: String,
    /// Operations whose traffic would show it (what to record next).
    pub flows: Vec<String>,
    /// The exchanges that confirm it (`file#entry`); empty when unconfirmed.
    pub confirmed_by: Vec<String>,
    /// Whether real-environment traffic is among them (not only docs samples).
    pub by_real_traffic: bool,
    #[serde(skip)]
    key: String,
}

/// The facts of a run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FactsSummary {
    /// Number of `sample`/`inferred` facts in the spec.
    pub total: usize,
    /// Facts some evidence shows, in spec order.
    pub confirmed: Vec<Fact>,
    /// Facts no evidence shows yet, in spec order.
    pub unconfirmed: Vec<Fact>,
    /// `sample`/`inferred` properties marked `x-sensitive`: recordings never carry them,
    /// so they cannot be confirmed this way and are not counted in `total`.
    pub not_recordable: Vec<String>,
}

/// Every `sample`/`inferred` fact of the spec, in document order, unconfirmed; and the
/// subjects of the `x-sensitive` properties left out.
pub fn catalog(spec: &Spec) -> (Vec<Fact>, Vec<String>) {
    let doc = spec.doc();
    let reach: Vec<(String, BTreeSet<String>)> = c2a_spec::doc_walk::operations(doc)
        .iter()
        .filter_map(|op| Some((op.id()?.to_owned(), c2a_spec::reachability::from_operation(doc, op))))
        .collect();
    let flows_of = |component: &str| -> Vec<String> {
        reach.iter().filter(|(_, set)| set.contains(component)).map(|(id, _)| id.clone()).collect()
    };
    let mut facts = Vec::new();
    let mut not_recordable = Vec::new();
    for (name, schema) in c2a_spec::doc_walk::component_schemas(doc) {
        let Some(provenance) = schema.get("x-provenance") else { continue };
        for list in [Provenance::Sample, Provenance::Inferred] {
            for member in provenance.get(list.as_str()).and_then(Value::as_array).into_iter().flatten() {
                let Some(member) = member.as_str() else { continue };
                // A member listed twice is one fact, under the grade the shared rule gives it.
                if c2a_spec::provenance::of_member_value(provenance, member) != Some(list) {
                    continue;
                }
                let base = c2a_spec::doc_walk::schema_pointer(name);
                let property = schema.pointer(&format!("/properties/{}", escape(member)));
                if property.and_then(|p| p.get("x-sensitive")) == Some(&Value::Bool(true)) {
                    not_recordable.push(format!("{name}.{member}"));
                    continue;
                }
                let (kind, key, subject) = if property.is_some() {
                    (
                        FactKind::Field,
                        format!("{base}/properties/{}", escape(member)),
                        format!("{name}.{member}"),
                    )
                } else if schema
                    .get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|e| e.iter().any(|v| v == member))
                {
                    (FactKind::EnumValue, format!("{base}/enum={member}"), format!("{name} = {member}"))
                } else {
                    continue;
                };
                let spec_pointer = format!("#{}", key.split('=').next().unwrap_or(&key));
                let flows = flows_of(name);
                facts.push(Fact {
                    kind,
                    subject,
                    provenance: list.as_str().to_owned(),
                    spec_pointer,
                    flows,
                    confirmed_by: Vec::new(),
                    by_real_traffic: false,
                    key,
                });
            }
        }
    }
    facts.extend(headers(spec));
    let weak =
        |key: &str| c2a_spec::provenance::of_pointer(doc, key).filter(|p| *p != Provenance::Documented);
    for op in spec.operations() {
        let value = spec.operation_value(op);
        let codes = value.get("x-message-codes").and_then(Value::as_array).into_iter().flatten();
        for (i, code) in codes.enumerate() {
            let key = format!("{}/x-message-codes/{i}", op.pointer);
            if let Some(provenance) = weak(&key) {
                let subject =
                    format!("{}: {}", op.id, code.get("code").and_then(Value::as_str).unwrap_or("?"));
                facts.push(fact(FactKind::MessageCode, subject, provenance.as_str(), key, &op.id));
            }
        }
        for (status, _) in value.get("responses").and_then(Value::as_object).into_iter().flatten() {
            let key = format!("{}/responses/{}", op.pointer, escape(status));
            if let Some(provenance) = weak(&key) {
                let shown = if status == "default" { status.clone() } else { format!("HTTP {status}") };
                let subject = format!("{}: {shown}", op.id);
                facts.push(fact(FactKind::Response, subject, provenance.as_str(), key, &op.id));
            }
        }
    }
    (facts, not_recordable)
}

/// The `sample`/`inferred` header components, each named as the responses that declare it
/// name it (`Retry-After`), with the operations whose responses declare it.
fn headers(spec: &Spec) -> Vec<Fact> {
    let doc = spec.doc();
    let components = doc.pointer("/components/headers").and_then(Value::as_object);
    let mut facts = Vec::new();
    for (name, header) in components.into_iter().flatten() {
        let provenance = header.get("x-provenance").and_then(c2a_spec::provenance::source_of);
        let Some(provenance) = provenance.filter(|p| *p != Provenance::Documented) else { continue };
        let key = format!("/components/headers/{}", escape(name));
        let mut http_name = None;
        let mut flows = Vec::new();
        for op in spec.operations() {
            for (declared, _) in declared_headers(spec, op).into_iter().filter(|(_, at)| *at == key) {
                http_name.get_or_insert(declared);
                if !flows.contains(&op.id) {
                    flows.push(op.id.clone());
                }
            }
        }
        facts.push(Fact {
            kind: FactKind::Header,
            subject: format!("header {}", http_name.unwrap_or(name.as_str())),
            provenance: provenance.as_str().to_owned(),
            spec_pointer: format!("#{key}"),
            flows,
            confirmed_by: Vec::new(),
            by_real_traffic: false,
            key,
        });
    }
    facts
}

/// Every header the responses of `op` declare by reference to a component: its name and the
/// component's pointer (the fact key of a header).
fn declared_headers<'s>(spec: &'s Spec, op: &SpecOperation) -> Vec<(&'s str, String)> {
    let responses = spec.operation_value(op).get("responses").and_then(Value::as_object);
    responses
        .into_iter()
        .flatten()
        .flat_map(|(_, response)| spec.declared_header_components(response))
        .collect()
}

fn fact(kind: FactKind, subject: String, provenance: &str, key: String, op: &str) -> Fact {
    let spec_pointer = format!("#{key}");
    Fact {
        kind,
        subject,
        provenance: provenance.to_owned(),
        spec_pointer,
        flows: vec![op.to_owned()],
        confirmed_by: Vec::new(),
        by_real_traffic: false,
        key,
    }
}

/// Which facts the evidence among `exchanges` confirms.
pub fn summarize(spec: &Spec, exchanges: &[ExchangeReport]) -> FactsSummary {
    let mut seen: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for exchange in exchanges.iter().filter(|x| x.source.is_evidence()) {
        for key in &exchange.observed {
            let name = format!("{}#{}", exchange.file, exchange.entry);
            let by = seen.entry(key.as_str()).or_default();
            if !by.contains(&name) {
                by.push(name);
            }
        }
    }
    let real_only = |x: &ExchangeReport| x.source == SourceKind::Real;
    let real: BTreeSet<String> =
        exchanges.iter().filter(|x| real_only(x)).map(|x| format!("{}#{}", x.file, x.entry)).collect();
    let (catalog, not_recordable) = catalog(spec);
    let mut summary = FactsSummary { not_recordable, ..FactsSummary::default() };
    for mut fact in catalog {
        fact.confirmed_by = match fact.kind {
            FactKind::Response => exchanges
                .iter()
                .filter(|x| real_only(x) && x.observed.contains(&fact.key))
                .map(|x| format!("{}#{}", x.file, x.entry))
                .collect(),
            _ => seen.get(fact.key.as_str()).cloned().unwrap_or_default(),
        };
        fact.by_real_traffic = fact.confirmed_by.iter().any(|by| real.contains(by));
        summary.total += 1;
        if fact.confirmed_by.is_empty() {
            summary.unconfirmed.push(fact);
        } else {
            summary.confirmed.push(fact);
        }
    }
    summary
}
