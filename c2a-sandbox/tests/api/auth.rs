//! Authentication: `x-api-key` and `x-tn` must both be present and belong together;
//! otherwise 401 with an empty body, before any input is looked at.

use reqwest::Method;
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn missing_or_wrong_credentials_get_401_with_an_empty_body() {
    let sandbox = two_tenants().start().await.expect("sandbox");
    let a = &sandbox.tenants()[0];
    let b = &sandbox.tenants()[1];
    let api = Api::new(&sandbox);
    let cases: [(&str, Option<&str>, Option<&str>); 7] = [
        ("no headers", None, None),
        ("no key", None, Some(&a.tenant_id)),
        ("no tenant", Some(&a.api_key), None),
        ("wrong key", Some("sk_wrong"), Some(&a.tenant_id)),
        ("unknown tenant", Some(&a.api_key), Some("tenant-z")),
        ("key of A, tenant B", Some(&a.api_key), Some(&b.tenant_id)),
        ("key of B, tenant A", Some(&b.api_key), Some(&a.tenant_id)),
    ];
    let requests: [(&str, Method, &str); 4] = [
        ("store_customer", Method::POST, "/c2a/customer/store"),
        ("get_customer_info", Method::GET, "/c2a/customer/info?urn=cu.00.1"),
        ("delete_payment_method", Method::DELETE, "/c2a/customer/payment/methods/delete?p=pm.00.1.1"),
        ("get_checkout_status", Method::GET, "/c2a/offer/checkout/trk_x/status"),
    ];
    for (case, key, tenant) in cases {
        for (op, method, path) in &requests {
            let response = api
                .call(op, method.clone(), *path)
                .json(&store_body("crm-1", "jane@example.com", "+49 170 1234567"))
                .api_key(key)
                .tenant(tenant)
                .send()
                .await;
            assert_eq!(response.status, 401, "{case}: {op}");
            assert!(response.text.is_empty(), "{case}: {op}: body {:?}", response.text);
            assert!(response.headers.get("content-type").is_none(), "{case}: {op}: a 401 has no media type");
        }
    }
    // Nothing was stored by the rejected calls.
    api.get("get_customer_info", "/c2a/customer/info?exId=crm-1").await.expect(404, "CUSTOMER_NOT_FOUND");
}

#[tokio::test]
async fn authentication_comes_before_input_validation() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let response = api
        .call("store_customer", Method::POST, "/c2a/customer/store")
        .raw("{not json", None)
        .api_key(None)
        .send()
        .await;
    assert_eq!(response.status, 401);
    assert!(response.text.is_empty());
    // With credentials the same body is a 400 envelope.
    let response = api
        .call("store_customer", Method::POST, "/c2a/customer/store")
        .raw("{not json", Some("application/json"))
        .send()
        .await;
    response.expect(400, "INVALID_REQUEST");
}

#[tokio::test]
async fn the_default_sandbox_accepts_the_docs_sample_credentials() {
    let sandbox = c2a_sandbox::Sandbox::start().await.expect("sandbox");
    assert_eq!(sandbox.tenant_id(), c2a_sandbox::DEFAULT_TENANT_ID);
    assert_eq!(sandbox.api_key(), c2a_sandbox::DEFAULT_API_KEY);
    assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
    assert!(sandbox.base_url().ends_with("/api/v1"));
    let api = Api::new(&sandbox);
    let response =
        api.post("validate_customer", "/c2a/customer/validate", json!({ "externalId": "crm-9981273" })).await;
    response.expect(200, "SUCCESS");
    assert_eq!(response.json["isAvailable"], true);
}

#[tokio::test]
async fn misconfigured_tenants_are_refused_at_start() {
    let duplicate_key = c2a_sandbox::Sandbox::builder().tenant("a", "k").tenant("b", "k").start().await;
    assert_eq!(duplicate_key.expect_err("same key twice").kind(), std::io::ErrorKind::InvalidInput);
    let duplicate_id = c2a_sandbox::Sandbox::builder().tenant("a", "k1").tenant("a", "k2").start().await;
    assert_eq!(duplicate_id.expect_err("same tenant twice").kind(), std::io::ErrorKind::InvalidInput);
    let blank = c2a_sandbox::Sandbox::builder().tenant("a", "").start().await;
    assert_eq!(blank.expect_err("empty key").kind(), std::io::ErrorKind::InvalidInput);
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let sandbox = fast().start().await.expect("sandbox");
    let addr = sandbox.addr();
    let api = Api::new(&sandbox);
    api.post("validate_customer", "/c2a/customer/validate", json!({ "externalId": "x" }))
        .await
        .expect(200, "SUCCESS");
    sandbox.shutdown().await.expect("clean shutdown");
    let fresh = reqwest::Client::builder().no_proxy().build().expect("client");
    let result = fresh.post(format!("http://{addr}/api/v1/c2a/customer/validate")).send().await;
    assert!(result.is_err(), "the listener is closed after shutdown");
}

#[tokio::test(start_paused = true)]
async fn dropping_the_handle_stops_the_server() {
    let sandbox = fast().start().await.expect("sandbox");
    let url = format!("http://{}/api/v1/c2a/customer/validate", sandbox.addr());
    drop(sandbox);
    let fresh = reqwest::Client::builder().no_proxy().build().expect("client");
    let mut refused = false;
    for _ in 0..500 {
        if fresh.post(&url).send().await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(refused, "the server still answers after its handle was dropped");
}
