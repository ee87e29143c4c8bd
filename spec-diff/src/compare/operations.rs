//! The operation scope: operations matched by key, then per matched pair its method and
//! path, docs, extensions, servers, security, parameters and request body; responses (with
//! headers and media types) are compared in [`super::responses`], message codes in
//! [`super::message_codes`]. Schemas inside are handed to [`super::schemas`].

use std::collections::{BTreeMap, BTreeSet};

use c2a_spec::doc_walk;
use c2a_spec::extensions::Place;
use c2a_spec::extensions::waiter::KEY as WAITER;
use serde_json::Value;

use super::document::{NO_AUTH, requirements, servers};
use super::extensions::{changed_docs, changed_extensions};
use super::schemas::Position;
use super::{
    Comparison, Difference, DifferenceDetails, NULL, ParameterNames, changed_keys, is_doc_key, waiters,
};
use crate::model::{ChangeKind, Direction, Scope};
use crate::refs::follow;

/// One operation with its matching key.
pub(super) struct Operation<'d> {
    /// The `operationId`, or `METHOD /path` without one.
    pub(super) key: String,
    /// Upper-case HTTP method.
    pub(super) method: String,
    pub(super) path: String,
    /// The operation object.
    pub(super) object: &'d Value,
    /// The path item holding it (for path-level parameters).
    path_item: &'d Value,
}

impl Operation<'_> {
    fn endpoint(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

impl<'d> Comparison<'d> {
    pub(super) fn operations(&mut self) {
        let (old, new) = (operations_by_key(self.old), operations_by_key(self.new));
        let mut removed: Vec<&Operation<'_>> = old.values().filter(|o| !new.contains_key(&o.key)).collect();
        let mut added: Vec<&Operation<'_>> = new.values().filter(|n| !old.contains_key(&n.key)).collect();
        for (key, o) in &old {
            if let Some(n) = new.get(key) {
                self.operation(o, n);
            }
        }
        // Same method and path under another operationId: a rename.
        let mut renamed = Vec::new();
        for o in &removed {
            if let Some(n) = added.iter().find(|n| n.method == o.method && n.path == o.path) {
                renamed.push((*o, *n));
            }
        }
        for (o, n) in renamed {
            removed.retain(|r| r.key != o.key);
            added.retain(|a| a.key != n.key);
            self.record(
                Difference::new(ChangeKind::OperationRenamed, Scope::Operation, &n.key)
                    .op(&n.key)
                    .values(Some(o.key.clone()), Some(n.key.clone())),
            );
            self.operation(o, n);
        }
        for o in removed {
            self.record(
                Difference::new(ChangeKind::OperationRemoved, Scope::Operation, &o.key)
                    .op(&o.key)
                    .member(o.endpoint()),
            );
        }
        for n in added {
            self.record(
                Difference::new(ChangeKind::OperationAdded, Scope::Operation, &n.key)
                    .op(&n.key)
                    .member(n.endpoint()),
            );
        }
    }

    /// Everything of one operation present on both sides (`n.key` names it).
    fn operation(&mut self, o: &Operation<'d>, n: &Operation<'d>) {
        let key = n.key.as_str();
        let change = |kind| Difference::new(kind, Scope::Operation, key).op(key);
        if o.endpoint() != n.endpoint() {
            self.record(change(ChangeKind::OperationMoved).values(Some(o.endpoint()), Some(n.endpoint())));
        }
        let docs = changed_docs(Some(o.object), Some(n.object), Place::Operation);
        if !docs.is_empty() {
            self.record(change(ChangeKind::DocChanged).member(docs.join(", ")));
        }
        let base = change(ChangeKind::ExtensionChanged);
        for mut difference in changed_extensions(Some(o.object), Some(n.object), Place::Operation, &base) {
            if difference.member.as_deref() == Some(WAITER) {
                difference.details.waiter = waiters::outcomes(o.object, n.object);
            }
            self.record(difference);
        }
        if o.object.get("servers").is_some() || n.object.get("servers").is_some() {
            let (os, ns) = (servers(o.object.get("servers")), servers(n.object.get("servers")));
            self.server_lists(&os, &ns, key, key);
        }
        if o.object.get("security").is_some() || n.object.get("security").is_some() {
            let effective = |op: &Operation<'_>, doc: &Value| {
                requirements(op.object.get("security"))
                    .or_else(|| requirements(doc.get("security")))
                    .or_else(|| Some(BTreeSet::from([NO_AUTH.to_owned()])))
            };
            self.requirement_sets(effective(o, self.old), effective(n, self.new), key, key);
        }
        self.parameters(o, n, key);
        self.request_body(o, n, key);
        self.responses(o, n, key);
        self.message_codes(o, n, key);
    }

    fn parameters(&mut self, o: &Operation<'d>, n: &Operation<'d>, key: &str) {
        let (old, new) = (parameters(self.old, o), parameters(self.new, n));
        let change =
            |kind| Difference::new(kind, Scope::Operation, key).op(key).direction(Direction::Request);
        let details = |required, old: Option<&Value>, new: Option<&Value>| DifferenceDetails {
            required: Some(required),
            parameter: Some(parameter_names(old, new)),
            ..DifferenceDetails::default()
        };
        for (name, op) in &old {
            let location = param_in(op);
            let required = is_required(op);
            let Some(np) = new.get(name) else {
                self.record(
                    change(ChangeKind::ParameterRemoved)
                        .member(name)
                        .values(Some(location), None)
                        .details(details(required, Some(op), None)),
                );
                continue;
            };
            let new_required = is_required(np);
            if location != param_in(np) {
                self.record(
                    change(ChangeKind::ParameterLocationChanged)
                        .member(name)
                        .values(Some(location), Some(param_in(np))),
                );
            }
            if required != new_required {
                self.record(
                    change(ChangeKind::ParameterRequiredChanged)
                        .member(name)
                        .values(Some(required.to_string()), Some(new_required.to_string()))
                        .details(details(new_required, Some(op), Some(np))),
                );
            }
            let path = format!("{key}.parameters.{name}");
            let docs = changed_docs(Some(op), Some(np), Place::Parameter);
            if !docs.is_empty() {
                self.record(
                    Difference::new(ChangeKind::DocChanged, Scope::Operation, path.clone())
                        .op(key)
                        .member(docs.join(", ")),
                );
            }
            let base = Difference::new(ChangeKind::ExtensionChanged, Scope::Operation, path)
                .op(key)
                .details(details(new_required, Some(op), Some(np)));
            for difference in changed_extensions(Some(op), Some(np), Place::Parameter, &base) {
                self.record(difference);
            }
            let at = Position::parameter(key, name, parameter_names(Some(op), Some(np)), new_required);
            self.schema(
                op.get("schema").unwrap_or(&NULL),
                np.get("schema").unwrap_or(&NULL),
                &at,
                &mut Vec::new(),
            );
        }
        for (name, np) in new.iter().filter(|(name, _)| !old.contains_key(*name)) {
            self.record(
                change(ChangeKind::ParameterAdded)
                    .member(name)
                    .values(None, Some(param_in(np)))
                    .details(details(is_required(np), None, Some(np))),
            );
        }
    }

    fn request_body(&mut self, o: &Operation<'d>, n: &Operation<'d>, key: &str) {
        let body = |doc: &'d Value, op: &Operation<'d>| op.object.get("requestBody").map(|b| follow(doc, b));
        let (old, new) = (body(self.old, o), body(self.new, n));
        let change =
            |kind| Difference::new(kind, Scope::Operation, key).op(key).direction(Direction::Request);
        let required_details =
            |b: &Value| DifferenceDetails { required: Some(is_required(b)), ..DifferenceDetails::default() };
        match (old, new) {
            (None, None) => {}
            (Some(ob), None) => {
                self.record(change(ChangeKind::RequestBodyRemoved).details(required_details(ob)))
            }
            (None, Some(nb)) => {
                self.record(change(ChangeKind::RequestBodyAdded).details(required_details(nb)))
            }
            (Some(ob), Some(nb)) => {
                if is_required(ob) != is_required(nb) {
                    self.record(
                        change(ChangeKind::RequestBodyRequiredChanged)
                            .values(Some(is_required(ob).to_string()), Some(is_required(nb).to_string()))
                            .details(required_details(nb)),
                    );
                }
                let docs = changed_keys(Some(ob), Some(nb), is_doc_key);
                if !docs.is_empty() {
                    let location = format!("{key}.requestBody");
                    self.record(
                        Difference::new(ChangeKind::DocChanged, Scope::Operation, location)
                            .op(key)
                            .member(docs.join(", ")),
                    );
                }
                let at = Position::root(key, Direction::Request, format!("{key}.requestBody"));
                self.content(ob.get("content"), nb.get("content"), &at, None);
            }
        }
    }
}

