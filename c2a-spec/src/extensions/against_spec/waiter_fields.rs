//! The payload fields a waiter reads, checked against the Rust type the generated code
//! gives them (typify's choice for the property's schema), so that the `waiters` module
//! compiles:
//!
//! - `stop_when`: the field (an `Option<&T>`) is compared with `Some(&equals)`, so `T` must
//!   be `equals`'s own type: `bool` for a boolean, `i64` for an integer. A string `equals`
//!   is a `&str`, which no field type is.
//! - `delay_hint.field`: read as `u64::try_from(*field)`: an integer type `u64` converts
//!   from.
//! - the `payload` of an `action_required` acceptor with a variant: read as
//!   `field.map(Outcome::Variant)`, so the field must be an `Option` (optional or nullable).
//! - `started_by.input_from`: passed to `wait_for_<name>(impl Into<String>)`, so it must be
//!   a required string.

use serde_json::Value;

use crate::diagnostic::unescape_token;
use crate::doc_walk::{component_schema, schema_ref_name};
use crate::extensions::{AcceptorState, Waiter};

/// typify's integer types by `format`, as `(format, type, type for minimum 1, min, max)`,
/// from the most to the least restrictive (typify compares the bounds as `f64` too).
const INTEGER_FORMATS: [(&str, &str, &str, f64, f64); 10] = [
    ("int8", "i8", "NonZeroU8", i8::MIN as f64, i8::MAX as f64),
    ("uint8", "u8", "NonZeroU8", u8::MIN as f64, u8::MAX as f64),
    ("int16", "i16", "NonZeroU16", i16::MIN as f64, i16::MAX as f64),
    ("uint16", "u16", "NonZeroU16", u16::MIN as f64, u16::MAX as f64),
    ("int", "i32", "NonZeroU32", i32::MIN as f64, i32::MAX as f64),
    ("int32", "i32", "NonZeroU32", i32::MIN as f64, i32::MAX as f64),
    ("uint", "u32", "NonZeroU32", u32::MIN as f64, u32::MAX as f64),
    ("uint32", "u32", "NonZeroU32", u32::MIN as f64, u32::MAX as f64),
    ("int64", "i64", "NonZeroU64", i64::MIN as f64, i64::MAX as f64),
    ("uint64", "u64", "NonZeroU64", u64::MIN as f64, u64::MAX as f64),
];

/// The integer types `u64::try_from` takes.
const DELAY_TYPES: [&str; 9] = ["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "NonZeroU64"];

/// String formats typify turns into another type than `String`, with that type.
const NON_STRING_FORMATS: [(&str, &str); 6] = [
    ("uuid", "uuid::Uuid"),
    ("date", "chrono::NaiveDate"),
    ("date-time", "chrono::DateTime<Utc>"),
    ("ip", "std::net::IpAddr"),
    ("ipv4", "std::net::Ipv4Addr"),
    ("ipv6", "std::net::Ipv6Addr"),
];

/// The Rust type of a field, as far as these checks need it.
#[derive(Clone, Debug, PartialEq)]
enum Rust {
    Bool,
    Integer(&'static str),
    String,
    /// A generated or native type, by name.
    Named(String),
    /// Anything else (an object, a list, a number).
    Other,
}

impl Rust {
    fn of(schema: &Value) -> Self {
        if let Some(component) = schema_ref_name(schema) {
            return Self::Named(crate::rust_names::type_name(component));
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("boolean") => Self::Bool,
            Some("integer") => Self::Integer(integer_type(schema)),
            Some("string") => {
                let format = schema.get("format").and_then(Value::as_str);
                match NON_STRING_FORMATS.iter().find(|(f, _)| Some(*f) == format) {
                    Some((_, ty)) => Self::Named((*ty).to_owned()),
                    None => Self::String,
                }
            }
            _ => Self::Other,
        }
    }

    fn describe(&self) -> String {
        match self {
            Self::Bool => "a Rust `bool`".to_owned(),
            Self::Integer(ty) => format!("a Rust `{ty}`"),
            Self::String => "a Rust `String`".to_owned(),
            Self::Named(name) => format!("the Rust type `{name}`"),
            Self::Other => "neither a boolean nor an integer".to_owned(),
        }
    }
}

/// The property a pointer ends at, and whether its Rust field is an `Option`.
struct Field<'d> {
    schema: &'d Value,
    optional: bool,
}

/// Follows `pointer` from `component` down; `None` when it does not name a property (the
/// pointer check reports that).
fn field<'d>(doc: &'d Value, component: &'d str, pointer: &str) -> Option<Field<'d>> {
    let mut current = component;
    let mut found = None;
    for segment in pointer.trim_start_matches('/').split('/') {
        let segment = unescape_token(segment);
        let parent = component_schema(doc, current)?;
        let property = parent.get("properties")?.get(&segment)?;
        let required = parent
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(segment.as_str())));
        let nullable = property.get("nullable").and_then(Value::as_bool) == Some(true);
        found = Some(Field { schema: property, optional: !required || nullable });
        current = schema_ref_name(property).unwrap_or_default();
    }
    found
}

