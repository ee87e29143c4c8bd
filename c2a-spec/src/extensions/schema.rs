//! Extensions on schemas: `x-envelope`, `x-provenance`, `x-aliases`, `x-money`,
//! `x-decision`, `x-sensitive` and `x-extensible-enum`.

use serde_json::Value;

use super::read::{Fields, Problems, check_type_ident};
use crate::diagnostic::{Diagnostic, escape_token};

/// Where a fact comes from (`documented | sample | inferred`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// A docs table or text says so.
    Documented,
    /// Only a sample in the docs shows it.
    Sample,
    /// No page shows it: our inference.
    Inferred,
}

impl Provenance {
    /// The spellings the spec may use.
    pub const NAMES: [&str; 3] = ["documented", "sample", "inferred"];

    /// The spelling in the spec.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Documented => "documented",
            Self::Sample => "sample",
            Self::Inferred => "inferred",
        }
    }

    /// The provenance of property (or enum value) `field` of a component with provenance
    /// `schema`, by the shared rule [`crate::provenance::of_member`]: `inferred` or `sample`
    /// when listed there (`inferred` first), else `documented` (a docs table backs it).
    pub fn of_field(schema: Option<&SchemaProvenance>, field: &str) -> Self {
        match schema {
            Some(p) => crate::provenance::of_member(
                p.sample.iter().map(String::as_str),
                p.inferred.iter().map(String::as_str),
                field,
            ),
            None => Self::Documented,
        }
    }

    /// Parses `x-provenance: documented` (a response's form) found at `at`.
    pub fn parse(value: &Value, at: &str) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Problems::new("x-provenance");
        let parsed = match value.as_str() {
            Some(text) => Self::parse_str(text, at, &mut problems),
            None => {
                problems.push(at, format!("must be `documented`, `sample` or `inferred`, found {value}"));
                None
            }
        };
        problems.finish(parsed)
    }

    pub(crate) fn parse_str(text: &str, at: &str, problems: &mut Problems) -> Option<Self> {
        match text {
            "documented" => Some(Self::Documented),
            "sample" => Some(Self::Sample),
            "inferred" => Some(Self::Inferred),
            other => {
                problems.push(
                    at,
                    format!("provenance must be `documented`, `sample` or `inferred`, found `{other}`"),
                );
                None
            }
        }
    }
}

/// `x-provenance` on a component (and on `info`): how far the docs back it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaProvenance {
    /// The schema as a whole.
    pub source: Provenance,
    /// The doc pages it comes from.
    pub docs: Vec<String>,
    /// Fields (or enum values) seen only in a sample.
    pub sample: Vec<String>,
    /// Fields (or enum values) no page shows.
    pub inferred: Vec<String>,
    /// Why, in a sentence or two.
    pub note: Option<String>,
    /// `kept_required`: sample or inferred response fields that stay required, each with
    /// the DECISIONS.md entry (`D-22`) that argues for it.
    pub kept_required: Vec<(String, String)>,
}

impl SchemaProvenance {
    /// The DECISIONS.md entry that keeps `field` required, if any.
    pub fn kept_required(&self, field: &str) -> Option<&str> {
        self.kept_required.iter().find(|(name, _)| name == field).map(|(_, entry)| entry.as_str())
    }