/// Operations by key: the operationId, or `METHOD /path` without one (or for a duplicate).
fn operations_by_key(doc: &Value) -> BTreeMap<String, Operation<'_>> {
    let mut out = BTreeMap::new();
    for op in doc_walk::operations(doc) {
        let method = op.method.to_ascii_uppercase();
        let endpoint = format!("{method} {}", op.path);
        let key = match op.id() {
            Some(id) if !out.contains_key(id) => id.to_owned(),
            _ => endpoint,
        };
        let path_item = doc.get("paths").and_then(|p| p.get(op.path)).unwrap_or(&NULL);
        let operation =
            Operation { key: key.clone(), method, path: op.path.to_owned(), object: op.value, path_item };
        out.insert(key, operation);
    }
    out
}

/// Path-item parameters overridden by operation parameters, by name (`name (in)` when two
/// parameters share a name).
fn parameters<'d>(doc: &'d Value, op: &Operation<'d>) -> BTreeMap<String, &'d Value> {
    let mut by_in: BTreeMap<(String, String), &'d Value> = BTreeMap::new();
    for list in [op.path_item.get("parameters"), op.object.get("parameters")] {
        for p in list.and_then(Value::as_array).into_iter().flatten() {
            let p = follow(doc, p);
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
            by_in.insert((name, param_in(p)), p);
        }
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, _) in by_in.keys() {
        *counts.entry(name).or_default() += 1;
    }
    by_in
        .iter()
        .map(|((name, location), p)| {
            let key = if counts[name.as_str()] > 1 { format!("{name} ({location})") } else { name.clone() };
            (key, *p)
        })
        .collect()
}

/// The names of a parameter on each side (where it exists).
fn parameter_names(old: Option<&Value>, new: Option<&Value>) -> ParameterNames {
    let text = |p: Option<&Value>, key: &str| p?.get(key).and_then(Value::as_str).map(str::to_owned);
    ParameterNames {
        wire: text(new, "name").or_else(|| text(old, "name")).unwrap_or_default(),
        old_rust_name: text(old, "x-rust-name"),
        new_rust_name: text(new, "x-rust-name"),
    }
}

fn param_in(p: &Value) -> String {
    p.get("in").and_then(Value::as_str).unwrap_or("?").to_owned()
}

/// `required: true` on a parameter or request body.
fn is_required(v: &Value) -> bool {
    v.get("required").and_then(Value::as_bool).unwrap_or(false)
}
