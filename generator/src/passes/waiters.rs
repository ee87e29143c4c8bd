//! Polling helpers generated from `x-waiter`, on the runtime's engine `c2a_runtime::waiter`.
//!
//! For an operation with `x-waiter: { name: checkout, ... }` the pass emits, in
//! `pub mod waiters`: a marker type `Checkout` implementing `c2a_runtime::waiter::Waiter` (what to
//! poll, the acceptors, the delay hint and stop flag as accessors into the payload, and how
//! a terminal poll becomes an outcome), the outcome enum (`CheckoutOutcome`), and on
//! `Client`: `wait_for_checkout(input)` and, with `started_by`, `submit_checkout_and_wait`.
//! No message code is written anywhere but in the spec.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::{
    Context, Pass, code_type, find_struct, module_items, option_inner, pass_error, type_name, wire_name,
};
use c2a_spec::CheckedSpec;
use c2a_spec::diagnostic::Diagnostic;
use c2a_spec::doc_walk::Operation;
use c2a_spec::extensions::{AcceptorState, Envelope, Waiter};
use c2a_spec::rust_names::pascal_case;

/// Emits `mod waiters` and the `wait_for_*` methods.
pub struct Waiters;

const PASS: &str = "waiters";

impl Pass for Waiters {
    fn name(&self) -> &'static str {
        PASS
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let mut module_items_out: Vec<TokenStream> = Vec::new();
        let mut client_methods: Vec<TokenStream> = Vec::new();
        for (op, ext) in cx.spec.operations() {
            let Some(waiter) = &ext.waiter else { continue };
            let (items, methods) = waiter_items(file, cx.spec, &op, waiter)?;
            module_items_out.push(items);
            client_methods.extend(methods);
        }
        // The module exists even when the spec has no `x-waiter`: `c2a-client`'s hand-written
        // `lib.rs` re-exports it, and a valid spec must always yield a client that compiles.
        let uses = (!module_items_out.is_empty()).then(|| {
            quote!(
                use super::types;
            )
        });
        file.items.push(syn::parse_quote! {
            /// Polling helpers generated from the spec's `x-waiter` extensions (empty when the
            /// spec declares none).
            pub mod waiters {
                #uses
                #(#module_items_out)*
            }
        });
        if !client_methods.is_empty() {
            file.items.push(syn::parse_quote! {
                impl Client {
                    #(#client_methods)*
                }
            });
        }
        Ok(())
    }
}

