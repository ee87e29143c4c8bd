//! Per-call overhead: the generated client against hand-written `reqwest` + `serde_json`
//! code (`c2a_bench::baseline`) making the same request and decoding the same payload, both
//! against the same local server answering fixed responses recorded from `c2a-sandbox`
//! (`c2a_bench::replay`, `Content-Type: application/clientOutput+Json`).
//!
//! Both sides use the very same `reqwest::Client` (the one the client builder made, so the
//! same settings, timeout, default headers and HTTP/1.1 keep-alive pool) and the client has
//! `RetryPolicy::none()`. The callers run on a single-threaded runtime on this thread; the
//! server has its own thread. A shared 2-core machine drifts by more than the 2 % being
//! judged within a second, so the sides are compared over short stretches:
//! - short batches, one per side in turn (all six orders of the three sides rotating): 25
//!   calls with one caller, 4 calls each of 64 callers; each triple gives a throughput ratio
//!   and a median-latency ratio (the latency target's figure with 64 callers), each round of
//!   16 triples a CPU-time ratio of the calling thread;
//! - with one caller, batches that alternate client and hand-written calls (A B B A): the
//!   latency target's figure, both sides meeting the same moment of the machine. (With 64
//!   callers each call waits for the whole queue, both sides alike, so mixing would hide the
//!   difference.)
//!
//! The figures are medians over all triples or mixed batches.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use c2a_bench::harness::{Paired, human};
use c2a_bench::replay::{Fixed, Replay};
use c2a_bench::report::Report;
use c2a_bench::{Options, baseline, harness, payloads, proc_status};
use c2a_client::{Client, RetryPolicy, types};
use progenitor_client::ClientInfo;
use tokio::task::JoinSet;

/// The target: the client costs at most this many times the hand-written code.
const TARGET: f64 = 1.02;
/// Short batches per round (each round: this many batches per side, order rotating).
const SHORT_BATCHES: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// The generated client's `send()`.
    Client,
    /// Hand-written reqwest + serde_json (`c2a_bench::baseline`).
    Baseline,
    /// Diagnostic: the generated `send_raw()` (builder, `exec` hook, retry policy), then the
    /// hand-written body read and `from_slice`: splits the client's overhead into the request
    /// side and the decoding side (`runtime::call`: span, envelope, message code).
    RawThenPlain,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Endpoint {
    CheckoutStatus,
    Subscriptions,
}

impl Endpoint {
    fn label(self) -> &'static str {
        match self {
            Self::CheckoutStatus => "checkout status",
            Self::Subscriptions => "subscriptions list",
        }
    }
}

struct Ctx {
    client: Client,
    http: reqwest::Client,
    base_url: String,
    tracking: String,
    customer: String,
}

async fn one_call(ctx: &Ctx, side: Side, endpoint: Endpoint) {
    match (side, endpoint) {
        (Side::Client, Endpoint::CheckoutStatus) => {
            let status = ctx.client.get_checkout_status().tracking_number(ctx.tracking.clone()).send().await;
            black_box(status.expect("client: checkout status"));
        }
        (Side::Client, Endpoint::Subscriptions) => {
            let list =
                ctx.client.list_customer_subscriptions().customer_urn(ctx.customer.clone()).send().await;
            black_box(list.expect("client: subscriptions"));
        }
        (Side::Baseline, Endpoint::CheckoutStatus) => {
            let status = baseline::checkout_status(&ctx.http, &ctx.base_url, &ctx.tracking).await;
            black_box(status.expect("hand-written: checkout status"));
        }
        (Side::Baseline, Endpoint::Subscriptions) => {
            let list = baseline::subscriptions(&ctx.http, &ctx.base_url, &ctx.customer).await;
            black_box(list.expect("hand-written: subscriptions"));
        }
        (Side::RawThenPlain, Endpoint::CheckoutStatus) => {
            let raw = ctx.client.get_checkout_status().tracking_number(ctx.tracking.clone()).send_raw().await;
            let body = raw.expect("send_raw").bytes().await.expect("body");
            black_box(serde_json::from_slice::<types::CheckoutResult>(&body).expect("decode"));
        }
        (Side::RawThenPlain, Endpoint::Subscriptions) => {
            let raw =
                ctx.client.list_customer_subscriptions().customer_urn(ctx.customer.clone()).send_raw().await;
            let body = raw.expect("send_raw").bytes().await.expect("body");
            let envelope: types::CustomerSubscriptionListResponse =
                serde_json::from_slice(&body).expect("decode");
            black_box(envelope.result);
        }
    }
}

