//! The HTTP server: a listener with a configurable backlog, and connections served by
//! hyper-util's auto builder (HTTP/1.1 and cleartext HTTP/2 with prior knowledge on the same
//! port) with a header-read timeout, an idle timeout and graceful shutdown.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::time::{Instant, Sleep};

/// Connection settings fixed at start.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// HTTP/1: the whole request head must arrive within this time, counted from when the
    /// server starts waiting for it (so it also bounds keep-alive idling between requests).
    pub(crate) header_read_timeout: Option<Duration>,
    /// Any connection with no byte read or written for this long is closed.
    pub(crate) idle_timeout: Option<Duration>,
}

/// Binds `addr` and listens with `backlog` (the kernel caps it, on Linux at
/// `net.core.somaxconn`).
pub(crate) fn bind(addr: SocketAddr, backlog: u32) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
    // What std's `TcpListener::bind` does on Unix: a restarted sandbox can take its port back
    // while old connections are in TIME_WAIT.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(backlog)
}

/// Accepts and serves connections until `shutdown` resolves, then stops accepting, asks
/// every open connection to finish (in-flight requests complete, idle ones close) and waits
/// for them.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout);
    builder.http2().timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    accept_error(&error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Small request/response pairs: do not wait for Nagle.
        let _ = stream.set_nodelay(true);
        let io = TokioIo::new(Watchdog::new(stream, limits.idle_timeout));
        let connection =
            builder.serve_connection_with_upgrades(io, TowerToHyperService::new(app.clone())).into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away, times out or sends garbage ends only its connection.
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// A failed `accept` must not stop the server. Errors about one connection are skipped;
/// others (out of file descriptors) get a short pause so the loop does not spin.
async fn accept_error(error: &io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset, Interrupted};
    if !matches!(error.kind(), ConnectionAborted | ConnectionRefused | ConnectionReset | Interrupted) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A TCP stream that fails with `TimedOut` once no byte has been read or written for the
/// idle timeout. The timer is only armed while the connection waits for I/O, and moved
/// lazily (one timer per connection, not one reset per read).
struct Watchdog {
    io: TcpStream,
    idle: Option<Duration>,
    timer: Option<Pin<Box<Sleep>>>,
    last_activity: Instant,
}

impl Watchdog {
    fn new(io: TcpStream, idle: Option<Duration>) -> Self {
        let now = Instant::now();
        let timer = idle.and_then(|d| now.checked_add(d)).map(|at| Box::pin(tokio::time::sleep_until(at)));
        Self { io, idle, timer, last_activity: now }
    }

    fn active(&mut self) {
        if self.timer.is_some() {
            self.last_activity = Instant::now();
        }
    }

    /// Called when the stream is not ready: an error when the idle time is over; otherwise
    /// the timer is (re)armed so the task wakes up when it would be.
    fn check_idle(&mut self, cx: &mut Context<'_>) -> io::Result<()> {
        let (Some(timer), Some(idle)) = (self.timer.as_mut(), self.idle) else { return Ok(()) };
        loop {
            if timer.as_mut().poll(cx).is_pending() {
                return Ok(());
            }
            let due = self.last_activity + idle;
            if due <= timer.deadline() {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "connection idle for too long"));
            }
            timer.as_mut().reset(due);
        }
    }

    fn after<T>(
        &mut self,
        cx: &mut Context<'_>,
        poll: Poll<io::Result<T>>,
        moved: bool,
    ) -> Poll<io::Result<T>> {
        match poll {
            Poll::Ready(result) => {
                if moved {
                    self.active();
                }
                Poll::Ready(result)
            }
            Poll::Pending => {
                self.check_idle(cx)?;
                Poll::Pending
            }
        }
    }
}

impl AsyncRead for Watchdog {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let poll = Pin::new(&mut self.io).poll_read(cx, buf);
        let moved = buf.filled().len() > before;
        self.after(cx, poll, moved)
    }
}

impl AsyncWrite for Watchdog {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.io).poll_write(cx, buf);
        let moved = matches!(poll, Poll::Ready(Ok(n)) if n > 0);
        self.after(cx, poll, moved)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        let moved = matches!(poll, Poll::Ready(Ok(n)) if n > 0);
        self.after(cx, poll, moved)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.io).poll_flush(cx);
        self.after(cx, poll, false)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(Pin::new(&mut self.io).poll_shutdown(cx))?;
        Poll::Ready(Ok(()))
    }
}
