//! Every string enum accepts values it does not know, and round-trips them unchanged.
//!
//! typify's enums are closed: a value the server adds later fails to deserialize and takes
//! the whole response down with it. This pass rewrites every unit-only enum of `mod types`
//! (the spec's `En*` enums and the `MessageCode` enum that lowering adds) with an extra
//! `Unknown(String)` variant, `as_str`, `Display`, infallible `FromStr`/`From<&str>`, and
//! serde impls that go through the wire string. The wire strings come from typify's own
//! `Display` impl, so the mapping is exactly typify's. `MessageCode` variants are
//! documented with the meanings recorded in `x-message-codes`.

use proc_macro2::Ident;
use quote::{ToTokens, format_ident, quote};

use super::{Context, Pass, module_items, pass_error, remove_derive, type_name};
use crate::lower::message_codes::MESSAGE_CODE_SCHEMA;
use c2a_spec::diagnostic::Diagnostic;

/// Opens every string enum with an `Unknown(String)` variant.
pub struct OpenEnums;

const PASS: &str = "open-enums";

/// Traits whose typify impls are replaced.
const REPLACED_TRAITS: [&str; 3] = ["Display", "FromStr", "TryFrom"];

impl Pass for OpenEnums {
    fn name(&self) -> &'static str {
        PASS
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let items =
            module_items(file, "types").ok_or_else(|| pass_error(PASS, "no `mod types` in the output"))?;
        // One pass to find the enums to open and read their wire values from typify's
        // `Display` impls, one pass to rebuild the module: linear in the number of items.
        let open: std::collections::BTreeSet<String> = items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Enum(e) if e.variants.iter().all(|v| matches!(v.fields, syn::Fields::Unit)) => {
                    Some(e.ident.to_string())
                }
                _ => None,
            })
            .collect();
        let mut wire: std::collections::BTreeMap<String, Vec<(Ident, String)>> =
            std::collections::BTreeMap::new();
        for item in items.iter() {
            if let syn::Item::Impl(imp) = item
                && let Some(name) = type_name(&imp.self_ty).filter(|n| open.contains(n))
                && impl_trait(imp) == Some("Display".to_owned())
            {
                wire.insert(name, wire_values(imp));
            }
        }
        let mut rebuilt = Vec::with_capacity(items.len() + open.len() * 8);
        for item in std::mem::take(items) {
            match item {
                syn::Item::Enum(mut e) if open.contains(&e.ident.to_string()) => {
                    let name = e.ident.to_string();
                    let values = wire.get(&name).filter(|v| !v.is_empty()).ok_or_else(|| {
                        pass_error(
                            PASS,
                            format!("enum `{name}` has no Display impl to read its wire values from"),
                        )
                    })?;
                    open_enum(&mut e, values, (name == MESSAGE_CODE_SCHEMA).then_some(cx))?;
                    let impls = impls_for(&e.ident, values);
                    rebuilt.push(syn::Item::Enum(e));
                    rebuilt.extend(impls);
                }
                syn::Item::Impl(imp) if is_replaced_impl(&imp, &open) => {}
                other => rebuilt.push(other),
            }
        }
        *items = rebuilt;
        Ok(())
    }
}

/// `(variant, wire string)` from typify's `impl Display for Name`.
fn wire_values(display: &syn::ItemImpl) -> Vec<(Ident, String)> {
    let mut values = Vec::new();
    syn::visit::Visit::visit_item_impl(&mut CollectArms(&mut values), display);
    values
}

struct CollectArms<'a>(&'a mut Vec<(Ident, String)>);

impl syn::visit::Visit<'_> for CollectArms<'_> {
    fn visit_arm(&mut self, arm: &syn::Arm) {
        let variant = match &arm.pat {
            syn::Pat::Path(p) => p.path.segments.last().map(|s| s.ident.clone()),
            _ => None,
        };
        let literal = match arm.body.as_ref() {
            syn::Expr::MethodCall(call) if call.method == "write_str" => match call.args.first() {
                Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })) => Some(s.value()),
                _ => None,
            },
            _ => None,
        };
        if let (Some(variant), Some(literal)) = (variant, literal) {
            self.0.push((variant, literal));
        }
    }
}

/// The last segment of the trait an impl implements.
fn impl_trait(imp: &syn::ItemImpl) -> Option<String> {
    imp.trait_.as_ref().and_then(|(_, path, _)| path.segments.last()).map(|s| s.ident.to_string())
}

/// A typify impl of `Display`, `FromStr` or `TryFrom` for one of the enums being opened.
fn is_replaced_impl(imp: &syn::ItemImpl, open: &std::collections::BTreeSet<String>) -> bool {
    type_name(&imp.self_ty).is_some_and(|n| open.contains(&n))
        && impl_trait(imp).is_some_and(|t| REPLACED_TRAITS.contains(&t.as_str()))
}

fn open_enum(
    item: &mut syn::ItemEnum,
    wire: &[(Ident, String)],
    codes: Option<&Context<'_>>,
) -> Result<(), Diagnostic> {
    remove_derive(&mut item.attrs, "Copy");
    remove_derive(&mut item.attrs, "Serialize");
    remove_derive(&mut item.attrs, "Deserialize");
    item.attrs.retain(|a| !a.path().is_ident("serde"));
    if let Some(cx) = codes {
        for variant in &mut item.variants {
            let Some((_, code)) = wire.iter().find(|(v, _)| *v == variant.ident) else { continue };
            let meanings = cx.notes.message_codes.get(code).map(Vec::as_slice).unwrap_or_default();
            let docs: Vec<String> = match meanings {
                [(_, only)] => vec![format!(" `{code}`: {only}")],
                many => std::iter::once(format!(" `{code}`:"))
                    .chain(many.iter().map(|(op, meaning)| format!(" - `{op}`: {meaning}")))
                    .collect(),
            };
            variant.attrs.retain(|a| !a.path().is_ident("doc"));
            for (i, line) in docs.iter().enumerate() {
                if i == 1 {
                    variant.attrs.push(syn::parse_quote!(#[doc = ""]));
                }
                variant.attrs.push(syn::parse_quote!(#[doc = #line]));
            }
        }
    }
    for variant in &mut item.variants {
        variant.attrs.retain(|a| !a.path().is_ident("serde"));
    }
    if item.variants.iter().any(|v| v.ident == "Unknown") {
        return Err(pass_error(PASS, format!("`{}` already has a variant named Unknown", item.ident)));
    }
    item.variants.push(syn::parse_quote! {
        /// A value this version of the client does not know, kept exactly as received.
        Unknown(::std::string::String)
    });
    Ok(())
}

fn impls_for(name: &Ident, wire: &[(Ident, String)]) -> Vec<syn::Item> {
    let variants: Vec<&Ident> = wire.iter().map(|(v, _)| v).collect();
    let strings: Vec<&String> = wire.iter().map(|(_, s)| s).collect();
    let visitor = format_ident!("{}Visitor", name);
    let expecting = format!("a {name} string");
    let file: syn::File = syn::parse_quote! {
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #strings,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
            /// Whether the value is one the spec does not list.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#strings => Self::#variants,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }
        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #(#strings => Self::#variants,)*
                    _ => Self::Unknown(value),
                }
            }
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct #visitor;
                impl ::serde::de::Visitor<'_> for #visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<#name, E> {
                        Ok(#name::from(value))
                    }
                    fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<#name, E> {
                        Ok(#name::from(value))
                    }
                }
                deserializer.deserialize_str(#visitor)
            }
        }
    };
    let _ = quote!(#name).to_token_stream();
    file.items
}
