//! Cases of the operation scope: operations, parameters, responses and their headers,
//! media types, message codes, waiters, servers and security.

use spec_diff::{Direction, Semver};

use super::{B, K, NB, assert_verdict, find, report};

#[test]
fn operations() {
    let r = report("operations");
    assert_verdict(&r, K::OperationRemoved, "delete_thing", None, B);
    assert_verdict(&r, K::OperationMoved, "get_thing", None, B);
    assert_eq!(find(&r, K::OperationMoved, "store_thing", None).new.as_deref(), Some("PUT /things"));
    assert_verdict(&r, K::OperationRenamed, "find_things", None, NB);
    assert_eq!(find(&r, K::OperationRenamed, "find_things", None).semver, Semver::Major);
    assert_verdict(&r, K::OperationAdded, "ping", None, NB);
    assert_verdict(&r, K::ExtensionChanged, "store_thing", Some("x-idempotency-key"), NB);
    assert_verdict(&r, K::OperationAdded, "GET /status", None, NB);
    assert!(r.changes.iter().all(|c| c.location != "GET /health"), "unchanged operation without an id");
    assert_eq!((r.summary.breaking, r.summary.non_breaking), (3, 4));
}

#[test]
fn parameters() {
    let r = report("parameters");
    assert_verdict(&r, K::ParameterRemoved, "get_thing", Some("filter"), B);
    assert_verdict(&r, K::ParameterRemoved, "get_thing", Some("expand"), NB);
    assert_verdict(&r, K::ParameterAdded, "get_thing", Some("x-region"), B);
    assert_verdict(&r, K::ParameterAdded, "get_thing", Some("page"), NB);
    assert_verdict(&r, K::ParameterLocationChanged, "get_thing", Some("lang"), B);
    assert_verdict(&r, K::ParameterRequiredChanged, "get_thing", Some("limit"), B);
    assert_verdict(&r, K::ParameterRequiredChanged, "get_thing", Some("sort"), NB);
    assert_verdict(&r, K::TypeChanged, "get_thing.parameters.size", None, B);
    assert_verdict(&r, K::EnumValueRemoved, "get_thing.parameters.mode", Some("slow"), B);
    assert_verdict(&r, K::EnumValueAdded, "get_thing.parameters.mode", Some("eco"), NB);
    assert_verdict(&r, K::DocChanged, "get_thing.parameters.q", None, NB);
    assert_eq!(find(&r, K::ParameterAdded, "get_thing", Some("page")).semver, Semver::Minor);
}

#[test]
fn parameter_defaults() {
    let r = report("parameter_defaults");
    // What the server assumes for requests that leave the parameter out: breaking.
    for parameter in ["page", "size", "sort"] {
        assert_verdict(&r, K::ParameterDefaultChanged, "list_things", Some(parameter), B);
    }
    let sort = find(&r, K::ParameterDefaultChanged, "list_things", Some("sort"));
    assert_eq!(sort.semver, Semver::Patch, "{sort:#?}");
    assert!(sort.rust.contains("`.order_by()`"), "the setter honours x-rust-name: {}", sort.rust);
    assert!(sort.detail.starts_with("default `\"name\"` removed from optional"), "{}", sort.detail);
    // A required parameter is always sent.
    assert_verdict(&r, K::ParameterDefaultChanged, "list_things", Some("region"), NB);
    // A field of an object parameter: a keyword, as in a body.
    assert_verdict(&r, K::KeywordChanged, "list_things.parameters.filter.state", Some("default"), NB);
    assert_eq!(r.changes.len(), 5, "{:#?}", r.changes);
}

