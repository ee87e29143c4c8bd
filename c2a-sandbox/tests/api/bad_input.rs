//! Bad input: a table of malformed requests, each a 400 with INVALID_REQUEST (BAD_REQUEST
//! for a missing `customer`, as documented) and a message naming the field; then a bounded
//! loop of randomly mutated bodies, none of which may get a 5xx or lose state.

use c2a_sandbox::fixtures;
use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::common::*;

const JSON: Option<&str> = Some("application/json");

struct Case {
    op: &'static str,
    method: Method,
    path: &'static str,
    body: Option<Vec<u8>>,
    content_type: Option<&'static str>,
    code: &'static str,
    message: &'static str,
}

fn case(op: &'static str, path: &'static str, body: &str, code: &'static str, message: &'static str) -> Case {
    Case {
        op,
        method: Method::POST,
        path,
        body: Some(body.as_bytes().to_vec()),
        content_type: JSON,
        code,
        message,
    }
}

fn cases() -> Vec<Case> {
    const STORE: &str = "/c2a/customer/store";
    const REGION: &str = r#""claimedRegion":{"countryCode":"DE","languageCode":"de"}"#;
    let store = |customer: &str| format!(r#"{{"customer":{customer},{REGION}}}"#);
    let deep = format!(
        r#"{{"customer":{{"externalIdentifier":"x","privacy":{{"a":{}{}}}}},{REGION}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let mut cases = vec![
        case(
            "store_customer",
            STORE,
            r#"{"customer":{"externalIdentifier":"x""#,
            "INVALID_REQUEST",
            "not valid JSON",
        ),
        case("store_customer", STORE, "", "INVALID_REQUEST", "request body is required"),
        case("store_customer", STORE, "  \n ", "INVALID_REQUEST", "request body is required"),
        case("store_customer", STORE, "[]", "INVALID_REQUEST", "request body: invalid type: sequence"),
        case("store_customer", STORE, "null", "INVALID_REQUEST", "request body: invalid type: null"),
        case(
            "store_customer",
            STORE,
            r#"[{"externalIdentifier":"x"},{"countryCode":"DE","languageCode":"de"}]"#,
            "INVALID_REQUEST",
            "request body: invalid type: sequence, expected an object",
        ),
        case(
            "store_customer",
            STORE,
            &format!(r#"{{"customer":["x"],{REGION}}}"#),
            "INVALID_REQUEST",
            "customer: invalid type: sequence, expected an object",
        ),
        case(
            "store_customer",
            STORE,
            &store(r#"{"externalIdentifier":5}"#),
            "INVALID_REQUEST",
            "customer.externalIdentifier: invalid type: integer",
        ),
        case(
            "store_customer",
            STORE,
            &store(r#"{"email":"a@b.co"}"#),
            "INVALID_REQUEST",
            "customer.externalIdentifier is required",
        ),
        case(
            "store_customer",
            STORE,
            &store(r#"{"externalIdentifier":"   "}"#),
            "INVALID_REQUEST",
            "customer.externalIdentifier is required",
        ),
        case("store_customer", STORE, &format!("{{{REGION}}}"), "BAD_REQUEST", "customer is required"),
        case(
            "store_customer",
            STORE,
            &format!(r#"{{"customer":null,{REGION}}}"#),
            "BAD_REQUEST",
            "customer is required",
        ),
        case(
            "store_customer",
            STORE,
            r#"{"customer":{"externalIdentifier":"x"}}"#,
            "INVALID_REQUEST",
            "claimedRegion is required",
        ),
        case(
            "store_customer",
            STORE,
            r#"{"customer":{"externalIdentifier":"x"},"claimedRegion":{"languageCode":"de"}}"#,
            "INVALID_REQUEST",
            "claimedRegion.countryCode is required",
        ),
        case(
            "store_customer",
            STORE,
            r#"{"customer":{"externalIdentifier":"x"},"claimedRegion":{"countryCode":"Germany","languageCode":"de"}}"#,
            "INVALID_REQUEST",
            "claimedRegion.countryCode must be",
        ),
        case(
            "store_customer",
            STORE,
            &store(r#"{"externalIdentifier":"x","legalType":"Alien"}"#),
            "INVALID_REQUEST",
            "customer.legalType: unknown variant `Alien`",
        ),
        case(
            "store_customer",
            STORE,
            &store(r#"{"externalIdentifier":"x","legalType":"Corporate"}"#),
            "INVALID_REQUEST",
            "customer.corporationInfo is required",
        ),
        case(
            "store_customer",
            STORE,
            &store(r#"{"externalIdentifier":"x","nickname":"JD"}"#),
            "INVALID_REQUEST",
            "unknown field `nickname`",
        ),
        case(
            "store_customer",
            STORE,
            &store(r#"{"externalIdentifier":"x","email":"not-an-email"}"#),
            "INVALID_REQUEST",
            "customer.email is not a valid email address",
        ),
        case(
            "store_customer",
            STORE,
            &store(r#"{"externalIdentifier":"x","phoneNumber":"call me"}"#),
            "INVALID_REQUEST",
            "customer.phoneNumber",
        ),
        case(
            "store_customer",
            STORE,
            &store(r#"{"externalIdentifier":"x","privacy":"yes"}"#),
            "INVALID_REQUEST",
            "customer.privacy: invalid type: string",
        ),
        case(
            "store_customer",
            STORE,
            &store(r#"{"externalIdentifier":"x","primaryBillingAddress":{"zip":1}}"#),
            "INVALID_REQUEST",
            "unknown field `zip`",
        ),
        case("store_customer", STORE, &deep, "INVALID_REQUEST", "recursion limit exceeded"),
        case(
            "store_customer",
            STORE,
            &format!(r#"{{"customer":{{"externalIdentifier":"\ud800"}},{REGION}}}"#),
            "INVALID_REQUEST",
            "not valid JSON",
        ),
        case(
            "validate_customer",
            "/c2a/customer/validate",
            r#"{"externalId":"a"} trailing"#,
            "INVALID_REQUEST",
            "not valid JSON: trailing characters",
        ),
        case(
            "validate_customer",
            "/c2a/customer/validate",
            r#"{"externalId":"a","externalId":"b"}"#,
            "INVALID_REQUEST",
            "duplicate field `externalId`",
        ),
        case(
            "validate_customer",
            "/c2a/customer/validate",
            "{}",
            "INVALID_REQUEST",
            "externalId is required",
        ),
        case(
            "update_customer",
            "/c2a/customer/update",
            r#"{"customer":null}"#,
            "BAD_REQUEST",
            "customer is required",
        ),
        case(
            "update_customer",
            "/c2a/customer/update",
            r#"{"customer":{"firstName":"J"}}"#,
            "INVALID_REQUEST",
            "customer.customerUrn or customer.externalIdentifier is required",
        ),
        case(
            "delete_customer",
            "/c2a/customer/delete",
            r#"{"customerUuid":["cu.00.1"]}"#,
            "INVALID_REQUEST",
            "customerUuid: invalid type: sequence",
        ),
        case(
            "get_bundles",
            "/c2a/offer/bundles",
            r#"{"context":{}}"#,
            "INVALID_REQUEST",
            "context.interactionType is required",
        ),
        case(
            "get_bundles",
            "/c2a/offer/bundles",
            r#"{"context":{"interactionType":"Buy"}}"#,
            "INVALID_REQUEST",
            "context.interactionType: unknown variant `Buy`",
        ),
        case(
            "get_bundles",
            "/c2a/offer/bundles",
            r#"{"context":{"interactionType":"NewAcquisition","stepIndex":"zero"}}"#,
            "INVALID_REQUEST",
            "context.stepIndex: invalid type: string",
        ),
        case(
            "get_bundles",
            "/c2a/offer/bundles",
            r#"{"context":{"interactionType":"NewAcquisition","stepIndex":1.5}}"#,
            "INVALID_REQUEST",
            "context.stepIndex: invalid type: floating point",
        ),
        case(
            "get_bundles",
            "/c2a/offer/bundles",
            r#"{"context":{"interactionType":"NewAcquisition","customTags":{"a":1}}}"#,
            "INVALID_REQUEST",
            "context.customTags.a: invalid type: integer",
        ),
        case(
            "get_bundles",
            "/c2a/offer/bundles",
            r#"{"context":{"interactionType":"NewAcquisition","interactionDate":"yesterday"}}"#,
            "INVALID_REQUEST",
            "context.interactionDate must be an RFC 3339 date-time",
        ),
        case(
            "get_showcase_offer",
            "/c2a/offer/showcase",
            r#"{"context":{"clientPlatformType":"Fridge"}}"#,
            "INVALID_REQUEST",
            "context.clientPlatformType: unknown variant `Fridge`",
        ),
        case("get_showcase_offer", "/c2a/offer/showcase", "{}", "INVALID_REQUEST", "context is required"),
        case(
            "submit_checkout",
            "/c2a/offer/checkout",
            r#"{"order":{"offerIdentifier":"of_1","items":[{"quantity":1}],"customer":{"customerUrn":"cu.00.1"}},"paymentMethod":{"paymentChannel":"PayPal"}}"#,
            "INVALID_REQUEST",
            "order.items[0].itemIdentifier is required",
        ),
        case(
            "submit_checkout",
            "/c2a/offer/checkout",
            r#"{"order":{"offerIdentifier":"of_1","items":[{"itemIdentifier":"i","quantity":"one"}]}}"#,
            "INVALID_REQUEST",
            "order.items[0].quantity: invalid type: string",
        ),
        case(
            "submit_checkout",
            "/c2a/offer/checkout",
            r#"{"order":{"offerIdentifier":"of_1","items":[{"itemIdentifier":"i","quantity":0}],"customer":{"customerUrn":"c"}},"paymentMethod":{"paymentChannel":"PayPal"}}"#,
            "INVALID_REQUEST",
            "order.items[0].quantity must be at least 1",
        ),
        case(
            "submit_checkout",
            "/c2a/offer/checkout",
            r#"{"order":{"offerIdentifier":"of_1","items":[["i",null,1]]}}"#,
            "INVALID_REQUEST",
            "order.items[0]: invalid type: sequence, expected an object",
        ),
        case(
            "submit_checkout",
            "/c2a/offer/checkout",
            r#"{"order":{"offerIdentifier":"of_1","items":[]},"paymentMethod":{"paymentChannel":"PayPal"}}"#,
            "INVALID_REQUEST",
            "order.items must not be empty",
        ),
        case(
            "submit_checkout",
            "/c2a/offer/checkout",
            r#"{"order":{"offerIdentifier":"of_1","resellerID":1e40}}"#,
            "INVALID_REQUEST",
            "order.resellerID: invalid type: floating point",
        ),
        case(
            "submit_checkout",
            "/c2a/offer/checkout",
            r#"{"order":{"offerIdentifier":"of_1","items":[{"itemIdentifier":"i"}],"customer":{"customerUrn":"c"}},"paymentMethod":{"paymentChannel":"Cash"}}"#,
            "INVALID_REQUEST",
            "paymentMethod.paymentChannel: unknown variant `Cash`",
        ),
        case(
            "submit_checkout",
            "/c2a/offer/checkout",
            r#"{"order":{"offerIdentifier":"of_1","items":[{"itemIdentifier":"i"}],"customer":{"customerUrn":"c"}}}"#,
            "INVALID_REQUEST",
            "paymentMethod is required",
        ),
        case(
            "submit_checkout",
            "/c2a/offer/checkout",
            r#"{"order":{"offerIdentifier":"of_1","items":[{"itemIdentifier":"i"}],"customer":{"customerUrn":"c"}},"paymentMethod":{"paymentChannel":"CreditCard"}}"#,
            "INVALID_REQUEST",
            "paymentMethod.creditCard is required",
        ),
        case(
            "submit_checkout",
            "/c2a/offer/checkout",
            r#"{"order":{"offerIdentifier":"of_1","items":[{"itemIdentifier":"i"}],"customer":{}},"paymentMethod":{"paymentChannel":"PayPal"}}"#,
            "INVALID_REQUEST",
            "order.customer.customerUrn is required",
        ),
        case(
            "add_payment_method",
            "/c2a/customer/payment/methods/add",
            r#"{"paymentMethod":{"paymentChannel":"CreditCard"}}"#,
            "INVALID_REQUEST",
            "customerUrn is required",
        ),
        case(
            "add_payment_method",
            "/c2a/customer/payment/methods/add",
            r#"{"customerUrn":"cu.00.1","paymentMethod":{"paymentChannel":"CreditCard","creditCard":{"cardNumber":4242424242424242}}}"#,
            "INVALID_REQUEST",
            "paymentMethod.creditCard.cardNumber: invalid type: integer",
        ),
        case(
            "add_payment_method",
            "/c2a/customer/payment/methods/add",
            r#"{"customerUrn":"cu.00.1","paymentMethod":{"paymentChannel":"CreditCard","creditCard":{"cardHolderName":"J","expireMonth":"12","expireYear":"2099","cvc":"123"}}}"#,
            "INVALID_REQUEST",
            "paymentMethod.creditCard.cardNumber is required",
        ),
        case(
            "request_cancel",
            "/c2a/subscription/cancel/request",
            r#"{"orderIdentifier":"or_1","cancelationMethod":"Later"}"#,
            "INVALID_REQUEST",
            "cancelationMethod: unknown variant `Later`",
        ),
        case(
            "request_cancel",
            "/c2a/subscription/cancel/request",
            r#"{"orderIdentifier":"or_1","source":"Portal"}"#,
            "INVALID_REQUEST",
            "source: unknown variant `Portal`",
        ),
        case(
            "request_cancel",
            "/c2a/subscription/cancel/request",
            r#"{"orderIdentifier":"or_1","currentStep":-1}"#,
            "INVALID_REQUEST",
            "currentStep must not be negative",
        ),
        case(
            "confirm_cancel",
            "/c2a/subscription/cancel/confirm",
            r#"{"orderIdentifier":"or_1"}"#,
            "INVALID_REQUEST",
            "cancelationMethod is required",
        ),
        case(
            "reactivate_subscription",
            "/c2a/subscription/reactivate",
            r#"{"orderIdentifier":null}"#,
            "INVALID_REQUEST",
            "orderIdentifier is required",
        ),
    ];
    let raw = |op, path, body: &[u8], content_type, message| Case {
        op,
        method: Method::POST,
        path,
        body: Some(body.to_vec()),
        content_type,
        code: "INVALID_REQUEST",
        message,
    };
    cases.push(raw(
        "validate_customer",
        "/c2a/customer/validate",
        br#"{"externalId":"a"}"#,
        None,
        "Content-Type header is required",
    ));
    cases.push(raw(
        "validate_customer",
        "/c2a/customer/validate",
        br#"{"externalId":"a"}"#,
        Some("text/plain"),
        "Content-Type must be application/json",
    ));
    cases.push(raw(
        "validate_customer",
        "/c2a/customer/validate",
        b"{\"externalId\":\"\xff\"}",
        JSON,
        "not valid JSON",
    ));
    let query = |op, method, path, message| Case {
        op,
        method,
        path,
        body: None,
        content_type: None,
        code: "INVALID_REQUEST",
        message,
    };
    cases.push(query(
        "get_customer_info",
        Method::GET,
        "/c2a/customer/info?urn=&exId=",
        "`urn` or `exId` is required",
    ));
    cases.push(query(
        "list_payment_methods",
        Method::GET,
        "/c2a/customer/payment/methods/list",
        "query parameter `c` is required",
    ));
    cases.push(query(
        "get_payment_method",
        Method::GET,
        "/c2a/customer/payment/methods/info?q=1",
        "query parameter `p` is required",
    ));
    cases.push(query(
        "delete_payment_method",
        Method::DELETE,
        "/c2a/customer/payment/methods/delete?p=",
        "query parameter `p` is required",
    ));
    cases.push(query(
        "activate_payment_method",
        Method::POST,
        "/c2a/customer/payment/methods/activate",
        "query parameter `p` is required",
    ));
    cases
}

#[tokio::test]
async fn malformed_requests_get_400_naming_the_field_and_change_nothing() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let sentinel = store_customer(&api, "sentinel").await;
    let before = api.get("get_customer_info", &format!("/c2a/customer/info?urn={sentinel}")).await.json;
    for case in cases() {
        let mut call = api.call(case.op, case.method.clone(), case.path);
        if let Some(body) = case.body {
            call = call.raw(body, case.content_type);
        }
        let response = call.send().await;
        assert_eq!(
            (response.status, response.code()),
            (400, case.code),
            "{} {}: {}",
            case.op,
            case.message,
            response.text.chars().take(300).collect::<String>()
        );
        assert!(
            response.message().contains(case.message),
            "{}: expected a message containing {:?}, got {:?}",
            case.op,
            case.message,
            response.message()
        );
        assert_eq!(
            response.json.as_object().map(Map::len),
            Some(1),
            "status-only envelope: {}",
            response.text
        );
    }
    let after = api.get("get_customer_info", &format!("/c2a/customer/info?urn={sentinel}")).await.json;
    assert_eq!(after, before);
    // The server still works normally.
    store_customer(&api, "after-the-table").await;
}

// ------------------------------------------------------------------ fuzzing

/// SplitMix64: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn random_value(rng: &mut Rng) -> Value {
    match rng.below(16) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(0),
        3 => json!(-1),
        4 => json!(i64::MAX),
        5 => json!(u64::MAX),
        6 => json!(1.5),
        7 => json!(1e300),
        8 => json!(""),
        9 => json!("x".repeat(rng.below(3000))),
        10 => json!("\u{0}\u{1F600}\"\\"),
        11 => json!([]),
        12 => json!({}),
        13 => json!([1, "a", null, { "k": [] }]),
        14 => {
            let mut v = json!(1);
            for _ in 0..rng.below(200) {
                v = json!([v]);
            }
            v
        }
        _ => {
            json!(*rng.pick(&["cu.00.1", "cu.00.2", "Normal", "Immediate", "CreditCard", fixtures::CARD_3DS]))
        }
    }
}

/// JSON pointers of every node.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn mutate(rng: &mut Rng, seed: &Value) -> Vec<u8> {
    let mut value = seed.clone();
    for _ in 0..=rng.below(3) {
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        let target = rng.pick(&all).clone();
        match rng.below(4) {
            0 => {
                let replacement = random_value(rng);
                if let Some(node) = value.pointer_mut(&target) {
                    *node = replacement;
                }
            }
            1 => {
                if let Some(Value::Object(map)) = value.pointer_mut(&target)
                    && !map.is_empty()
                {
                    let key = map.keys().nth(rng.below(map.len())).cloned().unwrap_or_default();
                    map.remove(&key);
                }
            }
            2 => {
                let extra = random_value(rng);
                if let Some(Value::Object(map)) = value.pointer_mut(&target) {
                    let key =
                        rng.pick(&["unknownField", "ITM", "CU", "email", "items", "status"]).to_string();
                    map.insert(key, extra);
                }
            }
            _ => {}
        }
    }
    let mut bytes = serde_json::to_vec(&value).expect("json");
    match rng.below(5) {
        0 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            bytes[i] = rng.next() as u8;
        }
        1 if !bytes.is_empty() => bytes.truncate(rng.below(bytes.len())),
        2 => {
            let i = rng.below(bytes.len() + 1);
            bytes.insert(i, *rng.pick(b"{}[]\",:\\0-e."));
        }
        _ => {}
    }
    bytes
}

fn encode(raw: &str) -> String {
    raw.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { char::from(b).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn random_text(rng: &mut Rng) -> String {
    let len = 1 + rng.below(40);
    let mut text = String::from("a");
    for _ in 0..len {
        text.push(
            *rng.pick(&['x', '.', '0', '9', ' ', '%', '&', '=', '/', '?', '#', 'é', '\u{0}', '"', '\'', '<']),
        );
    }
    text
}

#[tokio::test(start_paused = true)]
async fn randomly_mutated_requests_never_get_a_5xx_and_state_survives() {
    let sandbox = two_tenants().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let other = Api::for_tenant(&sandbox, 1);
    let sentinel = store_customer(&api, "sentinel").await;
    let outsider = store_customer(&other, "outsider").await;
    let outsider_before =
        other.get("get_customer_info", &format!("/c2a/customer/info?urn={outsider}")).await.json;

    // Valid seeds for every operation with a body.
    let victim = store_customer(&api, "victim").await;
    let offer = purchase_offer(&api, &victim, None).await;
    let order = buy(&api, &victim, None).await["orderIdentifier"].clone();
    let seeds: Vec<(&str, &str, Value)> = vec![
        ("validate_customer", "/c2a/customer/validate", json!({ "externalId": "victim" })),
        ("store_customer", "/c2a/customer/store", store_body("fuzz", "fuzz@example.com", "+49 170 5550000")),
        (
            "update_customer",
            "/c2a/customer/update",
            json!({ "customer": { "customerUrn": victim, "email": "v2@example.com" } }),
        ),
        ("delete_customer", "/c2a/customer/delete", json!({ "customerUuid": victim })),
        (
            "get_bundles",
            "/c2a/offer/bundles",
            json!({ "context": { "customerUrn": victim, "interactionType": "NewAcquisition", "promotionCode": fixtures::PROMOTION_CODE, "stepIndex": 0, "customTags": { "a": "b" } } }),
        ),
        (
            "get_showcase_offer",
            "/c2a/offer/showcase",
            json!({ "context": { "storefrontUrn": offer["storefrontUrn"], "clientPlatformType": "Web" } }),
        ),
        (
            "submit_checkout",
            "/c2a/offer/checkout",
            checkout_body(&offer, &victim, card_payment(fixtures::CARD_3DS), Some("fuzz-1")),
        ),
        (
            "add_payment_method",
            "/c2a/customer/payment/methods/add",
            json!({ "customerUrn": victim, "paymentMethod": card_payment(fixtures::CARD_VISA) }),
        ),
        (
            "request_cancel",
            "/c2a/subscription/cancel/request",
            json!({ "orderIdentifier": order, "cancelationMethod": "Normal", "currentStep": 0, "source": "C2A" }),
        ),
        (
            "confirm_cancel",
            "/c2a/subscription/cancel/confirm",
            json!({ "orderIdentifier": order, "cancelationMethod": "EndOfPeriod", "survey": "{}" }),
        ),
        ("reactivate_subscription", "/c2a/subscription/reactivate", json!({ "orderIdentifier": order })),
    ];

    let mut rng = Rng(0x5EED_C2A0);
    let (mut requests, mut rejected) = (0, 0);
    for round in 0..40 {
        for (op, path, seed) in &seeds {
            let body = mutate(&mut rng, seed);
            let content_type = *rng.pick(&[
                JSON,
                JSON,
                JSON,
                Some("application/json; charset=utf-8"),
                Some("text/plain"),
                None,
            ]);
            let response = api.call(op, Method::POST, *path).raw(body, content_type).send().await;
            assert!(response.status < 500, "round {round}, {op}: {}", response.text);
            requests += 1;
            if response.status == 400 {
                rejected += 1;
                assert!(!response.message().is_empty(), "{op}: a 400 explains itself");
            }
        }
        // Queries and path segments.
        let text = encode(&random_text(&mut rng));
        let queries: [(&str, Method, String); 5] = [
            ("get_customer_info", Method::GET, format!("/c2a/customer/info?urn={text}&exId={text}")),
            ("list_payment_methods", Method::GET, format!("/c2a/customer/payment/methods/list?c={text}")),
            (
                "inactivate_payment_method",
                Method::POST,
                format!("/c2a/customer/payment/methods/inactivate?p={text}"),
            ),
            ("get_checkout_status", Method::GET, format!("/c2a/offer/checkout/{text}/status")),
            ("list_customer_subscriptions", Method::GET, format!("/c2a/subscription/{text}")),
        ];
        for (op, method, path) in queries {
            let response = api.call(op, method, path).send().await;
            assert!(response.status < 500, "round {round}, {op}: {}", response.text);
            requests += 1;
        }
    }
    assert!(rejected * 4 > requests, "the mutations mostly produce bad input ({rejected} of {requests})");

    // State survived: the sentinel is still there, the other tenant is untouched, and the
    // server still serves a normal flow.
    api.get("get_customer_info", &format!("/c2a/customer/info?urn={sentinel}")).await.expect(200, "SUCCESS");
    let outsider_after =
        other.get("get_customer_info", &format!("/c2a/customer/info?urn={outsider}")).await.json;
    assert_eq!(outsider_after, outsider_before);
    let fresh = store_customer(&api, "after-fuzz").await;
    let found = api.get("get_customer_info", "/c2a/customer/info?exId=after-fuzz").await;
    assert_eq!(found.json["result"]["customerUrn"], fresh.as_str());
}
