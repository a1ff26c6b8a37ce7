//! Every sensitive entry has labelled sentences: its own example (a `bad=` sentence or a line of
//! the positive fixtures) and a trap (an `ok=` sentence, or a line of the negative fixtures
//! sharing two characters in a row with it): every entry of more than two characters, and every
//! entry of the categories of Xinhua's list and of the abusive-language category. Whether those sentences are found and stay clean is tested in
//! `dictionaries.rs` (`bad=`, `ok=`) and `fixtures.rs` (the fixtures); this test keeps an entry
//! from shipping without them.

use sanshen::dict::{Dictionary, Entry, EntryKind};
use std::collections::HashSet;
use std::path::Path;

/// Categories whose every entry needs a trap: those built from Xinhua's list and the replies'
/// abusive language, where an entry's characters most often occur in ordinary wording.
const TRAPPED: &[&str] = &[
    "abuse",
    "country-list",
    "ethnic",
    "international",
    "legal",
    "other",
    "political",
    "sovereignty",
    "taiwan-title",
];

/// Entries whose characters in a row make no ordinary word, even across a word boundary, so
/// that no sentence of ordinary wording can share them: their traps would be contrived. Latin
/// letters (FUCK, WTF) are acronyms of insults that no Chinese wording shares either.
const NO_TRAP_POSSIBLE: &[&str] = &[
    "CNM",
    "FUCK",
    "MLGB",
    "NMSL",
    "SHIT",
    "WTF",
    "下三滥",
    "僜族",
    "兔崽子",
    "吉跋猫",
    "哇噻",
    "干你娘",
    "法克鱿",
    "泼妇",
    "独眼龙",
    "福摩萨",
    "穷鬼",
    "维族",
    "草泥马",
    "蒙族",
    "蠢猪",
    "蠢货",
];

/// The labelled lines of a sensitive fixture file.
fn lines(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sensitive").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn sensitive() -> Vec<Entry> {
    let entries = Dictionary::builtin().entries.iter();
    entries.filter(|e| e.kind == EntryKind::Sensitive).cloned().collect()
}

fn at(e: &Entry) -> String {
    format!("{}:{}: {}", e.origin.file, e.origin.line, e.pattern)
}

#[test]
fn every_entry_has_its_own_example() {
    let positives: HashSet<String> = ["positive.txt", "positive-taiwan.txt"]
        .iter()
        .flat_map(|f| lines(f))
        .filter_map(|l| l.split_once('\t').map(|(want, _)| want.to_owned()))
        .collect();
    let entries = sensitive();
    assert!(entries.len() > 500, "{} entries", entries.len());
    let missing: Vec<String> = entries
        .iter()
        .filter(|e| {
            !e.bad.iter().any(|b| b.contains(&e.pattern)) && !positives.contains(&e.pattern)
        })
        .map(at)
        .collect();
    assert!(
        missing.is_empty(),
        "{} entries without an example:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn every_entry_that_can_have_a_trap_has_one() {
    let negatives: Vec<String> =
        ["negative.txt", "negative-taiwan.txt"].iter().flat_map(|f| lines(f)).collect();
    let trapped = |e: &Entry| {
        let chars: Vec<char> = e.pattern.chars().collect();
        let pairs: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
        NO_TRAP_POSSIBLE.contains(&e.pattern.as_str())
            || !e.ok.is_empty()
            || negatives.iter().any(|n| pairs.iter().any(|p| n.contains(p.as_str())))
    };
    // A trap of a two-character entry must hold the entry itself, which only the categories
    // of the list and `abuse` ask for; longer entries share a pair of characters with theirs.
    let needs_trap = |e: &Entry| {
        e.pattern.chars().count() > 2 || e.category.as_deref().is_some_and(|c| TRAPPED.contains(&c))
    };
    let entries = sensitive();
    let wanted: Vec<&Entry> = entries.iter().filter(|e| needs_trap(e)).collect();
    assert!(wanted.len() > 350, "{} entries need a trap", wanted.len());
    let missing: Vec<String> = wanted.into_iter().filter(|e| !trapped(e)).map(at).collect();
    assert!(
        missing.is_empty(),
        "{} entries without a trap:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
