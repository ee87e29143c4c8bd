//! `cargo xtask bench [STEP]... [--quick]`: the side-by-side benchmarks of `c2a-bench`, then
//! one summary table with the date and a description of the machine.
//!
//! Each step is `cargo bench -p c2a-bench --bench STEP` (also runnable alone), with
//! `C2A_BENCH_OUT` pointing at `target/c2a-bench/`, where the benchmark saves its rows
//! (`STEP.tsv`) and its section (`STEP.md`: notes and table); the report, the summary table
//! followed by every section, all from this one run, is printed and saved as
//! `target/c2a-bench/summary.md`, and with `--update-doc` written into `BENCHMARKS.md`
//! between its `<!-- bench:begin -->` and `<!-- bench:end -->` markers (so the summary and
//! the section tables there cannot disagree). Without steps: `codegen`, `decode`, `calls`,
//! `waiters`, `sandbox`; `build` (cold builds, minutes) runs only when named (or with `all`).
//! Benchmarks never fail on a missed target: they report it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Outcome, Run};

/// Command-line arguments of `cargo xtask bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Benchmarks to run, in order (default: codegen decode calls waiters; `all` adds build).
    #[arg(value_enum, value_name = "STEP")]
    pub steps: Vec<Step>,
    /// A smoke run: fewer rounds and smaller sizes. Its figures are not for BENCHMARKS.md.
    #[arg(long)]
    pub quick: bool,
    /// Writes the report into BENCHMARKS.md between its `<!-- bench:begin -->` and
    /// `<!-- bench:end -->` markers (refused with `--quick`).
    #[arg(long, conflicts_with = "quick")]
    pub update_doc: bool,
}

/// One benchmark of `c2a-bench`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Step {
    /// Spec to formatted files, by stage, at 1x/4x/16x/64x.
    Codegen,
    /// Envelope + payload decoding vs plain `serde_json::from_slice`.
    Decode,
    /// Per-call overhead vs hand-written reqwest + serde_json, 1 and 64 callers.
    Calls,
    /// 10,000 concurrent `wait_for_checkout`, the sandbox in its own process.
    Waiters,
    /// The sandbox's cost per request, fresh vs 10,000 flows, and memory per flow.
    Sandbox,
    /// Cold build of c2a-client vs raw progenitor output (slow).
    Build,
    /// Every benchmark above.
    All,
}

impl Step {
    /// The `--bench` target name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Codegen => "codegen",
            Self::Decode => "decode",
            Self::Calls => "calls",
            Self::Waiters => "waiters",
            Self::Sandbox => "sandbox",
            Self::Build => "build",
            Self::All => "all",
        }
    }
}

impl Run for Args {
    /// Runs the benchmarks; prints the summary, or the error with exit status 1.
    fn run(self, root: &Path) -> Outcome {
        Outcome::of(run(&self, root))
    }
}

/// The steps run when none is named.
pub const DEFAULT_STEPS: [Step; 5] = [Step::Codegen, Step::Decode, Step::Calls, Step::Waiters, Step::Sandbox];

/// Why `cargo xtask bench` failed (a missed target is not a failure).
#[derive(Debug)]
pub enum BenchError {
    /// `cargo bench` could not be started or failed.
    Cargo(String),
    /// A benchmark's results could not be read.
    Results(PathBuf, std::io::Error),
    /// BENCHMARKS.md could not be updated.
    Doc(String),
}

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cargo(message) => write!(f, "{message}"),
            Self::Results(path, e) => write!(f, "cannot read benchmark results {}: {e}", path.display()),
            Self::Doc(message) => write!(f, "BENCHMARKS.md: {message}"),
        }
    }
}

impl std::error::Error for BenchError {}

/// The steps to run for `requested`, expanded and without repeats.
pub fn expand(requested: &[Step]) -> Vec<Step> {
    let all = [Step::Codegen, Step::Decode, Step::Calls, Step::Waiters, Step::Sandbox, Step::Build];
    let wanted: Vec<Step> = if requested.is_empty() {
        DEFAULT_STEPS.to_vec()
    } else if requested.contains(&Step::All) {
        all.to_vec()
    } else {
        requested.to_vec()
    };
    let mut steps = Vec::new();
    for step in wanted {
        if !steps.contains(&step) {
            steps.push(step);
        }
    }
    steps
}

/// Runs the benchmarks and returns the summary (markdown).
///
/// # Errors
/// When `cargo bench` fails or a benchmark leaves no results.
pub fn run(args: &Args, root: &Path) -> Result<String, BenchError> {
    let out_dir = target_dir(root).join("c2a-bench");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let steps = expand(&args.steps);
    let load_before = load_average();
    let mut sections = Vec::new();
    for step in &steps {
        let results = out_dir.join(format!("{}.tsv", step.name()));
        let _ = std::fs::remove_file(&results);
        let mut command = Command::new(&cargo);
        command
            .current_dir(root)
            .args(["bench", "--locked", "-p", "c2a-bench", "--bench", step.name()])
            .env("C2A_BENCH_OUT", &out_dir);
        if args.quick {
            command.args(["--", "--quick"]);
        }
        eprintln!(
            "==> cargo bench -p c2a-bench --bench {}{}",
            step.name(),
            if args.quick { " -- --quick" } else { "" }
        );
        let status = command.status().map_err(|e| BenchError::Cargo(format!("cannot run {cargo}: {e}")))?;
        if !status.success() {
            return Err(BenchError::Cargo(format!("`cargo bench --bench {}` failed: {status}", step.name())));
        }
        let rows = std::fs::read_to_string(&results).map_err(|e| BenchError::Results(results.clone(), e))?;
        let section_path = out_dir.join(format!("{}.md", step.name()));
        let section =
            std::fs::read_to_string(&section_path).map_err(|e| BenchError::Results(section_path, e))?;
        sections.push(Section { step: *step, rows, text: section });
    }
    let summary = summary(&sections, args.quick, &load_before, &load_average());
    let _ =
        std::fs::create_dir_all(&out_dir).and_then(|()| std::fs::write(out_dir.join("summary.md"), &summary));
    if args.update_doc {
        let path = root.join("BENCHMARKS.md");
        let doc = std::fs::read_to_string(&path).map_err(|e| BenchError::Doc(e.to_string()))?;
        let updated = replace_generated(&doc, &summary).ok_or_else(|| {
            BenchError::Doc(format!("no `{BEGIN_MARKER}` ... `{END_MARKER}` block to replace"))
        })?;
        std::fs::write(&path, updated).map_err(|e| BenchError::Doc(e.to_string()))?;
    }
    Ok(summary)
}

