//! Fixing is idempotent and touches only the spans it fixes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanshen::Linter;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let linter = Linter::new();
    let fixed = linter.fix(&text);
    // Settled: nothing left to fix, so fixing again changes nothing. (Fixing runs four rounds
    // at most; a text whose every fix makes another can use them up.)
    if fixed.settled {
        assert_eq!(linter.fix(&fixed.text).text, fixed.text, "fixing again changed the text");
    } else {
        assert!(fixed.remaining.iter().any(|f| f.is_fixable()), "unsettled with nothing to fix");
    }
    for f in &fixed.remaining {
        assert_eq!(fixed.text.get(f.span.start..f.span.end), Some(f.text.as_str()));
    }
    // One round: every byte outside an applied span is copied unchanged.
    let round = sanshen::apply_fixes(&text, linter.check(&text));
    let mut rebuilt = String::with_capacity(text.len());
    let mut at = 0;
    for f in &round.applied {
        assert!(f.span.start >= at, "applied fixes overlap");
        assert_eq!(f.suggestions.len(), 1, "an ambiguous finding was applied");
        rebuilt.push_str(&text[at..f.span.start]);
        rebuilt.push_str(&f.suggestions[0]);
        at = f.span.end;
    }
    rebuilt.push_str(&text[at..]);
    assert_eq!(rebuilt, round.text);
});
