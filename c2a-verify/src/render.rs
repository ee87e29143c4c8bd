//! The report as markdown (for a PR comment) or plain text. JSON is `serde_json` of
//! [`Report`] itself.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::facts::{Fact, FactsSummary};
use crate::report::{Decode, ExchangeReport, Report, Severity};

/// One line of totals, shared by both renderings.
pub fn headline(report: &Report) -> String {
    let responses = report.exchanges.iter().filter(|x| !matches!(x.decode, Decode::NotRun(_))).count();
    let info = report.findings().filter(|(_, f)| f.severity == Severity::Info).count();
    format!(
        "{} exchanges in {} files ({} ignored: not C2A) · {} mismatches · {} info · client decoded {} of {} responses · inferred facts confirmed: {} of {}",
        report.exchanges.len(),
        report.files.len(),
        report.ignored(),
        report.mismatches(),
        info,
        responses - report.decode_failures(),
        responses,
        report.facts.confirmed.len(),
        report.facts.total,
    )
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// ` (attempt n)` for an exchange a retry repeated (`_attempt` above 1), else nothing.
fn retry(x: &ExchangeReport) -> String {
    match x.attempt {
        Some(n) if n > 1 => format!(" (attempt {n})"),
        _ => String::new(),
    }
}

fn decode_cell(decode: &Decode) -> String {
    match decode {
        Decode::Decoded(what) => format!("ok ({what})"),
        Decode::Failed(error) => format!("FAILED: {error}"),
        Decode::NotRun(why) => format!("– ({why})"),
    }
}

/// Markdown for a PR comment.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## C2A verify: recorded traffic against the spec\n");
    let _ = writeln!(out, "{}\n", headline(report));
    let _ = writeln!(out, "### Recordings\n");
    let _ = writeln!(out, "| Recording | Source | Origin | Exchanges | Ignored |\n|---|---|---|---|---|");
    for f in &report.files {
        let origin = f.origin.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            f.file,
            f.source.as_str(),
            cell(origin),
            f.exchanges,
            f.ignored
        );
    }
    let _ = writeln!(out, "\n### Exchanges\n");
    let _ = writeln!(
        out,
        "| Recording | Operation | HTTP | Message code | Client decode | Findings |\n|---|---|---|---|---|---|"
    );
    for x in &report.exchanges {
        let status = if x.status == 0 { "–".to_owned() } else { x.status.to_string() };
        let code = x.message_code.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "| `{}#{}`{} | `{}` | {status} | {code} | {} | {} |",
            x.file,
            x.entry,
            retry(x),
            x.operation,
            cell(&decode_cell(&x.decode)),
            x.findings.len()
        );
    }
    let _ = writeln!(out, "\n### Findings\n");
    if report.findings().next().is_none() {
        let _ = writeln!(out, "None: every recorded exchange agrees with the spec and decodes.");
    } else {
        let _ = writeln!(
            out,
            "| Recording | Operation | Severity | Kind | JSON path | Spec element | Provenance | Detail |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
        for (x, f) in report.findings() {
            let side = format!("{:?}", f.side).to_lowercase();
            let _ = writeln!(
                out,
                "| `{}#{}` | `{}` | {} | {} | {side} `{}` | `{}` | {} | {} |",
                x.file,
                x.entry,
                x.operation,
                severity(f.severity),
                f.kind.label(),
                cell(&f.json_path),
                cell(&f.spec_pointer),
                f.provenance.as_deref().unwrap_or("–"),
                cell(&f.message)
            );
        }
    }
    facts_markdown(&mut out, &report.facts);
    out
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Mismatch => "mismatch",
        Severity::Info => "info",
    }
}

fn split_by_provenance(facts: &FactsSummary) -> String {
    let count = |list: &[Fact], p: &str| list.iter().filter(|f| f.provenance == p).count();
    let (cs, ci) = (count(&facts.confirmed, "sample"), count(&facts.confirmed, "inferred"));
    let (us, ui) = (count(&facts.unconfirmed, "sample"), count(&facts.unconfirmed, "inferred"));
    let real = facts.confirmed.iter().filter(|f| f.by_real_traffic).count();
    format!(
        "`sample` {cs} of {}, `inferred` {ci} of {}; by real-environment traffic: {real}",
        cs + us,
        ci + ui
    )
}

