//! Build cost: cold `cargo build -p c2a-client` (dev profile), and the share of it taken by
//! the `c2a-runtime` and `c2a-client` crates themselves (the hand-written runtime and the
//! generated code), against the raw progenitor output of the same spec compiled alone.
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
//! Downstream (the issue's figure): a small binary crate using `c2a-client` (default
//! features) against one using only `reqwest` + `serde` + `serde_json` + `tokio` with the same
//! features (`json`, `query`, `stream`, `http2`, `rustls`; `preserve_order`), both doing the
//! same call; cold builds (dev profile) in their own target directories with `--timings`, in
//! rounds that alternate which side builds first (the machine's load drifts); its
//! report gives the units that took longest. `--skip-downstream` leaves it out.
//!
//! The spec-edit loop ([`c2a_bench::spec_loop`]): `cargo xtask codegen` on a fresh clone and
//! warm after a description edit, with the next `cargo xtask` command, for a base revision
//! and HEAD side by side. `--only-loop` measures only the loop.
//!
//! Slow (minutes): `cargo xtask bench build`, not part of the default `cargo xtask bench`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use c2a_bench::harness::{Paired, median};
use c2a_bench::report::Report;
use c2a_bench::{Options, project_spec, spec_loop, workspace_root};

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
            // The client is the generated crate and the runtime under it: `cargo` names
            // `-p c2a-client`, this adds the runtime.
            Side::Client => self.cargo(side, &["clean", "-p", "c2a-runtime"]).status(),
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
    // The workspace's reqwest carries no TLS (c2a-client's `rustls` feature adds it): the raw
    // crate gets the same stack as c2a-client's default.
    let dependencies: Vec<String> = RAW_DEPENDENCIES
        .iter()
        .map(|n| workspace_dependency(&manifest, n))
        .map(|line| {
            if line.starts_with("reqwest") {
                line.replacen("features = [", "features = [\"rustls\", ", 1)
            } else {
                line
            }
        })
        .collect();
    let cargo_toml = format!(
        "[package]\nname = \"raw-client\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{}\n\n[workspace]\n",
        dependencies.join("\n")
    );
    let lib = "//! progenitor's raw output for openapi/c2a.yaml (no post-processing pass), compiled alone:\n\
               //! the baseline of c2a-bench's build-cost benchmark. Only the glue it needs is added.\n\
               #![allow(warnings)]\n\n\
               // The generated code names the runtime `c2a_runtime::...`: this crate stands in.\n\
               extern crate self as c2a_runtime;\n\n\
               /// The client's inner value (c2a-runtime's configuration stands here).\n\
               #[derive(Clone, Debug, Default)]\n\
               pub struct RuntimeConfig;\n\n\
               /// The spec's `Milpieces` replacement (c2a-runtime has a hand-written type).\n\
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