    /// Parses the object form found at `at`.
    pub fn parse(value: &Value, at: &str) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Problems::new("x-provenance");
        let Some(fields) = Fields::open(
            value,
            at,
            &["source", "docs", "sample", "inferred", "note", "kept_required"],
            &mut problems,
        ) else {
            return problems.finish(None);
        };
        let source = fields
            .str("source", &mut problems)
            .and_then(|s| Provenance::parse_str(s, &fields.pointer("source"), &mut problems));
        let mut list = |key: &str| -> Vec<String> {
            let Some(value) = fields.get(key) else { return Vec::new() };
            let Some(items) = value.as_array() else {
                problems.push(fields.pointer(key), format!("`{key}` must be a list"));
                return Vec::new();
            };
            items.iter().map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())).collect()
        };
        let (docs, sample, inferred) = (list("docs"), list("sample"), list("inferred"));
        let note = fields.opt_str("note", &mut problems).map(str::to_owned);
        let kept_required = match fields.get("kept_required") {
            None => Vec::new(),
            Some(Value::Object(kept)) => kept
                .iter()
                .filter_map(|(field, entry)| match entry.as_str().filter(|id| is_decision_id(id)) {
                    Some(id) => Some((field.clone(), id.to_owned())),
                    None => {
                        problems.push(
                            format!("{}/{}", fields.pointer("kept_required"), escape_token(field)),
                            format!("`{field}` must name a DECISIONS.md entry such as `D-22`, found {entry}"),
                        );
                        None
                    }
                })
                .collect(),
            Some(_) => {
                problems.push(
                    fields.pointer("kept_required"),
                    "`kept_required` must map a field to the DECISIONS.md entry (`D-22`) that keeps it required",
                );
                Vec::new()
            }
        };
        problems.finish(source.map(|source| Self { source, docs, sample, inferred, note, kept_required }))
    }
}

/// `x-envelope` on a response component: how the payload sits next to `status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Envelope {
    /// `result` (the payload) and `status`.
    General,
    /// Domain fields next to `status`.
    Inline,
    /// Only `status`.
    Status,
}

impl Envelope {
    /// The spellings `x-envelope` may use.
    pub const NAMES: [&str; 3] = ["general", "inline", "status"];

    /// Parses `x-envelope: general|inline|status` found at `at`.
    pub fn parse(value: &Value, at: &str) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Problems::new("x-envelope");
        let parsed = match value.as_str() {
            Some("general") => Some(Self::General),
            Some("inline") => Some(Self::Inline),
            Some("status") => Some(Self::Status),
            _ => {
                problems
                    .push(at, format!("`x-envelope` must be `general`, `inline` or `status`, found {value}"));
                None
            }
        };
        problems.finish(parsed)
    }
}

/// `x-aliases`: `{ field: ALIAS }`, the short wire aliases the docs give (documentation).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aliases(pub Vec<(String, String)>);

impl Aliases {
    /// Parses the mapping found at `at`.
    pub fn parse(value: &Value, at: &str) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Problems::new("x-aliases");
        let Some(map) = value.as_object() else {
            problems.push(at, "`x-aliases` must map property names to their short aliases");
            return problems.finish(None);
        };
        let mut pairs = Vec::new();
        for (field, alias) in map {
            match alias.as_str() {
                Some(alias) if !alias.is_empty() => pairs.push((field.clone(), alias.to_owned())),
                _ => problems.push(
                    format!("{at}/{}", escape_token(field)),
                    format!("the alias of `{field}` must be a non-empty string"),
                ),
            }
        }
        problems.finish(Some(Self(pairs)))
    }
}

/// `x-money`: which property holds the amount (in `Milpieces`) and which the currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoneyPair {
    /// The amount property's wire name.
    pub amount: String,
    /// The currency property's wire name.
    pub currency: String,
}

impl MoneyPair {
    /// Parses `{ amount: <property>, currency: <property> }` found at `at`.
    pub fn parse(value: &Value, at: &str) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Problems::new("x-money");
        let Some(fields) = Fields::open(value, at, &["amount", "currency"], &mut problems) else {
            return problems.finish(None);
        };
        let amount = fields.text("amount", &mut problems);
        let currency = fields.text("currency", &mut problems);
        let pair = amount.zip(currency).map(|(a, c)| Self { amount: a.to_owned(), currency: c.to_owned() });
        problems.finish(pair)
    }
}

/// `x-decision`: the field whose value decides what happens next, as a Rust enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The Rust enum's name (PascalCase).
    pub name: String,
    /// The enum-typed property that decides.
    pub by: String,
    /// One variant per value.
    pub cases: Vec<DecisionCase>,
}

