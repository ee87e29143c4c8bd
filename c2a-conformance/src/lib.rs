//! The one conformance engine: whether an HTTP exchange with the C2A API agrees with
//! `openapi/c2a.yaml`.
//!
//! [`check_exchange`] takes one [`Exchange`] (method, URL, request headers and body,
//! response status, headers and body), tells its operation from the method and the end of
//! the URL's path (any base URL is ignored), and returns every disagreement as a
//! [`Finding`], with the JSON path in the body, the pointer of the spec element and that
//! element's `x-provenance`:
//!
//! - query parameters missing or undeclared; request and response bodies that fail their
//!   schema (missing required field, wrong type or `format: date-time`, value outside a
//!   closed enum, a property the spec does not list: objects are closed unless
//!   `additionalProperties` opens them), enum values an extensible enum does not list yet;
//! - statuses the operation does not declare (exact, then `4XX`, then `default`), content
//!   types it does not declare (`application/clientOutput+Json` for C2A responses), a body
//!   where the response declares none and none where it declares one;
//! - message codes outside the operation's `x-message-codes`, or with another HTTP status
//!   than the entry's `http`, or outside its success class;
//! - in recordings, `x-sensitive` fields not masked ([`SensitiveFields`]).
//!
//! `c2a-verify` runs it over recorded traffic (HAR) and adds the generated client's decode;
//! the sandbox's tests run it over every exchange they make. Neither checks anything of its
//! own.
//!
//! Modules, one concern each: [`exchange`] (the input), [`matching`] (the operation),
//! [`exchange_check`] (one exchange), [`schema_walk`] (a body against its schema),
//! `message_codes` (the envelope's code), [`finding`] (the result), [`spec_model`] (the
//! spec as the checks read it; its rules are `c2a_spec`'s).
//!
//! ```
//! use c2a_conformance::{Exchange, FindingKind, SensitiveFields, Spec, check_exchange};
//!
//! let spec = Spec::from_yaml(
//!     r"
//! paths:
//!   /c2a/ping:
//!     get:
//!       operationId: ping
//!       responses:
//!         '204': { description: No body. }
//! ",
//!     "ping.yaml",
//! )
//! .expect("the spec parses");
//! let exchange = Exchange::new("GET", "https://h/api/v1/c2a/ping").response(200, None, "");
//! let checked = check_exchange(&spec, &exchange, SensitiveFields::Carried).expect("an operation");
//! assert_eq!(checked.operation.id, "ping");
//! assert_eq!(checked.findings[0].kind, FindingKind::UndeclaredStatus);
//! ```

pub mod exchange;
pub mod exchange_check;
pub mod finding;
pub mod matching;
mod message_codes;
pub mod schema_walk;
pub mod spec_model;

pub use exchange::{Exchange, NameValue, Response, SensitiveFields};
pub use exchange_check::{Checked, Unmatched, check_exchange};
pub use finding::{Finding, FindingKind, Severity, Side};
pub use spec_model::{Spec, SpecError, SpecOperation};

/// The media type C2A responses carry (`application/clientOutput+Json`).
pub const RESPONSE_MEDIA_TYPE: &str = "application/clientOutput+Json";
