//! What differs between two spec documents, with no judgement ([`super::classify`] judges).
//!
//! Operations are matched by `operationId` (or `METHOD /path` without one); schemas are
//! compared where operations use them, following `$ref` and `allOf: [{$ref}]` on both
//! sides, so every difference knows its direction (sent or received) and the operations it
//! affects. A schema reached by several operations is reported once: under its path when
//! every operation reaches it the same way, else under the component that holds it.

use std::collections::{BTreeMap, BTreeSet};

use generator::spec;
use serde_json::Value;

use super::{ChangeKind, Direction, Scope};

/// One difference, with the facts [`super::classify`] needs to judge it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// What kind of difference.
    pub kind: ChangeKind,
    /// Document, operation or schema.
    pub scope: Scope,
    /// Sent or received, where that matters.
    pub direction: Direction,
    /// Where it is (see [`super::Change::location`]).
    pub location: String,
    /// The operations it affects.
    pub operations: BTreeSet<String>,
    /// The item inside `location`: field, parameter, code, media type, status, value.
    pub member: Option<String>,
    /// The value before.
    pub old: Option<String>,
    /// The value after.
    pub new: Option<String>,
    /// Facts for classification.
    pub facts: Facts,
}

/// What [`super::classify`] needs beyond the kind of a difference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Whether the field, parameter or body is required: on the side where it exists, or
    /// on the new side for a change to something present on both.
    pub required: Option<bool>,
    /// The component holding the changed field (a struct in `types`), or the changed enum.
    pub owner: Option<String>,
    /// A type change where the new type accepts every value of the old one.
    pub widened: bool,
    /// A type change that only drops an `enum` constraint.
    pub enum_dropped: bool,
    /// Message codes: whether the code meant success (old side for removals).
    pub success: Option<bool>,
    /// Message codes: the code is new to (or gone from) the whole spec, not just this operation.
    pub spec_wide: bool,
    /// The response status, for response and media type changes.
    pub status: Option<String>,
}

/// Every difference from `old` to `new`, merged and in a stable order.
pub fn compare(old: &Value, new: &Value) -> Vec<Found> {
    let mut cx = Cx { old, new, merged: BTreeMap::new() };
    cx.info();
    cx.servers();
    cx.security();
    cx.security_schemes();
    cx.operations();
    cx.components();
    cx.finish()
}

/// Keys that only document a node.
const DOC_KEYS: [&str; 11] = [
    "description",
    "summary",
    "title",
    "example",
    "examples",
    "externalDocs",
    "deprecated",
    "x-provenance",
    "x-aliases",
    "x-doc-id",
    "tags",
];

/// Validation keywords: a change may make one side reject what the other accepts.
const VALIDATION_KEYS: [&str; 16] = [
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "readOnly",
    "writeOnly",
    "default",
];

/// Schema keys compared structurally by [`Cx::schema`].
const STRUCTURE_KEYS: [&str; 10] = [
    "$ref",
    "allOf",
    "type",
    "format",
    "enum",
    "nullable",
    "properties",
    "required",
    "items",
    "additionalProperties",
];

type MergeKey = (ChangeKind, Direction, String, Option<String>, Option<String>, Option<String>);

struct Merged {
    found: Found,
    anchor: String,
    locations: BTreeSet<String>,
}

struct Cx<'d> {
    old: &'d Value,
    new: &'d Value,
    merged: BTreeMap<MergeKey, Merged>,
}

/// Where the schema walk is.
#[derive(Clone, Debug)]
struct At {
    /// Key of the operation being walked; empty for unused components.
    op: String,
    direction: Direction,
    /// Display path: `CheckoutResult.followUpInstructions`.
    path: String,
    /// Merge key: the innermost shared component and the path below it.
    anchor: String,
    /// `path` is an operation-based label that the first shared component replaces.
    root: bool,
    /// The component this node stands for on the new side (a struct or enum in `types`).
    component: Option<String>,
    /// The component this node stood for on the old side.
    old_component: Option<String>,
    /// The component holding this node as a field (new side).
    parent: Option<String>,
    /// The node is a field with this required-ness (new side).
    required: Option<bool>,
}

impl At {
    fn child(&self, suffix: &str, required: Option<bool>) -> Self {
        Self {
            op: self.op.clone(),
            direction: self.direction,
            path: format!("{}{suffix}", self.path),
            anchor: format!("{}{suffix}", self.anchor),
            root: false,
            component: None,
            old_component: None,
            parent: self.component.clone(),
            required,
        }
    }
}

/// A draft of a [`Found`] before it is merged.
struct Draft {
    kind: ChangeKind,
    scope: Scope,
    direction: Direction,
    location: String,
    anchor: String,
    op: Option<String>,
    member: Option<String>,
    old: Option<String>,
    new: Option<String>,
    facts: Facts,
}

impl Draft {
    fn new(kind: ChangeKind, scope: Scope, location: impl Into<String>) -> Self {
        let location = location.into();
        Self {
            kind,
            scope,
            direction: Direction::None,
            anchor: location.clone(),
            location,
            op: None,
            member: None,
            old: None,
            new: None,
            facts: Facts::default(),
        }
    }
    fn op(mut self, op: &str) -> Self {
        if !op.is_empty() {
            self.op = Some(op.to_owned());
        }
        self
    }
    fn direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }
    fn anchor(mut self, anchor: &str) -> Self {
        anchor.clone_into(&mut self.anchor);
        self
    }
    fn member(mut self, member: impl Into<String>) -> Self {
        self.member = Some(member.into());
        self
    }
    fn values(mut self, old: Option<String>, new: Option<String>) -> Self {
        self.old = old;
        self.new = new;
        self
    }
    fn facts(mut self, facts: Facts) -> Self {
        self.facts = facts;
        self
    }
}