/// Problems of `waiter`'s fields in `payload` (the component a poll hands out), as
/// `(pointer suffix in the waiter, message)`.
pub(super) fn check(doc: &Value, waiter: &Waiter, payload: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(stop) = &waiter.stop_when
        && let Some(f) = field(doc, payload, &stop.field)
        && let Some(message) = stop_when(&stop.field, &Rust::of(f.schema), &stop.equals)
    {
        out.push(("/stop_when/equals".to_owned(), message));
    }
    if let Some(pointer) = &waiter.delay_hint.field
        && let Some(f) = field(doc, payload, pointer)
    {
        let rust = Rust::of(f.schema);
        if !matches!(rust, Rust::Integer(ty) if DELAY_TYPES.contains(&ty)) {
            out.push((
                "/delay_hint/field".to_owned(),
                format!(
                    "`{pointer}` becomes {}, but a delay hint is read as whole seconds: it must be an integer field",
                    rust.describe()
                ),
            ));
        }
    }
    for (i, acceptor) in waiter.acceptors.iter().enumerate() {
        if acceptor.state != AcceptorState::ActionRequired || acceptor.variant.is_none() {
            continue;
        }
        if let Some(pointer) = &acceptor.payload
            && field(doc, payload, pointer).is_some_and(|f| !f.optional)
        {
            out.push((
                format!("/acceptors/{i}/payload"),
                format!(
                    "`{pointer}` is required and not nullable, but an action_required outcome is read from an optional field (a poll without it is reported as an error); make it optional"
                ),
            ));
        }
    }
    out
}

/// A problem with `started_by.input_from` (in `payload`, the starting operation's), which
/// becomes the waiter's `String` input.
pub(super) fn input_from(doc: &Value, payload: &str, pointer: &str) -> Option<String> {
    let f = field(doc, payload, pointer)?;
    if f.optional {
        return Some(format!(
            "`{pointer}` is optional or nullable, but it becomes the waiter's input, which needs a value: make it required"
        ));
    }
    let resolved = schema_ref_name(f.schema).and_then(|c| component_schema(doc, c)).unwrap_or(f.schema);
    match Rust::of(resolved) {
        Rust::String if resolved.get("enum").is_none() => None,
        rust => Some(format!("`{pointer}` becomes {}, but the waiter's input is a string", rust.describe())),
    }
}

/// The problem of comparing a field of type `rust` with `equals`, if any.
fn stop_when(pointer: &str, rust: &Rust, equals: &Value) -> Option<String> {
    let needed = match equals {
        Value::Bool(_) => Rust::Bool,
        Value::Number(_) => Rust::Integer("i64"),
        _ => {
            return Some(format!(
                "`equals: {equals}` is a string, which the generated client cannot compare with `{pointer}` (a string field is a `String`, an enum a Rust enum); stop on a boolean or integer field"
            ));
        }
    };
    (*rust != needed).then(|| {
        format!(
            "`equals: {equals}` does not match `{pointer}`, which becomes {}; comparing them needs {} field",
            rust.describe(),
            needed.describe()
        )
    })
}

