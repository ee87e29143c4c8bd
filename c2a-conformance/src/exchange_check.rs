//! Checks one exchange: which operation it is, then its query, request body, status,
//! content type, response body and message code.

use serde_json::Value;

use crate::exchange::{Exchange, NameValue, Response, SensitiveFields, header};
use crate::finding::{Finding, FindingKind, Severity, Side};
use crate::matching::{RecordedUrl, UrlError, match_operation, recorded_query};
use crate::message_codes::check_code;
use crate::schema_walk::SchemaWalk;
use crate::spec_model::{Spec, SpecOperation, escape};

/// Why an exchange is not a call of any operation of the spec.
#[derive(Debug, thiserror::Error)]
pub enum Unmatched {
    /// Its URL does not parse or has no path.
    #[error(transparent)]
    Url(#[from] UrlError),
    /// No operation has its method and a template matching the end of its path.
    #[error("no operation of the spec has this method and path")]
    NoOperation,
}

/// What the engine says about one exchange of a known operation.
#[derive(Clone, Debug)]
pub struct Checked<'s> {
    /// The operation the method and URL matched.
    pub operation: &'s SpecOperation,
    /// The URL's path as sent (percent-encoded, dot segments resolved).
    pub path: String,
    /// The path template's parameters with the values the URL gives them, percent-decoded
    /// (`trackingId` = `trk/1` for the segment `trk%2F1`), in template order.
    pub path_parameters: Vec<NameValue>,
    /// The query parameters the checks saw, in order: the URL's query form-decoded
    /// (`%6E` is `n`, `+` is a space), or [`Exchange::recorded_query`] when the URL has none.
    pub query: Vec<NameValue>,
    /// The message code of the response envelope, if any.
    pub message_code: Option<String>,
    /// Everything that disagrees: the request's findings first, then the response's.
    pub findings: Vec<Finding>,
    /// Fact keys of the spec elements the exchange shows as declared: property pointers
    /// (`/components/schemas/X/properties/p`), enum values (`<enum pointer>=V`), header
    /// components seen on the response, the message code's `x-message-codes` entry.
    pub observed: Vec<String>,
    /// The pointer of the declared response (`/paths/.../responses/200`) when the response
    /// matched it without a mismatch: status, content type, body and message code.
    pub conforming_response: Option<String>,
}

impl Checked<'_> {
    /// The findings of severity [`Severity::Mismatch`].
    pub fn mismatches(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Mismatch)
    }
}

/// Checks `exchange` against `spec`, judging `x-sensitive` fields as `sensitive` says.
///
/// The operation is told by method and URL ([`match_operation`]: the end of the path, so
/// any base URL is ignored); an exchange of no operation is [`Unmatched`]. The checks:
/// declared query parameters (required present, none undeclared); the request body's
/// content type and schema; the response's status (exact, range, then `default`:
/// [`c2a_spec::responses::for_status`]), content type (no body exactly where the response
/// declares none) and schema (objects closed unless `additionalProperties` says otherwise);
/// and its `status.messageCode` (listed in `x-message-codes`, with its `http` status and
/// its success class).
pub fn check_exchange<'s>(
    spec: &'s Spec,
    exchange: &Exchange,
    sensitive: SensitiveFields<'_>,
) -> Result<Checked<'s>, Unmatched> {
    let url = RecordedUrl::parse(&exchange.url)?;
    let matched = match_operation(spec, &exchange.method, &url).ok_or(Unmatched::NoOperation)?;
    let op = matched.operation;
    let mut checked = Checked {
        operation: op,
        query: recorded_query(&url, &exchange.recorded_query).to_vec(),
        path: url.path,
        path_parameters: matched.path_parameters,
        message_code: None,
        findings: Vec::new(),
        observed: Vec::new(),
        conforming_response: None,
    };
    let check = Check { spec, op, sensitive };
    check.query(&mut checked);
    check.request(exchange, &mut checked);
    if let Some(response) = &exchange.response {
        check.response(response, &mut checked);
    }
    Ok(checked)
}

/// The media type without parameters, lower case (`application/clientoutput+json`).
fn essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// One exchange's check: the spec, its operation, the sensitive-field rule.
struct Check<'s, 'm> {
    spec: &'s Spec,
    op: &'s SpecOperation,
    sensitive: SensitiveFields<'m>,
}

impl Check<'_, '_> {
    fn mismatch(&self, kind: FindingKind, side: Side, pointer: &str, message: String) -> Finding {
        Finding::at(self.spec, kind, Severity::Mismatch, side, pointer, message)
    }

    /// Query parameters (`checked.query`, decoded): required ones present, none the
    /// operation does not declare (its path item's and its own, `$ref`s followed:
    /// [`Spec::parameters`]).
    fn query(&self, checked: &mut Checked<'_>) {
        let params = self.spec.parameters(self.op);
        let declared: Vec<(&str, &str, bool)> = params
            .iter()
            .filter(|(_, p)| p.get("in").and_then(Value::as_str) == Some("query"))
            .filter_map(|(at, p)| {
                Some((at.as_str(), p.get("name")?.as_str()?, p.get("required") == Some(&Value::Bool(true))))
            })
            .collect();
        let recorded: Vec<String> = checked.query.iter().map(|q| q.name.clone()).collect();
        for (pointer, name, required) in &declared {
            if *required && !recorded.iter().any(|r| r == name) {
                let message = format!("required query parameter `{name}` is absent");
                let f = self.mismatch(FindingKind::MissingRequired, Side::Request, pointer, message);
                checked.findings.push(f.with_path(format!("?{name}")));
            }
        }
        for name in recorded.iter().filter(|r| !r.is_empty() && !declared.iter().any(|(_, n, _)| n == r)) {
            let pointer = format!("{}/parameters", self.op.pointer);
            let message = format!("query parameter `{name}` is not declared");
            let f = self.mismatch(FindingKind::UnknownField, Side::Request, &pointer, message);
            checked.findings.push(f.with_path(format!("?{name}")));
        }
    }