impl<'d> Cx<'d> {
    fn push(&mut self, d: Draft) {
        let key = (d.kind, d.direction, d.anchor.clone(), d.member.clone(), d.old.clone(), d.new.clone());
        let entry = self.merged.entry(key).or_insert_with(|| Merged {
            found: Found {
                kind: d.kind,
                scope: d.scope,
                direction: d.direction,
                location: String::new(),
                operations: BTreeSet::new(),
                member: d.member.clone(),
                old: d.old.clone(),
                new: d.new.clone(),
                facts: d.facts.clone(),
            },
            anchor: d.anchor.clone(),
            locations: BTreeSet::new(),
        });
        entry.locations.insert(d.location);
        entry.found.operations.extend(d.op);
    }

    fn finish(self) -> Vec<Found> {
        self.merged
            .into_values()
            .map(|m| {
                let mut found = m.found;
                found.location = match m.locations.len() {
                    1 => m.locations.into_iter().next().unwrap_or(m.anchor),
                    _ => m.anchor,
                };
                found
            })
            .collect()
    }

    // ------------------------------------------------------------------ document

    fn info(&mut self) {
        let (old, new) = (self.old.get("info"), self.new.get("info"));
        let changed = changed_keys(old, new, |_| true);
        if !changed.is_empty() {
            self.push(Draft::new(ChangeKind::DocChanged, Scope::Document, "info").member(changed.join(", ")));
        }
        for key in ["externalDocs", "tags"] {
            if self.old.get(key) != self.new.get(key) {
                self.push(Draft::new(ChangeKind::DocChanged, Scope::Document, key));
            }
        }
    }

    fn servers(&mut self) {
        let (old, new) = (servers(self.old.get("servers")), servers(self.new.get("servers")));
        self.server_lists(&old, &new, "servers", "");
    }

    fn server_lists(
        &mut self,
        old: &BTreeMap<String, &Value>,
        new: &BTreeMap<String, &Value>,
        location: &str,
        op: &str,
    ) {
        let scope = if op.is_empty() { Scope::Document } else { Scope::Operation };
        for (url, o) in old {
            let Some(n) = new.get(url) else {
                self.push(Draft::new(ChangeKind::ServerRemoved, scope, location).op(op).member(url));
                continue;
            };
            if o.get("variables") != n.get("variables") {
                let show = |v: &Value| v.get("variables").map(Value::to_string);
                self.push(
                    Draft::new(ChangeKind::ServerChanged, scope, location)
                        .op(op)
                        .member(url)
                        .values(show(o), show(n)),
                );
            }
            if o.get("description") != n.get("description") {
                self.push(Draft::new(ChangeKind::DocChanged, scope, location).op(op).member(url));
            }
        }
        for url in new.keys().filter(|url| !old.contains_key(*url)) {
            self.push(Draft::new(ChangeKind::ServerAdded, scope, location).op(op).member(url));
        }
    }

    fn security(&mut self) {
        let none = Some(BTreeSet::from([NO_AUTH.to_owned()]));
        let old = requirements(self.old.get("security")).or(none.clone());
        let new = requirements(self.new.get("security")).or(none);
        self.requirement_sets(old, new, "security", "");
    }

    fn requirement_sets(
        &mut self,
        old: Option<BTreeSet<String>>,
        new: Option<BTreeSet<String>>,
        location: &str,
        op: &str,
    ) {
        let (old, new) = (old.unwrap_or_default(), new.unwrap_or_default());
        let scope = if op.is_empty() { Scope::Document } else { Scope::Operation };
        for alternative in old.difference(&new) {
            self.push(
                Draft::new(ChangeKind::SecurityRequirementRemoved, scope, location)
                    .op(op)
                    .member(alternative),
            );
        }
        for alternative in new.difference(&old) {
            self.push(
                Draft::new(ChangeKind::SecurityRequirementAdded, scope, location).op(op).member(alternative),
            );
        }
    }

    fn security_schemes(&mut self) {
        let pointer = "/components/securitySchemes";
        let (old, new) = (object_at(self.old, pointer), object_at(self.new, pointer));
        for (name, o) in &old {
            let location = format!("securitySchemes.{name}");
            let Some(n) = new.get(name) else {
                self.push(
                    Draft::new(ChangeKind::SecuritySchemeRemoved, Scope::Document, location).member(name),
                );
                continue;
            };
            if without_docs(o) != without_docs(n) {
                self.push(
                    Draft::new(ChangeKind::SecuritySchemeChanged, Scope::Document, location.clone())
                        .member(name)
                        .values(Some(scheme_label(o)), Some(scheme_label(n))),
                );
            }
            let docs = changed_keys(Some(o), Some(n), is_doc_key);
            if !docs.is_empty() {
                self.push(
                    Draft::new(ChangeKind::DocChanged, Scope::Document, location).member(docs.join(", ")),
                );
            }
        }
        for name in new.keys().filter(|name| !old.contains_key(*name)) {
            let location = format!("securitySchemes.{name}");
            self.push(Draft::new(ChangeKind::SecuritySchemeAdded, Scope::Document, location).member(name));
        }
    }

    // ---------------------------------------------------------------- operations

