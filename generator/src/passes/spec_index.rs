//! A static index of the spec's component schemas, for errors and drift reports at run time.
//!
//! Emits `pub mod spec_index` with one `SchemaInfo` per component schema (sorted by name):
//! its JSON pointer, its provenance (`x-provenance.source`), its enum values, and per
//! property the wire name, the property's pointer, its provenance (`sample` / `inferred`
//! when `x-provenance` lists it, else `documented`) and the component it refers to. The
//! runtime walks it along a JSON path only after a decode has failed (or when a drift
//! subscriber listens), so the success path pays nothing.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::{Context, Pass};
use c2a_spec::CheckedSpec;
use c2a_spec::diagnostic::{Diagnostic, escape_token};
use c2a_spec::extensions::{Provenance, SchemaProvenance};
use c2a_spec::doc_walk::{SCHEMA_REF_PREFIX, component_schemas, schema_pointer, schema_ref_name};

/// Adds `pub mod spec_index { pub static SCHEMAS: &[SchemaInfo] = ...; }`.
pub struct SpecIndex;

impl Pass for SpecIndex {
    fn name(&self) -> &'static str {
        "spec-index"
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let mut schemas = component_schemas(&cx.spec.doc);
        schemas.sort_by_key(|(name, _)| *name);
        let infos = schemas.iter().map(|(name, schema)| schema_info(cx.spec, name, schema));
        let module: syn::ItemMod = syn::parse_quote! {
            /// Every component schema of the spec with its pointer and provenance, sorted by
            /// name; read by the runtime to locate decode errors and drift in the spec.
            pub mod spec_index {
                use crate::runtime::{FieldInfo, SchemaInfo};

                /// The component schemas, sorted by name.
                pub static SCHEMAS: &[SchemaInfo] = &[#(#infos),*];
            }
        };
        file.items.push(syn::Item::Mod(module));
        Ok(())
    }
}

fn schema_info(spec: &CheckedSpec, name: &str, schema: &Value) -> TokenStream {
    let pointer = format!("#{}", schema_pointer(name));
    let provenance = provenance_of(spec, name).map_or(Provenance::Documented, |p| p.source).as_str();
    let values: Vec<&str> = schema
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut fields = Vec::new();
    collect_fields(spec, name, schema, &mut fields, 0);
    let fields = fields.iter().map(|f| {
        let (wire, pointer, provenance) = (&f.wire, &f.pointer, &f.provenance);
        let target = match &f.schema {
            Some(s) => quote!(::std::option::Option::Some(#s)),
            None => quote!(::std::option::Option::None),
        };
        quote!(FieldInfo { wire: #wire, pointer: #pointer, provenance: #provenance, schema: #target })
    });
    quote! {
        SchemaInfo { name: #name, pointer: #pointer, provenance: #provenance, values: &[#(#values),*], fields: &[#(#fields),*] }
    }
}

struct Field {
    wire: String,
    pointer: String,
    provenance: &'static str,
    schema: Option<String>,
}

fn provenance_of<'a>(spec: &'a CheckedSpec, component: &str) -> Option<&'a SchemaProvenance> {
    spec.extensions.schema(component).and_then(|s| s.provenance.as_ref())
}

/// The properties of `schema`, part of component `name`, with those of the components its
/// `allOf` names (each located in the component that declares it). `depth` bounds reference
/// cycles.
fn collect_fields(spec: &CheckedSpec, name: &str, schema: &Value, out: &mut Vec<Field>, depth: usize) {
    if depth > 16 {
        return;
    }
    for (wire, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
        if out.iter().any(|f| &f.wire == wire) {
            continue;
        }
        let provenance = Provenance::of_field(provenance_of(spec, name), wire).as_str();
        let pointer = format!("#{}/properties/{}", schema_pointer(name), escape_token(wire));
        let target = schema_ref_name(property)
            .or_else(|| property.get("items").and_then(schema_ref_name))
            .map(str::to_owned);
        out.push(Field { wire: wire.clone(), pointer, provenance, schema: target });
    }
    for member in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        match member.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix(SCHEMA_REF_PREFIX)) {
            Some(other) => {
                if let Some(target) = spec.doc.pointer(&schema_pointer(other)) {
                    collect_fields(spec, other, target, out, depth + 1);
                }
            }
            None => collect_fields(spec, name, member, out, depth + 1),
        }
    }
}
