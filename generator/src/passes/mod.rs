//! Step 5: post-processing passes over progenitor's output, one concern per pass.
//!
//! A pass receives the parsed `syn::File` and a [`Context`] with the original spec and the
//! lowering notes, and edits the tree in place. Passes run in [`all`]'s order; each can be
//! tested alone on a small tree.

use crate::lower::LoweringNotes;
use c2a_spec::CheckedSpec;
use c2a_spec::diagnostic::Diagnostic;

pub mod accept_header;
pub mod client_constructors;
pub mod codegen_on_use;
pub mod decisions;
pub mod doc_examples;
pub mod doc_links;
pub mod envelope_calls;
pub mod lint_allowances;
pub mod money;
pub mod open_enums;
pub mod operations;
pub mod optional_setters;
pub mod parameter_names;
pub mod redaction;
pub mod request_builders;
pub mod request_building;
pub mod runtime_bindings;
pub mod spec_index;
pub mod waiters;

/// The generated type of the envelope's status (`types::AzotteStatus`, from
/// [`c2a_spec::checks::STATUS_SCHEMA`]).
pub(crate) fn status_type() -> syn::Ident {
    quote::format_ident!("{}", c2a_spec::rust_names::type_name(c2a_spec::checks::STATUS_SCHEMA))
}

/// The generated enum of every message code (`types::MessageCode`, the component lowering
/// adds: [`crate::lower::message_codes::MESSAGE_CODE_SCHEMA`]).
pub(crate) fn code_type() -> syn::Ident {
    quote::format_ident!(
        "{}",
        c2a_spec::rust_names::type_name(crate::lower::message_codes::MESSAGE_CODE_SCHEMA)
    )
}

/// What a pass may read.
pub struct Context<'a> {
    /// The spec as written (not lowered) with its typed extensions, which are the only
    /// place a pass reads an `x-` key from.
    pub spec: &'a CheckedSpec,
    /// What lowering changed.
    pub notes: &'a LoweringNotes,
}

/// One post-processing step.
pub trait Pass {
    /// Short name, used in error messages.
    fn name(&self) -> &'static str;
    /// Edits the generated file.
    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic>;
}

/// Every pass, in the order they run.
pub fn all() -> Vec<Box<dyn Pass>> {
    vec![
        Box::new(client_constructors::ClientConstructors),
        Box::new(accept_header::AcceptHeader),
        Box::new(request_building::RequestBuilding),
        Box::new(request_builders::RequestBuilders),
        Box::new(operations::Operations),
        Box::new(spec_index::SpecIndex),
        Box::new(runtime_bindings::RuntimeBindings),
        Box::new(envelope_calls::EnvelopeCalls),
        Box::new(parameter_names::ParameterNames),
        Box::new(open_enums::OpenEnums),
        Box::new(optional_setters::OptionalSetters),
        Box::new(redaction::Redaction),
        Box::new(money::Money),
        Box::new(decisions::Decisions),
        Box::new(waiters::Waiters),
        Box::new(doc_examples::DocExamples),
        Box::new(doc_links::DocLinks),
        Box::new(codegen_on_use::CodegenOnUse),
        Box::new(lint_allowances::LintAllowances),
    ]
}

/// Runs `passes` in order, stopping at the first failure. A pass that panics (a bug in the
/// generator, not in the spec) is reported as a diagnostic naming the pass.
pub fn run_all(passes: &[Box<dyn Pass>], file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
    passes.iter().try_for_each(|pass| {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pass.run(file, cx)));
        run.unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            Err(pass_error(pass.name(), format!("the `{}` pass panicked: {message}", pass.name())))
        })
    })
}

/// A diagnostic from pass `name` about the generated code (not a spec location).
pub(crate) fn pass_error(name: &'static str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new("", name, message)
}

/// The items of `mod name` at the top of the file.
pub(crate) fn module_items<'f>(file: &'f mut syn::File, name: &str) -> Option<&'f mut Vec<syn::Item>> {
    file.items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    })
}

/// The items of `mod name` inside `items`.
pub(crate) fn submodule_items<'i>(items: &'i mut [syn::Item], name: &str) -> Option<&'i mut Vec<syn::Item>> {
    items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    })
}

/// The `impl` blocks of `mod builder` whose self type is `Name<'a>`, by name.
pub(crate) fn builder_impls(file: &mut syn::File) -> impl Iterator<Item = (String, &mut syn::ItemImpl)> {
    module_items(file, "builder").into_iter().flat_map(|items| items.iter_mut()).filter_map(|item| match item
    {
        syn::Item::Impl(imp) => type_name(&imp.self_ty).map(|name| (name, imp)),
        _ => None,
    })
}

/// The methods of the inherent `impl Client` blocks (one per operation, plus helpers).
pub(crate) fn client_methods(file: &mut syn::File) -> impl Iterator<Item = &mut syn::ImplItemFn> {
    file.items
        .iter_mut()
        .filter_map(|item| match item {
            syn::Item::Impl(imp)
                if imp.trait_.is_none() && type_name(&imp.self_ty).as_deref() == Some("Client") =>
            {
                Some(imp)
            }
            _ => None,
        })
        .flat_map(|imp| imp.items.iter_mut())
        .filter_map(|item| match item {
            syn::ImplItem::Fn(method) => Some(method),
            _ => None,
        })
}

/// The text of every `#[doc = "..."]` among `attrs`, to edit in place.
pub(crate) fn doc_texts(attrs: &mut [syn::Attribute]) -> impl Iterator<Item = &mut syn::LitStr> {
    attrs.iter_mut().filter_map(|attr| match &mut attr.meta {
        syn::Meta::NameValue(doc) if doc.path.is_ident("doc") => match &mut doc.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) => Some(text),
            _ => None,
        },
        _ => None,
    })
}

/// The struct `name` among `items`.
pub(crate) fn find_struct<'i>(items: &'i mut [syn::Item], name: &str) -> Option<&'i mut syn::ItemStruct> {
    items.iter_mut().find_map(|item| match item {
        syn::Item::Struct(s) if s.ident == name => Some(s),
        _ => None,
    })
}

/// The last segment of a path type (`StoreCustomer` for `StoreCustomer<'a>`).
pub(crate) fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// The JSON property a struct field stands for: its `#[serde(rename = "...")]`, else its name.
pub(crate) fn wire_name(field: &syn::Field) -> String {
    let mut renamed = None;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                renamed = Some(meta.value()?.parse::<syn::LitStr>()?.value());
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        });
    }
    renamed.unwrap_or_else(|| field.ident.as_ref().map(ToString::to_string).unwrap_or_default())
}

/// `T` when `ty` is `Option<T>` (any path ending in `Option`).
pub(crate) fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => args.args.iter().find_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

/// Removes `name` from every `#[derive(...)]` of `attrs`.
pub(crate) fn remove_derive(attrs: &mut [syn::Attribute], name: &str) {
    for attr in attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
        let Ok(paths) =
            attr.parse_args_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
        else {
            continue;
        };
        let kept: Vec<&syn::Path> =
            paths.iter().filter(|p| p.segments.last().is_none_or(|s| s.ident != name)).collect();
        *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
    }
}
