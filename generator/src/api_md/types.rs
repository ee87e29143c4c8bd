//! The `## Types` part of the report: each struct or enum of `mod types` with its fields
//! (their Rust type, JSON name and what the type builder's setter takes) or variants (their
//! payload and JSON value), and the type's inherent methods.

use std::collections::BTreeMap;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

use super::code;
use super::rust::{FnSurface, pub_methods, type_string};

/// One type of `mod types` as the report shows it.
pub(super) struct TypeSurface {
    pub(super) name: String,
    kind: String,
    columns: &'static [&'static str],
    /// One cell per column, as plain text (empty for none).
    rows: Vec<Vec<String>>,
    /// Inherent `pub` methods, `name(params) -> returns`.
    methods: Vec<String>,
}

const STRUCT_COLUMNS: &[&str] = &["Field", "Rust type", "JSON name"];
const BUILT_STRUCT_COLUMNS: &[&str] = &["Field", "Rust type", "JSON name", "Builder setter takes"];
const ENUM_COLUMNS: &[&str] = &["Variant", "Payload", "JSON value"];

/// What `mod types` holds besides the types: their impls and the type builders' setters.
pub(super) struct TypesModule<'a> {
    /// Impls of `mod types` by the name of their self type.
    impls: BTreeMap<String, Vec<&'a syn::ItemImpl>>,
    /// `types::builder` struct name → setter name → the type of its argument.
    setters: BTreeMap<String, BTreeMap<String, String>>,
}

impl<'a> TypesModule<'a> {
    /// Indexes the items of `mod types` (linear in the items).
    pub(super) fn read(items: &'a [syn::Item]) -> Self {
        let mut impls: BTreeMap<String, Vec<&syn::ItemImpl>> = BTreeMap::new();
        let mut setters: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for item in items {
            match item {
                syn::Item::Impl(imp) => {
                    if let Some(name) = super::last_ident(&imp.self_ty) {
                        impls.entry(name).or_default().push(imp);
                    }
                }
                syn::Item::Mod(m) if m.ident == "builder" => {
                    for item in m.content.iter().flat_map(|(_, items)| items) {
                        match item {
                            syn::Item::Struct(s) => {
                                setters.entry(s.ident.to_string()).or_default();
                            }
                            syn::Item::Impl(imp) if imp.trait_.is_none() => {
                                let Some(name) = super::last_ident(&imp.self_ty) else { continue };
                                let builder = setters.entry(name).or_default();
                                for f in pub_methods(imp) {
                                    let sig = FnSurface::of(&f.sig);
                                    let takes = sig.arg_types.join(", ").replace("super::", "");
                                    builder.insert(sig.name, takes);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        Self { impls, setters }
    }

    /// One struct or enum of `mod types` (not its `builder` or `error` modules).
    pub(super) fn type_surface(&self, item: &syn::Item) -> Option<TypeSurface> {
        let (name, attrs) = match item {
            syn::Item::Struct(s) => (s.ident.to_string(), &s.attrs),
            syn::Item::Enum(e) => (e.ident.to_string(), &e.attrs),
            _ => return None,
        };
        let impls = self.impls.get(&name).map_or(&[][..], Vec::as_slice);
        let methods = impls
            .iter()
            .filter(|imp| imp.trait_.is_none())
            .flat_map(|imp| pub_methods(imp))
            .map(|f| FnSurface::of(&f.sig).inline())
            .collect();
        let (kind, columns, rows) = match item {
            syn::Item::Struct(s) => self.struct_rows(&name, s),
            syn::Item::Enum(e) => ("enum", ENUM_COLUMNS, enum_rows(&name, e, impls)),
            _ => return None,
        };
        Some(TypeSurface { kind: with_attrs(kind, attrs), name, columns, rows, methods })
    }

    fn struct_rows(
        &self,
        name: &str,
        s: &syn::ItemStruct,
    ) -> (&'static str, &'static [&'static str], Vec<Vec<String>>) {
        let setters = self.setters.get(name);
        let (kind, columns) = match (&s.fields, setters) {
            (syn::Fields::Unnamed(_), _) => ("newtype struct", STRUCT_COLUMNS),
            (_, Some(_)) => ("struct", BUILT_STRUCT_COLUMNS),
            (_, None) => ("struct", STRUCT_COLUMNS),
        };
        let rows = s
            .fields
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let field_name = field.ident.as_ref().map_or_else(|| i.to_string(), ToString::to_string);
                let wire = match &field.ident {
                    Some(ident) => serde_rename(&field.attrs).unwrap_or_else(|| ident.to_string()),
                    None => String::new(),
                };
                let setter = (columns.len() == BUILT_STRUCT_COLUMNS.len())
                    .then(|| setters.and_then(|s| s.get(&field_name)).cloned().unwrap_or_default());
                let mut row = vec![field_name, type_string(&field.ty), wire];
                row.extend(setter);
                row
            })
            .collect();
        (kind, columns, rows)
    }
}

fn enum_rows(name: &str, e: &syn::ItemEnum, impls: &[&syn::ItemImpl]) -> Vec<Vec<String>> {
    let wire = wire_strings(name, impls);
    e.variants
        .iter()
        .map(|variant| {
            let wire = serde_rename(&variant.attrs)
                .or_else(|| wire.get(&variant.ident.to_string()).cloned())
                .unwrap_or_default();
            vec![variant.ident.to_string(), payload_string(&variant.fields), wire]
        })
        .collect()
}

/// A variant's payload: empty, `(A, B)` or `{ a: A }`.
pub(super) fn payload_string(fields: &syn::Fields) -> String {
    match fields {
        syn::Fields::Unit => String::new(),
        syn::Fields::Unnamed(fields) => {
            format!("({})", fields.unnamed.iter().map(|f| type_string(&f.ty)).collect::<Vec<_>>().join(", "))
        }
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
    }
}

/// The `## Types` section.
pub(super) fn render(out: &mut String, types: &BTreeMap<String, TypeSurface>) {
    out.push_str(&format!("\n## Types ({})\n", types.len()));
    for ty in types.values() {
        out.push_str(&format!("\n### `{}` ({})\n\n", ty.name, ty.kind));
        if !ty.methods.is_empty() {
            let methods: Vec<String> = ty.methods.iter().map(|m| code(m)).collect();
            out.push_str(&format!("Methods: {}.\n\n", methods.join(", ")));
        }
        if ty.rows.is_empty() {
            out.push_str("No fields.\n");
            continue;
        }
        super::table_head(out, ty.columns);
        for row in &ty.rows {
            super::table_row(out, row.iter().map(|cell| code(cell)));
        }
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
