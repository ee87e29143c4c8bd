//! Each client method's doc comment links the operation's page in the Azotte docs.
//!
//! progenitor documents a method with the spec's summary and description; the spec also
//! knows the doc page (`externalDocs.url`) and the docs' number for it (`x-doc-id`), which a
//! reader of the Rust API wants one click away.

use serde_json::Value;

use super::{Context, Pass, client_methods};
use c2a_spec::diagnostic::Diagnostic;

/// Appends `See [C2A-01-02](url).` to the docs of each `Client` method.
pub struct DocLinks;

impl Pass for DocLinks {
    fn name(&self) -> &'static str {
        "doc-links"
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let links: std::collections::BTreeMap<&str, String> = cx
            .spec
            .operations()
            .filter_map(|(op, ext)| {
                let url = op.value.pointer("/externalDocs/url").and_then(Value::as_str)?;
                let label = ext.doc_id.as_deref().unwrap_or("Azotte docs");
                Some((op.id()?, format!(" See [{label}]({url}).")))
            })
            .collect();
        for method in client_methods(file) {
            let Some(line) = links.get(method.sig.ident.to_string().as_str()) else { continue };
            method.attrs.push(syn::parse_quote!(#[doc = ""]));
            method.attrs.push(syn::parse_quote!(#[doc = #line]));
        }
        Ok(())
    }
}
