//! The c2a-bindings generator: `openapi/c2a.yaml` in, formatted Rust out.
//!
//! The pipeline, one module per step:
//!
//! 1. [`load`]: YAML text to a JSON document (key order kept), located syntax errors.
//! 2. [`checks`]: the project's rules for the spec (`openapi/CONVENTIONS.md`).
//! 3. [`lower`]: adapt the truthful spec to what progenitor 0.15 accepts, noting each change.
//! 4. progenitor, builder interface, into a token stream.
//! 5. [`passes`]: post-processing over the `syn` tree, one concern per pass.
//! 6. prettyplease, under a header naming the regenerating command.
//!
//! [`generate`] runs it all in memory and either returns every file or the full list of
//! problems; it never writes anything, so a broken spec cannot leave half an output.

pub mod checks;
pub mod diagnostic;
pub mod load;
pub mod lower;
pub mod passes;
mod progenitor_stage;
mod render;
pub mod spec;
pub mod surface;

pub use diagnostic::{Diagnostic, Diagnostics};

/// Where the generated client module goes, relative to the workspace root.
pub const CLIENT_MODULE_PATH: &str = "c2a-client/src/generated.rs";

/// One file the generator produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the workspace root, with `/` separators.
    pub path: String,
    /// Full contents, header included.
    pub contents: String,
}

/// Everything one run produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The files, in a fixed order.
    pub files: Vec<GeneratedFile>,
    /// Number of operations in the spec.
    pub operations: usize,
    /// Number of named types in the generated `types` module.
    pub types: usize,
}

/// Runs the whole pipeline on the spec text.
///
/// `spec_display_path` is how the spec is named in diagnostics and in the generated header
/// (e.g. `openapi/c2a.yaml`).
pub fn generate(spec_text: &str, spec_display_path: &str) -> Result<Output, Diagnostics> {
    let fail = |items: Vec<Diagnostic>| Diagnostics { file: spec_display_path.to_owned(), items };

    let doc = load::parse_yaml(spec_text).map_err(|d| fail(vec![d]))?;
    let problems = checks::run(&doc);
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    load::parse_openapi(&doc).map_err(|d| fail(vec![d]))?;

    let lowered = lower::lower(&doc).map_err(fail)?;
    let openapi = load::parse_openapi(&lowered.doc).map_err(|d| fail(vec![d]))?;
    let tokens = progenitor_stage::generate(&openapi, &lowered.doc).map_err(|d| fail(vec![d]))?;

    let mut file: syn::File = syn::parse2(tokens).map_err(|e| {
        fail(vec![Diagnostic::new("", "progenitor", format!("progenitor output does not parse: {e}"))])
    })?;
    let cx = passes::Context { spec: &doc, notes: &lowered.notes };
    passes::run_all(&passes::all(), &mut file, &cx).map_err(|d| fail(vec![d]))?;

    Ok(Output {
        operations: spec::operations(&doc).len(),
        types: count_types(&file),
        files: vec![
            GeneratedFile {
                path: CLIENT_MODULE_PATH.to_owned(),
                contents: render::render(&file, spec_display_path),
            },
            surface::file(&doc, &file, spec_display_path),
        ],
    })
}

/// Structs and enums directly inside `pub mod types`.
fn count_types(file: &syn::File) -> usize {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "types" => m.content.as_ref(),
            _ => None,
        })
        .flat_map(|(_, items)| items)
        .filter(|item| matches!(item, syn::Item::Struct(_) | syn::Item::Enum(_)))
        .count()
}
