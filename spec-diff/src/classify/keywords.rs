//! Verdicts on schema keywords, by direction: a keyword change either tightens the values
//! a schema allows (a new `pattern`, a lower `maxLength`), loosens them, or changes them
//! both ways (another `pattern`). Tightening breaks what clients send, loosening what they
//! receive. `default` is judged by what typify makes of it: an optional field with a
//! default is `T`, without one `Option<T>`.

use serde_json::Value;

use super::schemas::UNUSED;
use super::{JudgedDifference, Verdict};
use crate::model::Direction;
use crate::model::Impact::{Breaking as B, NonBreaking as NB};
use crate::model::Semver;

/// What a keyword change does to the values a schema allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Effect {
    /// Fewer values are valid.
    Tightens,
    /// More values are valid.
    Loosens,
    /// Some values become valid and others invalid (or it cannot be told).
    Changes,
    /// Which values are valid does not change (`readOnly`, `writeOnly`).
    None,
}

/// Upper bounds: a lower value (or a new bound) allows fewer values.
const UPPER: [&str; 4] = ["maximum", "maxLength", "maxItems", "maxProperties"];
/// Lower bounds: a higher value (or a new bound) allows fewer values.
const LOWER: [&str; 4] = ["minimum", "minLength", "minItems", "minProperties"];

pub(super) fn keyword_changed(s: &JudgedDifference<'_>) -> Verdict {
    let json = |v: Option<&String>| v.and_then(|text| serde_json::from_str::<Value>(text).ok());
    let (old, new) = (json(s.difference.old.as_ref()), json(s.difference.new.as_ref()));
    if s.member == "default" {
        return default_changed(s, old.is_some(), new.is_some());
    }
    let effect = match s.member {
        "additionalProperties" => additional_properties(s.old, s.new),
        keyword => effect(keyword, old.as_ref(), new.as_ref()),
    };
    let (impact, reason) = match (s.difference.direction, effect) {
        (Direction::Unused, _) => (NB, UNUSED),
        (_, Effect::None) => (NB, "The keyword does not change which values are valid."),
        (Direction::Request, Effect::Tightens) => (B, "The server may now reject values clients send."),
        (Direction::Request, Effect::Loosens) => (NB, "The server accepts every value it accepted before."),
        (Direction::Request, _) => {
            (B, "The constraint was replaced by one that may reject values clients send.")
        }
        (_, Effect::Tightens) => (NB, "Clients receive only values the old constraint allowed."),
        (_, Effect::Loosens) => (
            B,
            "Clients may receive values the old constraint ruled out, which a client that validates them (as typify's constrained types do) rejects.",
        ),
        (_, Effect::Changes) => {
            (B, "The constraint was replaced by one that may let through values the old one ruled out.")
        }
    };
    let how = match effect {
        Effect::Tightens => " (tightened)",
        Effect::Loosens => " (loosened)",
        Effect::Changes | Effect::None => "",
    };
    let (semver, rust) = if matches!(s.member, "readOnly" | "writeOnly") {
        (Semver::Patch, "Generated docs may change; no signature changes.")
    } else {
        (Semver::Major, "typify may generate a different (validating) type for this value.")
    };
    Verdict::new(
        impact,
        format!("`{}` changed from `{}` to `{}`{how}", s.member, s.old, s.new),
        reason,
        semver,
        rust.to_owned(),
    )
}

/// What a change of `keyword` from `old` to `new` (either unset) does to the valid values.
fn effect(keyword: &str, old: Option<&Value>, new: Option<&Value>) -> Effect {
    let number = |v: Option<&Value>| v.and_then(Value::as_f64);
    let flag = |v: Option<&Value>| v.and_then(Value::as_bool).unwrap_or(false);
    // A bound: `Tightens` when the new one allows fewer values (`fewer(old, new)`).
    let bound = |fewer: fn(f64, f64) -> bool| match (number(old), number(new)) {
        (None, Some(_)) => Effect::Tightens,
        (Some(_), None) => Effect::Loosens,
        (Some(a), Some(b)) if fewer(a, b) => Effect::Tightens,
        (Some(a), Some(b)) if fewer(b, a) => Effect::Loosens,
        _ => Effect::Changes,
    };
    match keyword {
        "readOnly" | "writeOnly" => Effect::None,
        // OpenAPI 3.0: a flag that makes `minimum`/`maximum` exclusive; 3.1: a bound.
        "exclusiveMinimum" | "exclusiveMaximum"
            if old.is_none_or(Value::is_boolean) && new.is_none_or(Value::is_boolean) =>
        {
            tightens_if(flag(new) && !flag(old), flag(old) && !flag(new))
        }
        "exclusiveMaximum" => bound(|a, b| b < a),
        "exclusiveMinimum" => bound(|a, b| b > a),
        k if UPPER.contains(&k) => bound(|a, b| b < a),
        k if LOWER.contains(&k) => bound(|a, b| b > a),
        "uniqueItems" => tightens_if(flag(new) && !flag(old), flag(old) && !flag(new)),
        "multipleOf" => match (number(old), number(new)) {
            (None, Some(_)) => Effect::Tightens,
            (Some(_), None) => Effect::Loosens,
            (Some(a), Some(b)) if a > 0.0 && (b / a).fract() == 0.0 => Effect::Tightens,
            (Some(a), Some(b)) if b > 0.0 && (a / b).fract() == 0.0 => Effect::Loosens,
            _ => Effect::Changes,
        },
        // A pattern that matches every string is no constraint.
        "pattern" => match (old.filter(|p| !matches_all(p)), new.filter(|p| !matches_all(p))) {
            (None, None) => Effect::None,
            (None, Some(_)) => Effect::Tightens,
            (Some(_), None) => Effect::Loosens,
            _ => Effect::Changes,
        },
        _ => Effect::Changes,
    }
}