#[test]
fn parameter_extensions() {
    let r = report("parameter_extensions");
    let at = "list_subscriptions.parameters";
    // `x-rust-name` changed, added, removed: the builder setter is renamed, naming both.
    for (parameter, old, new) in [
        ("c", "customer_urn", "customer_id"),
        ("p", "p", "payment_method_urn"),
        ("exId", "external_id", "ex_id"),
    ] {
        let location = format!("{at}.{parameter}");
        assert_verdict(&r, K::ExtensionChanged, &location, Some("x-rust-name"), NB);
        let renamed = find(&r, K::ExtensionChanged, &location, Some("x-rust-name"));
        assert_eq!(renamed.semver, Semver::Major, "{renamed:#?}");
        let setters = format!("The builder setter `.{old}()` becomes `.{new}()`");
        assert!(renamed.rust.starts_with(&setters), "{}", renamed.rust);
        assert!(renamed.detail.contains(&format!("`.{old}()` renamed to `.{new}()`")), "{}", renamed.detail);
    }
    // The name progenitor derives anyway: nothing is renamed.
    let same = find(&r, K::ExtensionChanged, &format!("{at}.pageSize"), Some("x-rust-name"));
    assert_eq!(same.semver, Semver::Patch, "{same:#?}");
    // A key the registry does not know on a parameter is reported too.
    let unknown = find(&r, K::ExtensionChanged, &format!("{at}.lang"), Some("x-internal"));
    assert_eq!((unknown.impact, unknown.semver), (NB, Semver::Patch));
    // Parameters added and removed: their setters are named by `x-rust-name`.
    let added = find(&r, K::ParameterAdded, "list_subscriptions", Some("state"));
    assert!(added.rust.contains("`.subscription_state()`"), "{}", added.rust);
    let removed = find(&r, K::ParameterRemoved, "list_subscriptions", Some("urn"));
    assert!(removed.rust.contains("`.offer_urn()`"), "{}", removed.rust);
    assert_eq!(r.changes.len(), 7, "{:#?}", r.changes);
}

#[test]
fn message_codes() {
    let r = report("message_codes");
    assert_verdict(&r, K::MessageCodeRemoved, "get_order", Some("DONE"), B);
    assert_verdict(&r, K::MessageCodeRemoved, "get_order", Some("OLD_ERROR"), NB);
    assert_verdict(&r, K::MessageCodeSuccessChanged, "get_order", Some("PENDING"), B);
    assert_verdict(&r, K::MessageCodeSuccessChanged, "get_order", Some("FAILED"), NB);
    assert_verdict(&r, K::MessageCodeAdded, "get_order", Some("NEW_ERROR"), NB);
    assert_verdict(&r, K::MessageCodeAdded, "get_order", Some("SHARED"), NB);
    assert_verdict(&r, K::MessageCodeChanged, "get_order", Some("NOT_FOUND"), NB);
    // New to the whole spec: a new variant of the message-code enum; already used elsewhere: none.
    assert_eq!(find(&r, K::MessageCodeAdded, "get_order", Some("NEW_ERROR")).semver, Semver::Major);
    assert_eq!(find(&r, K::MessageCodeAdded, "get_order", Some("SHARED")).semver, Semver::Patch);
    assert_eq!(find(&r, K::MessageCodeRemoved, "get_order", Some("OLD_ERROR")).semver, Semver::Patch);
}

