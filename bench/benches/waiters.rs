//! Waiters at scale: 10,000 concurrent `wait_for_checkout` through one shared `Client`
//! against a `c2a-sandbox` with a fixed processing time (`c2a_bench::waits`).
//!
//! Every run is a child process of this benchmark (its own binary with `--mode`), so that
//! nothing else pollutes its peak memory:
//! - `--mode plain`: no tracing subscriber at all: peak memory (`VmHWM`), open files, TCP
//!   counters and wall time;
//! - `--mode counted`: a `tracing` layer counts every poll of every wait
//!   (`c2a_bench::waits::PollCounter`), compared with the minimum the server's hints allow;
//! - `--mode sandbox`: only a sandbox, so that the client and the sandbox run in separate
//!   processes and the client's peak memory is its own.
//!
//! The headline scenario is the sandbox in its own process, once per client setting
//! (`--transport`): `Client::builder()` defaults (which bound requests in flight to
//! `DEFAULT_MAX_CONCURRENT_REQUESTS`) over HTTP/1.1 and over one h2c connection, the targets;
//! the same with `unbounded_concurrency()` for context (one connection per poll in flight);
//! and with `--bound N` other than the default, `max_concurrent_requests(N)` over both.
//! Context: HTTP/1.1 with the sandbox in the same process.
//!
//! Options: `--waits N` (default 10,000), `--processing-ms MS` (default 5,000), `--bound N`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use c2a_bench::Options;
use c2a_bench::proc_status::{self, mib};
use c2a_bench::report::Report;
use c2a_bench::waits::{self, External, PollCounter, Transport, WaitConfig};
use tracing_subscriber::layer::SubscriberExt;

