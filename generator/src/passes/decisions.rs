//! Responses whose field decides the next step become a typed decision (`x-decision`).
//!
//! For `RequestCancelResponse` with `x-decision: { name: CancelDecision, by: responseType,
//! cases: [...] }` the pass emits `enum CancelDecision { Processed, Presentation,
//! Offer(PurchaseOffer), Unknown(Option<EnSubscriptionResponseType>) }` and
//! `RequestCancelResponse::decision(&self)`, so callers `match` instead of comparing strings.

use quote::{format_ident, quote};

use super::{Context, Pass, find_struct, module_items, option_inner, pass_error, wire_name};
use c2a_spec::diagnostic::Diagnostic;
use c2a_spec::doc_walk::schema_pointer;

/// Emits the decision enums and `decision()`.
pub struct Decisions;

const PASS: &str = "decisions";

impl Pass for Decisions {
    fn name(&self) -> &'static str {
        PASS
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let types = module_items(file, "types").ok_or_else(|| pass_error(PASS, "no `mod types`"))?;
        for schema in &cx.spec.extensions.schemas {
            let Some(decision) = &schema.decision else { continue };
            let component = schema.name.as_str();
            let at = format!("{}/x-decision", schema_pointer(component));
            let bad = |m: String| Diagnostic::new(&at, PASS, m);
            let (name, by) = (decision.name.as_str(), decision.by.as_str());
            let strukt = find_struct(types, component)
                .ok_or_else(|| bad(format!("`{component}` was not generated")))?;
            let field_of = |wire: &str| {
                strukt
                    .fields
                    .iter()
                    .find(|f| wire_name(f) == wire)
                    .cloned()
                    .ok_or_else(|| bad(format!("no field `{wire}`")))
            };
            let by_field = field_of(by)?;
            let by_ident = by_field.ident.clone();
            let by_ty =
                option_inner(&by_field.ty).cloned().ok_or_else(|| bad(format!("`{by}` must be optional")))?;

            let enum_name = format_ident!("{}", name);
            let mut variants = Vec::new();
            let mut arms = Vec::new();
            for case in &decision.cases {
                let value = case.value.as_str();
                let variant = format_ident!("{}", value);
                let doc = format!(" `{by}` is `{value}`.");
                match &case.carries {
                    Some(carried) => {
                        let field = field_of(carried)?;
                        let ident = field.ident.clone();
                        let ty = option_inner(&field.ty).cloned().unwrap_or(field.ty.clone());
                        variants.push(quote!(#[doc = #doc] #variant(#ty)));
                        arms.push(quote!(::std::option::Option::Some(#value) => match &self.#ident {
                            ::std::option::Option::Some(v) => #enum_name::#variant(v.clone()),
                            ::std::option::Option::None => #enum_name::Unknown(self.#by_ident.clone()),
                        }));
                    }
                    None => {
                        variants.push(quote!(#[doc = #doc] #variant));
                        arms.push(quote!(::std::option::Option::Some(#value) => #enum_name::#variant));
                    }
                }
            }
            let strukt_ident = format_ident!("{}", component);
            let enum_doc = format!(" What `{by}` of a `{component}` says to do next.");
            let fn_doc = format!(" The typed reading of `{by}`.");
            let items: syn::File = syn::parse_quote! {
                #[doc = #enum_doc]
                #[derive(Clone, Debug, PartialEq)]
                pub enum #enum_name {
                    #(#variants,)*
                    /// A value this client does not know, no value, or a case without the data it carries.
                    Unknown(::std::option::Option<#by_ty>),
                }
                impl #strukt_ident {
                    #[doc = #fn_doc]
                    pub fn decision(&self) -> #enum_name {
                        match self.#by_ident.as_ref().map(|v| v.as_str()) {
                            #(#arms,)*
                            _ => #enum_name::Unknown(self.#by_ident.clone()),
                        }
                    }
                }
            };
            types.extend(items.items);
        }
        Ok(())
    }
}