#[test]
fn message_code_renames() {
    let r = report("message_code_renames");
    // One code gone and one added on the same operation, HTTP status and success flag.
    let renamed = find(&r, K::MessageCodeRenamed, "store_customer", Some("CUSTOMER_ALREADY_STORED"));
    assert_eq!(renamed.impact, B, "code matching the old value silently stops firing: {renamed:#?}");
    assert_eq!(renamed.new.as_deref(), Some("CUSTOMER_ALREADY_EXISTS"));
    assert_eq!(renamed.semver, Semver::Major, "variant gone from `MessageCode`: {renamed:#?}");
    assert!(renamed.detail.contains("likely renamed to `CUSTOMER_ALREADY_EXISTS`"), "{}", renamed.detail);
    // The old code is still used by another operation: the enum only gains a variant.
    let elsewhere = find(&r, K::MessageCodeRenamed, "get_customer", Some("CUSTOMER_NOT_FOUND"));
    assert_eq!((elsewhere.impact, elsewhere.semver), (B, Semver::Major));
    assert!(elsewhere.rust.contains("still used elsewhere"), "{}", elsewhere.rust);
    // Two codes added with the removed one's status, or no documented status: no pairing.
    assert_verdict(&r, K::MessageCodeRemoved, "store_customer", Some("INVALID_EMAIL"), NB);
    assert_verdict(&r, K::MessageCodeAdded, "store_customer", Some("INVALID_PHONE"), NB);
    assert_verdict(&r, K::MessageCodeAdded, "store_customer", Some("INVALID_NAME"), NB);
    assert_verdict(&r, K::MessageCodeRemoved, "store_customer", Some("DB_ERROR"), NB);
    assert_verdict(&r, K::MessageCodeAdded, "store_customer", Some("UNHANDLED"), NB);
    assert!(
        r.changes.iter().all(|c| c.member.as_deref() != Some("CUSTOMER_ALREADY_EXISTS")),
        "reported once, as the rename: {:#?}",
        r.changes
    );
}

#[test]
fn waiters() {
    let r = report("waiters");
    let waiter = find(&r, K::ExtensionChanged, "get_checkout_status", Some("x-waiter"));
    assert_eq!((waiter.impact, waiter.semver), (NB, Semver::Major), "{waiter:#?}");
    // Which outcome changes for callers, code by code.
    for outcome in [
        "`Client::wait_for_checkout` ends differently for",
        "`CHECK_OUT_3DS_REQUIRED` (was `CheckoutOutcome::ActionRequired` with `/redirectInstructions`, now `CheckoutOutcome::Failed`)",
        "`CHECK_OUT_QUEUED` (was the API error, now polling again)",
    ] {
        assert!(waiter.detail.contains(outcome), "{outcome:?} in {}", waiter.detail);
    }
    assert!(
        !waiter.detail.contains("CHECK_OUT_DONE"),
        "unchanged outcomes are not listed: {}",
        waiter.detail
    );
    assert!(
        waiter.rust.contains("code naming `CheckoutOutcome::ActionRequired` stops compiling"),
        "{}",
        waiter.rust
    );
    // Nothing any code does changes: the change is reported as the registry row says.
    let hint = find(&r, K::ExtensionChanged, "get_export", Some("x-waiter"));
    assert_eq!((hint.detail.as_str(), hint.semver), ("vendor extension `x-waiter` changed", Semver::Major));
}

#[test]
fn media_types_and_responses() {
    let r = report("media_and_responses");
    assert_verdict(&r, K::MediaTypeRemoved, "store_thing", Some("application/json"), B);
    assert_verdict(&r, K::MediaTypeAdded, "store_thing", Some("application/xml"), NB);
    assert_verdict(&r, K::MediaTypeRemoved, "store_thing", Some("application/clientOutput+Json"), B);
    assert_verdict(&r, K::RequestBodyRequiredChanged, "store_thing", None, NB);
    assert_verdict(&r, K::ResponseRemoved, "store_thing", Some("409"), NB);
    assert_verdict(&r, K::ResponseAdded, "store_thing", Some("404"), NB);
    assert_verdict(&r, K::ResponseRemoved, "get_thing", Some("200"), B);
    assert_verdict(&r, K::ResponseAdded, "get_thing", Some("202"), B);
    // `c2a-client` decides success by message code, not status: no generated code changes
    // (checked against the generator in `a_new_success_status_changes_no_generated_code`).
    for (status, change) in r.changes.iter().filter_map(|c| {
        matches!(c.kind, K::ResponseAdded | K::ResponseRemoved).then_some((c.member.as_deref(), c))
    }) {
        assert_eq!(change.semver, Semver::Patch, "{status:?}");
        assert!(change.rust.starts_with("The generated code does not change"), "{status:?}: {}", change.rust);
        assert!(!change.rust.contains("matches the status"), "{status:?}: {}", change.rust);
    }
    assert_verdict(&r, K::RequestBodyAdded, "touch_thing", None, B);
    assert_verdict(&r, K::RequestBodyAdded, "peek", None, NB);
    assert_verdict(&r, K::RequestBodyRemoved, "drop_thing", None, B);
    assert!(
        r.changes.iter().all(|c| c.scope == spec_diff::Scope::Operation),
        "same schemas: no field changes"
    );
}

