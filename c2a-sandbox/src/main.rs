//! `c2a-sandbox`: run the C2A emulator on a local address.
//!
//! ```text
//! cargo run -p c2a-sandbox -- --addr 127.0.0.1:8080 [--tenant ID:KEY]... [--processing-ms N]
//! ```

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use c2a_sandbox::{Sandbox, fixtures};
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
        .offer_ttl(Duration::from_secs(args.offer_ttl_secs));
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
    println!("c2a-sandbox listening on http://{}", sandbox.addr());
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
