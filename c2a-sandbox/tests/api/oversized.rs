//! Request bodies over the limit: `413` with the request-error envelope (`INVALID_REQUEST`,
//! the spec has no code of its own for it), answered after reading what is left of the body
//! up to a bound, so a client that writes its whole body before reading (Python's urllib)
//! gets the answer rather than a reset connection; a body far over the bound is cut off.

use std::time::{Duration, Instant};

use c2a_sandbox::{DRAIN_BYTES, MAX_BODY_BYTES, Sandbox};
use serde_json::{Map, Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use crate::common::*;

/// Far above what a loopback exchange of a few MiB takes.
const WITHIN: Duration = Duration::from_secs(20);

/// A JSON body of exactly `len` bytes for validate_customer.
fn body_of(len: usize) -> Vec<u8> {
    let filler = len - r#"{"externalId":""}"#.len();
    format!(r#"{{"externalId":"{}"}}"#, "a".repeat(filler)).into_bytes()
}

/// A POST head to `path` with the sandbox's credentials and `framing` (header lines).
fn head(sandbox: &Sandbox, path: &str, framing: &str) -> String {
    format!(
        "POST /api/v1{path} HTTP/1.1\r\nhost: {}\r\nx-api-key: {}\r\nx-tn: {}\r\n\
         content-type: application/json\r\n{framing}\r\n",
        sandbox.addr(),
        sandbox.api_key(),
        sandbox.tenant_id()
    )
}

/// `body` in chunked encoding, in chunks of at most 64 KiB, with the last chunk.
fn chunked(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + body.len() / 1000 + 16);
    for chunk in body.chunks(64 * 1024) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// A connection whose send buffer holds little, so what the kernel buffers does not hide
/// a server that stopped reading: the client's writes then wait for the server to read.
async fn small_send_buffer(sandbox: &Sandbox) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.set_send_buffer_size(32 * 1024).expect("SO_SNDBUF");
    socket.connect(sandbox.addr()).await.expect("connect")
}

/// One HTTP/1.1 response: its head (lower-cased) and its body (by `content-length`).
async fn read_response(stream: &mut TcpStream) -> (String, Vec<u8>) {
    timeout(WITHIN, async {
        let mut received = Vec::new();
        let mut buf = [0u8; 8192];
        let end = loop {
            if let Some(at) = received.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            let n = stream.read(&mut buf).await.expect("the answer, not a reset connection");
            assert!(n > 0, "closed before a response: {}", String::from_utf8_lossy(&received));
            received.extend_from_slice(&buf[..n]);
        };
        let head = String::from_utf8_lossy(&received[..end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .map_or(0, |v| v.trim().parse().expect("a length"));
        let mut body = received[end..].to_vec();
        while body.len() < length {
            let n = stream.read(&mut buf).await.expect("the body");
            assert!(n > 0, "closed in the middle of the body");
            body.extend_from_slice(&buf[..n]);
        }
        (head, body)
    })
    .await
    .expect("a response in time")
}

/// A 413 with the status-only `INVALID_REQUEST` envelope naming the limit.
#[track_caller]
fn assert_too_large(head: &str, body: &[u8]) {
    assert!(head.starts_with("http/1.1 413 "), "{head}");
    assert!(head.contains("content-type: application/clientoutput+json"), "{head}");
    let json: Value = serde_json::from_slice(body).expect("a JSON envelope");
    assert_eq!(json["status"]["messageCode"], "INVALID_REQUEST", "{json}");
    let message = json["status"]["message"].as_str().unwrap_or("");
    assert!(message.contains(&format!("larger than {MAX_BODY_BYTES} bytes")), "{message}");
    assert_eq!(json.as_object().map(Map::len), Some(1), "status-only envelope: {json}");
}

#[tokio::test]
async fn an_oversized_body_gets_413_with_the_request_error_envelope() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let padding = "a".repeat(MAX_BODY_BYTES);
    let cases = [
        ("validate_customer", "/c2a/customer/validate", json!({ "externalId": padding })),
        ("store_customer", "/c2a/customer/store", json!({ "customer": { "externalIdentifier": padding } })),
        ("submit_checkout", "/c2a/offer/checkout", json!({ "order": { "correlationId": padding } })),
        ("add_payment_method", "/c2a/customer/payment/methods/add", json!({ "customerUrn": padding })),
    ];
    for (op, path, body) in cases {
        // The harness checks the answer against the spec: `default`, the status-only envelope.
        let response = api.post(op, path, body).await;
        response.expect(413, "INVALID_REQUEST");
        assert!(response.message().contains("larger than 65536 bytes"), "{op}: {}", response.message());
    }
    // A body of exactly the limit is read.
    let exact = String::from_utf8(body_of(MAX_BODY_BYTES)).expect("text");
    let response = api.call("validate_customer", reqwest::Method::POST, "/c2a/customer/validate");
    response.raw(exact, Some("application/json")).send().await.expect(200, "SUCCESS");
}

// Real time: a bulk loopback transfer can wait on the kernel; a paused clock would jump to DRAIN_TIME.
#[tokio::test]
async fn a_client_that_writes_the_whole_body_before_reading_gets_the_413() {
    let sandbox = fast().start().await.expect("sandbox");
    let body = body_of(2 * 1024 * 1024);
    let small = body_of(32);
    for framing in ["content-length", "chunked"] {
        let (framed, header) = match framing {
            "chunked" => (chunked(&body), "transfer-encoding: chunked\r\n".to_owned()),
            _ => (body.clone(), format!("content-length: {}\r\n", body.len())),
        };
        let mut stream = small_send_buffer(&sandbox).await;
        // Everything first, as urllib does; only then read.
        let mut request = head(&sandbox, "/c2a/customer/validate", &header).into_bytes();
        request.extend_from_slice(&framed);
        timeout(WITHIN, stream.write_all(&request)).await.expect("in time").expect("the whole body is taken");
        let (head_text, answer) = read_response(&mut stream).await;
        assert_too_large(&head_text, &answer);
        assert!(
            !head_text.contains("connection: close"),
            "{framing}: the body was read to its end: {head_text}"
        );

        // The body was read to its end: the same connection serves the next request.
        let mut next =
            head(&sandbox, "/c2a/customer/validate", &format!("content-length: {}\r\n", small.len()))
                .into_bytes();
        next.extend_from_slice(&small);
        stream.write_all(&next).await.expect("write");
        let (head_text, answer) = read_response(&mut stream).await;
        assert!(head_text.starts_with("http/1.1 200 "), "{framing}: {head_text}");
        let json: Value = serde_json::from_slice(&answer).expect("JSON");
        assert_eq!(json["status"]["messageCode"], "SUCCESS");
    }
}

// Real time: a bulk loopback transfer can wait on the kernel; a paused clock would jump to DRAIN_TIME.
#[tokio::test]
async fn a_body_far_over_the_drain_bound_is_cut_off() {
    let sandbox = fast().start().await.expect("sandbox");
    // Chunked: the sandbox cannot know the size up front and must count what it reads.
    const TOTAL: usize = 512 * 1024 * 1024;
    let stream = TcpStream::connect(sandbox.addr()).await.expect("connect");
    let (mut reader, mut writer) = stream.into_split();
    let started = Instant::now();
    let request_head = head(&sandbox, "/c2a/customer/validate", "transfer-encoding: chunked\r\n");
    let sender = tokio::spawn(async move {
        writer.write_all(request_head.as_bytes()).await.expect("head");
        let mut chunk = format!("{:x}\r\n", 1024 * 1024).into_bytes();
        chunk.extend(std::iter::repeat_n(b' ', 1024 * 1024));
        chunk.extend_from_slice(b"\r\n");
        let mut written = 0;
        while written < TOTAL {
            if writer.write_all(&chunk).await.is_err() {
                return (written, true);
            }
            written += chunk.len();
        }
        (written, false)
    });
    let mut received = Vec::new();
    let read = timeout(WITHIN, async {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf).await
            && n > 0
        {
            received.extend_from_slice(&buf[..n]);
        }
    })
    .await;
    assert!(read.is_ok(), "the connection is still open after {WITHIN:?}");
    let (written, cut_off) =
        timeout(WITHIN, sender).await.expect("the sender stops in time").expect("sender");
    assert!(cut_off, "the sandbox took all {written} bytes");
    // What the kernel may buffer on both sides of a loopback connection, generously (Linux
    // grows a receive buffer up to `tcp_rmem`'s maximum, 32 MiB by default); about 6 MiB
    // go through in practice, of the 512 MiB offered.
    let buffers = 32 * 1024 * 1024;
    assert!(
        written <= MAX_BODY_BYTES + DRAIN_BYTES + buffers,
        "{written} bytes went through before the connection was cut"
    );
    assert!(started.elapsed() < WITHIN, "{:?}", started.elapsed());
    // If the answer arrived before the reset, it is the 413 (a reset may discard it).
    if !received.is_empty() {
        let text = String::from_utf8_lossy(&received).to_ascii_lowercase();
        assert!(text.starts_with("http/1.1 413 ") && text.contains("connection: close"), "{text}");
    }
    // The sandbox itself carries on.
    Api::new(&sandbox)
        .post("validate_customer", "/c2a/customer/validate", json!({ "externalId": "after" }))
        .await
        .expect(200, "SUCCESS");
}

#[tokio::test]
async fn a_declared_length_past_the_bound_or_awaiting_100_continue_is_answered_before_the_body() {
    let sandbox = fast().start().await.expect("sandbox");
    let far = MAX_BODY_BYTES + DRAIN_BYTES + 1;
    let over = MAX_BODY_BYTES + 1;
    for framing in
        [format!("content-length: {far}\r\n"), format!("content-length: {over}\r\nexpect: 100-continue\r\n")]
    {
        let mut stream = TcpStream::connect(sandbox.addr()).await.expect("connect");
        stream.write_all(head(&sandbox, "/c2a/customer/validate", &framing).as_bytes()).await.expect("head");
        // Not a byte of the body is sent: the answer must come anyway.
        let (head_text, answer) = read_response(&mut stream).await;
        assert!(
            !head_text.contains("100 continue"),
            "{framing}: no go-ahead for a refused body: {head_text}"
        );
        assert_too_large(&head_text, &answer);
        assert!(head_text.contains("connection: close"), "{framing}: {head_text}");
    }
}