    fn operations(&mut self) {
        let (old, new) = (operations(self.old), operations(self.new));
        let mut removed: Vec<&Op<'_>> = old.values().filter(|o| !new.contains_key(&o.key)).collect();
        let mut added: Vec<&Op<'_>> = new.values().filter(|n| !old.contains_key(&n.key)).collect();
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
            self.push(
                Draft::new(ChangeKind::OperationRenamed, Scope::Operation, &n.key)
                    .op(&n.key)
                    .values(Some(o.key.clone()), Some(n.key.clone())),
            );
            self.operation(o, n);
        }
        for o in removed {
            self.push(
                Draft::new(ChangeKind::OperationRemoved, Scope::Operation, &o.key)
                    .op(&o.key)
                    .member(o.endpoint()),
            );
        }
        for n in added {
            self.push(
                Draft::new(ChangeKind::OperationAdded, Scope::Operation, &n.key)
                    .op(&n.key)
                    .member(n.endpoint()),
            );
        }
    }

    fn operation(&mut self, o: &Op<'d>, n: &Op<'d>) {
        let key = n.key.as_str();
        if o.endpoint() != n.endpoint() {
            self.push(
                Draft::new(ChangeKind::OperationMoved, Scope::Operation, key)
                    .op(key)
                    .values(Some(o.endpoint()), Some(n.endpoint())),
            );
        }
        let docs = changed_keys(Some(o.value), Some(n.value), is_doc_key);
        if !docs.is_empty() {
            self.push(
                Draft::new(ChangeKind::DocChanged, Scope::Operation, key).op(key).member(docs.join(", ")),
            );
        }
        let extensions = changed_keys(Some(o.value), Some(n.value), |k| {
            k.starts_with("x-") && !is_doc_key(k) && k != "x-message-codes"
        });
        for extension in extensions {
            let show = |op: &Op<'_>| op.value.get(&extension).map(Value::to_string);
            self.push(
                Draft::new(ChangeKind::ExtensionChanged, Scope::Operation, key)
                    .op(key)
                    .member(&extension)
                    .values(show(o), show(n)),
            );
        }
        if o.value.get("servers").is_some() || n.value.get("servers").is_some() {
            let (os, ns) = (servers(o.value.get("servers")), servers(n.value.get("servers")));
            self.server_lists(&os, &ns, key, key);
        }
        if o.value.get("security").is_some() || n.value.get("security").is_some() {
            let effective = |op: &Op<'_>, doc: &Value| {
                requirements(op.value.get("security"))
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

    fn parameters(&mut self, o: &Op<'d>, n: &Op<'d>, key: &str) {
        let (old, new) = (parameters(self.old, o), parameters(self.new, n));
        for (name, op) in &old {
            let location = param_in(op);
            let required = op.get("required").and_then(Value::as_bool).unwrap_or(false);
            let Some(np) = new.get(name) else {
                self.push(
                    Draft::new(ChangeKind::ParameterRemoved, Scope::Operation, key)
                        .op(key)
                        .direction(Direction::Request)
                        .member(name)
                        .values(Some(location), None)
                        .facts(Facts { required: Some(required), ..Facts::default() }),
                );
                continue;
            };
            let new_required = np.get("required").and_then(Value::as_bool).unwrap_or(false);
            if location != param_in(np) {
                self.push(
                    Draft::new(ChangeKind::ParameterLocationChanged, Scope::Operation, key)
                        .op(key)
                        .direction(Direction::Request)
                        .member(name)
                        .values(Some(location), Some(param_in(np))),
                );
            }
            if required != new_required {
                self.push(
                    Draft::new(ChangeKind::ParameterRequiredChanged, Scope::Operation, key)
                        .op(key)
                        .direction(Direction::Request)
                        .member(name)
                        .values(Some(required.to_string()), Some(new_required.to_string()))
                        .facts(Facts { required: Some(new_required), ..Facts::default() }),
                );
            }
            let docs = changed_keys(Some(op), Some(np), is_doc_key);
            if !docs.is_empty() {
                let location = format!("{key}.parameters.{name}");
                self.push(
                    Draft::new(ChangeKind::DocChanged, Scope::Operation, location)
                        .op(key)
                        .member(docs.join(", ")),
                );
            }
            let path = format!("{key}.parameters.{name}");
            let at = At {
                op: key.to_owned(),
                direction: Direction::Request,
                anchor: path.clone(),
                path,
                root: false,
                component: None,
                old_component: None,
                parent: None,
                required: Some(new_required),
            };
            self.schema(
                op.get("schema").unwrap_or(&NULL),
                np.get("schema").unwrap_or(&NULL),
                &at,
                &mut Vec::new(),
            );
        }
        for (name, np) in new.iter().filter(|(name, _)| !old.contains_key(*name)) {
            let required = np.get("required").and_then(Value::as_bool).unwrap_or(false);
            self.push(
                Draft::new(ChangeKind::ParameterAdded, Scope::Operation, key)
                    .op(key)
                    .direction(Direction::Request)
                    .member(name)
                    .values(None, Some(param_in(np)))
                    .facts(Facts { required: Some(required), ..Facts::default() }),
            );
        }
    }

    fn request_body(&mut self, o: &Op<'d>, n: &Op<'d>, key: &str) {
        let body = |doc: &'d Value, op: &Op<'d>| op.value.get("requestBody").map(|b| follow(doc, b));
        let (old, new) = (body(self.old, o), body(self.new, n));
        let required = |b: &Value| b.get("required").and_then(Value::as_bool).unwrap_or(false);
        let draft = |kind| Draft::new(kind, Scope::Operation, key).op(key).direction(Direction::Request);
        match (old, new) {
            (None, None) => {}
            (Some(ob), None) => self.push(
                draft(ChangeKind::RequestBodyRemoved)
                    .facts(Facts { required: Some(required(ob)), ..Facts::default() }),
            ),
            (None, Some(nb)) => self.push(
                draft(ChangeKind::RequestBodyAdded)
                    .facts(Facts { required: Some(required(nb)), ..Facts::default() }),
            ),
            (Some(ob), Some(nb)) => {
                if required(ob) != required(nb) {
                    self.push(
                        draft(ChangeKind::RequestBodyRequiredChanged)
                            .values(Some(required(ob).to_string()), Some(required(nb).to_string()))
                            .facts(Facts { required: Some(required(nb)), ..Facts::default() }),
                    );
                }
                let docs = changed_keys(Some(ob), Some(nb), is_doc_key);
                if !docs.is_empty() {
                    let location = format!("{key}.requestBody");
                    self.push(
                        Draft::new(ChangeKind::DocChanged, Scope::Operation, location)
                            .op(key)
                            .member(docs.join(", ")),
                    );
                }
                let at = root_at(key, Direction::Request, format!("{key}.requestBody"));
                self.content(ob.get("content"), nb.get("content"), &at, None);
            }
        }
    }

    fn responses(&mut self, o: &Op<'d>, n: &Op<'d>, key: &str) {
        let responses = |doc: &'d Value, op: &Op<'d>| -> BTreeMap<String, &'d Value> {
            op.value
                .get("responses")
                .and_then(Value::as_object)
                .map(|m| m.iter().map(|(status, r)| (status.clone(), follow(doc, r))).collect())
                .unwrap_or_default()
        };
        let (old, new) = (responses(self.old, o), responses(self.new, n));
        let status_facts = |status: &str| Facts { status: Some(status.to_owned()), ..Facts::default() };
        for (status, or) in &old {
            let Some(nr) = new.get(status) else {
                self.push(
                    Draft::new(ChangeKind::ResponseRemoved, Scope::Operation, key)
                        .op(key)
                        .direction(Direction::Response)
                        .member(status)
                        .facts(status_facts(status)),
                );
                continue;
            };
            let docs = changed_keys(Some(or), Some(nr), is_doc_key);
            if !docs.is_empty() {
                let location = format!("{key}.responses.{status}");
                self.push(
                    Draft::new(ChangeKind::DocChanged, Scope::Operation, location)
                        .op(key)
                        .member(docs.join(", ")),
                );
            }
            let at = root_at(key, Direction::Response, format!("{key}.responses.{status}"));
            self.content(or.get("content"), nr.get("content"), &at, Some(status));
        }
        for status in new.keys().filter(|status| !old.contains_key(*status)) {
            self.push(
                Draft::new(ChangeKind::ResponseAdded, Scope::Operation, key)
                    .op(key)
                    .direction(Direction::Response)
                    .member(status)
                    .facts(status_facts(status)),
            );
        }
        // A success status replaced by another (200 -> 202): compare what the client decodes.
        let success_only = |from: &BTreeMap<String, &'d Value>, other: &BTreeMap<String, &'d Value>| {
            from.iter()
                .filter(|(s, _)| s.starts_with('2') && !other.contains_key(*s))
                .map(|(s, r)| (s.clone(), *r))
                .collect::<Vec<_>>()
        };
        if let ([(_, or)], [(status, nr)]) =
            (success_only(&old, &new).as_slice(), success_only(&new, &old).as_slice())
        {
            let at = root_at(key, Direction::Response, format!("{key}.responses.{status}"));
            self.content(or.get("content"), nr.get("content"), &at, Some(status));
        }
    }

    /// Media types of a request body or response, and the schemas of matching ones.
    fn content(&mut self, old: Option<&'d Value>, new: Option<&'d Value>, at: &At, status: Option<&str>) {
        let media = |v: Option<&'d Value>| -> BTreeMap<String, &'d Value> {
            v.and_then(Value::as_object)
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v)).collect())
                .unwrap_or_default()
        };
        let (old, new) = (media(old), media(new));
        let facts = Facts { status: status.map(str::to_owned), ..Facts::default() };
        let removed: Vec<&String> = old.keys().filter(|k| !new.contains_key(*k)).collect();
        let added: Vec<&String> = new.keys().filter(|k| !old.contains_key(*k)).collect();
        for media_type in &removed {
            self.push(
                Draft::new(ChangeKind::MediaTypeRemoved, Scope::Operation, &at.op)
                    .op(&at.op)
                    .direction(at.direction)
                    .member(*media_type)
                    .facts(facts.clone()),
            );
        }
        for media_type in &added {
            self.push(
                Draft::new(ChangeKind::MediaTypeAdded, Scope::Operation, &at.op)
                    .op(&at.op)
                    .direction(at.direction)
                    .member(*media_type)
                    .facts(facts.clone()),
            );
        }
        let mut pairs: Vec<(&Value, &Value)> =
            old.iter().filter_map(|(k, o)| new.get(k).map(|n| (*o, *n))).collect();
        if let ([o], [n]) = (removed.as_slice(), added.as_slice()) {
            pairs.push((old[*o], new[*n]));
        }
        for (o, n) in pairs {
            self.schema(
                o.get("schema").unwrap_or(&NULL),
                n.get("schema").unwrap_or(&NULL),
                at,
                &mut Vec::new(),
            );
        }
    }

    fn message_codes(&mut self, o: &Op<'d>, n: &Op<'d>, key: &str) {
        let (old, new) = (codes(o.value), codes(n.value));
        let (old_all, new_all) = (all_codes(self.old), all_codes(self.new));
        let success = |entry: &Value| entry.get("success").and_then(Value::as_bool).unwrap_or(false);
        for (code, oe) in &old {
            let Some(ne) = new.get(code) else {
                self.push(
                    Draft::new(ChangeKind::MessageCodeRemoved, Scope::Operation, key)
                        .op(key)
                        .member(code)
                        .facts(Facts {
                            success: Some(success(oe)),
                            spec_wide: !new_all.contains(code),
                            ..Facts::default()
                        }),
                );
                continue;
            };
            if success(oe) != success(ne) {
                self.push(
                    Draft::new(ChangeKind::MessageCodeSuccessChanged, Scope::Operation, key)
                        .op(key)
                        .member(code)
                        .values(Some(success(oe).to_string()), Some(success(ne).to_string()))
                        .facts(Facts { success: Some(success(ne)), ..Facts::default() }),
                );
            }
            let meta = |e: &Value| {
                let http = e.get("http").map_or_else(|| "none".to_owned(), Value::to_string);
                let retryable = e.get("retryable").and_then(Value::as_bool).unwrap_or(false);
                format!("http {http}, retryable {retryable}")
            };
            if meta(oe) != meta(ne) {
                self.push(
                    Draft::new(ChangeKind::MessageCodeChanged, Scope::Operation, key)
                        .op(key)
                        .member(code)
                        .values(Some(meta(oe)), Some(meta(ne))),
                );
            }
            let docs =
                changed_keys(Some(oe), Some(ne), |k| !matches!(k, "code" | "success" | "http" | "retryable"));
            if !docs.is_empty() {
                self.push(
                    Draft::new(ChangeKind::DocChanged, Scope::Operation, key)
                        .op(key)
                        .member(format!("{code}: {}", docs.join(", "))),
                );
            }
        }
        for (code, ne) in new.iter().filter(|(code, _)| !old.contains_key(*code)) {
            self.push(
                Draft::new(ChangeKind::MessageCodeAdded, Scope::Operation, key).op(key).member(code).facts(
                    Facts {
                        success: Some(success(ne)),
                        spec_wide: !old_all.contains(code),
                        ..Facts::default()
                    },
                ),
            );
        }
    }

    // ------------------------------------------------------------------- schemas

    /// Compares two schema nodes (either may be a `$ref` or `allOf: [{$ref}]`).
    fn schema(&mut self, raw_old: &'d Value, raw_new: &'d Value, at: &At, stack: &mut Vec<(String, String)>) {
        let (o, n) = (resolve(self.old, raw_old), resolve(self.new, raw_new));
        let op = at.op.clone();
        let schema_draft = |kind, at: &At| {
            Draft::new(kind, Scope::Schema, &at.path).op(&op).direction(at.direction).anchor(&at.anchor)
        };
        if o.name != n.name {
            let label = |r: &Resolved<'_>| {
                r.name.map_or_else(|| format!("inline {}", scalar_label(r.node)), str::to_owned)
            };
            self.push(
                schema_draft(ChangeKind::RefChanged, at)
                    .values(Some(label(&o)), Some(label(&n)))
                    .facts(Facts { required: at.required, ..Facts::default() }),
            );
        }
        self.annotations(raw_old, raw_new, at);

        let pair = (o.name.unwrap_or_default().to_owned(), n.name.unwrap_or_default().to_owned());
        if !pair.0.is_empty() || !pair.1.is_empty() {
            if stack.contains(&pair) {
                return;
            }
            stack.push(pair.clone());
        }
        let mut at = at.clone();
        at.component = n.name.map(str::to_owned);
        at.old_component = o.name.map(str::to_owned);
        if let (Some(a), Some(b)) = (o.name, n.name)
            && a == b
        {
            if at.root {
                a.clone_into(&mut at.path);
            }
            a.clone_into(&mut at.anchor);
            let component = At { path: a.to_owned(), ..at.clone() };
            self.annotations(o.node, n.node, &component);
        }
        at.root = false;
        self.structure(&o, &n, &at, stack);
        if !pair.0.is_empty() || !pair.1.is_empty() {
            stack.pop();
        }
    }

    /// Type, enum, nullability, keywords, properties and items of two resolved schemas.
    fn structure(&mut self, o: &Resolved<'d>, n: &Resolved<'d>, at: &At, stack: &mut Vec<(String, String)>) {
        let op = at.op.clone();
        let draft = |kind| {
            Draft::new(kind, Scope::Schema, &at.path).op(&op).direction(at.direction).anchor(&at.anchor)
        };
        let (old_enum, new_enum) = (enum_values(o.node), enum_values(n.node));
        if base_type(o.node) != base_type(n.node)
            || format(o.node) != format(n.node)
            || old_enum.is_some() != new_enum.is_some()
        {
            let facts = Facts {
                required: at.required,
                widened: widens(o.node, n.node),
                enum_dropped: old_enum.is_some()
                    && new_enum.is_none()
                    && base_type(o.node) == base_type(n.node)
                    && format(o.node) == format(n.node),
                owner: at.component.clone(),
                ..Facts::default()
            };
            let values = (Some(scalar_label(o.node)), Some(scalar_label(n.node)));
            self.push(draft(ChangeKind::TypeChanged).values(values.0, values.1).facts(facts));
            return;
        }
        if let (Some(old_values), Some(new_values)) = (&old_enum, &new_enum) {
            let facts = Facts { owner: at.component.clone(), ..Facts::default() };
            for value in old_values.iter().filter(|v| !new_values.contains(*v)) {
                self.push(draft(ChangeKind::EnumValueRemoved).member(value).facts(facts.clone()));
            }
            for value in new_values.iter().filter(|v| !old_values.contains(*v)) {
                self.push(draft(ChangeKind::EnumValueAdded).member(value).facts(facts.clone()));
            }
        }
        if o.nullable != n.nullable {
            self.push(
                draft(ChangeKind::NullableChanged)
                    .values(Some(o.nullable.to_string()), Some(n.nullable.to_string()))
                    .facts(Facts { required: at.required, owner: at.parent.clone(), ..Facts::default() }),
            );
        }
        let keywords = changed_keys(Some(o.node), Some(n.node), |k| {
            VALIDATION_KEYS.contains(&k)
                || !(STRUCTURE_KEYS.contains(&k) || is_doc_key(k) || k.starts_with("x-"))
        });
        for keyword in keywords {
            let show = |r: &Resolved<'_>| r.node.get(&keyword).map(Value::to_string);
            self.push(draft(ChangeKind::KeywordChanged).member(&keyword).values(show(o), show(n)));
        }
        if open_properties(o.node) != open_properties(n.node) {
            let show = |r: &Resolved<'_>| Some(open_properties(r.node).to_owned());
            self.push(
                draft(ChangeKind::KeywordChanged).member("additionalProperties").values(show(o), show(n)),
            );
        }
        if let (Some(ai), Some(bi)) = (o.node.get("items"), n.node.get("items")) {
            self.schema(ai, bi, &at.child("[]", None), stack);
        }
        let map_schema = |r: &Resolved<'d>| r.node.get("additionalProperties").filter(|v| v.is_object());
        if let (Some(ai), Some(bi)) = (map_schema(o), map_schema(n)) {
            self.schema(ai, bi, &at.child("{}", None), stack);
        }
        self.properties(o, n, at, stack);
    }

    fn properties(&mut self, o: &Resolved<'d>, n: &Resolved<'d>, at: &At, stack: &mut Vec<(String, String)>) {
        let (old_props, old_required) = object_members(self.old, o.node);
        let (new_props, new_required) = object_members(self.new, n.node);
        let op = at.op.clone();
        for (name, old_schema) in &old_props {
            let field = at.child(&format!(".{name}"), None);
            let draft = |kind| {
                Draft::new(kind, Scope::Schema, &field.path)
                    .op(&op)
                    .direction(at.direction)
                    .anchor(&field.anchor)
            };
            let was_required = old_required.contains(name);
            let Some(new_schema) = new_props.get(name) else {
                self.push(
                    draft(ChangeKind::FieldRemoved)
                        .values(Some(type_label(self.old, old_schema)), None)
                        .facts(Facts {
                            required: Some(was_required),
                            owner: at.old_component.clone(),
                            ..Facts::default()
                        }),
                );
                continue;
            };
            let is_required = new_required.contains(name);
            if was_required != is_required {
                self.push(
                    draft(ChangeKind::RequiredChanged)
                        .values(Some(was_required.to_string()), Some(is_required.to_string()))
                        .facts(Facts {
                            required: Some(is_required),
                            owner: at.component.clone(),
                            ..Facts::default()
                        }),
                );
            }
            let field = At { required: Some(is_required), ..field };
            self.schema(old_schema, new_schema, &field, stack);
        }
        for (name, new_schema) in new_props.iter().filter(|(name, _)| !old_props.contains_key(*name)) {
            let field = at.child(&format!(".{name}"), None);
            let is_required = new_required.contains(name);
            self.push(
                Draft::new(ChangeKind::FieldAdded, Scope::Schema, &field.path)
                    .op(&op)
                    .direction(at.direction)
                    .anchor(&field.anchor)
                    .values(None, Some(type_label(self.new, new_schema)))
                    .facts(Facts {
                        required: Some(is_required),
                        owner: at.component.clone(),
                        ..Facts::default()
                    }),
            );
        }
    }

    /// Documentation and vendor extensions on one schema node.
    fn annotations(&mut self, old: &Value, new: &Value, at: &At) {
        let draft = |kind| {
            let op = at.op.clone();
            Draft::new(kind, Scope::Schema, &at.path).op(&op).direction(Direction::None).anchor(&at.anchor)
        };
        let docs = changed_keys(Some(old), Some(new), is_doc_key);
        if !docs.is_empty() {
            self.push(draft(ChangeKind::DocChanged).member(docs.join(", ")));
        }
        for extension in changed_keys(Some(old), Some(new), |k| k.starts_with("x-") && !is_doc_key(k)) {
            let show = |v: &Value| v.get(&extension).map(Value::to_string);
            self.push(draft(ChangeKind::ExtensionChanged).member(&extension).values(show(old), show(new)));
        }
    }

    // ---------------------------------------------------------------- components

    fn components(&mut self) {
        let (old, new) =
            (object_at(self.old, "/components/schemas"), object_at(self.new, "/components/schemas"));
        let (old_used, new_used) = (used_schemas(self.old), used_schemas(self.new));
        for (name, o) in &old {
            let Some(n) = new.get(name) else {
                self.push(Draft::new(ChangeKind::SchemaRemoved, Scope::Schema, name));
                continue;
            };
            if !old_used.contains(name) && !new_used.contains(name) {
                let at = At {
                    op: String::new(),
                    direction: Direction::Unused,
                    path: name.clone(),
                    anchor: name.clone(),
                    root: false,
                    component: Some(name.clone()),
                    old_component: Some(name.clone()),
                    parent: None,
                    required: None,
                };
                let mut stack = vec![(name.clone(), name.clone())];
                self.annotations(o, n, &at);
                self.structure(&resolve(self.old, o), &resolve(self.new, n), &at, &mut stack);
            }
        }
        for name in new.keys().filter(|name| !old.contains_key(*name)) {
            self.push(Draft::new(ChangeKind::SchemaAdded, Scope::Schema, name));
        }
    }
}

