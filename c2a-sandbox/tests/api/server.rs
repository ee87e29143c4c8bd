//! The server itself: slow and idle connections are closed, HTTP/2 cleartext (prior
//! knowledge) is served beside HTTP/1.1, the listen backlog is configurable, and the links
//! the sandbox hands out come from its configured public URL, never from `Host`.
//!
//! The timeout tests run on a paused tokio clock: the server and the test client share the
//! runtime, so the server's timers and the client's pauses move on one clock, which only
//! jumps to the next timer once every loopback socket is quiet.

use std::time::Duration;

use c2a_sandbox::{Sandbox, fixtures};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use crate::common::*;

/// Generous bound for "the server closed it" (on the paused clock where the tests below are):
/// far above the timeouts configured below, far below "held open" (the issue saw connections
/// still held after 40 s).
const CLOSED_WITHIN: Duration = Duration::from_secs(5);

/// Reads until the server closes the connection; returns what it sent. Panics when the
/// connection is still open after [`CLOSED_WITHIN`].
async fn closed_by_server(stream: &mut TcpStream) -> Vec<u8> {
    let mut received = Vec::new();
    let read = timeout(CLOSED_WITHIN, async {
        let mut buf = [0u8; 1024];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the server still holds the connection after {CLOSED_WITHIN:?}");
    received
}

fn half_a_header(sandbox: &Sandbox) -> String {
    format!("GET /api/v1/c2a/customer/info?urn=cu.00.1 HTTP/1.1\r\nHost: {}\r\nx-api-k", sandbox.addr())
}

#[tokio::test(start_paused = true)]
async fn a_client_sending_half_a_header_is_disconnected_after_the_header_timeout() {
    let sandbox = fast().header_read_timeout(Duration::from_millis(300)).start().await.expect("sandbox");
    // The scenario: 1,000 connections that send half a header.
    let mut slow = Vec::new();
    for _ in 0..1000 {
        let mut stream = TcpStream::connect(sandbox.addr()).await.expect("connect");
        stream.write_all(half_a_header(&sandbox).as_bytes()).await.expect("write");
        slow.push(stream);
    }
    // A client trickling a byte every 100 ms is never idle, but its head is still late.
    let mut trickle = TcpStream::connect(sandbox.addr()).await.expect("connect");
    trickle.write_all(b"GET / HTTP/1.1\r\n").await.expect("write");
    let (mut reader, mut writer) = trickle.into_split();
    let writer = tokio::spawn(async move {
        for _ in 0..100 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if writer.write_all(b"x").await.is_err() {
                return;
            }
        }
    });

    // Normal requests are served meanwhile.
    let api = Api::new(&sandbox);
    store_customer(&api, "crm-1").await;

    for stream in &mut slow {
        assert!(closed_by_server(stream).await.is_empty(), "no response to half a request");
    }
    let mut buf = [0u8; 64];
    let closed = timeout(CLOSED_WITHIN, reader.read(&mut buf)).await;
    assert!(matches!(closed, Ok(Ok(0) | Err(_))), "the trickling client is still connected");
    writer.abort();
    // A new client: the first one's keep-alive connection fell under the same 300 ms limit
    // (HTTP/1 waits for the next head with the header timeout) and may just have closed.
    store_customer(&Api::new(&sandbox), "crm-2").await;
}

#[tokio::test(start_paused = true)]
async fn shutdown_does_not_wait_longer_than_the_header_timeout_for_half_a_header() {
    const HEADER_TIMEOUT: Duration = Duration::from_millis(300);
    let sandbox = fast().header_read_timeout(HEADER_TIMEOUT).start().await.expect("sandbox");
    let started = tokio::time::Instant::now();
    let mut stream = TcpStream::connect(sandbox.addr()).await.expect("connect");
    stream.write_all(half_a_header(&sandbox).as_bytes()).await.expect("write");
    // Let the server take the connection before it is asked to stop.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let stopped = timeout(CLOSED_WITHIN, sandbox.shutdown()).await;
    assert!(matches!(stopped, Ok(Ok(()))), "{stopped:?}");
    // On the paused clock this is exact: the shutdown did wait for the half head (so the
    // server had taken the connection), and no longer than its header timeout.
    let elapsed = started.elapsed();
    assert!(elapsed >= HEADER_TIMEOUT, "stopped after {elapsed:?}");
    assert!(elapsed <= HEADER_TIMEOUT + Duration::from_millis(50), "stopped after {elapsed:?}");
    assert!(closed_by_server(&mut stream).await.is_empty());
}

#[tokio::test(start_paused = true)]
async fn without_a_header_timeout_half_a_header_is_held() {
    // The control for the test above: the timeout is what closes such connections.
    let sandbox = fast().header_read_timeout(None).idle_timeout(None).start().await.expect("sandbox");
    let mut stream = TcpStream::connect(sandbox.addr()).await.expect("connect");
    stream.write_all(half_a_header(&sandbox).as_bytes()).await.expect("write");
    let mut buf = [0u8; 64];
    // On the paused clock, far past every default timeout costs nothing.
    let held = 2 * c2a_sandbox::DEFAULT_IDLE_TIMEOUT;
    assert!(timeout(held, stream.read(&mut buf)).await.is_err(), "still open");
}

#[tokio::test(start_paused = true)]
async fn idle_connections_are_closed_after_the_idle_timeout() {
    let sandbox = fast()
        .header_read_timeout(None)
        .idle_timeout(Duration::from_millis(300))
        .start()
        .await
        .expect("sandbox");
    // Connected and silent: the protocol is not even known yet.
    let mut silent = TcpStream::connect(sandbox.addr()).await.expect("connect");
    // Half of the HTTP/2 preface.
    let mut preface = TcpStream::connect(sandbox.addr()).await.expect("connect");
    preface.write_all(b"PRI * HTTP/2.0\r\n").await.expect("write");
    // Half an HTTP/1 head (no header timeout here: the idle timeout closes it).
    let mut half = TcpStream::connect(sandbox.addr()).await.expect("connect");
    half.write_all(half_a_header(&sandbox).as_bytes()).await.expect("write");
    // A keep-alive connection after a complete exchange.
    let mut kept = TcpStream::connect(sandbox.addr()).await.expect("connect");
    kept.write_all(
        format!("GET /api/v1/c2a/customer/info?urn=cu.00.1 HTTP/1.1\r\nHost: {}\r\n\r\n", sandbox.addr())
            .as_bytes(),
    )
    .await
    .expect("write");
    for stream in [&mut silent, &mut preface, &mut half] {
        assert!(closed_by_server(stream).await.is_empty());
    }
    let answer = String::from_utf8(closed_by_server(&mut kept).await).expect("utf-8");
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
}

#[tokio::test]
async fn http2_with_prior_knowledge_is_served_beside_http1() {
    let sandbox = fast().start().await.expect("sandbox");
    let h2 = reqwest::Client::builder().no_proxy().http2_prior_knowledge().build().expect("client");
    let requests = (0..32).map(|n| {
        h2.get(format!("{}/c2a/customer/info?urn=cu.00.{n}", sandbox.base_url()))
            .header("x-tn", sandbox.tenant_id())
            .header("x-api-key", sandbox.api_key())
            .send()
    });
    for response in join_all(requests).await {
        let response = response.expect("h2c request");
        assert_eq!(response.version(), reqwest::Version::HTTP_2);
        assert_eq!(response.status(), 404);
        assert_eq!(response.headers()["content-type"], MEDIA_TYPE);
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["status"]["messageCode"], "CUSTOMER_NOT_FOUND");
    }
    // HTTP/1.1 on the same port.
    let h1 = reqwest::Client::builder().no_proxy().http1_only().build().expect("client");
    let response = h1.get(format!("{}/c2a/customer/info?urn=cu.00.1", sandbox.base_url())).send().await;
    let response = response.expect("h1 request");
    assert_eq!((response.version(), response.status().as_u16()), (reqwest::Version::HTTP_11, 401));
}

