//! The table of docs samples: one [`Page`] per stored docs page with JSON samples.

use serde_json::{Value, json};

/// One exchange shown by a docs page.
pub struct Sample {
    pub comment: &'static str,
    pub operation: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub request: Option<Value>,
    pub status: u16,
    pub response: Option<Value>,
}

/// One docs page and its samples; `file` names the HAR file.
pub struct Page {
    pub file: &'static str,
    pub page: &'static str,
    pub note: Option<&'static str>,
    pub samples: Vec<Sample>,
}

fn s(
    comment: &'static str,
    operation: &'static str,
    method: &'static str,
    path: &'static str,
    request: Option<Value>,
    status: u16,
    response: Option<Value>,
) -> Sample {
    Sample { comment, operation, method, path, request, status, response }
}

const STATUS_ASSUMED: &str = "The page shows the body but not the HTTP status; 200 is the spec's assumption.";

pub fn pages() -> Vec<Page> {
    let ok = json!({ "status": { "messageCode": "SUCCESS" } });
    vec![
        Page {
            file: "customers-validate",
            page: "customers/validate",
            note: None,
            samples: vec![s(
                "Request Example + Sample Response",
                "validate_customer",
                "POST",
                "/c2a/customer/validate",
                Some(json!({ "externalId": "crm-9981273" })),
                200,
                Some(json!({ "isAvailable": true, "status": { "messageCode": "SUCCESS" } })),
            )],
        },
        Page {
            file: "customers-store",
            page: "customers/store",
            note: Some("The stored page is cut before its response sample: request only (status 0)."),
            samples: vec![s(
                "Request Example (the response sample is cut off)",
                "store_customer",
                "POST",
                "/c2a/customer/store",
                Some(json!({
                    "customer": {
                        "externalIdentifier": "crm-9981273", "email": "jane.doe@example.com",
                        "phoneNumber": "+49 170 1234567", "salutation": "Ms.", "firstName": "Jane",
                        "lastName": "Doe", "gender": "Female", "legalType": "Individual",
                        "primaryBillingAddress": { "street": "Hauptstr. 1", "city": "Berlin", "postalCode": "10115", "countryCode": "DE" }
                    },
                    "claimedRegion": { "countryCode": "DE", "languageCode": "de" }
                })),
                0,
                None,
            )],
        },
        Page {
            file: "customers-delete",
            page: "customers/delete",
            note: None,
            samples: vec![s(
                "Request Example + Sample Response",
                "delete_customer",
                "POST",
                "/c2a/customer/delete",
                Some(json!({ "customerUuid": "cu.00.482" })),
                200,
                Some(ok.clone()),
            )],
        },
        Page {
            file: "customers-update",
            page: "customers/update",
            note: None,
            samples: vec![s(
                "Request Example + Sample Response",
                "update_customer",
                "POST",
                "/c2a/customer/update",
                Some(
                    json!({ "customer": { "customerUrn": "cu.00.482", "email": "jane.new@example.com", "phoneNumber": "+49 170 9999999" } }),
                ),
                200,
                Some(json!({
                    "result": { "customerUrn": "cu.00.482", "externalIdentifier": "crm-9981273", "email": "jane.new@example.com", "status": "Active" },
                    "status": { "messageCode": "SUCCESS" }
                })),
            )],
        },
        Page {
            file: "customers-info",
            page: "customers/info",
            note: None,
            samples: vec![s(
                "Sample Response (URL from the cURL sample)",
                "get_customer_info",
                "GET",
                "/c2a/customer/info?urn=cu.00.482",
                None,
                200,
                Some(json!({
                    "result": {
                        "customerUrn": "cu.00.482", "externalIdentifier": "crm-9981273", "email": "jane.doe@example.com", "status": "Active",
                        "options": { "availableChannels": ["CARD", "SEPA"], "canSavePaymentMethod": true }
                    },
                    "status": { "messageCode": "SUCCESS" }
                })),
            )],
        },
        Page {
            file: "offer-bundles",
            page: "offer/bundles",
            note: Some("The stored page is cut before its response sample: request only (status 0)."),
            samples: vec![s(
                "Request Example (the response sample is cut off)",
                "get_bundles",
                "POST",
                "/c2a/offer/bundles",
                Some(json!({ "context": {
                "customerUrn": "cu.00.482", "promotionCode": "CMP1WKWAFY", "stepIndex": 0, "interactionType": "NewAcquisition",
                "channel": "Azotte", "storefrontUrn": "st.00.001", "clientPlatformType": "Web"
            } })),
                0,
                None,
            )],
        },
        Page {
            file: "offer-showcase",
            page: "offer/showcase",
            note: None,
            samples: vec![s(
                "Request Example + Sample Response",
                "get_showcase_offer",
                "POST",
                "/c2a/offer/showcase",
                Some(
                    json!({ "context": { "storefrontUrn": "st.00.001", "promotionCode": "CMP1WKWAFY", "clientPlatformType": "Web" } }),
                ),
                200,
                Some(json!({
                    "status": { "messageCode": "SUCCESS" },
                    "offer": {
                        "offerIdentifier": "sh_8z2k1q", "presentationType": "Showcase", "productGroupType": "RecurringSubscription",
                        "storefrontUrn": "st.00.001",
                        "artifactGroups": [ { "bundleUrn": "bn.00.42", "name": "Pro Monthly", "price": { "amountMilpieces": 1499, "currency": "EUR" } } ]
                    }
                })),
            )],
        },
        Page {
            file: "checkout-status",
            page: "checkout/status",
            note: None,
            samples: vec![
                s(
                    "Sample Response: terminal success (HTTP 200 per the page)",
                    "get_checkout_status",
                    "GET",
                    "/c2a/offer/checkout/trk_01HZ9XPZ3K2A8E0VBVQH7N9XGB/status",
                    None,
                    200,
                    Some(
                        json!({ "trackingNumber": "trk_01HZ9XPZ3K2A8E0VBVQH7N9XGB", "status": { "messageCode": "CHECK_OUT_DONE" }, "followUpInstructions": { "canFollowUp": false } }),
                    ),
                ),
                s(
                    "Sample Response: 3DS required (HTTP 200 per the page)",
                    "get_checkout_status",
                    "GET",
                    "/c2a/offer/checkout/trk_01HZ9XPZ3K2A8E0VBVQH7N9XGB/status",
                    None,
                    200,
                    Some(json!({
                        "trackingNumber": "trk_01HZ9XPZ3K2A8E0VBVQH7N9XGB", "status": { "messageCode": "CHECK_OUT_3DS_REQUIRED" },
                        "redirectInstructions": { "redirectUrl": "https://psp.example/3ds/abc", "isRedirectRequired": true, "hasNextSteps": true, "showHtmlContent": false },
                        "followUpInstructions": { "retryAfterSeconds": 3, "canFollowUp": true }
                    })),
                ),
                s(
                    "Not Found (HTTP 404 per the page)",
                    "get_checkout_status",
                    "GET",
                    "/c2a/offer/checkout/trk_01HZ9XPZ3K2A8E0VBVQH7N9XGB/status",
                    None,
                    404,
                    Some(json!({ "status": { "messageCode": "ORDERED_ITEM_NOT_FOUND" } })),
                ),
            ],
        },
        Page {
            file: "payment-methods-add",
            page: "payment-methods/add",
            note: Some(
                "x-sensitive card fields are removed: cardHolderName, cardNumber, expireMonth, expireYear, cvc from the request sample, expireMonth and expireYear from the response sample. HTTP status not shown by the page; 200 assumed.",
            ),
            samples: vec![
                s(
                    "Request Example + Sample Response (x-sensitive fields removed from both)",
                    "add_payment_method",
                    "POST",
                    "/c2a/customer/payment/methods/add",
                    Some(
                        json!({ "customerUrn": "cu.00.482", "paymentMethod": { "paymentChannel": "CreditCard", "creditCard": { "cardAlias": "Personal Visa" } } }),
                    ),
                    200,
                    Some(json!({
                        "result": {
                            "paymentMethodUrn": "pm.00.482.7", "customerUrn": "cu.00.482", "paymentChannel": "CreditCard",
                            "maskedCardNumber": "411111******1111", "cardType": "VISA",
                            "cardAlias": "Personal Visa", "state": "Active", "storedAt": "2026-05-25T10:15:00Z"
                        },
                        "status": { "messageCode": "SUCCESS" }
                    })),
                ),
                s(
                    "PSP rejected (request not shown). HTTP status not shown; 200 assumed.",
                    "add_payment_method",
                    "POST",
                    "/c2a/customer/payment/methods/add",
                    None,
                    200,
                    Some(json!({ "result": null, "status": { "messageCode": "CARD_DECLINED" } })),
                ),
            ],
        },
        Page {
            file: "payment-methods-list",
            page: "payment-methods/list",
            note: Some(STATUS_ASSUMED),
            samples: vec![s(
                "Sample Response (URL from the cURL sample)",
                "list_payment_methods",
                "GET",
                "/c2a/customer/payment/methods/list?c=cu.00.482",
                None,
                200,
                Some(json!({
                    "result": [
                        { "paymentMethodUrn": "pm.00.482.7", "paymentChannel": "CreditCard", "maskedCardNumber": "411111******1111", "cardType": "VISA", "state": "Active" },
                        { "paymentMethodUrn": "pm.00.482.3", "paymentChannel": "CreditCard", "maskedCardNumber": "555555******4444", "cardType": "MASTERCARD", "state": "Inactive" }
                    ],
                    "status": { "messageCode": "SUCCESS" }
                })),
            )],
        },
        Page {
            file: "payment-methods-info",
            page: "payment-methods/info",
            note: Some(
                "x-sensitive fields expireMonth and expireYear are removed from the response sample. HTTP status not shown by the page; 200 assumed.",
            ),
            samples: vec![s(
                "Sample Response (URL from the cURL sample; x-sensitive fields removed)",
                "get_payment_method",
                "GET",
                "/c2a/customer/payment/methods/info?p=pm.00.482.7",
                None,
                200,
                Some(json!({
                    "result": {
                        "paymentMethodUrn": "pm.00.482.7", "customerUrn": "cu.00.482", "paymentChannel": "CreditCard", "maskedCardNumber": "411111******1111",
                        "cardType": "VISA", "state": "Active"
                    },
                    "status": { "messageCode": "SUCCESS" }
                })),
            )],
        },
        Page {
            file: "payment-methods-delete",
            page: "payment-methods/delete",
            note: Some(STATUS_ASSUMED),
            samples: vec![
                s(
                    "Sample Response (URL from the cURL sample)",
                    "delete_payment_method",
                    "DELETE",
                    "/c2a/customer/payment/methods/delete?p=pm.00.482.7",
                    None,
                    200,
                    Some(
                        json!({ "result": { "paymentMethodUrn": "pm.00.482.7", "state": "Deleted" }, "status": { "messageCode": "SUCCESS" } }),
                    ),
                ),
                s(
                    "Not Found",
                    "delete_payment_method",
                    "DELETE",
                    "/c2a/customer/payment/methods/delete?p=pm.00.482.7",
                    None,
                    200,
                    Some(json!({ "result": null, "status": { "messageCode": "PAYMENT_METHOD_NOT_FOUND" } })),
                ),
            ],
        },
        Page {
            file: "payment-methods-activate",
            page: "payment-methods/activate",
            note: Some(STATUS_ASSUMED),
            samples: vec![s(
                "Sample Response (URL from the cURL sample)",
                "activate_payment_method",
                "POST",
                "/c2a/customer/payment/methods/activate?p=pm.00.482.3",
                None,
                200,
                Some(
                    json!({ "result": { "paymentMethodUrn": "pm.00.482.3", "state": "Active" }, "status": { "messageCode": "SUCCESS" } }),
                ),
            )],
        },
        Page {
            file: "payment-methods-inactivate",
            page: "payment-methods/inactivate",
            note: Some(STATUS_ASSUMED),
            samples: vec![s(
                "Sample Response (URL from the cURL sample)",
                "inactivate_payment_method",
                "POST",
                "/c2a/customer/payment/methods/inactivate?p=pm.00.482.3",
                None,
                200,
                Some(
                    json!({ "result": { "paymentMethodUrn": "pm.00.482.3", "state": "Inactive" }, "status": { "messageCode": "SUCCESS" } }),
                ),
            )],
        },
        Page {
            file: "subscription-list-customer-subscriptions",
            page: "subscription/list-customer-subscriptions",
            note: Some(STATUS_ASSUMED),
            samples: vec![s(
                "Sample Response",
                "list_customer_subscriptions",
                "GET",
                "/c2a/subscription/cu.00.482",
                None,
                200,
                Some(json!({
                    "result": [ {
                        "bundleName": "Pro Monthly", "bundleSku": "PRO-M-1", "bundleUrn": "bn.00.42", "state": "Active",
                        "startDate": "2026-04-25T00:00:00Z", "endDate": "2026-05-25T00:00:00Z", "orderIdentifier": "or_01J3X...",
                        "subscriptionChannel": "Azotte", "options": { "canCancel": true, "canReplace": true }
                    } ],
                    "status": { "messageCode": "SUCCESS" }
                })),
            )],
        },
        Page {
            file: "subscription-request-cancel",
            page: "subscription/request-cancel",
            note: Some(STATUS_ASSUMED),
            samples: vec![s(
                "Request Example + Sample Response",
                "request_cancel",
                "POST",
                "/c2a/subscription/cancel/request",
                Some(
                    json!({ "orderIdentifier": "or_01J3X...", "cancelationMethod": "Normal", "currentStep": 0 }),
                ),
                200,
                Some(json!({
                    "responseType": "Processed",
                    "cancellationReasons": [ { "code": "PRICE", "label": "Too expensive" }, { "code": "USAGE", "label": "I don't use it enough" } ],
                    "status": { "messageCode": "SUCCESS" }
                })),
            )],
        },
        Page {
            file: "subscription-confirm-cancel",
            page: "subscription/confirm-cancel",
            note: Some(STATUS_ASSUMED),
            samples: vec![s(
                "Request Example + Sample Response",
                "confirm_cancel",
                "POST",
                "/c2a/subscription/cancel/confirm",
                Some(
                    json!({ "orderIdentifier": "or_01J3X...", "cancelationMethod": "Normal", "currentStep": 1, "survey": "{\"reasonCode\":\"PRICE\",\"comment\":\"Too expensive\"}" }),
                ),
                200,
                Some(ok.clone()),
            )],
        },
        Page {
            file: "subscription-reactivate",
            page: "subscription/reactivate",
            note: Some(STATUS_ASSUMED),
            samples: vec![s(
                "Request Example + Sample Response",
                "reactivate_subscription",
                "POST",
                "/c2a/subscription/reactivate",
                Some(json!({ "orderIdentifier": "or_01J3X..." })),
                200,
                Some(ok),
            )],
        },
    ]
}
