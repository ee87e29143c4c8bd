//! Build cost: cold `cargo build -p c2a-client` (dev profile), and the share of it taken by
//! the `c2a-client` crate itself (generated code plus the hand-written runtime), against the
//! raw progenitor output of the same spec compiled alone.
//!
//! The raw side is `generator::run_progenitor` (load, checks, lowering, progenitor: no
//! post-processing pass) formatted with prettyplease, in a scratch crate under
//! `$C2A_BENCH_BUILD_DIR` (default `/tmp/c2a-bench-build`) with only the glue it needs (a
//! unit `RuntimeConfig`, `money::Milpieces = i64`, progenitor's default hooks) and the
//! workspace's versions of its dependencies (`Cargo.lock` copied, `--offline`).
//!
//! Each side builds in its own target directory under the scratch directory (never the
//! workspace's `target/`). Rounds alternate the sides:
//! - cold: the target directory removed, then `cargo build` (dependencies included);
//! - crate only: `cargo clean -p <crate>` in the warm target directory, then `cargo build`.
//!
//! Slow (minutes): `cargo xtask bench build`, not part of the default `cargo xtask bench`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use c2a_bench::harness::{Paired, median};
use c2a_bench::report::Report;
use c2a_bench::{Options, project_spec, workspace_root};

/// Dependencies of the raw output, with the workspace's requirements.
const RAW_DEPENDENCIES: [&str; 5] = ["progenitor-client", "reqwest", "serde", "serde_json", "chrono"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Client,
    Raw,
}

struct Scratch {
    root: PathBuf,
    raw_crate: PathBuf,
    cargo: String,
}

impl Scratch {
    fn target(&self, side: Side) -> PathBuf {
        self.root.join(match side {
            Side::Client => "target-client",
            Side::Raw => "target-raw",
        })
    }

    fn package(side: Side) -> &'static str {
        match side {
            Side::Client => "c2a-client",
            Side::Raw => "raw-client",
        }
    }

    fn cargo(&self, side: Side, args: &[&str]) -> Command {
        let mut command = Command::new(&self.cargo);
        command.args(args).env("CARGO_TARGET_DIR", self.target(side)).env_remove("RUSTFLAGS");
        match side {
            Side::Client => {
                command.current_dir(workspace_root()).args(["-p", "c2a-client", "--locked"]);
            }
            Side::Raw => {
                command.current_dir(&self.raw_crate);
            }
        }
        command.arg("--offline");
        command
    }

    /// Runs `cargo build` for `side`; returns the wall time in seconds.
    fn build(&self, side: Side) -> f64 {
        let log = self.root.join(format!("{}.log", Self::package(side)));
        let log_file = std::fs::File::create(&log).expect("build log");
        let started = Instant::now();
        let status = self
            .cargo(side, &["build"])
            .stdout(log_file.try_clone().expect("log"))
            .stderr(log_file)
            .status()
            .expect("run cargo build");
        let elapsed = started.elapsed().as_secs_f64();
        assert!(status.success(), "cargo build of {} failed; see {}", Self::package(side), log.display());
        elapsed
    }

    fn cold(&self, side: Side) -> f64 {
        let target = self.target(side);
        if target.exists() {
            std::fs::remove_dir_all(&target).expect("remove the scratch target directory");
        }
        let seconds = self.build(side);
        eprintln!("build: cold {}: {seconds:.1} s", Self::package(side));
        seconds
    }

    fn crate_only(&self, side: Side) -> f64 {
        let package = Self::package(side);
        let status = match side {
            Side::Client => self.cargo(side, &["clean"]).status(),
            Side::Raw => self.cargo(side, &["clean", "-p", package]).status(),
        };
        assert!(status.expect("cargo clean").success(), "cargo clean -p {package} failed");
        let seconds = self.build(side);
        eprintln!("build: {package} alone: {seconds:.1} s");
        seconds
    }
}

/// The line of `[workspace.dependencies]` for `name`, as written in the root `Cargo.toml`.
fn workspace_dependency(manifest: &str, name: &str) -> String {
    manifest
        .lines()
        .find(|line| line.split('=').next().is_some_and(|key| key.trim() == name))
        .unwrap_or_else(|| panic!("`{name}` is not in [workspace.dependencies]"))
        .to_owned()
}

