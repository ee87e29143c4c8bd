//! Step 1: YAML text to a JSON document, and the structural parse into `openapiv3` types.

use serde_json::{Map, Number, Value};
use serde_yaml_ng::Value as Yaml;

use crate::diagnostic::{Diagnostic, escape_token};

/// The largest spec text accepted, in bytes (the project's spec is about 130 KiB).
pub const MAX_SPEC_BYTES: usize = 8 << 20;

/// The most YAML nodes accepted once aliases are expanded (the project's spec has a few
/// tens of thousands): an alias bomb is refused before it is built in memory.
pub const MAX_NODES: usize = 1_000_000;

/// The spec's bytes as text: UTF-8, or an error giving the offset (and line) of the first
/// byte that is not.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
        Diagnostic::new(
            format!("{line}:byte {offset}"),
            "yaml-syntax",
            format!("the spec is not UTF-8: invalid byte 0x{:02x} at byte offset {offset}", bytes[offset]),
        )
    })
}

/// Parses the spec's YAML into a JSON document, keeping key order.
///
/// YAML allows non-string keys (`200:` is an integer); OpenAPI means them as strings, so
/// scalar keys are turned into their text. Anything JSON cannot hold (tags, complex keys,
/// non-finite numbers) is an error located at the offending node. A leading byte order mark
/// is ignored; a text over [`MAX_SPEC_BYTES`], or over [`MAX_NODES`] nodes once aliases are
/// expanded, is refused.
pub fn parse_yaml(text: &str) -> Result<Value, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_SPEC_BYTES {
        return Err(Diagnostic::new(
            "",
            "yaml-size",
            format!("the spec is {} bytes; the limit is {MAX_SPEC_BYTES}", text.len()),
        ));
    }
    let syntax = |e: serde_yaml_ng::Error| {
        let at = e.location().map(|l| format!("{}:{}", l.line(), l.column())).unwrap_or_default();
        Diagnostic::new(at, "yaml-syntax", format!("the spec is not valid YAML: {e}"))
    };
    let mut nodes = 0;
    let counted = serde::de::DeserializeSeed::deserialize(
        CountNodes { nodes: &mut nodes },
        serde_yaml_ng::Deserializer::from_str(text),
    );
    let repetition = counted.as_ref().is_err_and(|e| e.to_string().contains("repetition limit exceeded"));
    if nodes > MAX_NODES || repetition {
        return Err(Diagnostic::new(
            "",
            "yaml-size",
            format!("the spec has more than {MAX_NODES} nodes once its aliases are expanded"),
        ));
    }
    counted.map_err(syntax)?;
    let yaml: Yaml = serde_yaml_ng::from_str(text).map_err(syntax)?;
    to_json(yaml, "")
}

/// Counts the nodes a deserializer hands out (aliases expanded), stopping past [`MAX_NODES`]
/// without building anything.
struct CountNodes<'n> {
    nodes: &'n mut usize,
}

