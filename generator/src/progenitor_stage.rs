//! Step 4: progenitor's builder interface turns the lowered spec into tokens.

use std::panic::{AssertUnwindSafe, catch_unwind};

use proc_macro2::TokenStream;
use progenitor_impl::{GenerationSettings, Generator, InterfaceStyle, TagStyle};

use crate::diagnostic::Diagnostic;

/// The settings every run uses: builder-style calls, one `Client`, `PartialEq` on types.
pub fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings.with_interface(InterfaceStyle::Builder).with_tag(TagStyle::Merged).with_derive("PartialEq");
    settings
}

/// Runs progenitor. Its errors, and the panics it still has for shapes lowering should
/// have removed, both come back as a diagnostic instead of tearing down the caller.
pub fn generate(spec: &openapiv3::OpenAPI) -> Result<TokenStream, Diagnostic> {
    let run = catch_unwind(AssertUnwindSafe(|| Generator::new(&settings()).generate_tokens(spec)));
    match run {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(e)) => {
            Err(Diagnostic::new("", "progenitor", format!("progenitor rejected the lowered spec: {e}")))
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            Err(Diagnostic::new(
                "",
                "progenitor",
                format!("progenitor panicked on the lowered spec: {message}"),
            ))
        }
    }
}
