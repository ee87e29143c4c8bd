//! Test harness: an HTTP client whose every exchange is checked against `openapi/c2a.yaml` by
//! the project's one conformance engine, `c2a_conformance`.
//!
//! [`Api`] sends real HTTP to the sandbox, records each exchange (method, URL, request
//! headers and body, response status, headers and body) as a [`c2a_conformance::Exchange`]
//! and hands it to [`Spec::check`], which asserts that the engine finds nothing: the method
//! and path are the operation's, the status is declared (exact, then a range like `4XX`,
//! then `default`), the body is empty exactly for bodyless responses and otherwise
//! `application/clientOutput+Json` and valid against its schema (no field the spec does
//! not know), and the `messageCode` is one of the operation's `x-message-codes` with its
//! `http` status and success class. [`Spec::check`] allows, by name, only what
//! [`allowed`] lists: information that `default` covers a status, request findings on a
//! request the sandbox refused, and `413 INVALID_REQUEST`, the sandbox's answer to a body
//! over its limit (a decision in its README).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use c2a_conformance::{Exchange, Finding, FindingKind, NameValue, SensitiveFields, Severity, Side};
use c2a_sandbox::{Sandbox, fixtures};
use c2a_spec::CheckedSpec;
use c2a_spec::extensions::MessageCode;
use reqwest::Method;
use serde_json::{Value, json};

pub const MEDIA_TYPE: &str = c2a_conformance::RESPONSE_MEDIA_TYPE;

// ------------------------------------------------------------------ spec

pub struct Operation {
    pub id: String,
    pub method: Method,
    pub template: String,
}

pub struct Spec {
    pub operations: Vec<Operation>,
    checked: CheckedSpec,
    engine: c2a_conformance::Spec,
}

pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(Spec::load)
}

/// Whether the harness lets `finding` pass on an exchange answered with `status` and
/// `code`. Everything else the engine finds fails the test.
pub fn allowed(status: u16, code: Option<&str>, finding: &Finding) -> bool {
    // Information, not a disagreement: a status only the operation's `default` response
    // covers (the spec declares `default` for exactly such error statuses).
    let by_default = finding.kind == FindingKind::UndeclaredStatus && finding.severity == Severity::Info;
    // A request the spec refuses (the tests send many on purpose) is the sandbox's to
    // refuse: its findings pass when the sandbox answered 4xx, never when it accepted it.
    let refused_request = finding.side == Side::Request && (400..500).contains(&status);
    // The one answer the sandbox gives outside the spec (README, "Input"): a body over the
    // limit is 413 with the request-error envelope, whose `INVALID_REQUEST` some operations
    // list with HTTP 400; the spec has no code of its own for it. Exactly that finding.
    let oversized_body =
        status == 413 && code == Some("INVALID_REQUEST") && finding.kind == FindingKind::CodeStatusDiffers;
    by_default || refused_request || oversized_body
}

impl Spec {
    fn load() -> Self {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/c2a.yaml");
        let text = std::fs::read_to_string(path).expect("read openapi/c2a.yaml");
        let checked = c2a_spec::check(&text, "openapi/c2a.yaml").unwrap_or_else(|e| panic!("{e}"));
        Self::from_checked(checked)
    }

    /// The harness over a checked spec (tests may change a copy of [`Spec::checked`]).
    pub fn from_checked(checked: CheckedSpec) -> Self {
        let engine = c2a_conformance::Spec::from_value(checked.doc.clone());
        let operations = engine
            .operations()
            .iter()
            .map(|op| Operation {
                id: op.id.clone(),
                method: Method::from_bytes(op.method.as_bytes()).expect("method"),
                template: op.template.clone(),
            })
            .collect();
        Self { operations, checked, engine }
    }

    /// The spec as `c2a_spec` checked it.
    pub fn checked(&self) -> &CheckedSpec {
        &self.checked
    }

    pub fn message_codes(&self, id: &str) -> &[MessageCode] {
        let extensions = self.checked.extensions.operation(id);
        &extensions.unwrap_or_else(|| panic!("no operation `{id}` in the spec")).message_codes.0
    }

