//! Walks a JSON body alongside the spec's schema for it and reports each disagreement with
//! the JSON path in the body, the pointer of the exact spec element and its provenance.
//!
//! Our own walker rather than a JSON Schema validator: the report must name the property
//! (`#/components/schemas/ArtifactGroup/properties/bundleUrn`) and its `x-provenance`, not
//! a keyword location in a converted schema. It understands what the spec uses: `$ref`,
//! `allOf` (merged), `nullable`, `type`, `format: date-time`, `enum` (closed unless
//! `x-extensible-enum: true`), `properties`/`required`, `additionalProperties`, `items`,
//! `x-sensitive` (masked in recordings: [`SensitiveFields`]), `x-aliases` (a property may
//! arrive under its documented short name). An object without `additionalProperties` is
//! closed for reporting: a property the spec does not list is drift even though the client
//! ignores it.

use serde_json::{Map, Value};

use crate::exchange::SensitiveFields;
use crate::finding::{Finding, FindingKind, Severity, Side};
use crate::spec_model::{Spec, escape};

/// What a finding shows instead of a value under an `x-sensitive` property.
const REDACTED: &str = "[redacted]";

/// One walk over one body.
pub struct SchemaWalk<'s> {
    spec: &'s Spec,
    side: Side,
    sensitive: SensitiveFields<'s>,
    /// Inside an `x-sensitive` property: no value is quoted in a finding or kept in
    /// [`observed`](Self::observed).
    in_sensitive: bool,
    /// What disagrees.
    pub findings: Vec<Finding>,
    /// Fact keys of the spec elements the body shows with their declared type: property
    /// pointers (`/components/schemas/X/properties/p`) and enum values (`<enum pointer>=V`).
    pub observed: Vec<String>,
}

/// A schema node with the pointer it sits at.
type Layer<'s> = (String, &'s Value);

impl<'s> SchemaWalk<'s> {
    /// A walk of one side of an exchange, judging `x-sensitive` fields as `sensitive` says.
    pub fn new(spec: &'s Spec, side: Side, sensitive: SensitiveFields<'s>) -> Self {
        SchemaWalk { spec, side, sensitive, in_sensitive: false, findings: Vec::new(), observed: Vec::new() }
    }

    /// Checks `body` against the schema at `schema_pointer` (no leading `#`).
    pub fn check_body(&mut self, body: &Value, schema_pointer: &str) {
        self.value(body, schema_pointer, "$");
    }

