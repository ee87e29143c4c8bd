//! Parameter setters named by the spec (`x-rust-name`), not by the wire.
//!
//! progenitor names a builder's parameter setter after the wire name (`c`, `p`, `ex_id`).
//! Where a parameter declares `x-rust-name`, this pass renames the setter (the wire name is
//! unchanged) and the mentions of it in the `Client` method's docs. The waiters pass reads
//! the same name through `OperationExtensions::setter_name`.

use proc_macro2::Span;
use syn::Ident;

use super::{Context, Pass, builder_impls, client_methods, doc_texts, pass_error};
use c2a_spec::diagnostic::Diagnostic;
use c2a_spec::rust_names::pascal_case;

/// Renames parameter setters per `x-rust-name`.
pub struct ParameterNames;

const PASS: &str = "parameter-names";

/// One renamed setter of one operation's builder.
struct Rename {
    operation: String,
    builder: String,
    from: String,
    to: String,
}

impl Pass for ParameterNames {
    fn name(&self) -> &'static str {
        PASS
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let renames: Vec<Rename> = cx
            .spec
            .extensions
            .operations
            .iter()
            .flat_map(|ext| {
                ext.rust_names.iter().map(|(wire, rust)| Rename {
                    operation: ext.id.clone(),
                    builder: pascal_case(&ext.id),
                    from: heck::ToSnakeCase::to_snake_case(wire.as_str()),
                    to: rust.clone(),
                })
            })
            .filter(|rename| rename.from != rename.to)
            .collect();
        let mut done = vec![false; renames.len()];
        for (name, imp) in builder_impls(file) {
            for (i, rename) in renames.iter().enumerate().filter(|(_, r)| r.builder == name) {
                for item in &mut imp.items {
                    if let syn::ImplItem::Fn(f) = item
                        && f.sig.ident == rename.from
                    {
                        f.sig.ident = Ident::new(&rename.to, Span::call_site());
                        done[i] = true;
                    }
                }
            }
        }
        if let Some(missing) = renames.iter().zip(&done).find(|(_, done)| !**done).map(|(r, _)| r) {
            return Err(pass_error(
                PASS,
                format!("no setter `{}` on builder `{}`", missing.from, missing.builder),
            ));
        }
        rename_in_client_docs(file, &renames);
        Ok(())
    }
}

/// progenitor's method docs list the arguments (`` - `c`: ``) and show `.c(c)`.
fn rename_in_client_docs(file: &mut syn::File, renames: &[Rename]) {
    for method in client_methods(file) {
        let operation = method.sig.ident.to_string();
        for rename in renames.iter().filter(|r| r.operation == operation) {
            let (from, to) = (&rename.from, &rename.to);
            for text in doc_texts(&mut method.attrs) {
                let renamed = text
                    .value()
                    .replace(&format!("- `{from}`:"), &format!("- `{to}`:"))
                    .replace(&format!(".{from}({from})"), &format!(".{to}({to})"));
                *text = syn::LitStr::new(&renamed, text.span());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_docs_follow_the_rename() {
        let mut file: syn::File = syn::parse_quote! {
            impl Client {
                #[doc = "Fetch\n\nArguments:\n- `p`: Payment method URN.\n```ignore\nlet r = client.get_payment_method()\n    .p(p)\n```"]
                pub fn get_payment_method(&self) {}
                #[doc = "Other\n- `p`: untouched"]
                pub fn other(&self) {}
            }
        };
        let rename = Rename {
            operation: "get_payment_method".into(),
            builder: "GetPaymentMethod".into(),
            from: "p".into(),
            to: "payment_method_urn".into(),
        };
        rename_in_client_docs(&mut file, &[rename]);
        let text = quote::ToTokens::to_token_stream(&file).to_string();
        assert!(text.contains("- `payment_method_urn`: Payment method URN."), "{text}");
        assert!(text.contains(".payment_method_urn(payment_method_urn)"), "{text}");
        assert!(text.contains("- `p`: untouched"), "only the renamed operation changes: {text}");
    }
}
