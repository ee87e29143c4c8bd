//! Waiters at scale: 10,000 concurrent `wait_for_checkout` against an in-process
//! `c2a-sandbox` with a fixed processing time, through one shared `Client`
//! (`c2a_bench::waits`).
//!
//! Every run is a child process of this benchmark (its own binary with `--mode`), so that
//! nothing else pollutes its peak memory:
//! - `--mode plain`: no tracing subscriber at all: peak memory (`VmHWM`), open files, TCP
//!   counters and wall time;
//! - `--mode counted`: a `tracing` layer counts every poll of every wait
//!   (`c2a_bench::waits::PollCounter`), compared with the minimum the server's hints allow;
//! - `--mode sandbox`: only a sandbox, for the diagnostic run where the client and the
//!   sandbox are in separate processes, to split the peak memory between them.
//!
//! Scenarios: the waits all started at once (the figures with targets); the same with the
//! sandbox in its own process; and the waits started over one second, 200 at a time
//! (diagnostic: fewer simultaneous new connections).
//!
//! Options: `--waits N` (default 10,000), `--processing-ms MS` (default 5,000).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use c2a_bench::Options;
use c2a_bench::proc_status::{self, mib};
use c2a_bench::report::Report;
use c2a_bench::waits::{self, External, PollCounter, RAMP_STEP, WaitConfig};
use tracing_subscriber::layer::SubscriberExt;

/// Polls may exceed the minimum by at most this share.
const POLL_TARGET: f64 = 0.01;
/// Peak memory of the process, MiB.
const MEMORY_TARGET_MIB: f64 = 100.0;
/// The diagnostic ramp.
const RAMP_MS: u64 = 1_000;

type Results = BTreeMap<String, String>;

fn config(options: &Options) -> WaitConfig {
    let defaults = WaitConfig::default();
    let number = |name: &str| options.value(name).and_then(|n| n.parse::<u64>().ok());
    let external = options.value("--external").and_then(|v| {
        let mut parts = v.splitn(3, ',');
        Some(External {
            base_url: parts.next()?.to_owned(),
            tenant: parts.next()?.to_owned(),
            api_key: parts.next()?.to_owned(),
        })
    });
    WaitConfig {
        waits: number("--waits").map_or(if options.quick { 1_000 } else { defaults.waits }, |n| n as usize),
        processing_time: number("--processing-ms").map_or(defaults.processing_time, Duration::from_millis),
        ramp: number("--ramp-ms").map_or(defaults.ramp, Duration::from_millis),
        external,
        ..defaults
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime")
}

/// A child run: results on stdout as `result<TAB>key<TAB>value` lines.
fn child(options: &Options, counted: bool) {
    let config = config(options);
    let counter = PollCounter::default();
    if counted {
        let subscriber = tracing_subscriber::registry().with(counter.clone());
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
    }
    let run = runtime().block_on(waits::run(&config));
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1e3);
    let mut out = vec![
        ("waits", run.waits.to_string()),
        ("done", run.done.to_string()),
        ("failed", run.failed.to_string()),
        ("processing_ms", ms(config.processing_time)),
        ("setup_ms", ms(run.setup)),
        ("wait_phase_ms", ms(run.wait_phase)),
        ("end_to_end_ms", ms(run.end_to_end)),
        ("lag_median_ms", ms(run.lag_median)),
        ("lag_max_ms", ms(run.lag_max)),
        ("rss_before_waits", run.rss_before_waits.to_string()),
        ("peak_rss", run.peak_rss.to_string()),
        ("peak_open_files", run.peak_open_files.to_string()),
        ("open_files_limit", run.open_files_limit.to_string()),
        (
            "failure_sample",
            run.failure_samples.first().cloned().unwrap_or_default().replace(['\t', '\n'], " "),
        ),
        ("wait_future_bytes", run.wait_future_bytes.to_string()),
        ("tcp", run.tcp.iter().map(|(c, n)| format!("{c} {n}")).collect::<Vec<_>>().join(", ")),
    ];
    if counted {
        let tally = counter.tally();
        out.extend([
            ("tally_waits", tally.waits.to_string()),
            ("polls", tally.polls.to_string()),
            ("minimum", tally.minimum.to_string()),
            ("processing_answers", tally.processing_answers.to_string()),
            ("first_processing", tally.first_processing.to_string()),
            ("waits_over_minimum", tally.waits_over_minimum.to_string()),
            ("max_polls_per_wait", tally.max_polls_per_wait.to_string()),
        ]);
    }
    for (key, value) in out {
        println!("result\t{key}\t{value}");
    }
}

