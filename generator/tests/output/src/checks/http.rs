//! A scripted server for the checks (wiremock on 127.0.0.1): each request gets the next
//! canned answer, and the requests it received are handed back for assertions.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A canned answer: status and JSON body (sent as `application/clientOutput+Json`).
pub struct Answer {
    pub status: u16,
    pub body: &'static str,
}

/// The server and its base URL (with `/api/v1`).
pub struct Scripted {
    pub base_url: String,
    server: MockServer,
}

impl Scripted {
    /// Every request received so far as text: request line, headers (lower-case names),
    /// blank line, body.
    pub async fn requests(&self) -> Vec<String> {
        let received = self.server.received_requests().await.unwrap_or_default();
        received
            .iter()
            .map(|request| {
                let target = match request.url.query() {
                    Some(query) => format!("{}?{query}", request.url.path()),
                    None => request.url.path().to_owned(),
                };
                let mut text = format!("{} {target} HTTP/1.1\r\n", request.method);
                for (name, value) in &request.headers {
                    text.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap_or_default()));
                }
                text.push_str("\r\n");
                text.push_str(&String::from_utf8_lossy(&request.body));
                text
            })
            .collect()
    }
}

/// Starts serving `answers` in order, one per request.
pub async fn serve(answers: Vec<Answer>) -> Scripted {
    let server = MockServer::start().await;
    for answer in answers {
        let reply = ResponseTemplate::new(answer.status)
            .set_body_raw(answer.body.as_bytes(), "application/clientOutput+Json");
        // Mounted in order, each used once: the first one not yet used answers.
        Mock::given(any()).respond_with(reply).up_to_n_times(1).mount(&server).await;
    }
    Scripted { base_url: format!("{}/api/v1", server.uri()), server }
}

/// Runs `future` to completion on a fresh current-thread runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(future)
}
