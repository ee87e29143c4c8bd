//! Every `$ref` is local, resolves, names a component of the kind its place needs, and no
//! component is itself through `$ref`, `allOf`, `anyOf` or `oneOf` alone.
//!
//! A schema refers to `#/components/schemas/X`, a parameter to `#/components/parameters/X`,
//! and so on; a `$ref` to anything else (`#/paths`) made typify panic. A component that
//! is only a reference to itself (directly or through composition) made progenitor recurse
//! until the stack overflowed. Recursive *types* (a property, or array items, referring to
//! their own component) stay legal.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, escape_token, unescape_token};
use crate::doc_walk::{in_example, resolve, walk};
use crate::extensions::Extensions;

pub(super) const RULE: &str = "dangling-ref";

/// Component sections a `$ref` can name.
const SECTIONS: [&str; 5] = ["schemas", "responses", "parameters", "requestBodies", "headers"];

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk(doc, "", &mut |node, pointer| {
        let Some(reference) = node.get("$ref") else { return };
        if in_example(pointer) || in_extension(pointer) {
            return;
        }
        let at = format!("{pointer}/$ref");
        let expected = section_for(pointer);
        match reference.as_str() {
            Some(r) if !r.starts_with("#/") => {
                out.push(Diagnostic::new(at, RULE, format!("`{r}` is not a local reference (`#/...`)")))
            }
            Some(r) if resolve(doc, r).is_none() => {
                out.push(Diagnostic::new(at, RULE, format!("`{r}` does not resolve to anything in the spec")))
            }
            Some(r) if target_section(r) != Some(expected) => out.push(Diagnostic::new(
                at,
                RULE,
                format!("`{r}` is not a component of `#/components/{expected}/`, which this place needs"),
            )),
            Some(_) => {}
            None => out.push(Diagnostic::new(at, RULE, "`$ref` must be a string")),
        }
    });
    if out.is_empty() {
        out.extend(cycles(doc));
    }
    out
}

/// Whether a pointer goes through a vendor extension's value (not OpenAPI).
fn in_extension(pointer: &str) -> bool {
    let tokens: Vec<&str> = pointer.split('/').collect();
    tokens.iter().enumerate().any(|(i, t)| t.starts_with("x-") && (i == 0 || tokens[i - 1] != "properties"))
}

/// The component section a `$ref` at `pointer` (the node holding it) must name.
fn section_for(pointer: &str) -> &'static str {
    let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape_token).collect();
    let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
    match tokens.as_slice() {
        ["components", section, _] => SECTIONS.iter().find(|s| *s == section).copied().unwrap_or("schemas"),
        ["paths", _, "parameters", _] | ["paths", _, _, "parameters", _] => "parameters",
        ["paths", _, _, "requestBody"] => "requestBodies",
        ["paths", _, _, "responses", _] => "responses",
        [.., "responses", _, "headers", _] => "headers",
        _ => "schemas",
    }
}

/// `schemas` for `#/components/schemas/X`; `None` for anything that is not one component.
fn target_section(reference: &str) -> Option<&'static str> {
    match reference.split('/').collect::<Vec<_>>().as_slice() {
        ["#", "components", section, name] if !name.is_empty() => {
            SECTIONS.iter().find(|s| *s == section).copied()
        }
        _ => None,
    }
}

/// Components that reach themselves through references and composition alone.
fn cycles(doc: &Value) -> Vec<Diagnostic> {
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut order = Vec::new();
    for section in SECTIONS {
        for (name, node) in
            doc.pointer(&format!("/components/{section}")).and_then(Value::as_object).into_iter().flatten()
        {
            let at = format!("/components/{section}/{}", escape_token(name));
            let mut targets = Vec::new();
            alias_targets(node, &mut targets);
            edges.insert(at.clone(), targets);
            order.push(at);
        }
    }
    let mut out = Vec::new();
    for start in &order {
        if let Some(path) = path_back(start, &edges) {
            out.push(Diagnostic::new(
                start.as_str(),
                "ref-cycle",
                format!(
                    "the component is itself through `$ref`/`allOf`/`anyOf`/`oneOf` ({}); only a property or array items may refer back",
                    path.join(" -> ")
                ),
            ));
        }
    }
    out
}

/// Pointers a node stands for without a property in between: its `$ref`, and the
/// references of its `allOf`/`anyOf`/`oneOf` members (nested compositions included).
fn alias_targets(node: &Value, out: &mut Vec<String>) {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        out.push(r.trim_start_matches('#').to_owned());
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for member in node.get(key).and_then(Value::as_array).into_iter().flatten() {
            alias_targets(member, out);
        }
    }
}

/// The names on a path from `start` back to itself, if there is one.
fn path_back(start: &str, edges: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    let name = |p: &str| p.rsplit('/').next().map(unescape_token).unwrap_or_default();
    let mut stack = vec![(start.to_owned(), vec![name(start)])];
    let mut seen = std::collections::BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in edges.get(&node).into_iter().flatten() {
            let mut path = path.clone();
            path.push(name(next));
            if next == start {
                return Some(path);
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), path));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(doc: Value) -> Vec<String> {
        check(&doc, &Extensions::default()).into_iter().map(|d| format!("{} {}", d.pointer, d.rule)).collect()
    }

    #[test]
    fn self_reference_through_all_of_is_a_cycle_but_a_recursive_property_is_not() {
        let doc = json!({"components": {"schemas": {
            "Knot": {"allOf": [{"$ref": "#/components/schemas/Knot"}]},
            "A": {"$ref": "#/components/schemas/B"},
            "B": {"oneOf": [{"$ref": "#/components/schemas/A"}]},
            "Tree": {"properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
                                    "parent": {"$ref": "#/components/schemas/Tree"}}}
        }}});
        assert_eq!(
            problems(doc),
            [
                "/components/schemas/Knot ref-cycle",
                "/components/schemas/A ref-cycle",
                "/components/schemas/B ref-cycle"
            ]
        );
    }

    #[test]
    fn reference_to_the_wrong_kind_of_node_is_located() {
        let doc = json!({"paths": {}, "components": {
            "schemas": {"T": {"properties": {"p": {"$ref": "#/paths"}}}},
            "parameters": {"P": {"name": "p", "in": "query"}},
            "responses": {"R": {"$ref": "#/components/parameters/P"}}
        }});
        assert_eq!(
            problems(doc),
            [
                "/components/schemas/T/properties/p/$ref dangling-ref",
                "/components/responses/R/$ref dangling-ref"
            ]
        );
    }
}
