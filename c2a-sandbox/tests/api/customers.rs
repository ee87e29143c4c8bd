//! Customers: identity projection, conflicts, partial update, lookup, GDPR delete.

use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn store_returns_a_docs_style_urn_and_validate_sees_it() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let response = api
        .post(
            "store_customer",
            "/c2a/customer/store",
            store_body("crm-9981273", "jane.doe@example.com", "+49 170 1234567"),
        )
        .await;
    response.expect(200, "SUCCESS");
    let result = &response.json["result"];
    assert_eq!(result["customerUrn"], "cu.00.1");
    assert_eq!(result["externalIdentifier"], "crm-9981273");
    assert_eq!(result["email"], "jane.doe@example.com");
    assert_eq!(result["status"], "Active");
    let second = store_customer(&api, "crm-2").await;
    assert_eq!(second, "cu.00.2");

    let validate =
        api.post("validate_customer", "/c2a/customer/validate", json!({ "externalId": "crm-9981273" })).await;
    assert_eq!(validate.json["isAvailable"], false);
    let validate =
        api.post("validate_customer", "/c2a/customer/validate", json!({ "externalId": "crm-new" })).await;
    assert_eq!(validate.json["isAvailable"], true);
}

#[tokio::test]
async fn conflicts_are_409_with_the_documented_codes() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let store = |ext: &str, email: &str, phone: &str| {
        api.post("store_customer", "/c2a/customer/store", store_body(ext, email, phone))
    };
    store("crm-1", "jane@example.com", "+49 170 1234567").await.expect(200, "SUCCESS");
    let r = store("crm-1", "else@example.com", "+49 170 0000001").await;
    r.expect(409, "CUSTOMER_ALREADY_STORED");
    assert!(r.message().contains("crm-1"), "{}", r.message());
    store("crm-2", "Jane@Example.com", "+49 170 0000001").await.expect(409, "USER_WITH_SAME_EMAIL_EXISTS");
    store("crm-2", "max@example.com", "+491701234567")
        .await
        .expect(409, "USER_WITH_SAME_PHONE_NUMBER_EXISTS");
    // The failed attempts stored nothing.
    api.get("get_customer_info", "/c2a/customer/info?exId=crm-2").await.expect(404, "CUSTOMER_NOT_FOUND");
}

#[tokio::test]
async fn update_is_partial_and_checks_collisions() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let max = store_customer(&api, "crm-2").await;
    let update = |body| api.post("update_customer", "/c2a/customer/update", body);

    let r = update(json!({ "customer": { "customerUrn": jane, "email": "jane.new@example.com" } })).await;
    r.expect(200, "SUCCESS");
    assert_eq!(r.json["result"]["email"], "jane.new@example.com");
    assert_eq!(r.json["result"]["externalIdentifier"], "crm-1", "absent fields stay");

    let r = update(json!({ "customer": { "externalIdentifier": "crm-2", "firstName": "Max" },
                              "claimedRegion": { "countryCode": "AT", "languageCode": "de" } }))
    .await;
    r.expect(200, "SUCCESS");
    assert_eq!(r.json["result"]["customerUrn"], max);

    update(json!({ "customer": { "customerUrn": max, "email": "JANE.NEW@example.com" } }))
        .await
        .expect(409, "USER_WITH_SAME_EMAIL_EXISTS");
    // Updating a customer with its own email is not a collision.
    update(json!({ "customer": { "customerUrn": jane, "email": "jane.new@example.com" } }))
        .await
        .expect(200, "SUCCESS");
    update(json!({ "customer": { "customerUrn": "cu.00.77" } })).await.expect(404, "CUSTOMER_NOT_FOUND");
    update(json!({ "customer": { "externalIdentifier": "crm-77" } })).await.expect(404, "CUSTOMER_NOT_FOUND");
    let r = update(json!({ "customer": { "customerUrn": jane, "externalIdentifier": "crm-other" } })).await;
    r.expect(400, "INVALID_REQUEST");
    assert!(r.message().contains("customer.externalIdentifier"), "{}", r.message());
}

#[tokio::test]
async fn info_finds_by_urn_or_external_id_and_urn_wins() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let max = store_customer(&api, "crm-2").await;
    let r = api.get("get_customer_info", &format!("/c2a/customer/info?urn={jane}")).await;
    r.expect(200, "SUCCESS");
    assert_eq!(r.json["result"]["externalIdentifier"], "crm-1");
    assert_eq!(r.json["result"]["options"]["canSavePaymentMethod"], true);
    let r = api.get("get_customer_info", "/c2a/customer/info?exId=crm-2").await;
    assert_eq!(r.json["result"]["customerUrn"], max);
    let r = api.get("get_customer_info", &format!("/c2a/customer/info?urn={jane}&exId=crm-2")).await;
    assert_eq!(r.json["result"]["customerUrn"], jane, "urn takes precedence");
    let r = api.get("get_customer_info", "/c2a/customer/info?urn=").await;
    r.expect(400, "INVALID_REQUEST");
    assert!(r.message().contains("urn"), "{}", r.message());
}

#[tokio::test(start_paused = true)]
async fn gdpr_delete_anonymises_in_place_is_idempotent_and_keeps_subscriptions() {
    let sandbox = fast().start().await.expect("sandbox");
    let api = Api::new(&sandbox);
    let jane = store_customer(&api, "crm-1").await;
    let subscription = buy(&api, &jane, None).await;
    let pm = add_card(&api, &jane, c2a_sandbox::fixtures::CARD_VISA).await;
    pm.expect(200, "SUCCESS");

    let delete = || api.post("delete_customer", "/c2a/customer/delete", json!({ "customerUuid": jane }));
    delete().await.expect(200, "SUCCESS");
    let first = api.get("get_customer_info", &format!("/c2a/customer/info?urn={jane}")).await;
    first.expect(200, "SUCCESS");
    let result = &first.json["result"];
    assert_eq!(result["customerUrn"], jane, "the key stays");
    assert_eq!(result["status"], "Anonymized");
    assert!(!first.text.contains("crm-1@example.com"), "PII gone: {}", first.text);
    assert!(!first.text.contains("\"crm-1\""), "external id gone: {}", first.text);
    assert_eq!(result["options"]["canSavePaymentMethod"], false);

    delete().await.expect(200, "SUCCESS");
    let second = api.get("get_customer_info", &format!("/c2a/customer/info?urn={jane}")).await;
    assert_eq!(second.json, first.json, "a repeated delete changes nothing");

    api.get("get_customer_info", "/c2a/customer/info?exId=crm-1").await.expect(404, "CUSTOMER_NOT_FOUND");
    let subs = subscriptions(&api, &jane).await;
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0]["orderIdentifier"], subscription["orderIdentifier"]);
    assert_eq!(subs[0]["state"], "Active", "subscriptions keep running");
    // The external identifier is free again, and the anonymised record cannot be updated.
    store_customer(&api, "crm-1").await;
    api.post(
        "update_customer",
        "/c2a/customer/update",
        json!({ "customer": { "customerUrn": jane, "firstName": "J" } }),
    )
    .await
    .expect(404, "CUSTOMER_NOT_FOUND");
}
