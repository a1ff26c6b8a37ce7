//! Which automaton scans Chinese fastest? daachorse's char-wise double array against the
//! crate's own (the walk that folds as it goes, here with nothing to fold) and the
//! aho-corasick crate's byte DFA and NFA, over the same patterns and text, plus the
//! memory-speed reference of validating the same bytes as UTF-8. The walk against daachorse is
//! also timed in alternating rounds and printed as a same-run ratio.

#[allow(dead_code)]
mod common;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use daachorse::CharwiseDoubleArrayAhoCorasick;
use std::hint::black_box;

fn scan(c: &mut Criterion) {
    let (text, source) = common::corpus(4 << 20);
    let shipped = common::shipped_patterns();
    let sets = [("shipped", shipped), ("10k", common::patterns_from(&text, 10_000))];
    for (name, patterns) in &sets {
        let mut group = c.benchmark_group(format!("scan/{source}/{name}-{}", patterns.len()));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(20);
        let daac = CharwiseDoubleArrayAhoCorasick::<u32>::new(patterns).expect("distinct patterns");
        let dfa = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns)
            .expect("builds");
        let nfa = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(patterns)
            .expect("builds");
        let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let walk = sanshen::BareWalk::new(&refs).expect("few enough characters");
        // All four must agree before they are timed.
        let count = daac.find_overlapping_iter(&text).count();
        assert_eq!(count, walk.count(&text));
        assert_eq!(count, dfa.find_overlapping_iter(&text).count());
        assert_eq!(count, nfa.find_overlapping_iter(&text).count());
        group.bench_function("utf8-validate", |b| {
            b.iter(|| std::str::from_utf8(black_box(text.as_bytes())).is_ok())
        });
        group.bench_function("daachorse-charwise", |b| {
            b.iter(|| daac.find_overlapping_iter(black_box(&text)).count())
        });
        group.bench_function("walk", |b| b.iter(|| walk.count(black_box(&text))));
        group.bench_function("aho-corasick-dfa", |b| {
            b.iter(|| dfa.find_overlapping_iter(black_box(&text)).count())
        });
        group.bench_function("aho-corasick-nfa", |b| {
            b.iter(|| nfa.find_overlapping_iter(black_box(&text)).count())
        });
        group.finish();
        same_run_ratio(
            &format!("{source}/{name}"),
            || walk.count(black_box(&text)),
            || daac.find_overlapping_iter(black_box(&text)).count(),
        );
    }
}

/// The walk's time over daachorse's, each timed once a round for 15 rounds: the median ratio.
fn same_run_ratio(name: &str, walk: impl Fn() -> usize, daachorse: impl Fn() -> usize) {
    let time = |f: &dyn Fn() -> usize| {
        let start = std::time::Instant::now();
        black_box(f());
        start.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..15).map(|_| time(&walk) / time(&daachorse)).collect();
    ratios.sort_by(f64::total_cmp);
    println!(
        "scan/{name}: the walk takes {:.2} of daachorse's time (median of 15 rounds)",
        ratios[7]
    );
}

fn linter(c: &mut Criterion) {
    let (text, source) = common::corpus(4 << 20);
    let mut group = c.benchmark_group(format!("check/{source}"));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    for (name, engine) in [
        ("charwise", sanshen::MatcherEngine::Charwise),
        ("bytewise", sanshen::MatcherEngine::Bytewise),
    ] {
        let mut builder = sanshen::LinterBuilder::new();
        let linter = builder.matcher_engine(engine).build().expect("builds");
        // Warm the lazily built segmenter so it is not timed.
        let _ = linter.check(&text);
        group.bench_function(name, |b| b.iter(|| linter.check(black_box(&text)).len()));
    }
    group.finish();
}

criterion_group!(benches, scan, linter);
criterion_main!(benches);
