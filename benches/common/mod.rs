//! Shared bench inputs: real Chinese text and pattern sets.

/// Where a bench's `sanshen` processes keep built automata: under the build's own temporary
/// folder, never the user's cache directory.
pub(crate) const CACHE_DIR: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/automata");

pub(crate) mod words;

use std::path::Path;

/// Up to `max_bytes` of the real government documents in `../shared/data/corpus/gov-docs`, or,
/// where that folder is absent, paragraphs of words drawn from jieba's word list.
pub(crate) fn corpus(max_bytes: usize) -> (String, &'static str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus/gov-docs");
    let mut text = String::new();
    if let Ok(read) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = read.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if text.len() >= max_bytes {
                break;
            }
            if let Ok(t) = std::fs::read_to_string(&p) {
                text.push_str(&t);
                text.push('\n');
            }
        }
    }
    if !text.is_empty() {
        return (text, "gov-docs");
    }
    let words = words::Words::new();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        state >> 11
    };
    while text.len() < max_bytes {
        for _ in 0..1 + next() % 6 {
            text.push_str(&words.sentence(&mut next));
        }
        text.push('\n');
    }
    (text, "jieba's word list")
}

/// `n` distinct 2–4 character CJK patterns drawn deterministically from `text`.
pub(crate) fn patterns_from(text: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut tries = 0;
    while out.len() < n && tries < n * 50 && chars.len() > 8 {
        tries += 1;
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let at = (state >> 33) as usize % (chars.len() - 4);
        let len = 2 + (state >> 20) as usize % 3;
        let s: String = chars[at..at + len].iter().collect();
        if s.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && seen.insert(s.clone()) {
            out.push(s);
        }
    }
    out
}

/// The distinct patterns of the shipped dictionaries, sorted.
pub(crate) fn shipped_patterns() -> Vec<String> {
    let patterns = sanshen::dict::Dictionary::builtin().entries.iter().map(|e| e.pattern.clone());
    patterns.collect::<std::collections::BTreeSet<_>>().into_iter().collect()
}

/// The text cut into posts of about 3,000 characters (9,000 bytes) at sentence or line ends.
pub(crate) fn posts_of(text: &str) -> Vec<String> {
    let mut posts = Vec::new();
    let mut post = String::new();
    for c in text.chars() {
        post.push(c);
        if post.len() >= 9_000 && (c == '。' || c == '\n') {
            posts.push(std::mem::take(&mut post));
        }
    }
    posts.push(post);
    posts
}

/// `n` user entries of the sensitive family: word-like strings of two to four of the 3,000
/// characters most frequent in `text`, so that some occur in it, as a real list's entries do.
pub(crate) fn user_dictionary(text: &str, n: usize) -> String {
    let mut counts: std::collections::HashMap<char, usize> = std::collections::HashMap::new();
    for c in text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)) {
        *counts.entry(c).or_default() += 1;
    }
    let mut common: Vec<(usize, char)> = counts.into_iter().map(|(c, k)| (k, c)).collect();
    common.sort_unstable_by(|a, b| b.cmp(a));
    let common: Vec<char> = common.into_iter().take(3_000).map(|(_, c)| c).collect();
    let mut dict = String::from("!family sensitive\n!category user\n");
    let mut seen = std::collections::HashSet::new();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    while seen.len() < n && !common.is_empty() {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let len = 2 + (state >> 60) as usize % 3;
        let word: String =
            (0..len).map(|i| common[(state >> (i * 12 + 8)) as usize % common.len()]).collect();
        if seen.insert(word.clone()) {
            dict.push_str(&word);
            dict.push_str("\t-\n");
        }
    }
    dict
}
