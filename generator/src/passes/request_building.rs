//! Building a request costs no more than a hand-written one.
//!
//! Progenitor gathers constant headers (such as `api-version`) in a fresh `HeaderMap` per
//! call and merges it into the request (`.headers(header_map)`): an allocation, a hash table
//! and a merge on every call. Where every entry of that map is an unconditional `append`,
//! this pass appends them straight onto the request builder instead (`.header(name, value)`),
//! in the same order; a map filled conditionally (optional header parameters) is left alone.
//!
//! Header names and values given as literals are built in `const` blocks, so their
//! validation runs at compile time instead of on every call.
//!
//! Path segments are percent-encoded by `c2a_runtime::encode_path` instead of
//! progenitor's: the same encoding, without the formatting machinery when the segment needs
//! none (the usual id).

use quote::ToTokens;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};

use super::{Context, Pass, builder_impls};
use c2a_spec::diagnostic::Diagnostic;

/// Rewrites the header map of each builder's `send` and the `encode_path` import.
pub struct RequestBuilding;

/// The local progenitor collects headers in.
const HEADER_MAP: &str = "header_map";

impl Pass for RequestBuilding {
    fn name(&self) -> &'static str {
        "request-building"
    }

    fn run(&self, file: &mut syn::File, _cx: &Context<'_>) -> Result<(), Diagnostic> {
        for (_, imp) in builder_impls(file) {
            for item in &mut imp.items {
                if let syn::ImplItem::Fn(method) = item {
                    inline_constant_headers(&mut method.block);
                    ConstHeaders.visit_block_mut(&mut method.block);
                }
            }
        }
        use_runtime_encode_path(file);
        Ok(())
    }
}

/// In `block`: `let mut header_map = HeaderMap::with_capacity(..); header_map.append(k, v); ...`
/// used once as `.headers(header_map)` becomes `.header(k, v)...` at that use.
fn inline_constant_headers(block: &mut syn::Block) {
    let Some(start) = block.stmts.iter().position(is_header_map_let) else { return };
    let mut headers = Vec::new();
    for stmt in &block.stmts[start + 1..] {
        match append_args(stmt) {
            Some(pair) => headers.push(pair),
            None => break,
        }
    }
    // Every mention of the map must be accounted for: its `let`, the appends, one use.
    let mut mentions = Mentions::default();
    mentions.visit_block(block);
    if mentions.count != headers.len() + 2 || headers.is_empty() {
        return;
    }
    let mut inline = InlineHeaders { headers: &headers, done: false };
    inline.visit_block_mut(block);
    if inline.done {
        block.stmts.drain(start..=start + headers.len());
    }
}

fn is_header_map_let(stmt: &syn::Stmt) -> bool {
    let syn::Stmt::Local(local) = stmt else { return false };
    let syn::Pat::Ident(pat) = &local.pat else { return false };
    let made_empty = |expr: &syn::Expr| {
        matches!(expr, syn::Expr::Call(call)
            if call.func.to_token_stream().to_string().replace(' ', "").ends_with("HeaderMap::with_capacity"))
    };
    pat.ident == HEADER_MAP && local.init.as_ref().is_some_and(|init| made_empty(&init.expr))
}

/// `(name, value)` of a statement `header_map.append(name, value);`.
fn append_args(stmt: &syn::Stmt) -> Option<(syn::Expr, syn::Expr)> {
    let syn::Stmt::Expr(syn::Expr::MethodCall(call), Some(_)) = stmt else { return None };
    let receiver_is_map = matches!(&*call.receiver, syn::Expr::Path(p) if p.path.is_ident(HEADER_MAP));
    if !receiver_is_map || call.method != "append" || call.args.len() != 2 {
        return None;
    }
    Some((call.args[0].clone(), call.args[1].clone()))
}

/// How often `header_map` is named.
#[derive(Default)]
struct Mentions {
    count: usize,
}

impl Visit<'_> for Mentions {
    fn visit_ident(&mut self, ident: &syn::Ident) {
        if ident == HEADER_MAP {
            self.count += 1;
        }
    }
}

/// Replaces `receiver.headers(header_map)` by `receiver.header(k1, v1).header(k2, v2)`.
struct InlineHeaders<'h> {
    headers: &'h [(syn::Expr, syn::Expr)],
    done: bool,
}

