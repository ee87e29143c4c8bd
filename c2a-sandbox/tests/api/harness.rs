//! The harness reads the spec by the rules every reader shares (`c2a_spec`): a live
//! sandbox answer checked against a copy of the spec changed the way a rule is about.

use reqwest::Method;

use crate::common::*;

#[tokio::test]
async fn a_status_range_in_any_case_answers_before_default() {
    let sandbox = fast().start().await.expect("sandbox");
    let path = "/c2a/customer/info?exId=crm-unknown";
    let response = Api::new(&sandbox).get("get_customer_info", path).await;
    response.expect(404, "CUSTOMER_NOT_FOUND");

    // The same operation with its `404` declared as a lower-case `4xx` range and no
    // `default`: the range must answer the 404.
    let mut checked = spec().checked().clone();
    let responses =
        checked.doc["paths"]["/c2a/customer/info"]["get"]["responses"].as_object_mut().expect("responses");
    let not_found = responses.remove("404").expect("get_customer_info declares 404");
    responses.remove("default").expect("get_customer_info declares default");
    responses.insert("4xx".to_owned(), not_found);
    Spec::from_checked(checked).check("get_customer_info", &Method::GET, path, &response);
}