#[test]
fn media_type_parameters() {
    let r = report("media_type_parameters");
    // Matched by essence: a parameter or the letter case is not a removal and an addition.
    assert!(
        r.changes.iter().all(|c| !matches!(c.kind, K::MediaTypeRemoved | K::MediaTypeAdded)),
        "{:#?}",
        r.changes
    );
    assert_verdict(&r, K::MediaTypeChanged, "store_thing", Some("application/json; charset=utf-8"), NB);
    assert_verdict(&r, K::MediaTypeChanged, "store_thing", Some("application/clientoutput+json"), NB);
    assert_verdict(&r, K::MediaTypeChanged, "store_thing", Some("application/problem+json; version=2"), B);
    assert_eq!(r.changes.len(), 3, "the schemas are still compared, and equal: {:#?}", r.changes);
}

#[test]
fn response_headers() {
    let r = report("response_headers");
    // Removing a header a client may read: the waiter's delay hint, the retry policy's.
    let retry_after =
        find(&r, K::ResponseHeaderRemoved, "get_checkout_status.responses.200", Some("Retry-After"));
    assert_eq!((retry_after.impact, retry_after.direction), (B, Direction::Response), "{retry_after:#?}");
    assert!(retry_after.reason.contains("`Client::wait_for_checkout`"), "{}", retry_after.reason);
    assert_eq!(retry_after.semver, Semver::Patch, "headers have no generated type");
    let retried = find(&r, K::ResponseHeaderRemoved, "get_order.responses.502", Some("Retry-After"));
    assert!(retried.reason.contains("retry policy"), "{}", retried.reason);
    assert_verdict(&r, K::ResponseHeaderAdded, "get_order.responses.200", Some("ETag"), NB);
    assert_verdict(
        &r,
        K::ResponseHeaderRequiredChanged,
        "get_checkout_status.responses.200",
        Some("X-Stage"),
        B,
    );
    assert_verdict(&r, K::ResponseHeaderRequiredChanged, "get_order.responses.429", Some("Retry-After"), NB);
    // Schemas of headers, inline and in a shared component (reported once, under it).
    assert_verdict(&r, K::TypeChanged, "get_order.responses.200.headers.X-Request-Id", None, B);
    assert_verdict(&r, K::NullableChanged, "get_order.responses.200.headers.X-Trace", None, B);
    let shared = find(&r, K::TypeChanged, "headers.RetryAfter", None);
    assert_eq!((shared.impact, shared.semver), (B, Semver::Patch), "{shared:#?}");
    assert_eq!(shared.operations, ["get_checkout_status", "get_order"]);
    assert!(shared.rust.contains("`Response::headers()`"), "{}", shared.rust);
    assert_verdict(&r, K::DocChanged, "headers.RetryAfter", Some("description, x-provenance"), NB);
    // Header names are case-insensitive.
    assert!(
        r.changes
            .iter()
            .all(|c| !c.location.contains("ate-Limit") && c.member.as_deref() != Some("X-Rate-Limit")),
        "{:#?}",
        r.changes
    );
    assert_eq!(r.changes.len(), 9, "{:#?}", r.changes);
    assert_eq!(r.semver(), Semver::Patch);
}

