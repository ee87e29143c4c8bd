//! A static index of the spec's component schemas, for errors and drift reports at run time.
//!
//! Emits `pub mod spec_index` with one JSON string, `SCHEMAS_JSON`: an array with one entry
//! per component schema (sorted by name): its name, JSON pointer, provenance
//! (`x-provenance.source`), enum values, and per property the wire name, the property's
//! pointer, its provenance (`sample` / `inferred` when `x-provenance` lists it, else
//! `documented`) and the component it refers to. Each entry is an array in the field order
//! of the runtime's `SchemaInfo` / `FieldInfo`, one schema per line.
//!
//! Data rather than code: a string literal costs the compiler next to nothing, where the
//! same index as struct literals was some 1,650 lines to type-check and const-evaluate. The
//! runtime parses it once, lazily, only after a decode has failed (or when a drift
//! subscriber listens), so the success path pays nothing.

use serde_json::{Value, json};

use super::{Context, Pass};
use c2a_spec::CheckedSpec;
use c2a_spec::diagnostic::{Diagnostic, escape_token};
use c2a_spec::doc_walk::{SCHEMA_REF_PREFIX, component_schemas, schema_pointer, schema_ref_name};
use c2a_spec::extensions::{Provenance, SchemaProvenance};

/// Adds `pub mod spec_index { pub const SCHEMAS_JSON: &str = r#"[...]"#; }`.
pub struct SpecIndex;

impl Pass for SpecIndex {
    fn name(&self) -> &'static str {
        "spec-index"
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let mut schemas = component_schemas(&cx.spec.doc);
        schemas.sort_by_key(|(name, _)| *name);
        let entries: Vec<String> =
            schemas.iter().map(|(name, schema)| schema_info(cx.spec, name, schema).to_string()).collect();
        let json = raw_string(&format!("[\n{}\n]", entries.join(",\n")));
        let module: syn::ItemMod = syn::parse_quote! {
            /// Every component schema of the spec with its pointer and provenance, sorted by
            /// name; read by the runtime to locate decode errors and drift in the spec.
            pub mod spec_index {
                /// The component schemas, sorted by name, as a JSON array: per schema
                /// `[name, pointer, provenance, [enum values], [[wire, pointer, provenance,
                /// component or null], ...]]` (the fields of `c2a_runtime::SchemaInfo`).
                pub const SCHEMAS_JSON: &str = #json;
            }
        };
        file.items.push(syn::Item::Mod(module));
        Ok(())
    }
}

/// `text` as a raw string literal, with enough `#`s that nothing in it ends the literal.
fn raw_string(text: &str) -> syn::Lit {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let literal: proc_macro2::Literal =
        format!("r{hashes}\"{text}\"{hashes}").parse().expect("a raw string literal is a literal");
    syn::Lit::new(literal)
}

/// One schema's entry: `[name, pointer, provenance, values, fields]`.
fn schema_info(spec: &CheckedSpec, name: &str, schema: &Value) -> Value {
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
    let fields: Vec<Value> =
        fields.iter().map(|f| json!([f.wire, f.pointer, f.provenance, f.schema])).collect();
    json!([name, pointer, provenance, values, fields])
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

#[cfg(test)]
mod tests {
    use super::raw_string;
    use quote::ToTokens;

    #[test]
    fn the_raw_string_outlasts_every_quote_and_hash_in_its_text() {
        let text = r###"["#/a","say \"##hi\""]"###;
        let lit = raw_string(text);
        assert_eq!(lit.to_token_stream().to_string(), format!("r###\"{text}\"###"));
        let syn::Lit::Str(parsed) =
            syn::parse_str::<syn::Lit>(&lit.to_token_stream().to_string()).expect("lit")
        else {
            panic!("a string literal")
        };
        assert_eq!(parsed.value(), text);
    }
}