    /// Everything the engine finds in `exchange`, which must be a call of operation `id`.
    pub fn findings(&self, id: &str, exchange: &Exchange) -> Vec<Finding> {
        let what = format!("{id} ({} {})", exchange.method, exchange.url);
        let checked = c2a_conformance::check_exchange(&self.engine, exchange, SensitiveFields::Carried)
            .unwrap_or_else(|e| panic!("{what}: not a call of the spec: {e}"));
        assert_eq!(checked.operation.id, id, "{what}: the method and path are another operation's");
        checked.findings
    }

    /// Panics with every finding the harness does not allow ([`allowed`]) in `exchange`, a
    /// call of operation `id`.
    pub fn check(&self, id: &str, exchange: &Exchange) {
        let response = exchange.response.as_ref().expect("a response");
        let body = response.body.as_deref().unwrap_or_default();
        let code = serde_json::from_slice::<Value>(body).ok();
        let code = code.as_ref().and_then(|b| b.pointer("/status/messageCode")).and_then(Value::as_str);
        let findings: Vec<Finding> =
            self.findings(id, exchange).into_iter().filter(|f| !allowed(response.status, code, f)).collect();
        assert!(
            findings.is_empty(),
            "{id} ({} {}) -> {}: {}\ndoes not conform to the spec: {findings:#?}",
            exchange.method,
            exchange.url,
            response.status,
            String::from_utf8_lossy(body),
        );
    }
}

// ------------------------------------------------------------------ client

pub struct Response {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    /// The body as JSON; `Null` when it is empty or not JSON (the engine has judged it).
    pub json: Value,
    /// The whole exchange as the engine saw it.
    pub exchange: Exchange,
}

impl Response {
    pub fn code(&self) -> &str {
        self.json["status"]["messageCode"].as_str().unwrap_or("")
    }

    pub fn message(&self) -> &str {
        self.json["status"]["message"].as_str().unwrap_or("")
    }

    pub fn retry_after(&self) -> Option<u64> {
        self.headers.get("retry-after")?.to_str().ok()?.parse().ok()
    }

    #[track_caller]
    pub fn expect(&self, status: u16, code: &str) -> &Self {
        assert_eq!((self.status, self.code()), (status, code), "unexpected answer: {}", self.text);
        self
    }
}

/// (operation, status, messageCode) of every checked response.
pub type Seen = Arc<Mutex<BTreeSet<(String, u16, String)>>>;

#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    pub base_url: String,
    pub origin: String,
    pub tenant_id: String,
    pub api_key: String,
    pub seen: Seen,
}

pub struct Call<'a> {
    api: &'a Api,
    op: String,
    method: Method,
    path: String,
    body: Option<(Vec<u8>, Option<String>)>,
    api_key: Option<String>,
    tenant_id: Option<String>,
    headers: Vec<(String, String)>,
}

impl Api {
    pub fn new(sandbox: &Sandbox) -> Self {
        Self::for_tenant(sandbox, 0)
    }

    pub fn for_tenant(sandbox: &Sandbox, index: usize) -> Self {
        let tenant = &sandbox.tenants()[index];
        Self {
            http: reqwest::Client::builder().no_proxy().build().expect("client"),
            base_url: sandbox.base_url().to_owned(),
            origin: format!("http://{}", sandbox.addr()),
            tenant_id: tenant.tenant_id.clone(),
            api_key: tenant.api_key.clone(),
            seen: Seen::default(),
        }
    }

    /// Shares the record of seen responses with another client.
    pub fn sharing(mut self, seen: &Seen) -> Self {
        self.seen = seen.clone();
        self
    }

    pub fn call(&self, op: &str, method: Method, path: impl Into<String>) -> Call<'_> {
        Call {
            api: self,
            op: op.to_owned(),
            method,
            path: path.into(),
            body: None,
            api_key: Some(self.api_key.clone()),
            tenant_id: Some(self.tenant_id.clone()),
            headers: Vec::new(),
        }
    }

    pub async fn post(&self, op: &'static str, path: &str, body: Value) -> Response {
        self.call(op, Method::POST, path).json(&body).send().await
    }

    /// A `POST` without a body, for operations that declare none (`activate_payment_method`).
    pub async fn post_bodyless(&self, op: &'static str, path: &str) -> Response {
        self.call(op, Method::POST, path).send().await
    }

    pub async fn get(&self, op: &'static str, path: &str) -> Response {
        self.call(op, Method::GET, path).send().await
    }

    pub async fn delete(&self, op: &'static str, path: &str) -> Response {
        self.call(op, Method::DELETE, path).send().await
    }
}

