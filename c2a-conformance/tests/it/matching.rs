//! Which operation an exchange is: method and the end of the URL's path; anything else is
//! not checked at all.

use c2a_conformance::{Exchange, NameValue, SensitiveFields, Unmatched, check_exchange};

use crate::{FIXTURE, check};

fn unmatched(method: &str, url: &str) -> Unmatched {
    match check_exchange(&FIXTURE, &Exchange::new(method, url), SensitiveFields::Carried) {
        Ok(checked) => panic!("{method} {url} matched {}", checked.operation.id),
        Err(e) => e,
    }
}

#[test]
fn the_operation_is_told_by_method_and_path_whatever_the_base_url() {
    for url in [
        "https://h/api/v1/c2a/things/t1?view=a",
        "http://127.0.0.1:9/c2a/things/t1?view=a",
        "/c2a/things/t1?view=a",
    ] {
        assert_eq!(check(&Exchange::new("get", url)).operation.id, "get_thing", "{url}");
    }
    assert!(matches!(unmatched("POST", "https://h/c2a/things/t1"), Unmatched::NoOperation));
    assert!(matches!(unmatched("GET", "https://cdn.example/app.js"), Unmatched::NoOperation));
    assert!(matches!(unmatched("GET", "https://h:99999/c2a/things/t1"), Unmatched::Url(_)));
}

#[test]
fn the_path_is_kept_encoded_and_its_parameters_decoded() {
    let checked = check(&Exchange::new("GET", "https://h/api/c2a/things/t%2F1?view=a+b"));
    assert_eq!(checked.path, "/api/c2a/things/t%2F1");
    assert_eq!(checked.path_parameters, [NameValue::new("thingId", "t/1")]);
    assert_eq!(checked.query, [NameValue::new("view", "a b")]);
}
