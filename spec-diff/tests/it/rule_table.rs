//! Rule parity with oasdiff, as data: `tests/rule_table/rules.tsv` lists every rule of
//! oasdiff's checker with its level and, for each rule that can fire on an OpenAPI 3.0 spec
//! like ours, a fixture (edits of the one base spec `tests/rule_table/base.yaml`) and the
//! verdict spec-diff must give. The file's header explains its columns.
//!
//! Every applicable row is run through spec-diff (parsed and compared exactly as
//! `cargo xtask spec-diff --spec-old --spec-new` does, through [`spec_diff::diff_sources`])
//! and must be reported (at least one change) with its verdict: `breaking` when a change is
//! breaking, `non-breaking` when none is. Rows with a `pending` bug id are run and listed
//! but do not fail; run `cargo test -p spec-diff --test it rule_table:: -- --nocapture` to
//! see the list and the counts. `RULE_TABLE_SHOW=<rule id>` (or `all`) prints the changes
//! spec-diff reports for that rule's rows (the variable is only read, by one test).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use spec_diff::{Change, Impact, Report, Source};

/// How many rules oasdiff's `checker/rules.go` has at the commit the table was made from.
const OASDIFF_RULES: usize = 509;

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rule_table")
}

// ---------------------------------------------------------------------- the table

/// One edit of the base spec.
#[derive(Clone, Debug)]
enum Edit {
    /// Add or replace the value at a pointer (`/-` appends to an array).
    Set(String, Value),
    /// Remove the value at a pointer.
    Del(String),
}

/// oasdiff's level of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Err,
    Warn,
    Info,
}

impl Level {
    /// The verdict the level maps to: ERR and WARN break, INFO does not.
    fn verdict(self) -> Impact {
        match self {
            Self::Err | Self::Warn => Impact::Breaking,
            Self::Info => Impact::NonBreaking,
        }
    }
}

/// One line of the table.
#[derive(Clone, Debug)]
struct Row {
    line: usize,
    rule: String,
    level: Level,
    /// `None` for a rule that does not apply.
    verdict: Option<Impact>,
    pending: Option<String>,
    old: Vec<Edit>,
    new: Vec<Edit>,
    note: String,
}

impl Row {
    fn applies(&self) -> bool {
        self.verdict.is_some()
    }

    fn is_deviation(&self) -> bool {
        self.verdict.is_some_and(|v| v != self.level.verdict())
    }

    fn name(&self) -> String {
        format!("line {}: {}", self.line, self.rule)
    }
}

struct Table {
    rows: Vec<Row>,
    /// The `@counts` line, by name.
    counts: BTreeMap<String, usize>,
}

fn load_table() -> Table {
    let text = std::fs::read_to_string(data_dir().join("rules.tsv")).expect("rules.tsv");
    parse_table(&text).unwrap_or_else(|e| panic!("rules.tsv: {e}"))
}

fn parse_table(text: &str) -> Result<Table, String> {
    let mut prefixes: Vec<(String, String)> = Vec::new();
    let mut counts = BTreeMap::new();
    let mut rows = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let at = |e: String| format!("line {number}: {e}");
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        match cells[0] {
            "@define" => match cells.as_slice() {
                [_, name, value] if name.starts_with('@') => {
                    prefixes.push(((*name).to_owned(), (*value).to_owned()));
                    // Longest first, so `@in` never eats the start of `@item`.
                    prefixes.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
                }
                _ => return Err(at("`@define<TAB>@name<TAB>/pointer`".to_owned())),
            },
            "@counts" => {
                for cell in &cells[1..] {
                    let (name, value) = cell.split_once('=').ok_or_else(|| at(format!("`{cell}`")))?;
                    let value = value.parse().map_err(|_| at(format!("`{cell}`")))?;
                    counts.insert(name.to_owned(), value);
                }
            }
            _ => rows.push(parse_row(number, &cells, &prefixes).map_err(at)?),
        }
    }
    Ok(Table { rows, counts })
}

