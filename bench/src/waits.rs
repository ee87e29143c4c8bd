//! Thousands of concurrent `wait_for_checkout` against an in-process `c2a-sandbox`.
//!
//! [`run`] starts a sandbox with a fixed processing time, submits `waits` checkouts for one
//! customer (a few at a time: set-up, not measured), then starts one `wait_for_checkout` per
//! tracking number, all at once, through one shared `Client` (one connection pool), and
//! records when each returns.
//!
//! The sandbox answers `CHECK_OUT_PROCESSING` with `Retry-After` (and
//! `followUpInstructions.retryAfterSeconds`) equal to the processing time left, in whole
//! seconds rounded up and at least 1. A poll before the checkout is done is therefore always
//! followed by exactly one more poll, after the hint, which sees `CHECK_OUT_DONE`: the minimum
//! for a wait is 2 polls when its first poll sees `CHECK_OUT_PROCESSING`, else 1.
//! [`PollCounter`] (a `tracing` layer) attributes every `c2a.call` span to the wait it
//! belongs to and counts exactly that.

pub use crate::transport::Transport;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use c2a_client::Client;
use c2a_client::waiters::CheckoutOutcome;
use tokio::task::JoinSet;
use tokio::time::Instant;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Instrument, Subscriber};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::registry::LookupSpan;

use crate::payloads::{checkout_request, new_customer, offer_for};
use crate::proc_status;

/// The span each wait runs in (what [`PollCounter`] attributes polls to).
pub const WAIT_SPAN: &str = "bench.wait";
/// The client's span around one call (`c2a_client::runtime::call`).
pub const CALL_SPAN: &str = "c2a.call";
/// The code of a pending checkout.
pub const PROCESSING: &str = "CHECK_OUT_PROCESSING";

/// What to run.
#[derive(Clone, Debug)]
pub struct WaitConfig {
    /// Concurrent waits (and checkouts).
    pub waits: usize,
    /// The sandbox's processing time.
    pub processing_time: Duration,
    /// Each wait's `max_wait`.
    pub max_wait: Duration,
    /// Checkouts submitted at a time during set-up.
    pub submit_concurrency: usize,
    /// Sample the number of open files (a thread reading `/proc/self/fd` every 100 ms).
    pub sample_open_files: bool,
    /// Start the waits over this long, [`RAMP_STEP`] at a time, instead of all at once.
    pub ramp: Duration,
    /// A sandbox already running elsewhere (another process, started with the same
    /// processing time), instead of one started in this process.
    pub external: Option<External>,
    /// How the client reaches the sandbox (HTTP/1.1 unbounded, bounded, or HTTP/2).
    pub transport: Transport,
}

/// A sandbox running in another process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct External {
    /// Its base URL.
    pub base_url: String,
    /// A tenant id (`x-tn`).
    pub tenant: String,
    /// That tenant's API key.
    pub api_key: String,
}

impl Default for WaitConfig {
    fn default() -> Self {
        Self {
            waits: 10_000,
            processing_time: Duration::from_secs(5),
            max_wait: Duration::from_secs(120),
            submit_concurrency: 64,
            sample_open_files: true,
            ramp: Duration::ZERO,
            external: None,
            transport: Transport::Http1,
        }
    }
}

/// How many waits start together when [`WaitConfig::ramp`] is set (well under the
/// listen backlog of 1,024 that `tokio::net::TcpListener::bind` gives the sandbox).
pub const RAMP_STEP: usize = 200;

/// Size in bytes of one wait's future (`WaitFor::wait`), which `into_future` boxes: the
/// memory each pending wait holds, whether it is polling or sleeping.
pub fn wait_future_size(client: &Client) -> usize {
    std::mem::size_of_val(&client.wait_for_checkout("trk").max_wait(Duration::from_secs(1)).wait())
}

