//! Each operation's `send()` returns the payload a caller wants, through the runtime.
//!
//! Driven by `x-envelope` on the success response's component:
//! - `general` (`result` + `status`): the payload is `result`;
//! - `inline` (fields next to `status`): the payload is the response itself;
//! - `status` (only `status`): the payload is `()`.
//!
//! For every response component the pass implements `c2a_runtime::Envelope`. In each
//! builder, progenitor's `send` becomes `send_raw` (returns the raw `reqwest::Response` for
//! every status: the runtime decides), and two methods are added: `send_with_response`
//! (payload plus HTTP status, headers and envelope status, via `c2a_runtime::call`) and
//! `send` (the payload alone).

use std::collections::BTreeSet;

use quote::{ToTokens, format_ident, quote};
use syn::visit_mut::VisitMut;

use super::operations::const_name;
use super::{Context, Pass, builder_impls, find_struct, module_items, option_inner, pass_error, status_type};
use c2a_spec::CheckedSpec;
use c2a_spec::diagnostic::Diagnostic;
use c2a_spec::extensions::Envelope;
use c2a_spec::rust_names::pascal_case;

/// Rewrites `send`, adds `send_with_response`, implements `Envelope`.
pub struct EnvelopeCalls;

const PASS: &str = "envelope-calls";

/// One operation's success response: the component and how its envelope is shaped.
struct Plan {
    id: String,
    builder: String,
    operation_const: proc_macro2::Ident,
    response: String,
    kind: Option<Envelope>,
}

impl Pass for EnvelopeCalls {
    fn name(&self) -> &'static str {
        PASS
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let plans = plans(cx.spec)?;
        let types =
            module_items(file, "types").ok_or_else(|| pass_error(PASS, "no `mod types` in the output"))?;
        let known: BTreeSet<String> = types
            .iter()
            .filter_map(|item| match item {
                syn::Item::Struct(s) => Some(s.ident.to_string()),
                syn::Item::Enum(e) => Some(e.ident.to_string()),
                _ => None,
            })
            .collect();

        let mut payloads = std::collections::BTreeMap::new();
        let mut impls = Vec::new();
        for plan in &plans {
            if payloads.contains_key(&plan.response) {
                continue;
            }
            let ident = format_ident!("{}", plan.response);
            let strukt = find_struct(types, &plan.response).ok_or_else(|| {
                pass_error(PASS, format!("response type `{}` was not generated", plan.response))
            })?;
            let (payload, into_payload) = match plan.kind {
                Some(Envelope::General) => {
                    let field = strukt
                        .fields
                        .iter()
                        .find(|f| f.ident.as_ref().is_some_and(|i| i == "result"))
                        .ok_or_else(|| {
                            pass_error(PASS, format!("`{}` has no `result` field", plan.response))
                        })?;
                    match option_inner(&field.ty) {
                        Some(inner) => (inner.clone(), quote!(self.result)),
                        None => (field.ty.clone(), quote!(::std::option::Option::Some(self.result))),
                    }
                }
                Some(Envelope::Inline) => {
                    (syn::parse_quote!(#ident), quote!(::std::option::Option::Some(self)))
                }
                _ => (syn::parse_quote!(()), quote!(::std::option::Option::Some(()))),
            };
            let schema = &plan.response;
            let status = status_type();
            impls.push(syn::parse_quote! {
                impl c2a_runtime::Envelope for #ident {
                    type Payload = #payload;
                    type Status = #status;
                    const SCHEMA: &'static str = #schema;
                    fn status(&self) -> &#status {
                        &self.status
                    }
                    fn into_payload(self) -> ::std::option::Option<Self::Payload> {
                        #into_payload
                    }
                }
            });
            let mut qualified = payload;
            QualifyTypes { known: &known }.visit_type_mut(&mut qualified);
            payloads.insert(plan.response.clone(), qualified);
        }
        types.extend(impls);

        let mut rewritten = BTreeSet::new();
        for (name, imp) in builder_impls(file) {
            let Some(plan) = plans.iter().find(|p| p.builder == name) else { continue };
            let payload = &payloads[&plan.response];
            rewrite_builder(imp, plan, payload)?;
            rewritten.insert(name);
        }
        if let Some(missing) = plans.iter().find(|p| !rewritten.contains(&p.builder)) {
            return Err(pass_error(PASS, format!("no builder `{}` in the output", missing.builder)));
        }
        module_items(file, "operations")
            .ok_or_else(|| pass_error(PASS, "no `mod operations` in the output"))?
            .push(decode_by_id(&plans));
        Ok(())
    }
}

fn plans(spec: &CheckedSpec) -> Result<Vec<Plan>, Diagnostic> {
    spec.operations()
        .map(|(op, _)| {
            let id = op.id().unwrap_or_default();
            let response = op.success_component().map(str::to_owned).ok_or_else(|| {
                Diagnostic::new(op.pointer_to("responses"), PASS, "no 2xx response with an envelope body")
            })?;
            let kind = spec.extensions.envelope(&response);
            Ok(Plan {
                id: id.to_owned(),
                builder: pascal_case(id),
                operation_const: const_name(id),
                response,
                kind,
            })
        })
        .collect()
}

