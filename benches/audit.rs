//! `sanshen audit` against `sanshen check` on the same posts, in the same rounds (the
//! same-run ratio style of `ratios.rs`): the generated export of the seed notice's county, its
//! texts replaced by real government documents (`../shared`, or generated text without it),
//! repeated to SANSHEN_BENCH_AUDIT_MB megabytes (default 32). The target is audit at no less
//! than half the speed of check.
//!
//! `cargo bench --bench audit` prints the median wall time of each, the throughput, and the
//! ratio.

#[allow(dead_code)]
mod common;
#[path = "../examples/generate_export/export.rs"]
mod export;

use std::process::{Command, Stdio};
use std::time::Instant;

const ROUNDS: usize = 5;
const SPEC: &str = include_str!("../tests/fixtures/audit/seed-annexes.tsv");

fn main() {
    let exe = env!("CARGO_BIN_EXE_sanshen");
    let mb: usize =
        std::env::var("SANSHEN_BENCH_AUDIT_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
    let spec = export::Spec::parse(SPEC).expect("the fixture parses");
    let generated = export::generate(&spec);
    let (text, source) = common::corpus(4 << 20);
    let texts = common::posts_of(&text);
    let dir = std::env::temp_dir().join(format!("sanshen-bench-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let posts = dir.join("posts.jsonl");
    let bytes = write_posts(&posts, &generated.posts_jsonl, &texts, mb << 20);
    std::fs::write(dir.join("messages.jsonl"), &generated.messages).expect("writes");
    std::fs::write(dir.join("important.csv"), &generated.important).expect("writes");
    let p = |f: &str| dir.join(f).display().to_string();
    let check: Vec<String> =
        ["check", "--no-config", "--jsonl", "--date-field", "published_at", "--format", "jsonl"]
            .iter()
            .map(|s| (*s).to_owned())
            .chain([p("posts.jsonl")])
            .collect();
    let mut audit: Vec<String> = vec!["audit".into(), p("posts.jsonl"), "--no-config".into()];
    audit.extend([
        "--messages".into(),
        p("messages.jsonl"),
        "--important".into(),
        p("important.csv"),
    ]);
    audit.extend([
        "--from".into(),
        spec.from.clone(),
        "--to".into(),
        spec.to.clone(),
        "--out".into(),
        p("out"),
    ]);
    let cases = [("check --jsonl", check), ("audit", audit)];
    let mut times = vec![Vec::new(); cases.len()];
    for _ in 0..ROUNDS {
        for (i, (name, args)) in cases.iter().enumerate() {
            let start = Instant::now();
            let status = Command::new(exe)
                .args(args)
                .env("SANSHEN_CACHE_DIR", common::CACHE_DIR)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            times[i].push(start.elapsed().as_secs_f64());
            let code = status.expect("runs sanshen").code();
            assert!(matches!(code, Some(0 | 1)), "{name}: exit {code:?}");
        }
    }
    // The audit must have counted every post, or it measured less work than check.
    let report = std::fs::read_to_string(dir.join("out/report.json")).expect("report.json");
    let report: serde_json::Value = serde_json::from_str(&report).expect("JSON");
    assert!(report["totals"]["posts"].as_u64() > Some(5000), "the posts were counted");
    let _ = std::fs::remove_dir_all(&dir);

    let mib = bytes as f64 / f64::from(1 << 20);
    println!("audit against check ({ROUNDS} rounds; {mib:.0} MiB of posts, texts from {source})");
    let medians: Vec<f64> = times.iter_mut().map(|t| median(t)).collect();
    for ((name, _), m) in cases.iter().zip(&medians) {
        println!("{name:<16} {m:>8.2} s {:>8.1} MiB/s", mib / m);
    }
    println!("audit speed / check speed: {:.2} (target ≥ 0.5)", medians[0] / medians[1]);
}

/// Writes the export's posts, texts replaced by `texts` in turn, repeated to about `want`
/// bytes; returns the bytes written.
fn write_posts(path: &std::path::Path, jsonl: &str, texts: &[String], want: usize) -> usize {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("creates"));
    let (mut written, mut n) = (0, 0);
    while written < want {
        for line in jsonl.lines() {
            let mut v: serde_json::Value = serde_json::from_str(line).expect("generated JSON");
            if !texts.is_empty() {
                v["text"] = texts[n % texts.len()].clone().into();
            }
            n += 1;
            let line = v.to_string();
            written += line.len() + 1;
            writeln!(out, "{line}").expect("writes");
        }
    }
    written
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}
