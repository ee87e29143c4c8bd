//! Every Rust type the client declares has its own name. In `types`: a component becomes
//! the type [`rust_names::type_name`] spells (`followUpInstructions` and
//! `FollowUpInstructions` are both `FollowUpInstructions`), next to the `x-decision` enums
//! and the generator's own [`rust_names::RESERVED_TYPE_NAMES`]. In `waiters`: each waiter's
//! marker type (its `name` in `PascalCase`) and its `outcome` enum.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::doc_walk::{component_schemas, schema_pointer};
use crate::extensions::Extensions;
use crate::rust_names::{self, RESERVED_TYPE_NAMES, clashes};

pub(super) const RULE: &str = "rust-type-names";

/// One declared type: where the spec names it, how a message calls it, its Rust name.
struct Declared {
    pointer: String,
    what: String,
    name: String,
}

pub(super) fn check(doc: &Value, ext: &Extensions) -> Vec<Diagnostic> {
    let mut types: Vec<Declared> = component_schemas(doc)
        .into_iter()
        .map(|(name, _)| Declared {
            pointer: schema_pointer(name),
            what: format!("the component `{name}`"),
            name: rust_names::type_name(name),
        })
        .collect();
    let mut out: Vec<Diagnostic> = types
        .iter()
        .filter(|t| RESERVED_TYPE_NAMES.contains(&t.name.as_str()))
        .map(|t| {
            Diagnostic::new(
                &t.pointer,
                RULE,
                format!(
                    "{} becomes the Rust type `types::{}`, which the client keeps for the enum of every `x-message-codes` code",
                    t.what, t.name
                ),
            )
        })
        .collect();
    for schema in &ext.schemas {
        if let Some(decision) = &schema.decision {
            types.push(Declared {
                pointer: format!("{}/x-decision/name", schema_pointer(&schema.name)),
                what: format!("the `x-decision` enum of `{}`", schema.name),
                name: decision.name.clone(),
            });
        }
    }
    let mut waiters = Vec::new();
    for op in &ext.operations {
        let Some(waiter) = &op.waiter else { continue };
        waiters.push(Declared {
            pointer: format!("{}/x-waiter/name", op.pointer),
            what: format!("the marker type of waiter `{}`", waiter.name),
            name: rust_names::pascal_case(&waiter.name),
        });
        waiters.push(Declared {
            pointer: format!("{}/x-waiter/outcome", op.pointer),
            what: format!("the outcome enum of waiter `{}`", waiter.name),
            name: waiter.outcome.clone(),
        });
    }
    for (module, declared) in [("types", &types), ("waiters", &waiters)] {
        for (i, first) in clashes(&declared.iter().map(|d| d.name.as_str()).collect::<Vec<_>>()) {
            let (again, first) = (&declared[i], &declared[first]);
            out.push(Diagnostic::new(
                &again.pointer,
                RULE,
                format!(
                    "{} and {} both become the Rust type `{module}::{}`",
                    again.what, first.what, again.name
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

    #[test]
    fn components_whose_type_names_clash_are_located_at_the_second() {
        let doc = json!({"components": {"schemas": {"FollowUp": {}, "follow_up": {}, "message-code": {}}}});
        let found: Vec<_> =
            check(&doc, &Extensions::default()).into_iter().map(|d| (d.pointer, d.message)).collect();
        assert_eq!(
            found,
            [
                (
                    "/components/schemas/message-code".to_owned(),
                    "the component `message-code` becomes the Rust type `types::MessageCode`, which the client keeps for the enum of every `x-message-codes` code".to_owned()
                ),
                (
                    "/components/schemas/follow_up".to_owned(),
                    "the component `follow_up` and the component `FollowUp` both become the Rust type `types::FollowUp`".to_owned()
                ),
            ]
        );
    }
}
