//! Test harness: an HTTP client whose every response is checked against `openapi/c2a.yaml`.
//!
//! [`Spec`] loads the spec through `c2a_spec` (the checked document and its typed
//! extensions) and converts each OpenAPI 3.0 schema to JSON Schema (draft 7: `$ref` into
//! `components`, `allOf`, `nullable: true` -> also null, `x-*` dropped, and objects with
//! `properties` closed with `additionalProperties: false` so the sandbox cannot send a field
//! the spec does not know). [`Api`] sends real HTTP to the sandbox and hands every response
//! to [`Spec::check`]: the path matches the operation's template, the status has a response
//! (by `c2a_spec::responses`: exact, then a range like `4XX`, then `default`), the body is
//! empty exactly for bodyless responses and otherwise is `application/clientOutput+Json`
//! and valid against the schema, and the `messageCode` is one of the operation's
//! `x-message-codes` with a matching `http` status (except `413 INVALID_REQUEST`, the
//! sandbox's answer to a body over its limit, a decision in its README).

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use c2a_sandbox::{Sandbox, fixtures};
use c2a_spec::CheckedSpec;
use c2a_spec::extensions::MessageCode;
use reqwest::Method;
use serde_json::{Map, Value, json};

pub const MEDIA_TYPE: &str = "application/clientOutput+Json";

// ------------------------------------------------------------------ spec

pub struct Operation {
    pub id: String,
    pub method: Method,
    pub template: String,
    pub node: Value,
}

pub struct Spec {
    pub operations: Vec<Operation>,
    checked: CheckedSpec,
    components: Value,
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(Spec::load)
}