impl Call<'_> {
    pub fn json(mut self, body: &Value) -> Self {
        self.body = Some((serde_json::to_vec(body).expect("json"), Some("application/json".into())));
        self
    }

    pub fn raw(mut self, body: impl Into<Vec<u8>>, content_type: Option<&str>) -> Self {
        self.body = Some((body.into(), content_type.map(str::to_owned)));
        self
    }

    pub fn api_key(mut self, key: Option<&str>) -> Self {
        self.api_key = key.map(str::to_owned);
        self
    }

    pub fn tenant(mut self, tenant: Option<&str>) -> Self {
        self.tenant_id = tenant.map(str::to_owned);
        self
    }

    /// An extra request header (for example a `Host` the sandbox must not trust).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub async fn send(self) -> Response {
        let url = format!("{}{}", self.api.base_url, self.path);
        let mut exchange = Exchange::new(self.method.as_str(), &url);
        let mut request = self.api.http.request(self.method.clone(), &url);
        let mut headers = self.headers;
        if let Some(key) = &self.api_key {
            headers.push(("x-api-key".to_owned(), key.clone()));
        }
        if let Some(tenant) = &self.tenant_id {
            headers.push(("x-tn".to_owned(), tenant.clone()));
        }
        if let Some((_, Some(content_type))) = &self.body {
            headers.push(("content-type".to_owned(), content_type.clone()));
        }
        for (name, value) in headers {
            request = request.header(&name, &value);
            exchange.request_headers.push(NameValue::new(name, value));
        }
        if let Some((body, _)) = self.body {
            exchange.request_body = Some(body.clone());
            request = request.body(body);
        }
        let response = request.send().await.unwrap_or_else(|e| panic!("{} {url}: {e:?}", self.method));
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("body").to_vec();
        let text = String::from_utf8_lossy(&body).into_owned();
        exchange.response = Some(c2a_conformance::Response {
            status,
            headers: headers
                .iter()
                .map(|(name, value)| NameValue::new(name.as_str(), String::from_utf8_lossy(value.as_bytes())))
                .collect(),
            body: Some(body),
        });
        spec().check(&self.op, &exchange);
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        let response = Response { status, headers, text, json, exchange };
        self.api.seen.lock().expect("seen").insert((self.op, status, response.code().to_owned()));
        response
    }
}

// ------------------------------------------------------------------ flows

pub fn store_body(external_id: &str, email: &str, phone: &str) -> Value {
    json!({
        "customer": {
            "externalIdentifier": external_id,
            "email": email,
            "phoneNumber": phone,
            "salutation": "Ms.",
            "firstName": "Jane",
            "lastName": "Doe",
            "gender": "Female",
            "legalType": "Individual",
            "primaryBillingAddress": { "street": "Hauptstr. 1", "city": "Berlin", "postalCode": "10115", "countryCode": "DE" }
        },
        "claimedRegion": { "countryCode": "DE", "languageCode": "de" }
    })
}

/// Stores a customer and returns its URN.
pub async fn store_customer(api: &Api, external_id: &str) -> String {
    let digits: u64 = external_id.bytes().map(u64::from).sum::<u64>() * 7919 + external_id.len() as u64;
    let phone = format!("+49 170 {:07}", digits % 10_000_000);
    let response = api
        .post(
            "store_customer",
            "/c2a/customer/store",
            store_body(external_id, &format!("{external_id}@example.com"), &phone),
        )
        .await;
    response.expect(200, "SUCCESS");
    response.json["result"]["customerUrn"].as_str().expect("customerUrn").to_owned()
}

/// A purchase offer on the given storefront (the main one when `None`).
pub async fn purchase_offer(api: &Api, customer: &str, storefront: Option<&str>) -> Value {
    let mut context = json!({ "customerUrn": customer, "interactionType": "NewAcquisition" });
    if let Some(storefront) = storefront {
        context["storefrontUrn"] = json!(storefront);
    }
    let response = api.post("get_bundles", "/c2a/offer/bundles", json!({ "context": context })).await;
    response.expect(200, "SUCCESS");
    response.json["offer"].clone()
}

