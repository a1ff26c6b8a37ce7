//! `sanshen review`: edit a review record from the command line (accept, dismiss, reopen a
//! finding by fingerprint or FILE:LINE:COLUMN) and export its false alarms for the dictionary
//! maintainers.

use crate::ledger::{self, Item, Ledger};
use clap::{Subcommand, ValueEnum};
use sanshen::{Decision, Stage, Verdict};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct ReviewArgs {
    #[command(subcommand)]
    pub(crate) action: Action,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Action {
    /// Accept findings: right, but kept on purpose (needs --reason).
    Accept(Decide),
    /// Dismiss findings as false alarms (needs --reason).
    Dismiss(Decide),
    /// Open findings again for the next reviewer.
    Reopen(Decide),
    /// Print the dismissed findings of review records, with their context, the entry behind
    /// them and the reasons, for the dictionary maintainers.
    ExportDismissed(Export),
}

#[derive(Debug, clap::Args)]
pub(crate) struct Decide {
    /// Findings: FILE:LINE:COLUMN (as of the last `sanshen check` with the record) or a
    /// fingerprint (then --review is needed).
    #[arg(required = true)]
    pub(crate) targets: Vec<String>,
    /// The review record [default: FILE.review.toml beside the text named in the target].
    #[arg(long, value_name = "FILE")]
    pub(crate) review: Option<PathBuf>,
    /// Why (required to accept or dismiss).
    #[arg(long)]
    pub(crate) reason: Option<String>,
    /// The stage deciding: 初审, 复审 or 终审 (or 1, 2, 3).
    #[arg(long, value_parser = crate::args::parse_stage)]
    pub(crate) stage: Option<Stage>,
    /// Who decides [default: `reviewer` in the nearest sanshen.toml].
    #[arg(long, value_name = "NAME")]
    pub(crate) reviewer: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Export {
    /// Review records to read.
    #[arg(required = true)]
    pub(crate) records: Vec<PathBuf>,
    /// JSON Lines (one object a finding) or TSV (a header line, then one finding a line).
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub(crate) format: ExportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    Jsonl,
    Tsv,
}

pub(crate) fn run(args: &ReviewArgs) -> ExitCode {
    let done = match &args.action {
        Action::Accept(d) => decide(d, Decision::Accepted),
        Action::Dismiss(d) => decide(d, Decision::Dismissed),
        Action::Reopen(d) => decide(d, Decision::Open),
        Action::ExportDismissed(e) => export(e),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sanshen: {e}");
            ExitCode::from(2)
        }
    }
}

/// A target: a place in a text, or a fingerprint.
enum Target<'a> {
    At { file: &'a str, line: usize, column: usize },
    Fingerprint(&'a str),
}

fn target(s: &str) -> Target<'_> {
    let mut parts = s.rsplitn(3, ':');
    let (column, line, file) = (parts.next(), parts.next(), parts.next());
    match (column.and_then(|c| c.parse().ok()), line.and_then(|l| l.parse().ok()), file) {
        (Some(column), Some(line), Some(file)) if !file.is_empty() => {
            Target::At { file, line, column }
        }
        _ => Target::Fingerprint(s),
    }
}

fn decide(d: &Decide, decision: Decision) -> Result<(), String> {
    let reason = d.reason.clone().filter(|r| !r.trim().is_empty());
    if decision != Decision::Open && reason.is_none() {
        return Err(format!("to mark findings {decision}, say why with --reason"));
    }
    let reviewer = d.reviewer.clone().or_else(configured_reviewer);
    let verdict = Verdict::new(decision, reason, d.stage, reviewer, Some(ledger::now()));
    // Targets grouped by record, each record read and written once.
    let mut records: Vec<(PathBuf, Vec<Target<'_>>)> = Vec::new();
    for t in &d.targets {
        let t = target(t);
        let path = match (&d.review, &t) {
            (Some(p), _) => p.clone(),
            (None, Target::At { file, .. }) => ledger::beside(Path::new(file)),
            (None, Target::Fingerprint(f)) => {
                return Err(format!("`{f}` is a fingerprint: name its record with --review FILE"))
            }
        };
        match records.iter_mut().find(|(p, _)| *p == path) {
            Some((_, ts)) => ts.push(t),
            None => records.push((path, vec![t])),
        }
    }
    for (path, targets) in records {
        decide_in(&path, &targets, &verdict)?;
    }
    Ok(())
}

fn decide_in(path: &Path, targets: &[Target<'_>], verdict: &Verdict) -> Result<(), String> {
    if !path.exists() {
        return Err(format!(
            "{}: no review record; make it with `sanshen check TEXT --stage 初审`",
            path.display()
        ));
    }
    let mut ledger = Ledger::load(path)?;
    for t in targets {
        let hits = matching(&ledger, t);
        if hits.is_empty() {
            return Err(match t {
                Target::At { file, line, column } => format!(
                    "{}: no finding at {file}:{line}:{column} (places are as of the last \
                     `sanshen check` with this record; check again after editing the text)",
                    path.display()
                ),
                Target::Fingerprint(f) => format!("{}: no finding {f}", path.display()),
            });
        }
        for i in hits {
            let item: &mut Item = &mut ledger.findings[i];
            item.decide(verdict.clone());
            eprintln!(
                "sanshen: {}:{}:{} 「{}」 {} → {}",
                path.display(),
                item.line,
                item.column,
                item.text,
                item.rule,
                verdict.decision.label()
            );
        }
    }
    ledger.save(path)
}

fn matching(ledger: &Ledger, t: &Target<'_>) -> Vec<usize> {
    let hit = |i: &Item| match t {
        Target::At { line, column, .. } => (i.line, i.column) == (*line, *column),
        Target::Fingerprint(f) => i.fingerprint == *f,
    };
    (0..ledger.findings.len()).filter(|&i| hit(&ledger.findings[i])).collect()
}

/// `reviewer` in the sanshen.toml nearest the working directory.
fn configured_reviewer() -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let path = crate::config::discover(&cwd)?;
    crate::config::load(&path).ok()?.config.reviewer
}

fn export(e: &Export) -> Result<(), String> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = |err: std::io::Error| format!("cannot write: {err}");
    if e.format == ExportFormat::Tsv {
        writeln!(out, "sentence\ttext\trule\tsource\treason\tstage\treviewer\trecord")
            .map_err(io)?;
    }
    for path in &e.records {
        let ledger = Ledger::load(path)?;
        let dismissed = ledger.findings.iter().filter(|i| i.decision == Decision::Dismissed);
        for item in dismissed {
            let row = exported(path, item);
            match e.format {
                ExportFormat::Jsonl => writeln!(out, "{row}").map_err(io)?,
                ExportFormat::Tsv => writeln!(out, "{}", tsv(&row)).map_err(io)?,
            }
        }
    }
    out.flush().map_err(io)
}

/// One dismissed finding: `sentence` is the matched text in its context, the trap sentence a
/// maintainer adds as the entry's `ok=` example.
fn exported(path: &Path, i: &Item) -> serde_json::Value {
    serde_json::json!({
        "sentence": format!("{}{}{}", i.before, i.text, i.after),
        "text": i.text,
        "before": i.before,
        "after": i.after,
        "rule": i.rule,
        "source": i.source,
        "message": i.message,
        "reason": i.reason,
        "stage": i.stage,
        "reviewer": i.reviewer,
        "time": i.time,
        "id": i.id,
        "record": path.display().to_string(),
    })
}

fn tsv(row: &serde_json::Value) -> String {
    let field = |k: &str| {
        let v = row[k].as_str().unwrap_or_default();
        v.replace(['\t', '\n', '\r'], " ")
    };
    ["sentence", "text", "rule", "source", "reason", "stage", "reviewer", "record"]
        .map(field)
        .join("\t")
}
