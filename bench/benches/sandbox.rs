//! The sandbox as its state grows: the cost of a request against a fresh sandbox and against
//! one that has completed 10,000 flows, and the memory each completed flow keeps.
//!
//! Both sandboxes run in their own processes (children of this benchmark: `--mode sandbox`),
//! started alike (processing time 20 ms, default retention of one hour, so nothing is
//! forgotten during the run). One of them first completes `--flows N` (default 10,000) flows,
//! 64 at a time, each a new customer, an offer (`get_bundles`), a checkout with the approved
//! test card and, once processed, its status read as `CHECK_OUT_DONE`. Its resident memory
//! (`VmRSS`) is read before and after: the difference divided by the flows is the memory per
//! completed flow.
//!
//! Then one client per sandbox (HTTP/1.1 keep-alive, one caller) runs batches of the same
//! request against each, alternating which goes first: a read (`get_checkout_status` of a
//! done checkout) and a write (`get_bundles`, which stores an offer). Each round gives the
//! ratio grown / fresh of the wall time per call; the figure is the median over rounds.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use c2a_bench::Options;
use c2a_bench::harness::{self, Paired, human};
use c2a_bench::payloads::{checkout_request, new_customer, offer_for};
use c2a_bench::proc_status::{self, mib};
use c2a_bench::report::Report;
use c2a_client::{Client, RetryPolicy};
use tokio::task::JoinSet;

/// A request may cost at most this much more against the grown sandbox.
const TARGET: f64 = 1.10;
const PROCESSING: Duration = Duration::from_millis(20);

/// `--mode sandbox`: prints `sandbox<TAB>url<TAB>tenant<TAB>key`, then answers every line on
/// stdin with `rss<TAB>bytes`, until stdin closes.
fn sandbox_child() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let sandbox = runtime.block_on(async {
        c2a_sandbox::Sandbox::builder().processing_time(PROCESSING).start().await.expect("sandbox")
    });
    println!("sandbox\t{}\t{}\t{}", sandbox.base_url(), sandbox.tenant_id(), sandbox.api_key());
    let stdin = std::io::stdin();
    for _ in stdin.lock().lines() {
        println!("rss\t{}", proc_status::rss().unwrap_or(0));
    }
    drop(sandbox);
}

/// A sandbox process and a client for it.
struct Remote {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<std::process::ChildStdout>,
    client: Client,
}

impl Remote {
    fn start() -> Self {
        let exe = std::env::current_exe().expect("own executable");
        let mut child = Command::new(exe)
            .args(["--mode", "sandbox"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start a sandbox process");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("the sandbox's address");
        let fields: Vec<&str> = line.trim_end().split('\t').collect();
        let [_, url, tenant, key] = fields[..] else { panic!("unexpected sandbox line {line:?}") };
        let client = Client::builder()
            .base_url(url)
            .api_key(key)
            .tenant(tenant)
            .retry(RetryPolicy::none())
            .build()
            .expect("client");
        Self { child, stdin, stdout, client }
    }

    /// The sandbox process's resident memory now.
    fn rss(&mut self) -> u64 {
        writeln!(self.stdin, "rss").expect("ask for rss");
        let mut line = String::new();
        self.stdout.read_line(&mut line).expect("rss answer");
        line.trim_end().strip_prefix("rss\t").and_then(|n| n.parse().ok()).expect("rss value")
    }

    fn stop(self) {
        let Self { mut child, stdin, .. } = self;
        drop(stdin);
        assert!(child.wait().expect("sandbox exit").success(), "the sandbox process failed");
    }
}

/// One flow: customer, offer, checkout; returns the tracking number.
async fn start_flow(client: &Client, i: usize) -> String {
    let customer = new_customer(client, &format!("crm-flow-{i}")).await;
    let (offer, item) = offer_for(client, &customer).await;
    let request = checkout_request(&customer, &offer, &item, &format!("order-flow-{i}"));
    client.submit_checkout().body(request).send().await.expect("submit_checkout").tracking_number
}

/// Runs `job(i)` for `i` in `0..count`, `concurrency` at a time; results in order of `i`.
async fn for_each<T, F, Fut>(client: &Client, count: usize, concurrency: usize, job: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(Client, usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let job = Arc::new(job);
    let mut workers = JoinSet::new();
    for _ in 0..concurrency {
        let (client, next, job) = (client.clone(), next.clone(), job.clone());
        workers.spawn(async move {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    return done;
                }
                done.push((i, job(client.clone(), i).await));
            }
        });
    }
    let mut all = Vec::with_capacity(count);
    while let Some(done) = workers.join_next().await {
        all.extend(done.expect("worker"));
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, t)| t).collect()
}

