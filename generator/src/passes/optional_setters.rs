//! Optional fields of the type builders take values as easily as required ones.
//!
//! typify's builder setter for an optional field wants `T: TryInto<Option<X>>`, so a caller
//! writes `.correlation_id("x".to_owned())` and, for a nested struct, `.customer(builder
//! .try_into()?)`, where a required field takes `"x"` or a builder directly. This pass turns
//! every such setter into `T: TryInto<X>` storing `Some(value)`, exactly like the required
//! setters: `&str`, `String`, a nested builder and a finished value all work. (Leaving a
//! field unset keeps it `None`.)

use quote::ToTokens;

use super::{Context, Pass, module_items, option_inner, pass_error, submodule_items};
use c2a_spec::diagnostic::Diagnostic;

/// Rewrites `TryInto<Option<X>>` setters of `types::builder` to `TryInto<X>`.
pub struct OptionalSetters;

const PASS: &str = "optional-setters";

impl Pass for OptionalSetters {
    fn name(&self) -> &'static str {
        PASS
    }

    fn run(&self, file: &mut syn::File, _: &Context<'_>) -> Result<(), Diagnostic> {
        let types =
            module_items(file, "types").ok_or_else(|| pass_error(PASS, "no `mod types` in the output"))?;
        let Some(builders) = submodule_items(types, "builder") else { return Ok(()) };
        for item in builders.iter_mut() {
            let syn::Item::Impl(imp) = item else { continue };
            for impl_item in &mut imp.items {
                if let syn::ImplItem::Fn(setter) = impl_item {
                    rewrite(setter);
                }
            }
        }
        Ok(())
    }
}

/// `fn f<T>(mut self, value: T) -> Self where T: TryInto<Option<X>>, T::Error: Display`
/// becomes the same with `T: TryInto<X>` and `Some` around the converted value.
fn rewrite(setter: &mut syn::ImplItemFn) {
    let Some(where_clause) = &mut setter.sig.generics.where_clause else { return };
    let mut optional = false;
    for predicate in &mut where_clause.predicates {
        let syn::WherePredicate::Type(bound) = predicate else { continue };
        if bound.bounded_ty.to_token_stream().to_string() != "T" {
            continue;
        }
        for trait_bound in &mut bound.bounds {
            let syn::TypeParamBound::Trait(trait_bound) = trait_bound else { continue };
            let Some(last) = trait_bound.path.segments.last_mut() else { continue };
            if last.ident != "TryInto" {
                continue;
            }
            let syn::PathArguments::AngleBracketed(args) = &mut last.arguments else { continue };
            let Some(syn::GenericArgument::Type(target)) = args.args.first_mut() else { continue };
            if let Some(inner) = option_inner(target).cloned() {
                *target = inner;
                optional = true;
            }
        }
    }
    if !optional {
        return;
    }
    let field = &setter.sig.ident;
    let message = format!("error converting supplied value for {field}: {{e}}");
    setter.block = syn::parse_quote!({
        self.#field = value
            .try_into()
            .map(::std::option::Option::Some)
            .map_err(|e| format!(#message));
        self
    });
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    use super::*;

    fn setter(bound: &str) -> syn::ImplItemFn {
        let bound: syn::Type = syn::parse_str(bound).expect("type");
        syn::parse_quote! {
            pub fn correlation_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<#bound>,
                T::Error: ::std::fmt::Display,
            {
                self.correlation_id = value.try_into().map_err(|e| format!("error converting supplied value for correlation_id: {e}"));
                self
            }
        }
    }

    #[test]
    fn an_optional_setter_takes_the_inner_type_and_stores_some() {
        let mut optional = setter("::std::option::Option<::std::string::String>");
        rewrite(&mut optional);
        let text = optional.to_token_stream().to_string().replace(' ', "");
        assert!(text.contains("T:::std::convert::TryInto<::std::string::String>"), "{text}");
        assert!(text.contains(".try_into().map(::std::option::Option::Some).map_err("), "{text}");
    }

    #[test]
    fn a_required_setter_is_left_alone() {
        let mut required = setter("::std::string::String");
        let before = required.to_token_stream().to_string();
        rewrite(&mut required);
        assert_eq!(required.to_token_stream().to_string(), before);
    }
}
