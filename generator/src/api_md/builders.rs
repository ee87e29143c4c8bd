//! The `## Client methods` and `## Builders` parts of the report: every inherent `pub`
//! method of `Client` (operations, constructors, waiter helpers) and, per operation builder
//! of `mod builder`, its parameter setters and `send` variants, all as generated.

use std::collections::BTreeMap;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

use super::rust::{FnSurface, pub_methods};
use super::{code, last_ident, table_head, table_row};

/// What the report reads from `impl Client` and `mod builder`.
#[derive(Default)]
pub(super) struct Builders {
    /// Inherent `pub` methods of `Client`, in file order.
    pub(super) client: Vec<FnSurface>,
    /// Builder type name → the first `Client` method returning it.
    pub(super) client_of_builder: BTreeMap<String, String>,
    /// Builder type names in the order of the `Client` methods returning them.
    builder_order: Vec<String>,
    /// operationId (from `OperationInfo { operation_id: ".." }`) → builder type name.
    pub(super) builder_of_operation: BTreeMap<String, String>,
    /// Builder type name → its `pub` methods but `new`, in source order.
    methods: BTreeMap<String, Vec<FnSurface>>,
}

impl Builders {
    /// An inherent `impl Client` block.
    pub(super) fn client_impl(&mut self, imp: &syn::ItemImpl) {
        for f in pub_methods(imp) {
            if f.sig.receiver().is_some()
                && let syn::ReturnType::Type(_, ty) = &f.sig.output
                && let Some(builder) = builder_path(ty)
                && !self.client_of_builder.contains_key(&builder)
            {
                self.client_of_builder.insert(builder.clone(), f.sig.ident.to_string());
                self.builder_order.push(builder);
            }
            self.client.push(FnSurface::of(&f.sig));
        }
    }

    /// An inherent impl of `mod builder`. `new` (what the `Client` method calls) is left out.
    pub(super) fn builder_impl(&mut self, imp: &syn::ItemImpl) {
        let Some(name) = last_ident(&imp.self_ty) else { return };
        for item in &imp.items {
            if let syn::ImplItem::Fn(f) = item
                && let Some(id) = operation_id(&f.block.to_token_stream())
            {
                self.builder_of_operation.entry(id).or_insert_with(|| name.clone());
            }
        }
        let methods = self.methods.entry(name).or_default();
        methods.extend(pub_methods(imp).filter(|f| f.sig.ident != "new").map(|f| FnSurface::of(&f.sig)));
    }

    /// The `Client` method of `builder`, as a table cell.
    pub(super) fn client_cell(&self, builder: &str) -> String {
        self.client_of_builder.get(builder).map_or_else(|| "—".to_owned(), |m| format!("`{m}`"))
    }

    /// `## Client methods`: one row per method, in file order.
    pub(super) fn render_client(&self, out: &mut String) {
        out.push_str(&format!("\n## `Client` methods ({})\n\n", self.client.len()));
        table_head(out, &["Method", "Parameters", "Returns"]);
        for f in &self.client {
            table_row(out, [f.name_cell(), code(&f.params), code(&f.returns)]);
        }
    }

    /// `## Builders`: per builder (in the order of the `Client` methods returning them, then
    /// any other by name) one row per method, each naming its `Client` method.
    pub(super) fn render_builders(&self, out: &mut String) {
        let mut order: Vec<&str> =
            self.builder_order.iter().map(String::as_str).filter(|b| self.methods.contains_key(*b)).collect();
        let others: Vec<&str> =
            self.methods.keys().map(String::as_str).filter(|b| !order.contains(b)).collect();
        order.extend(others);

        out.push_str(&format!(
            "\n## Builders ({})\n\n\
             The builder each `Client` method returns (`mod builder`): its parameter setters and\n\
             `send` variants, every `pub` method but `new`.\n\n",
            order.len()
        ));
        table_head(out, &["`Client` method", "Builder method", "Parameters", "Returns"]);
        for builder in order {
            let client = match self.client_of_builder.get(builder) {
                Some(method) => format!("`{method}`"),
                None => format!("`builder::{builder}`"),
            };
            for f in &self.methods[builder] {
                table_row(out, [client.clone(), f.name_cell(), code(&f.params), code(&f.returns)]);
            }
        }
    }
}

/// `StoreThing` for `builder::StoreThing<'_>` (a path through a module named `builder`).
fn builder_path(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(p) = ty else { return None };
    let segments: Vec<_> = p.path.segments.iter().collect();
    match segments.as_slice() {
        [.., module, last] if module.ident == "builder" => Some(last.ident.to_string()),
        _ => None,
    }
}

/// The string in `operation_id: "..."` anywhere in `tokens` (progenitor's `OperationInfo`).
fn operation_id(tokens: &TokenStream) -> Option<String> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == "operation_id" => {
                if let (Some(TokenTree::Punct(p)), Some(TokenTree::Literal(lit))) =
                    (trees.get(i + 1), trees.get(i + 2))
                    && p.as_char() == ':'
                    && let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&lit.to_string())
                {
                    return Some(s.value());
                }
            }
            TokenTree::Group(group) => {
                if let Some(id) = operation_id(&group.stream()) {
                    return Some(id);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> Builders {
        let file: syn::File = syn::parse_str(src).expect("test source parses");
        let mut builders = Builders::default();
        for item in &file.items {
            match item {
                syn::Item::Impl(imp) => builders.client_impl(imp),
                syn::Item::Mod(m) => {
                    for item in m.content.iter().flat_map(|(_, items)| items) {
                        if let syn::Item::Impl(imp) = item {
                            builders.builder_impl(imp);
                        }
                    }
                }
                _ => {}
            }
        }
        builders
    }

    #[test]
    fn setters_and_send_variants_are_listed_per_client_method() {
        let builders = read(
            r#"
            impl Client {
                pub fn new(baseurl: &str) -> Self { todo!() }
                pub fn get_thing(&self) -> builder::GetThing<'_> { builder::GetThing::new(self) }
                fn private(&self) {}
            }
            pub mod builder {
                impl<'a> GetThing<'a> {
                    pub fn new(client: &'a super::Client) -> Self { todo!() }
                    pub fn thing_urn<V>(mut self, value: V) -> Self where V: std::convert::TryInto<::std::string::String> { self }
                    pub async fn send(self) -> ::std::result::Result<types::Thing, crate::Error> { todo!() }
                    pub async fn send_raw(self) -> Result<reqwest::Response, Error<types::StatusResponse>> {
                        let info = OperationInfo { operation_id: "get_thing" };
                        todo!()
                    }
                }
            }
            "#,
        );
        assert_eq!(builders.builder_of_operation["get_thing"], "GetThing");
        assert_eq!(builders.client_cell("GetThing"), "`get_thing`");
        let mut out = String::new();
        builders.render_client(&mut out);
        builders.render_builders(&mut out);
        let expected = [
            "## `Client` methods (2)",
            "| `new` | `baseurl: &str` | `Self` |",
            "| `get_thing` | `&self` | `builder::GetThing<'_>` |",
            "## Builders (1)",
            "| `get_thing` | `thing_urn` | `self, value: impl TryInto<String>` | `Self` |",
            "| `get_thing` | `send` (async) | `self` | `Result<types::Thing, crate::Error>` |",
            "| `get_thing` | `send_raw` (async) | `self` | `Result<reqwest::Response, Error<types::StatusResponse>>` |",
        ];
        for line in expected {
            assert!(out.contains(line), "{line}\n{out}");
        }
        assert!(
            !out.contains("private") && !out.contains("| `new` (async)") && !out.contains("client: &"),
            "{out}"
        );
    }
}
