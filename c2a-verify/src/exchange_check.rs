//! Checks one recorded exchange of a known operation: request body, status, content type,
//! response body, message code, and the generated client's decode.

use serde_json::Value;

use crate::client_decode;
use crate::facts;
use crate::har::{self, Entry, SourceKind};
use crate::matching::{self, Matched, RecordedUrl};
use crate::report::{Decode, ExchangeReport, Finding, FindingKind, Severity, Side};
use crate::schema_walk::SchemaWalk;
use crate::spec_model::{Spec, SpecOperation, escape};

/// Everything `verify` says about one exchange, whose URL (`url`, parsed from
/// `entry.request.url`) matched an operation.
pub fn check_exchange(
    spec: &Spec,
    matched: &Matched<'_>,
    url: &RecordedUrl,
    file: &str,
    index: usize,
    source: SourceKind,
    entry: &Entry,
) -> ExchangeReport {
    let op = matched.operation;
    let mut report = ExchangeReport {
        file: file.to_owned(),
        entry: index,
        attempt: entry.attempt,
        source,
        method: entry.request.method.to_ascii_uppercase(),
        path: url.path.clone(),
        path_parameters: matched.path_parameters.clone(),
        query: matching::recorded_query(url, &entry.request.query_string).to_vec(),
        operation: op.id.clone(),
        status: entry.response.status,
        message_code: None,
        decode: Decode::NotRun("no response recorded".to_owned()),
        findings: Vec::new(),
        observed: Vec::new(),
    };
    check_query(spec, op, &mut report);
    check_request(spec, op, entry, &mut report);
    if entry.response.status != 0 {
        check_response(spec, op, entry, &mut report);
    }
    report
}

fn finding(
    spec: &Spec,
    kind: FindingKind,
    severity: Severity,
    side: Side,
    pointer: &str,
    message: String,
) -> Finding {
    Finding {
        kind,
        severity,
        side,
        json_path: "$".to_owned(),
        spec_pointer: format!("#{pointer}"),
        provenance: spec.provenance(pointer),
        message,
    }
}

fn essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// Query parameters (`report.query`, decoded): required ones present, none the operation
/// does not declare (its path item's and its own, `$ref`s followed: [`Spec::parameters`]).
fn check_query(spec: &Spec, op: &SpecOperation, report: &mut ExchangeReport) {
    let params = spec.parameters(op);
    let declared: Vec<(&str, &str, bool)> = params
        .iter()
        .filter(|(_, p)| p.get("in").and_then(Value::as_str) == Some("query"))
        .filter_map(|(at, p)| {
            Some((at.as_str(), p.get("name")?.as_str()?, p.get("required") == Some(&Value::Bool(true))))
        })
        .collect();
    let recorded: Vec<String> = report.query.iter().map(|q| q.name.clone()).collect();
    for (pointer, name, required) in &declared {
        if *required && !recorded.iter().any(|r| r == name) {
            let message = format!("required query parameter `{name}` is absent");
            let mut f = finding(
                spec,
                FindingKind::MissingRequired,
                Severity::Mismatch,
                Side::Request,
                pointer,
                message,
            );
            f.json_path = format!("?{name}");
            report.findings.push(f);
        }
    }
    for name in recorded.iter().filter(|r| !r.is_empty() && !declared.iter().any(|(_, n, _)| n == r)) {
        let pointer = format!("{}/parameters", op.pointer);
        let message = format!("query parameter `{name}` is not declared");
        let mut f =
            finding(spec, FindingKind::UnknownField, Severity::Mismatch, Side::Request, &pointer, message);
        f.json_path = format!("?{name}");
        report.findings.push(f);
    }
}

fn check_request(spec: &Spec, op: &SpecOperation, entry: &Entry, report: &mut ExchangeReport) {
    let Some(post) = entry.request.post_data.as_ref().filter(|p| !p.text.trim().is_empty()) else {
        return;
    };
    let media = if post.mime_type.is_empty() {
        har::header(&entry.request.headers, "content-type").unwrap_or_default().to_owned()
    } else {
        post.mime_type.clone()
    };
    let body_pointer = format!("{}/requestBody", op.pointer);
    let declared = spec.node(&format!("{body_pointer}/content")).and_then(Value::as_object);
    let Some(declared) = declared else {
        let message = format!("a request body ({media}) where the operation declares none");
        report.findings.push(finding(
            spec,
            FindingKind::UndeclaredContentType,
            Severity::Mismatch,
            Side::Request,
            &body_pointer,
            message,
        ));
        return;
    };
    let Some(key) = declared.keys().find(|k| essence(k) == essence(&media)) else {
        let listed = declared.keys().cloned().collect::<Vec<_>>().join(", ");
        let message = format!("request content type `{media}` is not declared ({listed})");
        let pointer = format!("{body_pointer}/content");
        report.findings.push(finding(
            spec,
            FindingKind::UndeclaredContentType,
            Severity::Mismatch,
            Side::Request,
            &pointer,
            message,
        ));
        return;
    };
    let schema = format!("{body_pointer}/content/{}/schema", escape(key));
    walk_json(spec, Side::Request, &post.text, &schema, report);
}