    /// The request body (when there is one): a declared content type, then its schema.
    fn request(&self, exchange: &Exchange, checked: &mut Checked<'_>) {
        let Some(body) = exchange.request_body.as_deref() else { return };
        let text = String::from_utf8_lossy(body);
        if text.trim().is_empty() {
            return;
        }
        let media = header(&exchange.request_headers, "content-type").unwrap_or_default();
        let body_pointer = self.spec.resolved(&format!("{}/requestBody", self.op.pointer));
        let declared = self.spec.node(&format!("{body_pointer}/content")).and_then(Value::as_object);
        let Some(declared) = declared else {
            let message = format!("a request body ({media}) where the operation declares none");
            checked.findings.push(self.mismatch(
                FindingKind::UndeclaredContentType,
                Side::Request,
                &body_pointer,
                message,
            ));
            return;
        };
        let Some(key) = declared.keys().find(|k| essence(k) == essence(media)) else {
            let listed = declared.keys().cloned().collect::<Vec<_>>().join(", ");
            let message = format!("request content type `{media}` is not declared ({listed})");
            let pointer = format!("{body_pointer}/content");
            checked.findings.push(self.mismatch(
                FindingKind::UndeclaredContentType,
                Side::Request,
                &pointer,
                message,
            ));
            return;
        };
        let schema = format!("{body_pointer}/content/{}/schema", escape(key));
        self.walk_json(Side::Request, &text, &schema, checked);
    }

    /// Parses `text` and walks it; an unparsable body is an `InvalidJson` finding.
    fn walk_json(&self, side: Side, text: &str, schema: &str, checked: &mut Checked<'_>) -> Option<Value> {
        match serde_json::from_str::<Value>(text) {
            Ok(body) => {
                let mut walk = SchemaWalk::new(self.spec, side, self.sensitive);
                walk.check_body(&body, schema);
                checked.findings.extend(walk.findings);
                checked.observed.extend(walk.observed);
                Some(body)
            }
            Err(e) => {
                let message = format!("the body is not JSON: {e}");
                checked.findings.push(self.mismatch(FindingKind::InvalidJson, side, schema, message));
                None
            }
        }
    }

    /// The status, declared headers, content type, body and message code.
    fn response(&self, response: &Response, checked: &mut Checked<'_>) {
        let (spec, op) = (self.spec, self.op);
        let status = response.status;
        let findings_before = checked.findings.len();
        let Some((key, declared_pointer, declared)) = spec.declared_response(op, status) else {
            let pointer = format!("{}/responses", op.pointer);
            let message =
                format!("HTTP {status} is not declared and the operation has no `default` response");
            checked.findings.push(self.mismatch(
                FindingKind::UndeclaredStatus,
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
            let kind = FindingKind::UndeclaredStatus;
            checked.findings.push(Finding::at(
                spec,
                kind,
                severity,
                Side::Response,
                &response_pointer,
                message,
            ));
        }
        // Headers the response declares by reference (`Retry-After`), seen on the wire.
        for (name, component) in spec.declared_header_components(declared) {
            if header(&response.headers, name).is_some() {
                checked.observed.push(component);
            }
        }
        let Some(bytes) = response.body.as_deref() else { return };
        let text = String::from_utf8_lossy(bytes);
        let media = header(&response.headers, "content-type").unwrap_or_default();
        let content = declared.get("content").and_then(Value::as_object).filter(|c| !c.is_empty());
        let body = match content {
            None if text.trim().is_empty() => None,
            None => {
                let message = format!("a `{media}` body where HTTP {key} declares none");
                let kind = FindingKind::UndeclaredContentType;
                checked.findings.push(self.mismatch(kind, Side::Response, &response_pointer, message));
                None
            }
            Some(content) => match content.keys().find(|k| essence(k) == essence(media)) {
                Some(media_key) => {
                    let schema = format!("{declared_pointer}/content/{}/schema", escape(media_key));
                    self.walk_json(Side::Response, &text, &schema, checked)
                }
                None => {
                    let listed = content.keys().cloned().collect::<Vec<_>>().join(", ");
                    let message =
                        format!("response content type `{media}` is not declared for HTTP {key} ({listed})");
                    let pointer = format!("{declared_pointer}/content");
                    let kind = FindingKind::UndeclaredContentType;
                    checked.findings.push(self.mismatch(kind, Side::Response, &pointer, message));
                    serde_json::from_str(&text).ok()
                }
            },
        };
        if let Some(code) =
            body.as_ref().and_then(|b| b.pointer("/status/messageCode")).and_then(Value::as_str)
        {
            check_code(spec, op, status, code, checked);
        }
        let clean = checked.findings[findings_before..].iter().all(|f| f.severity != Severity::Mismatch);
        if clean {
            checked.conforming_response = Some(response_pointer);
        }
    }
}
