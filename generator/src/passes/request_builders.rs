//! typify's type builders only where callers build values: the request side.
//!
//! typify gives every struct of `mod types` a builder (`types::builder::X`, `X::builder()`
//! and the `From`/`TryFrom` impls between them). A caller builds values only for request
//! bodies; responses are decoded. This pass keeps the builders of the types a request body
//! reaches and removes the others: code no caller used, which every build compiled.
//!
//! The request side is what some operation's `requestBody` reaches: the component schemas
//! [`c2a_spec::reachability`] finds from it (through `$ref`, `allOf`, `items`, properties),
//! as typify names them, plus the body types progenitor's operation builders name
//! (`types::builder::X` in `mod builder`, which also covers an inline body schema); then
//! every type of `mod types` their fields and variants name, transitively (typify's types
//! for inline schemas, such as `StoreCustomerRequestCustomer`). A type used by both a
//! request and a response keeps its builder. A response-only value is built from JSON
//! (`serde_json::from_value`).

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;
use syn::visit::Visit;

use super::{Context, Pass, module_items, pass_error, submodule_items, type_name};
use c2a_spec::diagnostic::Diagnostic;
use c2a_spec::{reachability, rust_names};

/// Removes the type builders of types no request body reaches.
pub struct RequestBuilders;

const PASS: &str = "request-builders";

impl Pass for RequestBuilders {
    fn name(&self) -> &'static str {
        PASS
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let mut roots: BTreeSet<String> = reachability::from_nodes(
            &cx.spec.doc,
            cx.spec.operations().filter_map(|(op, _)| op.value.get("requestBody")),
        )
        .iter()
        .map(|name| rust_names::type_name(name))
        .collect();
        if let Some(operation_builders) = module_items(file, "builder") {
            roots.extend(body_builder_types(operation_builders));
        }
        let types =
            module_items(file, "types").ok_or_else(|| pass_error(PASS, "no `mod types` in the output"))?;
        let keep = request_side(types, roots);
        remove_builders(types, &keep);
        Ok(())
    }
}

/// The `X` of every `types::builder::X` named in `items` (progenitor's operation builders:
/// the request body types).
fn body_builder_types(items: &[syn::Item]) -> BTreeSet<String> {
    #[derive(Default)]
    struct BodyTypes(BTreeSet<String>);
    impl<'ast> Visit<'ast> for BodyTypes {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            if let [.., types, builder, name] = names.as_slice()
                && types == "types"
                && builder == "builder"
            {
                self.0.insert(name.clone());
            }
            syn::visit::visit_path(self, path);
        }
    }
    let mut found = BodyTypes::default();
    items.iter().for_each(|item| found.visit_item(item));
    found.0
}

/// `roots` and every type of `mod types` (`items`) they name in their fields and variants,
/// transitively.
fn request_side(items: &[syn::Item], roots: BTreeSet<String>) -> BTreeSet<String> {
    let named: BTreeMap<String, BTreeSet<String>> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some((s.ident.to_string(), idents_in(&s.fields))),
            syn::Item::Enum(e) => {
                Some((e.ident.to_string(), e.variants.iter().flat_map(|v| idents_in(&v.fields)).collect()))
            }
            _ => None,
        })
        .collect();
    let mut reached = BTreeSet::new();
    let mut todo: Vec<String> = roots.into_iter().collect();
    while let Some(name) = todo.pop() {
        let Some(inner) = named.get(&name) else { continue };
        if reached.insert(name) {
            todo.extend(inner.iter().filter(|n| !reached.contains(*n)).cloned());
        }
    }
    reached
}

/// Every identifier in the types of `fields` (`Vec<Option<Price>>` names `Vec`, `Option`,
/// `Price`); only the names of `mod types` items matter to the caller.
fn idents_in(fields: &syn::Fields) -> BTreeSet<String> {
    #[derive(Default)]
    struct Idents(BTreeSet<String>);
    impl<'ast> Visit<'ast> for Idents {
        fn visit_ident(&mut self, ident: &'ast syn::Ident) {
            self.0.insert(ident.to_string());
        }
    }
    let mut found = Idents::default();
    fields.iter().for_each(|field| found.visit_type(&field.ty));
    found.0
}

