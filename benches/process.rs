//! The whole `sanshen check` process as a user meets it, against reference points measured in
//! the same rounds: a large file (JSON Lines out) against a bare char-wise automaton scan of
//! the same bytes in this process, with the statistical model off and on; a cold check of a
//! 3,000-character post with the model on; the start with a 200,000-entry user dictionary
//! (the first start after its cache is removed, then the following ones); a directory of posts
//! on one core and on two.
//!
//! `cargo bench --bench process` runs each case once a round, in turn, and prints medians and
//! the ratios of medians. `SANSHEN_BENCH_MIB` sets the large file's size (default 32); the
//! model, at well under 1 MiB/s, reads the first `SANSHEN_BENCH_MODEL_MIB` of it (default 1).
//! The automaton cache lives in a folder of the bench's own, warm but for the first start.

#[allow(dead_code)]
mod common;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

const ROUNDS: usize = 5;

/// A command and what it is called in the table.
struct Case {
    name: &'static str,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
}

fn main() {
    let exe = env!("CARGO_BIN_EXE_sanshen");
    let mib: usize =
        std::env::var("SANSHEN_BENCH_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
    let (corpus, source) = common::corpus(mib << 20);
    let mut text = String::with_capacity(mib << 20);
    while text.len() < mib << 20 {
        text.push_str(&corpus);
    }
    let dir = std::env::temp_dir().join(format!("sanshen-process-{}", std::process::id()));
    let posts_dir = dir.join("posts");
    std::fs::create_dir_all(&posts_dir).expect("temporary folder");
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).expect("temporary file");
        path.display().to_string()
    };
    let large = write(dir.join("large.txt"), &text);
    let model_mib: usize =
        std::env::var("SANSHEN_BENCH_MODEL_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let mut cut = (model_mib << 20).min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let model_text = &text[..cut];
    let model_file = write(dir.join("model.txt"), model_text);
    let posts = common::posts_of(&corpus);
    let post = write(dir.join("post.txt"), &posts[0]);
    let empty = write(dir.join("empty.txt"), "");
    for (i, p) in posts.iter().take(400).enumerate() {
        write(posts_dir.join(format!("{i:04}.txt")), p);
    }
    let user = write(dir.join("user.tsv"), &common::user_dictionary(&corpus, 200_000));
    let cache = dir.join("cache");
    // The dictionary's automaton apart, so that removing it leaves the shipped one warm.
    let user_cache = dir.join("user-cache");
    let user_env = vec![("SANSHEN_CACHE_DIR", user_cache.display().to_string())];
    let check = |extra: &[&str]| {
        let mut args: Vec<String> =
            ["check", "--no-config", "--format", "jsonl"].map(String::from).to_vec();
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    let cache_env = vec![("SANSHEN_CACHE_DIR", cache.display().to_string())];
    let one_core = vec![("RAYON_NUM_THREADS", "1".to_owned()), cache_env[0].clone()];
    let env = || cache_env.clone();
    let cases = vec![
        Case { name: "large file, model off", args: check(&[&large]), env: env() },
        Case {
            name: "model's slice of the file, model on",
            args: check(&["--model", &model_file]),
            env: env(),
        },
        Case { name: "cold post, model on", args: check(&["--model", &post]), env: env() },
        Case { name: "cold post, model off", args: check(&[&post]), env: env() },
        Case {
            name: "cold post, no automaton cache",
            args: check(&[&post]),
            env: vec![("SANSHEN_CACHE_DIR", String::new())],
        },
        Case { name: "process start (--version)", args: vec!["--version".into()], env: env() },
        Case {
            name: "200k user entries, first start",
            args: check(&["--dict", &user, &empty]),
            env: user_env.clone(),
        },
        Case {
            name: "200k user entries, next start",
            args: check(&["--dict", &user, &empty]),
            env: user_env.clone(),
        },
        Case {
            name: "posts, one core",
            args: check(&[&posts_dir.display().to_string()]),
            env: one_core,
        },
        Case {
            name: "posts, two cores",
            args: check(&[&posts_dir.display().to_string()]),
            env: env(),
        },
    ];
    let patterns = common::shipped_patterns();
    let bare = CharwiseDoubleArrayAhoCorasick::<u32>::new(&patterns).expect("distinct");
    let mut times = vec![Vec::with_capacity(ROUNDS); cases.len() + 1];
    for _ in 0..ROUNDS {
        let start = Instant::now();
        black_box(bare.find_overlapping_iter(black_box(&text)).count());
        times[0].push(start.elapsed().as_secs_f64());
        for (i, case) in cases.iter().enumerate() {
            if case.name.ends_with("first start") {
                let _ = std::fs::remove_dir_all(&user_cache);
            }
            times[i + 1].push(run(exe, case));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let median: Vec<f64> = times
        .iter_mut()
        .map(|t| {
            t.sort_by(f64::total_cmp);
            t[t.len() / 2]
        })
        .collect();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let size = text.len() as f64 / (1 << 20) as f64;
    let model_size = model_text.len() as f64 / (1 << 20) as f64;
    println!(
        "{size:.1} MiB from {source}, {} posts; medians of {ROUNDS} rounds; load average {}",
        posts.len().min(400),
        load.split(' ').take(3).collect::<Vec<_>>().join(" ")
    );
    println!("| case | median | |");
    println!("|---|---:|---:|");
    println!(
        "| bare automaton over the large file (in process) | {:.0} ms | {:.0} MiB/s |",
        median[0] * 1e3,
        size / median[0]
    );
    for (case, t) in cases.iter().zip(&median[1..]) {
        let rate = match case.name {
            n if n.starts_with("large") => format!("{:.1} MiB/s", size / t),
            n if n.starts_with("model's") => format!("{:.2} MiB/s", model_size / t),
            _ => String::new(),
        };
        println!("| {} | {:.1} ms | {rate} |", case.name, t * 1e3);
    }
    let at =
        |name: &str| median[1 + cases.iter().position(|c| c.name == name).expect("named case")];
    println!(
        "| whole process ÷ bare automaton, model off | {:.2} | |",
        median[0] / at("large file, model off")
    );
    println!(
        "| 200k user entries: first start ÷ next start | {:.1}× | |",
        at("200k user entries, first start") / at("200k user entries, next start")
    );
    println!(
        "| posts: two cores ÷ one core | {:.2}× | |",
        at("posts, one core") / at("posts, two cores")
    );
}

/// Runs a case once; its wall time in seconds. Exit 0 or 1 (findings) only.
fn run(exe: &str, case: &Case) -> f64 {
    let start = Instant::now();
    let status = Command::new(exe)
        .args(&case.args)
        .envs(case.env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs sanshen");
    let t = start.elapsed().as_secs_f64();
    assert!(matches!(status.code(), Some(0 | 1)), "{}: {status}", case.name);
    t
}
