//! Every method of `Client`, and every builder struct, has its own name. progenitor names
//! an operation's method and builder after its operationId ([`rust_names::method_name`],
//! [`rust_names::builder_name`]: `get_v2` and `get_v_2` are both `builder::GetV2`); the
//! waiters add `wait_for_<name>` and `<operation>_and_wait`; and `Client` already has the
//! methods of [`rust_names::RESERVED_CLIENT_METHODS`]. An operation's static in the
//! generated `operations` module may not be one of
//! [`rust_names::RESERVED_OPERATION_STATICS`] either. Two operationIds that are equal are the
//! `operation-id` rule's, not this one's.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::doc_walk::operations;
use crate::extensions::Extensions;
use crate::rust_names::{self, RESERVED_CLIENT_METHODS, RESERVED_OPERATION_STATICS, clashes};

pub(super) const RULE: &str = "rust-method-names";

/// One `Client` method: where the spec names it, how a message calls it, its Rust name,
/// and the operationId it is made of (for an operation's own method).
struct Method<'d> {
    pointer: String,
    what: String,
    name: String,
    operation_id: Option<&'d str>,
}

pub(super) fn check(doc: &Value, ext: &Extensions) -> Vec<Diagnostic> {
    let mut methods: Vec<Method<'_>> = Vec::new();
    for op in operations(doc) {
        let Some(id) = op.id() else { continue };
        methods.push(Method {
            pointer: op.pointer_to("operationId"),
            what: format!("operationId `{id}`"),
            name: rust_names::method_name(id),
            operation_id: Some(id),
        });
    }
    for op in &ext.operations {
        let Some(waiter) = &op.waiter else { continue };
        methods.push(Method {
            pointer: format!("{}/x-waiter/name", op.pointer),
            what: format!("waiter `{}`", waiter.name),
            name: format!("wait_for_{}", waiter.name),
            operation_id: None,
        });
        if let Some(start) = &waiter.started_by {
            methods.push(Method {
                pointer: format!("{}/x-waiter/started_by/operation", op.pointer),
                what: format!("the `started_by` of waiter `{}`", waiter.name),
                name: format!("{}_and_wait", start.operation),
                operation_id: None,
            });
        }
    }
    let mut out = Vec::new();
    for method in &methods {
        let Some(id) = method.operation_id else { continue };
        let name = rust_names::operation_static(id);
        if RESERVED_OPERATION_STATICS.contains(&name.as_str()) {
            out.push(Diagnostic::new(
                &method.pointer,
                RULE,
                format!("{} becomes `operations::{name}`, the name of the API's table", method.what),
            ));
        }
    }
    for method in methods.iter().filter(|m| RESERVED_CLIENT_METHODS.contains(&m.name.as_str())) {
        out.push(Diagnostic::new(
            &method.pointer,
            RULE,
            format!("{} becomes `Client::{}`, a method the client already has", method.what, method.name),
        ));
    }
    let same_operation =
        |a: &Method<'_>, b: &Method<'_>| a.operation_id.is_some() && a.operation_id == b.operation_id;
    let names: Vec<&str> = methods.iter().map(|m| m.name.as_str()).collect();
    for (i, first) in clashes(&names) {
        let (again, first) = (&methods[i], &methods[first]);
        if !same_operation(again, first) {
            out.push(Diagnostic::new(
                &again.pointer,
                RULE,
                format!("{} and {} both become the method `Client::{}`", again.what, first.what, again.name),
            ));
        }
    }
    let own: Vec<&Method<'_>> = methods.iter().filter(|m| m.operation_id.is_some()).collect();
    let builders: Vec<String> =
        own.iter().filter_map(|m| m.operation_id).map(rust_names::builder_name).collect();
    for (i, first) in clashes(&builders) {
        let (again, first) = (own[i], own[first]);
        if !same_operation(again, first) && again.name != first.name {
            out.push(Diagnostic::new(
                &again.pointer,
                RULE,
                format!(
                    "{} and {} both become the builder type `builder::{}`",
                    again.what, first.what, builders[i]
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn found(doc: &Value) -> Vec<(String, String)> {
        let (ext, _) = Extensions::read(doc);
        check(doc, &ext).into_iter().map(|d| (d.pointer, d.message)).collect()
    }

    #[test]
    fn operation_ids_that_become_one_method_or_builder_are_located_at_the_second() {
        let doc = json!({"paths": {
            "/a": {"get": {"operationId": "get_customer"}, "put": {"operationId": "getCustomer"}},
            "/b": {"get": {"operationId": "get_v2"}, "put": {"operationId": "get_v_2"}},
            "/c": {"get": {"operationId": "get_v2"}},
        }});
        assert_eq!(
            found(&doc),
            [
                (
                    "/paths/~1a/put/operationId".to_owned(),
                    "operationId `getCustomer` and operationId `get_customer` both become the method `Client::get_customer`".to_owned()
                ),
                (
                    "/paths/~1b/put/operationId".to_owned(),
                    "operationId `get_v_2` and operationId `get_v2` both become the builder type `builder::GetV2`".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn an_operation_named_like_the_apis_table_is_refused() {
        let doc = json!({"paths": {"/a": {"get": {"operationId": "api"}}}});
        assert_eq!(
            found(&doc),
            [(
                "/paths/~1a/get/operationId".to_owned(),
                "operationId `api` becomes `operations::API`, the name of the API's table".to_owned()
            )]
        );
    }

    #[test]
    fn methods_the_client_already_has_are_refused() {
        let doc = json!({"paths": {"/a": {"get": {"operationId": "new"}}}});
        assert_eq!(
            found(&doc),
            [(
                "/paths/~1a/get/operationId".to_owned(),
                "operationId `new` becomes `Client::new`, a method the client already has".to_owned()
            )]
        );
    }
}
