//! The format family over its fixture corpora: every positive line is flagged by its rule with
//! exactly the matched text, and no negative line draws a format finding.

use sanshen::{Family, Finding, Linter};

fn format_findings(text: &str) -> Vec<Finding> {
    Linter::new().check(text).into_iter().filter(|f| f.family == Family::Format).collect()
}

/// The fixture's lines, skipping comments; `\n` stands for a line break.
fn lines(fixture: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    fixture
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.replace("\\n", "\n")))
}

#[test]
fn positive_lines_are_flagged() {
    let fixture = include_str!("fixtures/format/positive.txt");
    let mut problems = Vec::new();
    for (n, line) in lines(fixture) {
        let mut fields = line.splitn(3, '\t');
        let (Some(rule), Some(matched), Some(text)) = (fields.next(), fields.next(), fields.next())
        else {
            panic!("positive.txt:{n}: expected RULE<TAB>MATCHED<TAB>SENTENCE");
        };
        let found = format_findings(text);
        if !found.iter().any(|f| f.rule == rule && f.text == matched) {
            let got: Vec<(&str, &str)> =
                found.iter().map(|f| (f.rule.as_str(), f.text.as_str())).collect();
            problems.push(format!("positive.txt:{n}: `{text}` lacks {rule} `{matched}`: {got:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn negative_lines_are_clean() {
    let fixture = include_str!("fixtures/format/negative.txt");
    let mut problems = Vec::new();
    for (n, text) in lines(fixture) {
        for f in format_findings(&text) {
            problems.push(format!("negative.txt:{n}: `{text}`: {} `{}`", f.rule, f.text));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn fixtures_are_large_enough() {
    let positive = lines(include_str!("fixtures/format/positive.txt")).count();
    let negative = lines(include_str!("fixtures/format/negative.txt")).count();
    assert!(positive >= 80 && negative >= 80, "{positive} positive, {negative} negative lines");
}