impl CountNodes<'_> {
    fn count<E: serde::de::Error>(&mut self) -> Result<(), E> {
        *self.nodes += 1;
        if *self.nodes > MAX_NODES { Err(E::custom("too many nodes")) } else { Ok(()) }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for CountNodes<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for CountNodes<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(mut self, _: bool) -> Result<(), E> {
        self.count()
    }
    fn visit_i64<E: serde::de::Error>(mut self, _: i64) -> Result<(), E> {
        self.count()
    }
    fn visit_u64<E: serde::de::Error>(mut self, _: u64) -> Result<(), E> {
        self.count()
    }
    fn visit_f64<E: serde::de::Error>(mut self, _: f64) -> Result<(), E> {
        self.count()
    }
    fn visit_str<E: serde::de::Error>(mut self, _: &str) -> Result<(), E> {
        self.count()
    }
    fn visit_unit<E: serde::de::Error>(mut self) -> Result<(), E> {
        self.count()
    }
    fn visit_none<E: serde::de::Error>(mut self) -> Result<(), E> {
        self.count()
    }
    fn visit_some<D: serde::Deserializer<'de>>(mut self, d: D) -> Result<(), D::Error> {
        self.count()?;
        serde::de::DeserializeSeed::deserialize(CountNodes { nodes: self.nodes }, d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.count()?;
        while seq.next_element_seed(CountNodes { nodes: self.nodes })?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.count()?;
        while map.next_key_seed(CountNodes { nodes: self.nodes })?.is_some() {
            map.next_value_seed(CountNodes { nodes: self.nodes })?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(mut self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        self.count()?;
        let (_, variant) = data.variant::<serde::de::IgnoredAny>()?;
        variant.newtype_variant_seed(CountNodes { nodes: self.nodes })
    }
}

fn to_json(yaml: Yaml, pointer: &str) -> Result<Value, Diagnostic> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                Value::Number(Number::from_f64(f).ok_or_else(|| {
                    Diagnostic::new(
                        pointer,
                        "yaml-value",
                        format!("number `{n}` cannot be represented in JSON"),
                    )
                })?)
            }
        }
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| to_json(item, &format!("{pointer}/{i}")))
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Mapping(mapping) => {
            let mut out = Map::new();
            for (key, value) in mapping {
                let key = match key {
                    Yaml::String(s) => s,
                    Yaml::Number(n) => n.to_string(),
                    Yaml::Bool(b) => b.to_string(),
                    other => {
                        return Err(Diagnostic::new(
                            pointer,
                            "yaml-value",
                            format!("mapping key {other:?} is not a scalar"),
                        ));
                    }
                };
                let child = format!("{pointer}/{}", escape_token(&key));
                out.insert(key, to_json(value, &child)?);
            }
            Value::Object(out)
        }
        Yaml::Tagged(tagged) => {
            return Err(Diagnostic::new(
                pointer,
                "yaml-value",
                format!("YAML tag `{}` has no meaning in OpenAPI", tagged.tag),
            ));
        }
    })
}

/// Parses a JSON document into `openapiv3` types, locating the first structural error.
///
/// openapiv3 flattens vendor extensions into its structs, which hides the error's path from
/// serde below that struct. So on failure each known sub-object (operation, parameter,
/// response, schema, ...) is tried on its own and the deepest one that fails is reported.
pub fn parse_openapi(doc: &Value) -> Result<openapiv3::OpenAPI, Diagnostic> {
    serde_path_to_error::deserialize(doc).map_err(|e| {
        let shallow = (path_to_pointer(e.path()), e.inner().to_string());
        let (pointer, message) = deepest_failure(doc).unwrap_or(shallow);
        Diagnostic::new(
            pointer,
            "openapi-structure",
            format!("not a valid OpenAPI 3.0 object here: {message}"),
        )
    })
}

/// The deepest known sub-object of `doc` that does not deserialize, with serde's message.
fn deepest_failure(doc: &Value) -> Option<(String, String)> {
    use openapiv3::{Info, Operation, Parameter, ReferenceOr, RequestBody, Response, Schema, Server, Tag};
    let mut deepest: Option<(String, String)> = None;
    let mut consider = |pointer: &str, error: Option<String>| {
        if let Some(message) = error {
            let depth = pointer.matches('/').count();
            if deepest.as_ref().is_none_or(|(p, _)| p.matches('/').count() < depth) {
                deepest = Some((pointer.to_owned(), message));
            }
        }
    };
    crate::doc_walk::walk(doc, "", &mut |node, pointer| {
        let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
        let error = match tokens.as_slice() {
            ["info"] => fails::<Info>(node),
            ["servers", _] => fails::<Server>(node),
            ["tags", _] => fails::<Tag>(node),
            ["paths", _, method] if crate::doc_walk::METHODS.contains(method) => fails::<Operation>(node),
            ["paths", _, _, "parameters", _] | ["paths", _, "parameters", _] => {
                fails::<ReferenceOr<Parameter>>(node)
            }
            ["paths", _, _, "requestBody"] => fails::<ReferenceOr<RequestBody>>(node),
            ["paths", _, _, "responses", _] => fails::<ReferenceOr<Response>>(node),
            ["components", "schemas", _] => fails::<ReferenceOr<Schema>>(node),
            [.., "properties", _] | [.., "items"] | [.., "allOf", _] => {
                fails::<ReferenceOr<Box<Schema>>>(node)
            }
            _ => None,
        };
        if !crate::doc_walk::in_example(pointer) && !in_extension(&tokens) {
            consider(pointer, error);
        }
    });
    deepest
}

