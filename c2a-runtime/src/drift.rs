//! Drift that does not fail a call, reported as `tracing` events under [`DRIFT_TARGET`].
//!
//! After a successful decode, and only when a subscriber listens to that target, the body is
//! compared with the spec (the schema index of the API's [`ApiTable`](crate::ApiTable)): fields the spec does not know, enum
//! values it does not list, and message codes it does not list. Each event carries the
//! operation, the JSON path and the kind; the value only for enum values and message codes:
//! never a field's value, never a value under an `x-sensitive` name. With no subscriber on
//! the target, the cost is one check of tracing's cached interest.

use serde_json::Value;

use crate::api::ApiTable;
use crate::spec_index::SchemaInfo;

/// The `tracing` target of drift events. Enable it at `INFO` (e.g. `c2a::drift=info`).
pub const DRIFT_TARGET: &str = "c2a::drift";

/// Whether a subscriber listens for drift events.
pub(crate) fn enabled() -> bool {
    tracing::enabled!(target: DRIFT_TARGET, tracing::Level::INFO)
}

/// Reports the drift of a decoded `body` of `operation` whose envelope is component `root`.
pub(crate) fn report(
    api: &'static ApiTable,
    operation: &'static str,
    root: &str,
    body: &[u8],
    unknown_code: Option<&str>,
) {
    if let Some(code) = unknown_code {
        tracing::info!(target: DRIFT_TARGET, operation, path = "status.messageCode", kind = "unknown_message_code", value = code, "c2a drift");
    }
    let (Ok(value), Some(root)) = (serde_json::from_slice::<Value>(body), api.schema(root)) else { return };
    let mut path = String::new();
    Walker { api, operation }.walk(root, &value, &mut path, false);
}

/// One drift report: the API and the operation its events name.
struct Walker {
    api: &'static ApiTable,
    operation: &'static str,
}

impl Walker {
    /// Reports the drift in `value` (at `path`, of schema `schema_info`); `sensitive` when it
    /// sits under an `x-sensitive` field, whose values are never logged.
    fn walk(&self, schema_info: &'static SchemaInfo, value: &Value, path: &mut String, sensitive: bool) {
        let operation = self.operation;
        match value {
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{index}]"));
                    self.walk(schema_info, item, path, sensitive);
                    path.truncate(len);
                }
            }
            Value::String(text)
                if !schema_info.values.is_empty() && !schema_info.values.iter().any(|v| v == text) =>
            {
                let value = if sensitive { crate::record::REDACTED } else { text.as_str() };
                tracing::info!(target: DRIFT_TARGET, operation, path = path.as_str(), kind = "unknown_enum_value", value, schema = schema_info.pointer.as_str(), "c2a drift");
            }
            Value::Object(object) if !schema_info.fields.is_empty() => {
                for (name, child) in object {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                    match schema_info.fields.iter().find(|f| f.wire == *name) {
                        None => {
                            tracing::info!(target: DRIFT_TARGET, operation, path = path.as_str(), kind = "unknown_field", schema = schema_info.pointer.as_str(), "c2a drift");
                        }
                        Some(field) => {
                            if let Some(inner) =
                                field.schema.as_deref().and_then(|name| self.api.schema(name))
                            {
                                let under = sensitive || self.api.sensitive_fields.contains(&name.as_str());
                                self.walk(inner, child, path, under);
                            }
                        }
                    }
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing_subscriber::layer::{Context, SubscriberExt};

    use super::{DRIFT_TARGET, report};
    use crate::api::ApiTable;
    use crate::operation::Operation;

    /// `Card.cardBrands` (x-sensitive) and `Card.brand` both refer to the enum `Brand`.
    static INDEX: &str = r##"[
        ["Brand", "#/components/schemas/Brand", "inferred", ["VISA"], []],
        ["Card", "#/components/schemas/Card", "inferred", [], [
            ["cardBrands", "#/components/schemas/Card/properties/cardBrands", "inferred", "Brand"],
            ["brand", "#/components/schemas/Card/properties/brand", "inferred", "Brand"]]]
    ]"##;
    static OPERATIONS: [&Operation; 0] = [];
    static API: ApiTable = ApiTable::new(&OPERATIONS, &["cardBrands"], INDEX, |_| None);

    /// `(path, value)` of every unknown-enum-value event.
    #[derive(Clone, Default)]
    struct Values(Arc<Mutex<Vec<(String, String)>>>);

    #[derive(Default)]
    struct Event {
        path: String,
        value: String,
    }

    impl Visit for Event {
        fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
        fn record_str(&mut self, field: &Field, value: &str) {
            match field.name() {
                "path" => self.path = value.to_owned(),
                "value" => self.value = value.to_owned(),
                _ => {}
            }
        }
    }

    impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Values {
        fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
            if event.metadata().target() == DRIFT_TARGET {
                let mut fields = Event::default();
                event.record(&mut fields);
                self.0.lock().expect("lock").push((fields.path, fields.value));
            }
        }
    }

    #[test]
    fn values_under_a_sensitive_field_are_redacted_in_arrays_too() {
        let values = Values::default();
        let subscriber = tracing_subscriber::registry().with(values.clone());
        let body = br#"{"cardBrands":["SECRET-BRAND"],"brand":"OTHER"}"#;
        tracing::subscriber::with_default(subscriber, || report(&API, "op", "Card", body, None));
        let seen = values.0.lock().expect("lock").clone();
        assert_eq!(
            seen,
            [
                ("cardBrands[0]".to_owned(), crate::record::REDACTED.to_owned()),
                ("brand".to_owned(), "OTHER".to_owned())
            ]
        );
    }
}
