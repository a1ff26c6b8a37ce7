//! Peak memory of the whole `sanshen check --format jsonl` process on a large plain-text file
//! (300 MB by default, `SANSHEN_BENCH_MB` to change it), generated from the corpus with a
//! shipped misspelling near its end, against a file a tenth of its size: plain text is read a
//! piece at a time, so the two peaks should be about the same. Needs GNU time
//! (`/usr/bin/time`) to read the peak; prints a message and does nothing without it.
//!
//! `cargo bench --bench memory` prints both peaks and times, and checks that the misspelling
//! near the end of the large file is found at its offset.

#[allow(dead_code)]
mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The bound the streaming reader is meant to keep: 150 MB for a 300 MB file.
const LIMIT_KB: u64 = 150_000;

fn main() {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        println!("skipped: /usr/bin/time (GNU time) is not installed to read peak memory");
        return;
    }
    let mb: usize =
        std::env::var("SANSHEN_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let (corpus, source) = common::corpus(8 << 20);
    let dir = std::env::temp_dir().join(format!("sanshen-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let mut results = Vec::new();
    for size in [mb / 10, mb] {
        let path = dir.join(format!("{size}mb.txt"));
        let at = generate(&path, &corpus, size * 1_000_000);
        let (kb, secs, stdout) = measure(time, &path);
        let want = format!("\"start\":{},", at);
        assert!(stdout.contains(&want), "the misspelling at byte {at} is found");
        results.push((size, kb, secs));
        let _ = std::fs::remove_file(&path);
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!("peak memory of `sanshen check --format jsonl` on plain text from {source}");
    println!("| file | peak RSS | wall time |");
    println!("|---:|---:|---:|");
    for (size, kb, secs) in &results {
        println!("| {size} MB | {:.1} MB | {secs:.1} s |", *kb as f64 / 1000.0);
    }
    let (_, large, _) = results[1];
    println!(
        "{} the limit of {} MB",
        if large < LIMIT_KB { "under" } else { "OVER" },
        LIMIT_KB / 1000
    );
}

/// Writes `bytes` of the corpus, whole lines, then a line with a misspelling; returns the
/// misspelling's byte offset.
fn generate(path: &Path, corpus: &str, bytes: usize) -> usize {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("temporary file"));
    let mut written = 0;
    while written < bytes {
        file.write_all(corpus.as_bytes()).expect("writes");
        written += corpus.len();
    }
    let line = "\n请认真布署今年的工作。\n";
    file.write_all(line.as_bytes()).expect("writes");
    file.flush().expect("writes");
    written + "\n请认真".len()
}

/// Peak resident memory (KB), wall time and standard output of one check.
fn measure(time: &Path, path: &Path) -> (u64, f64, String) {
    let start = Instant::now();
    let out = Command::new(time)
        .args([
            "-f",
            "%M",
            env!("CARGO_BIN_EXE_sanshen"),
            "check",
            "--no-config",
            "--format",
            "jsonl",
        ])
        .arg(path)
        .env("SANSHEN_CACHE_DIR", common::CACHE_DIR)
        .output()
        .expect("runs sanshen");
    let secs = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kb = stderr.lines().last().and_then(|l| l.trim().parse().ok()).expect("GNU time's peak");
    (kb, secs, String::from_utf8_lossy(&out.stdout).into_owned())
}
