//! Counts and lists the typo, sensitive and leader findings on one part of the official corpus
//! (`corpus/official/`, split by `tools/official_split.py`), each document checked as of its
//! own date, so that every finding can be read and judged.
//!
//! ```sh
//! cargo run --release --example official_findings -- tuning [DATA_DIR] [--list FILE] [--mb N]
//! cargo run --release --example official_findings -- held-out [DATA_DIR] [--list FILE]
//! ```
//!
//! `DATA_DIR` defaults to `../shared/data`. The summary (findings per MB, by family, for
//! error and warning and for every severity) goes to standard output; `--list` writes every
//! finding, one a line, with the text around it. `--mb N` stops after N MB (a quicker look).
//!
//! A document's date is its `index.tsv` date: a full date as is, a year alone (court
//! judgments) as the 30th of June of that year, and no date (96 laws) as the day the law
//! collection was taken, 2025-04-19.

use sanshen::{Date, Family, Finding, Linter, Severity};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The day the undated documents are checked as of: the law collection's snapshot.
const UNDATED: (i32, u32, u32) = (2025, 4, 19);

/// Characters of context shown on each side of a finding.
const CONTEXT: usize = 16;

/// The part of the official corpus a path belongs to, as `tools/official_split.py` says.
fn part(path: &str) -> &'static str {
    let first = Sha256::digest(path.as_bytes())[0] >> 4;
    if first <= 3 {
        "held-out"
    } else {
        "tuning"
    }
}

/// The day a document is checked as of, from its `index.tsv` date.
fn as_of(date: &str) -> Option<Date> {
    let date = date.trim();
    if date.is_empty() {
        return Date::new(UNDATED.0, UNDATED.1, UNDATED.2);
    }
    if let Ok(year) = date.parse::<i32>() {
        return Date::new(year, 6, 30);
    }
    date.parse().ok()
}

/// The text around a finding, the finding itself in brackets, on one line.
fn around(text: &str, f: &Finding) -> String {
    let before: String = text[..f.span.start].chars().rev().take(CONTEXT).collect();
    let before: String = before.chars().rev().collect();
    let after: String = text[f.span.end..].chars().take(CONTEXT).collect();
    format!("{before}【{}】{after}", &text[f.span.start..f.span.end])
        .replace(['\n', '\r', '\t'], " ")
}

/// Findings counted, by family (typo, sensitive, leader) and severity.
#[derive(Default)]
struct Tally {
    /// Error and warning findings per family.
    serious: [usize; 3],
    /// Every finding per family.
    all: [usize; 3],
    /// Error and warning findings of variant forms (帐簿 for 账簿), which are typos.
    variants: usize,
}

impl Tally {
    /// Counts `f` if it is of a counted family; returns whether it was.
    fn add(&mut self, f: &Finding) -> bool {
        let Some(k) =
            [Family::Typo, Family::Sensitive, Family::Leader].iter().position(|x| *x == f.family)
        else {
            return false;
        };
        self.all[k] += 1;
        if matches!(f.severity, Severity::Error | Severity::Warning) {
            self.serious[k] += 1;
            self.variants += usize::from(f.category.as_deref() == Some("variant"));
        }
        true
    }

    fn report(&self, docs: usize, mb: f64) -> String {
        let mut out = format!("{docs} documents, {mb:.2} MB\n\n");
        out.push_str(
            "| family | error+warning | per MB | all | per MB |\n|---|---:|---:|---:|---:|\n",
        );
        let per = |n: usize| n as f64 / mb.max(1e-9);
        for (k, name) in ["typo", "sensitive", "leader"].iter().enumerate() {
            let (s, a) = (self.serious[k], self.all[k]);
            let _ = writeln!(out, "| {name} | {s} | {:.2} | {a} | {:.2} |", per(s), per(a));
        }
        let (s, a) = (self.serious.iter().sum(), self.all.iter().sum());
        let _ = writeln!(out, "| **all three** | {s} | {:.2} | {a} | {:.2} |", per(s), per(a));
        let (v, rest) = (self.variants, s - self.variants);
        let _ = writeln!(
            out,
            "\nerror+warning: {v} variant forms ({:.2} per MB), {rest} others ({:.2} per MB)",
            per(v),
            per(rest)
        );
        out
    }
}

