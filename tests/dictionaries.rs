//! Hygiene of the shipped dictionaries: they parse, stay sorted and free of duplicates, their
//! corrections are not themselves flagged, and their example sentences behave as they say.

use sanshen::dict::{Dictionary, Entry, EntryKind};
use sanshen::{Family, Finding, Linter};
use std::collections::HashMap;

fn family_of(kind: EntryKind) -> Option<Family> {
    match kind {
        EntryKind::Typo => Some(Family::Typo),
        EntryKind::Sensitive => Some(Family::Sensitive),
        EntryKind::Leader => Some(Family::Leader),
        EntryKind::Allow | EntryKind::Protected => None,
    }
}

fn flags(findings: &[Finding], family: Family, text: &str) -> bool {
    findings.iter().any(|f| f.family == family && f.text == text)
}

#[test]
fn every_shipped_file_parses() {
    let files = Dictionary::builtin_files();
    assert!(files.len() >= 10, "only {} dictionary files embedded", files.len());
    for (name, text) in files {
        if let Err(e) = Dictionary::parse(name, text) {
            panic!("{e}");
        }
    }
}

#[test]
fn word_lists_are_sorted_and_free_of_duplicates() {
    let mut seen: HashMap<(EntryKind, String), String> = HashMap::new();
    let mut problems = Vec::new();
    for (name, text) in Dictionary::builtin_files() {
        let dict = Dictionary::parse(name, text).expect("parses");
        let sorted_file =
            name.starts_with("dictionaries/typo/") || name.starts_with("dictionaries/sensitive/");
        let mut previous: Option<&Entry> = None;
        for e in &dict.entries {
            let here = format!("{name}:{}", e.origin.line);
            if let Some(first) = seen.insert((e.kind, e.pattern.clone()), here.clone()) {
                problems.push(format!("{here}: `{}` duplicates {first}", e.pattern));
            }
            if sorted_file {
                if let Some(p) = previous.filter(|p| p.kind == e.kind && p.pattern > e.pattern) {
                    problems.push(format!("{here}: `{}` sorts before `{}`", e.pattern, p.pattern));
                }
            }
            previous = Some(e);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn corrections_are_not_flagged() {
    let linter = Linter::new();
    let mut problems = Vec::new();
    for e in &Dictionary::builtin().entries {
        let Some(family) = family_of(e.kind) else { continue };
        // A correction flagged by its own family, or fixable by another, would make fixing
        // cascade. (祖传密方 → 祖传秘方 may still draw an advertising warning.)
        for s in &e.suggestions {
            let bad: Vec<_> = linter
                .check(s)
                .into_iter()
                .filter(|f| f.family == family || f.is_fixable())
                .collect();
            if !bad.is_empty() {
                problems.push(format!(
                    "{}:{}: correction `{s}` of `{}` is flagged: {}",
                    e.origin.file, e.origin.line, e.pattern, bad[0].message
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn example_sentences_behave() {
    let linter = Linter::new();
    let mut problems = Vec::new();
    let mut count = 0;
    for e in &Dictionary::builtin().entries {
        let Some(family) = family_of(e.kind) else { continue };
        let at = format!("{}:{}", e.origin.file, e.origin.line);
        for ok in &e.ok {
            count += 1;
            if flags(&linter.check(ok), family, &e.pattern) {
                problems.push(format!("{at}: ok= sentence flagged: {ok}"));
            }
        }
        for bad in e.bad.iter().filter(|b| b.contains(&e.pattern)) {
            count += 1;
            // A longer finding of the same family may cover it (全国人大常委汇: the protected
            // term's near miss covers 常委汇).
            let reported = &e.pattern[e.lead..];
            let found = linter.check(bad);
            if !found.iter().any(|f| f.family == family && f.text.contains(reported)) {
                problems.push(format!("{at}: bad= sentence not flagged: {bad}"));
            }
        }
    }
    assert!(count > 100, "only {count} example sentences");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn fixing_example_sentences_is_idempotent() {
    let linter = Linter::new();
    for e in Dictionary::builtin().entries.iter().filter(|e| e.kind == EntryKind::Typo) {
        for bad in &e.bad {
            let once = linter.fix(bad).text;
            let twice = linter.fix(&once).text;
            assert_eq!(once, twice, "{}:{}", e.origin.file, e.origin.line);
        }
    }
}

#[test]
fn wrong_forms_that_are_real_words_carry_the_word_check() {
    // jieba's word list knows some wrong forms as words (做为, 帐号): such an entry must check
    // word boundaries, or it would fire inside legitimate text.
    let jieba = jieba_rs::Jieba::new();
    let mut problems = Vec::new();
    let typo = Dictionary::builtin().entries.iter().filter(|e| e.kind == EntryKind::Typo);
    let mut words = 0;
    for e in typo.filter(|e| jieba.has_word(&e.pattern)) {
        words += 1;
        if !e.word_check {
            problems.push(format!(
                "{}:{}: `{}` is a jieba word",
                e.origin.file, e.origin.line, e.pattern
            ));
        }
    }
    assert!(words > 100, "only {words} wrong forms are jieba words: is the check working?");
    assert!(
        problems.is_empty(),
        "{} entries need check=word:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
