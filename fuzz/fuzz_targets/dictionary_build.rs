//! A dictionary that parses builds a linter (without the shipped dictionaries) that checks the
//! dictionary's own patterns, example sentences and roster lines soundly. Segmentation checks
//! (`check=word`) are off: loading jieba for every input would make the target crawl.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanshen::dict::Dictionary;
use sanshen::LinterBuilder;

const NAME: &str = "fuzz.tsv";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(dict) = Dictionary::parse(NAME, &text) else { return };
    let mut sample = String::new();
    for e in dict.entries.iter().take(64) {
        sample.push_str(&e.pattern);
        sample.push('。');
        for s in e.ok.iter().chain(&e.bad) {
            sample.push_str(s);
            sample.push('\n');
        }
    }
    for r in dict.roster.iter().take(16) {
        sample.push_str(&format!("{}{}，", r.title, r.name));
    }
    let mut builder = LinterBuilder::new();
    builder.builtin(false).context_checks(false);
    // The same text again: parsing is deterministic, so it cannot fail now.
    builder.add_dictionary(NAME, &text).expect("parsed once already");
    if let Ok(linter) = builder.build() {
        let date = sanshen::Date::new(2026, 3, 1).expect("exists");
        sanshen_fuzz::check_everything(&linter, &sample, date);
    }
});
