//! Every operation has a unique snake_case `operationId`: it becomes the client's method
//! name, so a clash or an odd spelling would change the public API.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::doc_walk::operations;
use crate::extensions::Extensions;
use crate::rust_names::is_keyword;

pub(super) const RULE: &str = "operation-id";

pub(super) fn check(doc: &Value, _: &Extensions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<&str, String> = BTreeMap::new();
    for op in operations(doc) {
        let at = op.pointer_to("operationId");
        let Some(id) = op.id() else {
            out.push(Diagnostic::new(op.pointer(), RULE, "the operation has no `operationId`"));
            continue;
        };
        if !is_snake_case(id) {
            out.push(Diagnostic::new(&at, RULE, format!("operationId `{id}` is not snake_case")));
        } else if is_keyword(id) {
            out.push(Diagnostic::new(&at, RULE, format!("operationId `{id}` is a Rust keyword")));
        }
        match seen.get(id) {
            Some(first) => out.push(Diagnostic::new(
                &at,
                RULE,
                format!("duplicate operationId `{id}`, first used at {first}"),
            )),
            None => {
                seen.insert(id, op.pointer());
            }
        }
    }
    out
}

/// `^[a-z][a-z0-9]*(_[a-z0-9]+)*$`
fn is_snake_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.split('_').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::is_snake_case;

    #[test]
    fn snake_case() {
        assert!(is_snake_case("store_customer"));
        assert!(is_snake_case("get_v2"));
        assert!(!is_snake_case("storeCustomer"));
        assert!(!is_snake_case("store__customer"));
        assert!(!is_snake_case("_store"));
        assert!(!is_snake_case("store-customer"));
        assert!(!is_snake_case("2store"));
    }
}
