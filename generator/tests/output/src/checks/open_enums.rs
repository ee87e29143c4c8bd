//! Checks of `src/open_enums.rs`, compiled against the runtime as
//! module `crate::open_enums`.

use crate::open_enums::*;

use types::{EnPeriod, EnProvider, MessageCode};

#[test]
fn known_values_round_trip() {
    let plan: types::Plan =
        serde_json::from_str(r#"{"planUrn":"p","period":"Yearly","provider":"American Express"}"#)
            .expect("a Plan");
    assert_eq!(plan.period, Some(EnPeriod::Yearly));
    assert_eq!(plan.provider, Some(EnProvider::AmericanExpress));
    assert_eq!(EnProvider::AmericanExpress.as_str(), "American Express");
    assert_eq!(EnProvider::AmericanExpress.to_string(), "American Express");
    assert_eq!(
        serde_json::to_string(&plan).expect("json"),
        r#"{"period":"Yearly","planUrn":"p","provider":"American Express"}"#
    );
}

#[test]
fn unknown_values_are_kept() {
    // A closed enum (no `x-extensible-enum`) is opened all the same: a new value decodes.
    let plan: types::Plan =
        serde_json::from_str(r#"{"planUrn":"p","period":"Weekly","provider":"Troy"}"#).expect("a Plan");
    assert_eq!(plan.period, Some(EnPeriod::Unknown("Weekly".into())));
    assert_eq!(plan.provider, Some(EnProvider::Unknown("Troy".into())));
    assert_eq!("Troy".parse::<EnProvider>(), Ok(EnProvider::Unknown("Troy".into())));
    assert_eq!(EnProvider::from("Visa"), EnProvider::Visa);
    assert_eq!(serde_json::to_value(EnPeriod::Unknown("Weekly".into())).expect("json"), "Weekly");
}

#[test]
fn message_codes_are_an_open_enum() {
    let status: types::AzotteStatus =
        serde_json::from_str(r#"{"messageCode":"PLAN_NOT_FOUND"}"#).expect("a status");
    assert_eq!(status.message_code, MessageCode::PlanNotFound);
    assert_eq!(MessageCode::from("SOMETHING_NEW").as_str(), "SOMETHING_NEW");
    assert_eq!(operations::GET_PLAN.success_codes, ["SUCCESS"]);
}