/// What happened.
#[derive(Clone, Debug, Default)]
pub struct WaitRun {
    /// Waits started.
    pub waits: usize,
    /// Waits that ended with `CheckoutOutcome::Done`.
    pub done: usize,
    /// Waits that ended otherwise.
    pub failed: usize,
    /// The first few failures, for the report.
    pub failure_samples: Vec<String>,
    /// Submitting every checkout (set-up).
    pub setup: Duration,
    /// From starting the waits to the last outcome.
    pub wait_phase: Duration,
    /// From the first submit to the last outcome.
    pub end_to_end: Duration,
    /// Per wait: its outcome's time minus (its submit's answer + processing time), median.
    pub lag_median: Duration,
    /// The same, largest.
    pub lag_max: Duration,
    /// Resident memory just before the waits started, in bytes.
    pub rss_before_waits: u64,
    /// Peak resident memory of the process at the end (`VmHWM`), in bytes.
    pub peak_rss: u64,
    /// Most open files seen by the sampler.
    pub peak_open_files: usize,
    /// The soft limit on open files.
    pub open_files_limit: u64,
    /// [`wait_future_size`].
    pub wait_future_bytes: usize,
    /// Increase of TCP counters of the network namespace over the wait phase
    /// ([`TCP_COUNTERS`]): listen-queue overflows, SYN retransmissions and the like.
    pub tcp: Vec<(&'static str, u64)>,
}

/// The TCP counters [`WaitRun::tcp`] reports (`/proc/net/snmp`, `/proc/net/netstat`):
/// `ActiveOpens` counts connections opened; a full accept queue on the sandbox's listener
/// shows as `ListenOverflows`, and its cost as SYN retransmissions and timeouts.
pub const TCP_COUNTERS: [&str; 6] =
    ["ActiveOpens", "ListenOverflows", "ListenDrops", "SyncookiesSent", "TCPSynRetrans", "TCPTimeouts"];

fn tcp_counter(name: &str) -> u64 {
    proc_status::tcp_snmp(name).or_else(|| proc_status::tcp_ext(name)).unwrap_or(0)
}

/// Runs the scenario on the current tokio runtime.
///
/// # Panics
/// When the sandbox does not start or set-up calls fail.
pub async fn run(config: &WaitConfig) -> WaitRun {
    let (sandbox, external) = match &config.external {
        None => {
            let sandbox = c2a_sandbox::Sandbox::builder()
                .processing_time(config.processing_time)
                .start()
                .await
                .expect("sandbox starts");
            let external = External {
                base_url: sandbox.base_url().to_owned(),
                tenant: sandbox.tenant_id().to_owned(),
                api_key: sandbox.api_key().to_owned(),
            };
            (Some(sandbox), external)
        }
        Some(external) => (None, external.clone()),
    };
    let client = config
        .transport
        .apply(
            Client::builder()
                .base_url(external.base_url.clone())
                .api_key(external.api_key.clone())
                .tenant(external.tenant.clone())
                .retry(c2a_client::RetryPolicy::none()),
        )
        .build()
        .expect("client for the sandbox");
    let customer = new_customer(&client, "crm-waiters").await;
    let (offer, item) = offer_for(&client, &customer).await;

    let started = Instant::now();
    let submitted = submit_all(&client, config, &customer, &offer, &item).await;
    let setup = started.elapsed();

    let sampler = config.sample_open_files.then(OpenFilesSampler::start);
    let rss_before_waits = proc_status::rss().unwrap_or(0);
    let tcp_before = TCP_COUNTERS.map(tcp_counter);
    let waits_started = Instant::now();
    let mut set = JoinSet::new();
    let steps = u32::try_from(config.waits.div_ceil(RAMP_STEP)).unwrap_or(u32::MAX).max(1);
    for (i, (tracking, submitted_at)) in submitted.into_iter().enumerate() {
        if i > 0 && i % RAMP_STEP == 0 && !config.ramp.is_zero() {
            tokio::time::sleep(config.ramp / steps).await;
        }
        let client = client.clone();
        let max_wait = config.max_wait;
        set.spawn(
            async move {
                let outcome = client.wait_for_checkout(tracking).max_wait(max_wait).await;
                (outcome, submitted_at, Instant::now())
            }
            .instrument(tracing::info_span!(WAIT_SPAN)),
        );
    }
    let mut run = WaitRun {
        waits: set.len(),
        setup,
        rss_before_waits,
        wait_future_bytes: wait_future_size(&client),
        ..WaitRun::default()
    };
    let mut lags = Vec::with_capacity(run.waits);
    let mut last = waits_started;
    while let Some(joined) = set.join_next().await {
        let (outcome, submitted_at, finished) = joined.expect("wait task");
        last = last.max(finished);
        match outcome {
            Ok(CheckoutOutcome::Done(_)) => run.done += 1,
            other => {
                run.failed += 1;
                if run.failure_samples.len() < 2 {
                    run.failure_samples.push(format!("{other:?}"));
                }
            }
        }
        lags.push(finished.saturating_duration_since(submitted_at + config.processing_time));
    }
    lags.sort();
    run.wait_phase = last - waits_started;
    run.end_to_end = last - started;
    run.lag_median = lags.get(lags.len() / 2).copied().unwrap_or_default();
    run.lag_max = lags.last().copied().unwrap_or_default();
    run.peak_open_files = sampler.map(OpenFilesSampler::stop).unwrap_or(0);
    run.peak_rss = proc_status::peak_rss().unwrap_or(0);
    run.open_files_limit = proc_status::open_files_limit().unwrap_or(0);
    run.tcp = TCP_COUNTERS
        .iter()
        .zip(tcp_before)
        .map(|(c, before)| (*c, tcp_counter(c).saturating_sub(before)))
        .collect();
    drop(client);
    drop(sandbox);
    run
}

/// Submits `config.waits` checkouts, `submit_concurrency` at a time; returns each tracking
/// number with the time its submit was answered, in submission order.
async fn submit_all(
    client: &Client,
    config: &WaitConfig,
    customer: &str,
    offer: &str,
    item: &str,
) -> Vec<(String, Instant)> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = JoinSet::new();
    for _ in 0..config.submit_concurrency.max(1) {
        let (client, next, total) = (client.clone(), next.clone(), config.waits);
        let (customer, offer, item) = (customer.to_owned(), offer.to_owned(), item.to_owned());
        workers.spawn(async move {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    return done;
                }
                let request = checkout_request(&customer, &offer, &item, &format!("order-wait-{i}"));
                let accepted = client.submit_checkout().body(request).send().await.expect("submit_checkout");
                done.push((i, accepted.tracking_number, Instant::now()));
            }
        });
    }
    let mut all = Vec::with_capacity(config.waits);
    while let Some(done) = workers.join_next().await {
        all.extend(done.expect("submit worker"));
    }
    all.sort_by_key(|(i, _, _)| *i);
    all.into_iter().map(|(_, tracking, at)| (tracking, at)).collect()
}