/// The `mod waiters` items and the `Client` methods of one operation's waiter. The waiter
/// was validated by the checks; what can still fail here is the generated code's shape.
fn waiter_items(
    file: &mut syn::File,
    spec: &CheckedSpec,
    op: &Operation<'_>,
    waiter: &Waiter,
) -> Result<(TokenStream, Vec<TokenStream>), Diagnostic> {
    let name = waiter.name.as_str();
    let outcome_name = format_ident!("{}", waiter.outcome);
    let op_id = op.id().unwrap_or_default();
    let payload_name = op
        .success_component()
        .map(str::to_owned)
        .ok_or_else(|| pass_error(PASS, format!("`{op_id}` has no 2xx envelope")))?;

    let types = module_items(file, "types").ok_or_else(|| pass_error(PASS, "no `mod types`"))?;
    let mut fields = FieldMap { types };
    let payload_name = fields.envelope_payload(spec, &payload_name)?;
    let payload_ty = format_ident!("{}", payload_name);
    let payload_path: syn::Type = syn::parse_quote!(types::#payload_ty);

    let mut acceptors = Vec::new();
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for acceptor in &waiter.acceptors {
        let code = acceptor.code.as_str();
        let state_ident = match acceptor.state {
            AcceptorState::Success => quote!(Success),
            AcceptorState::Failure => quote!(Failure),
            AcceptorState::ActionRequired => quote!(ActionRequired),
            AcceptorState::Retry => quote!(Retry),
        };
        acceptors.push(quote!(c2a_runtime::waiter::Acceptor { code: #code, state: c2a_runtime::waiter::AcceptorState::#state_ident }));
        let Some(variant) = &acceptor.variant else { continue };
        let variant = format_ident!("{}", variant);
        let doc = format!(" `{code}`.");
        match (acceptor.state, &acceptor.payload) {
            (AcceptorState::Success | AcceptorState::Failure, _) => {
                variants.push(quote!(#[doc = #doc] #variant(#payload_path)));
                arms.push(quote!(c2a_runtime::waiter::Terminal::#state_ident(payload) => Ok(#outcome_name::#variant(payload))));
            }
            (AcceptorState::ActionRequired, Some(pointer)) => {
                let (field, field_ty) = fields.single_field(&payload_name, pointer)?;
                variants.push(quote!(#[doc = #doc] #variant(#field_ty)));
                arms.push(quote!(c2a_runtime::waiter::Terminal::ActionRequired(payload) => payload.#field
                    .map(#outcome_name::#variant)
                    .ok_or(c2a_runtime::waiter::WaitError::MissingOutcomeData { waiter: #name, code: #code })));
            }
            _ => return Err(pass_error(PASS, format!("acceptor `{code}` has a variant it cannot carry"))),
        }
    }
    for (state, wanted) in [
        ("Success", AcceptorState::Success),
        ("Failure", AcceptorState::Failure),
        ("ActionRequired", AcceptorState::ActionRequired),
    ] {
        if !waiter.acceptors.iter().any(|a| a.state == wanted && a.variant.is_some()) {
            let label = AcceptorState::NAMES[wanted as usize];
            let state = format_ident!("{}", state);
            let message = format!("{name}: no outcome for a `{label}` poll");
            arms.push(quote!(c2a_runtime::waiter::Terminal::#state(_) => Err(c2a_runtime::waiter::WaitError::Request(
                c2a_runtime::Error::InvalidRequest { operation: #op_id, message: #message.to_owned() }))));
        }
    }

    let header = match &waiter.delay_hint.header {
        Some(h) => quote!(::std::option::Option::Some(#h)),
        None => quote!(::std::option::Option::None),
    };
    let delay_field = match &waiter.delay_hint.field {
        Some(pointer) => {
            let access = fields.accessor(&payload_name, pointer)?;
            quote!(#access.and_then(|v| u64::try_from(*v).ok()))
        }
        None => quote!(::std::option::Option::None),
    };
    let can_follow_up = match &waiter.stop_when {
        Some(stop) => {
            let access = fields.accessor(&payload_name, &stop.field)?;
            let equals = literal(&stop.equals)
                .ok_or_else(|| pass_error(PASS, "`stop_when.equals` must be a boolean, number or string"))?;
            quote!(#access != ::std::option::Option::Some(&#equals))
        }
        None => quote!(true),
    };
    let marker = format_ident!("{}", pascal_case(name));
    let spec_static = format_ident!("{}_SPEC", name.to_ascii_uppercase());
    let setter = spec.extensions.operation(op_id).map(|ext| ext.setter_name(&waiter.input));
    let input_setter = format_ident!(
        "{}",
        setter.unwrap_or_else(|| heck::ToSnakeCase::to_snake_case(waiter.input.as_str()))
    );
    let builder = format_ident!("{}", op_id);
    let waiter_doc = format!(" Polls `{op_id}` until a terminal state (see `x-waiter` in the spec).");
    let outcome_doc =
        format!(" Terminal outcomes of [`Client::wait_for_{name}`](super::Client::wait_for_{name}).");
    let code = code_type();
    let items = quote! {
        #[doc = #outcome_doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #outcome_name { #(#variants),* }

        #[doc = #waiter_doc]
        #[derive(Debug)]
        pub struct #marker;

        static #spec_static: c2a_runtime::waiter::WaiterSpec<#payload_path> = c2a_runtime::waiter::WaiterSpec {
            name: #name,
            acceptors: &[#(#acceptors),*],
            delay_header: #header,
            delay_field: |payload| #delay_field,
            can_follow_up: |payload| #can_follow_up,
        };

        impl c2a_runtime::waiter::Waiter for #marker {
            type Client = super::Client;
            type Code = super::types::#code;
            type Input = ::std::string::String;
            type Payload = #payload_path;
            type Outcome = #outcome_name;
            fn spec() -> &'static c2a_runtime::waiter::WaiterSpec<Self::Payload> {
                &#spec_static
            }
            fn poll<'a>(
                client: &'a super::Client,
                input: &Self::Input,
            ) -> impl ::std::future::Future<Output = ::std::result::Result<super::runtime_types::Response<Self::Payload>, super::runtime_types::Error>> + Send + 'a {
                client.#builder().#input_setter(input.clone()).send_with_response()
            }
            fn outcome(terminal: c2a_runtime::waiter::Terminal<Self::Payload>) -> ::std::result::Result<Self::Outcome, super::runtime_types::WaitError> {
                match terminal { #(#arms,)* }
            }
        }
    };

    let wait_fn = format_ident!("wait_for_{}", name);
    let wait_doc = format!(
        " Waits for `{op_id}` to reach a terminal state. Set `.max_wait(..)` (required), then `.await`."
    );
    let mut client_methods = vec![quote! {
        #[doc = #wait_doc]
        pub fn #wait_fn(&self, #input_setter: impl Into<::std::string::String>) -> c2a_runtime::waiter::WaitFor<'_, waiters::#marker> {
            c2a_runtime::waiter::WaitFor::new(self, #input_setter.into())
        }
    }];
    if let Some(start) = &waiter.started_by {
        let start_op = start.operation.as_str();
        let start_spec = spec
            .operations()
            .map(|(o, _)| o)
            .find(|o| o.id() == Some(start_op))
            .ok_or_else(|| pass_error(PASS, format!("`{start_op}` is not an operation")))?;
        let start_payload = start_spec
            .success_component()
            .map(str::to_owned)
            .ok_or_else(|| pass_error(PASS, format!("`{start_op}` has no 2xx envelope")))?;
        let types = module_items(file, "types").ok_or_else(|| pass_error(PASS, "no `mod types`"))?;
        let mut fields = FieldMap { types };
        let (input_field, _) = fields.single_field(&start_payload, &start.input_from)?;
        let body_ty = start_spec
            .request_body_component()
            .ok_or_else(|| pass_error(PASS, format!("`{start_op}` has no request body")))?;
        let body_ty = format_ident!("{}", body_ty);
        let start_fn = format_ident!("{}", start_op);
        let combined = format_ident!("{}_and_wait", start_op);
        let doc = format!(
            " Sends `{start_op}`, then waits up to `max_wait` for `{op_id}` to reach a terminal state."
        );
        client_methods.push(quote! {
            #[doc = #doc]
            pub async fn #combined(
                &self,
                body: types::#body_ty,
                max_wait: ::std::time::Duration,
            ) -> ::std::result::Result<waiters::#outcome_name, runtime_types::WaitError> {
                let started = self.#start_fn().body(body).send().await?;
                self.#wait_fn(started.#input_field).max_wait(max_wait).await
            }
        });
    }
    Ok((items, client_methods))
}

/// Reads struct fields of `mod types` by their wire names.
struct FieldMap<'f> {
    types: &'f mut Vec<syn::Item>,
}

impl FieldMap<'_> {
    /// The generated struct a poll hands out: the response itself for an `inline` envelope,
    /// the type of `result` for a `general` one.
    fn envelope_payload(&mut self, spec: &CheckedSpec, component: &str) -> Result<String, Diagnostic> {
        match spec.extensions.envelope(component) {
            Some(Envelope::Inline) => Ok(component.to_owned()),
            Some(Envelope::General) => {
                let result = self.field(component, "result")?;
                let inner = option_inner(&result.ty).unwrap_or(&result.ty);
                type_name(inner)
                    .ok_or_else(|| pass_error(PASS, format!("`{component}.result` is not a named type")))
            }
            _ => Err(pass_error(PASS, format!("a waiter needs a payload to read; `{component}` has none"))),
        }
    }

    /// `(field, type)` for a one-segment pointer, with `Option` unwrapped.
    fn single_field(&mut self, component: &str, pointer: &str) -> Result<(Ident, syn::Type), Diagnostic> {
        let segment = pointer
            .strip_prefix('/')
            .filter(|s| !s.contains('/'))
            .ok_or_else(|| pass_error(PASS, format!("`{pointer}` must name one field of `{component}`")))?;
        let field = self.field(component, segment)?;
        let ty = option_inner(&field.ty).unwrap_or(&field.ty).clone();
        let ident = field.ident.clone().ok_or_else(|| pass_error(PASS, "tuple field"))?;
        Ok((ident, qualify(ty)))
    }

    /// An expression of type `Option<&T>` reading `pointer` from `payload`.
    fn accessor(&mut self, component: &str, pointer: &str) -> Result<TokenStream, Diagnostic> {
        let mut current = component.to_owned();
        let mut expr = quote!(::std::option::Option::Some(payload));
        for segment in pointer.trim_start_matches('/').split('/') {
            let field = self.field(&current, segment)?;
            let ident = field.ident.clone().ok_or_else(|| pass_error(PASS, "tuple field"))?;
            expr = match option_inner(&field.ty) {
                Some(inner) => {
                    current = type_name(inner).unwrap_or_default();
                    quote!(#expr.and_then(|v| v.#ident.as_ref()))
                }
                None => {
                    current = type_name(&field.ty).unwrap_or_default();
                    quote!(#expr.map(|v| &v.#ident))
                }
            };
        }
        Ok(expr)
    }

    fn field(&mut self, component: &str, wire: &str) -> Result<syn::Field, Diagnostic> {
        let strukt = find_struct(self.types, component).ok_or_else(|| {
            pass_error(PASS, format!("no generated struct `{component}` for a waiter pointer"))
        })?;
        strukt
            .fields
            .iter()
            .find(|f| wire_name(f) == wire)
            .cloned()
            .ok_or_else(|| pass_error(PASS, format!("`{component}` has no field `{wire}`")))
    }
}

/// Prefixes a bare generated type with `types::`.
fn qualify(ty: syn::Type) -> syn::Type {
    match &ty {
        syn::Type::Path(p) if p.path.segments.len() == 1 && p.qself.is_none() => {
            syn::parse_quote!(types::#ty)
        }
        _ => ty,
    }
}

fn literal(value: &Value) -> Option<TokenStream> {
    match value {
        Value::Bool(b) => Some(quote!(#b)),
        Value::Number(n) => n.as_i64().map(|i| quote!(#i)),
        Value::String(s) => Some(quote!(#s)),
        _ => None,
    }
}
