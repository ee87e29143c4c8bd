//! Side-by-side benchmarks for c2a-bindings (project issue 7).
//!
//! The machine is shared and noisy, so every figure is a ratio of two things measured in the
//! same process, in alternating batches ([`harness`]), never an absolute time compared with
//! another run. Each benchmark is a `harness = false` target under `benches/` with its own
//! `main`; `cargo xtask bench` runs them and prints one summary table, and
//! `cargo bench -p c2a-bench --bench NAME` runs one alone. `BENCHMARKS.md` at the workspace
//! root keeps the figures with the command, date and machine of each.
//!
//! This library holds what the benchmarks share and what the tests check (never timings):
//! - [`harness`]: interleaved batches, medians and ratios.
//! - [`report`]: result rows, printed and saved for the `cargo xtask bench` summary.
//! - [`scale`]: synthetic specs N times larger than `openapi/c2a.yaml`.
//! - [`payloads`]: bodies recorded from `c2a-sandbox`, and large ones grown from them.
//! - [`replay`]: a local server answering fixed recorded responses.
//! - [`baseline`]: hand-written `reqwest` + `serde_json` calls doing what the client does.
//! - [`waits`]: thousands of concurrent `wait_for_checkout` against the sandbox, with an
//!   optional exact count of polls per wait ([`waits::PollCounter`]).
//! - [`spec_loop`]: the spec-edit loop (`cargo xtask codegen` warm and on a fresh clone),
//!   this revision beside a base.
//! - [`transport`]: the client settings of a waiters scenario (defaults, unbounded, a bound;
//!   HTTP/1.1 or h2c).
//! - [`proc_status`]: peak memory and open files of this process, from `/proc/self`.

use std::path::PathBuf;

pub mod baseline;
pub mod harness;
pub mod payloads;
pub mod proc_status;
pub mod replay;
pub mod report;
pub mod scale;
pub mod spec_loop;
pub mod transport;
pub mod waits;

/// The workspace root (where `openapi/c2a.yaml` lives).
pub fn workspace_root() -> PathBuf {
    let bench_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    bench_dir.parent().map(PathBuf::from).unwrap_or(bench_dir)
}

/// The project spec's text.
///
/// # Panics
/// When `openapi/c2a.yaml` cannot be read.
pub fn project_spec() -> String {
    let path = workspace_root().join("openapi/c2a.yaml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Command-line options shared by the benchmarks (`cargo bench ... -- --quick`).
///
/// Unknown arguments (such as the `--bench` cargo passes) are ignored.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// A smoke run: fewer rounds and smaller sizes. Its figures are not for `BENCHMARKS.md`.
    pub quick: bool,
    /// `--rounds N`: override the benchmark's number of interleaved rounds.
    pub rounds: Option<usize>,
    /// Every other argument, in order (benchmark-specific flags).
    pub rest: Vec<String>,
}

impl Options {
    /// Reads the process arguments; `C2A_BENCH_QUICK=1` also selects a quick run.
    pub fn from_env() -> Self {
        let mut options =
            Self { quick: std::env::var("C2A_BENCH_QUICK").is_ok_and(|v| v == "1"), ..Self::default() };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--quick" => options.quick = true,
                "--rounds" => options.rounds = args.next().and_then(|n| n.parse().ok()),
                "--bench" => {}
                _ => options.rest.push(arg),
            }
        }
        options
    }

    /// `--rounds`, else `quick` or `full` by mode.
    pub fn rounds(&self, full: usize, quick: usize) -> usize {
        self.rounds.unwrap_or(if self.quick { quick } else { full }).max(1)
    }

    /// The value after `--name` among the benchmark-specific arguments.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.rest.iter().position(|a| a == name).and_then(|i| self.rest.get(i + 1)).map(String::as_str)
    }
}
