//! Scores the typo family on labelled spelling-check sets and counts findings on clean official
//! text. Sets that are absent are skipped.
//!
//! ```sh
//! cargo run --release --example evaluate -- [DATA_DIR]   # default: ../shared/data
//! ```
//!
//! The dictionary figures come first (model off); `model.rs` adds the statistical model's.
//!
//! Labelled files are `errors<TAB>source<TAB>corrected`; a sentence has errors when the
//! correction differs from the source (the count in the first column is not always right). A
//! sentence counts as flagged when it gets at least one `typo` finding; a flagged sentence is
//! a true positive when the finding's span covers a character that the correction changes.

mod model;

use sanshen::{Family, Finding, Linter};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The first hex digit of the SHA-256 of an official corpus path: 0–3 is the held-out part.
fn sha256_first_hex(path: &str) -> char {
    let digest = Sha256::digest(path.as_bytes());
    char::from_digit(u32::from(digest[0] >> 4), 16).unwrap_or('0')
}

#[derive(Default)]
struct Score {
    sentences: usize,
    with_errors: usize,
    flagged: usize,
    /// Flagged sentences with errors where a finding covers a changed character.
    hits: usize,
    /// Flagged sentences with errors, whether or not a finding covers a changed character.
    flagged_with_errors: usize,
}

fn changed_bytes(source: &str, corrected: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut b = corrected.chars();
    for (i, c) in source.char_indices() {
        if b.next().is_some_and(|d| d != c) {
            out.push((i, i + c.len_utf8()));
        }
    }
    out
}

/// The `(source, corrected)` pairs of a labelled file (`errors<TAB>source<TAB>corrected`).
fn labelled(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines().filter_map(|line| {
        let mut fields = line.splitn(3, '\t');
        let _errors = fields.next()?;
        Some((fields.next()?, fields.next()?))
    })
}

fn score(linter: &Linter, path: &Path) -> Option<Score> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut s = Score::default();
    for (source, corrected) in labelled(&text) {
        let findings: Vec<Finding> =
            linter.check(source).into_iter().filter(|f| f.family == Family::Typo).collect();
        s.sentences += 1;
        let has_errors = source != corrected;
        s.with_errors += usize::from(has_errors);
        if findings.is_empty() {
            continue;
        }
        s.flagged += 1;
        if has_errors {
            s.flagged_with_errors += 1;
            let changed = changed_bytes(source, corrected);
            let covers = findings
                .iter()
                .any(|f| changed.iter().any(|&(a, b)| f.span.start <= a && b <= f.span.end));
            s.hits += usize::from(covers);
        }
    }
    Some(s)
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "–".to_owned()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / d as f64)
    }
}

fn main() {
    let data = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"));
    let linter = Linter::builder().model(false).build().expect("shipped dictionaries");
    if std::env::var("SANSHEN_EVAL_QUICK").is_ok() || std::env::var("SANSHEN_EVAL_MODEL").is_ok() {
        model::run(&data, &linter);
        return;
    }
    println!(
        "| set | sentences | with errors | flagged | precision | precision (exact span) | recall |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for name in [
        "eval/ecspell/odw.train",
        "eval/ecspell/law.test",
        "eval/ecspell/med.test",
        "eval/sighan/ecspell_sighan2013_test_simplified.txt",
        "eval/sighan/ecspell_sighan2014_test_simplified.txt",
        "eval/sighan/ecspell_sighan2015_test_simplified.txt",
    ] {
        let Some(s) = score(&linter, &data.join(name)) else { continue };
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} |",
            s.sentences,
            s.with_errors,
            s.flagged,
            pct(s.flagged_with_errors, s.flagged),
            pct(s.hits, s.flagged),
            pct(s.flagged_with_errors, s.with_errors),
        );
    }
    protected_recall(&linter, &data.join("eval/ecspell/odw.train"));
    clean_text(&linter, &data.join("corpus/gov-docs"));
    model::run(&data, &linter);
}

/// Recall on the errors that fall inside a protected term: for each changed character of a
/// labelled sentence that lies inside an occurrence of a protected term in the corrected
/// sentence, whether a `typo/protected` finding covers it.
fn protected_recall(linter: &Linter, path: &Path) {
    let Ok(text) = std::fs::read_to_string(path) else { return };
    let terms: Vec<&str> = sanshen::dict::Dictionary::builtin()
        .entries
        .iter()
        .filter(|e| e.kind == sanshen::dict::EntryKind::Protected)
        .map(|e| e.pattern.as_str())
        .collect();
    let (mut inside, mut caught) = (0, 0);
    for (source, corrected) in labelled(&text) {
        let findings: Vec<Finding> =
            linter.check(source).into_iter().filter(|f| f.rule == "typo/protected").collect();
        for (a, b) in changed_bytes(source, corrected) {
            let in_term = terms
                .iter()
                .any(|t| corrected.match_indices(t).any(|(i, m)| i <= a && b <= i + m.len()));
            if in_term {
                inside += 1;
                caught +=
                    usize::from(findings.iter().any(|f| f.span.start <= a && b <= f.span.end));
            }
        }
    }
    println!(
        "\nErrors inside protected terms in {}: {inside}, caught by typo/protected: {caught} ({})",
        path.display(),
        pct(caught, inside)
    );
}

/// Findings per MB on real official documents, by family. The documents date from 2015 to
/// 2021, so they are checked as of 2021-06-30: leader titles are judged as they stood then.
fn clean_text(linter: &Linter, dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = read.flatten().map(|e| e.path()).collect();
    paths.sort();
    let (mut bytes, mut counts) = (0usize, [0usize; 4]);
    for p in &paths {
        let Ok(text) = std::fs::read_to_string(p) else { continue };
        bytes += text.len();
        let day = sanshen::Date::new(2021, 6, 30).expect("a real date");
        for f in linter.check_as_of(&text, day) {
            counts[Family::ALL.iter().position(|x| *x == f.family).unwrap_or(0)] += 1;
        }
    }
    let mb = bytes as f64 / 1e6;
    println!("\n{} documents, {mb:.1} MB of official text:", paths.len());
    for (family, n) in Family::ALL.iter().zip(counts) {
        println!("- {family}: {n} findings ({:.2} per MB)", n as f64 / mb);
    }
}
