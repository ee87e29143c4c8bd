//! The document scope: `info`, `servers`, `security` and security schemes (and the same
//! server and security lists where an operation overrides them). An OAuth scheme's scopes
//! are compared one by one: a scope's description is documentation.

use std::collections::{BTreeMap, BTreeSet};

use c2a_spec::extensions::Place;
use serde_json::Value;

use super::extensions::{changed_extensions, is_documentation};
use super::{Comparison, Difference, DifferenceDetails, changed_keys, entries, is_doc_key, object_at};
use crate::model::{ChangeKind, Scope};

/// The alternative of a security requirement that needs no credentials.
pub const NO_AUTH: &str = "no authentication";

impl Comparison<'_> {
    pub(super) fn info(&mut self) {
        let (old, new) = (self.old.get("info"), self.new.get("info"));
        // Every OpenAPI key of `info` documents the API.
        let changed = changed_keys(old, new, |k| !k.starts_with("x-") || is_documentation(k, Place::Info));
        if !changed.is_empty() {
            self.record(
                Difference::new(ChangeKind::DocChanged, Scope::Document, "info").member(changed.join(", ")),
            );
        }
        let base = Difference::new(ChangeKind::ExtensionChanged, Scope::Document, "info");
        for difference in changed_extensions(old, new, Place::Info, &base) {
            self.record(difference);
        }
        for key in ["externalDocs", "tags"] {
            if self.old.get(key) != self.new.get(key) {
                self.record(Difference::new(ChangeKind::DocChanged, Scope::Document, key));
            }
        }
    }

    pub(super) fn servers(&mut self) {
        let (old, new) = (servers(self.old.get("servers")), servers(self.new.get("servers")));
        self.server_lists(&old, &new, "servers", "");
    }

    /// Servers by URL; `op` is empty for the document's own list.
    pub(super) fn server_lists(
        &mut self,
        old: &BTreeMap<String, &Value>,
        new: &BTreeMap<String, &Value>,
        location: &str,
        op: &str,
    ) {
        let scope = if op.is_empty() { Scope::Document } else { Scope::Operation };
        for (url, o) in old {
            let Some(n) = new.get(url) else {
                self.record(Difference::new(ChangeKind::ServerRemoved, scope, location).op(op).member(url));
                continue;
            };
            if o.get("variables") != n.get("variables") {
                let show = |v: &Value| v.get("variables").map(Value::to_string);
                self.record(
                    Difference::new(ChangeKind::ServerChanged, scope, location)
                        .op(op)
                        .member(url)
                        .values(show(o), show(n)),
                );
            }
            if o.get("description") != n.get("description") {
                self.record(Difference::new(ChangeKind::DocChanged, scope, location).op(op).member(url));
            }
        }
        for url in new.keys().filter(|url| !old.contains_key(*url)) {
            self.record(Difference::new(ChangeKind::ServerAdded, scope, location).op(op).member(url));
        }
    }

    pub(super) fn security(&mut self) {
        let none = Some(BTreeSet::from([NO_AUTH.to_owned()]));
        let old = requirements(self.old.get("security")).or(none.clone());
        let new = requirements(self.new.get("security")).or(none);
        self.requirement_sets(old, new, "security", "");
    }

    /// Requirement alternatives; `op` is empty for the document's own list.
    pub(super) fn requirement_sets(
        &mut self,
        old: Option<BTreeSet<String>>,
        new: Option<BTreeSet<String>>,
        location: &str,
        op: &str,
    ) {
        let (old, new) = (old.unwrap_or_default(), new.unwrap_or_default());
        let scope = if op.is_empty() { Scope::Document } else { Scope::Operation };
        for alternative in old.difference(&new) {
            // A new alternative that asks for no more than this one still accepts its clients.
            let replaced_by = new.iter().find(|n| asks_no_more(n, alternative)).cloned();
            self.record(
                Difference::new(ChangeKind::SecurityRequirementRemoved, scope, location)
                    .op(op)
                    .member(alternative)
                    .details(DifferenceDetails { replaced_by, ..DifferenceDetails::default() }),
            );
        }
        for alternative in new.difference(&old) {
            self.record(
                Difference::new(ChangeKind::SecurityRequirementAdded, scope, location)
                    .op(op)
                    .member(alternative),
            );
        }
    }

    pub(super) fn security_schemes(&mut self) {
        let pointer = "/components/securitySchemes";
        let (old, new) = (object_at(self.old, pointer), object_at(self.new, pointer));
        for (name, o) in &old {
            let location = format!("securitySchemes.{name}");
            let Some(n) = new.get(name) else {
                self.record(
                    Difference::new(ChangeKind::SecuritySchemeRemoved, Scope::Document, location)
                        .member(name),
                );
                continue;
            };
            if without_docs(o) != without_docs(n) {
                self.record(
                    Difference::new(ChangeKind::SecuritySchemeChanged, Scope::Document, location.clone())
                        .member(name)
                        .values(Some(scheme_label(o)), Some(scheme_label(n))),
                );
            }
            let mut docs = changed_keys(Some(o), Some(n), is_scheme_doc_key);
            docs.extend(self.oauth_scopes(&location, o, n));
            if !docs.is_empty() {
                self.record(
                    Difference::new(ChangeKind::DocChanged, Scope::Document, location)
                        .member(docs.join(", ")),
                );
            }
        }
        for name in new.keys().filter(|name| !old.contains_key(*name)) {
            let location = format!("securitySchemes.{name}");
            self.record(
                Difference::new(ChangeKind::SecuritySchemeAdded, Scope::Document, location).member(name),
            );
        }
    }

    /// The scopes of each OAuth flow both sides have, removed and added; returns those whose
    /// description changed (`flows.implicit.scopes.orders.read`), which are documentation.
    fn oauth_scopes(&mut self, location: &str, o: &Value, n: &Value) -> Vec<String> {
        let (old_flows, new_flows) = (entries_of(o, "flows"), entries_of(n, "flows"));
        let mut docs = Vec::new();
        for (flow, old_flow) in &old_flows {
            let Some(new_flow) = new_flows.get(flow) else { continue };
            let (old, new) = (entries_of(old_flow, "scopes"), entries_of(new_flow, "scopes"));
            let at = format!("{location}.flows.{flow}");
            for (scope, description) in &old {
                match new.get(scope) {
                    None => self.record(
                        Difference::new(ChangeKind::OauthScopeRemoved, Scope::Document, &at).member(scope),
                    ),
                    Some(now) if now != description => docs.push(format!("flows.{flow}.scopes.{scope}")),
                    Some(_) => {}
                }
            }
            for scope in new.keys().filter(|scope| !old.contains_key(*scope)) {
                self.record(Difference::new(ChangeKind::OauthScopeAdded, Scope::Document, &at).member(scope));
            }
        }
        docs
    }
}

