//! Every non-generic generated function is `#[inline]`, so its machine code is built by the
//! crate that calls it, not by `c2a-client`.
//!
//! rustc builds machine code for a library's non-generic functions when it compiles the
//! library, whether or not any user calls them; an `#[inline]` function (like a generic one)
//! is built only in the crates that use it. Without this pass `c2a-client` compiled every
//! operation's `send` future, the decoding of every response type (serde's visitors for two
//! deserializers each) and every type builder's conversion: about 300,000 lines of LLVM IR,
//! of which a crate calling one operation used a few percent. With it, a downstream crate
//! compiles the operations it calls (measured in BENCHMARKS.md, "Build cost").
//!
//! Generic functions (type or const parameters on the function or its `impl`) are already
//! built where they are used and are left as they are, as is any function that already has an
//! `inline` attribute. Code that derives expand (serde, `Debug`) is not in the tree and is not
//! touched; its `Deserialize` and `Serialize` impls are generic anyway.

use syn::visit_mut::VisitMut;

use super::{Context, Pass};
use c2a_spec::diagnostic::Diagnostic;

/// Adds `#[inline]` to each non-generic function of the generated file.
pub struct CodegenOnUse;

impl Pass for CodegenOnUse {
    fn name(&self) -> &'static str {
        "codegen-on-use"
    }

    fn run(&self, file: &mut syn::File, _cx: &Context<'_>) -> Result<(), Diagnostic> {
        InlineMarker.visit_file_mut(file);
        Ok(())
    }
}

/// Walks the file, marking functions; does not descend into function bodies (a nested `fn`
/// is private to its parent and built with it).
struct InlineMarker;

impl VisitMut for InlineMarker {
    fn visit_item_fn_mut(&mut self, f: &mut syn::ItemFn) {
        mark(&mut f.attrs, &f.sig.generics);
    }

    fn visit_item_impl_mut(&mut self, imp: &mut syn::ItemImpl) {
        if has_type_parameters(&imp.generics) {
            return;
        }
        for item in &mut imp.items {
            if let syn::ImplItem::Fn(f) = item {
                mark(&mut f.attrs, &f.sig.generics);
            }
        }
    }

    fn visit_item_trait_mut(&mut self, _: &mut syn::ItemTrait) {
        // Default methods of a trait are built with each implementor; nothing to mark.
    }
}

/// Adds `#[inline]` unless the function is generic or already says how it is inlined.
fn mark(attrs: &mut Vec<syn::Attribute>, generics: &syn::Generics) {
    if has_type_parameters(generics) || attrs.iter().any(|a| a.path().is_ident("inline")) {
        return;
    }
    attrs.push(syn::parse_quote!(#[inline]));
}

/// Whether `generics` has a type or const parameter (lifetimes do not make code generic).
fn has_type_parameters(generics: &syn::Generics) -> bool {
    generics.params.iter().any(|p| !matches!(p, syn::GenericParam::Lifetime(_)))
}

#[cfg(test)]
mod tests {
    use super::InlineMarker;
    use syn::visit_mut::VisitMut;

    fn marked(file: syn::File) -> String {
        let mut file = file;
        InlineMarker.visit_file_mut(&mut file);
        prettyplease::unparse(&file)
    }

    #[test]
    fn non_generic_functions_are_marked_once() {
        let out = marked(syn::parse_quote! {
            pub fn free() {}
            mod builder {
                impl<'a> Send<'a> {
                    pub async fn send(self) -> u8 { fn nested() {} 0 }
                    #[inline(never)]
                    fn kept(&self) {}
                }
            }
        });
        assert_eq!(out.matches("#[inline]").count(), 2, "{out}");
        assert!(out.contains("#[inline]\npub fn free"), "{out}");
        assert!(out.contains("#[inline]\n        pub async fn send"), "{out}");
        assert!(out.contains("#[inline(never)]\n        fn kept"), "{out}");
        assert!(!out.contains("#[inline]\n            fn nested"), "{out}");
    }

    #[test]
    fn generic_functions_and_impls_are_left_alone() {
        let out = marked(syn::parse_quote! {
            pub fn generic<T>(value: T) -> T { value }
            pub fn constant<const N: usize>() {}
            impl<T> From<T> for Wrapper { fn from(_: T) -> Self { Wrapper } }
            trait Hook { fn hook(&self) {} }
        });
        assert!(!out.contains("#[inline]"), "{out}");
    }
}