/// OpenAPI 3.0 schema -> JSON Schema (draft 7), strict about unknown properties.
pub fn convert(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                if key.starts_with("x-") || matches!(key.as_str(), "nullable" | "example" | "externalDocs") {
                    continue;
                }
                let converted = match key.as_str() {
                    "properties" => Value::Object(
                        value
                            .as_object()
                            .expect("properties")
                            .iter()
                            .map(|(k, v)| (k.clone(), convert(v)))
                            .collect(),
                    ),
                    "items" | "not" => convert(value),
                    "additionalProperties" if value.is_object() => convert(value),
                    "allOf" | "anyOf" | "oneOf" => {
                        Value::Array(value.as_array().expect("composition").iter().map(convert).collect())
                    }
                    _ => value.clone(),
                };
                out.insert(key.clone(), converted);
            }
            if out.contains_key("properties") && !out.contains_key("additionalProperties") {
                out.insert("additionalProperties".into(), Value::Bool(false));
            }
            let out = Value::Object(out);
            if map.get("nullable") == Some(&Value::Bool(true)) {
                json!({ "anyOf": [{ "type": "null" }, out] })
            } else {
                out
            }
        }
        other => other.clone(),
    }
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
        let operations = c2a_spec::doc_walk::operations(&checked.doc)
            .into_iter()
            .filter_map(|op| {
                Some(Operation {
                    id: op.id()?.to_owned(),
                    method: Method::from_bytes(op.method.to_ascii_uppercase().as_bytes()).expect("method"),
                    template: op.path.to_owned(),
                    node: op.value.clone(),
                })
            })
            .collect();
        let schemas: Map<String, Value> = c2a_spec::doc_walk::component_schemas(&checked.doc)
            .into_iter()
            .map(|(k, v)| (k.to_owned(), convert(v)))
            .collect();
        Self { operations, checked, components: json!({ "schemas": schemas }), validators: Mutex::default() }
    }

    /// The spec as `c2a_spec` checked it.
    pub fn checked(&self) -> &CheckedSpec {
        &self.checked
    }

    pub fn operation(&self, id: &str) -> &Operation {
        self.operations
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("no operation `{id}` in the spec"))
    }

    pub fn message_codes(&self, id: &str) -> &[MessageCode] {
        let extensions = self.checked.extensions.operation(id);
        &extensions.unwrap_or_else(|| panic!("no operation `{id}` in the spec")).message_codes.0
    }

    fn validator(&self, key: &str, schema: &Value) -> Arc<jsonschema::Validator> {
        let mut cache = self.validators.lock().expect("validators");
        cache
            .entry(key.to_owned())
            .or_insert_with(|| {
                let root = json!({
                    "$schema": "http://json-schema.org/draft-07/schema#",
                    "components": self.components,
                    "allOf": [convert(schema)],
                });
                Arc::new(
                    jsonschema::options()
                        .with_draft(jsonschema::Draft::Draft7)
                        .should_validate_formats(true)
                        .build(&root)
                        .unwrap_or_else(|e| panic!("schema for {key} does not compile: {e}")),
                )
            })
            .clone()
    }

    /// Panics with a precise message when the exchange does not conform to the spec.
    pub fn check(&self, id: &str, method: &Method, path: &str, response: &Response) {
        let op = self.operation(id);
        let what = format!("{id} ({method} {path}) -> {}: {}", response.status, response.text);
        assert_eq!(&op.method, method, "{what}: wrong method for the operation");
        let path_only = path.split('?').next().unwrap_or(path);
        let segments: Vec<&str> = path_only.split('/').collect();
        let template: Vec<&str> = op.template.split('/').collect();
        let matches = segments.len() == template.len()
            && segments.iter().zip(&template).all(|(s, t)| (t.starts_with('{') && !s.is_empty()) || s == t);
        assert!(matches, "{what}: path does not match the template {}", op.template);

        let Some((key, declared)) = c2a_spec::responses::for_status(&op.node, response.status) else {
            panic!("{what}: status {} is not declared and there is no default", response.status)
        };
        let Some(content) = declared.get("content") else {
            assert!(
                response.text.is_empty(),
                "{what}: {key} has no content in the spec, but a body was sent"
            );
            return;
        };
        let content_type = response.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
        assert_eq!(content_type, MEDIA_TYPE, "{what}: wrong Content-Type");
        let schema = &content[MEDIA_TYPE]["schema"];
        let validator = self.validator(&format!("{id}/{key}"), schema);
        let errors: Vec<String> = validator
            .iter_errors(&response.json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{what}: body does not match the schema of {key}: {errors:#?}");

        let code = response.code();
        let codes = self.message_codes(id);
        let Some(entry) = codes.iter().find(|c| c.code == code) else {
            panic!("{what}: messageCode `{code}` is not in x-message-codes of {id}")
        };
        // The one answer the sandbox gives outside the listed statuses (README, "Input"): a
        // body over the limit is 413 with the request-error envelope, whose code some
        // operations list with HTTP 400; the spec has no code of its own for it.
        let too_large = response.status == 413 && code == "INVALID_REQUEST";
        if let Some(http) = entry.http
            && !too_large
        {
            assert_eq!(response.status, http, "{what}: {code} is documented with HTTP {http}");
        }
        if entry.success {
            assert!(
                (200..300).contains(&response.status),
                "{what}: success code {code} with a non-2xx status"
            );
        } else {
            assert!(
                response.status == 200 || response.status >= 400,
                "{what}: failure code {code} with status {}",
                response.status
            );
        }
    }
}

// ------------------------------------------------------------------ client

pub struct Response {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub json: Value,
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
        let mut request = self.api.http.request(self.method.clone(), &url);
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        if let Some(key) = &self.api_key {
            request = request.header("x-api-key", key);
        }
        if let Some(tenant) = &self.tenant_id {
            request = request.header("x-tn", tenant);
        }
        if let Some((body, content_type)) = self.body {
            if let Some(content_type) = content_type {
                request = request.header("content-type", content_type);
            }
            request = request.body(body);
        }
        let response = request.send().await.unwrap_or_else(|e| panic!("{} {url}: {e:?}", self.method));
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let json = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} {url}: body is not JSON ({e}): {text}", self.method))
        };
        let response = Response { status, headers, text, json };
        spec().check(&self.op, &self.method, &self.path, &response);
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

/// Polls (bounded) until the stage is no longer CHECK_OUT_PROCESSING.
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
