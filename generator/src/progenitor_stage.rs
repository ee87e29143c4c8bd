//! Step 4: progenitor's builder interface turns the lowered spec into tokens.

use std::panic::{AssertUnwindSafe, catch_unwind};

use proc_macro2::TokenStream;
use progenitor_impl::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use quote::quote;
use serde_json::Value;

use c2a_spec::checks::MILPIECES;
use c2a_spec::diagnostic::Diagnostic;
use c2a_spec::doc_walk::{SCHEMA_REF_PREFIX, resolve};

/// Path of the hand-written money type that replaces the spec's `Milpieces` component.
pub const MILPIECES_TYPE: &str = "c2a_runtime::money::Milpieces";

/// The settings every run uses: builder-style calls, one `Client` carrying the runtime's
/// configuration (`c2a_runtime::RuntimeConfig`) and required to implement progenitor's hooks
/// (the runtime's retrying `exec`), `PartialEq` on types, and the hand-written
/// [`MILPIECES_TYPE`] in place of the spec's `Milpieces` component.
pub fn settings(spec: &Value) -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_inner_type(quote!(c2a_runtime::RuntimeConfig))
        .with_hooks(HooksMode::Expected)
        .with_derive("PartialEq");
    if resolve(spec, &format!("{SCHEMA_REF_PREFIX}{MILPIECES}")).is_some() {
        settings.with_replacement(
            MILPIECES,
            MILPIECES_TYPE,
            [TypeImpl::Display, TypeImpl::FromStr, TypeImpl::Default].into_iter(),
        );
    }
    settings
}

/// The rule named by every diagnostic of this step: an internal error, since the checks
/// should have refused whatever progenitor cannot take.
pub const RULE: &str = "progenitor";

/// Runs progenitor. Its errors, and the panics it still has for shapes lowering should
/// have removed, both come back as a diagnostic instead of tearing down the caller.
pub fn generate(spec: &openapiv3::OpenAPI, doc: &Value) -> Result<TokenStream, Diagnostic> {
    let run = catch_unwind(AssertUnwindSafe(|| Generator::new(&settings(doc)).generate_tokens(spec)));
    match run {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(e)) => Err(Diagnostic::new("", RULE, format!("progenitor rejected the lowered spec: {e}"))),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            Err(Diagnostic::new("", RULE, format!("progenitor panicked on the lowered spec: {message}")))
        }
    }
}
