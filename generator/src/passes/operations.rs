//! A static table of every operation's facts, for the runtime.
//!
//! Emits `pub mod operations` with one `Operation` per spec operation: id, method, path
//! template, when a retry is safe (GET, or `x-idempotency-key`), the success codes and the
//! retryable codes from `x-message-codes`. The runtime reads nothing else about an
//! operation, so no behaviour is written per operation by hand.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use serde_json::Value;

use super::{Context, Pass};
use crate::diagnostic::Diagnostic;
use crate::spec::{Operation, operations};

/// Adds `pub mod operations { pub static STORE_CUSTOMER: Operation = ...; ... }`.
pub struct Operations;

/// The constant naming an operation: `store_customer` -> `STORE_CUSTOMER`.
pub fn const_name(operation_id: &str) -> Ident {
    Ident::new(&operation_id.to_ascii_uppercase(), Span::call_site())
}

impl Pass for Operations {
    fn name(&self) -> &'static str {
        "operations"
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let ops = operations(cx.spec);
        let statics = ops.iter().map(operation_static).collect::<Result<Vec<_>, _>>()?;
        let names = ops.iter().filter_map(Operation::id).map(const_name);
        let sensitive = sensitive_fields(cx.spec);
        let module: syn::ItemMod = syn::parse_quote! {
            /// Static facts about every operation, from the spec; read by the runtime.
            pub mod operations {
                use crate::runtime::{Idempotency, Operation};

                #(#statics)*

                /// Every operation, in spec order.
                pub static ALL: &[&Operation] = &[#(&#names),*];

                /// Wire names (and their `x-aliases`) of every property the spec marks
                /// `x-sensitive`: masked wherever they appear in a recorded body.
                pub static SENSITIVE_FIELDS: &[&str] = &[#(#sensitive),*];

                /// The operation with this `operationId`.
                pub fn by_id(id: &str) -> ::std::option::Option<&'static Operation> {
                    ALL.iter().copied().find(|op| op.id == id)
                }
            }
        };
        file.items.push(syn::Item::Mod(module));
        Ok(())
    }
}

fn operation_static(op: &Operation<'_>) -> Result<TokenStream, Diagnostic> {
    let id = op.id().unwrap_or_default();
    let name = const_name(id);
    let method = op.method.to_ascii_uppercase();
    let path = op.path;
    let idempotency = idempotency(op)?;
    let codes = |wanted: &str| -> Vec<String> {
        op.value
            .get("x-message-codes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|e| e.get(wanted).and_then(Value::as_bool).unwrap_or(false))
            .filter_map(|e| e.get("code").and_then(Value::as_str).map(str::to_owned))
            .collect()
    };
    let success = codes("success");
    let retryable = codes("retryable");
    let summary = op.value.get("summary").and_then(Value::as_str).unwrap_or(id);
    let doc = format!(" `{method} {path}`: {summary}");
    Ok(quote! {
        #[doc = #doc]
        pub static #name: Operation = Operation {
            id: #id,
            method: #method,
            path: #path,
            idempotency: #idempotency,
            success_codes: &[#(#success),*],
            retryable_codes: &[#(#retryable),*],
        };
    })
}

fn idempotency(op: &Operation<'_>) -> Result<TokenStream, Diagnostic> {
    if op.method == "get" {
        return Ok(quote!(Idempotency::Safe));
    }
    let Some(key) = op.value.get("x-idempotency-key") else { return Ok(quote!(Idempotency::None)) };
    let location = key.get("in").and_then(Value::as_str);
    match (location, key.get("pointer").and_then(Value::as_str), key.get("name").and_then(Value::as_str)) {
        (Some("body"), Some(pointer), _) if pointer.starts_with('/') => {
            Ok(quote!(Idempotency::BodyKey(#pointer)))
        }
        (Some("query"), _, Some(name)) => Ok(quote!(Idempotency::QueryKey(#name))),
        _ => Err(Diagnostic::new(
            op.pointer_to("x-idempotency-key"),
            "operations",
            "`x-idempotency-key` must be `{in: body, pointer: /json/pointer}` or `{in: query, name: param}`",
        )),
    }
}

/// Every `x-sensitive` property name of every component schema, with its aliases; sorted.
fn sensitive_fields(spec: &Value) -> Vec<String> {
    fn walk(schema: &Value, out: &mut std::collections::BTreeSet<String>) {
        let Some(object) = schema.as_object() else { return };
        if let Some(properties) = object.get("properties").and_then(Value::as_object) {
            let aliases = object.get("x-aliases").and_then(Value::as_object);
            for (name, property) in properties {
                if property.get("x-sensitive").and_then(Value::as_bool) == Some(true) {
                    out.insert(name.clone());
                    if let Some(alias) = aliases.and_then(|a| a.get(name)).and_then(Value::as_str) {
                        out.insert(alias.to_owned());
                    }
                }
                walk(property, out);
            }
        }
        for key in ["items", "additionalProperties"] {
            if let Some(inner) = object.get(key) {
                walk(inner, out);
            }
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for inner in object.get(key).and_then(Value::as_array).into_iter().flatten() {
                walk(inner, out);
            }
        }
    }
    let mut out = std::collections::BTreeSet::new();
    let schemas = spec.pointer("/components/schemas").and_then(Value::as_object);
    for schema in schemas.into_iter().flat_map(|s| s.values()) {
        walk(schema, &mut out);
    }
    out.into_iter().collect()
}