/// Runs the futures concurrently, each on its own task (no `futures` dependency needed).
async fn join_all<F>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.expect("task"));
    }
    out
}

/// The backlog of a listening socket as the kernel reports it (`ss`'s Send-Q), when `ss` is
/// available.
fn listen_backlog(port: u16) -> Option<u32> {
    let output =
        std::process::Command::new("ss").args(["-Hltn", &format!("sport = :{port}")]).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    text.lines().next()?.split_whitespace().nth(2)?.parse().ok()
}

// Real time: a paused clock needs the current-thread runtime, and this waits on 2,000 real connects.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_backlog_is_configurable_and_two_thousand_simultaneous_connects_are_answered() {
    const BACKLOG: u32 = 3000;
    const CLIENTS: usize = 2000;
    let sandbox = fast().backlog(BACKLOG).start().await.expect("sandbox");
    match listen_backlog(sandbox.addr().port()) {
        Some(backlog) => {
            let cap = std::fs::read_to_string("/proc/sys/net/core/somaxconn")
                .ok()
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(u32::MAX);
            assert_eq!(backlog, BACKLOG.min(cap), "the listen backlog the kernel reports");
        }
        None => eprintln!("`ss` is not available: the backlog itself is not checked"),
    }
    let addr = sandbox.addr();
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(CLIENTS));
    let clients = (0..CLIENTS).map(|_| {
        let barrier = barrier.clone();
        async move {
            barrier.wait().await;
            let mut stream = TcpStream::connect(addr).await?;
            stream
                .write_all(b"GET /api/v1/c2a/customer/info?urn=cu.00.1 HTTP/1.1\r\nHost: sandbox\r\nConnection: close\r\n\r\n")
                .await?;
            let mut answer = Vec::new();
            stream.read_to_end(&mut answer).await?;
            Ok::<_, std::io::Error>(answer)
        }
    });
    let answers = timeout(Duration::from_secs(60), join_all(clients)).await.expect("bounded");
    for answer in answers {
        let answer = answer.expect("connected and answered");
        assert!(answer.starts_with(b"HTTP/1.1 401"), "{}", String::from_utf8_lossy(&answer));
    }
}

