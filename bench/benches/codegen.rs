//! Codegen: in-process time from spec text to formatted files, split by stage, for
//! `openapi/c2a.yaml` and for synthetic specs 4, 16 and 64 times larger
//! (`c2a_bench::scale`).
//!
//! Every round runs `generator::generate_timed` once per size, sizes in a rotating order, so
//! all sizes see the same machine load; figures are medians over rounds. The target ratio
//! (checks + passes + API.md) / progenitor is taken within each run, then its median.
//! Growth: the exponent `k` of `time ~ operations^k` between the 4x and 64x specs.
//! `--profile-passes` adds the time of each post-processing pass (smallest and largest spec).

use std::time::Duration;

use c2a_bench::harness::{Ratio, human, median};
use c2a_bench::report::Report;
use c2a_bench::{Options, project_spec, scale};
use generator::StageTimings;

/// Linear growth: the fitted exponent between the 4x and 64x specs at most this.
const EXPONENT_TARGET: f64 = 1.10;

/// One stage's time, read from a run's timings.
type Stage = fn(&StageTimings) -> Duration;

struct Size {
    factor: usize,
    spec: String,
    operations: usize,
    types: usize,
    runs: Vec<StageTimings>,
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn stage_median(runs: &[StageTimings], stage: impl Fn(&StageTimings) -> Duration) -> f64 {
    median(&runs.iter().map(|t| secs(stage(t))).collect::<Vec<_>>())
}

/// (checks + passes + API.md) / progenitor, per run.
fn overhead(t: &StageTimings) -> f64 {
    secs(t.checks + t.passes + t.api_md) / secs(t.progenitor)
}

/// Everything the project adds around progenitor (checks, lowering, passes, API.md).
fn project_share(t: &StageTimings) -> f64 {
    secs(t.checks + t.lowering + t.passes + t.api_md) / secs(t.progenitor)
}

fn main() {
    let options = Options::from_env();
    let real = project_spec();
    let factors: &[usize] = if options.quick { &[1, 4, 16] } else { &[1, 4, 16, 64] };
    let rounds = options.rounds(5, 2);

    let mut sizes: Vec<Size> = factors
        .iter()
        .map(|&factor| {
            let spec = if factor == 1 { real.clone() } else { scale::scaled_spec(&real, factor) };
            // Warm-up, and proof that the synthetic spec passes every check.
            let output = generator::generate(&spec, "openapi/c2a.yaml")
                .unwrap_or_else(|e| panic!("the {factor}x spec does not generate:\n{e}"));
            eprintln!("codegen: {factor}x spec: {} operations, {} types", output.operations, output.types);
            Size { factor, spec, operations: output.operations, types: output.types, runs: Vec::new() }
        })
        .collect();

    for round in 0..rounds {
        for j in 0..sizes.len() {
            let size = &mut sizes[(j + round) % factors.len()];
            let (_, timings) = generator::generate_timed(&size.spec, "openapi/c2a.yaml").expect("generates");
            size.runs.push(timings);
        }
        eprintln!("codegen: round {}/{rounds} done", round + 1);
    }

    let mut report = Report::new("codegen");
    report.note(format!(
        "Median over {rounds} interleaved rounds of `generator::generate_timed` (spec text to both \
         formatted files, in process). 1x is `openapi/c2a.yaml`; Nx are synthetic copies (`c2a_bench::scale`)."
    ));
    report.note(String::new());
    report.note(
        "| spec | ops | types | load | checks | lowering | progenitor | parse | passes | format | API.md | total | per op | per op vs 1x |",
    );
    report.note("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let per_op_1x = stage_median(&sizes[0].runs, StageTimings::total) / sizes[0].operations as f64;
    for size in &sizes {
        let m = |stage: fn(&StageTimings) -> Duration| human(stage_median(&size.runs, stage));
        let total = stage_median(&size.runs, StageTimings::total);
        let per_op = total / size.operations as f64;
        report.note(format!(
            "| {}x | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.2} |",
            size.factor,
            size.operations,
            size.types,
            m(|t| t.load),
            m(|t| t.checks),
            m(|t| t.lowering),
            m(|t| t.progenitor),
            m(|t| t.parse),
            m(|t| t.passes),
            m(|t| t.formatting),
            m(|t| t.api_md),
            human(total),
            human(per_op),
            per_op / per_op_1x,
        ));
    }

    for size in &sizes {
        let ratio = Ratio::of(size.runs.iter().map(overhead).collect());
        // Context only: the former target (<= 0.25) is retired; see BENCHMARKS.md.
        report.info(
            format!("(checks + passes + API.md) / progenitor, {}x ({} ops)", size.factor, size.operations),
            format!("{:.3}", ratio.median),
        );
    }
    for size in &sizes {
        let ratio = Ratio::of(size.runs.iter().map(project_share).collect());
        report.info(
            format!("(checks + lowering + passes + API.md) / progenitor, {}x", size.factor),
            format!("{:.3}", ratio.median),
        );
    }

    if let (Some(small), Some(large)) = (sizes.iter().find(|s| s.factor == 4), sizes.last())
        && large.factor > small.factor
    {
        let growth = |stage: fn(&StageTimings) -> Duration| {
            let (a, b) = (stage_median(&small.runs, stage), stage_median(&large.runs, stage));
            (b / a).ln() / (large.operations as f64 / small.operations as f64).ln()
        };
        let k = growth(StageTimings::total);
        report.row(
            format!("growth exponent k of total time, {}x -> {}x", small.factor, large.factor),
            format!("{k:.3}"),
            &format!("<= {EXPONENT_TARGET:.2} (linear)"),
            k <= EXPONENT_TARGET,
        );
        let stages: [(&str, Stage); 8] = [
            ("load", |t| t.load),
            ("checks", |t| t.checks),
            ("lowering", |t| t.lowering),
            ("progenitor", |t| t.progenitor),
            ("parse", |t| t.parse),
            ("passes", |t| t.passes),
            ("format", |t| t.formatting),
            ("API.md", |t| t.api_md),
        ];
        let per_stage: Vec<String> =
            stages.iter().map(|(name, f)| format!("{name} {:.2}", growth(*f))).collect();
        report.info("growth exponent per stage", per_stage.join(", "));
    }

    if options.rest.iter().any(|a| a == "--profile-passes") {
        for size in [sizes.first(), sizes.last()].into_iter().flatten() {
            report.note(String::new());
            report.note(format!("Per pass, {}x (median of {rounds} runs):", size.factor));
            for (name, seconds) in profile_passes(&size.spec, rounds) {
                report.note(format!("- {name}: {}", human(seconds)));
            }
        }
    }
    report.finish();
}

/// Each post-processing pass timed alone, in `passes::all()` order, on progenitor's tree.
fn profile_passes(spec: &str, rounds: usize) -> Vec<(&'static str, f64)> {
    let mut samples: Vec<(&'static str, Vec<f64>)> =
        generator::passes::all().iter().map(|p| (p.name(), Vec::new())).collect();
    for _ in 0..rounds {
        let mut timings = StageTimings::default();
        let mut out = generator::run_progenitor(spec, "openapi/c2a.yaml", &mut timings).expect("progenitor");
        let cx = generator::passes::Context { spec: &out.spec, notes: &out.notes };
        for (i, pass) in generator::passes::all().into_iter().enumerate() {
            let started = std::time::Instant::now();
            generator::passes::run_all(&[pass], &mut out.file, &cx).expect("pass");
            samples[i].1.push(started.elapsed().as_secs_f64());
        }
    }
    samples.into_iter().map(|(name, s)| (name, median(&s))).collect()
}
