//! Card data and secrets never reach `Debug` output.
//!
//! For every component with properties marked `x-sensitive: true`, the generated struct and
//! its typify builder lose the derived `Debug` and get one that prints `[redacted]` for
//! those fields. Everything that formats a request with `{:?}` (progenitor's request
//! builders, a caller's log line) goes through these impls.

use std::collections::BTreeSet;

use quote::format_ident;

use super::{
    Context, Pass, find_struct, module_items, pass_error, remove_derive, submodule_items, wire_name,
};
use c2a_spec::diagnostic::Diagnostic;

/// Replaces derived `Debug` with a redacting one where the spec marks fields sensitive.
pub struct Redaction;

const PASS: &str = "redaction";

impl Pass for Redaction {
    fn name(&self) -> &'static str {
        PASS
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let types =
            module_items(file, "types").ok_or_else(|| pass_error(PASS, "no `mod types` in the output"))?;
        for schema in &cx.spec.extensions.schemas {
            let name = schema.name.as_str();
            let sensitive: BTreeSet<&str> = schema.sensitive.iter().map(String::as_str).collect();
            if sensitive.is_empty() {
                continue;
            }
            let strukt = find_struct(types, name).ok_or_else(|| {
                pass_error(PASS, format!("type `{name}` with sensitive fields was not generated"))
            })?;
            let secret_fields: BTreeSet<String> = strukt
                .fields
                .iter()
                .filter(|f| sensitive.contains(wire_name(f).as_str()))
                .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
                .collect();
            if secret_fields.len() != sensitive.len() {
                return Err(pass_error(
                    PASS,
                    format!("not every sensitive property of `{name}` became a field"),
                ));
            }
            let imp = redact(strukt, &secret_fields);
            types.push(imp);
            if let Some(builders) = submodule_items(types, "builder")
                && let Some(builder) = find_struct(builders, name)
            {
                let imp = redact(builder, &secret_fields);
                builders.push(imp);
            }
        }
        Ok(())
    }
}

/// Drops `derive(Debug)` from `strukt` and returns a `Debug` impl hiding `secret_fields`.
fn redact(strukt: &mut syn::ItemStruct, secret_fields: &BTreeSet<String>) -> syn::Item {
    remove_derive(&mut strukt.attrs, "Debug");
    let name = &strukt.ident;
    let label = name.to_string();
    let fields = strukt.fields.iter().filter_map(|f| f.ident.as_ref()).map(|ident| {
        let key = ident.to_string();
        if secret_fields.contains(&key) {
            quote::quote!(.field(#key, &format_args!("[redacted]")))
        } else {
            let field = format_ident!("{}", ident);
            quote::quote!(.field(#key, &self.#field))
        }
    });
    syn::parse_quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#fields)* .finish()
            }
        }
    }
}