impl VisitMut for InlineHeaders<'_> {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        visit_mut::visit_expr_mut(self, expr);
        let syn::Expr::MethodCall(call) = expr else { return };
        let uses_map = call.method == "headers"
            && call.args.len() == 1
            && matches!(&call.args[0], syn::Expr::Path(p) if p.path.is_ident(HEADER_MAP));
        if !uses_map {
            return;
        }
        let mut chained = (*call.receiver).clone();
        for (name, value) in self.headers {
            chained = syn::parse_quote!(#chained.header(#name, #value));
        }
        *expr = chained;
        self.done = true;
    }
}

/// `HeaderName::from_static("..")` and `HeaderValue::from_static("..")` of a literal become
/// `const { .. }`: checked once by the compiler instead of on every call.
struct ConstHeaders;

impl VisitMut for ConstHeaders {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        visit_mut::visit_expr_mut(self, expr);
        let syn::Expr::Call(call) = expr else { return };
        let func = call.func.to_token_stream().to_string().replace(' ', "");
        let of_literal =
            matches!(call.args.first(), Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(_), .. })))
                && call.args.len() == 1;
        if of_literal
            && (func.ends_with("HeaderName::from_static") || func.ends_with("HeaderValue::from_static"))
        {
            *expr = syn::parse_quote!(const { #call });
        }
    }
}

/// `use progenitor_client::{encode_path, ..}` loses `encode_path`, and
/// `use c2a_runtime::encode_path;` takes its place (the `builder` module imports it from
/// there through `super`).
fn use_runtime_encode_path(file: &mut syn::File) {
    let mut found = false;
    for item in &mut file.items {
        let syn::Item::Use(item_use) = item else { continue };
        let syn::UseTree::Path(path) = &mut item_use.tree else { continue };
        if path.ident != "progenitor_client" {
            continue;
        }
        if let syn::UseTree::Group(group) = &mut *path.tree {
            let before = group.items.len();
            group.items = std::mem::take(&mut group.items)
                .into_iter()
                .filter(|tree| !matches!(tree, syn::UseTree::Name(name) if name.ident == "encode_path"))
                .collect();
            found |= group.items.len() != before;
        }
    }
    if found {
        let position = file.items.iter().position(|item| matches!(item, syn::Item::Use(_))).unwrap_or(0);
        file.items.insert(
            position,
            syn::parse_quote!(
                use c2a_runtime::encode_path;
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::inline_constant_headers;

    fn rewritten(block: syn::Block) -> String {
        let mut block = block;
        inline_constant_headers(&mut block);
        prettyplease::unparse(&syn::parse_quote!(fn f() #block))
    }

    #[test]
    fn constant_headers_go_onto_the_request() {
        let out = rewritten(syn::parse_quote!({
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map.append(A, B);
            header_map.append(C, D);
            let request = client.get(url).headers(header_map).build()?;
        }));
        assert!(!out.contains("header_map"), "{out}");
        assert!(out.contains(".header(A, B)") && out.contains(".header(C, D)"), "{out}");
        assert!(out.find(".header(A, B)") < out.find(".header(C, D)"), "order kept: {out}");
    }

    #[test]
    fn literal_header_names_and_values_are_built_at_compile_time() {
        let mut block: syn::Block = syn::parse_quote!({
            client.get(url).header(
                ::reqwest::header::HeaderName::from_static("api-version"),
                ::reqwest::header::HeaderValue::from_static(super::Client::api_version()),
            )
        });
        syn::visit_mut::VisitMut::visit_block_mut(&mut super::ConstHeaders, &mut block);
        let out = prettyplease::unparse(&syn::parse_quote!(fn f() #block));
        assert!(
            out.contains(r#"const { ::reqwest::header::HeaderName::from_static("api-version") }"#),
            "{out}"
        );
        assert!(
            !out.contains("const { ::reqwest::header::HeaderValue"),
            "a call argument stays at run time: {out}"
        );
    }

    #[test]
    fn a_map_filled_conditionally_is_left_alone() {
        let block: syn::Block = syn::parse_quote!({
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map.append(A, B);
            if let Some(value) = optional {
                header_map.append(C, value.to_string().try_into()?);
            }
            let request = client.get(url).headers(header_map).build()?;
        });
        let before = prettyplease::unparse(&syn::parse_quote!(fn f() #block));
        assert_eq!(rewritten(block), before);
    }
}