/// `operations::decode`: a complete response decoded exactly as the operation's `send()`
/// decodes it, by operation id (for replaying recorded traffic).
fn decode_by_id(plans: &[Plan]) -> syn::Item {
    let arms = plans.iter().map(|plan| {
        let (id, operation) = (&plan.id, &plan.operation_const);
        let response = format_ident!("{}", plan.response);
        quote! {
            #id => c2a_runtime::decode_body::<super::types::#response>(&#operation, status, headers, body).map(drop),
        }
    });
    syn::parse_quote! {
        /// Decodes a complete response of the operation `id` exactly as its `send()` does,
        /// keeping only the outcome; `None` for an unknown id. Used to replay recordings.
        pub fn decode(
            id: &str,
            status: ::reqwest::StatusCode,
            headers: ::reqwest::header::HeaderMap,
            body: &[u8],
        ) -> ::std::option::Option<::std::result::Result<(), super::runtime_types::Error>> {
            ::std::option::Option::Some(match id {
                #(#arms)*
                _ => return ::std::option::Option::None,
            })
        }
    }
}

fn rewrite_builder(imp: &mut syn::ItemImpl, plan: &Plan, payload: &syn::Type) -> Result<(), Diagnostic> {
    let send = imp
        .items
        .iter_mut()
        .find_map(|item| match item {
            syn::ImplItem::Fn(f) if f.sig.ident == "send" => Some(f),
            _ => None,
        })
        .ok_or_else(|| pass_error(PASS, format!("`{}` has no `send`", plan.builder)))?;

    let error_type = error_type_of(&send.sig.output)
        .ok_or_else(|| pass_error(PASS, format!("unexpected return type of `{}::send`", plan.builder)))?;
    send.sig.ident = format_ident!("send_raw");
    send.sig.output = syn::parse_quote!(-> Result<reqwest::Response, Error<#error_type>>);
    let last = send.block.stmts.last_mut().ok_or_else(|| pass_error(PASS, "empty `send`"))?;
    let is_status_match = matches!(last, syn::Stmt::Expr(syn::Expr::Match(m), None)
        if m.expr.to_token_stream().to_string().replace(' ', "") == "response.status().as_u16()");
    if !is_status_match {
        return Err(pass_error(PASS, format!("`{}::send` does not end in a status match", plan.builder)));
    }
    *last = syn::Stmt::Expr(syn::parse_quote!(Ok(response)), None);
    send.attrs.retain(|a| !a.path().is_ident("doc"));
    send.attrs.push(syn::parse_quote!(
        #[doc = " Sends the request (with the client's retries) and returns the raw HTTP response,"]
    ));
    send.attrs.push(syn::parse_quote!(
        #[doc = " whatever its status, without decoding the envelope. Prefer `send`."]
    ));

    let response = format_ident!("{}", plan.response);
    let operation = &plan.operation_const;
    // Both methods call the runtime directly: `send` going through `send_with_response`
    // would add a layer of future that every call moves.
    let call: syn::Expr = syn::parse_quote!(
        c2a_runtime::call::<types::#response, _>(&super::operations::#operation, self.send_raw())
    );
    imp.items.push(syn::parse_quote! {
        /// Sends the request and returns the payload.
        ///
        /// Fails with `Error::Api` when `status.messageCode` is not a success code of this
        /// operation, and with the other `Error` variants for transport, auth and
        /// decoding failures. Transient failures are retried per the client's `RetryPolicy`
        /// when repeating is safe.
        pub async fn send(self) -> ::std::result::Result<#payload, super::runtime_types::Error> {
            #call.await.map(super::runtime_types::Response::into_payload)
        }
    });
    imp.items.push(syn::parse_quote! {
        /// Like `send`, keeping the HTTP status, headers and the envelope's status.
        pub async fn send_with_response(self) -> ::std::result::Result<super::runtime_types::Response<#payload>, super::runtime_types::Error> {
            #call.await
        }
    });
    Ok(())
}

/// `E` in `Result<ResponseValue<T>, Error<E>>`.
fn error_type_of(output: &syn::ReturnType) -> Option<syn::Type> {
    let syn::ReturnType::Type(_, ty) = output else { return None };
    let syn::Type::Path(result) = ty.as_ref() else { return None };
    let syn::PathArguments::AngleBracketed(args) = &result.path.segments.last()?.arguments else {
        return None;
    };
    let syn::GenericArgument::Type(syn::Type::Path(error)) = args.args.iter().nth(1)? else { return None };
    let syn::PathArguments::AngleBracketed(inner) = &error.path.segments.last()?.arguments else {
        return None;
    };
    match inner.args.first()? {
        syn::GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    }
}

/// Prefixes bare names of generated types with `types::`, for use outside `mod types`.
struct QualifyTypes<'a> {
    known: &'a BTreeSet<String>,
}

impl VisitMut for QualifyTypes<'_> {
    fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
        syn::visit_mut::visit_type_path_mut(self, ty);
        if ty.qself.is_none()
            && ty.path.leading_colon.is_none()
            && ty.path.segments.len() == 1
            && self.known.contains(&ty.path.segments[0].ident.to_string())
        {
            ty.path.segments.insert(0, format_ident!("types").into());
        }
    }
}
