//! Same-run ratios, robust to a machine whose load drifts: every configuration is timed once per
//! round, rounds are repeated, and the medians are compared. (criterion times one benchmark
//! after another, so a change of load between two of them shows up in their ratio.)
//!
//! `cargo bench --bench ratios` prints a table: the full review against the bare automaton over
//! the shipped dictionaries' patterns and over all the patterns the review's automaton holds,
//! the cost of each costly part (the format family, near misses of protected terms, evasion
//! folding), the review with the statistical model on and the model alone, the model's load
//! time, and posts checked on one thread against all cores.

#[allow(dead_code)]
mod common;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use rayon::prelude::*;
use sanshen::{Family, Linter, LinterBuilder};
use std::hint::black_box;
use std::time::Instant;

const ROUNDS: usize = 25;

fn main() {
    let (text, source) = common::corpus(4 << 20);
    let patterns = common::shipped_patterns();
    let bare = CharwiseDoubleArrayAhoCorasick::<u32>::new(&patterns).expect("distinct");
    // The review's own automaton holds more: roster names and titles, anchors of protected
    // terms (common fragments such as 人民, so many more hits).
    let own = CharwiseDoubleArrayAhoCorasick::<u32>::new(Linter::new().automaton_patterns())
        .expect("distinct");
    // The dictionaries' review: the statistical model, on by default, is timed apart ("with
    // the model").
    let build = |f: &dyn Fn(&mut LinterBuilder)| {
        let mut b = LinterBuilder::new();
        b.model(false);
        f(&mut b);
        b.build().expect("builds")
    };
    let full = build(&|_| {});
    let no_format = build(&|b| {
        b.family(Family::Format, false);
    });
    let no_protected = build(&|b| {
        b.disable_rule("typo/protected");
    });
    let no_evasion = build(&|b| {
        b.evasion(false);
    });
    let with_model = build(&|b| {
        b.model(true);
    });
    let model = sanshen::model::Model::embedded();
    let posts = common::posts_of(&text);
    type Run<'a> = Box<dyn Fn() -> usize + 'a>;
    let runs: Vec<(&str, Run<'_>)> = vec![
        (
            "utf-8 validation",
            Box::new(|| usize::from(std::str::from_utf8(black_box(text.as_bytes())).is_ok())),
        ),
        ("bare automaton", Box::new(|| bare.find_overlapping_iter(black_box(&text)).count())),
        (
            "bare automaton, the review's own patterns",
            Box::new(|| own.find_overlapping_iter(black_box(&text)).count()),
        ),
        ("full review", Box::new(|| full.check(black_box(&text)).len())),
        ("without format", Box::new(|| no_format.check(black_box(&text)).len())),
        ("without near misses", Box::new(|| no_protected.check(black_box(&text)).len())),
        ("without evasion", Box::new(|| no_evasion.check(black_box(&text)).len())),
        ("with the model", Box::new(|| with_model.check(black_box(&text)).len())),
        ("the model alone", Box::new(|| model.suspects(black_box(&text), |_| false).len())),
        (
            "posts, one thread",
            Box::new(|| posts.iter().map(|p| full.check(black_box(p)).len()).sum()),
        ),
        (
            "posts, all cores",
            Box::new(|| posts.par_iter().map(|p| full.check(black_box(p)).len()).sum()),
        ),
        // What the machine gives two threads at all: the bare automaton over the same posts.
        (
            "bare automaton over posts, one thread",
            Box::new(|| {
                posts.iter().map(|p| bare.find_overlapping_iter(black_box(p)).count()).sum()
            }),
        ),
        (
            "bare automaton over posts, all cores",
            Box::new(|| {
                posts.par_iter().map(|p| bare.find_overlapping_iter(black_box(p)).count()).sum()
            }),
        ),
    ];
    // Warm up: the segmenter is built lazily, the thread pool on first use.
    for (_, run) in &runs {
        black_box(run());
    }
    let mut times = vec![Vec::with_capacity(ROUNDS); runs.len()];
    for _ in 0..ROUNDS {
        for (k, (_, run)) in runs.iter().enumerate() {
            let start = Instant::now();
            black_box(run());
            times[k].push(start.elapsed().as_secs_f64());
        }
    }
    let median: Vec<f64> = times
        .iter_mut()
        .map(|t| {
            t.sort_by(f64::total_cmp);
            t[t.len() / 2]
        })
        .collect();
    let mib = text.len() as f64 / (1024.0 * 1024.0);
    println!(
        "{source}: {mib:.1} MiB, {} posts, medians of {ROUNDS} interleaved rounds\n",
        posts.len()
    );
    println!("| run | MiB/s |");
    println!("|---|---:|");
    for ((name, _), t) in runs.iter().zip(&median) {
        println!("| {name} | {:.1} |", mib / t);
    }
    let at = |name: &str| median[runs.iter().position(|(n, _)| *n == name).expect("named run")];
    let full_time = at("full review");
    println!("\n| ratio | value |");
    println!("|---|---:|");
    println!(
        "| full review ÷ bare automaton (throughput) | {:.2} |",
        at("bare automaton") / full_time
    );
    println!(
        "| full review ÷ bare automaton over the review's own patterns | {:.2} |",
        at("bare automaton, the review's own patterns") / full_time
    );
    for (part, without) in [
        ("the format family", "without format"),
        ("near misses of protected terms", "without near misses"),
        ("evasion folding", "without evasion"),
    ] {
        println!(
            "| cost of {part} (share of the full review's time) | {:.1}% |",
            100.0 * (1.0 - at(without) / full_time)
        );
    }
    println!(
        "| cost of the statistical model (share of the review's time with it on) | {:.1}% |",
        100.0 * (1.0 - full_time / at("with the model"))
    );
    println!(
        "| review with the model ÷ bare automaton (throughput) | {:.3} |",
        at("bare automaton") / at("with the model")
    );
    let loads: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            black_box(sanshen::model::Model::load_embedded().expect("shipped model"));
            start.elapsed().as_secs_f64()
        })
        .collect();
    let mut loads = loads;
    loads.sort_by(f64::total_cmp);
    println!("| model load (median, ms) | {:.2} |", 1e3 * loads[ROUNDS / 2]);
    println!(
        "| posts: all cores ÷ one thread (speed-up) | {:.2}× |",
        at("posts, one thread") / at("posts, all cores")
    );
    println!(
        "| the bare automaton over the posts: all cores ÷ one thread | {:.2}× |",
        at("bare automaton over posts, one thread") / at("bare automaton over posts, all cores")
    );
}
