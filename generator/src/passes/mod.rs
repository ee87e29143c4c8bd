//! Step 5: post-processing passes over progenitor's output, one concern per pass.
//!
//! A pass receives the parsed `syn::File` and a [`Context`] with the original spec and the
//! lowering notes, and edits the tree in place. Passes run in [`all`]'s order; each can be
//! tested alone on a small tree. Later passes (envelope, money, enums, redaction, waiters)
//! plug in here.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::lower::Notes;

pub mod accept_header;
pub mod bodyless_errors;
pub mod doc_links;
pub mod lint_allowances;

/// What a pass may read.
pub struct Context<'a> {
    /// The spec as written (not lowered): vendor extensions, real media types, doc links.
    pub spec: &'a Value,
    /// What lowering changed.
    pub notes: &'a Notes,
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
        Box::new(accept_header::AcceptHeader),
        Box::new(bodyless_errors::BodylessErrors),
        Box::new(doc_links::DocLinks),
        Box::new(lint_allowances::LintAllowances),
    ]
}

/// Runs `passes` in order, stopping at the first failure.
pub fn run_all(passes: &[Box<dyn Pass>], file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
    passes.iter().try_for_each(|pass| pass.run(file, cx))
}

/// The `impl` blocks of `mod builder` whose self type is `Name<'a>`, by name.
pub(crate) fn builder_impls(file: &mut syn::File) -> impl Iterator<Item = (String, &mut syn::ItemImpl)> {
    file.items
        .iter_mut()
        .filter_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "builder" => m.content.as_mut(),
            _ => None,
        })
        .flat_map(|(_, items)| items.iter_mut())
        .filter_map(|item| match item {
            syn::Item::Impl(imp) => type_name(&imp.self_ty).map(|name| (name, imp)),
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
