//! One HAR entry: the engine's verdict (`c2a_conformance::check_exchange`), plus what only
//! `verify` adds, the generated client's decode, gathered into the report's row.
//!
//! The HAR's own conventions are read here, before the engine sees the exchange:
//! `postData.mimeType` is the request's content type, `content.mimeType` the response's
//! when no header says, `content.text` may be base64, a body a recorder dropped (no `text`
//! but a positive `size`) is not recorded, and status 0 means no response.

use c2a_conformance::{
    Exchange, Finding, FindingKind, Response, SensitiveFields, Severity, Side, Spec, check_exchange,
};
use serde_json::Value;

use crate::client_decode;
use crate::har::{self, Entry, NameValue, SourceKind};
use crate::report::{Decode, ExchangeReport};

/// Everything `verify` says about entry `index` of `file`; `None` when it is no call of an
/// operation of `spec` (another host, path or method, or a URL that does not parse).
pub fn check_entry(
    spec: &Spec,
    file: &str,
    index: usize,
    source: SourceKind,
    entry: &Entry,
) -> Option<ExchangeReport> {
    let (exchange, unreadable_body) = exchange_of(entry);
    // Recordings mask card data as the client's recorder does.
    let masked = SensitiveFields::MustBeMasked(c2a_client::runtime::REDACTED);
    let checked = check_exchange(spec, &exchange, masked).ok()?;
    let op = checked.operation;
    let mut report = ExchangeReport {
        file: file.to_owned(),
        entry: index,
        attempt: entry.attempt,
        source,
        method: entry.request.method.to_ascii_uppercase(),
        path: checked.path,
        path_parameters: har_pairs(&checked.path_parameters),
        query: har_pairs(&checked.query),
        operation: op.id.clone(),
        status: entry.response.status,
        message_code: checked.message_code,
        decode: Decode::NotRun("no response recorded".to_owned()),
        findings: checked.findings,
        observed: checked.observed,
    };
    if let Some(error) = unreadable_body {
        let pointer = format!("{}/responses", op.pointer);
        let message = format!("content.text is not valid base64: {error}");
        let kind = FindingKind::UnreadableRecording;
        report.findings.push(Finding::at(spec, kind, Severity::Mismatch, Side::Response, &pointer, message));
        report.decode = Decode::NotRun("response body unreadable".to_owned());
        return Some(report);
    }
    let Some(response) = &exchange.response else { return Some(report) };
    let Some(body) = &response.body else {
        report.decode = Decode::NotRun("response body not recorded".to_owned());
        return Some(report);
    };
    let status = response.status;
    // A status the spec declares without a body (401, 403, 429): the client's error for
    // exactly that, an empty body, is the answer understood.
    let bodyless = spec.declared_response(op, status).is_some_and(|(_, _, declared)| {
        declared.get("content").and_then(Value::as_object).is_none_or(serde_json::Map::is_empty)
    });
    let recorded = &entry.response;
    let mime_type = &recorded.content.mime_type;
    // The bytes as recorded: the client decodes bytes, not text made valid UTF-8.
    report.decode = client_decode::decode(&op.id, status, &recorded.headers, mime_type, body, bodyless);
    if let Decode::Failed(error) = &report.decode {
        let pointer = format!("{}/responses", op.pointer);
        let message = format!("the generated client fails: {error}");
        let kind = FindingKind::ClientDecodeFailed;
        let finding = Finding::at(spec, kind, Severity::Mismatch, Side::Response, &pointer, message);
        // Before the response's own findings, after the request's.
        let at = report.findings.iter().position(|f| f.side == Side::Response);
        report.findings.insert(at.unwrap_or(report.findings.len()), finding);
    }
    // A response confirms its declared response (a fact) when it agrees with it and the
    // client decodes it.
    if let (Some(pointer), Decode::Decoded(_)) = (checked.conforming_response, &report.decode) {
        report.observed.push(pointer);
    }
    Some(report)
}

