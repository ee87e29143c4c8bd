//! `cargo xtask sweep [--sample N] [--only TEXT]`: proves that every spec the checks accept
//! yields a client that compiles.
//!
//! Each single-change variant of the project spec ([`variants::single_changes`]) goes
//! through the generator. A refusal must be located and come from the checks (a
//! [`generator::is_internal`] error is a failure); an accepted variant's client must pass
//! `cargo check` in a scratch copy of `c2a-client` ([`ScratchClient`]). Variants
//! whose generated code is byte-identical to one already checked are not checked again.
//! `--sample N` checks N of the distinct accepted clients, spread evenly over the list (CI);
//! every variant is still generated and its refusal judged.

pub mod variants;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use crate::scratch_client::ScratchClient;
use crate::{Outcome, Run};
use variants::Variant;

/// Command-line arguments of `cargo xtask sweep`.
#[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// Compile only this many of the accepted variants (spread evenly); default: all.
    #[arg(long, value_name = "N")]
    pub sample: Option<usize>,
    /// Only the variants whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub only: Option<String>,
}

/// What became of one variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The checks refused it, with a location: the first diagnostic line.
    Refused(String),
    /// The generator failed after the checks accepted it (a bug): the diagnostic line.
    InternalError(String),
    /// Its client passed `cargo check`.
    Compiles,
    /// Its client is byte-identical to that of the named variant.
    SameCodeAs(String),
    /// Accepted, but its client does not compile (a bug): the compiler's errors.
    DoesNotCompile(String),
    /// Accepted, and left out of `--sample`.
    NotSampled,
}

impl Verdict {
    /// Whether this verdict fails the sweep.
    pub fn is_failure(&self) -> bool {
        matches!(self, Self::InternalError(_) | Self::DoesNotCompile(_))
    }

    fn label(&self) -> &'static str {
        match self {
            Self::Refused(_) => "refused",
            Self::InternalError(_) => "INTERNAL ERROR",
            Self::Compiles => "compiles",
            Self::SameCodeAs(_) => "same code",
            Self::DoesNotCompile(_) => "DOES NOT COMPILE",
            Self::NotSampled => "not sampled",
        }
    }
}

impl Run for Args {
    fn run(self, root: &Path) -> Outcome {
        let spec_path = root.join(crate::codegen::DEFAULT_SPEC);
        let text = match std::fs::read_to_string(&spec_path) {
            Ok(text) => text,
            Err(e) => return Outcome::failure(format!("cannot read {}: {e}", spec_path.display())),
        };
        let doc = match c2a_spec::load::parse_yaml(&text) {
            Ok(doc) => doc,
            Err(d) => return Outcome::failure(d.render(crate::codegen::DEFAULT_SPEC)),
        };
        let mut variants = variants::single_changes(&doc);
        if let Some(only) = &self.only {
            variants.retain(|v| v.name.contains(only.as_str()));
        }
        match sweep(root, &variants, self.sample) {
            Ok(report) => Outcome {
                code: if report.failures() == 0 { 0 } else { crate::EXIT_FAILURE },
                stdout: report.to_string(),
                stderr: String::new(),
            },
            Err(e) => Outcome::failure(format!("cannot run the sweep: {e}")),
        }
    }
}

/// Every variant with its verdict, and the time taken.
#[derive(Debug)]
pub struct Report {
    /// `(variant name, verdict)`, in the order of the variants.
    pub rows: Vec<(String, Verdict)>,
    /// Wall time of the whole sweep, in seconds.
    pub seconds: f64,
}

impl Report {
    /// Variants that fail the sweep.
    pub fn failures(&self) -> usize {
        self.rows.iter().filter(|(_, v)| v.is_failure()).count()
    }

