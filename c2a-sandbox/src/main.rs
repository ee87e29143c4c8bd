//! `c2a-sandbox`: run the C2A emulator on a local address.
//!
//! ```text
//! cargo run -p c2a-sandbox -- --addr 127.0.0.1:8080 [--tenant ID:KEY]... [--processing-ms N]
//!     [--offer-ttl-secs N] [--retention-secs N] [--public-url URL]
//!     [--header-timeout-ms N] [--idle-timeout-secs N] [--backlog N]
//! ```

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use c2a_sandbox::{
    DEFAULT_BACKLOG, DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_RETENTION, Sandbox, fixtures,
};
use clap::Parser;

/// Local, in-memory emulator of the Azotte C2A API.
#[derive(Debug, Parser)]
#[command(name = "c2a-sandbox", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// A tenant and its API key (repeatable). Without any, a demo tenant is created.
    #[arg(long = "tenant", value_name = "ID:KEY", value_parser = parse_tenant)]
    tenants: Vec<(String, String)>,
    /// Milliseconds a checkout stays in CHECK_OUT_PROCESSING.
    #[arg(long, value_name = "N", default_value_t = 2000)]
    processing_ms: u64,
    /// Seconds a resolved offer stays valid.
    #[arg(long, value_name = "N", default_value_t = 900)]
    offer_ttl_secs: u64,
    /// Seconds a settled checkout (and an offer, after its expiry) is remembered.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RETENTION.as_secs())]
    retention_secs: u64,
    /// URL clients reach the sandbox under (3DS links, base URL); default: from --addr.
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Milliseconds an HTTP/1 client has to send a request head (also the keep-alive idle
    /// limit); 0 disables it.
    #[arg(long, value_name = "N", default_value_t = millis(DEFAULT_HEADER_READ_TIMEOUT))]
    header_timeout_ms: u64,
    /// Seconds a connection may go without traffic before it is closed; 0 disables it.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_IDLE_TIMEOUT.as_secs())]
    idle_timeout_secs: u64,
    /// Listen backlog (the kernel caps it at net.core.somaxconn).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BACKLOG)]
    backlog: u32,
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The duration, or `None` (disabled) when it is zero.
fn unless_zero(duration: Duration) -> Option<Duration> {
    (!duration.is_zero()).then_some(duration)
}

fn parse_tenant(value: &str) -> Result<(String, String), String> {
    match value.split_once(':') {
        Some((id, key)) if !id.is_empty() && !key.is_empty() => Ok((id.to_owned(), key.to_owned())),
        _ => Err(format!("expected ID:KEY, got `{value}`")),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let mut builder = Sandbox::builder()
        .bind(args.addr)
        .processing_time(Duration::from_millis(args.processing_ms))
        .offer_ttl(Duration::from_secs(args.offer_ttl_secs))
        .retention(Duration::from_secs(args.retention_secs))
        .header_read_timeout(unless_zero(Duration::from_millis(args.header_timeout_ms)))
        .idle_timeout(unless_zero(Duration::from_secs(args.idle_timeout_secs)))
        .backlog(args.backlog);
    if let Some(url) = args.public_url {
        builder = builder.public_url(url);
    }
    for (id, key) in args.tenants {
        builder = builder.tenant(id, key);
    }
    let sandbox = match builder.start().await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("c2a-sandbox: cannot start on {}: {error}", args.addr);
            return ExitCode::FAILURE;
        }
    };
    println!(
        "c2a-sandbox listening on {} (HTTP/1.1 and h2c), public URL {}",
        sandbox.addr(),
        sandbox.public_url()
    );
    println!("base URL for the client: {}", sandbox.base_url());
    for tenant in sandbox.tenants() {
        println!(
            "tenant  x-tn: {}  x-api-key: {}  storefronts: {} {} {} (empty)",
            tenant.tenant_id,
            tenant.api_key,
            tenant.main_storefront_urn,
            tenant.secondary_storefront_urn,
            tenant.empty_storefront_urn
        );
    }
    println!(
        "test cards: approve {}  decline {}  3DS {}  PSP down {}; promotion code {}",
        fixtures::CARD_APPROVE,
        fixtures::CARD_DECLINE,
        fixtures::CARD_3DS,
        fixtures::CARD_PSP_UNAVAILABLE,
        fixtures::PROMOTION_CODE
    );
    println!("press Ctrl-C to stop");
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("c2a-sandbox: cannot listen for Ctrl-C: {error}");
    }
    println!("shutting down");
    match sandbox.shutdown().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("c2a-sandbox: {error}");
            ExitCode::FAILURE
        }
    }
}
