//! Each pass of `passes::all()` alone: a tiny fixture spec through load, checks, lowering and
//! progenitor ([`generator::run_progenitor`]), then only that pass (after the passes it
//! needs, if any), and a snapshot of what it added, changed or removed, rendered with
//! prettyplease (progenitor's own test style).
//!
//! Snapshots are `tests/snapshots/passes/<pass name>.rs`; update them with
//! `UPDATE_EXPECT=1 cargo test -p generator --test it passes::` and review the diff. A
//! new pass in `passes::all()` needs a test here (`every_pass_has_a_test`).

use crate::common;

use std::fmt::Write as _;

use generator::passes::{self, Context, Pass};
use quote::ToTokens;

/// A pass under test: its name in `passes::all()`, the fixture it runs on, and the passes
/// that must run before it (by name, in `all()` order), whose changes are not in the snapshot.
struct Case {
    pass: &'static str,
    fixture: &'static str,
    after: &'static [&'static str],
}

/// Every pass with its test case, in `passes::all()` order.
const CASES: &[Case] = &[
    Case { pass: "client-constructors", fixture: "minimal.yaml", after: &[] },
    Case { pass: "accept-header", fixture: "minimal.yaml", after: &[] },
    Case { pass: "request-building", fixture: "minimal.yaml", after: &[] },
    // `Thing` is the request body (keeps its builder); the response types lose theirs.
    Case { pass: "request-builders", fixture: "minimal.yaml", after: &[] },
    Case { pass: "operations", fixture: "envelopes_codes.yaml", after: &[] },
    Case { pass: "spec-index", fixture: "minimal.yaml", after: &[] },
    Case { pass: "runtime-bindings", fixture: "minimal.yaml", after: &[] },
    // Each call names its `operations::` static, which the envelope-calls pass looks up.
    Case { pass: "envelope-calls", fixture: "envelopes_codes.yaml", after: &["operations"] },
    // `x-rust-name: idempotency_key` on the `requestId` query parameter.
    Case { pass: "parameter-names", fixture: "envelopes_codes.yaml", after: &[] },
    Case { pass: "open-enums", fixture: "open_enums.yaml", after: &[] },
    Case { pass: "optional-setters", fixture: "money_redaction.yaml", after: &[] },
    Case { pass: "redaction", fixture: "money_redaction.yaml", after: &[] },
    Case { pass: "money", fixture: "money_redaction.yaml", after: &[] },
    // `decision()` matches on `as_str()`, which only open enums have.
    Case { pass: "decisions", fixture: "waiters_decisions.yaml", after: &["open-enums"] },
    // Waiters poll through `send_with_response`, which the envelope-calls pass adds.
    Case { pass: "waiters", fixture: "waiters_decisions.yaml", after: &["operations", "envelope-calls"] },
    // Parameter `example`s and the setter names of the parameters pass.
    Case { pass: "doc-examples", fixture: "envelopes_codes.yaml", after: &["parameter-names"] },
    Case { pass: "doc-links", fixture: "minimal.yaml", after: &[] },
    // After the passes that add functions (constructors, `send`, `operations::decode`).
    Case {
        pass: "codegen-on-use",
        fixture: "minimal.yaml",
        after: &["client-constructors", "operations", "envelope-calls"],
    },
    Case { pass: "lint-allowances", fixture: "minimal.yaml", after: &[] },
];

fn pass_named(name: &str) -> Box<dyn Pass> {
    passes::all()
        .into_iter()
        .find(|p| p.name() == name)
        .unwrap_or_else(|| panic!("no pass `{name}` in passes::all()"))
}

/// The tree before and after the case's pass.
fn run_case(case: &Case) -> (syn::File, syn::File) {
    let spec = common::fixture(case.fixture);
    let out = generator::run_progenitor(&spec, case.fixture, &mut generator::StageTimings::default())
        .unwrap_or_else(|e| panic!("{} must pass every check:\n{e}", case.fixture));
    let cx = Context { spec: &out.spec, notes: &out.notes };
    let mut file = out.file;
    let before: Vec<Box<dyn Pass>> = case.after.iter().map(|name| pass_named(name)).collect();
    passes::run_all(&before, &mut file, &cx).unwrap_or_else(|d| panic!("{d:?}"));
    let untouched = file.clone();
    passes::run_all(&[pass_named(case.pass)], &mut file, &cx).unwrap_or_else(|d| panic!("{d:?}"));
    (untouched, file)
}

