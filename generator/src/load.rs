//! Step 1: YAML text to a JSON document, and the structural parse into `openapiv3` types.

use serde_json::{Map, Number, Value};
use serde_yaml_ng::Value as Yaml;

use crate::diagnostic::{Diagnostic, escape_token};

/// Parses the spec's YAML into a JSON document, keeping key order.
///
/// YAML allows non-string keys (`200:` is an integer); OpenAPI means them as strings, so
/// scalar keys are turned into their text. Anything JSON cannot hold (tags, complex keys,
/// non-finite numbers) is an error located at the offending node.
pub fn parse_yaml(text: &str) -> Result<Value, Diagnostic> {
    let yaml: Yaml = serde_yaml_ng::from_str(text).map_err(|e| {
        let at = e.location().map(|l| format!("{}:{}", l.line(), l.column())).unwrap_or_default();
        Diagnostic::new(at, "yaml-syntax", format!("the spec is not valid YAML: {e}"))
    })?;
    to_json(yaml, "")
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
    crate::spec::walk(doc, "", &mut |node, pointer| {
        let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
        let error = match tokens.as_slice() {
            ["info"] => fails::<Info>(node),
            ["servers", _] => fails::<Server>(node),
            ["tags", _] => fails::<Tag>(node),
            ["paths", _, method] if crate::spec::METHODS.contains(method) => fails::<Operation>(node),
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
        consider(pointer, error);
    });
    deepest
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
