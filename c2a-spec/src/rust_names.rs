//! The Rust names the generated client gives the spec's names, spelled exactly as typify 0.8
//! (types, struct fields, enum variants) and progenitor 0.15 (`Client` methods, builder
//! structs) spell them, and the detection of spec names that become one Rust name.
//!
//! Both tools sanitize a name the same way: drop `'`, turn every character that cannot
//! continue an identifier into `-`, recase it with `heck` (`snake_case` or `PascalCase`),
//! prefix a name that cannot start an identifier (typify: `x`/`X`, progenitor: `_`), and
//! append `_` to a keyword (`type` -> `type_`, `self` -> `Self_` in `PascalCase`). Two spec
//! names that come out the same give a Rust item twice, and the client does not compile;
//! the checks refuse them with these functions.

use std::collections::BTreeMap;

use heck::{ToPascalCase, ToSnakeCase};
use unicode_ident::{is_xid_continue, is_xid_start};

/// The words no generated name may be: Rust's strict, reserved and 2024-edition keywords,
/// and `_` (typify's `accept_as_ident`, which progenitor calls too). A name that is one of
/// them gets a trailing `_`.
pub const KEYWORDS: [&str; 53] = [
    "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do",
    "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "Self", "self",
    "static", "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// `Client` methods that are not operations, so no operation may be named like them:
/// progenitor's constructors, the `ClientInfo` and `ClientHooks` methods the generated and
/// runtime code call as `client.pre(..)` (an inherent method of that name would be called
/// instead; `baseurl` is never called so), and the methods the generated client has besides
/// its operations (`builder`, `with_options`, ..., `GeneratedClient::from_parts`). The
/// generator's tests keep this list in step with both.
pub const RESERVED_CLIENT_METHODS: [&str; 13] = [
    "new",
    "new_with_client",
    "api_version",
    "client",
    "inner",
    "pre",
    "exec",
    "post",
    "builder",
    "with_options",
    "base_url",
    "settings",
    "from_parts",
];

/// Type names of `types` that the generator adds itself: `MessageCode`, the enum of every
/// code of every `x-message-codes`. The generator's tests keep this list in step.
pub const RESERVED_TYPE_NAMES: [&str; 1] = ["MessageCode"];

/// Whether `name` is one of the [`KEYWORDS`].
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// The Rust type typify makes of a component schema name (`followUpInstructions` ->
/// `FollowUpInstructions`), and the first choice of an enum variant's name.
pub fn type_name(name: &str) -> String {
    sanitize(name, Case::Pascal, Prefix::X)
}

/// The Rust field typify makes of a property name (`amountMilpieces` -> `amount_milpieces`,
/// `type` -> `type_`).
pub fn field_name(name: &str) -> String {
    sanitize(name, Case::Snake, Prefix::X)
}

/// The `Client` method progenitor makes of an operationId (`getCustomer` ->
/// `get_customer`); also the builder setter of a parameter.
pub fn method_name(operation_id: &str) -> String {
    sanitize(operation_id, Case::Snake, Prefix::Underscore)
}

/// The static the generated `operations` module holds an operation's facts in: its
/// operationId (snake case, by the `operation-id` rule) in upper case (`store_customer` ->
/// `STORE_CUSTOMER`).
pub fn operation_static(operation_id: &str) -> String {
    operation_id.to_ascii_uppercase()
}

/// The statics of the generated `operations` module that are no operation's: the API's table
/// for the runtime. No operation may be named so.
pub const RESERVED_OPERATION_STATICS: [&str; 1] = ["API"];

/// The builder struct progenitor makes of an operationId (`get_v2` and `get_v_2` ->
/// `GetV2`): the `PascalCase` of its [`method_name`].
pub fn builder_name(operation_id: &str) -> String {
    sanitize(&method_name(operation_id), Case::Pascal, Prefix::Underscore)
}

/// The Rust variants typify makes of a string enum's values, in order. First each value's
/// [`type_name`]; if two of those are equal, typify tries again with every `_` and every
/// character that cannot be in an identifier spelled `X` (`foo_bar`, `FooBar` ->
/// `FooXbar`, `FooBar`). Names that are still equal make typify give up.
pub fn variant_names(values: &[&str]) -> Vec<String> {
    let first: Vec<String> = values.iter().map(|v| type_name(v)).collect();
    if clashes(&first).is_empty() {
        return first;
    }
    values.iter().map(|v| type_name(&v.replace(|c: char| c == '_' || !is_xid_continue(c), "X"))).collect()
}

/// `snake_case` to `PascalCase` with `heck`, for the names the generator composes itself
/// from snake_case identifiers (a builder struct from an operationId, a waiter's marker type
/// from its name).
pub fn pascal_case(snake: &str) -> String {
    snake.to_pascal_case()
}

/// Every name equal to an earlier one, as `(its index, the index of the first)`, in order.
pub fn clashes<S: AsRef<str>>(names: &[S]) -> Vec<(usize, usize)> {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match first.get(name.as_ref()) {
            Some(&earlier) => out.push((i, earlier)),
            None => {
                first.insert(name.as_ref(), i);
            }
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Case {
    Snake,
    Pascal,
}

/// What goes before a name that cannot start an identifier (`3ds`).
#[derive(Clone, Copy)]
enum Prefix {
    /// typify: `x3ds`, `X3ds`.
    X,
    /// progenitor: `_3ds`.
    Underscore,
}

/// typify's and progenitor's `sanitize`.
fn sanitize(input: &str, case: Case, prefix: Prefix) -> String {
    let recase = |s: &str| match case {
        Case::Snake => s.to_snake_case(),
        Case::Pascal => s.to_pascal_case(),
    };
    let out = match input {
        "+1" => recase("plus1"),
        "-1" => recase("minus1"),
        _ => recase(&input.replace('\'', "").replace(|c: char| !is_xid_continue(c), "-")),
    };
    let out = match out.chars().next() {
        None => recase("x"),
        Some(c) if is_xid_start(c) => out,
        Some(_) => match prefix {
            Prefix::X => format!("{}{out}", recase("x")),
            Prefix::Underscore => format!("_{out}"),
        },
    };
    if is_keyword(&out) { format!("{out}_") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_typify_s_list() {
        for word in ["_", "gen", "yield", "Self", "self", "type", "async", "try"] {
            assert!(is_keyword(word), "{word}");
        }
        for word in ["Type", "union", "r#type", "types"] {
            assert!(!is_keyword(word), "{word}");
        }
    }

    #[test]
    fn type_names_follow_typify() {
        assert_eq!(type_name("followUpInstructions"), "FollowUpInstructions");
        assert_eq!(type_name("FollowUpInstructions"), "FollowUpInstructions");
        assert_eq!(type_name("follow_up-instructions"), "FollowUpInstructions");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("3ds"), "X3ds");
        assert_eq!(type_name(""), "X");
        assert_eq!(type_name("+1"), "Plus1");
        assert_eq!(type_name("it's"), "Its");
    }

    #[test]
    fn field_names_follow_typify() {
        assert_eq!(field_name("amountMilpieces"), "amount_milpieces");
        assert_eq!(field_name("amount_milpieces"), "amount_milpieces");
        assert_eq!(field_name("resellerID"), "reseller_id");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("type_"), "type_");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(field_name("3ds"), "x3ds");
        assert_eq!(field_name("-1"), "minus1");
    }

    #[test]
    fn method_and_builder_names_follow_progenitor() {
        assert_eq!(method_name("get_customer"), "get_customer");
        assert_eq!(method_name("getCustomer"), "get_customer");
        assert_eq!(method_name("Get-Customer"), "get_customer");
        assert_eq!(method_name("2fa"), "_2fa");
        assert_eq!(method_name("fn"), "fn_");
        assert_eq!(builder_name("get_checkout_status"), "GetCheckoutStatus");
        assert_eq!(builder_name("get_v2"), "GetV2");
        assert_eq!(builder_name("get_v_2"), "GetV2");
        assert_ne!(method_name("get_v2"), method_name("get_v_2"));
    }

    #[test]
    fn variant_names_take_typify_s_second_try_only_on_a_clash() {
        assert_eq!(variant_names(&["CHECK_OUT_DONE", "Blue"]), ["CheckOutDone", "Blue"]);
        assert_eq!(variant_names(&["foo_bar", "FooBar", "a_b"]), ["FooXbar", "FooBar", "AXb"]);
        assert_eq!(variant_names(&["a-b", "a_b"]), ["AXb", "AXb"]);
        assert_eq!(variant_names(&["Red", "red"]), ["Red", "Red"]);
        assert_eq!(variant_names(&["self", "Self"]), ["Self_", "Self_"]);
        assert_eq!(variant_names(&["unknown"]), ["Unknown"]);
    }

    #[test]
    fn pascal_case_of_snake_identifiers() {
        assert_eq!(pascal_case("get_checkout_status"), "GetCheckoutStatus");
        assert_eq!(pascal_case("checkout"), "Checkout");
        assert_eq!(pascal_case("get_v2_status"), "GetV2Status");
    }

    #[test]
    fn clashes_point_at_the_first_holder_of_a_name() {
        assert_eq!(clashes(&["a", "b", "a", "b", "a"]), [(2, 0), (3, 1), (4, 0)]);
        assert!(clashes::<&str>(&[]).is_empty());
    }
}
