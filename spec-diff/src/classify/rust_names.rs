//! The Rust names the generated crate gives spec names (typify types and fields, progenitor
//! `Client` methods), for the one-sentence semver notes.

use c2a_spec::rust_names;

/// `` `types::X` `` for a component name; an inline schema stays a description.
pub(super) fn rust_type(name: &str) -> String {
    match name.strip_prefix("inline ") {
        Some(kind) => format!("an inline `{kind}`"),
        None => format!("`types::{}`", rust_names::type_name(name)),
    }
}

/// The Rust field name typify gives the last segment of a schema path.
pub(super) fn field_name(location: &str) -> String {
    let last = location.rsplit('.').next().unwrap_or(location).trim_end_matches("[]");
    rust_names::field_name(last)
}

/// The builder setter of parameter `wire`: its `x-rust-name` when it has one (the generator
/// renames the setter), else the snake_case name progenitor derives from the wire name.
pub(super) fn setter(wire: &str, rust_name: Option<&str>) -> String {
    rust_name.map_or_else(|| rust_names::method_name(wire), str::to_owned)
}

/// `` `Client::store_customer` `` for an operationId key.
pub(super) fn client_method(key: &str) -> String {
    if key.contains(' ') || key.contains('.') {
        "The operation's `Client` method".to_owned()
    } else {
        format!("`Client::{key}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_names_follow_typify() {
        assert_eq!(
            field_name("CheckoutResult.followUpInstructions.retryAfterSeconds"),
            "retry_after_seconds"
        );
        assert_eq!(field_name("OrderCart.resellerID"), "reseller_id");
        assert_eq!(field_name("X.type"), "type_");
        assert_eq!(rust_type("FollowUpInstructions"), "`types::FollowUpInstructions`");
        assert_eq!(rust_type("inline object"), "an inline `object`");
        assert_eq!(client_method("get_thing"), "`Client::get_thing`");
        assert_eq!(client_method("GET /a"), "The operation's `Client` method");
        assert_eq!(setter("x-region", None), "x_region");
        assert_eq!(setter("c", Some("customer_urn")), "customer_urn");
    }
}