fn parse_row(line: usize, cells: &[&str], prefixes: &[(String, String)]) -> Result<Row, String> {
    let [rule, level, verdict, pending, old, new, note] = cells else {
        return Err(format!("{} columns, expected 7", cells.len()));
    };
    let level = match *level {
        "ERR" => Level::Err,
        "WARN" => Level::Warn,
        "INFO" => Level::Info,
        other => return Err(format!("level `{other}`")),
    };
    let verdict = match *verdict {
        "breaking" => Some(Impact::Breaking),
        "non-breaking" => Some(Impact::NonBreaking),
        "n/a" => None,
        other => return Err(format!("verdict `{other}`")),
    };
    let optional = |cell: &str| (cell != "-").then(|| cell.to_owned());
    let edits = |cell: &str| if cell == "-" { Ok(Vec::new()) } else { parse_edits(cell, prefixes) };
    let row = Row {
        line,
        rule: (*rule).to_owned(),
        level,
        verdict,
        pending: optional(pending),
        old: edits(old)?,
        new: edits(new)?,
        note: optional(note).unwrap_or_default(),
    };
    check_row(&row)?;
    Ok(row)
}

/// The rules a row must follow, whatever the outcome of running it.
fn check_row(row: &Row) -> Result<(), String> {
    let valid_id = !row.rule.is_empty()
        && row.rule.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_id {
        return Err(format!("rule id `{}`", row.rule));
    }
    if !row.applies() {
        if row.pending.is_some() || !row.old.is_empty() || !row.new.is_empty() || row.note.is_empty() {
            return Err("an n/a row has no fixture and no pending bug, and its note says why".to_owned());
        }
        return Ok(());
    }
    if row.old.is_empty() && row.new.is_empty() {
        return Err("an applicable row edits at least one side".to_owned());
    }
    let deviation_note = row.note.starts_with("deviation:") || row.note.contains("; deviation:");
    match (&row.pending, row.is_deviation()) {
        (Some(_), true) => Err("a pending row expects oasdiff's verdict".to_owned()),
        (None, true) if !deviation_note => {
            Err("a deviation's note gives its reason (`deviation: ...`)".to_owned())
        }
        (None, false) if deviation_note => {
            Err("a `deviation:` note on a row that agrees with oasdiff".to_owned())
        }
        _ => Ok(()),
    }
}

/// `set POINTER JSON; del POINTER; ...`: a pointer is a run of non-blank characters (a
/// `del` pointer also ends at `;`), a value is the shortest JSON text up to a `;` or the end.
fn parse_edits(text: &str, prefixes: &[(String, String)]) -> Result<Vec<Edit>, String> {
    let expand = |pointer: &str| -> Result<String, String> {
        let expanded = prefixes
            .iter()
            .find_map(|(name, value)| {
                pointer
                    .strip_prefix(name.as_str())
                    .filter(|rest| rest.is_empty() || rest.starts_with('/'))
                    .map(|rest| format!("{value}{rest}"))
            })
            .unwrap_or_else(|| pointer.to_owned());
        if expanded.starts_with('/') { Ok(expanded) } else { Err(format!("pointer `{pointer}`")) }
    };
    let mut edits = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (op, after) = rest.split_once(' ').ok_or_else(|| format!("edit `{rest}`"))?;
        let after = after.trim_start();
        let remainder = match op {
            "del" => {
                let end = after.find(|c: char| c.is_whitespace() || c == ';').unwrap_or(after.len());
                edits.push(Edit::Del(expand(&after[..end])?));
                &after[end..]
            }
            "set" => {
                let end =
                    after.find(char::is_whitespace).ok_or_else(|| format!("a value after `set {after}`"))?;
                let (pointer, after) = after.split_at(end);
                let mut ends = after.match_indices(';').map(|(i, _)| i).chain([after.len()]);
                let (value, end) = ends
                    .find_map(|end| serde_json::from_str::<Value>(&after[..end]).ok().map(|v| (v, end)))
                    .ok_or_else(|| format!("a JSON value after `set {pointer}`"))?;
                edits.push(Edit::Set(expand(pointer)?, value));
                &after[end..]
            }
            other => return Err(format!("edit `{other}` (set or del)")),
        };
        let remainder = remainder.trim_start();
        rest = match remainder.strip_prefix(';') {
            Some(next) => next.trim_start(),
            None if remainder.is_empty() => remainder,
            None => return Err(format!("`;` expected before `{remainder}`")),
        };
    }
    Ok(edits)
}