/// Whether a pointer goes through a vendor extension's value, which is not OpenAPI (a
/// key named `items` under `x-aliases` is not a schema's `items`).
fn in_extension(tokens: &[&str]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| t.starts_with("x-") && (i == 0 || tokens[i - 1] != "properties"))
}

fn fails<T: serde::de::DeserializeOwned>(node: &Value) -> Option<String> {
    serde_path_to_error::deserialize::<_, T>(node).err().map(|e| e.inner().to_string())
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(format!("/{index}")),
            Segment::Map { key } => Some(format!("/{}", escape_token(key))),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_keys_become_strings_in_order() {
        let doc = parse_yaml("responses:\n  '404': {}\n  200: {}\n").expect("valid yaml");
        let keys: Vec<_> = doc["responses"].as_object().expect("object").keys().cloned().collect();
        assert_eq!(keys, ["404", "200"]);
    }

    #[test]
    fn syntax_error_is_located() {
        let err = parse_yaml("a: [1, 2\nb: 3\n").expect_err("broken yaml");
        assert_eq!(err.rule, "yaml-syntax");
        assert!(err.pointer.contains(':'), "{err:?}");
    }

    #[test]
    fn tags_are_rejected_with_pointer() {
        let err = parse_yaml("a:\n  b: !custom 1\n").expect_err("tag");
        assert_eq!(err.pointer, "/a/b");
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let err = parse_yaml("a: 1\na: 2\n").expect_err("duplicate key");
        assert_eq!(err.rule, "yaml-syntax");
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let doc = parse_yaml("\u{feff}openapi: 3.0.3\n").expect("a BOM is not a second document");
        assert_eq!(doc["openapi"], "3.0.3");
    }

    #[test]
    fn non_utf8_is_located_by_byte_offset() {
        let err = decode_utf8(b"openapi: 3.0.3\ninfo: \xff\n").expect_err("not UTF-8");
        assert_eq!(err.pointer, "2:byte 21");
        assert!(err.message.contains("0xff at byte offset 21"), "{err:?}");
    }

    #[test]
    fn alias_bomb_is_refused_before_it_is_built() {
        let mut text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_owned();
        for i in 1..9 {
            let prev = format!("*a{}", i - 1);
            text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
        }
        let err = parse_yaml(&text).expect_err("10^9 nodes once expanded");
        assert_eq!(err.rule, "yaml-size");
        assert!(parse_yaml("a: &a [1, 2]\nb: *a\n").is_ok(), "small aliases are fine");
    }

    #[test]
    fn extension_keys_are_not_mistaken_for_schema_keywords() {
        let doc = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": 5}}}}},
            "components": {"schemas": {"S": {"type": "object", "x-aliases": {"items": "IT"}}}}
        });
        let err = parse_openapi(&doc).expect_err("description must be a string");
        assert_eq!(err.pointer, "/paths/~1a/get/responses/200", "{err:?}");
    }

    #[test]
    fn structural_error_is_located() {
        let doc = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": 5}}}}}
        });
        let err = parse_openapi(&doc).expect_err("description must be a string");
        assert_eq!(err.pointer, "/paths/~1a/get/responses/200", "{err:?}");
        assert!(err.message.contains("expected a string"), "{err:?}");
    }
}
