//! Rust as the report writes it: types without the noise of absolute paths, and function
//! signatures as parameters and return type, with generic parameters shown as the `impl`
//! bounds callers must meet (`value: impl TryInto<String>`, not `value: V`).

use proc_macro2::TokenStream;
use quote::ToTokens;

/// Module prefixes dropped from rendered types so that rows stay short. Longer prefixes
/// come first: `::std::convert::` must go before `std::convert::` leaves a bare `::`.
const NOISE: [&str; 23] = [
    // The runtime's generic types as the crate names them (`c2a_client::Error`, ...).
    "super::runtime_types::",
    "runtime_types::",
    "::std::option::",
    "::std::string::",
    "::std::vec::",
    "::std::collections::",
    "::std::boxed::",
    "::std::result::",
    "::std::primitive::",
    "::std::num::",
    "::std::convert::",
    "::std::ops::",
    "::std::fmt::",
    "::std::time::",
    "::std::future::",
    "::chrono::offset::",
    "::chrono::",
    "chrono::offset::",
    "std::string::",
    "std::convert::",
    "std::ops::",
    "std::fmt::",
    "std::time::",
];

/// A type as compact Rust source: `Option<Vec<Item>>`, `Result<ResponseValue<types::X>, Error<types::Y>>`.
pub fn type_string(ty: &syn::Type) -> String {
    tidy(raw_type_string(ty))
}

/// One `fn` as the report shows it.
pub(super) struct FnSurface {
    /// The method's name.
    pub(super) name: String,
    /// `async fn`.
    pub(super) is_async: bool,
    /// The parameters, receiver first (`&self, body: types::X`); generic ones as `impl ..`.
    pub(super) params: String,
    /// The types of the parameters other than the receiver, as in `params`.
    pub(super) arg_types: Vec<String>,
    /// The return type (`()` when there is none).
    pub(super) returns: String,
}

impl FnSurface {
    /// Reads a signature.
    pub(super) fn of(sig: &syn::Signature) -> Self {
        let mut params = Vec::new();
        let mut arg_types = Vec::new();
        for input in &sig.inputs {
            match input {
                syn::FnArg::Receiver(receiver) => params.push(receiver_string(receiver)),
                syn::FnArg::Typed(arg) => {
                    let ty = param_type(&arg.ty, &sig.generics);
                    params.push(format!("{}: {ty}", pattern_string(&arg.pat)));
                    arg_types.push(ty);
                }
            }
        }
        let params = params.join(", ");
        let returns = match &sig.output {
            syn::ReturnType::Default => "()".to_owned(),
            syn::ReturnType::Type(_, ty) => param_type(ty, &sig.generics),
        };
        Self { name: sig.ident.to_string(), is_async: sig.asyncness.is_some(), params, arg_types, returns }
    }

    /// `` `send` (async) `` or `` `new` ``, for a table cell.
    pub(super) fn name_cell(&self) -> String {
        if self.is_async { format!("`{}` (async)", self.name) } else { format!("`{}`", self.name) }
    }

    /// `name(params) -> returns`, for a list of methods.
    pub(super) fn inline(&self) -> String {
        let prefix = if self.is_async { "async " } else { "" };
        format!("{prefix}{}({}) -> {}", self.name, self.params, self.returns)
    }
}

/// The public methods of an inherent impl, in source order.
pub(super) fn pub_methods(imp: &syn::ItemImpl) -> impl Iterator<Item = &syn::ImplItemFn> {
    imp.items.iter().filter_map(|item| match item {
        syn::ImplItem::Fn(f) if matches!(f.vis, syn::Visibility::Public(_)) => Some(f),
        _ => None,
    })
}

/// `&self`, `&mut self`, `self` (a `mut` binding is the method's business, not the caller's).
fn receiver_string(receiver: &syn::Receiver) -> String {
    if receiver.colon_token.is_some() {
        return format!("self: {}", type_string(&receiver.ty));
    }
    match (&receiver.reference, &receiver.mutability) {
        (Some(_), Some(_)) => "&mut self".to_owned(),
        (Some(_), None) => "&self".to_owned(),
        (None, _) => "self".to_owned(),
    }
}

