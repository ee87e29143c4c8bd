//! The `## Types` half of the report: each struct or enum of `mod types` with its fields or
//! variants, and Rust types written compactly.

use std::collections::BTreeMap;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

pub(super) struct TypeSurface {
    pub(super) name: String,
    pub(super) kind: String,
    /// Column titles: `Field | Rust type | JSON name` or `Variant | Payload | JSON value`.
    pub(super) columns: &'static str,
    pub(super) rows: Vec<Row>,
}

pub(super) struct Row {
    pub(super) name: String,
    pub(super) ty: String,
    pub(super) wire: String,
}

const STRUCT_COLUMNS: &str = "Field | Rust type | JSON name";
const ENUM_COLUMNS: &str = "Variant | Payload | JSON value";

/// One struct or enum of `mod types` (not its `builder` or `error` modules); `impls` are the
/// impls of `mod types` by type name, which give enum variants their wire strings.
pub(super) fn type_surface(
    item: &syn::Item,
    impls: &BTreeMap<String, Vec<&syn::ItemImpl>>,
) -> Option<TypeSurface> {
    match item {
        syn::Item::Struct(s) => {
            let kind = match &s.fields {
                syn::Fields::Unnamed(_) => "newtype struct",
                _ => "struct",
            };
            let rows = s
                .fields
                .iter()
                .enumerate()
                .map(|(i, field)| {
                    let name = field.ident.as_ref().map_or_else(|| i.to_string(), ToString::to_string);
                    let wire = match &field.ident {
                        Some(ident) => serde_rename(&field.attrs).unwrap_or_else(|| ident.to_string()),
                        None => String::new(),
                    };
                    Row { name, ty: type_string(&field.ty), wire }
                })
                .collect();
            Some(TypeSurface {
                name: s.ident.to_string(),
                kind: with_attrs(kind, &s.attrs),
                columns: STRUCT_COLUMNS,
                rows,
            })
        }
        syn::Item::Enum(e) => {
            let name = e.ident.to_string();
            let wire = wire_strings(&name, impls.get(&name).map_or(&[], Vec::as_slice));
            let rows = e
                .variants
                .iter()
                .map(|variant| {
                    let payload = match &variant.fields {
                        syn::Fields::Unit => String::new(),
                        syn::Fields::Unnamed(fields) => format!(
                            "({})",
                            fields.unnamed.iter().map(|f| type_string(&f.ty)).collect::<Vec<_>>().join(", ")
                        ),
                        syn::Fields::Named(fields) => format!(
                            "{{ {} }}",
                            fields
                                .named
                                .iter()
                                .map(|f| format!(
                                    "{}: {}",
                                    f.ident.as_ref().map(ToString::to_string).unwrap_or_default(),
                                    type_string(&f.ty)
                                ))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    let wire = serde_rename(&variant.attrs)
                        .or_else(|| wire.get(&variant.ident.to_string()).cloned())
                        .unwrap_or_default();
                    Row { name: variant.ident.to_string(), ty: payload, wire }
                })
                .collect();
            Some(TypeSurface {
                name: e.ident.to_string(),
                kind: with_attrs("enum", &e.attrs),
                columns: ENUM_COLUMNS,
                rows,
            })
        }
        _ => None,
    }
}

/// Wire strings of an enum's unit variants, read from the match arms of its impls
/// (`Self::Sepa => f.write_str("SEPA")`, `Self::Sepa => "SEPA"`): the first string literal
/// of each arm whose pattern is a bare variant.
fn wire_strings(name: &str, impls: &[&syn::ItemImpl]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for imp in impls {
        for item in &imp.items {
            if let syn::ImplItem::Fn(f) = item {
                match_arm_strings(&f.block.to_token_stream(), name, &mut out);
            }
        }
    }
    out
}

fn match_arm_strings(tokens: &TokenStream, name: &str, out: &mut BTreeMap<String, String>) {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let punct = |i: usize, c: char| matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(group) => match_arm_strings(&group.stream(), name, out),
            TokenTree::Ident(head) if *head == "Self" || *head == name => {
                let Some(TokenTree::Ident(variant)) = trees.get(i + 3) else { continue };
                if !(punct(i + 1, ':') && punct(i + 2, ':') && punct(i + 4, '=') && punct(i + 5, '>')) {
                    continue;
                }
                let arm = trees[i + 6..]
                    .iter()
                    .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ','));
                let arm: TokenStream = arm.cloned().collect();
                if let Some(wire) = first_string(&arm) {
                    out.entry(variant.to_string()).or_insert(wire);
                }
            }
            _ => {}
        }
    }
}

fn first_string(tokens: &TokenStream) -> Option<String> {
    tokens.clone().into_iter().find_map(|tree| match tree {
        TokenTree::Literal(lit) => match syn::parse_str::<syn::Lit>(&lit.to_string()) {
            Ok(syn::Lit::Str(s)) => Some(s.value()),
            _ => None,
        },
        TokenTree::Group(group) => first_string(&group.stream()),
        _ => None,
    })
}

