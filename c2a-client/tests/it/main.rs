//! Integration tests of the client, in one binary: over real HTTP against a scripted local
//! server (`common`) or the in-process `c2a-sandbox`. Tests run in parallel threads of one
//! process, so none may rely on process-wide state (global subscriber, environment, current
//! directory); `common::subscribe` scopes a tracing subscriber to its test.

mod common;
/// The examples' support module (sandbox connection, request builders), shared with them.
#[path = "../../examples/support/mod.rs"]
mod support;

mod builders;
mod concurrency;
mod drift;
mod envelope_and_errors;
mod limits;
mod money_properties;
mod recording;
mod redaction_and_tracing;
mod redirects;
mod retries;
mod sandbox_flows;
mod waiters;