/// `.*` (anchored or not): a pattern every string matches.
fn matches_all(pattern: &Value) -> bool {
    matches!(pattern.as_str(), Some(".*" | "^.*" | ".*$" | "^.*$"))
}

fn tightens_if(tightens: bool, loosens: bool) -> Effect {
    match (tightens, loosens) {
        (true, _) => Effect::Tightens,
        (_, true) => Effect::Loosens,
        _ => Effect::None,
    }
}

/// `additionalProperties` as reported (`open`, `schema`, `closed`): each step towards
/// `closed` allows fewer properties.
fn additional_properties(old: &str, new: &str) -> Effect {
    let rank = |v: &str| match v {
        "open" => 0,
        "schema" => 1,
        _ => 2,
    };
    match rank(new).cmp(&rank(old)) {
        std::cmp::Ordering::Greater => Effect::Tightens,
        std::cmp::Ordering::Less => Effect::Loosens,
        std::cmp::Ordering::Equal => Effect::Changes,
    }
}

/// `default` added, removed or changed: valid values stay the same; typify gives an
/// optional field with a default the type `T` instead of `Option<T>`.
fn default_changed(s: &JudgedDifference<'_>, had: bool, has: bool) -> Verdict {
    let option_dropped = s.difference.details.option_unless_default;
    let (field, owner) = (s.field(), s.owner());
    let (semver, rust) = match (had, has) {
        (false, true) if option_dropped => (
            Semver::Major,
            format!(
                "`{field}` in {owner} changes from `Option<T>` to `T` (typify drops the `Option` of an optional field with a default), so code that reads or sets it stops compiling."
            ),
        ),
        (true, false) if option_dropped => (
            Semver::Major,
            format!(
                "`{field}` in {owner} changes from `T` to `Option<T>` (an optional field without a default is an `Option`), so code that reads or sets it stops compiling."
            ),
        ),
        (true, true) => {
            (Semver::Patch, "Only the generated default value changes; no signature changes.".to_owned())
        }
        _ => (
            Semver::Patch,
            "The value keeps its Rust type (required, nullable, a collection, or not a struct field); only its generated default changes.".to_owned(),
        ),
    };
    Verdict::new(
        NB,
        format!("`default` changed from `{}` to `{}`", s.old, s.new),
        if s.unused { UNUSED } else { "A default does not change which values are valid." },
        semver,
        rust,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bounds_tighten_and_loosen() {
        let v = |n: i64| Some(json!(n));
        assert_eq!(effect("maxLength", None, v(8).as_ref()), Effect::Tightens);
        assert_eq!(effect("maxLength", v(8).as_ref(), v(16).as_ref()), Effect::Loosens);
        assert_eq!(effect("minimum", v(1).as_ref(), v(0).as_ref()), Effect::Loosens);
        assert_eq!(effect("minItems", v(1).as_ref(), v(2).as_ref()), Effect::Tightens);
        assert_eq!(effect("multipleOf", v(2).as_ref(), v(4).as_ref()), Effect::Tightens);
        assert_eq!(effect("multipleOf", v(4).as_ref(), v(6).as_ref()), Effect::Changes);
        assert_eq!(effect("pattern", None, Some(json!("^a")).as_ref()), Effect::Tightens);
        assert_eq!(
            effect("pattern", Some(json!("^a")).as_ref(), Some(json!("^b")).as_ref()),
            Effect::Changes
        );
        assert_eq!(
            effect("pattern", Some(json!("^a")).as_ref(), Some(json!(".*")).as_ref()),
            Effect::Loosens
        );
        assert_eq!(effect("exclusiveMinimum", None, Some(json!(true)).as_ref()), Effect::Tightens);
        assert_eq!(effect("exclusiveMaximum", v(5).as_ref(), v(9).as_ref()), Effect::Loosens);
        assert_eq!(effect("uniqueItems", Some(json!(true)).as_ref(), None), Effect::Loosens);
        assert_eq!(effect("readOnly", None, Some(json!(true)).as_ref()), Effect::None);
        assert_eq!(effect("not", None, Some(json!({})).as_ref()), Effect::Changes);
        assert_eq!(additional_properties("open", "closed"), Effect::Tightens);
        assert_eq!(additional_properties("closed", "schema"), Effect::Loosens);
    }
}
