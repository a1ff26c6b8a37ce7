//! Prints every pattern of the shipped dictionaries, distinct and sorted, one a line: the list
//! that `bench-peers/run.sh` gives the other matchers.
//!
//! ```sh
//! cargo run --release --example export_patterns > /tmp/patterns.txt
//! cargo run --release --example export_patterns -- --scan /tmp/corpus.txt --runs 5
//! cargo run --release --example export_patterns -- --review /tmp/corpus.txt --runs 5
//! ```
//!
//! With `--scan FILE`, it instead times the bare automaton sanshen scans with (daachorse's
//! char-wise double array, overlapping search) over the file with the same patterns, and prints
//! one JSON line in the format of `bench-peers/peers.py`. With `--review FILE`, it times the full
//! review (`Linter::check` with the default dictionaries, on one thread, the file as one text)
//! the same way; one review before the timed ones loads what is built lazily.

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

fn scan(path: &str, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let patterns = patterns();
    let mut builds = Vec::new();
    let mut automaton = None;
    for _ in 0..3 {
        let start = Instant::now();
        automaton =
            Some(CharwiseDoubleArrayAhoCorasick::<u32>::new(&patterns).map_err(|e| e.to_string())?);
        builds.push(start.elapsed().as_secs_f64());
    }
    let automaton = automaton.ok_or("no automaton")?;
    let mut scans = Vec::new();
    let mut matches = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        matches = automaton.find_overlapping_iter(black_box(&text)).count();
        scans.push(start.elapsed().as_secs_f64());
    }
    let scan_s = median(scans);
    println!(
        "{{\"tool\":\"daachorse\",\"patterns\":{},\"bytes\":{},\"build_ms\":{:.2},\"scan_s\":{scan_s:.4},\"mib_s\":{:.1},\"matches\":{matches}}}",
        patterns.len(),
        text.len(),
        median(builds) * 1e3,
        text.len() as f64 / (1 << 20) as f64 / scan_s
    );
    Ok(())
}

fn review(path: &str, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    // The first build in the process: later ones reuse the parsed dictionaries.
    let start = Instant::now();
    let linter = sanshen::Linter::builder().build()?;
    let build_s = start.elapsed().as_secs_f64();
    let mut findings = linter.check(&text).len();
    let mut reviews = Vec::new();
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        findings = linter.check(black_box(&text)).len();
        reviews.push(start.elapsed().as_secs_f64());
    }
    let review_s = median(reviews);
    println!(
        "{{\"tool\":\"sanshen Linter::check\",\"bytes\":{},\"build_ms\":{:.2},\"scan_s\":{review_s:.4},\"mib_s\":{:.1},\"matches\":{findings}}}",
        text.len(),
        build_s * 1e3,
        text.len() as f64 / (1 << 20) as f64 / review_s
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = match args.iter().position(|a| a == "--runs") {
        Some(r) => args.get(r + 1).ok_or("--runs needs a number")?.parse()?,
        None => 5,
    };
    if let Some(at) = args.iter().position(|a| a == "--scan") {
        let path = args.get(at + 1).ok_or("--scan needs a file")?;
        return scan(path, runs);
    }
    if let Some(at) = args.iter().position(|a| a == "--review") {
        let path = args.get(at + 1).ok_or("--review needs a file")?;
        return review(path, runs);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for p in patterns() {
        writeln!(out, "{p}")?;
    }
    out.flush()?;
    Ok(())
}
