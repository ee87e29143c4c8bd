//! A one-shot scripted HTTP/1.1 server for the `compiled_*` checks: each connection gets
//! the next canned answer; the request heads are handed back for assertions.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A canned answer: status and JSON body (sent as `application/clientOutput+Json`).
pub struct Answer {
    pub status: u16,
    pub body: &'static str,
}

/// The server's base URL (with `/api/v1`) and the request heads it has seen.
pub struct Scripted {
    pub base_url: String,
    pub requests: Arc<Mutex<Vec<String>>>,
}

/// Starts serving `answers` in order on a loopback port, one per connection.
pub async fn serve(answers: Vec<Answer>) -> Scripted {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base_url = format!("http://{}/api/v1", listener.local_addr().expect("addr"));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&requests);
    tokio::spawn(async move {
        for answer in answers {
            let Ok((mut stream, _)) = listener.accept().await else { return };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head).into_owned();
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned())
                })
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            let mut body = vec![0u8; length];
            let _ = stream.read_exact(&mut body).await;
            seen.lock().expect("lock").push(format!("{head}{}", String::from_utf8_lossy(&body)));
            let reply = format!(
                "HTTP/1.1 {} X\r\ncontent-type: application/clientOutput+Json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}",
                answer.status,
                answer.body.len(),
                answer.body
            );
            let _ = stream.write_all(reply.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
    });
    Scripted { base_url, requests }
}

/// Runs `future` to completion on a fresh current-thread runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(future)
}
