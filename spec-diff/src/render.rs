//! A [`Report`] as markdown (a pull-request comment), plain text or JSON.

use std::fmt::Write as _;

use crate::model::{Change, Report, Scope, Semver};

/// Output format of `cargo xtask spec-diff`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Ready to paste as a pull-request comment: counts, breaking, non-breaking, semver.
    #[default]
    Markdown,
    /// Plain text for terminals and logs.
    Text,
    /// The report as JSON (stable field names).
    Json,
}

/// Renders `report` in `format`; always ends with a newline.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown(report),
        Format::Text => text(report),
        Format::Json => json(report),
    }
}

/// The report as pretty JSON.
pub fn json(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

fn counts_line(report: &Report) -> String {
    let s = &report.summary;
    let changes = if s.total == 1 { "change" } else { "changes" };
    format!("{} {changes}: {} breaking, {} non-breaking", s.total, s.breaking, s.non_breaking)
}

fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Document => "Document (info, servers, security)",
        Scope::Operation => "Operations",
        Scope::Schema => "Schemas",
    }
}

/// Changes that set the verdict (those at the report's semver level).
fn deciding(report: &Report) -> Vec<&Change> {
    report.changes.iter().filter(|c| c.semver == report.semver() && c.semver != Semver::None).collect()
}

fn semver_counts(report: &Report) -> String {
    [Semver::Major, Semver::Minor, Semver::Patch]
        .iter()
        .map(|level| {
            let n = report.changes.iter().filter(|c| c.semver == *level).count();
            format!("{n} {}", level.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

const ZERO_X: &str = "While the crate is 0.x, a major change bumps the minor number (0.1 → 0.2) and anything \
                      else the patch number.";

// ---------------------------------------------------------------------- markdown

/// The report as a pull-request comment.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## OpenAPI changes: `{}` → `{}`\n", report.old_spec, report.new_spec);
    if report.changes.is_empty() {
        let _ = writeln!(out, "No changes. Next `c2a-client` release: **none** needed.");
        return out;
    }
    let _ = writeln!(
        out,
        "**{}.** Next `c2a-client` release: **{}**.\n",
        counts_line(report),
        report.semver().as_str()
    );
    let _ = writeln!(out, "| | Breaking | Non-breaking |\n|:--|--:|--:|");
    for count in &report.summary.by_scope {
        let _ =
            writeln!(out, "| {} | {} | {} |", scope_title(count.scope), count.breaking, count.non_breaking);
    }

    let breaking: Vec<&Change> = report.breaking().collect();
    let _ = writeln!(out, "\n### Breaking changes ({})\n", breaking.len());
    if breaking.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for change in breaking {
        markdown_item(&mut out, change);
    }

    let (docs, others): (Vec<&Change>, Vec<&Change>) = report.non_breaking().partition(|c| c.is_doc_only());
    let _ = writeln!(out, "\n### Non-breaking changes ({})\n", others.len() + docs.len());
    if others.is_empty() && docs.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for change in others {
        markdown_item(&mut out, change);
    }
    if !docs.is_empty() {
        let _ = writeln!(out, "\n<details><summary>Documentation-only changes ({})</summary>\n", docs.len());
        for change in docs {
            let _ = writeln!(out, "- **`{}`**{}: {}", change.location, markdown_ops(change), change.detail);
        }
        let _ = writeln!(out, "\n</details>");
    }

    let _ = writeln!(out, "\n### Semver verdict\n");
    let _ = writeln!(
        out,
        "**{}** for `c2a-client` ({}). {ZERO_X}\n",
        report.semver().as_str(),
        semver_counts(report)
    );
    let deciding = deciding(report);
    let _ = writeln!(out, "Changes that need a {} release:\n", report.semver().as_str());
    for change in deciding {
        let _ = writeln!(out, "- `{}`: {}", change.location, change.detail);
    }
    out
}

/// Whether the operations are worth showing: not when the location already names the only one.
fn shows_operations(change: &Change) -> bool {
    match change.operations.as_slice() {
        [] => false,
        [only] => !(change.location == *only || change.location.starts_with(&format!("{only}."))),
        _ => true,
    }
}

fn markdown_ops(change: &Change) -> String {
    if !shows_operations(change) {
        return String::new();
    }
    let ops: Vec<String> = change.operations.iter().map(|op| format!("`{op}`")).collect();
    format!(" ({})", ops.join(", "))
}

fn markdown_item(out: &mut String, change: &Change) {
    let _ = writeln!(out, "- **`{}`**{}: {}", change.location, markdown_ops(change), change.detail);
    let _ = writeln!(out, "  - Why: {}", change.reason);
    let _ = writeln!(out, "  - Rust ({}): {}", change.semver.as_str(), change.rust);
}

// -------------------------------------------------------------------------- text

/// The report as plain text.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "spec-diff: {} -> {}", report.old_spec, report.new_spec);
    if report.changes.is_empty() {
        let _ = writeln!(out, "no changes; c2a-client semver: none");
        return out;
    }
    let _ = writeln!(out, "{}; c2a-client semver: {}", counts_line(report), report.semver().as_str());
    for (title, changes) in [
        ("BREAKING", report.breaking().collect::<Vec<_>>()),
        ("NON-BREAKING", report.non_breaking().collect::<Vec<_>>()),
    ] {
        let _ = writeln!(out, "\n{title} ({})", changes.len());
        for change in changes {
            let ops = if shows_operations(change) {
                format!(" [{}]", change.operations.join(", "))
            } else {
                String::new()
            };
            let _ = writeln!(out, "- {}{ops}: {} ({})", change.location, change.detail, change.kind.as_str());
            let _ = writeln!(out, "    why: {}", change.reason);
            let _ = writeln!(out, "    rust ({}): {}", change.semver.as_str(), change.rust);
        }
    }
    let _ = writeln!(out, "\nSEMVER: {} ({})", report.semver().as_str(), semver_counts(report));
    out
}
