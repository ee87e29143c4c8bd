//! What each difference means: for a client of the API on the wire (breaking or not), and
//! for Rust users of the generated crate (semver), each in one sentence.
//!
//! Direction decides many verdicts: a client must keep being able to *send* what it sent
//! and to *read* what it reads. So a new required request field breaks clients while a new
//! response field does not, and a field that became required breaks requests but not
//! responses. Generated clients tolerate unknown enum values and message codes, so adding
//! one never breaks the wire. Rust is stricter: typify structs have public fields (and
//! builders), and enums are matched, so additions are semver-major for code that builds
//! structs literally or matches enums without a wildcard arm.
//!
//! `judge` sends each kind to its verdict, one function per kind (or pair of kinds), by
//! scope: `operations` (with `responses`: statuses, media types, headers), `schemas` (with
//! `keywords`: tightened or loosened per direction, and `composition`: alternatives and
//! `allOf` members), and `document` (which also judges docs, the same in every scope);
//! `extensions` rates a vendor extension's change from its registry row. Two facts then
//! amend a verdict: a schema difference in a property clients never see in its direction
//! (`readOnly` sent, `writeOnly` received) breaks nothing (`schemas::off_wire`), and one
//! inside a response header keeps its wire verdict, but no generated type holds a header
//! (`responses::in_header`).

mod composition;
mod document;
mod extensions;
mod keywords;
mod operations;
mod responses;
mod rust_names;
mod schemas;

use crate::compare::Difference;
use crate::model::{Change, ChangeKind, Direction, Impact, Semver};

/// Judges one difference.
pub fn classify(difference: Difference) -> Change {
    let subject = JudgedDifference::new(&difference);
    let mut verdict = judge(&subject);
    if difference.details.off_wire {
        verdict = schemas::off_wire(verdict, &subject);
    }
    if difference.details.in_header {
        verdict = responses::in_header(verdict);
    }
    Change {
        impact: verdict.impact,
        kind: difference.kind,
        scope: difference.scope,
        direction: difference.direction,
        location: difference.location,
        operations: difference.operations.into_iter().collect(),
        member: difference.member,
        old: difference.old,
        new: difference.new,
        detail: verdict.detail,
        reason: verdict.reason,
        semver: verdict.semver,
        rust: verdict.rust,
    }
}

/// What classification adds to a difference.
struct Verdict {
    /// Breaking or not on the wire.
    impact: Impact,
    /// What changed, in words.
    detail: String,
    /// Why it is (not) breaking.
    reason: String,
    /// The `c2a-client` semver level.
    semver: Semver,
    /// What it means for Rust users.
    rust: String,
}

impl Verdict {
    fn new(impact: Impact, detail: String, reason: &str, semver: Semver, rust: String) -> Self {
        Self { impact, detail, reason: reason.to_owned(), semver, rust }
    }
}

