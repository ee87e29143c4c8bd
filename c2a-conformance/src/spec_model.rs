//! The spec as the engine sees it: the JSON document (from `c2a_spec::load`) and its
//! operations with their path templates. The rules about it (provenance, the response for
//! a status, parameters) are `c2a_spec`'s, never re-implemented here.

use std::path::Path;

use c2a_spec::doc_walk;
use serde_json::Value;

/// One operation of the spec.
#[derive(Clone, Debug)]
pub struct SpecOperation {
    /// `operationId`.
    pub id: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// Path template, e.g. `/c2a/offer/checkout/{trackingId}/status`.
    pub template: String,
    /// JSON pointer to the operation object (without the leading `#`).
    pub pointer: String,
}

/// The loaded spec.
#[derive(Clone, Debug)]
pub struct Spec {
    doc: Value,
    operations: Vec<SpecOperation>,
}

/// The spec could not be read or parsed.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct SpecError {
    /// The spec file.
    pub path: String,
    /// What went wrong (with `line:column` for YAML syntax errors).
    pub message: String,
}

impl Spec {
    /// Reads and parses the spec YAML.
    pub fn load(path: &Path) -> Result<Self, SpecError> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| SpecError { path: display.clone(), message: format!("cannot read: {e}") })?;
        Self::from_yaml(&text, &display)
    }

    /// Parses spec YAML text; `display` names it in errors.
    pub fn from_yaml(text: &str, display: &str) -> Result<Self, SpecError> {
        let doc = c2a_spec::load::parse_yaml(text).map_err(|d| SpecError {
            path: display.to_owned(),
            message: format!("{} {}", d.pointer, d.message).trim().to_owned(),
        })?;
        Ok(Self::from_value(doc))
    }

    /// Wraps a spec document already in JSON form (tests mutate one in memory).
    pub fn from_value(doc: Value) -> Self {
        let operations = doc_walk::operations(&doc)
            .into_iter()
            .filter_map(|op| {
                Some(SpecOperation {
                    id: op.id()?.to_owned(),
                    method: op.method.to_ascii_uppercase(),
                    template: op.path.to_owned(),
                    pointer: op.pointer(),
                })
            })
            .collect();
        Spec { doc, operations }
    }

    /// The document.
    pub fn doc(&self) -> &Value {
        &self.doc
    }

    /// Every operation with an `operationId`, in document order.
    pub fn operations(&self) -> &[SpecOperation] {
        &self.operations
    }

    /// The operation object of `op`.
    pub fn operation_value(&self, op: &SpecOperation) -> &Value {
        self.doc.pointer(&op.pointer).unwrap_or(&Value::Null)
    }

    /// The node at a pointer (`#/...` or `/...`).
    pub fn node(&self, pointer: &str) -> Option<&Value> {
        self.doc.pointer(pointer.strip_prefix('#').unwrap_or(pointer))
    }

    /// The pointer of the element at `pointer` with its `$ref`s followed (a response or a
    /// request body declared by reference to `components`), at most
    /// [`doc_walk::MAX_REF_CHAIN`] of them; `pointer` itself when it is no reference.
    pub fn resolved(&self, pointer: &str) -> String {
        let mut pointer = pointer.to_owned();
        for _ in 0..doc_walk::MAX_REF_CHAIN {
            let target = self.node(&pointer).and_then(|n| n.get("$ref")).and_then(Value::as_str);
            match target.and_then(|r| r.strip_prefix('#')) {
                Some(target) if self.node(target).is_some() => pointer = target.to_owned(),
                _ => break,
            }
        }
        pointer
    }

    /// The response object for `status` with its key, by the shared rule
    /// ([`c2a_spec::responses::for_status`]: exact code, then range, then `default`).
    pub fn response_for(&self, op: &SpecOperation, status: u16) -> Option<(&str, &Value)> {
        c2a_spec::responses::for_status(self.operation_value(op), status)
    }

    /// The response for `status` ([`response_for`](Self::response_for)) and where it is
    /// declared: its key, its pointer with a `$ref` to `components` followed, and the object
    /// there.
    pub fn declared_response(&self, op: &SpecOperation, status: u16) -> Option<(&str, String, &Value)> {
        let (key, inline) = self.response_for(op, status)?;
        let pointer = self.resolved(&format!("{}/responses/{}", op.pointer, escape(key)));
        let declared = self.node(&pointer).unwrap_or(inline);
        Some((key, pointer, declared))
    }

    /// The parameters a request to `op` carries, as `(pointer, object)`: its path item's and
    /// its own, `$ref`s followed ([`doc_walk::effective_parameters`]).
    pub fn parameters<'s>(&'s self, op: &'s SpecOperation) -> Vec<(String, &'s Value)> {
        let method = doc_walk::METHODS.into_iter().find(|m| m.eq_ignore_ascii_case(&op.method));
        let Some(method) = method else { return Vec::new() };
        let walked = doc_walk::Operation { path: &op.template, method, value: self.operation_value(op) };
        doc_walk::effective_parameters(&self.doc, &walked)
    }

    /// The `x-provenance` of the element at `pointer` (`documented`, `sample` or `inferred`),
    /// by the shared rule ([`c2a_spec::provenance::of_pointer`]).
    pub fn provenance(&self, pointer: &str) -> Option<String> {
        c2a_spec::provenance::of_pointer(&self.doc, pointer).map(|p| p.as_str().to_owned())
    }

    /// The headers `response` (a response object, or a `$ref` to one) declares by reference
    /// to a header component, as `(name, component pointer)`; the pointer is the fact key of
    /// the header.
    pub fn declared_header_components<'v>(&'v self, response: &'v Value) -> Vec<(&'v str, String)> {
        let response = doc_walk::follow(&self.doc, response);
        let headers = response.get("headers").and_then(Value::as_object);
        headers
            .into_iter()
            .flatten()
            .filter_map(|(name, header)| {
                let reference = header.get("$ref")?.as_str()?.strip_prefix('#')?;
                reference.starts_with("/components/headers/").then(|| (name.as_str(), reference.to_owned()))
            })
            .collect()
    }

    /// The operation's `x-message-codes` entry for `code`, with its index.
    pub fn message_code(&self, op: &SpecOperation, code: &str) -> Option<(usize, &Value)> {
        self.operation_value(op)
            .get("x-message-codes")?
            .as_array()?
            .iter()
            .enumerate()
            .find(|(_, c)| c.get("code").and_then(Value::as_str) == Some(code))
    }
}

/// Escapes one JSON pointer token.
pub fn escape(token: &str) -> String {
    c2a_spec::diagnostic::escape_token(token)
}