fn write_raw_crate(dir: &Path, generated: &str) {
    let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml")).expect("root Cargo.toml");
    let dependencies: Vec<String> =
        RAW_DEPENDENCIES.iter().map(|n| workspace_dependency(&manifest, n)).collect();
    let cargo_toml = format!(
        "[package]\nname = \"raw-client\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{}\n\n[workspace]\n",
        dependencies.join("\n")
    );
    let lib = "//! progenitor's raw output for openapi/c2a.yaml (no post-processing pass), compiled alone:\n\
               //! the baseline of c2a-bench's build-cost benchmark. Only the glue it needs is added.\n\
               #![allow(warnings)]\n\n\
               /// The client's inner value (c2a-client's runtime configuration stands here).\n\
               #[derive(Clone, Debug, Default)]\n\
               pub struct RuntimeConfig;\n\n\
               /// The spec's `Milpieces` replacement (c2a-client has a hand-written type).\n\
               pub mod money {\n    /// Integer money.\n    pub type Milpieces = i64;\n}\n\n\
               #[rustfmt::skip]\n\
               pub mod generated;\n\n\
               pub use generated::*;\n\n\
               impl progenitor_client::ClientHooks<RuntimeConfig> for generated::Client {}\n";
    std::fs::create_dir_all(dir.join("src")).expect("scratch crate directory");
    std::fs::write(dir.join("Cargo.toml"), cargo_toml).expect("Cargo.toml");
    std::fs::write(dir.join("src/lib.rs"), lib).expect("lib.rs");
    std::fs::write(dir.join("src/generated.rs"), generated).expect("generated.rs");
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("Cargo.lock");
}

fn lines(text: &str) -> usize {
    text.lines().count()
}

fn main() {
    let options = Options::from_env();
    let cold_rounds = options.rounds(2, 1);
    let crate_rounds = if options.quick { 2 } else { 6 };
    let root = std::env::var_os("C2A_BENCH_BUILD_DIR")
        .map_or_else(|| PathBuf::from("/tmp/c2a-bench-build"), PathBuf::from);
    let scratch = Scratch {
        raw_crate: root.join("raw-client"),
        root,
        cargo: std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()),
    };

    let spec = project_spec();
    let mut timings = generator::StageTimings::default();
    let raw = generator::run_progenitor(&spec, "openapi/c2a.yaml", &mut timings).expect("progenitor output");
    let raw_text = prettyplease::unparse(&raw.file);
    write_raw_crate(&scratch.raw_crate, &raw_text);
    let generated_path = workspace_root().join(generator::CLIENT_MODULE_PATH);
    let generated = std::fs::read_to_string(&generated_path).expect("generated.rs");
    let runtime_lines: usize = ["config.rs", "error.rs", "lib.rs", "money.rs", "response.rs", "waiter.rs"]
        .iter()
        .map(|f| format!("c2a-client/src/{f}"))
        .chain(
            ["call.rs", "decode.rs", "envelope.rs", "hooks.rs", "mod.rs", "operation.rs", "retry.rs"]
                .iter()
                .map(|f| format!("c2a-client/src/runtime/{f}")),
        )
        .map(|path| lines(&std::fs::read_to_string(workspace_root().join(path)).unwrap_or_default()))
        .sum();

    let mut cold = Paired::default();
    for round in 0..cold_rounds {
        let order = if round % 2 == 0 { [Side::Client, Side::Raw] } else { [Side::Raw, Side::Client] };
        let [x, y] = order.map(|side| scratch.cold(side));
        if order[0] == Side::Client { cold.push(x, y) } else { cold.push(y, x) }
    }
    let mut alone = Paired::default();
    for round in 0..crate_rounds {
        let order = if round % 2 == 0 { [Side::Client, Side::Raw] } else { [Side::Raw, Side::Client] };
        let [x, y] = order.map(|side| scratch.crate_only(side));
        if order[0] == Side::Client { alone.push(x, y) } else { alone.push(y, x) }
    }

    let mut report = Report::new("build");
    report.note(format!(
        "Dev profile, {} jobs, scratch directory {} (separate target directories). Cold: {cold_rounds} \
         round(s), target directory removed first. Crate alone: {crate_rounds} rounds of `cargo clean -p` \
         then `cargo build` with dependencies already built. Rounds alternate the two sides.",
        std::thread::available_parallelism().map_or(0, usize::from),
        scratch.root.display(),
    ));
    report.note(format!(
        "- c2a-client: generated.rs {} lines (+ hand-written runtime {runtime_lines} lines); raw progenitor \
         output {} lines. Cold builds: c2a-client {:.1} s, raw {:.1} s (medians). Crate alone: c2a-client \
         {:.1} s, raw {:.1} s (medians).",
        lines(&generated),
        lines(&raw_text),
        cold.median_a(),
        cold.median_b(),
        alone.median_a(),
        alone.median_b(),
    ));
    report.info("cold `cargo build -p c2a-client` (median)", format!("{:.1} s", cold.median_a()));
    report.info(
        "share of that cold build taken by the c2a-client crate itself",
        format!("{:.0} % ({:.1} s)", 100.0 * alone.median_a() / cold.median_a(), alone.median_a()),
    );
    report.info(
        "c2a-client crate alone / raw progenitor output alone (compile time)",
        alone.ratio().to_string(),
    );
    report.info("cold build, c2a-client / raw progenitor crate", format!("{:.2}", cold.ratio().median));
    report.info(
        "crate alone, c2a-client minus raw (the post-processing passes' code plus the runtime)",
        format!("{:.1} s", median(&alone.a.iter().zip(&alone.b).map(|(a, b)| a - b).collect::<Vec<_>>())),
    );
    report.finish();
}