// ---------------------------------------------------------------------- helpers

static NULL: Value = Value::Null;

/// The alternative of a security requirement that needs no credentials.
pub const NO_AUTH: &str = "no authentication";

fn root_at(op: &str, direction: Direction, label: String) -> At {
    At {
        op: op.to_owned(),
        direction,
        anchor: label.clone(),
        path: label,
        root: true,
        component: None,
        old_component: None,
        parent: None,
        required: None,
    }
}

fn is_doc_key(key: &str) -> bool {
    DOC_KEYS.contains(&key)
}

/// Keys of two objects (either may be missing) whose values differ and that `keep` accepts.
fn changed_keys(old: Option<&Value>, new: Option<&Value>, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let keys = |v: Option<&Value>| -> BTreeSet<String> {
        v.and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default()
    };
    let all: BTreeSet<String> = keys(old).union(&keys(new)).cloned().collect();
    all.into_iter()
        .filter(|k| keep(k))
        .filter(|k| old.and_then(|v| v.get(k)) != new.and_then(|v| v.get(k)))
        .collect()
}

fn object_at<'d>(doc: &'d Value, pointer: &str) -> BTreeMap<String, &'d Value> {
    doc.pointer(pointer)
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v)).collect())
        .unwrap_or_default()
}

fn without_docs(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter().filter(|(k, _)| !is_doc_key(k)).map(|(k, v)| (k.clone(), v.clone())).collect(),
        ),
        other => other.clone(),
    }
}