const SIDES: [Side; 3] = [Side::Client, Side::Baseline, Side::RawThenPlain];
const ORDERS: [[Side; 3]; 6] = [
    [Side::Client, Side::Baseline, Side::RawThenPlain],
    [Side::Baseline, Side::RawThenPlain, Side::Client],
    [Side::RawThenPlain, Side::Client, Side::Baseline],
    [Side::Client, Side::RawThenPlain, Side::Baseline],
    [Side::RawThenPlain, Side::Baseline, Side::Client],
    [Side::Baseline, Side::Client, Side::RawThenPlain],
];

/// One batch: `callers` tasks making `per_caller` calls each.
struct Batch {
    /// Median latency of one call, seconds.
    median_latency: f64,
    /// Wall time per call, seconds (the inverse of throughput).
    wall_per_call: f64,
    /// CPU time of the calling thread per call, seconds.
    cpu_per_call: f64,
}

async fn batch(ctx: &Arc<Ctx>, side: Side, endpoint: Endpoint, callers: usize, per_caller: usize) -> Batch {
    let cpu_before = proc_status::thread_cpu_ns().unwrap_or(0);
    let started = Instant::now();
    let mut set = JoinSet::new();
    for _ in 0..callers {
        let ctx = ctx.clone();
        set.spawn(async move {
            let mut latencies = Vec::with_capacity(per_caller);
            for _ in 0..per_caller {
                let call_started = Instant::now();
                one_call(&ctx, side, endpoint).await;
                latencies.push(call_started.elapsed().as_secs_f64());
            }
            latencies
        });
    }
    let mut latencies = Vec::with_capacity(callers * per_caller);
    while let Some(done) = set.join_next().await {
        latencies.extend(done.expect("caller task"));
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = proc_status::thread_cpu_ns().unwrap_or(0).saturating_sub(cpu_before) as f64 / 1e9;
    let calls = (callers * per_caller) as f64;
    Batch {
        median_latency: harness::median(&latencies),
        wall_per_call: wall / calls,
        cpu_per_call: cpu / calls,
    }
}

/// One mixed batch: every caller alternates the two sides call by call (A B B A, its
/// phase shifted per caller), so both meet the same moment of the server, the scheduler and
/// the machine's load. Returns the median latency of each side: (client, hand-written).
async fn mixed_batch(ctx: &Arc<Ctx>, endpoint: Endpoint, callers: usize, per_caller: usize) -> (f64, f64) {
    let mut set = JoinSet::new();
    for caller in 0..callers {
        let ctx = ctx.clone();
        set.spawn(async move {
            let (mut client, mut hand_written) =
                (Vec::with_capacity(per_caller), Vec::with_capacity(per_caller));
            for call in 0..2 * per_caller {
                let side = if matches!((call + caller) % 4, 0 | 3) { Side::Client } else { Side::Baseline };
                let started = Instant::now();
                one_call(&ctx, side, endpoint).await;
                let latency = started.elapsed().as_secs_f64();
                if side == Side::Client { client.push(latency) } else { hand_written.push(latency) }
            }
            (client, hand_written)
        });
    }
    let (mut client, mut hand_written) = (Vec::new(), Vec::new());
    while let Some(done) = set.join_next().await {
        let (c, h) = done.expect("caller task");
        client.extend(c);
        hand_written.extend(h);
    }
    (harness::median(&client), harness::median(&hand_written))
}

fn main() {
    let options = Options::from_env();
    let rounds = options.rounds(30, 6);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let recorded = runtime.block_on(payloads::record(3));
    let replay = Replay::start(Fixed {
        checkout_status: recorded.checkout_status.clone(),
        subscriptions: recorded.subscriptions.clone(),
    });
    let client = Client::builder()
        .base_url(replay.base_url())
        .api_key("sk_bench_0123456789")
        .tenant("tenant-bench")
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let ctx = Arc::new(Ctx {
        http: ClientInfo::client(&client).clone(),
        client,
        base_url: replay.base_url().to_owned(),
        tracking: recorded.tracking_number.clone(),
        customer: recorded.customer_urn.clone(),
    });

    if let Some(side) = options.value("--only") {
        // Profiling aid (`perf record ... --only client|hand-written`): one side, no report.
        let side = match side {
            "client" => Side::Client,
            "raw" => Side::RawThenPlain,
            _ => Side::Baseline,
        };
        for endpoint in [Endpoint::CheckoutStatus, Endpoint::Subscriptions] {
            for callers in [1usize, 64] {
                for _ in 0..rounds {
                    runtime.block_on(batch(
                        &ctx,
                        side,
                        endpoint,
                        callers,
                        if callers == 1 { 400 } else { 64 },
                    ));
                }
            }
        }
        return;
    }

    let mut report = Report::new("calls");
    report.note(format!(
        "{} short batches per side (client, hand-written, send_raw + plain decode; order rotating; 25 calls \
         with 1 caller, 64 x 4 calls with 64) against a fixed-response server on 127.0.0.1; one \
         reqwest::Client shared by both sides (HTTP/1.1 keep-alive, its timeout), RetryPolicy::none(). \
         Latency with 1 caller: {rounds} batches of 800 calls alternating the two sides (A B B A). \
         Bodies recorded from c2a-sandbox: checkout status {} bytes, subscriptions list ({} items) {} bytes.",
        rounds * SHORT_BATCHES,
        recorded.checkout_status.len(),
        3,
        recorded.subscriptions.len(),
    ));
    report.note(String::new());
    report.note(
        "| endpoint | callers | client median latency | hand-written | latency ratio | throughput ratio | \
         calling-thread CPU ratio | send_raw + plain decode: latency ratio | its throughput ratio |",
    );
    report.note("|---|---|---|---|---|---|---|---|---|");
    for endpoint in [Endpoint::CheckoutStatus, Endpoint::Subscriptions] {
        for callers in [1usize, 64] {
            // Short batches, many of them: a triple of batches lasts ~10-30 ms, shorter than
            // the machine's load changes, and the median over hundreds of them is tight.
            let per_caller = if callers == 1 { 25 } else { 4 };
            // Warm-up: connections in the pool, allocator and caches.
            runtime.block_on(async {
                for side in SIDES {
                    batch(&ctx, side, endpoint, callers, 16 * per_caller).await;
                }
            });
            let (mut latency, mut wall, mut cpu) = (Paired::default(), Paired::default(), Paired::default());
            let mut interleaved = Paired::default();
            let mut round_cpu = (0.0, 0.0);
            let (mut raw_latency, mut raw_wall) = (Paired::default(), Paired::default());
            for round in 0..rounds * SHORT_BATCHES {
                // Every order of the three sides in turn (a drift in load hits all alike).
                let order = ORDERS[round % ORDERS.len()];
                let batches =
                    order.map(|side| runtime.block_on(batch(&ctx, side, endpoint, callers, per_caller)));
                let of = |side: Side| &batches[order.iter().position(|s| *s == side).unwrap_or(0)];
                let (a, b, r) = (of(Side::Client), of(Side::Baseline), of(Side::RawThenPlain));
                latency.push(a.median_latency, b.median_latency);
                wall.push(a.wall_per_call, b.wall_per_call);
                // The thread's CPU clock is too coarse for one short batch: summed per round.
                round_cpu = (round_cpu.0 + a.cpu_per_call, round_cpu.1 + b.cpu_per_call);
                if round % SHORT_BATCHES == SHORT_BATCHES - 1 {
                    cpu.push(round_cpu.0, round_cpu.1);
                    round_cpu = (0.0, 0.0);
                }
                raw_latency.push(r.median_latency, b.median_latency);
                raw_wall.push(r.wall_per_call, b.wall_per_call);
                // One caller: a call's latency is its own work, so calls of both sides can
                // alternate within one batch. (With 64 callers every call waits for the
                // whole queue, both sides alike: a mixed batch would hide the difference.)
                if callers == 1 && round % SHORT_BATCHES == 0 {
                    let (client, hand_written) = runtime.block_on(mixed_batch(&ctx, endpoint, 1, 400));
                    interleaved.push(client, hand_written);
                }
            }
            if callers == 1 {
                latency = interleaved;
            }
            let (l, t, c) = (latency.ratio(), wall.ratio(), cpu.ratio());
            report.note(format!(
                "| {} | {callers} | {} | {} | {l} | {t} | {c} | {} | {} |",
                endpoint.label(),
                human(latency.median_a()),
                human(latency.median_b()),
                raw_latency.ratio(),
                raw_wall.ratio(),
            ));
            let what =
                format!("{}, {callers} caller{}", endpoint.label(), if callers == 1 { "" } else { "s" });
            report.row(
                format!("{what}: median latency, client / hand-written"),
                format!("{:.3}", l.median),
                &format!("<= {TARGET:.2}"),
                l.median <= TARGET,
            );
            report.row(
                format!("{what}: throughput, hand-written / client"),
                format!("{:.3}", t.median),
                &format!("<= {TARGET:.2}"),
                t.median <= TARGET,
            );
            report.info(
                format!("{what}: calling-thread CPU per call, client / hand-written"),
                format!("{:.3}", c.median),
            );
        }
    }
    drop(ctx);
    drop(replay);
    report.finish();
}