/// `--mode sandbox`: a sandbox alone; prints `sandbox<TAB>url<TAB>tenant<TAB>key`, serves
/// until stdin closes, then prints its peak memory.
fn sandbox_child(options: &Options) {
    let config = config(options);
    let runtime = runtime();
    let sandbox = runtime.block_on(async {
        c2a_sandbox::Sandbox::builder()
            .processing_time(config.processing_time)
            .start()
            .await
            .expect("sandbox")
    });
    println!("sandbox\t{}\t{}\t{}", sandbox.base_url(), sandbox.tenant_id(), sandbox.api_key());
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    println!("result\tpeak_rss\t{}", proc_status::peak_rss().unwrap_or(0));
    drop(sandbox);
}

fn child_command(options: &Options, mode: &str, extra: &[String]) -> Command {
    let exe = std::env::current_exe().expect("own executable");
    let mut args = vec!["--mode".to_owned(), mode.to_owned()];
    args.extend(options.rest.iter().cloned());
    args.extend(extra.iter().cloned());
    if options.quick {
        args.push("--quick".to_owned());
    }
    eprintln!("waiters: running `{} {}`", exe.display(), args.join(" "));
    let mut command = Command::new(exe);
    command.args(args).stderr(Stdio::inherit());
    command
}

fn parse(stdout: &str) -> Results {
    stdout
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("result"), Some(key), Some(value)) => Some((key.to_owned(), value.to_owned())),
                _ => None,
            }
        })
        .collect()
}

/// Runs this benchmark's binary in `mode` with `extra` arguments, returning its results.
fn run_child(options: &Options, mode: &str, extra: &[String]) -> Results {
    let output = child_command(options, mode, extra).output().expect("run the child process");
    assert!(output.status.success(), "the {mode} child failed: {}", output.status);
    parse(&String::from_utf8_lossy(&output.stdout))
}

/// The client in one process and the sandbox in another: (client results, sandbox peak RSS).
fn run_split(options: &Options) -> (Results, f64) {
    let mut sandbox = child_command(options, "sandbox", &[])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the sandbox process");
    let mut stdout = BufReader::new(sandbox.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("the sandbox's address");
    let fields: Vec<&str> = line.trim_end().split('\t').collect();
    let [_, url, tenant, key] = fields[..] else { panic!("unexpected sandbox line {line:?}") };
    let client = run_child(options, "plain", &["--external".to_owned(), format!("{url},{tenant},{key}")]);
    drop(sandbox.stdin.take());
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("the sandbox's results");
    assert!(sandbox.wait().expect("sandbox exit").success(), "the sandbox process failed");
    (client, num(&parse(&rest), "peak_rss"))
}

fn num(results: &Results, key: &str) -> f64 {
    results.get(key).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
}

fn text<'r>(results: &'r Results, key: &str) -> &'r str {
    results.get(key).map_or("?", String::as_str)
}

fn describe(report: &mut Report, name: &str, r: &Results) {
    report.note(format!(
        "- {name}: {}/{} Done, {} failed; set-up (submits) {:.2} s; wait phase {:.2} s; first submit to last \
         outcome {:.2} s; lag after processing ended: median {:.0} ms, max {:.0} ms; RSS before waits {}, peak \
         {}; open files peak {} (limit {}); TCP counters over the wait phase: {}{}",
        text(r, "done"),
        text(r, "waits"),
        text(r, "failed"),
        num(r, "setup_ms") / 1e3,
        num(r, "wait_phase_ms") / 1e3,
        num(r, "end_to_end_ms") / 1e3,
        num(r, "lag_median_ms"),
        num(r, "lag_max_ms"),
        mib(num(r, "rss_before_waits") as u64),
        mib(num(r, "peak_rss") as u64),
        text(r, "peak_open_files"),
        text(r, "open_files_limit"),
        text(r, "tcp"),
        r.get("failure_sample").filter(|s| !s.is_empty()).map(|s| format!("; first failure: {s}")).unwrap_or_default(),
    ));
}

fn describe_polls(report: &mut Report, name: &str, r: &Results) {
    report.note(format!(
        "- {name}: {} polls, minimum {} ({} waits, {} first polls saw CHECK_OUT_PROCESSING, {} PROCESSING \
         answers in all, {} waits over their minimum, at most {} polls in one wait)",
        text(r, "polls"),
        text(r, "minimum"),
        text(r, "tally_waits"),
        text(r, "first_processing"),
        text(r, "processing_answers"),
        text(r, "waits_over_minimum"),
        text(r, "max_polls_per_wait"),
    ));
}