/// Removes from `mod types` the builder of every struct not in `keep`: its struct and
/// impls in `mod builder` (`Default`, the setters, `TryFrom<builder::X> for super::X`,
/// `From<super::X> for builder::X`) and `X::builder()`; an emptied `mod builder` goes too.
fn remove_builders(types: &mut Vec<syn::Item>, keep: &BTreeSet<String>) {
    let Some(builders) = submodule_items(types, "builder") else { return };
    let removed: BTreeSet<String> = builders
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) if !keep.contains(&s.ident.to_string()) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    builders.retain(|item| match item {
        syn::Item::Struct(s) => !removed.contains(&s.ident.to_string()),
        syn::Item::Impl(imp) => type_name(&imp.self_ty).is_none_or(|name| !removed.contains(&name)),
        _ => true,
    });
    let emptied = builders.is_empty();
    types.retain_mut(|item| match item {
        syn::Item::Mod(m) if m.ident == "builder" => !emptied,
        syn::Item::Impl(imp)
            if imp.trait_.is_none()
                && type_name(&imp.self_ty).is_some_and(|name| removed.contains(&name)) =>
        {
            imp.items.retain(|item| !is_builder_fn(item));
            !imp.items.is_empty()
        }
        _ => true,
    });
}

/// `pub fn builder() -> builder::X`.
fn is_builder_fn(item: &syn::ImplItem) -> bool {
    match item {
        syn::ImplItem::Fn(f) => {
            f.sig.ident == "builder"
                && f.sig.inputs.is_empty()
                && matches!(&f.sig.output, syn::ReturnType::Type(_, ty)
                    if ty.to_token_stream().to_string().starts_with("builder ::"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types() -> Vec<syn::Item> {
        let module: syn::ItemMod = syn::parse_quote! {
            mod types {
                pub struct Req { pub line: Vec<Line>, pub kind: ::std::option::Option<Kind> }
                pub struct Line { pub price: Price }
                pub struct Price { pub amount: i64 }
                pub enum Kind { A(Extra), B }
                pub struct Extra { pub note: String }
                pub struct Resp { pub price: Price, pub status: Status }
                pub struct Status { pub code: String }
                impl Resp { pub fn builder() -> builder::Resp { Default::default() } }
                impl Status {
                    pub fn builder() -> builder::Status { Default::default() }
                    pub fn code(&self) -> &str { &self.code }
                }
                impl Price { pub fn builder() -> builder::Price { Default::default() } }
                pub mod builder {
                    pub struct Price { amount: Result<i64, String> }
                    impl Default for Price { fn default() -> Self { todo!() } }
                    pub struct Resp { price: Result<super::Price, String> }
                    impl Resp { pub fn price(self) -> Self { self } }
                    impl ::std::convert::TryFrom<Resp> for super::Resp { type Error = (); }
                    impl ::std::convert::From<super::Resp> for Resp { }
                    pub struct Status { code: Result<String, String> }
                }
            }
        };
        module.content.expect("content").1
    }

    fn names(items: &[syn::Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| i.to_token_stream().to_string().split('{').next().unwrap_or("").trim().to_owned())
            .collect()
    }

    #[test]
    fn the_request_side_follows_fields_items_and_variants() {
        let reached = request_side(&types(), BTreeSet::from(["Req".to_owned()]));
        let expected = ["Extra", "Kind", "Line", "Price", "Req"].map(str::to_owned);
        assert_eq!(reached, BTreeSet::from(expected));
    }

    #[test]
    fn response_only_builders_and_their_impls_go() {
        let mut items = types();
        remove_builders(&mut items, &BTreeSet::from(["Price".to_owned(), "Req".to_owned()]));
        let builders = submodule_items(&mut items, "builder").expect("kept: Price has a builder");
        assert_eq!(names(builders), ["pub struct Price", "impl Default for Price"]);
        let impls: Vec<String> = names(&items).into_iter().filter(|n| n.starts_with("impl")).collect();
        assert_eq!(impls, ["impl Status", "impl Price"], "Resp's impl emptied, Status keeps `code`");
    }

    #[test]
    fn an_emptied_builder_module_goes() {
        let mut items = types();
        remove_builders(&mut items, &BTreeSet::new());
        assert!(submodule_items(&mut items, "builder").is_none());
    }

    #[test]
    fn body_types_are_read_from_operation_builders() {
        let items: Vec<syn::Item> = vec![syn::parse_quote! {
            pub struct StoreThing<'a> { body: Result<types::builder::ThingBody, String> }
        }];
        assert_eq!(body_builder_types(&items), BTreeSet::from(["ThingBody".to_owned()]));
    }
}