#[test]
fn servers_and_security() {
    let r = report("servers_security");
    assert_verdict(&r, K::ServerRemoved, "servers", Some("https://api.example.test/v1"), B);
    assert_verdict(&r, K::ServerAdded, "servers", Some("https://edge.example.test/v1"), NB);
    assert_verdict(&r, K::ServerChanged, "servers", Some("https://{region}.sandbox.example.test/v1"), NB);
    assert_verdict(&r, K::SecurityRequirementAdded, "security", Some("Bearer"), NB);
    assert_verdict(&r, K::SecurityRequirementRemoved, "get_public", Some("no authentication"), B);
    assert_verdict(&r, K::SecuritySchemeChanged, "securitySchemes.TenantId", None, B);
    assert_verdict(&r, K::SecuritySchemeRemoved, "securitySchemes.Legacy", None, NB);
    assert_verdict(&r, K::SecuritySchemeAdded, "securitySchemes.Bearer", None, NB);
    assert_eq!(r.semver(), Semver::Patch, "servers and credentials are client configuration");
}

#[test]
fn oauth_scopes_one_by_one() {
    let r = report("oauth_scopes");
    let flow = "securitySchemes.OAuth.flows.clientCredentials";
    assert_verdict(&r, K::OauthScopeAdded, flow, Some("things.admin"), NB);
    assert_verdict(&r, K::OauthScopeRemoved, flow, Some("things.purge"), B);
    let reworded = find(&r, K::DocChanged, "securitySchemes.OAuth", None);
    assert_eq!(reworded.member.as_deref(), Some("flows.clientCredentials.scopes.things.read"));
    assert_eq!(reworded.impact, NB);
    // The rest of the scheme is still compared as a whole.
    assert_verdict(&r, K::SecuritySchemeChanged, "securitySchemes.OAuth", Some("OAuth"), B);
    assert_eq!((r.changes.len(), r.semver()), (4, Semver::Patch), "{:#?}", r.changes);
}

#[test]
fn security_requirements_replaced_by_ones_asking_for_less() {
    let r = report("security_relaxed");
    // The tenant header dropped: clients that send both headers are still accepted.
    let relaxed = find(&r, K::SecurityRequirementRemoved, "security", Some("ApiKey + TenantId"));
    assert_eq!(relaxed.impact, NB, "{relaxed:#?}");
    assert!(relaxed.detail.contains("`ApiKey` asks for less"), "{}", relaxed.detail);
    assert_verdict(&r, K::SecurityRequirementAdded, "security", Some("ApiKey"), NB);
    // No authentication at all asks for less than anything.
    assert_verdict(&r, K::SecurityRequirementRemoved, "get_public", Some("ApiKey + TenantId"), NB);
    // Other credentials: still breaking.
    assert_verdict(&r, K::SecurityRequirementRemoved, "get_admin", Some("ApiKey + TenantId"), B);
    assert_eq!(r.summary.breaking, 1, "{:#?}", r.changes);
}

#[test]
fn retry_after_dropped_from_the_project_checkout_status_is_breaking() {
    let text = std::fs::read_to_string(super::project_root().join(spec_diff::SPEC_PATH)).expect("the spec");
    let old = c2a_spec::load::parse_yaml(&text).expect("the spec parses");
    let mut new = old.clone();
    let headers = "/paths/~1c2a~1offer~1checkout~1{trackingId}~1status/get/responses/200/headers";
    let removed = new.pointer_mut(headers).and_then(serde_json::Value::as_object_mut).expect("headers");
    removed.shift_remove("Retry-After").expect("the 200 has Retry-After");
    let changes = spec_diff::diff_documents(&old, &new);
    let [change] = changes.as_slice() else { panic!("{changes:#?}") };
    assert_eq!(
        (change.kind, change.impact, change.location.as_str()),
        (K::ResponseHeaderRemoved, B, "get_checkout_status.responses.200")
    );
    assert!(change.reason.contains("`Client::wait_for_checkout`"), "{}", change.reason);
}
