//! A static table of every operation's facts, for the runtime.
//!
//! Emits `pub mod operations` with one `Operation` per spec operation: id, method, path
//! template, when a retry is safe (GET, or `x-idempotency-key`), the success codes and the
//! retryable codes from `x-message-codes`; and `API`, the runtime's `ApiTable`: every
//! operation, the `x-sensitive` fields, the schema index (`spec_index`) and how to read a
//! message code. The runtime reads nothing else about an operation, so no behaviour is
//! written per operation by hand.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use serde_json::Value;

use super::{Context, Pass, status_type};
use c2a_spec::diagnostic::Diagnostic;
use c2a_spec::doc_walk::Operation;
use c2a_spec::extensions::{Extensions, IdempotencyKey, OperationExtensions};

/// Adds `pub mod operations { pub static STORE_CUSTOMER: Operation = ...; ...; pub static API: ApiTable = ...; }`.
pub struct Operations;

/// The static naming an operation (`c2a_spec::rust_names::operation_static`):
/// `store_customer` -> `STORE_CUSTOMER`.
pub fn const_name(operation_id: &str) -> Ident {
    Ident::new(&c2a_spec::rust_names::operation_static(operation_id), Span::call_site())
}

impl Pass for Operations {
    fn name(&self) -> &'static str {
        "operations"
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let statics: Vec<TokenStream> =
            cx.spec.operations().map(|(op, ext)| operation_static(&op, ext)).collect();
        let names = cx.spec.extensions.operations.iter().map(|op| const_name(&op.id));
        let sensitive = sensitive_fields(&cx.spec.extensions);
        let status = status_type();
        let module: syn::ItemMod = syn::parse_quote! {
            /// Static facts about every operation, from the spec; read by the runtime.
            pub mod operations {
                use c2a_runtime::{ApiTable, Idempotency, Operation};

                #(#statics)*

                /// The API's facts for the runtime: every operation in spec order, the wire
                /// names (and their `x-aliases`) of every property the spec marks
                /// `x-sensitive` (masked wherever they appear in a recorded body), the schema
                /// index, and how to read an envelope's message code.
                pub static API: ApiTable = ApiTable::new(
                    &[#(&#names),*],
                    &[#(#sensitive),*],
                    super::spec_index::SCHEMAS_JSON,
                    c2a_runtime::message_code_of::<super::types::#status>,
                );
            }
        };
        file.items.push(syn::Item::Mod(module));
        Ok(())
    }
}

fn operation_static(op: &Operation<'_>, ext: &OperationExtensions) -> TokenStream {
    let id = op.id().unwrap_or_default();
    let name = const_name(id);
    let method = op.method.to_ascii_uppercase();
    let path = op.path;
    let idempotency = idempotency(op, ext);
    let success: Vec<&str> = ext.message_codes.success_codes().collect();
    let retryable: Vec<&str> = ext.message_codes.retryable_codes().collect();
    let summary = op.value.get("summary").and_then(Value::as_str).unwrap_or(id);
    let doc = format!(" `{method} {path}`: {summary}");
    quote! {
        #[doc = #doc]
        pub static #name: Operation = Operation {
            api: &API,
            id: #id,
            method: #method,
            path: #path,
            idempotency: #idempotency,
            success_codes: &[#(#success),*],
            retryable_codes: &[#(#retryable),*],
        };
    }
}

fn idempotency(op: &Operation<'_>, ext: &OperationExtensions) -> TokenStream {
    if op.method == "get" {
        return quote!(Idempotency::Safe);
    }
    match &ext.idempotency_key {
        None => quote!(Idempotency::None),
        Some(IdempotencyKey::Body { pointer }) => quote!(Idempotency::BodyKey(#pointer)),
        Some(IdempotencyKey::Query { name }) => quote!(Idempotency::QueryKey(#name)),
    }
}

/// Every `x-sensitive` property name of every component schema, with its aliases; sorted.
fn sensitive_fields(extensions: &Extensions) -> Vec<String> {
    let mut names = std::collections::BTreeSet::new();
    for schema in &extensions.schemas {
        for field in &schema.sensitive {
            names.insert(field.clone());
            let aliases = schema.aliases.0.iter().filter(|(name, _)| name == field);
            names.extend(aliases.map(|(_, alias)| alias.clone()));
        }
    }
    names.into_iter().collect()
}