/// Operations to record, with how many unconfirmed facts each would show, most first.
fn flows_to_record(facts: &FactsSummary) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for fact in &facts.unconfirmed {
        for flow in &fact.flows {
            *counts.entry(flow).or_default() += 1;
        }
    }
    let mut flows: Vec<_> = counts.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    flows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    flows
}

fn facts_markdown(out: &mut String, facts: &FactsSummary) {
    let _ = writeln!(out, "\n### Inferred facts confirmed: {} of {}\n", facts.confirmed.len(), facts.total);
    let _ = writeln!(
        out,
        "Facts the spec marks `sample` or `inferred`, confirmed by docs samples (what the docs show) or real-environment traffic; sandbox recordings confirm nothing. By provenance: {}.\n",
        split_by_provenance(facts)
    );
    if !facts.not_recordable.is_empty() {
        let list: Vec<String> = facts.not_recordable.iter().map(|s| format!("`{s}`")).collect();
        let _ = writeln!(out, "Not counted: {} (x-sensitive, never recorded).\n", list.join(", "));
    }
    let flows = flows_to_record(facts);
    if !flows.is_empty() {
        let list: Vec<String> = flows.iter().map(|(op, n)| format!("`{op}` ({n})")).collect();
        let _ =
            writeln!(out, "Flows to record next (unconfirmed facts each would show): {}.\n", list.join(", "));
    }
    let _ = writeln!(out, "<details><summary>Confirmed ({})</summary>\n", facts.confirmed.len());
    let _ = writeln!(out, "| Fact | Provenance | Confirmed by |\n|---|---|---|");
    for f in &facts.confirmed {
        let by: Vec<String> = f.confirmed_by.iter().map(|b| format!("`{b}`")).collect();
        let _ = writeln!(out, "| `{}` | {} | {} |", f.subject, f.provenance, by.join(", "));
    }
    let _ = writeln!(
        out,
        "\n</details>\n\n<details><summary>Unconfirmed ({})</summary>\n",
        facts.unconfirmed.len()
    );
    let _ = writeln!(out, "| Fact | Provenance | Record | Spec element |\n|---|---|---|---|");
    for f in &facts.unconfirmed {
        let flows: Vec<String> = f.flows.iter().map(|b| format!("`{b}`")).collect();
        let flows = if flows.is_empty() { "(no operation reaches it)".to_owned() } else { flows.join(", ") };
        let _ = writeln!(out, "| `{}` | {} | {flows} | `{}` |", f.subject, f.provenance, f.spec_pointer);
    }
    let _ = writeln!(out, "\n</details>");
}

/// Plain text for a terminal.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "c2a verify: {}", headline(report));
    for x in &report.exchanges {
        let status = if x.status == 0 { "-".to_owned() } else { x.status.to_string() };
        let _ = writeln!(
            out,
            "{}#{}{} {} {} -> {status}: decode {}",
            x.file,
            x.entry,
            retry(x),
            x.method,
            x.operation,
            decode_cell(&x.decode)
        );
        for f in &x.findings {
            let _ = writeln!(
                out,
                "  {} {}: {:?} {} at {} [{}]: {}",
                severity(f.severity),
                f.kind.label(),
                f.side,
                f.json_path,
                f.spec_pointer,
                f.provenance.as_deref().unwrap_or("-"),
                f.message
            );
        }
    }
    let facts = &report.facts;
    let _ = writeln!(
        out,
        "inferred facts confirmed: {} of {} ({})",
        facts.confirmed.len(),
        facts.total,
        split_by_provenance(facts)
    );
    for f in &facts.confirmed {
        let _ =
            writeln!(out, "  confirmed   {} [{}] by {}", f.subject, f.provenance, f.confirmed_by.join(", "));
    }
    for f in &facts.unconfirmed {
        let _ =
            writeln!(out, "  unconfirmed {} [{}]; record {}", f.subject, f.provenance, f.flows.join(", "));
    }
    out
}
