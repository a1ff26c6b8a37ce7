//! The pre-publish case: the whole `sanshen check` process on a post of about 3,000 characters,
//! cold — a new process that reads the post, builds its linter from the embedded dictionaries
//! and, where a candidate needs a word-boundary check, loads the segmentation lexicon.
//!
//! `cargo bench --bench cold` runs every case once a round, in turn, for many rounds, and prints
//! the medians and quartiles of the wall times, each median against starting the process alone
//! (`sanshen --version`), measured in the same rounds, and the mean CPU time (user + system) of
//! each case's processes, which a loaded host inflates far less than their wall time. Then the
//! start with a 200,000-entry user dictionary: its first start (an empty cache, a few rounds)
//! and its later ones (cached), against the cold post in the same rounds.

#[allow(dead_code)]
mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const ROUNDS: usize = 41;

/// Rounds of the 200,000-entry dictionary's later starts; its first start is timed in fewer.
const USER_ROUNDS: usize = 9;
const FIRST_ROUNDS: usize = 3;

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
        // The default review, with the statistical model; the cases above turn it off.
        ("post, statistical model on", check_with_model(&write("post-model.txt", &post))),
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
    let mut cpu = vec![0.0; cases.len()];
    for _ in 0..ROUNDS {
        for (i, (_, args)) in cases.iter().enumerate() {
            let (wall, used) = run(exe, args, Path::new(common::CACHE_DIR));
            times[i].push(wall);
            cpu[i] += used / ROUNDS as f64;
        }
    }

    let chars = post.chars().count();
    println!("cold `sanshen check` ({ROUNDS} rounds; a {chars}-character post from {source})");
    println!(
        "{:<32} {:>9} {:>9} {:>9} {:>12} {:>9}",
        "case", "q1 ms", "median", "q3 ms", "− start ms", "CPU ms"
    );
    let start = quartiles(&mut times[0])[1];
    for (((name, _), t), cpu) in cases.iter().zip(&mut times).zip(&cpu) {
        let [q1, median, q3] = quartiles(t);
        let less = median - start;
        println!("{name:<32} {q1:>9.1} {median:>9.1} {q3:>9.1} {less:>12.1} {cpu:>9.1}");
    }
    user_dictionary(exe, &text, &dir, &cases[2].1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The start with a 200,000-entry user dictionary (an empty file checked), first and later,
/// against the cold post (`post_args`) in the same rounds.
fn user_dictionary(exe: &str, text: &str, dir: &Path, post_args: &[String]) {
    let dict = dir.join("user.tsv");
    std::fs::write(&dict, common::user_dictionary(text, 200_000)).expect("temporary file");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").expect("temporary file");
    let mut args = check(&empty);
    args.extend(["--dict".to_owned(), dict.display().to_string()]);
    let cache = dir.join("user-cache");
    let (mut first, mut first_cpu) = (Vec::new(), 0.0);
    for _ in 0..FIRST_ROUNDS {
        let _ = std::fs::remove_dir_all(&cache);
        let (wall, used) = run(exe, &args, &cache);
        first.push(wall);
        first_cpu += used / FIRST_ROUNDS as f64;
    }
    let (mut later, mut post) = (Vec::new(), Vec::new());
    let (mut later_cpu, mut post_cpu) = (0.0, 0.0);
    for _ in 0..USER_ROUNDS {
        let (wall, used) = run(exe, &args, &cache);
        later.push(wall);
        later_cpu += used / USER_ROUNDS as f64;
        let (wall, used) = run(exe, post_args, Path::new(common::CACHE_DIR));
        post.push(wall);
        post_cpu += used / USER_ROUNDS as f64;
    }
    let [_, first, _] = quartiles(&mut first);
    let [_, later, _] = quartiles(&mut later);
    let [_, post, _] = quartiles(&mut post);
    println!("\n200,000-entry user dictionary, medians (first start: {FIRST_ROUNDS} rounds, later: {USER_ROUNDS})");
    println!("{:<32} {:>9} {:>9}", "case", "wall ms", "CPU ms");
    println!("{:<32} {first:>9.0} {first_cpu:>9.0}", "first start (empty cache)");
    println!("{:<32} {later:>9.0} {later_cpu:>9.0}", "later start (cached)");
    println!("{:<32} {post:>9.1} {post_cpu:>9.1}", "cold post, same rounds");
    println!(
        "later start ÷ cold post: {:.1}× wall, {:.1}× CPU",
        later / post,
        later_cpu / post_cpu
    );
}

/// Runs `sanshen` once with `cache` as its automaton cache: its wall time and the CPU time
/// (user + system) of the process, in milliseconds. Exit 0 or 1 (findings) only.
fn run(exe: &str, args: &[String], cache: &Path) -> (f64, f64) {
    let before = children_cpu_ms();
    let start = Instant::now();
    let status = Command::new(exe)
        .args(args)
        .env("SANSHEN_CACHE_DIR", cache)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("runs sanshen");
    let wall = start.elapsed().as_secs_f64() * 1e3;
    // 0: nothing found; 1: findings. Anything else is a failure to measure.
    assert!(matches!(status.code(), Some(0 | 1)), "{args:?}: {status}");
    (wall, children_cpu_ms() - before)
}

/// The CPU time of this process's waited-for children so far (Linux: `/proc/self/stat`, in
/// clock ticks of 10 ms, so only means over many runs are meaningful); 0 elsewhere.
fn children_cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map_or("", |(_, r)| r).split_whitespace().collect();
    // cutime and cstime are fields 16 and 17 of the whole line: 14 and 15 after the name.
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(13) + ticks(14)) * 10.0
}

/// `sanshen check` of a file without the statistical model (`--no-model`).
fn check(path: &Path) -> Vec<String> {
    vec!["check".into(), "--no-model".into(), path.display().to_string()]
}

/// `sanshen check` of a file as by default, the statistical model included.
fn check_with_model(path: &Path) -> Vec<String> {
    vec!["check".into(), path.display().to_string()]
}

/// The lower quartile, median and upper quartile.
fn quartiles(times: &mut [f64]) -> [f64; 3] {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    [at(0.25), at(0.5), at(0.75)]
}