/// Polls may exceed the minimum by at most this share.
const POLL_TARGET: f64 = 0.01;
/// Peak memory of the client process (sandbox in its own process), MiB.
const MEMORY_TARGET_MIB: f64 = 64.0;

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
        transport: options.value("--transport").and_then(Transport::parse).unwrap_or_default(),
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
fn run_split(options: &Options, mode: &str, transport: Transport) -> (Results, f64) {
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
    let client = run_child(
        options,
        mode,
        &[
            "--external".to_owned(),
            format!("{url},{tenant},{key}"),
            "--transport".to_owned(),
            transport.arg(),
        ],
    );
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

/// The plain and counted runs of one client setting, sandbox in its own process.
struct Split {
    transport: Transport,
    plain: Results,
    counted: Results,
    sandbox_peak: f64,
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
    let bound = options
        .value("--bound")
        .and_then(|n| n.parse().ok())
        .unwrap_or(c2a_client::DEFAULT_MAX_CONCURRENT_REQUESTS);
    // The defaults carry the default bound; an explicit bound is measured too when it differs.
    let mut transports =
        vec![Transport::Http1, Transport::Http2, Transport::Http1Unbounded, Transport::Http2Unbounded];
    if bound != c2a_client::DEFAULT_MAX_CONCURRENT_REQUESTS {
        transports.extend([Transport::Bounded(bound), Transport::Http2Bounded(bound)]);
    }
    let splits: Vec<Split> = transports
        .into_iter()
        .map(|transport| {
            let (plain, sandbox_peak) = run_split(&options, "plain", transport);
            let (counted, _) = run_split(&options, "counted", transport);
            Split { transport, plain, counted, sandbox_peak }
        })
        .collect();
    let in_process = run_child(&options, "plain", &[]);

    let mut report = Report::new("waiters");
    let waits = config.waits as f64;
    let processing_s = config.processing_time.as_secs_f64();
    report.note(format!(
        "{} concurrent wait_for_checkout (max_wait {:?}), processing time {processing_s:.1} s, one shared \
         Client (RetryPolicy::none(), default 30 s request timeout), tokio multi-thread runtime with {} \
         worker threads; the sandbox in its own process (a child of the benchmark) unless said otherwise. \
         The sandbox's Retry-After is the processing time left in whole seconds, rounded up, at least 1: a \
         wait whose first poll sees CHECK_OUT_PROCESSING needs exactly 2 polls, else 1. Peak memory is the \
         client process's VmHWM in the plain run (no tracing subscriber); polls are counted in a second run \
         with a tracing layer. Open files are sampled every 100 ms; TCP counters are for the network \
         namespace.",
        config.waits,
        config.max_wait,
        std::thread::available_parallelism().map_or(0, usize::from),
    ));
    for split in &splits {
        let name = split.transport.describe();
        describe(&mut report, &format!("{name}, plain"), &split.plain);
        describe(&mut report, &format!("{name}, counted"), &split.counted);
        describe_polls(&mut report, &format!("{name}, polls"), &split.counted);
        report.note(format!("  the sandbox process (plain run): peak {}", mib(split.sandbox_peak as u64)));
    }
    describe(&mut report, "context: HTTP/1.1 defaults, sandbox in the same process, plain", &in_process);

    for split in &splits {
        let name = split.transport.describe();
        let (plain, counted) = (&split.plain, &split.counted);
        let peak = num(plain, "peak_rss") / (1024.0 * 1024.0);
        let polls = num(counted, "polls");
        let minimum = num(counted, "minimum");
        let done = num(plain, "done") == waits && num(counted, "done") == waits;
        let polls_ok = polls <= minimum * (1.0 + POLL_TARGET) && num(counted, "tally_waits") == waits;
        let memory_ok = peak < MEMORY_TARGET_MIB;
        if matches!(split.transport, Transport::Http1Unbounded | Transport::Http2Unbounded) {
            report.info(format!("{name}: client process peak memory"), format!("{peak:.1} MiB"));
            report.info(
                format!("{name}: waits ending Done (plain, counted runs)"),
                format!("{} and {} of {waits}", num(plain, "done"), num(counted, "done")),
            );
            report.info(
                format!("{name}: polls / minimum"),
                format!("{:.4} ({polls} / {minimum})", polls / minimum),
            );
        } else {
            report.row(
                format!("{name}: client process peak memory (VmHWM)"),
                format!("{peak:.1} MiB"),
                &format!("< {MEMORY_TARGET_MIB:.0} MiB"),
                memory_ok,
            );
            report.row(
                format!("{name}: waits ending Done (plain, counted runs)"),
                format!("{} and {} of {waits}", num(plain, "done"), num(counted, "done")),
                "all",
                done,
            );
            report.row(
                format!("{name}: polls / minimum the hints allow"),
                format!("{:.4} ({polls} / {minimum})", polls / minimum),
                &format!("<= {:.2}", 1.0 + POLL_TARGET),
                polls_ok,
            );
        }
        report.info(
            format!("{name}: wait phase / processing time; connections opened"),
            format!(
                "{:.2} ({:.2} s / {processing_s:.1} s); {}",
                num(plain, "wait_phase_ms") / 1e3 / processing_s,
                num(plain, "wait_phase_ms") / 1e3,
                tcp_count(plain, "ActiveOpens"),
            ),
        );
        report.info(format!("{name}: sandbox process peak memory"), mib(split.sandbox_peak as u64));
    }
    report.info(
        "context: HTTP/1.1 defaults, sandbox in the same process: peak memory; waits Done",
        format!("{}; {} of {waits}", mib(num(&in_process, "peak_rss") as u64), num(&in_process, "done")),
    );
    report.info(
        "size of one pending wait's future (boxed by into_future), x waits",
        format!(
            "{} bytes x {} = {}",
            text(&in_process, "wait_future_bytes"),
            config.waits,
            mib((num(&in_process, "wait_future_bytes") * waits) as u64)
        ),
    );
    report.finish();
}

/// One counter from the `tcp` result (`"ActiveOpens 12, ListenOverflows 0, ..."`).
fn tcp_count(results: &Results, name: &str) -> String {
    text(results, "tcp")
        .split(", ")
        .find_map(|pair| pair.strip_prefix(name).map(str::trim))
        .unwrap_or("?")
        .to_owned()
}