/// A checkout waiting for its 3DS challenge; returns its tracking number.
async fn three_ds_checkout(api: &Api) -> String {
    let jane = store_customer(api, "crm-1").await;
    let offer = purchase_offer(api, &jane, None).await;
    let accepted = submit(api, checkout_body(&offer, &jane, card_payment(fixtures::CARD_3DS), None)).await;
    let trk = accepted.json["trackingNumber"].as_str().unwrap().to_owned();
    poll(api, &trk).await.expect(200, "CHECK_OUT_3DS_REQUIRED");
    trk
}

#[tokio::test(start_paused = true)]
async fn a_hostile_host_header_is_not_reflected_into_the_challenge() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let trk = three_ds_checkout(&api).await;
    let challenge = api
        .call("get_checkout_status", reqwest::Method::GET, format!("/c2a/offer/checkout/{trk}/status"))
        .header("host", "evil.example:666")
        .send()
        .await;
    challenge.expect(200, "CHECK_OUT_3DS_REQUIRED");
    let redirect = &challenge.json["redirectInstructions"];
    assert_eq!(redirect["redirectUrl"], format!("http://{}/sandbox/3ds/{trk}", sandbox.addr()));
    assert!(!challenge.text.contains("evil"), "{}", challenge.text);
    assert_eq!(sandbox.public_url(), format!("http://{}", sandbox.addr()));
}

#[tokio::test(start_paused = true)]
async fn links_use_the_configured_public_url() {
    let public = "https://sandbox.example.test/c2a";
    let sandbox = fast().public_url(format!("{public}/")).start().await.expect("sandbox");
    assert_eq!(sandbox.public_url(), public);
    assert_eq!(sandbox.base_url(), format!("{public}/api/v1"));
    let mut api = Api::new(&sandbox);
    api.base_url = format!("http://{}/api/v1", sandbox.addr());
    let trk = three_ds_checkout(&api).await;
    let challenge = status(&api, &trk).await;
    let url = format!("{public}/sandbox/3ds/{trk}");
    assert_eq!(challenge.json["redirectInstructions"]["redirectUrl"], url.as_str());
    assert!(challenge.json["redirectInstructions"]["htmlContent"].as_str().unwrap().contains(&url));

    for bad in ["sandbox.example.test", "javascript:alert(1)", "http://", "http://a\"><script>", "https:///x"]
    {
        let error = fast().public_url(bad).start().await.expect_err(bad);
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput, "{bad}");
    }
}

#[tokio::test]
async fn an_unspecified_bind_address_gets_a_loopback_public_url() {
    let sandbox = fast().bind("0.0.0.0:0".parse().unwrap()).start().await.expect("sandbox");
    assert_eq!(sandbox.public_url(), format!("http://127.0.0.1:{}", sandbox.addr().port()));
}
