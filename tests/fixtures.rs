//! The labelled corpora under `tests/fixtures/<family>/`: every positive must be flagged with the
//! expected text, every negative must stay clean.

use sanshen::{Date, Family, Finding, Linter};
use std::path::Path;

fn lines(path: &str) -> Vec<(usize, String)> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.to_owned()))
        .collect()
}

fn of_family(findings: Vec<Finding>, family: Family) -> Vec<Finding> {
    findings.into_iter().filter(|f| f.family == family).collect()
}

/// Positives: `EXPECTED<TAB>SENTENCE`; a finding of `family` must cover EXPECTED (exactly, or
/// as part of a longer finding of the same family, such as a protected term's near miss).
#[track_caller]
fn assert_positives(path: &str, family: Family) {
    let linter = Linter::new();
    let mut failures = Vec::new();
    let all = lines(path);
    for (n, line) in &all {
        let (want, sentence) =
            line.split_once('\t').unwrap_or_else(|| panic!("{path}:{n}: no tab"));
        let found = of_family(linter.check(sentence), family);
        if !found.iter().any(|f| f.text.contains(want)) {
            let got: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
            failures.push(format!("{path}:{n}: want {want:?}, got {got:?}: {sentence}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} positives missed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// Negatives: one sentence a line; no finding of `family` allowed.
#[track_caller]
fn assert_negatives(path: &str, family: Family) {
    let linter = Linter::new();
    let mut failures = Vec::new();
    let all = lines(path);
    for (n, sentence) in &all {
        for f in of_family(linter.check(sentence), family) {
            failures.push(format!("{path}:{n}: flagged {:?} ({}): {sentence}", f.text, f.message));
        }
    }
    assert!(
        failures.is_empty(),
        "{} false findings in {} traps:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn typo_words() {
    assert_positives("typo/positive-words.txt", Family::Typo);
    assert_negatives("typo/negative-words.txt", Family::Typo);
}

#[test]
fn typo_idioms() {
    assert_positives("typo/positive-idioms.txt", Family::Typo);
    assert_negatives("typo/negative-idioms.txt", Family::Typo);
}

#[test]
fn typo_corpus_is_large_enough() {
    let positives =
        lines("typo/positive-words.txt").len() + lines("typo/positive-idioms.txt").len();
    let traps = lines("typo/negative-words.txt").len() + lines("typo/negative-idioms.txt").len();
    assert!(positives + traps >= 600 && traps >= 300, "{positives} positives, {traps} traps");
}

#[test]
fn sensitive_negatives() {
    assert_negatives("sensitive/negative.txt", Family::Sensitive);
}

#[test]
fn sensitive_taiwan_titles_in_context() {
    // Taiwan's titles are not flagged on their own (总统 alone is no error), so these sentences
    // name what must be found in them.
    assert_positives("sensitive/positive-taiwan.txt", Family::Sensitive);
    assert_negatives("sensitive/negative-taiwan.txt", Family::Sensitive);
}

#[test]
fn sensitive_positives_including_disguised_spellings() {
    // PATTERN<TAB>SENTENCE: the sentence writes PATTERN as is or disguised (台 湾 总 统,
    // 臺灣政府, ＴＭＤ). A disguised match must be the same entry (same category and suggestions)
    // and say how it was matched.
    let linter = Linter::new();
    let mut failures = Vec::new();
    let mut disguised = 0;
    for (n, line) in lines("sensitive/positive.txt") {
        let (want, sentence) = line.split_once('\t').expect("tab");
        let entry = of_family(linter.check(want), Family::Sensitive);
        let Some(entry) = entry.iter().find(|f| f.text == want) else {
            failures.push(format!("sensitive/positive.txt:{n}: {want:?} is not an entry"));
            continue;
        };
        let found = of_family(linter.check(sentence), Family::Sensitive);
        let literal = sentence.contains(want);
        disguised += usize::from(!literal);
        let ok = found.iter().any(|f| {
            if literal {
                f.text == want
            } else {
                f.evasion.is_some()
                    && f.category == entry.category
                    && f.suggestions == entry.suggestions
                    && sentence[f.span.start..f.span.end] == f.text
            }
        });
        if !ok {
            let got: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
            failures.push(format!(
                "sensitive/positive.txt:{n}: missed {want:?}, got {got:?}: {sentence}"
            ));
        }
    }
    assert!(disguised >= 30, "only {disguised} disguised spellings");
    assert!(failures.is_empty(), "{} missed:\n{}", failures.len(), failures.join("\n"));
}

/// Leader positives: `KIND<TAB>MATCHED<TAB>AS_OF<TAB>SENTENCE`.
fn leader_positives(kinds: &[&str]) {
    let linter = Linter::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (n, line) in lines("leader/positive.txt") {
        let f: Vec<&str> = line.splitn(4, '\t').collect();
        let [kind, want, as_of, sentence] = f[..] else {
            panic!("leader/positive.txt:{n}: need 4 fields")
        };
        if !kinds.contains(&kind) {
            continue;
        }
        checked += 1;
        let found = of_family(check_on(&linter, as_of, sentence), Family::Leader);
        if !found.iter().any(|f| f.text == want) {
            let got: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
            failures.push(format!(
                "leader/positive.txt:{n}: {kind}: want {want:?}, got {got:?}: {sentence}"
            ));
        }
    }
    assert!(checked > 0);
    assert!(failures.is_empty(), "{} missed:\n{}", failures.len(), failures.join("\n"));
}

fn check_on(linter: &Linter, as_of: &str, sentence: &str) -> Vec<Finding> {
    match as_of {
        "-" => linter.check_as_of(sentence, roster_date()),
        d => linter.check_as_of(sentence, d.parse::<Date>().expect("fixture date")),
    }
}

fn roster_date() -> Date {
    "2026-03-13".parse().expect("date")
}

#[test]
fn leader_title_forms_and_institutions() {
    leader_positives(&["title-form", "institution"]);
}

#[test]
fn leader_roster_checks() {
    leader_positives(&["title", "outdated", "removed", "order"]);
}

#[test]
fn leader_names() {
    leader_positives(&["name"]);
}

#[test]
fn leader_negatives() {
    let linter = Linter::new();
    let mut failures = Vec::new();
    for (n, line) in lines("leader/negative.txt") {
        let (as_of, sentence) = line.split_once('\t').expect("tab");
        for f in of_family(check_on(&linter, as_of, sentence), Family::Leader) {
            failures.push(format!(
                "leader/negative.txt:{n}: flagged {:?} ({}): {sentence}",
                f.text, f.message
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Protected terms: `WRONG<TAB>SENTENCE`, where WRONG is a near miss of a protected term
/// (中花人民共和国) that a `typo/protected` finding must cover.
#[test]
fn protected_near_misses() {
    let linter = Linter::new();
    let mut failures = Vec::new();
    let all = lines("protected/positive.txt");
    for (n, line) in &all {
        let (wrong, sentence) = line.split_once('\t').expect("tab");
        let found = linter.check(sentence);
        // A known misspelling of the typo dictionary may cover it first (一代一路).
        let covered = found.iter().any(|f| f.family == Family::Typo && f.text.contains(wrong));
        if !covered {
            let got: Vec<String> = found.iter().map(|f| format!("{} {}", f.rule, f.text)).collect();
            failures.push(format!(
                "protected/positive.txt:{n}: missed {wrong:?}, got {got:?}: {sentence}"
            ));
        }
    }
    assert!(all.len() >= 200, "only {} positives", all.len());
    assert!(
        failures.is_empty(),
        "{} of {} missed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn protected_traps() {
    let linter = Linter::new();
    let all = lines("protected/negative.txt");
    let mut failures = Vec::new();
    for (n, sentence) in &all {
        for f in linter.check(sentence).into_iter().filter(|f| f.rule == "typo/protected") {
            failures.push(format!("protected/negative.txt:{n}: flagged {:?}: {sentence}", f.text));
        }
    }
    assert!(all.len() >= 200, "only {} traps", all.len());
    assert!(
        failures.is_empty(),
        "{} of {} traps flagged:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
