//! The whole `sanshen check` process as a user meets it, against reference points measured in
//! the same rounds: a large file (JSON Lines out) against a bare char-wise automaton scan of
//! the same bytes in this process, with the statistical model off (`--no-model`) and on (the
//! default); a cold check of a 3,000-character post with the model on and off; the start with a 200,000-entry user dictionary
//! (the first start after its cache is removed, then the following ones); a directory of posts
//! on one core and on two.
//!
//! `cargo bench --bench process` runs each case once a round, in turn, and prints medians and
//! the ratios of medians, of wall time and of CPU time (user and system: what a loaded host
//! changes least, as a process waiting for a core is not counted). `SANSHEN_BENCH_MIB` sets
//! the large file's size (default 32); the model reads the first `SANSHEN_BENCH_MODEL_MIB` of
//! it (default 1); `SANSHEN_BENCH_POSTS` sets how many posts the directory holds (default
//! 2,000, or as many as the text gives). The automaton cache lives in a folder of the bench's
//! own, warm but for the first start. The speed-up of the posts over two cores has its own
//! reference in the same rounds: the bare automaton over the same posts on one thread and on
//! two, in this process, which says what the host gave two threads at the time.

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
    let post_count: usize =
        std::env::var("SANSHEN_BENCH_POSTS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
    let posts = &posts[..post_count.min(posts.len())];
    for (i, p) in posts.iter().enumerate() {
        write(posts_dir.join(format!("{i:04}.txt")), p);
    }
    let user = write(dir.join("user.tsv"), &common::user_dictionary(&corpus, 200_000));
    let cache = dir.join("cache");
    // The dictionary's automaton apart, so that removing it leaves the shipped one warm.
    let user_cache = dir.join("user-cache");
    let user_env = vec![("SANSHEN_CACHE_DIR", user_cache.display().to_string())];
    // The default review runs the statistical model; the cases "model off" and those that
    // time the dictionaries' start or the cores turn it off, so that they measure what they
    // name (and stay comparable with the figures before the model was on by default).
    let default = |extra: &[&str]| {
        let mut args: Vec<String> =
            ["check", "--no-config", "--format", "jsonl"].map(String::from).to_vec();
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    let check = |extra: &[&str]| default(&[&["--no-model"], extra].concat());
    let cache_env = vec![("SANSHEN_CACHE_DIR", cache.display().to_string())];
    let one_core = vec![("RAYON_NUM_THREADS", "1".to_owned()), cache_env[0].clone()];
    let env = || cache_env.clone();
    let cases = vec![
        Case { name: "large file, model off", args: check(&[&large]), env: env() },
        Case {
            name: "model's slice of the file, model on",
            args: default(&[&model_file]),
            env: env(),
        },
        Case { name: "cold post, model on", args: default(&[&post]), env: env() },
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
    let bare_posts = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        pool.install(|| {
            use rayon::prelude::*;
            posts.par_iter().map(|p| bare.find_overlapping_iter(black_box(p)).count()).sum()
        })
    };
    let (one, two) = (|| bare_posts(1), || bare_posts(2));
    let references: [(&str, &dyn Fn() -> usize); 3] = [
        ("bare automaton over the large file", &|| bare.find_overlapping_iter(&text).count()),
        ("bare automaton over the posts, one thread", &one),
        ("bare automaton over the posts, two threads", &two),
    ];
    let mut times = vec![Vec::with_capacity(ROUNDS); references.len() + cases.len()];
    for _ in 0..ROUNDS {
        for (i, (_, scan)) in references.iter().enumerate() {
            let (start, cpu) = (Instant::now(), cpu_seconds().0);
            black_box(scan());
            times[i].push((start.elapsed().as_secs_f64(), cpu_seconds().0 - cpu));
        }
        for (i, case) in cases.iter().enumerate() {
            if case.name.ends_with("first start") {
                let _ = std::fs::remove_dir_all(&user_cache);
            }
            times[references.len() + i].push(run(exe, case));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let median: Vec<(f64, f64)> = times.iter_mut().map(|t| (middle(t, 0), middle(t, 1))).collect();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let size = text.len() as f64 / (1 << 20) as f64;
    let model_size = model_text.len() as f64 / (1 << 20) as f64;
    let posts_size = posts.iter().map(String::len).sum::<usize>() as f64 / (1 << 20) as f64;
    println!(
        "{size:.1} MiB from {source}; {} posts ({posts_size:.1} MiB); medians of {ROUNDS} \
         rounds; load average {}",
        posts.len(),
        load.split(' ').take(3).collect::<Vec<_>>().join(" ")
    );
    println!("| case | median wall | median CPU | |");
    println!("|---|---:|---:|---:|");
    let names = references.iter().map(|(n, _)| *n).chain(cases.iter().map(|c| c.name));
    for (name, (wall, cpu)) in names.zip(&median) {
        let rate = match name {
            n if n.starts_with("large") || n.ends_with("large file") => {
                format!("{:.1} MiB/s", size / wall)
            }
            // The figure for the model is in MB/s (10^6 bytes), which the MiB/s of
            // the other rates would understate by 5%: both are shown.
            n if n.starts_with("model's") => {
                let bytes = model_size * (1 << 20) as f64;
                format!("{:.2} MiB/s ({:.2} MB/s)", model_size / wall, bytes / 1e6 / wall)
            }
            _ => String::new(),
        };
        println!("| {name} | {:.1} ms | {:.0} ms | {rate} |", wall * 1e3, cpu * 1e3);
    }
    let at = |name: &str| {
        let names = references.iter().map(|(n, _)| *n).chain(cases.iter().map(|c| c.name));
        median[names.into_iter().position(|n| n == name).expect("named case")]
    };
    let (bare_file, large) =
        (at("bare automaton over the large file"), at("large file, model off"));
    println!(
        "| whole process ÷ bare automaton, model off: by wall time; by CPU time | {:.2} | {:.2} | |",
        bare_file.0 / large.0,
        bare_file.1 / large.1
    );
    println!(
        "| 200k user entries: first start ÷ next start (wall) | {:.1}× | | |",
        at("200k user entries, first start").0 / at("200k user entries, next start").0
    );
    println!(
        "| posts: two cores ÷ one core (wall) | {:.2}× | | |",
        at("posts, one core").0 / at("posts, two cores").0
    );
    println!(
        "| the bare automaton over the posts: two threads ÷ one (wall) | {:.2}× | | |",
        at("bare automaton over the posts, one thread").0
            / at("bare automaton over the posts, two threads").0
    );
}

/// The median of the `k`th of each pair.
fn middle(pairs: &[(f64, f64)], k: usize) -> f64 {
    let mut values: Vec<f64> = pairs.iter().map(|p| if k == 0 { p.0 } else { p.1 }).collect();
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs a case once; its wall time and CPU time in seconds. Exit 0 or 1 (findings) only.
fn run(exe: &str, case: &Case) -> (f64, f64) {
    let (start, cpu) = (Instant::now(), cpu_seconds().1);
    let status = Command::new(exe)
        .args(&case.args)
        .envs(case.env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs sanshen");
    let t = (start.elapsed().as_secs_f64(), cpu_seconds().1 - cpu);
    assert!(matches!(status.code(), Some(0 | 1)), "{}: {status}", case.name);
    t
}

/// User and system time so far of this process and of its children that have ended, in
/// seconds (Linux; zeros elsewhere), to the kernel's clock tick (10 ms).
fn cpu_seconds() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command's closing parenthesis, from the third (state) on.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map_or("", |(_, f)| f).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|t| t.parse::<f64>().ok()).unwrap_or(0.0);
    ((ticks(11) + ticks(12)) / 100.0, (ticks(13) + ticks(14)) / 100.0)
}