/// The two downstream crates: (`c2a-client` user, plain reqwest user).
fn write_downstream(root: &Path) -> (PathBuf, PathBuf) {
    let client_dir = root.join("downstream-c2a");
    let plain_dir = root.join("downstream-plain");
    let tokio = r#"tokio = { version = "1", features = ["macros", "rt-multi-thread"] }"#;
    let client_manifest = format!(
        "[package]\nname = \"downstream-c2a\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nc2a-client = {{ path = {:?} }}\n{tokio}\n\n[workspace]\n",
        workspace_root().join("c2a-client").display().to_string()
    );
    let client_main = r#"//! A downstream user of c2a-client (build-cost benchmark).
#[tokio::main]
async fn main() {
    let client = c2a_client::Client::builder()
        .base_url("http://127.0.0.1:9/api/v1")
        .api_key("sk_dev_example_0123456789")
        .tenant("tenant")
        .build()
        .expect("client");
    let status = client.get_checkout_status().tracking_number("trk_1").send().await;
    println!("{:?}", status.map(|s| s.status.message_code));
}
"#;
    let plain_manifest = format!(
        "[package]\nname = \"downstream-plain\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nreqwest = {{ version = \"0.13\", default-features = false, features = [\"json\", \"query\", \
         \"stream\", \"http2\", \"rustls\"] }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = {{ version = \"1\", features = [\"preserve_order\"] }}\n{tokio}\n\n[workspace]\n"
    );
    let plain_main = r#"//! A downstream user of reqwest + serde only (build-cost benchmark).
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    message_code: String,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CheckoutResult {
    tracking_number: Option<String>,
    status: Status,
}

#[tokio::main]
async fn main() {
    let http = reqwest::Client::new();
    let result = async {
        let response = http
            .get("http://127.0.0.1:9/api/v1/c2a/offer/checkout/trk_1/status")
            .header("x-api-key", "sk_dev_example_0123456789")
            .header("x-tn", "tenant")
            .send()
            .await?;
        response.json::<CheckoutResult>().await
    }
    .await;
    println!("{result:?}");
}
"#;
    for (dir, manifest, main) in
        [(&client_dir, client_manifest, client_main), (&plain_dir, plain_manifest, plain_main)]
    {
        std::fs::create_dir_all(dir.join("src")).expect("downstream crate directory");
        std::fs::write(dir.join("Cargo.toml"), manifest).expect("Cargo.toml");
        std::fs::write(dir.join("src/main.rs"), main).expect("main.rs");
        std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("Cargo.lock");
    }
    (client_dir, plain_dir)
}