    /// The node, its `$ref` target and its `allOf` members, depth first.
    fn layers(&self, pointer: &str) -> Vec<Layer<'s>> {
        let mut out = Vec::new();
        self.collect(pointer.to_owned(), &mut out, 0);
        out
    }

    /// Each node once: a spec whose `allOf` members refer back to their schema (twice or
    /// more) would otherwise grow the layers exponentially up to the depth cap.
    fn collect(&self, pointer: String, out: &mut Vec<Layer<'s>>, depth: usize) {
        let Some(node) = self.spec.node(&pointer) else { return };
        if depth > 32 || out.iter().any(|(seen, _)| *seen == pointer) {
            return;
        }
        out.push((pointer.clone(), node));
        if let Some(target) = node.get("$ref").and_then(Value::as_str) {
            self.collect(target.trim_start_matches('#').to_owned(), out, depth + 1);
        }
        if let Some(members) = node.get("allOf").and_then(Value::as_array) {
            for i in 0..members.len() {
                self.collect(format!("{pointer}/allOf/{i}"), out, depth + 1);
            }
        }
    }

    fn report(&mut self, kind: FindingKind, severity: Severity, path: &str, pointer: &str, message: String) {
        self.findings.push(Finding {
            kind,
            severity,
            side: self.side,
            json_path: path.to_owned(),
            spec_pointer: format!("#{pointer}"),
            provenance: self.spec.provenance(pointer),
            message,
        });
    }

    /// Checks one value; true when its own type and enum agree with the schema.
    fn value(&mut self, value: &Value, pointer: &str, path: &str) -> bool {
        let layers = self.layers(pointer);
        let keyword = |k: &str| layers.iter().find_map(|(p, n)| n.get(k).map(|v| (p.clone(), v)));
        let declared = keyword("type").and_then(|(_, t)| t.as_str().map(str::to_owned));
        if value.is_null() {
            let nullable = layers.iter().any(|(_, n)| n.get("nullable") == Some(&Value::Bool(true)));
            if !nullable && let Some(declared) = &declared {
                let message = format!("null where the spec declares {declared} (not nullable)");
                self.report(FindingKind::WrongType, Severity::Mismatch, path, pointer, message);
            }
            return false;
        }
        if let Some(declared) = &declared
            && !type_matches(declared, value)
        {
            let message = format!("{} where the spec declares {declared}", type_name(value));
            self.report(FindingKind::WrongType, Severity::Mismatch, path, pointer, message);
            return false;
        }
        if let (Some((_, format)), Some(text)) = (keyword("format"), value.as_str())
            && format == "date-time"
            && chrono::DateTime::parse_from_rfc3339(text).is_err()
        {
            let shown = if self.in_sensitive { REDACTED } else { text };
            let message = format!("{shown:?} is not an RFC 3339 date-time (format: date-time)");
            self.report(FindingKind::WrongType, Severity::Mismatch, path, pointer, message);
            return false;
        }
        if !self.enum_value(value, &layers, path) {
            return false;
        }
        match value {
            Value::Object(map) => self.object(map, &layers, path),
            Value::Array(items) => {
                if let Some((items_pointer, _)) = layers.iter().find(|(_, n)| n.get("items").is_some()) {
                    let items_pointer = format!("{items_pointer}/items");
                    for (i, item) in items.iter().enumerate() {
                        self.value(item, &items_pointer, &format!("{path}[{i}]"));
                    }
                }
            }
            _ => {}
        }
        true
    }

    /// Checks a value against the first `enum` of the layers; false for a closed miss.
    fn enum_value(&mut self, value: &Value, layers: &[Layer<'s>], path: &str) -> bool {
        let Some((enum_owner, allowed)) =
            layers.iter().find_map(|(p, n)| n.get("enum").and_then(Value::as_array).map(|a| (p, a)))
        else {
            return true;
        };
        let enum_pointer = format!("{enum_owner}/enum");
        let shown = if self.in_sensitive {
            REDACTED.to_owned()
        } else {
            value.as_str().map_or_else(|| value.to_string(), str::to_owned)
        };
        if allowed.contains(value) {
            if !self.in_sensitive {
                self.observed.push(format!("{enum_pointer}={shown}"));
            }
            return true;
        }
        let open = layers.iter().any(|(_, n)| n.get("x-extensible-enum") == Some(&Value::Bool(true)));
        let listed = allowed.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
        let listed = listed.collect::<Vec<_>>().join(", ");
        if open {
            let message = format!("{shown:?} is a new value of an extensible enum (listed: {listed})");
            self.report(FindingKind::EnumValueNotListed, Severity::Info, path, &enum_pointer, message);
            true
        } else {
            let message = format!("{shown:?} is not in the closed enum [{listed}]");
            self.report(FindingKind::EnumValueNotListed, Severity::Mismatch, path, &enum_pointer, message);
            false
        }
    }

    fn object(&mut self, map: &Map<String, Value>, layers: &[Layer<'s>], path: &str) {
        let mut properties: Vec<(String, String, &Value)> = Vec::new();
        let mut required: Vec<&str> = Vec::new();
        let mut additional: Option<(String, &Value)> = None;
        let mut owner: Option<String> = None;
        // `x-aliases`: the short names the docs give properties on the wire (`IT` for
        // `interactionType`); a property may arrive under either.
        let mut aliases: Vec<(&str, &str)> = Vec::new();
        for (pointer, node) in layers {
            if let Some(map) = node.get("x-aliases").and_then(Value::as_object) {
                aliases
                    .extend(map.iter().filter_map(|(field, alias)| Some((field.as_str(), alias.as_str()?))));
            }
            if let Some(props) = node.get("properties").and_then(Value::as_object) {
                owner.get_or_insert_with(|| pointer.clone());
                for (name, schema) in props {
                    if !properties.iter().any(|(n, _, _)| n == name) {
                        properties.push((
                            name.clone(),
                            format!("{pointer}/properties/{}", escape(name)),
                            schema,
                        ));
                    }
                }
            }
            if let Some(names) = node.get("required").and_then(Value::as_array) {
                required.extend(names.iter().filter_map(Value::as_str));
            }
            if additional.is_none()
                && let Some(a) = node.get("additionalProperties")
            {
                additional = Some((format!("{pointer}/additionalProperties"), a));
            }
        }
        let owner = owner.unwrap_or_else(|| layers.first().map(|(p, _)| p.clone()).unwrap_or_default());
        let is_alias_of = |key: &str, field: &str| aliases.iter().any(|&(f, a)| f == field && a == key);
        for name in required {
            if !map.keys().any(|key| key == name || is_alias_of(key, name)) {
                let pointer = properties
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map_or_else(|| format!("{owner}/required"), |(_, p, _)| p.clone());
                let message = format!("required property `{name}` is absent");
                self.report(
                    FindingKind::MissingRequired,
                    Severity::Mismatch,
                    &child(path, name),
                    &pointer,
                    message,
                );
            }
        }
        for (name, value) in map {
            let at = child(path, name);
            if let Some((_, pointer, schema)) = properties
                .iter()
                .find(|(n, _, _)| n == name)
                .or_else(|| properties.iter().find(|(n, _, _)| is_alias_of(name, n)))
            {
                if schema.get("x-sensitive") == Some(&Value::Bool(true))
                    && let SensitiveFields::MustBeMasked(mask) = self.sensitive
                {
                    // The client's recorder keeps the field, masked: that is not a leak.
                    if value.as_str() == Some(mask) {
                        continue;
                    }
                    let message =
                        format!("`{name}` is x-sensitive and must not be recorded (mask it as `{mask}`)");
                    self.report(
                        FindingKind::SensitiveFieldRecorded,
                        Severity::Mismatch,
                        &at,
                        pointer,
                        message,
                    );
                }
                let pointer = pointer.clone();
                let sensitive = schema.get("x-sensitive") == Some(&Value::Bool(true));
                let outer = self.in_sensitive;
                self.in_sensitive = outer || sensitive;
                if self.value(value, &pointer, &at) && is_component_property(&pointer) {
                    self.observed.push(pointer);
                }
                self.in_sensitive = outer;
                continue;
            }
            match &additional {
                Some((_, Value::Bool(true))) => {}
                Some((pointer, schema)) if schema.is_object() => {
                    let pointer = pointer.clone();
                    self.value(value, &pointer, &at);
                }
                _ => {
                    let message = format!("property `{name}` is not in the schema");
                    self.report(FindingKind::UnknownField, Severity::Mismatch, &at, &owner, message);
                }
            }
        }
    }
}

/// `/components/schemas/X/properties/p` exactly (a fact key).
fn is_component_property(pointer: &str) -> bool {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    matches!(tokens.as_slice(), ["components", "schemas", _, "properties", _])
}

/// `$.a.b`, or `$["odd key"]` for keys that are not identifiers.
fn child(path: &str, name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("{path}.{name}")
    } else {
        format!("{path}[{}]", Value::String(name.to_owned()))
    }
}

fn type_matches(declared: &str, value: &Value) -> bool {
    match declared {
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

/// The JSON type of a value, as JSON Schema names it.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::{SchemaWalk, Side};
    use crate::exchange::SensitiveFields;
    use crate::spec_model::Spec;

    #[test]
    fn a_schema_that_refers_to_itself_is_walked_once_per_node() {
        let one = serde_json::json!({ "$ref": "#/components/schemas/A" });
        let spec = Spec::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "paths": {},
            "components": { "schemas": { "A": { "allOf": [one, one, one], "type": "object" } } }
        }));
        let walk = SchemaWalk::new(&spec, Side::Response, SensitiveFields::Carried);
        let layers = walk.layers("/components/schemas/A");
        // A itself and its three members; each member's `$ref` leads back to A, already seen.
        assert_eq!(layers.len(), 4, "{:?}", layers.iter().map(|(p, _)| p).collect::<Vec<_>>());
        let mut walk = walk;
        walk.check_body(&serde_json::json!({ "x": 1 }), "/components/schemas/A");
    }
}
