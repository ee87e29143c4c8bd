//! Redirects are never followed: the API key, the tenant id and request bodies cannot reach
//! another origin, and a 3xx is its own error naming the status and the `Location` host.
//! A second local server plays "another host" and counts what it receives.

use crate::common::{Reply, Server, store_request};
use c2a_client::{Error, RetryPolicy};

const INFO: &str = r#"{"result":{"customerUrn":"cu.1"},"status":{"messageCode":"SUCCESS"}}"#;
const REDIRECTS: [u16; 5] = [301, 302, 303, 307, 308];

/// Host and port of a server's base URL (`127.0.0.1:PORT`).
fn authority(server: &Server) -> String {
    let url = reqwest::Url::parse(server.base_url()).expect("base url");
    format!("{}:{}", url.host_str().expect("host"), url.port().expect("port"))
}

fn assert_redirect_error(err: &Error, status: u16, host: &str) {
    match err {
        Error::Redirect { status: got, location, .. } => {
            assert_eq!(got.as_u16(), status);
            assert_eq!(location.as_deref(), Some(host));
        }
        other => panic!("expected Error::Redirect for {status}, got {other:?}"),
    }
    let text = err.to_string();
    assert!(text.contains(&status.to_string()) && text.contains(host), "{text}");
}

#[tokio::test]
async fn no_redirect_status_sends_credentials_or_bodies_to_another_host() {
    for status in REDIRECTS {
        let other = Server::start(vec![Reply::c2a(200, INFO)]).await;
        let target = format!("{}/c2a/customer/info?c=cu.1", other.base_url());
        let api = Server::start(vec![Reply::raw(status, None, b"").header("location", &target)]).await;
        let client = api.client(RetryPolicy::none());

        let get = client.get_customer_info().customer_urn("cu.1").send().await.expect_err("GET redirected");
        assert_redirect_error(&get, status, &authority(&other));
        let post = client.store_customer().body(store_request()).send().await.expect_err("POST redirected");
        assert_redirect_error(&post, status, &authority(&other));

        assert!(other.seen().is_empty(), "{status}: the other host received {:?}", other.seen());
        assert_eq!(api.seen().len(), 2, "{status}: one request per call, nothing re-sent");
    }
}

#[tokio::test]
async fn same_origin_redirects_are_not_followed_either() {
    let api = Server::start(vec![Reply::raw(307, None, b"").header("location", "/api/v1/elsewhere")]).await;
    let err = api
        .client(RetryPolicy::none())
        .get_customer_info()
        .customer_urn("cu.1")
        .send()
        .await
        .expect_err("3xx");
    assert_redirect_error(&err, 307, &authority(&api));
    assert_eq!(api.seen().len(), 1);
}

#[tokio::test]
async fn a_redirect_is_not_retried() {
    let other = Server::start(vec![Reply::c2a(200, INFO)]).await;
    let api = Server::start(vec![Reply::raw(302, None, b"").header("location", other.base_url())]).await;
    let policy = RetryPolicy { max_attempts: 3, ..RetryPolicy::default() };
    let err = api.client(policy).get_customer_info().customer_urn("cu.1").send().await.expect_err("3xx");
    assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
    assert_eq!(api.seen().len(), 1);
    assert!(other.seen().is_empty());
}

/// A caller's own reqwest settings with a default `x-api-key` header (through
/// `ClientBuilder::http`, the only way to bring one: progenitor's public constructors are
/// not part of the API) still follow no redirect: the other host receives nothing.
#[tokio::test]
async fn a_hand_configured_reqwest_client_with_a_default_key_header_does_not_leak_on_redirect() {
    let other = Server::start(vec![Reply::c2a(200, INFO)]).await;
    let target = format!("{}/c2a/customer/info?c=cu.1", other.base_url());
    let api = Server::start(vec![Reply::raw(302, None, b"").header("location", &target)]).await;
    let client = c2a_client::Client::builder()
        .base_url(api.base_url())
        .api_key("sk_live_secret")
        .tenant("t")
        .retry(RetryPolicy::none())
        .http(|b: reqwest::ClientBuilder| {
            let mut headers = reqwest::header::HeaderMap::new();
            headers.insert("x-api-key", reqwest::header::HeaderValue::from_static("sk_live_secret"));
            b.default_headers(headers).redirect(reqwest::redirect::Policy::limited(10))
        })
        .build()
        .expect("client");
    let err = client.get_customer_info().customer_urn("cu.1").send().await.expect_err("redirected");
    assert_redirect_error(&err, 302, &authority(&other));
    assert!(other.seen().is_empty(), "the other host received {:?}", other.seen());
}
