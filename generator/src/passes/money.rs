//! Amounts paired with a currency (`x-money`) can be read as one `Money` value.
//!
//! For each component with `x-money: { amount: <field>, currency: <field> }` the pass adds
//! `fn money(&self) -> Option<c2a_runtime::money::Money>`, present when both halves are. The
//! amount is already `c2a_runtime::money::Milpieces` (progenitor replaces the spec's component).

use quote::quote;

use super::{Context, Pass, find_struct, module_items, option_inner, pass_error, wire_name};
use c2a_spec::diagnostic::Diagnostic;

/// Adds `money()` to the `x-money` pairs.
pub struct Money;

const PASS: &str = "money";

impl Pass for Money {
    fn name(&self) -> &'static str {
        PASS
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let types =
            module_items(file, "types").ok_or_else(|| pass_error(PASS, "no `mod types` in the output"))?;
        for schema in &cx.spec.extensions.schemas {
            let Some(pair) = &schema.money else { continue };
            let (name, amount, currency) =
                (schema.name.as_str(), pair.amount.as_str(), pair.currency.as_str());
            let strukt = find_struct(types, name)
                .ok_or_else(|| pass_error(PASS, format!("type `{name}` with x-money was not generated")))?;
            let field = |wire: &str| {
                strukt.fields.iter().find(|f| wire_name(f) == wire).ok_or_else(|| {
                    pass_error(PASS, format!("`{name}` has no field `{wire}` named in x-money"))
                })
            };
            let (amount, currency) = (field(amount)?, field(currency)?);
            let (amount_ident, currency_ident) = (&amount.ident, &currency.ident);
            let amount_expr = match option_inner(&amount.ty) {
                Some(_) => quote!(self.#amount_ident?),
                None => quote!(self.#amount_ident),
            };
            let currency_expr = match option_inner(&currency.ty) {
                Some(_) => quote!(self.#currency_ident.clone()?),
                None => quote!(self.#currency_ident.clone()),
            };
            let ident = strukt.ident.clone();
            let imp: syn::Item = syn::parse_quote! {
                impl #ident {
                    /// The amount with its currency, when both are present.
                    pub fn money(&self) -> ::std::option::Option<c2a_runtime::money::Money> {
                        ::std::option::Option::Some(c2a_runtime::money::Money::new(#amount_expr, #currency_expr))
                    }
                }
            };
            types.push(imp);
        }
        Ok(())
    }
}