fn check(pass: &str) {
    let case = CASES.iter().find(|c| c.pass == pass).expect("a case");
    let (before, after) = run_case(case);
    let mut report = format!(
        "// The `{}` pass on fixtures/{}{}: what it added, changed or removed.\n",
        case.pass,
        case.fixture,
        if case.after.is_empty() { String::new() } else { format!(", after {}", case.after.join(", ")) },
    );
    if before.attrs != after.attrs {
        let attrs = syn::File { shebang: None, attrs: after.attrs.clone(), items: Vec::new() };
        report.push_str("\n// file attributes, now:\n");
        report.push_str(&prettyplease::unparse(&attrs));
    }
    diff_items("", &before.items, &after.items, &mut report);
    assert!(report.lines().count() > 1, "the `{pass}` pass changed nothing on {}", case.fixture);
    expect_test::expect_file![format!("../snapshots/passes/{pass}.rs")].assert_eq(&report);
}

/// A name for an item that survives edits to its body: `struct Thing`, `impl Display for X`.
fn key(item: &syn::Item) -> String {
    let named = |kind: &str, ident: &syn::Ident| format!("{kind} {ident}");
    match item {
        syn::Item::Struct(i) => named("struct", &i.ident),
        syn::Item::Enum(i) => named("enum", &i.ident),
        syn::Item::Fn(i) => named("fn", &i.sig.ident),
        syn::Item::Static(i) => named("static", &i.ident),
        syn::Item::Const(i) => named("const", &i.ident),
        syn::Item::Mod(i) => named("mod", &i.ident),
        syn::Item::Type(i) => named("type", &i.ident),
        syn::Item::Trait(i) => named("trait", &i.ident),
        syn::Item::Impl(i) => {
            let mut header = i.clone();
            header.attrs.clear();
            header.items.clear();
            let text = prettyplease::unparse(&syn::File {
                shebang: None,
                attrs: Vec::new(),
                items: vec![syn::Item::Impl(header)],
            });
            text.trim().trim_end_matches("{}").trim().to_owned()
        }
        other => other.to_token_stream().to_string(),
    }
}

fn impl_item_key(item: &syn::ImplItem) -> String {
    match item {
        syn::ImplItem::Fn(f) => format!("fn {}", f.sig.ident),
        syn::ImplItem::Const(c) => format!("const {}", c.ident),
        syn::ImplItem::Type(t) => format!("type {}", t.ident),
        other => other.to_token_stream().to_string(),
    }
}

fn render(item: syn::Item) -> String {
    prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items: vec![item] })
}

fn same<T: ToTokens>(a: &T, b: &T) -> bool {
    a.to_token_stream().to_string() == b.to_token_stream().to_string()
}

/// Pairs `after` with `before`: identical items drop out; the rest are `(Some(old), new)`
/// when an item of the same key was there, `(None, new)` when added; the third list is
/// what disappeared.
fn pair<'a, T: ToTokens>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&T) -> String,
) -> (Vec<(Option<&'a T>, &'a T)>, Vec<&'a T>) {
    let mut pool: Vec<&T> = before.iter().collect();
    let mut rest = Vec::new();
    for item in after {
        match pool.iter().position(|old| same(*old, item)) {
            Some(i) => {
                pool.remove(i);
            }
            None => rest.push(item),
        }
    }
    let mut changes = Vec::new();
    for item in rest {
        let old = pool.iter().position(|old| key(old) == key(item)).map(|i| pool.remove(i));
        changes.push((old, item));
    }
    (changes, pool)
}