/// `enum, non_exhaustive` when the item carries `#[non_exhaustive]` (it matters for semver).
fn with_attrs(kind: &str, attrs: &[syn::Attribute]) -> String {
    if attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
        format!("{kind}, `#[non_exhaustive]`")
    } else {
        kind.to_owned()
    }
}

/// The `rename = ".."` of a `#[serde(...)]` attribute.
fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut rename = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let lit: syn::LitStr = meta.value()?.parse()?;
                rename = Some(lit.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            } else if meta.input.peek(syn::token::Paren) {
                let _ = meta.parse_nested_meta(|_| Ok(()));
            }
            Ok(())
        });
    }
    rename
}

/// Module prefixes dropped from rendered types so that rows stay short.
const NOISE: [&str; 12] = [
    "::std::option::",
    "::std::string::",
    "::std::vec::",
    "::std::collections::",
    "::std::boxed::",
    "::std::result::",
    "::std::primitive::",
    "::std::num::",
    "::chrono::offset::",
    "::chrono::",
    "chrono::offset::",
    "std::string::",
];

/// A type as compact Rust source: `Option<Vec<Item>>`, `Result<ResponseValue<types::X>, Error<types::Y>>`.
pub fn type_string(ty: &syn::Type) -> String {
    let mut out = raw_type_string(ty);
    for prefix in NOISE {
        out = out.replace(prefix, "");
    }
    if let Some(rest) = out.strip_prefix("::") {
        out = rest.to_owned();
    }
    out.replace("<::", "<").replace(", ::", ", ").replace("(::", "(").replace("&::", "&")
}

fn raw_type_string(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => path_string(&p.path),
        syn::Type::Reference(r) => {
            let lifetime = r.lifetime.as_ref().map(|l| format!("{l} ")).unwrap_or_default();
            let mutability = if r.mutability.is_some() { "mut " } else { "" };
            format!("&{lifetime}{mutability}{}", raw_type_string(&r.elem))
        }
        syn::Type::Tuple(t) => {
            format!("({})", t.elems.iter().map(raw_type_string).collect::<Vec<_>>().join(", "))
        }
        syn::Type::Slice(s) => format!("[{}]", raw_type_string(&s.elem)),
        syn::Type::Array(a) => {
            format!("[{}; {}]", raw_type_string(&a.elem), squeeze(&a.len.to_token_stream()))
        }
        syn::Type::Paren(p) => raw_type_string(&p.elem),
        syn::Type::Group(g) => raw_type_string(&g.elem),
        other => squeeze(&other.to_token_stream()),
    }
}

fn path_string(path: &syn::Path) -> String {
    let mut out = String::new();
    if path.leading_colon.is_some() {
        out.push_str("::");
    }
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&segment.ident.to_string());
        match &segment.arguments {
            syn::PathArguments::None => {}
            syn::PathArguments::AngleBracketed(args) => {
                let args: Vec<String> = args
                    .args
                    .iter()
                    .map(|arg| match arg {
                        syn::GenericArgument::Type(t) => raw_type_string(t),
                        syn::GenericArgument::Lifetime(l) => l.to_string(),
                        other => squeeze(&other.to_token_stream()),
                    })
                    .collect();
                out.push_str(&format!("<{}>", args.join(", ")));
            }
            syn::PathArguments::Parenthesized(args) => {
                out.push_str(&squeeze(&args.to_token_stream()));
            }
        }
    }
    out
}

/// Tokens as text without the spaces `proc_macro2` puts between them where Rust needs none.
fn squeeze(tokens: &TokenStream) -> String {
    let text = tokens.to_string();
    let mut out = String::with_capacity(text.len());
    for piece in text.split(' ') {
        let glue = matches!(out.chars().last(), Some(':' | '<' | '(' | '[' | '&' | '\''))
            || piece.starts_with([':', '>', ')', ']', ',', ';', '<']);
        if !out.is_empty() && !glue {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out.replace(";", "; ").replace(",", ", ").replace("  ", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_render_compactly() {
        let ty: syn::Type = syn::parse_str(
            "::std::result::Result<ResponseValue<types::ThingResponse>, Error<types::StatusResponse>>",
        )
        .expect("type");
        assert_eq!(
            type_string(&ty),
            "Result<ResponseValue<types::ThingResponse>, Error<types::StatusResponse>>"
        );
        let ty: syn::Type = syn::parse_str(
            "::std::option::Option<::std::vec::Vec<::std::collections::HashMap<::std::string::String, ::chrono::DateTime<::chrono::offset::Utc>>>>",
        )
        .expect("type");
        assert_eq!(type_string(&ty), "Option<Vec<HashMap<String, DateTime<Utc>>>>");
        let ty: syn::Type = syn::parse_str("&'a [u8; 4]").expect("type");
        assert_eq!(type_string(&ty), "&'a [u8; 4]");
        let ty: syn::Type =
            syn::parse_str("::serde_json::Map<::std::string::String, ::serde_json::Value>").expect("type");
        assert_eq!(type_string(&ty), "serde_json::Map<String, serde_json::Value>");
    }
}