fn scheme_label(v: &Value) -> String {
    let get = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("?");
    match get("type") {
        "apiKey" => format!("apiKey in {} `{}`", get("in"), get("name")),
        "http" => format!("http {}", get("scheme")),
        other => other.to_owned(),
    }
}

fn servers(v: Option<&Value>) -> BTreeMap<String, &Value> {
    v.and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|s| s.get("url").and_then(Value::as_str).map(|url| (url.to_owned(), s)))
                .collect()
        })
        .unwrap_or_default()
}

/// Security requirement alternatives as `A + B` (scopes in brackets); `None` when absent.
fn requirements(v: Option<&Value>) -> Option<BTreeSet<String>> {
    let items = v?.as_array()?;
    if items.is_empty() {
        return Some(BTreeSet::from([NO_AUTH.to_owned()]));
    }
    Some(
        items
            .iter()
            .filter_map(Value::as_object)
            .map(|req| {
                if req.is_empty() {
                    return NO_AUTH.to_owned();
                }
                let mut names: Vec<String> = req
                    .iter()
                    .map(|(name, scopes)| {
                        let scopes: Vec<&str> =
                            scopes.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                        if scopes.is_empty() { name.clone() } else { format!("{name}[{}]", scopes.join(",")) }
                    })
                    .collect();
                names.sort();
                names.join(" + ")
            })
            .collect(),
    )
}