/// Parses `text` and walks it; an unparsable body is an `InvalidJson` finding.
fn walk_json(
    spec: &Spec,
    side: Side,
    text: &str,
    schema: &str,
    report: &mut ExchangeReport,
) -> Option<Value> {
    match serde_json::from_str::<Value>(text) {
        Ok(body) => {
            let mut walk = SchemaWalk::new(spec, side);
            walk.check_body(&body, schema);
            report.findings.extend(walk.findings);
            report.observed.extend(walk.observed);
            Some(body)
        }
        Err(e) => {
            let message = format!("the body is not JSON: {e}");
            report.findings.push(finding(
                spec,
                FindingKind::InvalidJson,
                Severity::Mismatch,
                side,
                schema,
                message,
            ));
            None
        }
    }
}

fn check_response(spec: &Spec, op: &SpecOperation, entry: &Entry, report: &mut ExchangeReport) {
    let response = &entry.response;
    let status = response.status;
    let text = match har::content_body(&response.content) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            let pointer = format!("{}/responses", op.pointer);
            let message = format!("content.text is not valid base64: {e}");
            report.findings.push(finding(
                spec,
                FindingKind::InvalidJson,
                Severity::Mismatch,
                Side::Response,
                &pointer,
                message,
            ));
            return;
        }
    };
    let media = har::header(&response.headers, "content-type")
        .map(str::to_owned)
        .unwrap_or_else(|| response.content.mime_type.clone());
    // A recorder may drop a body it did not keep (no `text` but a positive `size`): the
    // status is still checked, the body and the client's decode cannot be.
    let body_recorded = response.content.text.is_some() || response.content.size <= 0;
    let declared = spec.response_for(op, status);
    // A status the spec declares without a body (401, 403, 429): the client's error for
    // exactly that, an empty body, is the answer understood.
    let bodyless = declared.is_some_and(|(_, d)| {
        d.get("content").and_then(Value::as_object).is_none_or(serde_json::Map::is_empty)
    });
    report.decode = if body_recorded {
        let mime_type = &response.content.mime_type;
        client_decode::decode(&op.id, status, &response.headers, mime_type, text.as_bytes(), bodyless)
    } else {
        Decode::NotRun("response body not recorded".to_owned())
    };
    if let Decode::Failed(error) = &report.decode {
        let pointer = format!("{}/responses", op.pointer);
        let message = format!("the generated client fails: {error}");
        report.findings.push(finding(
            spec,
            FindingKind::ClientDecodeFailed,
            Severity::Mismatch,
            Side::Response,
            &pointer,
            message,
        ));
    }
    let findings_before = report.findings.len();

    let Some((key, declared)) = declared else {
        let pointer = format!("{}/responses", op.pointer);
        let message = format!("HTTP {status} is not declared and the operation has no `default` response");
        report.findings.push(finding(
            spec,
            FindingKind::UndeclaredStatus,
            Severity::Mismatch,
            Side::Response,
            &pointer,
            message,
        ));
        return;
    };
    let response_pointer = format!("{}/responses/{}", op.pointer, escape(key));
    if key == "default" {
        let (severity, message) = if status >= 400 {
            (Severity::Info, format!("HTTP {status} is covered only by the `default` response"))
        } else {
            (Severity::Mismatch, format!("HTTP {status} is not declared; `default` stands for errors"))
        };
        report.findings.push(finding(
            spec,
            FindingKind::UndeclaredStatus,
            severity,
            Side::Response,
            &response_pointer,
            message,
        ));
    }
    // Headers the response declares by reference (`Retry-After`), seen on the wire.
    for (name, component) in facts::response_headers(spec, declared) {
        if har::header(&response.headers, name).is_some() {
            report.observed.push(component);
        }
    }
    if !body_recorded {
        return;
    }
    let content = declared.get("content").and_then(Value::as_object).filter(|c| !c.is_empty());
    let body = match content {
        None if text.trim().is_empty() => None,
        None => {
            let message = format!("a `{media}` body where HTTP {key} declares none");
            report.findings.push(finding(
                spec,
                FindingKind::UndeclaredContentType,
                Severity::Mismatch,
                Side::Response,
                &response_pointer,
                message,
            ));
            None
        }
        Some(content) => match content.keys().find(|k| essence(k) == essence(&media)) {
            Some(media_key) => {
                let schema = format!("{response_pointer}/content/{}/schema", escape(media_key));
                walk_json(spec, Side::Response, &text, &schema, report)
            }
            None => {
                let listed = content.keys().cloned().collect::<Vec<_>>().join(", ");
                let message =
                    format!("response content type `{media}` is not declared for HTTP {key} ({listed})");
                let pointer = format!("{response_pointer}/content");
                report.findings.push(finding(
                    spec,
                    FindingKind::UndeclaredContentType,
                    Severity::Mismatch,
                    Side::Response,
                    &pointer,
                    message,
                ));
                serde_json::from_str(&text).ok()
            }
        },
    };
    if let Some(code) = body.as_ref().and_then(|b| b.pointer("/status/messageCode")).and_then(Value::as_str) {
        check_code(spec, op, status, code, report);
    }
    let clean = report.findings[findings_before..].iter().all(|f| f.severity != Severity::Mismatch);
    if clean && matches!(report.decode, Decode::Decoded(_)) {
        report.observed.push(response_pointer);
    }
}

