//! Error statuses without a body are matched before the typed error ranges.
//!
//! Lowering drops bodyless error responses (a 401 with no envelope) because progenitor
//! wants one error type per operation. Without an arm of their own they would fall into
//! `400..=499`, where the client tries to decode an empty body as an envelope and reports
//! `InvalidResponsePayload`, losing the status. This pass puts an explicit arm back, first
//! in the status match of each affected `send`, returning `Error::UnexpectedResponse` with
//! the untouched response (status and headers intact).

use syn::visit_mut::{self, VisitMut};

use super::{Context, Pass, builder_impls};
use crate::diagnostic::Diagnostic;
use crate::spec::pascal_case;

/// Adds `401u16 => Err(Error::UnexpectedResponse(response)),` (per recorded status).
pub struct BodylessErrors;

impl Pass for BodylessErrors {
    fn name(&self) -> &'static str {
        "bodyless-errors"
    }

    fn run(&self, file: &mut syn::File, cx: &Context<'_>) -> Result<(), Diagnostic> {
        let wanted: std::collections::BTreeMap<String, Vec<u16>> = cx
            .notes
            .bodyless_errors
            .iter()
            .map(|(op, statuses)| (pascal_case(op), statuses.iter().filter_map(|s| s.parse().ok()).collect()))
            .collect();
        let mut done = std::collections::BTreeSet::new();
        for (name, imp) in builder_impls(file) {
            let Some(statuses) = wanted.get(&name) else { continue };
            let mut insert = InsertArms { statuses, inserted: false };
            insert.visit_item_impl_mut(imp);
            if insert.inserted {
                done.insert(name);
            }
        }
        match wanted.keys().find(|name| !done.contains(*name)) {
            Some(missing) => Err(Diagnostic::new(
                "",
                "bodyless-errors",
                format!("no status match found in the generated `{missing}::send`"),
            )),
            None => Ok(()),
        }
    }
}

struct InsertArms<'a> {
    statuses: &'a [u16],
    inserted: bool,
}

impl VisitMut for InsertArms<'_> {
    fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
        visit_mut::visit_expr_match_mut(self, m);
        let scrutinee = quote::ToTokens::to_token_stream(&m.expr).to_string().replace(' ', "");
        if scrutinee != "response.status().as_u16()" {
            return;
        }
        for (i, status) in self.statuses.iter().enumerate() {
            let lit = syn::LitInt::new(&format!("{status}u16"), proc_macro2::Span::call_site());
            m.arms.insert(i, syn::parse_quote!(#lit => Err(Error::UnexpectedResponse(response)),));
        }
        self.inserted = true;
    }
}
