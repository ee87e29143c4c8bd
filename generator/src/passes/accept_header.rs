//! Each call's `Accept` header names the media type the server really sends.
//!
//! Lowering turned `application/clientOutput+Json` into `application/json` so progenitor
//! would type the body; progenitor then sends `Accept: application/json`. This pass puts
//! the real type first, keeping `application/json` as a fallback, in the `send` method of
//! each operation whose media type was lowered.

use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};

use super::{Context, Pass, builder_impls};
use c2a_spec::diagnostic::Diagnostic;
use c2a_spec::rust_names::pascal_case;

/// Rewrites `HeaderValue::from_static("application/json")` next to `ACCEPT`.
pub struct AcceptHeader;

impl Pass for AcceptHeader {
    fn name(&self) -> &'static str {
        "accept-header"
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let wanted: std::collections::BTreeMap<String, String> = cx
            .notes
            .vendor_media_types
            .iter()
            .map(|(op, media_type)| (pascal_case(op), format!("{media_type}, application/json;q=0.9")))
            .collect();
        let mut done = std::collections::BTreeSet::new();
        for (name, imp) in builder_impls(file) {
            let Some(value) = wanted.get(&name) else { continue };
            let mut rewrite = RewriteAccept { value, count: 0 };
            rewrite.visit_item_impl_mut(imp);
            if rewrite.count > 0 {
                done.insert(name);
            }
        }
        match wanted.keys().find(|name| !done.contains(*name)) {
            Some(missing) => Err(super::pass_error(
                "accept-header",
                format!("no `Accept: application/json` header found in the generated `{missing}::send`"),
            )),
            None => Ok(()),
        }
    }
}

struct RewriteAccept<'a> {
    value: &'a str,
    count: usize,
}

impl VisitMut for RewriteAccept<'_> {
    fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
        visit_mut::visit_expr_method_call_mut(self, call);
        let is_accept = call.method == "header"
            && call.args.first().is_some_and(|a| a.to_token_stream().to_string().ends_with("ACCEPT"));
        if !is_accept {
            return;
        }
        if let Some(syn::Expr::Call(value)) = call.args.iter_mut().nth(1)
            && let Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })) = value.args.first_mut()
            && s.value() == "application/json"
        {
            *s = syn::LitStr::new(self.value, s.span());
            self.count += 1;
        }
    }
}