fn check_code(spec: &Spec, op: &SpecOperation, status: u16, code: &str, report: &mut ExchangeReport) {
    report.message_code = Some(code.to_owned());
    let mismatch = |kind, pointer: &str, message| {
        let mut f = finding(spec, kind, Severity::Mismatch, Side::Response, pointer, message);
        f.json_path = "$.status.messageCode".to_owned();
        f
    };
    let Some((index, listed)) = spec.message_code(op, code) else {
        let message = format!("message code `{code}` is not listed for `{}`", op.id);
        let pointer = format!("{}/x-message-codes", op.pointer);
        report.findings.push(mismatch(FindingKind::MessageCodeNotListed, &pointer, message));
        return;
    };
    let pointer = format!("{}/x-message-codes/{index}", op.pointer);
    if let Some(http) = listed.get("http").and_then(Value::as_u64)
        && http != u64::from(status)
    {
        let message = format!("`{code}` is listed with HTTP {http} but arrived with HTTP {status}");
        report.findings.push(mismatch(FindingKind::CodeStatusDiffers, &pointer, message));
        return;
    }
    report.observed.push(pointer);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::har::json_entry;
    use crate::matching::match_operation;
    use serde_json::json;

    fn spec() -> Spec {
        Spec::from_value(json!({"paths": {
            "/c2a/customer/info": {"get": {"operationId": "info", "parameters": [
                {"name": "urn", "in": "query", "required": true, "schema": {"type": "string"}}
            ]}}
        }}))
    }

    fn checked(spec: &Spec, entry: &Entry) -> ExchangeReport {
        let url = RecordedUrl::parse(&entry.request.url).expect("parses");
        let matched = match_operation(spec, &entry.request.method, &url).expect("matches");
        check_exchange(spec, &matched, &url, "t.har", 0, SourceKind::Real, entry)
    }

    fn query_paths(report: &ExchangeReport) -> Vec<&str> {
        report.findings.iter().map(|f| f.json_path.as_str()).filter(|p| p.starts_with('?')).collect()
    }

    #[test]
    fn query_names_are_checked_decoded() {
        let spec = spec();
        let report =
            checked(&spec, &json_entry("GET", "https://h/c2a/customer/info?ur%6E=cu+1", None, 0, None));
        assert_eq!(query_paths(&report), Vec::<&str>::new());
        assert_eq!((report.query[0].name.as_str(), report.query[0].value.as_str()), ("urn", "cu 1"));
        let report = checked(&spec, &json_entry("GET", "https://h/c2a/customer/info?u%72=1", None, 0, None));
        assert_eq!(query_paths(&report), ["?urn", "?ur"], "missing, then undeclared, decoded");
    }

    #[test]
    fn the_path_is_recorded_encoded_and_its_parameters_decoded() {
        let spec = Spec::from_value(json!({"paths": {
            "/c2a/subscription/{customerUrn}": {"get": {"operationId": "list"}}
        }}));
        let report =
            checked(&spec, &json_entry("GET", "https://h/api/c2a/subscription/cu%2E00", None, 0, None));
        assert_eq!(report.path, "/api/c2a/subscription/cu%2E00");
        let params: Vec<_> =
            report.path_parameters.iter().map(|p| (p.name.as_str(), p.value.as_str())).collect();
        assert_eq!(params, [("customerUrn", "cu.00")]);
    }
}