/// One operation with its matching key.
struct Op<'d> {
    key: String,
    method: String,
    path: String,
    value: &'d Value,
    item: &'d Value,
}

impl Op<'_> {
    fn endpoint(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Operations by key: the operationId, or `METHOD /path` without one (or for a duplicate).
fn operations(doc: &Value) -> BTreeMap<String, Op<'_>> {
    let mut out = BTreeMap::new();
    for op in spec::operations(doc) {
        let method = op.method.to_ascii_uppercase();
        let endpoint = format!("{method} {}", op.path);
        let key = match op.id() {
            Some(id) if !out.contains_key(id) => id.to_owned(),
            _ => endpoint,
        };
        let item = doc.get("paths").and_then(|p| p.get(op.path)).unwrap_or(&NULL);
        out.insert(key.clone(), Op { key, method, path: op.path.to_owned(), value: op.value, item });
    }
    out
}

/// Follows a local `$ref` (to a parameter, request body or response component).
fn follow<'d>(doc: &'d Value, v: &'d Value) -> &'d Value {
    let mut node = v;
    for _ in 0..8 {
        match node.get("$ref").and_then(Value::as_str).and_then(|r| spec::resolve(doc, r)) {
            Some(target) => node = target,
            None => break,
        }
    }
    node
}

/// Path-item parameters overridden by operation parameters, by name (`name (in)` when two
/// parameters share a name).
fn parameters<'d>(doc: &'d Value, op: &Op<'d>) -> BTreeMap<String, &'d Value> {
    let mut by_in: BTreeMap<(String, String), &'d Value> = BTreeMap::new();
    for list in [op.item.get("parameters"), op.value.get("parameters")] {
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

fn param_in(p: &Value) -> String {
    p.get("in").and_then(Value::as_str).unwrap_or("?").to_owned()
}

fn codes(op: &Value) -> BTreeMap<String, &Value> {
    op.get("x-message-codes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("code").and_then(Value::as_str).map(|c| (c.to_owned(), e)))
        .collect()
}

fn all_codes(doc: &Value) -> BTreeSet<String> {
    spec::operations(doc).iter().flat_map(|op| codes(op.value).into_keys()).collect()
}

/// A schema node after following references.
struct Resolved<'d> {
    /// The component the node stands for, if it is a reference.
    name: Option<&'d str>,
    /// The schema itself.
    node: &'d Value,
    /// `nullable: true` on the reference or the target.
    nullable: bool,
}

fn resolve<'d>(doc: &'d Value, raw: &'d Value) -> Resolved<'d> {
    let nullable = |v: &Value| v.get("nullable").and_then(Value::as_bool).unwrap_or(false);
    let mut resolved = Resolved { name: None, node: raw, nullable: nullable(raw) };
    for _ in 0..16 {
        let Some(name) = spec::schema_ref_name(resolved.node) else { break };
        resolved.name.get_or_insert(name);
        resolved.node = doc.pointer(&spec::schema_pointer(name)).unwrap_or(&NULL);
        resolved.nullable |= nullable(resolved.node);
    }
    resolved
}

/// `string`, `integer`, `object`, `array`, ... (`any` without a type).
fn base_type(s: &Value) -> String {
    match s.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("|"),
        _ if s.get("properties").is_some() || s.get("additionalProperties").is_some() => "object".to_owned(),
        _ if s.get("allOf").is_some() => "object".to_owned(),
        _ if s.get("items").is_some() => "array".to_owned(),
        _ => "any".to_owned(),
    }
}

fn format(s: &Value) -> Option<&str> {
    s.get("format").and_then(Value::as_str)
}

fn enum_values(s: &Value) -> Option<Vec<String>> {
    s.get("enum").and_then(Value::as_array).map(|values| {
        values.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect()
    })
}

/// `string`, `string(date-time)`, `integer(int64)`, `string enum`.
fn scalar_label(s: &Value) -> String {
    let mut label = base_type(s);
    if let Some(f) = format(s) {
        label = format!("{label}({f})");
    }
    if s.get("enum").is_some() {
        label.push_str(" enum");
    }
    label
}

/// How a field's type reads in a report: a component name, `array<...>`, `map<...>` or
/// [`scalar_label`].
fn type_label(doc: &Value, raw: &Value) -> String {
    type_label_depth(doc, raw, 0)
}

fn type_label_depth(doc: &Value, raw: &Value, depth: usize) -> String {
    let r = resolve(doc, raw);
    if let Some(name) = r.name {
        return name.to_owned();
    }
    if depth < 4 {
        if let Some(items) = r.node.get("items") {
            return format!("array<{}>", type_label_depth(doc, items, depth + 1));
        }
        if let Some(values) = r.node.get("additionalProperties").filter(|v| v.is_object())
            && r.node.get("properties").is_none()
        {
            return format!("map<{}>", type_label_depth(doc, values, depth + 1));
        }
    }
    scalar_label(r.node)
}

/// Whether every value of `old` is a value of `new`.
fn widens(old: &Value, new: &Value) -> bool {
    let (ob, nb) = (base_type(old), base_type(new));
    let (of, nf) = (format(old), format(new));
    let old_enum = old.get("enum").is_some();
    let new_enum = new.get("enum").is_some();
    if new_enum && !old_enum {
        return false;
    }
    if ob == nb {
        return match (of, nf) {
            (a, b) if a == b => old_enum && !new_enum,
            (Some(_), None) => true,
            (Some("int32"), Some("int64")) | (Some("float"), Some("double")) => true,
            _ => false,
        };
    }
    ob == "integer" && nb == "number" && nf.is_none()
}

/// `additionalProperties` as `open` (absent or true), `closed` (false) or `schema`.
fn open_properties(s: &Value) -> &'static str {
    match s.get("additionalProperties") {
        None | Some(Value::Bool(true)) => "open",
        Some(Value::Bool(false)) => "closed",
        Some(_) => "schema",
    }
}

