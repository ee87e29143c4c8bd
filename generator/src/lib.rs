//! The c2a-bindings generator: `openapi/c2a.yaml` in, formatted Rust out.
//!
//! The pipeline, one module per step:
//!
//! 1. [`c2a_spec::load`]: YAML text to a JSON document (key order kept), located syntax
//!    errors.
//! 2. [`c2a_spec::checks`]: every vendor extension read once into the typed model
//!    ([`c2a_spec::extensions`]), then the project's rules (`openapi/CONVENTIONS.md`).
//! 3. [`lower`]: adapt the truthful spec to what progenitor 0.15 accepts, noting each change.
//! 4. progenitor, builder interface, into a token stream.
//! 5. [`passes`]: post-processing over the `syn` tree, one concern per pass.
//! 6. prettyplease, under a header naming the regenerating command.
//!
//! [`generate`] runs it all in memory and either returns every file or the full list of
//! problems; it never writes anything, so a broken spec cannot leave half an output.
//!
//! For benchmarks (`c2a-bench`), [`generate_timed`] is the same run (`generate` calls it)
//! that also returns the wall time of each step ([`StageTimings`]), and [`run_progenitor`]
//! stops after step 4, handing out progenitor's tree before any pass touches it.

pub mod api_md;
pub mod lower;
pub mod passes;
mod progenitor_stage;
mod render;

use std::time::{Duration, Instant};

use c2a_spec::CheckedSpec;
pub use c2a_spec::{Diagnostic, Diagnostics};

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
    generate_timed(spec_text, spec_display_path).map(|(output, _)| output)
}

/// [`generate`] from the spec file's bytes: input that is not UTF-8 is refused with the
/// byte offset of the first bad byte, instead of an unlocated I/O error.
pub fn generate_bytes(spec_bytes: &[u8], spec_display_path: &str) -> Result<Output, Diagnostics> {
    let text = c2a_spec::load::decode_utf8(spec_bytes)
        .map_err(|d| Diagnostics { file: spec_display_path.to_owned(), items: vec![d] })?;
    generate(text, spec_display_path)
}

/// Wall time of each step of one run, as measured by [`generate_timed`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageTimings {
    /// Step 1: YAML to a JSON document, and the structural OpenAPI parse of the spec as written.
    pub load: Duration,
    /// Step 2: the project's rules ([`c2a_spec::checks::run`]).
    pub checks: Duration,
    /// Step 3: [`lower::lower`] and the OpenAPI parse of the lowered document.
    pub lowering: Duration,
    /// Step 4: progenitor's own code generation (a token stream).
    pub progenitor: Duration,
    /// Parsing progenitor's tokens into a `syn::File` (needed by the passes and by formatting).
    pub parse: Duration,
    /// Step 5: every post-processing pass ([`passes::all`]).
    pub passes: Duration,
    /// Step 6: prettyplease and the header of `generated.rs`.
    pub formatting: Duration,
    /// `API.md` from the final tree ([`api_md`]), and counting the generated types.
    pub api_md: Duration,
}

impl StageTimings {
    /// The sum of every step.
    pub fn total(&self) -> Duration {
        self.load
            + self.checks
            + self.lowering
            + self.progenitor
            + self.parse
            + self.passes
            + self.formatting
            + self.api_md
    }
}

/// Steps 1 to 4 done: the spec as written, what lowering changed, and progenitor's output
/// parsed into a tree that no post-processing pass has touched yet.
#[derive(Clone, Debug)]
pub struct ProgenitorOutput {
    /// The checked spec (what the passes read).
    pub spec: CheckedSpec,
    /// What lowering changed.
    pub notes: lower::LoweringNotes,
    /// progenitor's output, unedited.
    pub file: syn::File,
}

/// [`generate`], also returning how long each step took. This is the only implementation of
/// the pipeline: `generate` calls it and drops the timings.
pub fn generate_timed(
    spec_text: &str,
    spec_display_path: &str,
) -> Result<(Output, StageTimings), Diagnostics> {
    let fail = |items: Vec<Diagnostic>| Diagnostics { file: spec_display_path.to_owned(), items };
    let mut timings = StageTimings::default();
    let ProgenitorOutput { spec, notes, mut file } =
        run_progenitor(spec_text, spec_display_path, &mut timings)?;

    let started = Instant::now();
    let cx = passes::Context { spec: &spec, notes: &notes };
    passes::run_all(&passes::all(), &mut file, &cx).map_err(|d| fail(vec![d]))?;
    timings.passes = started.elapsed();

    let started = Instant::now();
    let client_module = GeneratedFile {
        path: CLIENT_MODULE_PATH.to_owned(),
        contents: render::render(&file, spec_display_path),
    };
    timings.formatting = started.elapsed();

    let started = Instant::now();
    let output = Output {
        operations: spec.extensions.operations.len(),
        types: count_types(&file),
        files: vec![client_module, api_md::file(&spec, &file, spec_display_path)],
    };
    timings.api_md = started.elapsed();
    Ok((output, timings))
}

/// Steps 1 to 4 (load, checks, lowering, progenitor) and the parse of progenitor's tokens,
/// recording their times in `timings`; [`generate_timed`] continues from here.
///
/// Also useful alone: `prettyplease::unparse(&output.file)` is progenitor's raw output for
/// the spec, without any post-processing pass (the build-cost benchmark compiles it).
pub fn run_progenitor(
    spec_text: &str,
    spec_display_path: &str,
    timings: &mut StageTimings,
) -> Result<ProgenitorOutput, Diagnostics> {
    let fail = |items: Vec<Diagnostic>| Diagnostics { file: spec_display_path.to_owned(), items };

    let started = Instant::now();
    let doc = c2a_spec::load::parse_yaml(spec_text).map_err(|d| fail(vec![d]))?;
    timings.load = started.elapsed();
    let started = Instant::now();
    let extensions = c2a_spec::checks::run(&doc).map_err(fail)?;
    timings.checks = started.elapsed();
    let started = Instant::now();
    c2a_spec::load::parse_openapi(&doc).map_err(|d| fail(vec![d]))?;
    timings.load += started.elapsed();

    let started = Instant::now();
    let lowered = lower::lower(&doc, &extensions).map_err(fail)?;
    let openapi = c2a_spec::load::parse_openapi(&lowered.doc).map_err(|d| fail(vec![d]))?;
    timings.lowering = started.elapsed();

    let started = Instant::now();
    let tokens = progenitor_stage::generate(&openapi, &lowered.doc).map_err(|d| fail(vec![d]))?;
    timings.progenitor = started.elapsed();

    let started = Instant::now();
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        fail(vec![Diagnostic::new(
            "",
            progenitor_stage::RULE,
            format!("progenitor output does not parse: {e}"),
        )])
    })?;
    timings.parse = started.elapsed();
    Ok(ProgenitorOutput { spec: CheckedSpec { doc, extensions }, notes: lowered.notes, file })
}

/// Whether `diagnostic` is an internal error of the generator (progenitor rejected the
/// lowered spec, or a pass did not find what it expects) rather than a refusal of the spec.
///
/// A spec the checks accept must never produce one: the checks are meant to refuse, with a
/// location in the spec, everything the later steps cannot handle. `cargo xtask sweep`
/// treats one as a failure.
pub fn is_internal(diagnostic: &Diagnostic) -> bool {
    diagnostic.rule == progenitor_stage::RULE
        || passes::all().iter().any(|pass| pass.name() == diagnostic.rule)
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