// ---------------------------------------------------------------------- fixtures

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Applies one edit; the parent of the pointer must exist (a typo fails the row).
fn apply(doc: &mut Value, edit: &Edit) -> Result<(), String> {
    let pointer = match edit {
        Edit::Set(p, _) | Edit::Del(p) => p,
    };
    let (parent, last) = pointer.rsplit_once('/').ok_or_else(|| format!("pointer `{pointer}`"))?;
    let last = unescape(last);
    let node = doc.pointer_mut(parent).ok_or_else(|| format!("nothing at `{parent}`"))?;
    match (edit, node) {
        (Edit::Set(_, value), Value::Object(map)) => {
            map.insert(last, value.clone());
        }
        (Edit::Set(_, value), Value::Array(items)) if last == "-" => items.push(value.clone()),
        (Edit::Set(_, value), Value::Array(items)) => {
            let slot = last.parse::<usize>().ok().and_then(|i| items.get_mut(i));
            *slot.ok_or_else(|| format!("no item `{pointer}`"))? = value.clone();
        }
        (Edit::Del(_), Value::Object(map)) => {
            map.shift_remove(&last).ok_or_else(|| format!("nothing to delete at `{pointer}`"))?;
        }
        (Edit::Del(_), Value::Array(items)) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
            }
            _ => return Err(format!("no item `{pointer}`")),
        },
        _ => return Err(format!("`{parent}` is neither an object nor an array")),
    }
    Ok(())
}

fn base() -> Value {
    let text = std::fs::read_to_string(data_dir().join("base.yaml")).expect("base.yaml");
    c2a_spec::load::parse_yaml(&text).expect("base.yaml is YAML")
}

fn side(base: &Value, edits: &[Edit], label: String) -> Result<Source, String> {
    let mut doc = base.clone();
    for edit in edits {
        apply(&mut doc, edit)?;
    }
    let text = serde_json::to_string_pretty(&doc).expect("JSON");
    Ok(Source { label, text })
}

/// Runs one row: the report, or why the fixture could not be compared.
fn run_row(base: &Value, row: &Row) -> Result<Report, String> {
    let old = side(base, &row.old, format!("{}:old", row.rule))?;
    let new = side(base, &row.new, format!("{}:new", row.rule))?;
    if old.text == new.text {
        return Err("both sides are the same document".to_owned());
    }
    spec_diff::diff_sources(&old, &new).map_err(|e| format!("not loadable: {e}"))
}

/// What spec-diff said, when it is not the row's verdict.
fn disagreement(row: &Row, report: &Report) -> Option<String> {
    let expected = row.verdict.expect("an applicable row");
    let got = match (report.summary.total, report.summary.breaking) {
        (0, _) => "no change reported",
        (_, 0) => "non-breaking",
        _ => "breaking",
    };
    let agrees = match expected {
        Impact::Breaking => report.summary.breaking > 0,
        Impact::NonBreaking => report.summary.total > 0 && report.summary.breaking == 0,
    };
    (!agrees).then(|| {
        let changes: Vec<String> = report.changes.iter().map(describe).collect();
        format!("expected {expected:?}, spec-diff says {got}: [{}]", changes.join("; "))
    })
}

fn describe(c: &Change) -> String {
    let member = c.member.as_deref().map(|m| format!(" `{m}`")).unwrap_or_default();
    format!("{:?} {} at {}{member}", c.impact, c.kind.as_str(), c.location)
}

// ---------------------------------------------------------------------- tests

#[test]
fn the_table_lists_every_oasdiff_rule_once_and_its_counts_hold() {
    let table = load_table();
    let mut applies: BTreeMap<&str, bool> = BTreeMap::new();
    for row in &table.rows {
        if let Some(before) = applies.insert(&row.rule, row.applies()) {
            assert_eq!(before, row.applies(), "{}: both applicable and n/a", row.name());
            assert!(row.applies(), "{}: an n/a rule has one row", row.name());
        }
    }
    let applicable = applies.values().filter(|a| **a).count();
    let rows: Vec<&Row> = table.rows.iter().filter(|r| r.applies()).collect();
    let pending = rows.iter().filter(|r| r.pending.is_some()).count();
    let deviations = rows.iter().filter(|r| r.is_deviation()).count();
    let computed = BTreeMap::from([
        ("rules".to_owned(), applies.len()),
        ("applicable".to_owned(), applicable),
        ("not-applicable".to_owned(), applies.len() - applicable),
        ("rows".to_owned(), rows.len()),
        ("agree".to_owned(), rows.len() - pending - deviations),
        ("deviations".to_owned(), deviations),
        ("pending".to_owned(), pending),
    ]);
    assert_eq!(table.counts, computed, "the @counts line of rules.tsv");
    assert_eq!(applies.len(), OASDIFF_RULES, "every rule of oasdiff's checker/rules.go");
}

