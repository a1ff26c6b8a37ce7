//! Prints every pattern of the shipped dictionaries, distinct and sorted, one a line: the list
//! that `bench-peers/run.sh` gives the other matchers.
//!
//! ```sh
//! cargo run --release --example export_patterns > /tmp/patterns.txt
//! cargo run --release --example export_patterns -- --scan /tmp/corpus.txt --runs 5
//! cargo run --release --example export_patterns -- --review /tmp/corpus.txt --runs 5
//! cargo run --release --example export_patterns -- --both /tmp/corpus.txt --runs 5
//! ```
//!
//! With `--scan FILE`, it instead times the bare automaton sanshen scans with (daachorse's
//! char-wise double array, overlapping search) over the file with the same patterns, and prints
//! one JSON line in the format of `bench-peers/peers.py`. With `--review FILE`, it times the full
//! review (`Linter::check` with the default dictionaries, on one thread, the file as one text)
//! the same way; one review before the timed ones loads what is built lazily. With `--both
//! FILE`, it times the two in alternation, a review then a scan each round, and prints both
//! lines: their ratio is then measured in the same run, whatever else the machine is doing.

use daachorse::CharwiseDoubleArrayAhoCorasick;
use std::collections::BTreeSet;
use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

fn patterns() -> Vec<String> {
    let all: BTreeSet<&str> =
        sanshen::dict::Dictionary::builtin().entries.iter().map(|e| e.pattern.as_str()).collect();
    all.into_iter().map(str::to_owned).collect()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// The bare automaton over the shipped patterns, built three times (the median build is
/// reported).
fn automaton(patterns: &[String]) -> Result<(CharwiseDoubleArrayAhoCorasick<u32>, f64), String> {
    let mut builds = Vec::new();
    let mut automaton = None;
    for _ in 0..3 {
        let start = Instant::now();
        automaton =
            Some(CharwiseDoubleArrayAhoCorasick::<u32>::new(patterns).map_err(|e| e.to_string())?);
        builds.push(start.elapsed().as_secs_f64());
    }
    Ok((automaton.ok_or("no automaton")?, median(builds)))
}

/// Times `what` once.
fn timed(what: impl FnOnce() -> usize) -> (f64, usize) {
    let start = Instant::now();
    let n = what();
    (start.elapsed().as_secs_f64(), n)
}

fn print_scan(patterns: usize, bytes: usize, build_s: f64, scans: Vec<f64>, matches: usize) {
    let scan_s = median(scans);
    println!(
        "{{\"tool\":\"daachorse\",\"patterns\":{patterns},\"bytes\":{bytes},\"build_ms\":{:.2},\"scan_s\":{scan_s:.4},\"mib_s\":{:.1},\"matches\":{matches}}}",
        build_s * 1e3,
        bytes as f64 / (1 << 20) as f64 / scan_s
    );
}

fn print_review(bytes: usize, build_s: f64, reviews: Vec<f64>, findings: usize) {
    let review_s = median(reviews);
    println!(
        "{{\"tool\":\"sanshen Linter::check\",\"bytes\":{bytes},\"build_ms\":{:.2},\"scan_s\":{review_s:.4},\"mib_s\":{:.1},\"matches\":{findings}}}",
        build_s * 1e3,
        bytes as f64 / (1 << 20) as f64 / review_s
    );
}

/// The linter with the default dictionaries, and how long its build took: the first in the
/// process (later ones reuse the parsed dictionaries).
fn linter() -> Result<(sanshen::Linter, f64), sanshen::Error> {
    let start = Instant::now();
    let linter = sanshen::Linter::builder().build()?;
    Ok((linter, start.elapsed().as_secs_f64()))
}

fn run(
    path: &str,
    runs: usize,
    review: bool,
    scan: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let patterns = patterns();
    let (automaton, scan_build) = automaton(&patterns)?;
    let (linter, review_build) = linter()?;
    // One review before the timed ones loads what is built lazily.
    let mut findings = linter.check(&text).len();
    let (mut reviews, mut scans, mut matches) = (Vec::new(), Vec::new(), 0);
    for _ in 0..runs.max(1) {
        if review {
            let (t, n) = timed(|| linter.check(black_box(&text)).len());
            reviews.push(t);
            findings = n;
        }
        if scan {
            let (t, n) = timed(|| automaton.find_overlapping_iter(black_box(&text)).count());
            scans.push(t);
            matches = n;
        }
    }
    if review {
        print_review(text.len(), review_build, reviews, findings);
    }
    if scan {
        print_scan(patterns.len(), text.len(), scan_build, scans, matches);
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = match args.iter().position(|a| a == "--runs") {
        Some(r) => args.get(r + 1).ok_or("--runs needs a number")?.parse()?,
        None => 5,
    };
    for (flag, review, scan) in
        [("--scan", false, true), ("--review", true, false), ("--both", true, true)]
    {
        if let Some(at) = args.iter().position(|a| a == flag) {
            let path = args.get(at + 1).ok_or(format!("{flag} needs a file"))?;
            return run(path, runs, review, scan);
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for p in patterns() {
        writeln!(out, "{p}")?;
    }
    out.flush()?;
    Ok(())
}
