//! The `## Waiters` part of the report, read from `pub mod waiters`: each polling helper
//! (its `c2a_runtime::waiter::Waiter` impl: what it polls, its input, payload and outcome, and the
//! `Client` methods that use it) and each outcome enum with its variants.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

use super::rust::{FnSurface, type_string};
use super::types::payload_string;
use super::{code, table_head, table_row, text};

/// What the report reads from `mod waiters`.
#[derive(Default)]
pub(super) struct Waiters {
    /// `impl Waiter for X` blocks, in source order.
    waiters: Vec<WaiterSurface>,
    /// Enums of the module, in source order.
    outcomes: Vec<OutcomeSurface>,
}

struct WaiterSurface {
    marker: String,
    /// `get_checkout_status().tracking_number(..)`: the call `poll` makes on the client.
    polls: String,
    input: String,
    payload: String,
    outcome: String,
    /// `Terminal::<state>` arm → outcome variant built in it, from `fn outcome`.
    states: Vec<(String, String)>,
}

struct OutcomeSurface {
    name: String,
    kind: String,
    /// Variant, payload, doc.
    variants: Vec<(String, String, String)>,
}

impl Waiters {
    /// Reads the items of `mod waiters`.
    pub(super) fn read(items: &[syn::Item]) -> Self {
        let mut out = Self::default();
        for item in items {
            match item {
                syn::Item::Impl(imp)
                    if imp
                        .trait_
                        .as_ref()
                        .and_then(|(_, path, _)| path.segments.last())
                        .is_some_and(|s| s.ident == "Waiter") =>
                {
                    out.waiters.push(waiter(imp));
                }
                syn::Item::Enum(e) => out.outcomes.push(OutcomeSurface {
                    name: e.ident.to_string(),
                    kind: if e.attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
                        "enum, `#[non_exhaustive]`".to_owned()
                    } else {
                        "enum".to_owned()
                    },
                    variants: e
                        .variants
                        .iter()
                        .map(|v| (v.ident.to_string(), payload_string(&v.fields), doc(&v.attrs)))
                        .collect(),
                }),
                _ => {}
            }
        }
        out
    }

    /// The section; `client` are the `Client` methods, to name those that use each waiter.
    pub(super) fn render(&self, out: &mut String, client: &[FnSurface]) {
        out.push_str(&format!("\n## Waiters ({})\n\n", self.waiters.len()));
        if self.waiters.is_empty() && self.outcomes.is_empty() {
            out.push_str("None.\n");
            return;
        }
        table_head(out, &["Waiter", "Polls", "Input", "Payload", "Outcome", "`Client` methods"]);
        for w in &self.waiters {
            let users: Vec<String> = client
                .iter()
                .filter(|f| {
                    [&f.params, &f.returns].iter().any(|sig| {
                        mentions(sig, &format!("waiters::{}", w.marker))
                            || mentions(sig, &format!("waiters::{}", w.outcome))
                    })
                })
                .map(|f| format!("`{}`", f.name))
                .collect();
            let users = if users.is_empty() { "—".to_owned() } else { users.join(", ") };
            table_row(
                out,
                [
                    format!("`waiters::{}`", w.marker),
                    code(&w.polls),
                    code(&w.input),
                    code(&w.payload),
                    code(&w.outcome),
                    users,
                ],
            );
        }
        for outcome in &self.outcomes {
            out.push_str(&format!("\n### `waiters::{}` ({})\n\n", outcome.name, outcome.kind));
            table_head(out, &["Variant", "Payload", "Terminal poll", "Doc"]);
            for (variant, payload, doc) in &outcome.variants {
                let state = self
                    .waiters
                    .iter()
                    .filter(|w| w.outcome == outcome.name)
                    .flat_map(|w| &w.states)
                    .filter(|(_, v)| v == variant)
                    .map(|(state, _)| format!("`{state}`"))
                    .collect::<Vec<_>>();
                let state = if state.is_empty() { "—".to_owned() } else { state.join(", ") };
                table_row(out, [format!("`{variant}`"), code(payload), state, text(doc)]);
            }
        }
    }
}

/// An `impl c2a_runtime::waiter::Waiter for Marker` block.
fn waiter(imp: &syn::ItemImpl) -> WaiterSurface {
    let assoc = |name: &str| {
        imp.items
            .iter()
            .find_map(|item| match item {
                syn::ImplItem::Type(t) if t.ident == name => Some(type_string(&t.ty)),
                _ => None,
            })
            .unwrap_or_default()
    };
    let body = |name: &str| {
        imp.items.iter().find_map(|item| match item {
            syn::ImplItem::Fn(f) if f.sig.ident == name => Some(f.block.to_token_stream()),
            _ => None,
        })
    };
    let outcome = assoc("Outcome");
    let mut states = Vec::new();
    if let Some(tokens) = body("outcome") {
        outcome_arms(&leaves(&tokens), &outcome, &mut states);
    }
    WaiterSurface {
        marker: type_string(&imp.self_ty),
        polls: body("poll").and_then(|tokens| client_call(&tokens)).unwrap_or_default(),
        input: assoc("Input"),
        payload: assoc("Payload"),
        outcome,
        states,
    }
}