#[test]
fn the_base_spec_loads_and_has_no_change_against_itself() {
    let base = base();
    let source = side(&base, &[], "base".to_owned()).expect("base");
    let report = spec_diff::diff_sources(&source, &source).expect("base.yaml loads like a spec");
    assert_eq!(report.summary.total, 0, "{:#?}", report.changes);
}

#[test]
fn every_applicable_rule_gets_its_verdict() {
    let table = load_table();
    let base = base();
    let show = std::env::var("RULE_TABLE_SHOW").ok();
    let (mut failures, mut still_pending, mut fixed) = (Vec::new(), Vec::new(), Vec::new());
    let mut pending_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for row in table.rows.iter().filter(|r| r.applies()) {
        let outcome = run_row(&base, row);
        if show.as_deref().is_some_and(|s| s == row.rule || s == "all") {
            match &outcome {
                Ok(report) => {
                    let changes: Vec<String> = report.changes.iter().map(describe).collect();
                    eprintln!("{} [{:?}]: {}", row.name(), row.verdict, changes.join("; "));
                }
                Err(e) => eprintln!("{}: {e}", row.name()),
            }
        }
        let report = match outcome {
            Ok(report) => report,
            Err(e) => {
                failures.push(format!("{}: fixture: {e}", row.name()));
                continue;
            }
        };
        let problem = disagreement(row, &report);
        match (&row.pending, problem) {
            (None, Some(problem)) => failures.push(format!("{}: {problem}", row.name())),
            (None, None) => {}
            (Some(bug), Some(problem)) => {
                *pending_ids.entry(bug).or_default() += 1;
                still_pending.push(format!("{} [{bug}]: {problem}", row.name()));
            }
            (Some(bug), None) => fixed.push(format!("{} [{bug}]", row.name())),
        }
    }
    let rows = table.rows.iter().filter(|r| r.applies()).count();
    let asserted = table.rows.iter().filter(|r| r.applies() && r.pending.is_none()).count();
    eprintln!(
        "rule table: {rows} rows run, {asserted} asserted, {} pending ({} still disagree, by bug: {pending_ids:?})",
        still_pending.len() + fixed.len(),
        still_pending.len(),
    );
    for line in &still_pending {
        eprintln!("  pending {line}");
    }
    for line in &fixed {
        eprintln!("  pending row now agrees, set its pending column to `-`: {line}");
    }
    assert!(failures.is_empty(), "{} rows disagree with rules.tsv:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn edits_parse_and_apply() {
    let prefixes = [("@s".to_owned(), "/components/schemas".to_owned())];
    let edits =
        parse_edits(r#"set @s/A/enum/- "x; y"; del @s/B;set /c [1, 2] ; del /d"#, &prefixes).expect("edits");
    assert_eq!(edits.len(), 4, "{edits:?}");
    assert!(
        matches!(&edits[0], Edit::Set(p, Value::String(s)) if p == "/components/schemas/A/enum/-" && s == "x; y")
    );
    assert!(matches!(&edits[1], Edit::Del(p) if p == "/components/schemas/B"));
    assert!(parse_edits("set /a", &prefixes).is_err(), "a set needs a value");
    assert!(parse_edits("put /a 1", &prefixes).is_err());
    assert!(parse_edits("del @t/a", &prefixes).is_err(), "unknown prefix");

    let mut doc = serde_json::json!({"components": {"schemas": {"A": {"enum": ["w"]}, "B": {}}}, "d": 1});
    for edit in &edits {
        apply(&mut doc, edit).expect("applies");
    }
    assert_eq!(
        doc,
        serde_json::json!({"components": {"schemas": {"A": {"enum": ["w", "x; y"]}}}, "c": [1, 2]})
    );
    assert!(apply(&mut doc, &Edit::Del("/nothing".to_owned())).is_err());
    assert!(apply(&mut doc, &Edit::Set("/no/parent".to_owned(), Value::Null)).is_err());
}
