//! A local server on 127.0.0.1 that answers fixed recorded responses, on its own thread.
//!
//! It runs on a dedicated OS thread with a single-threaded tokio runtime, so that on a
//! two-core machine the server has one core and the caller's runtime the other, whichever
//! side (generated client or hand-written code) is calling.

use std::sync::mpsc;
use std::thread::JoinHandle;

use axum::Router;
use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use tokio::sync::oneshot;

use crate::payloads::MEDIA_TYPE;

/// The bodies the server answers with (status 200, `application/clientOutput+Json`).
#[derive(Clone, Debug)]
pub struct Fixed {
    /// For `GET /api/v1/c2a/offer/checkout/{trackingId}/status`.
    pub checkout_status: Vec<u8>,
    /// For `GET /api/v1/c2a/subscription/{customerUrn}`.
    pub subscriptions: Vec<u8>,
}

/// The running server; dropping it stops the server and joins its thread.
#[derive(Debug)]
pub struct Replay {
    base_url: String,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Replay {
    /// Binds `127.0.0.1:0` and serves `fixed` from a new thread.
    ///
    /// # Panics
    /// When the thread, the runtime or the listener cannot be created.
    pub fn start(fixed: Fixed) -> Self {
        let (ready_tx, ready_rx) = mpsc::channel();
        let (shutdown, signal) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("replay-server".to_owned())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("server runtime");
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
                    let addr = listener.local_addr().expect("addr");
                    ready_tx.send(format!("http://{addr}/api/v1")).expect("report the address");
                    axum::serve(listener, router(fixed))
                        .with_graceful_shutdown(async move {
                            let _ = signal.await;
                        })
                        .await
                        .expect("serve");
                });
            })
            .expect("server thread");
        let base_url = ready_rx.recv().expect("server address");
        Self { base_url, shutdown: Some(shutdown), thread: Some(thread) }
    }

    /// `http://127.0.0.1:PORT/api/v1`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        if let Some(signal) = self.shutdown.take() {
            let _ = signal.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn router(fixed: Fixed) -> Router {
    let status = Bytes::from(fixed.checkout_status);
    let list = Bytes::from(fixed.subscriptions);
    Router::new()
        .route(
            "/api/v1/c2a/offer/checkout/{trackingId}/status",
            get(move || {
                let body = status.clone();
                async move { ([(CONTENT_TYPE, MEDIA_TYPE)], body).into_response() }
            }),
        )
        .route(
            "/api/v1/c2a/subscription/{customerUrn}",
            get(move || {
                let body = list.clone();
                async move { ([(CONTENT_TYPE, MEDIA_TYPE)], body).into_response() }
            }),
        )
}