/// The most open files seen, sampled from a plain thread every 100 ms.
struct OpenFilesSampler {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicUsize>,
    thread: std::thread::JoinHandle<()>,
}

impl OpenFilesSampler {
    fn start() -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let peak = Arc::new(AtomicUsize::new(0));
        let (s, p) = (stop.clone(), peak.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                p.fetch_max(proc_status::open_files().unwrap_or(0), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        Self { stop, peak, thread }
    }

    fn stop(self) -> usize {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
        self.peak.load(Ordering::Relaxed).max(proc_status::open_files().unwrap_or(0))
    }
}

/// Polls counted per wait, over every wait that has ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PollTally {
    /// Waits that ended.
    pub waits: u64,
    /// Polls (calls) made by those waits.
    pub polls: u64,
    /// Polls answered `CHECK_OUT_PROCESSING`.
    pub processing_answers: u64,
    /// Waits whose first poll was answered `CHECK_OUT_PROCESSING`.
    pub first_processing: u64,
    /// What the hints allow: per wait, 2 when the first poll saw `CHECK_OUT_PROCESSING`, else 1.
    pub minimum: u64,
    /// Waits that polled more than their minimum.
    pub waits_over_minimum: u64,
    /// Most polls made by one wait.
    pub max_polls_per_wait: u32,
}

impl PollTally {
    fn add(&mut self, slot: &WaitSlot) {
        let minimum = 1 + u32::from(slot.first_processing == Some(true));
        self.waits += 1;
        self.polls += u64::from(slot.polls);
        self.processing_answers += u64::from(slot.processing);
        self.first_processing += u64::from(slot.first_processing == Some(true));
        self.minimum += u64::from(minimum);
        self.waits_over_minimum += u64::from(slot.polls > minimum);
        self.max_polls_per_wait = self.max_polls_per_wait.max(slot.polls);
    }

    /// Polls made beyond the minimum.
    pub fn extra(&self) -> u64 {
        self.polls.saturating_sub(self.minimum)
    }
}

/// A `tracing` layer that counts, for every [`WAIT_SPAN`], the [`CALL_SPAN`]s inside it and
/// the message code each recorded.
#[derive(Clone, Debug, Default)]
pub struct PollCounter {
    tally: Arc<Mutex<PollTally>>,
}

impl PollCounter {
    /// The counts so far (waits that have ended).
    pub fn tally(&self) -> PollTally {
        *self.tally.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[derive(Default)]
struct WaitSlot {
    polls: u32,
    processing: u32,
    first_processing: Option<bool>,
}

struct CallCode(Option<String>);

struct CodeVisitor(Option<String>);

impl Visit for CodeVisitor {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message_code" {
            self.0 = Some(value.to_owned());
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message_code" {
            self.0 = Some(format!("{value:?}").trim_matches('"').to_owned());
        }
    }
}

impl<S> Layer<S> for PollCounter
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        match attrs.metadata().name() {
            WAIT_SPAN => span.extensions_mut().insert(WaitSlot::default()),
            CALL_SPAN => span.extensions_mut().insert(CallCode(None)),
            _ => {}
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        if span.name() != CALL_SPAN {
            return;
        }
        let mut visitor = CodeVisitor(None);
        values.record(&mut visitor);
        if let (Some(code), Some(slot)) = (visitor.0, span.extensions_mut().get_mut::<CallCode>()) {
            slot.0 = Some(code);
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        match span.name() {
            CALL_SPAN => {
                let code = span.extensions_mut().remove::<CallCode>().and_then(|c| c.0);
                let Some(wait) = span.scope().skip(1).find(|s| s.name() == WAIT_SPAN) else { return };
                let mut extensions = wait.extensions_mut();
                let Some(slot) = extensions.get_mut::<WaitSlot>() else { return };
                let processing = code.as_deref() == Some(PROCESSING);
                slot.polls += 1;
                slot.processing += u32::from(processing);
                slot.first_processing.get_or_insert(processing);
            }
            WAIT_SPAN => {
                if let Some(slot) = span.extensions_mut().remove::<WaitSlot>() {
                    self.tally.lock().unwrap_or_else(PoisonError::into_inner).add(&slot);
                }
            }
            _ => {}
        }
    }
}
