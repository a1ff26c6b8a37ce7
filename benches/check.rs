//! What a full review costs: building linters, checking clean and error-laden official text,
//! per family, with and without context checks and evasion, with many user entries, and the
//! reference points measured in the same run (UTF-8 validation of the same bytes, a bare
//! char-wise automaton over the same patterns).

#[allow(dead_code)]
mod common;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use daachorse::CharwiseDoubleArrayAhoCorasick;
use sanshen::dict::Dictionary;
use sanshen::{Family, Linter, LinterBuilder};
use std::hint::black_box;

fn with_user(dict: &str) -> Linter {
    let mut b = LinterBuilder::new();
    b.add_dictionary("user.tsv", dict).expect("parses");
    b.build().expect("builds")
}

fn build(c: &mut Criterion) {
    let (text, _) = common::corpus(4 << 20);
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("default", |b| b.iter(|| LinterBuilder::new().build().expect("builds")));
    for n in [1_000, 10_000, 100_000] {
        let dict = common::user_dictionary(&text, n);
        group.bench_function(format!("user-{n}"), |b| b.iter(|| with_user(black_box(&dict))));
    }
    group.finish();
}

/// The corpus with one shipped misspelling inserted every `every` bytes.
fn with_errors(text: &str, every: usize) -> String {
    let wrong: Vec<&str> = Dictionary::builtin()
        .entries
        .iter()
        .filter(|e| e.kind == sanshen::dict::EntryKind::Typo && !e.word_check)
        .map(|e| e.pattern.as_str())
        .collect();
    let mut out = String::with_capacity(text.len() + text.len() / every * 12);
    let mut next = every;
    for (i, c) in text.char_indices() {
        out.push(c);
        if i >= next && c == '，' {
            out.push_str(wrong[(i / every) % wrong.len()]);
            next = i + every;
        }
    }
    out
}

fn check(c: &mut Criterion) {
    let (clean, source) = common::corpus(4 << 20);
    let texts = [
        ("clean", clean.clone()),
        ("realistic", with_errors(&clean, 2_000)),
        ("dense", with_errors(&clean, 100)),
    ];
    let default = Linter::new();
    let patterns = common::shipped_patterns();
    let bare = CharwiseDoubleArrayAhoCorasick::<u32>::new(&patterns).expect("distinct");
    let no_context = LinterBuilder::new().context_checks(false).build().expect("builds");
    let no_evasion = LinterBuilder::new().evasion(false).build().expect("builds");
    let no_protected = LinterBuilder::new().disable_rule("typo/protected").build().expect("builds");
    let no_format = LinterBuilder::new().family(Family::Format, false).build().expect("builds");
    let only = |family: Family| {
        let mut b = LinterBuilder::new();
        for f in Family::ALL.into_iter().filter(|f| *f != family) {
            b.family(f, false);
        }
        b.build().expect("builds")
    };
    for (name, text) in &texts {
        let mut group = c.benchmark_group(format!("check/{source}/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        // Warm the lazily built segmenter, and check correctness once before timing.
        let findings = default.check(text).len();
        assert!(*name == "clean" || findings > text.len() / 3_000, "{name}: {findings} findings");
        group.bench_function("utf8-validate", |b| {
            b.iter(|| std::str::from_utf8(black_box(text.as_bytes())).is_ok())
        });
        group.bench_function("bare-automaton", |b| {
            b.iter(|| bare.find_overlapping_iter(black_box(text)).count())
        });
        group.bench_function("full", |b| b.iter(|| default.check(black_box(text)).len()));
        let _ = no_context.check(text);
        group.bench_function("no-context-checks", |b| {
            b.iter(|| no_context.check(black_box(text)).len())
        });
        group.bench_function("no-evasion", |b| b.iter(|| no_evasion.check(black_box(text)).len()));
        group.bench_function("no-protected-near-misses", |b| {
            b.iter(|| no_protected.check(black_box(text)).len())
        });
        group.bench_function("no-format", |b| b.iter(|| no_format.check(black_box(text)).len()));
        if *name == "clean" {
            for family in Family::ALL {
                let linter = only(family);
                let _ = linter.check(text);
                group.bench_function(format!("only-{family}"), |b| {
                    b.iter(|| linter.check(black_box(text)).len())
                });
            }
            for n in [1_000, 10_000, 100_000] {
                let linter = with_user(&common::user_dictionary(&clean, n));
                let _ = linter.check(text);
                group.bench_function(format!("user-{n}"), |b| {
                    b.iter_batched(
                        || (),
                        |_| linter.check(black_box(text)).len(),
                        BatchSize::SmallInput,
                    )
                });
            }
        }
        group.finish();
    }
}

/// Posts of about 3,000 characters checked one after another and in parallel over all cores.
fn parallel(c: &mut Criterion) {
    use rayon::prelude::*;
    let (text, source) = common::corpus(4 << 20);
    let posts = common::posts_of(&text);
    let linter = Linter::new();
    let _ = linter.check(&text);
    let mut group = c.benchmark_group(format!("posts/{source}"));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("one-thread", |b| {
        b.iter(|| posts.iter().map(|p| linter.check(black_box(p)).len()).sum::<usize>())
    });
    group.bench_function("all-cores", |b| {
        b.iter(|| posts.par_iter().map(|p| linter.check(black_box(p)).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, build, check, parallel);
criterion_main!(benches);