fn diff_items(path: &str, before: &[syn::Item], after: &[syn::Item], out: &mut String) {
    let place = if path.is_empty() { "top level".to_owned() } else { format!("mod {path}") };
    let (changes, removed) = pair(before, after, key);
    for (old, new) in changes {
        match (old, new) {
            (Some(syn::Item::Mod(old_mod)), syn::Item::Mod(new_mod))
                if old_mod.content.is_some()
                    && new_mod.content.is_some()
                    && old_mod.attrs == new_mod.attrs =>
            {
                let inner = if path.is_empty() {
                    new_mod.ident.to_string()
                } else {
                    format!("{path}::{}", new_mod.ident)
                };
                let items =
                    |m: &syn::ItemMod| m.content.as_ref().map(|(_, items)| items.clone()).unwrap_or_default();
                diff_items(&inner, &items(old_mod), &items(new_mod), out);
            }
            (Some(syn::Item::Impl(old_impl)), syn::Item::Impl(new_impl))
                if same_header(old_impl, new_impl) =>
            {
                diff_impl(&place, old_impl, new_impl, out);
            }
            (Some(_), new) => {
                let _ = write!(out, "\n// {place}, changed: {}\n", key(new));
                out.push_str(&render(new.clone()));
            }
            (None, new) => {
                let _ = write!(out, "\n// {place}, added: {}\n", key(new));
                out.push_str(&render(new.clone()));
            }
        }
    }
    for old in removed {
        let _ = writeln!(out, "\n// {place}, removed: {}", key(old));
    }
}

fn same_header(a: &syn::ItemImpl, b: &syn::ItemImpl) -> bool {
    let header = |i: &syn::ItemImpl| {
        let mut h = i.clone();
        h.items.clear();
        h.to_token_stream().to_string()
    };
    header(a) == header(b)
}

/// The members of an `impl` block that changed, each in a copy of the block.
fn diff_impl(place: &str, before: &syn::ItemImpl, after: &syn::ItemImpl, out: &mut String) {
    let block = key(&syn::Item::Impl(after.clone()));
    let (changes, removed) = pair(&before.items, &after.items, impl_item_key);
    for (old, new) in changes {
        let what = if old.is_some() { "changed" } else { "added" };
        let _ = write!(out, "\n// {place}, {block}, {what}: {}\n", impl_item_key(new));
        let mut shown = after.clone();
        shown.items = vec![new.clone()];
        out.push_str(&render(syn::Item::Impl(shown)));
    }
    for old in removed {
        let _ = writeln!(out, "\n// {place}, {block}, removed: {}", impl_item_key(old));
    }
}

#[test]
fn every_pass_has_a_test() {
    let all: Vec<&str> = passes::all().iter().map(|p| p.name()).collect();
    let tested: Vec<&str> = CASES.iter().map(|c| c.pass).collect();
    assert_eq!(tested, all, "add a `Case` and a `#[test]` for each pass, in passes::all() order");
}

#[test]
fn parameter_names() {
    check("parameter-names");
}

#[test]
fn optional_setters() {
    check("optional-setters");
}

#[test]
fn doc_examples() {
    check("doc-examples");
}

#[test]
fn client_constructors() {
    check("client-constructors");
}

#[test]
fn accept_header() {
    check("accept-header");
}

#[test]
fn request_building() {
    check("request-building");
}

#[test]
fn request_builders() {
    check("request-builders");
}

#[test]
fn operations() {
    check("operations");
}

#[test]
fn spec_index() {
    check("spec-index");
}

#[test]
fn runtime_bindings() {
    check("runtime-bindings");
}

#[test]
fn envelope_calls() {
    check("envelope-calls");
}

#[test]
fn open_enums() {
    check("open-enums");
}

#[test]
fn redaction() {
    check("redaction");
}

#[test]
fn money() {
    check("money");
}

#[test]
fn decisions() {
    check("decisions");
}

#[test]
fn waiters() {
    check("waiters");
}

#[test]
fn doc_links() {
    check("doc-links");
}

#[test]
fn codegen_on_use() {
    check("codegen-on-use");
}

#[test]
fn lint_allowances() {
    check("lint-allowances");
}
