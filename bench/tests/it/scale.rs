//! The synthetic specs pass every check of the generator and keep the real spec's output.

use c2a_bench::{project_spec, scale};

#[test]
fn a_spec_re_emitted_as_yaml_generates_the_same_files() {
    let real = project_spec();
    let original = generator::generate(&real, "openapi/c2a.yaml").expect("the project spec generates");
    let re_emitted =
        generator::generate(&scale::scaled_spec(&real, 1), "openapi/c2a.yaml").expect("generates");
    assert_eq!(original, re_emitted);
}

#[test]
fn a_spec_three_times_larger_passes_every_check() {
    let real = project_spec();
    let one = generator::generate(&real, "openapi/c2a.yaml").expect("the project spec generates");
    let three = generator::generate(&scale::scaled_spec(&real, 3), "openapi/c2a.yaml")
        .unwrap_or_else(|e| panic!("the 3x spec is refused:\n{e}"));
    assert_eq!(three.operations, 3 * one.operations);
    assert!(three.types > 2 * one.types, "{} types", three.types);
    let client = &three.files[0].contents;
    for k in [1, 2] {
        assert!(client.contains(&format!("pub fn wait_for_checkout_k{k}(")), "waiter of copy {k}");
        assert!(client.contains(&format!("pub enum CancelDecisionK{k}")), "decision of copy {k}");
        assert!(client.contains(&format!("\"/c2a/k{k}/customer/store\"")), "paths of copy {k}");
    }
}
