//! Lints that generated code cannot satisfy are allowed once, at the top of the file.
//!
//! The workspace denies warnings in CI; progenitor's output has undocumented items and
//! patterns clippy dislikes. Allowing them in the file itself (rather than at the `mod`
//! declaration) keeps the hand-written `lib.rs` free of generator knowledge.

use syn::parse_quote;

use super::{Context, Pass};
use c2a_spec::diagnostic::Diagnostic;

/// Adds `#![allow(...)]` for the lints generated code trips.
pub struct LintAllowances;

impl Pass for LintAllowances {
    fn name(&self) -> &'static str {
        "lint-allowances"
    }

    fn run(&self, file: &mut syn::File, _cx: &Context<'_>) -> Result<(), Diagnostic> {
        file.attrs.insert(
            0,
            parse_quote!(#![allow(
                missing_docs,
                unused_imports,
                unreachable_pub,
                rust_2018_idioms,
                clippy::all,
                clippy::pedantic,
                clippy::nursery
            )]),
        );
        Ok(())
    }
}