/// Every kind's verdict: the match is exhaustive, so a new kind needs one.
fn judge(s: &JudgedDifference<'_>) -> Verdict {
    use ChangeKind as K;
    match s.difference.kind {
        K::OperationRemoved => operations::operation_removed(s),
        K::OperationAdded => operations::operation_added(s),
        K::OperationMoved => operations::operation_moved(s),
        K::OperationRenamed => operations::operation_renamed(s),
        K::ParameterRemoved => operations::parameter_removed(s),
        K::ParameterAdded => operations::parameter_added(s),
        K::ParameterLocationChanged => operations::parameter_location_changed(s),
        K::ParameterRequiredChanged => operations::parameter_required_changed(s),
        K::ParameterDefaultChanged => operations::parameter_default_changed(s),
        K::RequestBodyRemoved => operations::request_body_removed(s),
        K::RequestBodyAdded => operations::request_body_added(s),
        K::RequestBodyRequiredChanged => operations::request_body_required_changed(s),
        K::ResponseRemoved | K::ResponseAdded => responses::response(s),
        K::ResponseHeaderRemoved => responses::response_header_removed(s),
        K::ResponseHeaderAdded => responses::response_header_added(s),
        K::ResponseHeaderRequiredChanged => responses::response_header_required_changed(s),
        K::MediaTypeRemoved => responses::media_type_removed(s),
        K::MediaTypeAdded => responses::media_type_added(s),
        K::MediaTypeChanged => responses::media_type_changed(s),
        K::MessageCodeRemoved => operations::message_code_removed(s),
        K::MessageCodeAdded => operations::message_code_added(s),
        K::MessageCodeRenamed => operations::message_code_renamed(s),
        K::MessageCodeSuccessChanged => operations::message_code_success_changed(s),
        K::MessageCodeChanged => operations::message_code_changed(s),
        K::FieldRemoved => schemas::field_removed(s),
        K::FieldAdded => schemas::field_added(s),
        K::RequiredChanged => schemas::required_changed(s),
        K::TypeChanged => schemas::type_changed(s),
        K::RefChanged => schemas::ref_changed(s),
        K::NullableChanged => schemas::nullable_changed(s),
        K::EnumValueRemoved => schemas::enum_value_removed(s),
        K::EnumValueAdded => schemas::enum_value_added(s),
        K::AlternativeRemoved | K::AlternativeAdded => composition::alternative(s),
        K::AllOfMemberRemoved | K::AllOfMemberAdded => composition::all_of_member(s),
        K::KeywordChanged => keywords::keyword_changed(s),
        K::SchemaRemoved => schemas::schema_removed(s),
        K::SchemaAdded => schemas::schema_added(s),
        K::ServerRemoved => document::server_removed(s),
        K::ServerAdded => document::server_added(s),
        K::ServerChanged => document::server_changed(s),
        K::SecurityRequirementRemoved => document::security_requirement_removed(s),
        K::SecurityRequirementAdded => document::security_requirement_added(s),
        K::SecuritySchemeRemoved => document::security_scheme_removed(s),
        K::SecuritySchemeAdded => document::security_scheme_added(s),
        K::SecuritySchemeChanged => document::security_scheme_changed(s),
        K::OauthScopeRemoved => document::oauth_scope_removed(s),
        K::OauthScopeAdded => document::oauth_scope_added(s),
        K::ExtensionChanged => extensions::extension_changed(s),
        K::DocChanged => document::doc_changed(s),
    }
}

/// The difference being judged, with what most verdicts read from it.
struct JudgedDifference<'d> {
    difference: &'d Difference,
    /// The changed item (empty when none).
    member: &'d str,
    /// The value before (`unset` when none).
    old: &'d str,
    /// The value after (`unset` when none).
    new: &'d str,
    /// The field, parameter or body is required (see [`crate::compare::DifferenceDetails::required`]).
    required: bool,
    /// In a component schema no operation uses.
    unused: bool,
    /// Sent by the client.
    request: bool,
}

impl<'d> JudgedDifference<'d> {
    fn new(difference: &'d Difference) -> Self {
        Self {
            difference,
            member: difference.member.as_deref().unwrap_or_default(),
            old: difference.old.as_deref().unwrap_or("unset"),
            new: difference.new.as_deref().unwrap_or("unset"),
            required: difference.details.required.unwrap_or(false),
            unused: difference.direction == Direction::Unused,
            request: difference.direction == Direction::Request,
        }
    }

    /// `required` or `optional`.
    fn required_word(&self) -> &'static str {
        if self.required { "required" } else { "optional" }
    }

    /// `request`, `response` or `schema`.
    fn direction_word(&self) -> &'static str {
        match self.difference.direction {
            Direction::Request => "request",
            Direction::Response => "response",
            Direction::Unused | Direction::None => "schema",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scope;

    #[test]
    fn every_kind_has_a_one_sentence_verdict() {
        for kind in ChangeKind::ALL {
            let change = classify(crate::compare::Difference {
                kind: *kind,
                scope: Scope::Schema,
                direction: Direction::Response,
                location: "A.b".to_owned(),
                operations: Default::default(),
                member: Some("m".to_owned()),
                old: Some("x".to_owned()),
                new: Some("y".to_owned()),
                details: Default::default(),
            });
            assert!(change.reason.ends_with('.') && !change.detail.is_empty(), "{change:#?}");
            assert!(change.rust.ends_with('.'), "{change:#?}");
        }
    }
}
