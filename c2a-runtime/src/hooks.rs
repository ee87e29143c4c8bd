//! The client's progenitor hooks: every request goes through the retry policy (and the
//! client's bound on requests in flight), a response carries its call's body cap when it is
//! not the default;
//! with recording on, each call is written with every attempt it made.

use progenitor_client::OperationInfo;
use tokio::time::Instant;

use crate::RuntimeConfig;
use crate::api::ApiTable;
use crate::body::BodyLimit;
use crate::options::DEFAULT_MAX_BODY_BYTES;
use crate::retry::{self, InFlight};

/// progenitor's `exec` hook, for a generated client: the generated
/// `impl ClientHooks<RuntimeConfig> for Client` calls this with its HTTP client, its
/// settings and its API's table.
///
/// Not an `async fn`: the request (~260 bytes) is boxed before the future exists, so
/// neither this future nor the generated `send_raw` future around it embeds it.
pub fn exec<'a>(
    http: &'a reqwest::Client,
    config: &'a RuntimeConfig,
    api: &'static ApiTable,
    request: reqwest::Request,
    info: &OperationInfo,
) -> impl Future<Output = reqwest::Result<reqwest::Response>> + Send + 'a {
    let started = Instant::now();
    let request = Box::new(request);
    let operation_id = info.operation_id;
    async move {
        // The first slot of the client's bound is taken before the state of the attempts
        // exists, and that state is boxed: a request queued for a slot holds only this
        // small future.
        let slot = match &config.limiter {
            Some(limiter) => Some(retry::in_flight(limiter).await),
            None => None,
        };
        Box::pin(run(Attempts { http, config, api, operation_id, started }, request, slot)).await
    }
}

/// What every attempt of one request shares.
struct Attempts<'a> {
    http: &'a reqwest::Client,
    config: &'a RuntimeConfig,
    api: &'static ApiTable,
    operation_id: &'static str,
    started: Instant,
}

/// Every attempt of one request (the retry policy, recording each attempt when recording is
/// on), then the call's file and the body cap.
async fn run(
    attempts: Attempts<'_>,
    request: Box<reqwest::Request>,
    slot: Option<InFlight>,
) -> reqwest::Result<reqwest::Response> {
    let Attempts { http, config, api, operation_id, started } = attempts;
    let op = api.operation(operation_id);
    // Boxed: recording is rare, and its state would otherwise enlarge every call's.
    let mut recording =
        config.recorder.as_ref().map(|recorder| Box::new(recorder.call(operation_id, &request)));
    let outcome = retry::execute(http, config, op, request, started, slot, recording.as_deref_mut()).await;
    // Every attempt, failed ones included: a call that got no answer is recorded too.
    if let Some(recording) = recording {
        recording.write();
    }
    let mut response = outcome?;
    // Decoding falls back to the default cap: a response only carries another one (a
    // recorded one already carries the cap, and whether it was exceeded).
    if config.max_body_bytes != DEFAULT_MAX_BODY_BYTES {
        let limit = BodyLimit { max_bytes: config.max_body_bytes, exceeded: false };
        response.extensions_mut().get_or_insert_with(|| limit);
    }
    Ok(response)
}
