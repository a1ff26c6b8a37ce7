//! The compact segmentation lexicon cuts like jieba's full dictionary wherever a word-boundary
//! check decides a finding: every labelled sentence gets the same findings either way.

use sanshen::{Linter, LinterBuilder};
use std::path::Path;

#[test]
fn compact_lexicon_agrees_with_the_full_dictionary() {
    let compact = Linter::new();
    let full = LinterBuilder::new().full_segmenter(true).build().expect("builds");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut sentences = 0;
    let mut differences = Vec::new();
    for family in std::fs::read_dir(&dir).expect("fixtures") {
        for file in std::fs::read_dir(family.expect("entry").path()).expect("family folder") {
            let path = file.expect("entry").path();
            // The sentence corpora; tests/fixtures/office holds documents.
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("UTF-8 fixture");
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                let sentence = line.rsplit('\t').next().unwrap_or(line);
                sentences += 1;
                let (a, b) = (compact.check(sentence), full.check(sentence));
                if a != b {
                    differences.push(format!("{}: {sentence}", path.display()));
                }
            }
        }
    }
    // And the example sentences of the dictionaries' entries.
    for e in &sanshen::dict::Dictionary::builtin().entries {
        for sentence in e.ok.iter().chain(&e.bad) {
            sentences += 1;
            if compact.check(sentence) != full.check(sentence) {
                differences.push(format!("{}:{}: {sentence}", e.origin.file, e.origin.line));
            }
        }
    }
    assert!(sentences > 2_000, "only {sentences} sentences");
    assert!(differences.is_empty(), "{} differ:\n{}", differences.len(), differences.join("\n"));
}