/// Properties (with `allOf` members merged in) and required names of an object schema.
fn object_members<'d>(doc: &'d Value, node: &'d Value) -> (BTreeMap<String, &'d Value>, BTreeSet<String>) {
    let mut props = BTreeMap::new();
    let mut required = BTreeSet::new();
    let mut add = |node: &'d Value| {
        if let Some(map) = node.get("properties").and_then(Value::as_object) {
            props.extend(map.iter().map(|(k, v)| (k.clone(), v)));
        }
        required.extend(
            node.get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned)),
        );
    };
    add(node);
    for member in node.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        add(resolve(doc, member).node);
    }
    (props, required)
}

/// Component schemas that some operation reaches, through any chain of references.
fn used_schemas(doc: &Value) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&Value> = vec![doc.get("paths").unwrap_or(&NULL)];
    while let Some(node) = todo.pop() {
        spec::walk(node, "", &mut |child, _| {
            let Some(reference) = child.get("$ref").and_then(Value::as_str) else { return };
            if let Some(name) = reference.strip_prefix(spec::SCHEMA_REF_PREFIX) {
                if seen.insert(name.to_owned())
                    && let Some(target) = doc.pointer(&spec::schema_pointer(name))
                {
                    todo.push(target);
                }
            } else if reference.starts_with("#/components/")
                && seen.insert(reference.to_owned())
                && let Some(target) = spec::resolve(doc, reference)
            {
                todo.push(target);
            }
        });
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn widening_rules() {
        assert!(widens(
            &json!({"type": "integer", "format": "int32"}),
            &json!({"type": "integer", "format": "int64"})
        ));
        assert!(widens(&json!({"type": "string", "enum": ["A"]}), &json!({"type": "string"})));
        assert!(widens(&json!({"type": "string", "format": "date-time"}), &json!({"type": "string"})));
        assert!(!widens(&json!({"type": "string"}), &json!({"type": "string", "enum": ["A"]})));
        assert!(!widens(
            &json!({"type": "integer", "format": "int64"}),
            &json!({"type": "integer", "format": "int32"})
        ));
        assert!(!widens(&json!({"type": "string"}), &json!({"type": "integer"})));
        assert!(widens(&json!({"type": "integer"}), &json!({"type": "number"})));
    }

    #[test]
    fn references_resolve_through_all_of_with_nullable_beside() {
        let doc = json!({"components": {"schemas": {"A": {"type": "object"}}}});
        let wrapper = json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true});
        let r = resolve(&doc, &wrapper);
        assert_eq!((r.name, r.nullable, base_type(r.node)), (Some("A"), true, "object".to_owned()));
        assert_eq!(type_label(&doc, &json!({"type": "array", "items": wrapper})), "array<A>");
    }

    #[test]
    fn used_schemas_follow_chains_but_not_unreferenced_components() {
        let doc = json!({
            "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/R"}}}}},
            "components": {
                "responses": {"R": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}},
                "schemas": {
                    "A": {"properties": {"b": {"allOf": [{"$ref": "#/components/schemas/B"}]}}},
                    "B": {"type": "string"},
                    "C": {"type": "string"}
                }
            }
        });
        let used = used_schemas(&doc);
        assert!(used.contains("A") && used.contains("B"), "{used:?}");
        assert!(!used.contains("C"), "{used:?}");
    }

    #[test]
    fn requirement_alternatives_are_normalised() {
        let v = json!([{"TenantId": [], "ApiKey": []}, {}]);
        let set = requirements(Some(&v)).expect("present");
        assert_eq!(set.into_iter().collect::<Vec<_>>(), ["ApiKey + TenantId", NO_AUTH]);
        assert_eq!(requirements(None), None);
    }
}
