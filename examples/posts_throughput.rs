//! Times `Linter::check_as_of` over the posts of a JSON Lines file on every core, the reference
//! the Python binding's `check_many` is measured against (BENCHMARKS.md, "Python and Spark").
//!
//! ```sh
//! cargo run --release --example posts_throughput -- posts.jsonl [ROUNDS] [--no-model]
//! ```
//!
//! `--no-model` builds the linter with the statistical model off (`LinterBuilder::model(false)`),
//! as `sanshen.Linter(model=False)` does in the Python package built with the same features.
//!
//! Prints the findings count (so both sides can be seen to agree), the median round's
//! throughput in posts and MiB of text a second, and the median round's processor time over all
//! threads (Linux), which a busy shared machine disturbs less than the wall-clock time.

use rayon::prelude::*;
use sanshen::{Date, LinterBuilder};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (flags, mut args): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.starts_with("--"));
    // The model as the features have it (on with `model`), unless `--no-model`.
    let model = match flags.as_slice() {
        [] => true,
        [flag] if flag == "--no-model" => false,
        _ => return Err(format!("unknown flags {flags:?}: only --no-model").into()),
    };
    args.reverse();
    let path = args.pop().ok_or("usage: posts_throughput FILE.jsonl [ROUNDS] [--no-model]")?;
    let rounds: usize = args.pop().map_or(Ok(5), |r| r.parse())?;
    let texts = read_texts(&path)?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut builder = LinterBuilder::new();
    if !model {
        builder.model(false);
    }
    let linter = builder.build()?;
    let day = Date::new(2026, 12, 1).ok_or("bad date")?;
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..rounds {
        let (started, cpu_before) = (Instant::now(), cpu_seconds());
        let all: Vec<_> = texts.par_iter().map(|t| linter.check_as_of(t, day)).collect();
        times.push(started.elapsed().as_secs_f64());
        cpu.push(cpu_seconds().zip(cpu_before).map_or(f64::NAN, |(after, before)| after - before));
        findings = all.iter().map(Vec::len).sum();
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    let (median, cpu) = (times[times.len() / 2], cpu[cpu.len() / 2]);
    let mib = bytes as f64 / (1 << 20) as f64;
    println!(
        "rust Linter::check_as_of (model {}): {} posts, {mib:.1} MiB, {findings} findings, \
         {} threads, median {median:.3} s: {:.0} posts/s, {:.1} MiB/s, cpu {cpu:.3} s",
        if model { "as built" } else { "off" },
        texts.len(),
        rayon::current_num_threads(),
        texts.len() as f64 / median,
        mib / median
    );
    Ok(())
}

/// The processor time of every thread of this process so far, in seconds (Linux: the first
/// field of each thread's `schedstat`, in nanoseconds), or `None` where it cannot be read.
fn cpu_seconds() -> Option<f64> {
    let mut nanos = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        nanos += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(nanos as f64 / 1e9)
}

/// The `text` field of every line.
fn read_texts(path: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let file = std::fs::read_to_string(path)?;
    let mut texts = Vec::new();
    for (n, line) in file.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let text = value["text"].as_str().ok_or_else(|| format!("{path}:{}: no text", n + 1))?;
        texts.push(text.to_owned());
    }
    Ok(texts)
}
