//! `status.messageCode` against the operation's `x-message-codes`: listed, with its `http`
//! status, and in its success class.

use c2a_conformance::{Checked, FindingKind, Side};

use crate::{assert_located, check, get_thing, only, status_body};

const CODES: &str = "#/paths/~1c2a~1things~1{thingId}/get/x-message-codes";

pub fn unlisted_code() -> Checked<'static> {
    check(&get_thing(404, &status_body("THING_GONE")))
}

pub fn code_with_another_status() -> Checked<'static> {
    check(&get_thing(410, &status_body("THING_NOT_FOUND")))
}

#[test]
fn a_code_the_operation_does_not_list_is_named() {
    let checked = unlisted_code();
    let f = only(&checked);
    assert_eq!((f.kind, f.side), (FindingKind::MessageCodeNotListed, Side::Response));
    assert_located(&f, "$.status.messageCode", CODES, None);
    assert_eq!(checked.message_code.as_deref(), Some("THING_GONE"));
    assert_eq!(checked.conforming_response, None);
}

#[test]
fn a_code_comes_with_its_listed_http_status() {
    let f = only(&code_with_another_status());
    assert_eq!(f.kind, FindingKind::CodeStatusDiffers);
    assert_located(&f, "$.status.messageCode", &format!("{CODES}/1"), Some("documented"));
    assert_eq!(f.message, "`THING_NOT_FOUND` is listed with HTTP 404 but arrived with HTTP 410");
    assert_eq!(check(&get_thing(404, &status_body("THING_NOT_FOUND"))).findings, []);
}

#[test]
fn a_code_without_http_comes_in_its_success_class() {
    // `THING_STALE`: a success code, no `http`; 2xx only.
    assert_eq!(check(&get_thing(202, &status_body("THING_STALE"))).findings, []);
    let f = only(&check(&get_thing(404, &status_body("THING_STALE"))));
    assert_eq!(f.kind, FindingKind::CodeStatusDiffers);
    assert_located(&f, "$.status.messageCode", &format!("{CODES}/3"), Some("sample"));
    // `THING_LOCKED`: a failure code, no `http`; 200 (as C2A answers many failures) or an error.
    for status in [200, 409, 418] {
        let checked = check(&get_thing(status, &status_body("THING_LOCKED")));
        assert!(checked.findings.iter().all(|f| f.kind != FindingKind::CodeStatusDiffers), "{status}");
    }
    let f = only(&check(&get_thing(202, &status_body("THING_LOCKED"))));
    assert_eq!(f.kind, FindingKind::CodeStatusDiffers);
    assert!(f.message.contains("failure code"), "{}", f.message);
}

#[test]
fn a_code_that_agrees_is_observed() {
    let checked = check(&get_thing(409, &status_body("THING_LOCKED")));
    assert_eq!(checked.findings, []);
    assert!(checked.observed.iter().any(|o| o == "/paths/~1c2a~1things~1{thingId}/get/x-message-codes/2"));
}