/// Documentation of a security scheme: no generated code reads an extension there either
/// (`x-provenance`), and the registry has no such place.
fn is_scheme_doc_key(key: &str) -> bool {
    is_doc_key(key) || key.starts_with("x-")
}

/// The entries of the object at `key` of `v`, by key.
fn entries_of<'v>(v: &'v Value, key: &str) -> BTreeMap<String, &'v Value> {
    v.get(key).map(entries).unwrap_or_default()
}

/// A security scheme without its documentation and without the scopes of its OAuth flows
/// (compared one by one).
fn without_docs(v: &Value) -> Value {
    let mut v = match v {
        Value::Object(m) => Value::Object(
            m.iter().filter(|(k, _)| !is_scheme_doc_key(k)).map(|(k, v)| (k.clone(), v.clone())).collect(),
        ),
        other => other.clone(),
    };
    if let Some(flows) = v.get_mut("flows").and_then(Value::as_object_mut) {
        for flow in flows.values_mut().filter_map(Value::as_object_mut) {
            flow.remove("scopes");
        }
    }
    v
}

fn scheme_label(v: &Value) -> String {
    let get = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("?");
    match get("type") {
        "apiKey" => format!("apiKey in {} `{}`", get("in"), get("name")),
        "http" => format!("http {}", get("scheme")),
        other => other.to_owned(),
    }
}

/// Server objects by URL.
pub(super) fn servers(v: Option<&Value>) -> BTreeMap<String, &Value> {
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
pub(super) fn requirements(v: Option<&Value>) -> Option<BTreeSet<String>> {
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

/// A requirement alternative (`ApiKey + TenantId`, `OAuth[read,write]`) as its schemes with
/// their scopes; [`NO_AUTH`] has none.
fn schemes(alternative: &str) -> BTreeMap<&str, BTreeSet<&str>> {
    if alternative == NO_AUTH {
        return BTreeMap::new();
    }
    alternative
        .split(" + ")
        .map(|scheme| match scheme.split_once('[') {
            Some((name, scopes)) => (name, scopes.trim_end_matches(']').split(',').collect()),
            None => (scheme, BTreeSet::new()),
        })
        .collect()
}

/// Whether the credentials of alternative `by` are among those of `of` (each of its
/// schemes, with no scope more): a client satisfying `of` satisfies `by`.
fn asks_no_more(by: &str, of: &str) -> bool {
    let of = schemes(of);
    schemes(by).iter().all(|(name, scopes)| of.get(name).is_some_and(|held| scopes.is_subset(held)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn requirement_alternatives_are_normalised() {
        let v = json!([{"TenantId": [], "ApiKey": []}, {}]);
        let set = requirements(Some(&v)).expect("present");
        assert_eq!(set.into_iter().collect::<Vec<_>>(), ["ApiKey + TenantId", NO_AUTH]);
        assert_eq!(requirements(None), None);
    }

    #[test]
    fn an_alternative_asks_no_more_when_its_credentials_are_a_subset() {
        assert!(asks_no_more("ApiKey", "ApiKey + TenantId"));
        assert!(asks_no_more(NO_AUTH, "ApiKey + TenantId"));
        assert!(asks_no_more("OAuth[read]", "OAuth[read,write]"));
        assert!(!asks_no_more("OAuth[admin]", "OAuth[read,write]"));
        assert!(!asks_no_more("Bearer", "ApiKey + TenantId"));
        assert!(!asks_no_more("ApiKey + TenantId", NO_AUTH));
    }
}