fn pattern_string(pat: &syn::Pat) -> String {
    match pat {
        syn::Pat::Ident(p) => p.ident.to_string(),
        other => squeeze(&other.to_token_stream()),
    }
}

/// A parameter or return type; a bare generic parameter `V` becomes `impl` with its bounds
/// (inline and from the `where` clause; bounds on other types, such as
/// `<V as TryInto<X>>::Error: Display`, are left out).
fn param_type(ty: &syn::Type, generics: &syn::Generics) -> String {
    if let Some(param) = generic_param(ty, generics) {
        let mut bounds: Vec<String> = param.bounds.iter().map(bound_string).collect();
        for predicate in generics.where_clause.iter().flat_map(|w| &w.predicates) {
            if let syn::WherePredicate::Type(p) = predicate
                && generic_param(&p.bounded_ty, generics).is_some_and(|other| other.ident == param.ident)
            {
                bounds.extend(p.bounds.iter().map(bound_string));
            }
        }
        if bounds.is_empty() {
            return param.ident.to_string();
        }
        return format!("impl {}", bounds.join(" + "));
    }
    match ty {
        syn::Type::ImplTrait(t) => {
            format!("impl {}", t.bounds.iter().map(bound_string).collect::<Vec<_>>().join(" + "))
        }
        _ => type_string(ty),
    }
}

/// The generic type parameter `ty` names, if it is one.
fn generic_param<'g>(ty: &syn::Type, generics: &'g syn::Generics) -> Option<&'g syn::TypeParam> {
    let syn::Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let ident = p.path.get_ident()?;
    generics.type_params().find(|param| param.ident == *ident)
}

fn bound_string(bound: &syn::TypeParamBound) -> String {
    match bound {
        syn::TypeParamBound::Trait(t) => {
            let maybe = if matches!(t.modifier, syn::TraitBoundModifier::Maybe(_)) { "?" } else { "" };
            format!("{maybe}{}", tidy(path_string(&t.path)))
        }
        syn::TypeParamBound::Lifetime(l) => l.to_string(),
        other => squeeze(&other.to_token_stream()),
    }
}

/// Drops [`NOISE`] and leading `::`.
fn tidy(mut out: String) -> String {
    for prefix in NOISE {
        out = out.replace(prefix, "");
    }
    if let Some(rest) = out.strip_prefix("::") {
        out = rest.to_owned();
    }
    out.replace("<::", "<").replace(", ::", ", ").replace("(::", "(").replace("&::", "&")
}

fn raw_type_string(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => path_string(&p.path),
        syn::Type::Reference(r) => {
            let lifetime = r.lifetime.as_ref().map(|l| format!("{l} ")).unwrap_or_default();
            let mutability = if r.mutability.is_some() { "mut " } else { "" };
            format!("&{lifetime}{mutability}{}", raw_type_string(&r.elem))
        }
        syn::Type::Tuple(t) => {
            format!("({})", t.elems.iter().map(raw_type_string).collect::<Vec<_>>().join(", "))
        }
        syn::Type::Slice(s) => format!("[{}]", raw_type_string(&s.elem)),
        syn::Type::Array(a) => {
            format!("[{}; {}]", raw_type_string(&a.elem), squeeze(&a.len.to_token_stream()))
        }
        syn::Type::Paren(p) => raw_type_string(&p.elem),
        syn::Type::Group(g) => raw_type_string(&g.elem),
        other => squeeze(&other.to_token_stream()),
    }
}

fn path_string(path: &syn::Path) -> String {
    let mut out = String::new();
    if path.leading_colon.is_some() {
        out.push_str("::");
    }
    for (i, segment) in path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&segment.ident.to_string());
        match &segment.arguments {
            syn::PathArguments::None => {}
            syn::PathArguments::AngleBracketed(args) => {
                let args: Vec<String> = args
                    .args
                    .iter()
                    .map(|arg| match arg {
                        syn::GenericArgument::Type(t) => raw_type_string(t),
                        syn::GenericArgument::Lifetime(l) => l.to_string(),
                        syn::GenericArgument::AssocType(a) => {
                            format!("{} = {}", a.ident, raw_type_string(&a.ty))
                        }
                        other => squeeze(&other.to_token_stream()),
                    })
                    .collect();
                out.push_str(&format!("<{}>", args.join(", ")));
            }
            syn::PathArguments::Parenthesized(args) => {
                let inputs: Vec<String> = args.inputs.iter().map(raw_type_string).collect();
                out.push_str(&format!("({})", inputs.join(", ")));
                if let syn::ReturnType::Type(_, ty) = &args.output {
                    out.push_str(&format!(" -> {}", raw_type_string(ty)));
                }
            }
        }
    }
    out
}

