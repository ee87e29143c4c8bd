//! Result rows: printed as a table, and saved for the `cargo xtask bench` summary.
//!
//! When `C2A_BENCH_OUT` names a directory (set by `cargo xtask bench`), [`Report::finish`]
//! writes `<dir>/<bench>.tsv`: one row per figure, tab-separated `figure`, `measured`,
//! `target`, `verdict` (`met`, `NOT MET` or `-`).

use std::fmt::Write as _;
use std::path::PathBuf;

/// Whether a figure meets its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Within the target.
    Met,
    /// Outside the target.
    NotMet,
    /// No target: context for the other figures.
    Info,
}

impl Verdict {
    /// `Met` when `ok`, else `NotMet`.
    pub fn check(ok: bool) -> Self {
        if ok { Self::Met } else { Self::NotMet }
    }

    /// The word shown in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::NotMet => "NOT MET",
            Self::Info => "-",
        }
    }
}

/// One figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What was measured.
    pub figure: String,
    /// The measured value, with its unit or as a ratio.
    pub measured: String,
    /// The target (`-` when there is none).
    pub target: String,
    /// Met or not.
    pub verdict: Verdict,
}

/// The figures of one benchmark.
#[derive(Clone, Debug)]
pub struct Report {
    /// The benchmark's name (`codegen`, `calls`, ...), also its `--bench` target.
    pub bench: &'static str,
    /// Its rows, in order.
    pub rows: Vec<Row>,
    /// Lines printed before the table (details, method).
    pub notes: Vec<String>,
}

impl Report {
    /// An empty report.
    pub fn new(bench: &'static str) -> Self {
        Self { bench, rows: Vec::new(), notes: Vec::new() }
    }

    /// Adds a figure with a target.
    pub fn row(&mut self, figure: impl Into<String>, measured: impl Into<String>, target: &str, ok: bool) {
        self.rows.push(Row {
            figure: figure.into(),
            measured: measured.into(),
            target: target.to_owned(),
            verdict: Verdict::check(ok),
        });
    }

    /// Adds a figure without a target.
    pub fn info(&mut self, figure: impl Into<String>, measured: impl Into<String>) {
        self.rows.push(Row {
            figure: figure.into(),
            measured: measured.into(),
            target: "-".to_owned(),
            verdict: Verdict::Info,
        });
    }

    /// Adds a line of detail, printed above the table.
    pub fn note(&mut self, line: impl Into<String>) {
        self.notes.push(line.into());
    }

    /// The table as markdown.
    pub fn table(&self) -> String {
        let mut out = String::from("| figure | measured | target | verdict |\n|---|---|---|---|\n");
        for row in &self.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                row.figure,
                row.measured,
                row.target,
                row.verdict.as_str()
            );
        }
        out
    }

    /// The rows as tab-separated lines.
    pub fn tsv(&self) -> String {
        self.rows
            .iter()
            .map(|r| format!("{}\t{}\t{}\t{}\n", r.figure, r.measured, r.target, r.verdict.as_str()))
            .collect()
    }

    /// The notes and the table, as markdown (what [`Report::finish`] prints).
    pub fn section(&self) -> String {
        let mut out = String::new();
        for line in &self.notes {
            let _ = writeln!(out, "{line}");
        }
        if !self.notes.is_empty() {
            out.push('\n');
        }
        out.push_str(&self.table());
        out
    }

    /// Prints the notes and the table, and saves the rows (`<bench>.tsv`) and the section
    /// (`<bench>.md`) when `C2A_BENCH_OUT` is set.
    ///
    /// # Panics
    /// When the rows cannot be written to `C2A_BENCH_OUT`.
    pub fn finish(&self) {
        println!("\n## {} (`cargo bench -p c2a-bench --bench {}`)\n", self.bench, self.bench);
        print!("{}", self.section());
        if let Some(dir) = std::env::var_os("C2A_BENCH_OUT").map(PathBuf::from) {
            for (ext, contents) in [("tsv", self.tsv()), ("md", self.section())] {
                let path = dir.join(format!("{}.{ext}", self.bench));
                std::fs::create_dir_all(&dir)
                    .and_then(|()| std::fs::write(&path, contents))
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_a_table_and_tsv() {
        let mut report = Report::new("demo");
        report.row("ratio", "1.02", "<= 1.05", true);
        report.info("size", "12 KiB");
        assert!(report.table().contains("| ratio | 1.02 | <= 1.05 | met |"));
        assert_eq!(report.tsv(), "ratio\t1.02\t<= 1.05\tmet\nsize\t12 KiB\t-\t-\n");
        report.note("how");
        assert!(report.section().starts_with("how\n\n| figure |"), "{}", report.section());
    }
}
