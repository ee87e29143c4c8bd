//! A retried call, recorded by the client's own recorder against a scripted server on
//! 127.0.0.1 that plays a real environment: every attempt is an exchange, so the 503 and the
//! 429 the client retried (with their `Retry-After`) confirm the inferred facts about those
//! answers, as the final 200 confirms its own.

use std::path::PathBuf;
use std::time::Duration;

use c2a_client::{Client, RetryPolicy, SourceKind};
use c2a_verify::facts::FactKind;
use c2a_verify::{Decode, Format, Severity, Spec, render};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const MEDIA_TYPE: &str = "application/clientOutput+Json";

fn spec() -> Spec {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi/c2a.yaml");
    Spec::load(&path).expect("the spec loads")
}

/// A complete HTTP/1.1 response that closes its connection.
fn answer(status: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut text = format!("HTTP/1.1 {status}\r\nconnection: close\r\ncontent-length: {}\r\n", body.len());
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}

/// Serves `answers` in order, one connection each (the request is read whole first); returns
/// the base URL.
///
/// A raw socket loop, not a mock-server crate: the test runs on a paused clock, so the
/// server must run inside the test's own runtime. A server on its own thread (wiremock's)
/// leaves this runtime idle while it waits on the socket, and the paused clock then jumps to
/// the client's next timer: its per-attempt timeout.
async fn scripted(answers: Vec<String>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        for answer in answers {
            let (mut stream, _) = listener.accept().await.expect("accept");
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = stream.read(&mut buf).await.expect("read the request");
                assert!(n > 0, "the client closed before its request head ended");
                request.extend_from_slice(&buf[..n]);
            }
            let head = String::from_utf8_lossy(&request).to_ascii_lowercase();
            assert!(!head.contains("content-length") && !head.contains("transfer-encoding"), "no body");
            stream.write_all(answer.as_bytes()).await.expect("write the answer");
            stream.shutdown().await.expect("close");
        }
    });
    format!("http://{addr}/api/v1")
}

#[tokio::test(start_paused = true)]
async fn every_attempt_of_a_retried_call_is_evidence_for_its_status() {
    let content_type = ("content-type", MEDIA_TYPE);
    let base_url = scripted(vec![
        answer(
            "503 Service Unavailable",
            &[content_type, ("retry-after", "2")],
            r#"{"status":{"messageCode":"PSP_UNAVAILABLE","message":"PSP timeout"}}"#,
        ),
        // The spec documents no body for a 429.
        answer("429 Too Many Requests", &[("retry-after", "1")], ""),
        answer(
            "200 OK",
            &[content_type],
            r#"{"result":{"paymentMethodUrn":"pm.00.482.7","state":"Deleted"},"status":{"messageCode":"SUCCESS"}}"#,
        ),
    ])
    .await;
    let dir = tempfile::tempdir().expect("temp dir");
    let client = Client::builder()
        .base_url(&base_url)
        .api_key("sk_live_attempts_0123456789")
        .tenant("tenant-attempts")
        .retry(RetryPolicy { max_attempts: 3, ..RetryPolicy::default() })
        .record_to(dir.path())
        .recorded_from(SourceKind::Real)
        .build()
        .expect("client");
    // DELETE is idempotent: the client retries it on 503 and 429.
    let started = tokio::time::Instant::now();
    let method = client
        .delete_payment_method()
        .payment_method_urn("pm.00.482.7")
        .send()
        .await
        .expect("deleted on the third attempt");
    assert_eq!(method.payment_method_urn, "pm.00.482.7");
    assert_eq!(started.elapsed(), Duration::from_secs(3), "both Retry-After honoured");

    let report =
        c2a_verify::verify::verify(&spec(), &[dir.path().to_path_buf()]).expect("the recording reads");
    let [file] = report.files.as_slice() else { panic!("one file for the call: {:?}", report.files) };
    assert_eq!(file.exchanges, 3, "one exchange per attempt");
    let exchanges: Vec<_> =
        report.exchanges.iter().map(|x| (x.entry, x.attempt, x.status, x.message_code.as_deref())).collect();
    assert_eq!(
        exchanges,
        [
            (0, Some(1), 503, Some("PSP_UNAVAILABLE")),
            (1, Some(2), 429, None),
            (2, Some(3), 200, Some("SUCCESS"))
        ]
    );
    assert!(
        report.exchanges.iter().all(|x| matches!(x.decode, Decode::Decoded(_))),
        "the client understands every answer, the bodyless 429 included:\n{}",
        render(&report, Format::Text)
    );
    assert_eq!(report.mismatches(), 0, "{}", render(&report, Format::Text));
    let markdown = render(&report, Format::Markdown);
    assert!(markdown.contains("#1` (attempt 2) | `delete_payment_method` | 429 |"), "{markdown}");
    let info: Vec<_> = report.findings().filter(|(_, f)| f.severity == Severity::Info).collect();
    assert_eq!(info.len(), 1, "only: a 503 is covered by `default` alone: {info:?}");

    let confirmed = |subject: &str| {
        let fact = report.facts.confirmed.iter().find(|f| f.subject == subject);
        let fact =
            fact.unwrap_or_else(|| panic!("`{subject}` not confirmed:\n{}", render(&report, Format::Text)));
        assert!(fact.by_real_traffic, "{fact:?}");
        fact.confirmed_by.iter().map(|by| by.rsplit('#').next().unwrap_or(by).to_owned()).collect::<Vec<_>>()
    };
    // The 503 (retried) is the `default` response with the status-only envelope: an inferred
    // response, confirmed by the first attempt.
    assert_eq!(confirmed("delete_payment_method: default"), ["0"]);
    // The 429 (retried, no body, as declared) confirms the inferred 429 response.
    assert_eq!(confirmed("delete_payment_method: HTTP 429"), ["1"]);
    // Its `Retry-After`, the inferred header the 429 declares, is confirmed by it too.
    let header = report.facts.confirmed.iter().find(|f| f.kind == FactKind::Header);
    let header =
        header.unwrap_or_else(|| panic!("Retry-After not confirmed:\n{}", render(&report, Format::Text)));
    assert_eq!(header.subject, "header Retry-After");
    assert_eq!(header.confirmed_by.len(), 1, "only the 429 declares it: {:?}", header.confirmed_by);
    assert!(header.confirmed_by[0].ends_with("#1"), "{:?}", header.confirmed_by);
}