/// One case of an `x-decision`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionCase {
    /// The value of `by`, which is also the variant's name (PascalCase, not `Unknown`).
    pub value: String,
    /// The property this case carries, if any.
    pub carries: Option<String>,
}

impl Decision {
    /// Parses `{ name, by, cases: [{ value, carries? }] }` found at `at`.
    pub fn parse(value: &Value, at: &str) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Problems::new("x-decision");
        let Some(fields) = Fields::open(value, at, &["name", "by", "cases"], &mut problems) else {
            return problems.finish(None);
        };
        let name = fields.type_ident("name", &mut problems);
        let by = fields.text("by", &mut problems);
        let mut cases = Vec::new();
        match fields.get("cases").and_then(Value::as_array) {
            None => problems.push(at, "`cases` must be a list of `{ value, carries? }`"),
            Some(items) => {
                for (i, case) in items.iter().enumerate() {
                    let here = format!("{}/{i}", fields.pointer("cases"));
                    let Some(case) = Fields::open(case, &here, &["value", "carries"], &mut problems) else {
                        continue;
                    };
                    let value = case
                        .str("value", &mut problems)
                        .and_then(|v| check_type_ident(v, &case.pointer("value"), "value", &mut problems));
                    if value == Some("Unknown") {
                        problems.push(
                            case.pointer("value"),
                            "`Unknown` is the variant for values the client does not know",
                        );
                    }
                    if cases.iter().any(|c: &DecisionCase| Some(c.value.as_str()) == value) {
                        problems.push(
                            case.pointer("value"),
                            format!("case `{}` is listed twice", value.unwrap_or_default()),
                        );
                    }
                    let carries = case.opt_str("carries", &mut problems).map(str::to_owned);
                    if let Some(value) = value {
                        cases.push(DecisionCase { value: value.to_owned(), carries });
                    }
                }
            }
        }
        let decision =
            name.zip(by).map(|(name, by)| Self { name: name.to_owned(), by: by.to_owned(), cases });
        problems.finish(decision)
    }
}

/// `x-sensitive` on a property, `x-extensible-enum` on a string enum: a boolean flag.
pub fn parse_flag(key: &'static str, value: &Value, at: &str) -> Result<bool, Vec<Diagnostic>> {
    let mut problems = Problems::new(key);
    let flag = value.as_bool();
    if flag.is_none() {
        problems.push(at, format!("`{key}` must be `true` or `false`, found {value}"));
    }
    problems.finish(flag)
}

/// `D-` followed by digits, as DECISIONS.md numbers its entries.
fn is_decision_id(id: &str) -> bool {
    id.strip_prefix("D-").is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decision_values_must_be_rust_variants() {
        let problems = Decision::parse(
            &json!({"name": "self", "by": "kind", "cases": [{"value": "a-b"}, {"value": "Unknown"}, {"value": "Ok", "size": 1}]}),
            "/d",
        )
        .expect_err("broken");
        let pointers: Vec<_> = problems.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(pointers, ["/d/name", "/d/cases/0/value", "/d/cases/1/value", "/d/cases/2/size"]);
    }

    #[test]
    fn money_pair_refuses_unknown_keys() {
        let problems =
            MoneyPair::parse(&json!({"amount": "a", "currency": "c", "scale": 2}), "/m").expect_err("key");
        assert_eq!(problems[0].pointer, "/m/scale");
        assert_eq!(
            MoneyPair::parse(&json!({"amount": "a", "currency": "c"}), "/m").map(|p| p.amount),
            Ok("a".into())
        );
    }

    #[test]
    fn envelope_and_provenance_spellings() {
        assert_eq!(Envelope::parse(&json!("inline"), "/e"), Ok(Envelope::Inline));
        assert!(Envelope::parse(&json!("wrapped"), "/e").is_err());
        assert_eq!(Provenance::parse(&json!("sample"), "/p"), Ok(Provenance::Sample));
        assert!(parse_flag("x-sensitive", &json!("yes"), "/s").is_err());
    }
}