/// Where the generated report starts and ends in BENCHMARKS.md.
pub const BEGIN_MARKER: &str = "<!-- bench:begin -->";
/// See [`BEGIN_MARKER`].
pub const END_MARKER: &str = "<!-- bench:end -->";

/// `doc` with the text between the markers replaced by `report` (markers kept).
pub fn replace_generated(doc: &str, report: &str) -> Option<String> {
    let start = doc.find(BEGIN_MARKER)? + BEGIN_MARKER.len();
    let end = start + doc[start..].find(END_MARKER)?;
    Some(format!("{}\n{}\n{}", &doc[..start], report.trim_end(), &doc[end..]))
}

/// One step's results: the rows (`STEP.tsv`) and its section (`STEP.md`).
struct Section {
    step: Step,
    rows: String,
    text: String,
}

fn summary(sections: &[Section], quick: bool, load_before: &str, load_after: &str) -> String {
    let mut out = String::from("### Summary (generated by `cargo xtask bench`)\n\n");
    if quick {
        out.push_str(
            "**Quick (smoke) run: fewer rounds and smaller sizes; not figures for BENCHMARKS.md.**\n\n",
        );
    }
    out.push_str(&machine_description());
    out.push_str(&format!("- load average: {load_before} before, {load_after} after\n\n"));
    out.push_str("| benchmark | figure | measured | target | verdict |\n|---|---|---|---|---|\n");
    for section in sections {
        for row in section.rows.lines().filter(|l| !l.is_empty()) {
            let cells: Vec<&str> = row.split('\t').collect();
            out.push_str(&format!("| {} | {} |\n", section.step.name(), cells.join(" | ")));
        }
    }
    out.push_str("\nReproduce: `cargo xtask bench STEP` or `cargo bench -p c2a-bench --bench STEP`.\n");
    for section in sections {
        let name = section.step.name();
        out.push_str(&format!(
            "\n### {name} (`cargo xtask bench {name}`, or `cargo bench -p c2a-bench --bench {name}`)\n\n"
        ));
        out.push_str(section.text.trim_end());
        out.push('\n');
    }
    out
}

/// Date, CPU, cores, memory and toolchain, as a markdown list.
pub fn machine_description() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name").and_then(|rest| rest.split_once(':')).map(|(_, v)| v.trim())
        })
        .unwrap_or("unknown")
        .to_owned();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or_else(|| "unknown".to_owned(), |kib| format!("{:.1} GiB", kib as f64 / (1024.0 * 1024.0)));
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    format!(
        "- date: {}\n- machine: {cores} cores (`nproc`), {memory} memory, CPU `{cpu}`\n- toolchain: {rustc}\n",
        today_utc()
    )
}

/// `/proc/loadavg`'s three averages.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today_utc() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_steps() {
        let today = today_utc();
        assert!(chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d").is_ok(), "{today}");
        assert_eq!(today.len(), "YYYY-MM-DD".len());
        assert_eq!(expand(&[]), DEFAULT_STEPS.to_vec());
        assert_eq!(expand(&[Step::Build, Step::Build]), vec![Step::Build]);
        assert_eq!(expand(&[Step::All]).len(), 6);
    }

    #[test]
    fn the_summary_has_one_row_per_figure() {
        let section = Section {
            step: Step::Decode,
            rows: "a\t1.02\t<= 1.10\tmet\n".to_owned(),
            text: "how\n\n| figure | measured | target | verdict |\n".to_owned(),
        };
        let summary = summary(&[section], false, "0 0 0", "0 0 0");
        assert!(summary.contains("| decode | a | 1.02 | <= 1.10 | met |"), "{summary}");
        assert!(summary.contains("- machine: "));
        assert!(summary.contains("### decode (`cargo xtask bench decode`"), "{summary}");
        assert!(summary.ends_with("how\n\n| figure | measured | target | verdict |\n"), "{summary}");
    }

    #[test]
    fn the_doc_block_is_replaced_between_its_markers() {
        let doc = format!("intro\n{BEGIN_MARKER}\nold\n{END_MARKER}\nprose\n");
        let updated = replace_generated(&doc, "new report\n").expect("markers");
        assert_eq!(updated, format!("intro\n{BEGIN_MARKER}\nnew report\n{END_MARKER}\nprose\n"));
        assert_eq!(replace_generated("no markers", "x"), None);
    }
}