/// The variant each `Terminal::<State>` arm of `fn outcome` builds (`Outcome::<Variant>`).
fn outcome_arms(leaves: &[TokenTree], outcome: &str, out: &mut Vec<(String, String)>) {
    let mut state: Option<String> = None;
    for (i, tree) in leaves.iter().enumerate() {
        let TokenTree::Ident(ident) = tree else { continue };
        let next = match (leaves.get(i + 1), leaves.get(i + 2), leaves.get(i + 3)) {
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(next)))
                if a.as_char() == ':' && b.as_char() == ':' =>
            {
                next.to_string()
            }
            _ => continue,
        };
        if ident == "Terminal" {
            state = Some(next);
        } else if ident == outcome
            && let Some(state) = &state
            && !out.contains(&(state.clone(), next.clone()))
        {
            out.push((state.clone(), next));
        }
    }
}

/// The token leaves of `tokens`, depth first (group delimiters dropped).
fn leaves(tokens: &TokenStream) -> Vec<TokenTree> {
    let mut out = Vec::new();
    for tree in tokens.clone() {
        match tree {
            TokenTree::Group(group) => out.extend(leaves(&group.stream())),
            other => out.push(other),
        }
    }
    out
}

/// `op().setter(..)` for `client.op().setter(input.clone())...` anywhere in `tokens`.
fn client_call(tokens: &TokenStream) -> Option<String> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let dot = |i: usize| matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '.');
    let ident = |i: usize| match trees.get(i) {
        Some(TokenTree::Ident(ident)) => Some(ident.to_string()),
        _ => None,
    };
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(client) if client == "client" && dot(i + 1) => {
                let Some(operation) = ident(i + 2) else { continue };
                return Some(match (dot(i + 4), ident(i + 5)) {
                    (true, Some(setter)) if !setter.starts_with("send") => {
                        format!("{operation}().{setter}(..)")
                    }
                    _ => format!("{operation}()"),
                });
            }
            TokenTree::Group(group) => {
                if let Some(call) = client_call(&group.stream()) {
                    return Some(call);
                }
            }
            _ => {}
        }
    }
    None
}

/// The `#[doc]` text of `attrs`, lines trimmed and joined by spaces.
fn doc(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let syn::Meta::NameValue(nv) = &attr.meta
            && let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value
        {
            lines.extend(s.value().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned));
        }
    }
    lines.join(" ")
}

/// Whether `haystack` names the path `path` (not just a longer name starting with it).
fn mentions(haystack: &str, path: &str) -> bool {
    haystack
        .match_indices(path)
        .any(|(at, _)| !haystack[at + path.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiters_show_their_types_calls_outcomes_and_users() {
        let module: syn::ItemMod = syn::parse_str(
            r#"
            pub mod waiters {
                /// Terminal outcomes.
                pub enum CheckoutOutcome {
                    /// `CHECK_OUT_DONE`.
                    Done(types::CheckoutResult),
                    /// `CHECK_OUT_3DS_REQUIRED`.
                    ActionRequired(types::RedirectInstructions),
                }
                pub struct Checkout;
                impl crate::waiter::Waiter for Checkout {
                    type Input = ::std::string::String;
                    type Payload = types::CheckoutResult;
                    type Outcome = CheckoutOutcome;
                    fn poll<'a>(client: &'a crate::Client, input: &Self::Input) -> X {
                        client.get_checkout_status().tracking_number(input.clone()).send_with_response()
                    }
                    fn outcome(terminal: Terminal<Self::Payload>) -> Result<Self::Outcome, WaitError> {
                        match terminal {
                            crate::waiter::Terminal::Success(payload) => Ok(CheckoutOutcome::Done(payload)),
                            crate::waiter::Terminal::ActionRequired(payload) => payload.redirect_instructions
                                .map(CheckoutOutcome::ActionRequired).ok_or(WaitError::Missing),
                            crate::waiter::Terminal::Failure(_) => Err(WaitError::Request),
                        }
                    }
                }
            }
            "#,
        )
        .expect("module");
        let items = &module.content.expect("inline module").1;
        let waiters = Waiters::read(items);
        let client: syn::ItemImpl = syn::parse_str(
            "impl Client {
                pub fn wait_for_checkout(&self, id: impl Into<String>) -> WaitFor<'_, waiters::Checkout> { todo!() }
                pub fn wait_for_checkout_retry(&self) -> WaitFor<'_, waiters::CheckoutRetry> { todo!() }
            }",
        )
        .expect("impl");
        let client: Vec<FnSurface> =
            crate::api_md::rust::pub_methods(&client).map(|f| FnSurface::of(&f.sig)).collect();
        let mut out = String::new();
        waiters.render(&mut out, &client);
        for line in [
            "## Waiters (1)",
            "| `waiters::Checkout` | `get_checkout_status().tracking_number(..)` | `String` | `types::CheckoutResult` | `CheckoutOutcome` | `wait_for_checkout` |",
            "### `waiters::CheckoutOutcome` (enum)",
            "| `Done` | `(types::CheckoutResult)` | `Success` | `CHECK_OUT_DONE`. |",
            "| `ActionRequired` | `(types::RedirectInstructions)` | `ActionRequired` | `CHECK_OUT_3DS_REQUIRED`. |",
        ] {
            assert!(out.contains(line), "{line}\n{out}");
        }
    }

    #[test]
    fn no_waiters_is_said() {
        let mut out = String::new();
        Waiters::read(&[]).render(&mut out, &[]);
        assert_eq!(out, "\n## Waiters (0)\n\nNone.\n");
    }
}