/// Tokens as text without the spaces `proc_macro2` puts between them where Rust needs none.
fn squeeze(tokens: &TokenStream) -> String {
    let text = tokens.to_string();
    let mut out = String::with_capacity(text.len());
    for piece in text.split(' ') {
        let glue = matches!(out.chars().last(), Some(':' | '<' | '(' | '[' | '&' | '\''))
            || piece.starts_with([':', '>', ')', ']', ',', ';', '<']);
        if !out.is_empty() && !glue {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out.replace(";", "; ").replace(",", ", ").replace("  ", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_render_compactly() {
        let ty: syn::Type = syn::parse_str(
            "::std::result::Result<ResponseValue<types::ThingResponse>, Error<types::StatusResponse>>",
        )
        .expect("type");
        assert_eq!(
            type_string(&ty),
            "Result<ResponseValue<types::ThingResponse>, Error<types::StatusResponse>>"
        );
        let ty: syn::Type = syn::parse_str(
            "::std::option::Option<::std::vec::Vec<::std::collections::HashMap<::std::string::String, ::chrono::DateTime<::chrono::offset::Utc>>>>",
        )
        .expect("type");
        assert_eq!(type_string(&ty), "Option<Vec<HashMap<String, DateTime<Utc>>>>");
        let ty: syn::Type = syn::parse_str("&'a [u8; 4]").expect("type");
        assert_eq!(type_string(&ty), "&'a [u8; 4]");
        let ty: syn::Type =
            syn::parse_str("::serde_json::Map<::std::string::String, ::serde_json::Value>").expect("type");
        assert_eq!(type_string(&ty), "serde_json::Map<String, serde_json::Value>");
    }

    fn method(src: &str) -> FnSurface {
        let f: syn::ImplItemFn = syn::parse_str(src).expect("method");
        FnSurface::of(&f.sig)
    }

    #[test]
    fn generic_parameters_show_their_bounds() {
        let setter = method(
            "pub fn body<V>(mut self, value: V) -> Self where V: std::convert::TryInto<types::Thing>, \
             <V as std::convert::TryInto<types::Thing>>::Error: std::fmt::Display { self }",
        );
        assert_eq!(
            (setter.params.as_str(), setter.returns.as_str()),
            ("self, value: impl TryInto<types::Thing>", "Self")
        );
        let map = method(
            "pub fn body_map<F>(mut self, f: F) -> Self where F: std::ops::FnOnce(types::builder::Thing) -> types::builder::Thing { self }",
        );
        assert_eq!(map.params, "self, f: impl FnOnce(types::builder::Thing) -> types::builder::Thing");
        let inline = method("pub fn wait<T: Into<::std::string::String> + Send>(&self, id: T) {}");
        assert_eq!(
            (inline.params.as_str(), inline.returns.as_str()),
            ("&self, id: impl Into<String> + Send", "()")
        );
    }

    #[test]
    fn async_methods_and_impl_trait_arguments() {
        let send = method(
            "pub async fn send(self) -> ::std::result::Result<crate::Response<types::Thing>, crate::Error> { todo!() }",
        );
        assert_eq!(send.name_cell(), "`send` (async)");
        assert_eq!(send.inline(), "async send(self) -> Result<crate::Response<types::Thing>, crate::Error>");
        let wait = method(
            "pub fn wait_for_checkout(&self, tracking_number: impl Into<::std::string::String>, max: ::std::time::Duration) -> WaitFor<'_, waiters::Checkout> { todo!() }",
        );
        assert_eq!(wait.params, "&self, tracking_number: impl Into<String>, max: Duration");
        assert_eq!(wait.returns, "WaitFor<'_, waiters::Checkout>");
    }
}
