//! The pre-publish case: the whole `sanshen check` process on a post of about 3,000 characters,
//! cold — a new process that reads the post, builds its linter from the embedded dictionaries
//! and, where a candidate needs a word-boundary check, loads the segmentation lexicon.
//!
//! `cargo bench --bench cold` runs every case once a round, in turn, for many rounds, and prints
//! the medians and quartiles of the wall times, and each median against starting the process
//! alone (`sanshen --version`), measured in the same rounds.

#[allow(dead_code)]
mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const ROUNDS: usize = 41;

/// A wrong form whose entry asks for a word-boundary check (做为 → 作为, check=word).
const CANDIDATE: &str = "各级干部要做为群众办实事的表率。";

fn main() {
    let exe = env!("CARGO_BIN_EXE_sanshen");
    let (text, source) = common::corpus(256 << 10);
    let post = common::posts_of(&text).swap_remove(0);
    let dir = std::env::temp_dir().join(format!("sanshen-cold-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("temporary file");
        path
    };
    // The candidate replaces the post's last sentence, so both posts are the same length.
    let cut = post[..post.len() - 3].rfind('。').map_or(0, |i| i + 3);
    let with_candidate = format!("{}{CANDIDATE}", &post[..cut]);
    let cases = [
        ("process start (--version)", vec!["--version".into()]),
        ("empty file", check(&write("empty.txt", ""))),
        ("post", check(&write("post.txt", &post))),
        ("post, word-boundary candidate", check(&write("candidate.txt", &with_candidate))),
        ("post, statistical model on", {
            let mut args = check(&write("post-model.txt", &post));
            args.push("--model".into());
            args
        }),
    ];
    // The candidate must be found, or the last case measures nothing more than the post.
    let found = Command::new(exe)
        .env("SANSHEN_CACHE_DIR", common::CACHE_DIR)
        .args(&cases[3].1)
        .args(["--format", "jsonl"])
        .output();
    let found = found.expect("runs sanshen");
    assert!(String::from_utf8_lossy(&found.stdout).contains("作为"), "the candidate is found");

    let mut times = vec![Vec::with_capacity(ROUNDS); cases.len()];
    for _ in 0..ROUNDS {
        for (i, (_, args)) in cases.iter().enumerate() {
            let start = Instant::now();
            let status = Command::new(exe)
                .args(args)
                .env("SANSHEN_CACHE_DIR", common::CACHE_DIR)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("runs sanshen");
            times[i].push(start.elapsed().as_secs_f64() * 1e3);
            // 0: nothing found; 1: findings. Anything else is a failure to measure.
            assert!(matches!(status.code(), Some(0 | 1)), "{args:?}: {status}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);

    let chars = post.chars().count();
    println!("cold `sanshen check` ({ROUNDS} rounds; a {chars}-character post from {source})");
    println!("{:<32} {:>9} {:>9} {:>9} {:>12}", "case", "q1 ms", "median", "q3 ms", "− start ms");
    let start = quartiles(&mut times[0])[1];
    for ((name, _), t) in cases.iter().zip(&mut times) {
        let [q1, median, q3] = quartiles(t);
        println!("{name:<32} {q1:>9.1} {median:>9.1} {q3:>9.1} {:>12.1}", median - start);
    }
}

fn check(path: &Path) -> Vec<String> {
    vec!["check".into(), path.display().to_string()]
}

/// The lower quartile, median and upper quartile.
fn quartiles(times: &mut [f64]) -> [f64; 3] {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    [at(0.25), at(0.5), at(0.75)]
}