/// Cold `cargo build --timings` of the crate in `dir` (its target directory removed first):
/// the wall time and the units by build time, longest first.
fn cold_with_timings(cargo: &str, dir: &Path) -> (f64, Vec<(String, f64)>) {
    let target = dir.join("target");
    if target.exists() {
        std::fs::remove_dir_all(&target).expect("remove the downstream target directory");
    }
    let log = dir.join("build.log");
    let log_file = std::fs::File::create(&log).expect("build log");
    let started = Instant::now();
    let status = Command::new(cargo)
        .args(["build", "--offline", "--timings"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .stdout(log_file.try_clone().expect("log"))
        .stderr(log_file)
        .status()
        .expect("run cargo build");
    let seconds = started.elapsed().as_secs_f64();
    assert!(status.success(), "cargo build in {} failed; see {}", dir.display(), log.display());
    eprintln!("build: cold {}: {seconds:.1} s", dir.display());
    let html = std::fs::read_to_string(target.join("cargo-timings/cargo-timing.html")).unwrap_or_default();
    (seconds, unit_times(&html))
}

/// The units of a `cargo --timings` report (`const UNIT_DATA = [...]`), longest first.
fn unit_times(html: &str) -> Vec<(String, f64)> {
    let Some(start) = html.find("UNIT_DATA = ").map(|at| at + "UNIT_DATA = ".len()) else {
        return Vec::new();
    };
    let mut values = serde_json::Deserializer::from_str(&html[start..]).into_iter::<serde_json::Value>();
    let Some(Ok(serde_json::Value::Array(units))) = values.next() else { return Vec::new() };
    let mut times: Vec<(String, f64)> = units
        .iter()
        .filter_map(|unit| {
            let name = unit.get("name")?.as_str()?;
            let target = unit.get("target").and_then(serde_json::Value::as_str).unwrap_or("");
            let duration = unit.get("duration")?.as_f64()?;
            Some((format!("{name}{target}"), duration))
        })
        .collect();
    times.sort_by(|a, b| b.1.total_cmp(&a.1));
    times
}

fn top(units: &[(String, f64)], n: usize) -> String {
    units.iter().take(n).map(|(name, s)| format!("{name} {s:.1} s")).collect::<Vec<_>>().join(", ")
}

fn lines(text: &str) -> usize {
    text.lines().count()
}

fn main() {
    let options = Options::from_env();
    let root = std::env::var_os("C2A_BENCH_BUILD_DIR")
        .map_or_else(|| PathBuf::from("/tmp/c2a-bench-build"), PathBuf::from);
    let scratch = Scratch {
        raw_crate: root.join("raw-client"),
        root,
        cargo: std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()),
    };
    let mut report = Report::new("build");
    if !options.rest.iter().any(|a| a == "--only-loop") {
        builds(&options, &scratch, &mut report);
    }
    spec_edit_loop(&options, &scratch, &mut report);
    report.finish();
}

/// The spec-edit loop ([`c2a_bench::spec_loop`]): the base revision, then this one.
fn spec_edit_loop(options: &Options, scratch: &Scratch, report: &mut Report) {
    let rounds = if options.quick { 2 } else { 5 };
    let base = std::env::var("C2A_BENCH_LOOP_BASE").unwrap_or_else(|_| spec_loop::DEFAULT_BASE.to_owned());
    let [old, new] = [base.as_str(), "HEAD"]
        .map(|rev| spec_loop::measure(&scratch.cargo, &workspace_root(), rev, &scratch.root, rounds));
    report.note(format!(
        "- spec-edit loop: a copy of each revision's committed tree with its own target directory, the base \
         ({}) measured first, then HEAD. Fresh clone: `cargo xtask codegen` with an empty target directory \
         (one run each): base {:.1} s, HEAD {:.1} s. Warm: {rounds} rounds of a schema description edit, then \
         `cargo xtask codegen`, then the next `cargo xtask` command (`codegen --check`); medians, base: \
         {:.2} s and {:.2} s; HEAD: {:.2} s and {:.2} s.",
        old.revision,
        old.fresh_clone,
        new.fresh_clone,
        old.codegen_median(),
        old.next_command_median(),
        new.codegen_median(),
        new.next_command_median(),
    ));
    let codegen = new.codegen_median();
    report.row(
        "spec-edit loop: `cargo xtask codegen` after a description edit (median, warm)",
        format!("{codegen:.2} s (base {:.2} s)", old.codegen_median()),
        "<= 1.0 s",
        codegen <= 1.0,
    );
    let next = new.next_command_median();
    report.row(
        "spec-edit loop: the next `cargo xtask` command (median, warm)",
        format!("{next:.2} s (base {:.2} s)", old.next_command_median()),
        "<= 1.0 s",
        next <= 1.0,
    );
    let fresh = new.fresh_clone / old.fresh_clone;
    report.row(
        "fresh clone: `cargo xtask codegen`, HEAD / base",
        format!("{fresh:.2} ({:.1} s / {:.1} s)", new.fresh_clone, old.fresh_clone),
        "<= 0.60",
        fresh <= 0.60,
    );
}

/// Cold builds of the client against raw progenitor output, and the downstream build.
fn builds(options: &Options, scratch: &Scratch, report: &mut Report) {
    let cold_rounds = options.rounds(1, 1);
    let crate_rounds = if options.quick { 2 } else { 4 };
    // Four rounds, two in each order: two rounds of the same build have differed by 15 %.
    let downstream_rounds = if options.quick { 1 } else { 4 };
    let spec = project_spec();
    let mut timings = generator::StageTimings::default();
    let raw = generator::run_progenitor(&spec, "openapi/c2a.yaml", &mut timings).expect("progenitor output");
    let raw_text = prettyplease::unparse(&raw.file);
    write_raw_crate(&scratch.raw_crate, &raw_text);
    let generated_path = workspace_root().join(generator::CLIENT_MODULE_PATH);
    let generated = std::fs::read_to_string(&generated_path).expect("generated.rs");
    // The hand-written code a build of the client compiles: the runtime crate and the
    // client's `lib.rs` of re-exports.
    let runtime_dir = workspace_root().join("c2a-runtime/src");
    let runtime_lines: usize = std::fs::read_dir(&runtime_dir)
        .expect("c2a-runtime/src")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .chain([workspace_root().join("c2a-client/src/lib.rs")])
        .map(|path| lines(&std::fs::read_to_string(path).unwrap_or_default()))
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

    let downstream = (!options.rest.iter().any(|a| a == "--skip-downstream")).then(|| {
        let (client_dir, plain_dir) = write_downstream(&scratch.root);
        // Rounds alternate which side builds first; the units come from the last round.
        let mut cold = Paired::default();
        let (mut client_units, mut plain_units) = (Vec::new(), Vec::new());
        for round in 0..downstream_rounds {
            let client_first = round % 2 == 0;
            let first =
                cold_with_timings(&scratch.cargo, if client_first { &client_dir } else { &plain_dir });
            let second =
                cold_with_timings(&scratch.cargo, if client_first { &plain_dir } else { &client_dir });
            let ((client, units_c), (plain, units_p)) =
                if client_first { (first, second) } else { (second, first) };
            cold.push(client, plain);
            (client_units, plain_units) = (units_c, units_p);
        }
        (cold, client_units, plain_units)
    });

    report.note(format!(
        "Dev profile, {} jobs, scratch directory {} (separate target directories). Cold: {cold_rounds} \
         round(s), target directory removed first. Crate alone: {crate_rounds} rounds of `cargo clean -p` \
         then `cargo build` with dependencies already built. Rounds alternate the two sides.",
        std::thread::available_parallelism().map_or(0, usize::from),
        scratch.root.display(),
    ));
    report.note(format!(
        "- c2a-client: generated.rs {} lines (+ hand-written: c2a-runtime and lib.rs, {runtime_lines} lines); \
         raw progenitor output {} lines. Cold builds: c2a-client {:.1} s, raw {:.1} s (medians). Crates \
         alone (c2a-runtime and c2a-client): {:.1} s, raw {:.1} s (medians).",
        lines(&generated),
        lines(&raw_text),
        cold.median_a(),
        cold.median_b(),
        alone.median_a(),
        alone.median_b(),
    ));
    report.info("cold `cargo build -p c2a-client` (median)", format!("{:.1} s", cold.median_a()));
    report.info(
        "share of that cold build taken by the c2a-runtime and c2a-client crates themselves",
        format!("{:.0} % ({:.1} s)", 100.0 * alone.median_a() / cold.median_a(), alone.median_a()),
    );
    report.info(
        "c2a-runtime + c2a-client alone / raw progenitor output alone (compile time)",
        alone.ratio().to_string(),
    );
    report.info("cold build, c2a-client / raw progenitor crate", format!("{:.2}", cold.ratio().median));
    report.info(
        "crates alone, c2a-runtime + c2a-client minus raw (the post-processing passes' code plus the runtime)",
        format!("{:.1} s", median(&alone.a.iter().zip(&alone.b).map(|(a, b)| a - b).collect::<Vec<_>>())),
    );
    if let Some((cold, client_units, plain_units)) = downstream {
        let per_round: Vec<String> =
            cold.a.iter().zip(&cold.b).map(|(c, p)| format!("{c:.1} s / {p:.1} s")).collect();
        report.note(format!(
            "- downstream, cold (dev profile, {downstream_rounds} rounds alternating which side builds first, \
             `cargo build --timings`): a binary on c2a-client against the same call on reqwest + serde + \
             serde_json + tokio, per round {}. Longest units of the last round, c2a-client side: {}; plain \
             side: {}.",
            per_round.join(", "),
            top(&client_units, 8),
            top(&plain_units, 8),
        ));
        let ratio = cold.ratio();
        report.row(
            "downstream cold build: crate on c2a-client / crate on reqwest + serde + tokio",
            format!("{ratio} ({:.1} s / {:.1} s)", cold.median_a(), cold.median_b()),
            "<= 1.05",
            ratio.median <= 1.05,
        );
        report.info("downstream: longest units on the c2a-client side", top(&client_units, 5));
    }
}