fn main() {
    let mut options = Options::from_env();
    if let Some(mode) = options.value("--mode").map(str::to_owned) {
        options.rest.retain(|a| a != "--mode" && *a != mode);
        match mode.as_str() {
            "sandbox" => sandbox_child(&options),
            other => child(&options, other == "counted"),
        }
        return;
    }
    let config = config(&options);
    let ramp = ["--ramp-ms".to_owned(), RAMP_MS.to_string()];
    let plain = run_child(&options, "plain", &[]);
    let counted = run_child(&options, "counted", &[]);
    let (split_client, split_sandbox_peak) = run_split(&options);
    let ramp_plain = run_child(&options, "plain", &ramp);
    let ramp_counted = run_child(&options, "counted", &ramp);

    let mut report = Report::new("waiters");
    let waits = config.waits as f64;
    let processing_s = config.processing_time.as_secs_f64();
    report.note(format!(
        "{} concurrent wait_for_checkout (max_wait {:?}), processing time {processing_s:.1} s, one shared \
         Client (RetryPolicy::none(), default 30 s request timeout), tokio multi-thread runtime with {} \
         worker threads, sandbox in the same process unless said otherwise. The sandbox's Retry-After is the \
         processing time left in whole seconds, rounded up, at least 1: a wait whose first poll sees \
         CHECK_OUT_PROCESSING needs exactly 2 polls, else 1. Open files are sampled every 100 ms; TCP \
         counters are for the network namespace.",
        config.waits,
        config.max_wait,
        std::thread::available_parallelism().map_or(0, usize::from),
    ));
    describe(&mut report, "all at once, plain", &plain);
    describe(&mut report, "all at once, counted", &counted);
    describe_polls(&mut report, "all at once, polls", &counted);
    describe(&mut report, "all at once, sandbox in its own process: the client process", &split_client);
    report.note(format!("  the sandbox process: peak {}", mib(split_sandbox_peak as u64)));
    describe(&mut report, &format!("started over {RAMP_MS} ms ({RAMP_STEP} at a time), plain"), &ramp_plain);
    describe(&mut report, &format!("started over {RAMP_MS} ms, counted"), &ramp_counted);
    describe_polls(&mut report, &format!("started over {RAMP_MS} ms, polls"), &ramp_counted);

    let polls = num(&counted, "polls");
    let minimum = num(&counted, "minimum");
    report.row(
        "polls / minimum the hints allow",
        format!("{:.4} ({polls} / {minimum})", polls / minimum),
        &format!("<= {:.2}", 1.0 + POLL_TARGET),
        polls <= minimum * (1.0 + POLL_TARGET) && num(&counted, "tally_waits") == waits,
    );
    let peak = num(&plain, "peak_rss") / (1024.0 * 1024.0);
    report.row(
        "peak memory of the process (VmHWM, plain run)",
        format!("{peak:.1} MiB"),
        &format!("< {MEMORY_TARGET_MIB:.0} MiB"),
        peak < MEMORY_TARGET_MIB,
    );
    report.row(
        "waits ending Done (plain, counted runs)",
        format!("{} and {} of {waits}", num(&plain, "done"), num(&counted, "done")),
        "all",
        num(&plain, "done") == waits && num(&counted, "done") == waits,
    );
    report.info(
        "wait phase / processing time (plain run)",
        format!(
            "{:.2} ({:.2} s / {processing_s:.1} s)",
            num(&plain, "wait_phase_ms") / 1e3 / processing_s,
            num(&plain, "wait_phase_ms") / 1e3
        ),
    );
    report.info("peak memory, counted run (tracing layer on)", mib(num(&counted, "peak_rss") as u64));
    report.info(
        "size of one pending wait's future (boxed by into_future), x waits",
        format!(
            "{} bytes x {} = {}",
            text(&plain, "wait_future_bytes"),
            config.waits,
            mib((num(&plain, "wait_future_bytes") * waits) as u64)
        ),
    );
    report.info(
        "peak memory split: client process / sandbox process (all at once)",
        format!("{} / {}", mib(num(&split_client, "peak_rss") as u64), mib(split_sandbox_peak as u64)),
    );
    report.info(
        format!("started over {RAMP_MS} ms: polls / minimum"),
        format!(
            "{:.4} ({} / {})",
            num(&ramp_counted, "polls") / num(&ramp_counted, "minimum"),
            text(&ramp_counted, "polls"),
            text(&ramp_counted, "minimum")
        ),
    );
    report.info(
        format!("started over {RAMP_MS} ms: peak memory (plain run)"),
        mib(num(&ramp_plain, "peak_rss") as u64),
    );
    report.info(
        format!("started over {RAMP_MS} ms: waits ending Done; wait phase / processing time"),
        format!(
            "{} and {} of {waits}; {:.2}",
            num(&ramp_plain, "done"),
            num(&ramp_counted, "done"),
            num(&ramp_plain, "wait_phase_ms") / 1e3 / processing_s
        ),
    );
    report.finish();
}