/// The integer type typify 0.8 gives an `integer` schema (its `convert_integer`): the
/// `format`'s type when the bounds fit it, else the type whose range equals the bounds,
/// else `i64`. A minimum of 1 gives a `NonZero` type. OpenAPI 3.0's boolean
/// `exclusiveMinimum`/`exclusiveMaximum` move the bound by one, as progenitor does.
fn integer_type(schema: &Value) -> &'static str {
    let number = |key: &str| schema.get(key).and_then(Value::as_f64);
    let exclusive = |key: &str| schema.get(key).and_then(Value::as_bool) == Some(true);
    let mut min = number("minimum").map(|v| if exclusive("exclusiveMinimum") { v + 1.0 } else { v });
    let mut max = number("maximum").map(|v| if exclusive("exclusiveMaximum") { v - 1.0 } else { v });
    let multiple = schema.get("multipleOf").is_some();
    if let Some(format) = schema.get("format").and_then(Value::as_str)
        && let Some((_, ty, non_zero, low, high)) = INTEGER_FORMATS.iter().find(|(f, ..)| *f == format)
    {
        if !multiple && min.is_none_or(|m| m >= *low) && max.is_none_or(|m| m <= *high) {
            return if min == Some(1.0) { non_zero } else { ty };
        }
        min = min.or(Some(*low));
        max = max.or(Some(*high));
    }
    let close = |a: f64, b: f64| (a - b).abs() <= f64::EPSILON;
    let by_range = INTEGER_FORMATS.iter().rev().find_map(|(_, ty, non_zero, low, high)| match (min, max) {
        (None, Some(max)) => close(*high, max).then_some(*ty),
        (Some(1.0), None) | (Some(1.0), Some(_)) => Some(*non_zero),
        (Some(min), None) => close(*low, min).then_some(*ty),
        (Some(min), Some(max)) => (close(*low, min) && close(*high, max)).then_some(*ty),
        (None, None) => None,
    });
    by_range.unwrap_or("i64")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integer_types_follow_typify() {
        let ty = |schema: Value| integer_type(&schema);
        assert_eq!(ty(json!({"type": "integer"})), "i64");
        assert_eq!(ty(json!({"type": "integer", "format": "int32"})), "i32");
        assert_eq!(ty(json!({"type": "integer", "format": "int64"})), "i64");
        assert_eq!(ty(json!({"type": "integer", "minimum": 0})), "u64");
        assert_eq!(ty(json!({"type": "integer", "minimum": 1})), "NonZeroU64");
        assert_eq!(ty(json!({"type": "integer", "format": "int32", "minimum": 1})), "NonZeroU32");
        assert_eq!(ty(json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true})), "NonZeroU64");
        assert_eq!(ty(json!({"type": "integer", "minimum": 0, "maximum": 255})), "u8");
        assert_eq!(ty(json!({"type": "integer", "minimum": 0, "maximum": 100})), "i64");
        assert_eq!(ty(json!({"type": "integer", "format": "uint8", "maximum": 1000})), "i64");
        assert_eq!(ty(json!({"type": "integer", "format": "int32", "multipleOf": 2})), "i32");
    }

    #[test]
    fn stop_when_needs_the_literal_s_own_type() {
        assert_eq!(stop_when("/f", &Rust::Bool, &json!(false)), None);
        assert_eq!(stop_when("/f", &Rust::Integer("i64"), &json!(0)), None);
        assert!(stop_when("/f", &Rust::Integer("i32"), &json!(0)).is_some());
        assert!(stop_when("/f", &Rust::Integer("i64"), &json!(false)).is_some());
        assert!(stop_when("/f", &Rust::String, &json!("done")).is_some());
        assert!(stop_when("/f", &Rust::Named("Flag".into()), &json!(true)).is_some());
    }
}
