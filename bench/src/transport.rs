//! The client settings a waiters scenario runs with: HTTP/1.1 or h2c, and the bound on
//! requests in flight (the defaults, none, or an explicit one).

/// The client's connection settings for the waits (`ClientBuilder` settings only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Transport {
    /// HTTP/1.1 with `Client::builder()` defaults (the default bound on requests in flight).
    #[default]
    Http1,
    /// HTTP/1.1 with `unbounded_concurrency()`: one connection per request in flight.
    Http1Unbounded,
    /// HTTP/1.1 with `max_concurrent_requests(n)`.
    Bounded(usize),
    /// HTTP/2 without TLS (`http2_prior_knowledge()` through `ClientBuilder::http`), otherwise
    /// defaults: one multiplexed connection.
    Http2,
    /// HTTP/2 as above with `unbounded_concurrency()`.
    Http2Unbounded,
    /// HTTP/2 as above and `max_concurrent_requests(n)`.
    Http2Bounded(usize),
}

impl Transport {
    /// Parses `http1`, `http1-unbounded`, `bounded:N`, `h2c`, `h2c-unbounded` or
    /// `h2c-bounded:N`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "http1" => Some(Self::Http1),
            "http1-unbounded" => Some(Self::Http1Unbounded),
            "h2c" => Some(Self::Http2),
            "h2c-unbounded" => Some(Self::Http2Unbounded),
            other => {
                if let Some(n) = other.strip_prefix("h2c-bounded:") {
                    return n.parse().ok().map(Self::Http2Bounded);
                }
                other.strip_prefix("bounded:").and_then(|n| n.parse().ok()).map(Self::Bounded)
            }
        }
    }

    /// The inverse of [`Transport::parse`].
    pub fn arg(self) -> String {
        match self {
            Self::Http1 => "http1".to_owned(),
            Self::Http1Unbounded => "http1-unbounded".to_owned(),
            Self::Http2Unbounded => "h2c-unbounded".to_owned(),
            Self::Bounded(n) => format!("bounded:{n}"),
            Self::Http2 => "h2c".to_owned(),
            Self::Http2Bounded(n) => format!("h2c-bounded:{n}"),
        }
    }

    /// How it is set on the client, for reports.
    pub fn describe(self) -> String {
        match self {
            Self::Http1 => "HTTP/1.1, Client::builder() defaults".to_owned(),
            Self::Http1Unbounded => "HTTP/1.1, unbounded_concurrency()".to_owned(),
            Self::Http2Unbounded => "HTTP/2 (h2c), unbounded_concurrency()".to_owned(),
            Self::Bounded(n) => format!("HTTP/1.1, max_concurrent_requests({n})"),
            Self::Http2 => {
                "HTTP/2 over one h2c connection (http2_prior_knowledge), otherwise defaults".to_owned()
            }
            Self::Http2Bounded(n) => format!("HTTP/2 (h2c) and max_concurrent_requests({n})"),
        }
    }

    /// Applies it to a client builder.
    pub fn apply(self, builder: c2a_client::ClientBuilder) -> c2a_client::ClientBuilder {
        match self {
            Self::Http1 => builder,
            Self::Http1Unbounded => builder.unbounded_concurrency(),
            Self::Bounded(n) => builder.max_concurrent_requests(n),
            Self::Http2 => builder.http(reqwest::ClientBuilder::http2_prior_knowledge),
            Self::Http2Unbounded => {
                builder.http(reqwest::ClientBuilder::http2_prior_knowledge).unbounded_concurrency()
            }
            Self::Http2Bounded(n) => {
                builder.http(reqwest::ClientBuilder::http2_prior_knowledge).max_concurrent_requests(n)
            }
        }
    }
}
