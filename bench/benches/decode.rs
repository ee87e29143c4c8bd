//! Decoding: the client's real decode path (`c2a_client::runtime::decode_body`: content type,
//! envelope, message code, payload) against a plain `serde_json::from_slice` of the same
//! bytes into the same generated envelope type.
//!
//! Payloads are recorded from `c2a-sandbox` and grown (`c2a_bench::payloads`): a
//! `GetOfferResponse` whose `PurchaseOffer` has hundreds of artifact groups, and a
//! `CustomerSubscriptionListResponse` with 1,000 items. The real path is given a clone of the
//! response headers each time, as `decode` does with `response.headers().clone()`.

use std::time::Duration;

use c2a_bench::harness::{calibrate, human, interleave, per_iteration};
use c2a_bench::payloads::{self, MEDIA_TYPE};
use c2a_bench::report::Report;
use c2a_bench::{Options, harness};
use c2a_client::runtime::{Envelope, Operation, decode_body};
use c2a_client::{operations, types};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};

/// The target: the real path costs at most this many times the plain decode.
const TARGET: f64 = 1.10;
/// Artifact groups in the large offer.
const GROUPS: usize = 400;
/// Items in the large list.
const ITEMS: usize = 1_000;

fn headers(len: usize) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE));
    headers.insert(reqwest::header::CONTENT_LENGTH, HeaderValue::from(len));
    headers.insert(reqwest::header::DATE, HeaderValue::from_static("Wed, 26 Nov 2025 15:00:00 GMT"));
    headers
}

/// One comparison: real path vs plain `from_slice`, interleaved.
fn compare<E: Envelope>(
    report: &mut Report,
    label: &str,
    op: &'static Operation,
    body: &[u8],
    rounds: usize,
    target: bool,
) {
    let headers = headers(body.len());
    let real = || decode_body::<E>(op, StatusCode::OK, headers.clone(), body).expect("decodes");
    let plain = || serde_json::from_slice::<E>(body).expect("decodes");
    let batch = Duration::from_millis(20);
    let iterations = calibrate(batch, real).max(calibrate(batch, plain));
    let paired = interleave(rounds, || per_iteration(iterations, real), || per_iteration(iterations, plain));
    let ratio = paired.ratio();
    report.note(format!(
        "- {label} ({} bytes): real path {} vs plain from_slice {} per decode (medians); ratio {ratio}",
        body.len(),
        human(harness::median(&paired.a)),
        human(harness::median(&paired.b)),
    ));
    let figure = format!("decode {label}: real path / plain from_slice");
    if target {
        report.row(
            figure,
            format!("{:.3}", ratio.median),
            &format!("<= {TARGET:.2}"),
            ratio.median <= TARGET,
        );
    } else {
        report.info(figure, format!("{:.3}", ratio.median));
    }
}

fn main() {
    let options = Options::from_env();
    let rounds = options.rounds(41, 9);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let recorded = runtime.block_on(payloads::record(2));
    let offer = payloads::grow_offer(&recorded.offer, GROUPS);
    let list = payloads::grow_subscriptions(&recorded.subscriptions, ITEMS);

    let mut report = Report::new("decode");
    report.note(format!(
        "Interleaved batches of about 20 ms, {rounds} rounds; per-round ratio real / plain, median (IQR). \
         Payloads recorded from c2a-sandbox and grown."
    ));
    compare::<types::GetOfferResponse>(
        &mut report,
        &format!("PurchaseOffer, {GROUPS} artifact groups"),
        &operations::GET_BUNDLES,
        &offer,
        rounds,
        true,
    );
    compare::<types::CustomerSubscriptionListResponse>(
        &mut report,
        &format!("subscriptions list, {ITEMS} items"),
        &operations::LIST_CUSTOMER_SUBSCRIPTIONS,
        &list,
        rounds,
        true,
    );
    compare::<types::CheckoutResult>(
        &mut report,
        "checkout status (small, as recorded)",
        &operations::GET_CHECKOUT_STATUS,
        &recorded.checkout_status,
        rounds,
        false,
    );
    report.finish();
}