/// Completes `flows` flows, `concurrency` at a time: every flow is started, then (after the
/// processing time) every checkout's status is read and must be `CHECK_OUT_DONE`. Returns
/// one tracking number.
async fn complete_flows(client: &Client, flows: usize, concurrency: usize, offset: usize) -> String {
    let trackings = Arc::new(
        for_each(client, flows, concurrency, move |client, i| async move {
            start_flow(&client, offset + i).await
        })
        .await,
    );
    tokio::time::sleep(PROCESSING * 3).await;
    let all = trackings.clone();
    for_each(client, flows, concurrency, move |client, i| {
        let tracking = all[i].clone();
        async move {
            let status = client.get_checkout_status().tracking_number(tracking).send().await.expect("status");
            assert_eq!(status.status.message_code.as_str(), "CHECK_OUT_DONE", "flow {i}");
        }
    })
    .await;
    trackings[0].clone()
}

#[derive(Clone, Copy)]
enum Request {
    Status,
    Bundles,
}

/// Wall time per call of `calls` sequential requests.
async fn batch(client: &Client, request: Request, tracking: &str, customer: &str, calls: usize) -> f64 {
    let started = Instant::now();
    for _ in 0..calls {
        match request {
            Request::Status => {
                let status = client.get_checkout_status().tracking_number(tracking.to_owned()).send().await;
                std::hint::black_box(status.expect("status"));
            }
            Request::Bundles => {
                std::hint::black_box(offer_for(client, customer).await);
            }
        }
    }
    started.elapsed().as_secs_f64() / calls as f64
}

fn main() {
    let options = Options::from_env();
    if options.value("--mode") == Some("sandbox") {
        sandbox_child();
        return;
    }
    let flows = options.value("--flows").and_then(|n| n.parse().ok()).unwrap_or(if options.quick {
        1_000
    } else {
        10_000
    });
    let rounds = options.rounds(15, 5);
    let calls = if options.quick { 100 } else { 300 };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");

    let fresh = Remote::start();
    let mut grown = Remote::start();
    let (fresh_tracking, fresh_customer) = runtime.block_on(async {
        let tracking = complete_flows(&fresh.client, 1, 1, 0).await;
        (tracking, new_customer(&fresh.client, "crm-probe").await)
    });
    // Warm both sides alike before reading memory: one flow each, connections open.
    let _ = grown.rss();
    runtime.block_on(complete_flows(&grown.client, 1, 1, 0));
    let rss_before = grown.rss();
    let started = Instant::now();
    let grown_tracking = runtime.block_on(complete_flows(&grown.client, flows, 64, 1));
    let setup = started.elapsed();
    let rss_after = grown.rss();
    let grown_customer = runtime.block_on(new_customer(&grown.client, "crm-probe"));
    let per_flow = rss_after.saturating_sub(rss_before) as f64 / flows as f64;

    let mut report = Report::new("sandbox");
    report.note(format!(
        "Two sandboxes, each in its own process (processing time {PROCESSING:?}, default retention 1 h): \
         fresh, and grown by {flows} completed flows (new customer, get_bundles, submit_checkout with the \
         approved card; once processed, its status read as CHECK_OUT_DONE; 64 at a time, {:.1} s). Then {rounds} rounds of \
         {calls} sequential calls against each, one caller, the order alternating.",
        setup.as_secs_f64()
    ));
    report.note(format!(
        "- grown sandbox: VmRSS {} before the flows, {} after",
        mib(rss_before),
        mib(rss_after)
    ));
    for (request, label) in [(Request::Status, "get_checkout_status"), (Request::Bundles, "get_bundles")] {
        let paired: Paired = harness::interleave(
            rounds,
            || runtime.block_on(batch(&grown.client, request, &grown_tracking, &grown_customer, calls)),
            || runtime.block_on(batch(&fresh.client, request, &fresh_tracking, &fresh_customer, calls)),
        );
        let ratio = paired.ratio();
        report.note(format!(
            "- {label}: {} per call grown, {} fresh",
            human(paired.median_a()),
            human(paired.median_b())
        ));
        report.row(
            format!("{label}: time per call, {flows} flows / fresh"),
            ratio.to_string(),
            &format!("<= {TARGET:.2}"),
            ratio.median <= TARGET,
        );
    }
    report.info(
        "memory per completed flow (sandbox VmRSS growth / flows)",
        format!(
            "{:.1} KiB ({} over {flows} flows)",
            per_flow / 1024.0,
            mib(rss_after.saturating_sub(rss_before))
        ),
    );
    fresh.stop();
    grown.stop();
    report.finish();
}