/// The engine's exchange for `entry`, and the error of a response body that is not valid
/// base64 (then the response is left out: nothing of it can be checked).
fn exchange_of(entry: &Entry) -> (Exchange, Option<base64::DecodeError>) {
    let request = &entry.request;
    let mut request_headers = engine_pairs(&request.headers);
    let post = request.post_data.as_ref();
    if let Some(post) = post.filter(|p| !p.mime_type.is_empty()) {
        set_content_type(&mut request_headers, &post.mime_type);
    }
    let mut exchange = Exchange {
        method: request.method.clone(),
        url: request.url.clone(),
        recorded_query: engine_pairs(&request.query_string),
        request_headers,
        request_body: post.map(|p| p.text.clone().into_bytes()),
        response: None,
    };
    let recorded = &entry.response;
    if recorded.status == 0 {
        return (exchange, None);
    }
    let bytes = match har::content_body(&recorded.content) {
        Ok(bytes) => bytes,
        Err(error) => return (exchange, Some(error)),
    };
    let mut headers = engine_pairs(&recorded.headers);
    if har::header(&recorded.headers, "content-type").is_none() && !recorded.content.mime_type.is_empty() {
        set_content_type(&mut headers, &recorded.content.mime_type);
    }
    // A recorder may drop a body it did not keep (no `text` but a positive `size`): the
    // status is still checked, the body and the client's decode cannot be.
    let body_recorded = recorded.content.text.is_some() || recorded.content.size <= 0;
    exchange.response =
        Some(Response { status: recorded.status, headers, body: body_recorded.then_some(bytes) });
    (exchange, None)
}

fn set_content_type(headers: &mut Vec<c2a_conformance::NameValue>, media_type: &str) {
    headers.retain(|h| !h.name.eq_ignore_ascii_case("content-type"));
    headers.push(c2a_conformance::NameValue::new("Content-Type", media_type));
}

fn engine_pairs(pairs: &[NameValue]) -> Vec<c2a_conformance::NameValue> {
    pairs.iter().map(|p| c2a_conformance::NameValue::new(&p.name, &p.value)).collect()
}

fn har_pairs(pairs: &[c2a_conformance::NameValue]) -> Vec<NameValue> {
    pairs.iter().map(|p| NameValue { name: p.name.clone(), value: p.value.clone() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::har::{PostData, json_entry};

    fn spec() -> Spec {
        Spec::from_value(serde_json::json!({"paths": {"/c2a/things": {"post": {
            "operationId": "store",
            "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
            "responses": {"200": {"content": {"application/clientOutput+Json": {"schema": {"type": "object"}}}}}
        }}}}))
    }

    fn kinds(report: &ExchangeReport) -> Vec<(Side, FindingKind)> {
        report.findings.iter().map(|f| (f.side, f.kind)).collect()
    }

    #[test]
    fn the_har_mime_types_say_what_the_bodies_are() {
        let spec = spec();
        let mut entry = json_entry("POST", "https://h/c2a/things", Some(&serde_json::json!({})), 200, None);
        entry
            .request
            .headers
            .push(NameValue { name: "Content-Type".to_owned(), value: "text/plain".to_owned() });
        entry.response.content.text = Some("{}".to_owned());
        entry.response.content.mime_type = "application/clientOutput+Json".to_owned();
        let report = check_entry(&spec, "t.har", 0, SourceKind::Real, &entry).expect("an operation");
        assert_eq!(kinds(&report), [], "postData.mimeType and content.mimeType win");
        entry.request.post_data =
            Some(PostData { mime_type: String::new(), text: "{}".to_owned(), comment: None });
        entry.response.content.mime_type = "text/html".to_owned();
        let report = check_entry(&spec, "t.har", 0, SourceKind::Real, &entry).expect("an operation");
        assert_eq!(
            kinds(&report),
            [
                (Side::Request, FindingKind::UndeclaredContentType),
                (Side::Response, FindingKind::UndeclaredContentType)
            ]
        );
    }

    #[test]
    fn a_body_that_is_not_base64_is_reported_and_nothing_else_of_the_response() {
        let spec = spec();
        let mut entry = json_entry("POST", "https://h/c2a/things", None, 599, Some(&serde_json::json!({})));
        entry.response.content.encoding = Some("base64".to_owned());
        entry.response.content.text = Some("not base64!".to_owned());
        let report = check_entry(&spec, "t.har", 0, SourceKind::Real, &entry).expect("an operation");
        assert_eq!(kinds(&report), [(Side::Response, FindingKind::UnreadableRecording)]);
        assert!(report.findings[0].message.starts_with("content.text is not valid base64"));
        assert_eq!(report.decode, Decode::NotRun("response body unreadable".to_owned()));
    }
}