    fn count(&self, label: &str) -> usize {
        self.rows.iter().filter(|(_, v)| v.label() == label).count()
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (name, verdict) in &self.rows {
            let detail = match verdict {
                Verdict::Refused(d) | Verdict::InternalError(d) | Verdict::DoesNotCompile(d) => d.as_str(),
                Verdict::SameCodeAs(other) => other.as_str(),
                Verdict::Compiles | Verdict::NotSampled => "",
            };
            let mut line = format!("{:>16}  {name}", verdict.label());
            if !detail.is_empty() {
                let _ = write!(line, "\n{:>16}  {}", "", detail.replace('\n', &format!("\n{:>18}", "")));
            }
            writeln!(f, "{line}")?;
        }
        writeln!(
            f,
            "\n{} variants in {:.0} s: {} compile, {} with the same code as another, {} refused with a \
             location, {} not sampled; {} accepted but not compiling, {} internal errors",
            self.rows.len(),
            self.seconds,
            self.count("compiles"),
            self.count("same code"),
            self.count("refused"),
            self.count("not sampled"),
            self.count("DOES NOT COMPILE"),
            self.count("INTERNAL ERROR"),
        )
    }
}

/// Generates every variant, then type-checks the distinct accepted clients (all, or
/// `sample` of them spread evenly).
pub fn sweep(root: &Path, variants: &[Variant], sample: Option<usize>) -> std::io::Result<Report> {
    let started = Instant::now();
    let mut rows = Vec::with_capacity(variants.len());
    let mut first_with_code: HashMap<String, String> = HashMap::new();
    let mut to_compile: Vec<(usize, String)> = Vec::new();
    for variant in variants {
        let text = serde_json::to_string_pretty(&variant.doc).map_err(std::io::Error::other)?;
        let verdict = match generator::generate(&text, crate::codegen::DEFAULT_SPEC) {
            Err(diagnostics) => match diagnostics.items.iter().find(|d| generator::is_internal(d)) {
                Some(internal) => Verdict::InternalError(internal.render(&diagnostics.file)),
                None => Verdict::Refused(diagnostics.items[0].render(&diagnostics.file)),
            },
            Ok(output) => {
                let code = output.files.into_iter().next().map(|f| f.contents).unwrap_or_default();
                match first_with_code.get(&code) {
                    Some(other) => Verdict::SameCodeAs(other.clone()),
                    None => {
                        first_with_code.insert(code.clone(), variant.name.clone());
                        to_compile.push((rows.len(), code));
                        Verdict::NotSampled
                    }
                }
            }
        };
        rows.push((variant.name.clone(), verdict));
    }
    let chosen = spread(to_compile.len(), sample.unwrap_or(usize::MAX));
    if !chosen.is_empty() {
        let scratch = ScratchClient::create(root, "sweep")?;
        for (position, (row, code)) in to_compile.iter().enumerate() {
            if chosen.contains(&position) {
                rows[*row].1 = match scratch.check(code)? {
                    Ok(()) => Verdict::Compiles,
                    Err(errors) => Verdict::DoesNotCompile(errors),
                };
            }
        }
    }
    Ok(Report { rows, seconds: started.elapsed().as_secs_f64() })
}

/// `want` positions out of `0..len`, spread evenly (all of them when `want >= len`).
fn spread(len: usize, want: usize) -> Vec<usize> {
    if want >= len {
        return (0..len).collect();
    }
    (0..want).map(|i| i * len / want).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_is_spread_over_the_whole_list() {
        assert_eq!(spread(10, 3), [0, 3, 6]);
        assert_eq!(spread(4, 10), [0, 1, 2, 3]);
        assert_eq!(spread(5, 0), Vec::<usize>::new());
    }

    #[test]
    fn refusals_pass_and_internal_errors_fail() {
        let report = Report {
            rows: vec![
                ("a".into(), Verdict::Refused("spec.yaml#/paths: no [rule]".into())),
                ("b".into(), Verdict::Compiles),
                ("c".into(), Verdict::InternalError("spec.yaml: pass failed [waiters]".into())),
                ("d".into(), Verdict::DoesNotCompile("error[E0308]".into())),
            ],
            seconds: 1.0,
        };
        assert_eq!(report.failures(), 2);
        let text = report.to_string();
        assert!(text.contains("4 variants in 1 s: 1 compile"), "{text}");
        assert!(text.contains("1 accepted but not compiling, 1 internal errors"), "{text}");
    }
}