struct Args {
    part: String,
    data: PathBuf,
    list: Option<PathBuf>,
    limit_mb: f64,
}

fn args() -> Result<Args, String> {
    let mut rest = std::env::args().skip(1);
    let mut args = Args {
        part: String::new(),
        data: PathBuf::from("../shared/data"),
        list: None,
        limit_mb: f64::MAX,
    };
    let mut positional = Vec::new();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--list" => args.list = rest.next().map(PathBuf::from),
            "--mb" => args.limit_mb = rest.next().and_then(|v| v.parse().ok()).ok_or("--mb N")?,
            _ => positional.push(a),
        }
    }
    match positional.as_slice() {
        [p] => args.part = p.clone(),
        [p, d] => (args.part, args.data) = (p.clone(), PathBuf::from(d)),
        _ => {
            return Err(
                "usage: official_findings tuning|held-out [DATA_DIR] [--list FILE] [--mb N]".into(),
            )
        }
    }
    if args.part != "tuning" && args.part != "held-out" {
        return Err(format!("unknown part {:?}: tuning or held-out", args.part));
    }
    Ok(args)
}

fn main() {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let official = args.data.join("corpus/official");
    let Ok(index) = std::fs::read_to_string(official.join("index.tsv")) else {
        eprintln!("{}: no index.tsv, nothing measured", official.display());
        return;
    };
    let linter = Linter::builder().model(false).build().expect("shipped dictionaries");
    let (mut tally, mut listing) = (Tally::default(), String::new());
    let (mut bytes, mut docs) = (0usize, 0usize);
    for (n, line) in index.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(path), Some(date)) = (cols.get(1), cols.get(3)) else { continue };
        if part(path) != args.part || bytes as f64 / 1e6 > args.limit_mb {
            continue;
        }
        let Some(day) = as_of(date) else {
            eprintln!("index.tsv:{}: unreadable date {date:?}", n + 1);
            continue;
        };
        let Ok(text) = std::fs::read_to_string(official.join(path)) else { continue };
        (bytes, docs) = (bytes + text.len(), docs + 1);
        for f in linter.check_as_of(&text, day) {
            if tally.add(&f) {
                let fix = f.suggestions.join("|");
                let _ = writeln!(
                    listing,
                    "{}\t{}\t{}\t{}\t{day}\t{path}\t{}",
                    f.severity.as_str(),
                    f.rule,
                    f.text,
                    fix,
                    around(&text, &f)
                );
            }
        }
    }
    print!("{}", tally.report(docs, bytes as f64 / 1e6));
    if let Some(list) = args.list {
        if let Err(e) = std::fs::write(&list, listing) {
            eprintln!("{}: {e}", list.display());
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_the_index_writes_them() {
        assert_eq!(as_of("2021-03-05"), Date::new(2021, 3, 5));
        assert_eq!(as_of("2014"), Date::new(2014, 6, 30));
        assert_eq!(as_of(""), Date::new(2025, 4, 19));
        assert_eq!(as_of("2021-13-05"), None);
    }

    #[test]
    fn parts_as_the_split_script_makes_them() {
        // sha256("a") = ca97…, sha256("b") = 3e23…
        assert_eq!(part("a"), "tuning");
        assert_eq!(part("b"), "held-out");
    }

    #[test]
    fn context_marks_the_finding() {
        let linter = Linter::builder().model(false).build().unwrap();
        let text = "各部门要认真布署。\n下一段";
        let f = linter.check(text).into_iter().find(|f| f.text == "布署").unwrap();
        assert_eq!(around(text, &f), "各部门要认真【布署】。 下一段");
    }
}