pub fn card(number: &str) -> Value {
    json!({ "cardHolderName": "Jane Doe", "cardNumber": number, "expireMonth": "12", "expireYear": "2099", "cvc": "123" })
}

pub fn card_payment(number: &str) -> Value {
    json!({ "paymentChannel": "CreditCard", "creditCard": card(number) })
}

pub fn stored_payment(urn: &str) -> Value {
    json!({ "paymentChannel": "CreditCard", "useStoredMethod": true, "creditCard": { "paymentMethodUrn": urn } })
}

/// A checkout body for the first artifact group of `offer`.
pub fn checkout_body(offer: &Value, customer: &str, payment: Value, correlation_id: Option<&str>) -> Value {
    let mut order = json!({
        "offerIdentifier": offer["offerIdentifier"],
        "items": [{ "itemIdentifier": offer["artifactGroups"][0]["itemIdentifier"], "quantity": 1 }],
        "customer": { "customerUrn": customer, "ipAddress": "203.0.113.7" },
    });
    if let Some(id) = correlation_id {
        order["correlationId"] = json!(id);
    }
    json!({ "order": order, "paymentMethod": payment })
}

/// Submits a checkout and returns the 202 response.
pub async fn submit(api: &Api, body: Value) -> Response {
    let response = api.post("submit_checkout", "/c2a/offer/checkout", body).await;
    response.expect(202, "CHECK_OUT_PROCESSING");
    response
}

pub async fn status(api: &Api, tracking: &str) -> Response {
    api.get("get_checkout_status", &format!("/c2a/offer/checkout/{tracking}/status")).await
}

/// Polls (bounded) until the stage is no longer CHECK_OUT_PROCESSING. Callers run on a paused
/// clock, where each pause advances it by exactly 10 ms without waiting.
pub async fn poll(api: &Api, tracking: &str) -> Response {
    for _ in 0..400 {
        let response = status(api, tracking).await;
        assert_eq!(response.status, 200, "{}", response.text);
        if response.code() != "CHECK_OUT_PROCESSING" {
            return response;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("checkout {tracking} still processing after 400 polls");
}

/// Buys the first bundle of a storefront with an approved card; returns the subscription.
pub async fn buy(api: &Api, customer: &str, storefront: Option<&str>) -> Value {
    let offer = purchase_offer(api, customer, storefront).await;
    let accepted =
        submit(api, checkout_body(&offer, customer, card_payment(fixtures::CARD_APPROVE), None)).await;
    let tracking = accepted.json["trackingNumber"].as_str().expect("trackingNumber");
    poll(api, tracking).await.expect(200, "CHECK_OUT_DONE");
    let subs = subscriptions(api, customer).await;
    subs.last().expect("a subscription").clone()
}

pub async fn subscriptions(api: &Api, customer: &str) -> Vec<Value> {
    let response = api.get("list_customer_subscriptions", &format!("/c2a/subscription/{customer}")).await;
    response.expect(200, "SUCCESS");
    response.json["result"].as_array().expect("result").clone()
}

pub async fn add_card(api: &Api, customer: &str, number: &str) -> Response {
    api.post(
        "add_payment_method",
        "/c2a/customer/payment/methods/add",
        json!({ "customerUrn": customer, "paymentMethod": card_payment(number) }),
    )
    .await
}

/// A browser visiting a sandbox page (no credentials); returns status and HTML.
pub async fn browser_get(url: &str) -> (u16, String) {
    let http = reqwest::Client::builder().no_proxy().build().expect("client");
    let response = http.get(url).send().await.unwrap_or_else(|e| panic!("GET {url}: {e}"));
    (response.status().as_u16(), response.text().await.expect("page"))
}

pub fn fast() -> c2a_sandbox::SandboxBuilder {
    Sandbox::builder().processing_time(Duration::from_millis(50))
}

pub fn two_tenants() -> c2a_sandbox::SandboxBuilder {
    fast().tenant("tenant-a", "sk_test_key_a").tenant("tenant-b", "sk_test_key_b")
}
