//! What every fuzz target asserts about the library's answers.

use sanshen::{Date, Family, Finding, Linter};

/// Line and column of byte `at`, counted independently of the library: a line ends at `\n`,
/// `\r\n` or a lone `\r`; the column counts characters from 1.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut start = 0;
    for (i, &b) in bytes[..at].iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            start = i + 1;
        }
    }
    (line, text[start..at].chars().count() + 1)
}

/// Spans lie inside the text on character boundaries and slice the reported text; line and
/// column are right; findings are sorted; findings of one family do not overlap.
pub fn assert_findings_sound(text: &str, findings: &[Finding]) {
    let mut previous: Option<&Finding> = None;
    for f in findings {
        let s = f.span;
        assert!(s.start < s.end && s.end <= text.len(), "span {s:?} outside {} bytes", text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?}");
        assert_eq!(&text[s.start..s.end], f.text, "span {s:?} does not hold the reported text");
        assert_eq!((f.line, f.column), line_column(text, s.start), "line/column of {s:?}");
        if let Some(p) = previous {
            assert!(p.span.start <= s.start, "findings not sorted");
        }
        previous = Some(f);
    }
    for family in Family::ALL {
        let mut spans = findings.iter().filter(|f| f.family == family).map(|f| f.span);
        if let Some(mut last) = spans.next() {
            for s in spans {
                assert!(last.end <= s.start, "{family} findings overlap: {last:?} {s:?}");
                last = s;
            }
        }
    }
}

/// Checks `text` as of today and as of `date`, and asserts both answers are sound.
pub fn check_everything(linter: &Linter, text: &str, date: Date) {
    assert_findings_sound(text, &linter.check(text));
    assert_findings_sound(text, &linter.check_as_of(text, date));
}

/// A date from four bytes: any day within about ten thousand years of 1970, and now and then
/// the first or last representable year.
pub fn date_from(bytes: [u8; 4]) -> Date {
    let raw = u32::from_le_bytes(bytes);
    match raw % 64 {
        62 => Date::new(i32::MIN, 1, 1).expect("exists"),
        63 => Date::new(i32::MAX, 12, 31).expect("exists"),
        _ => Date::from_days_since_epoch(i64::from(raw % 7_300_000) - 3_650_000),
    }
}

/// Splits fuzz input into a date (the first four bytes) and the rest.
pub fn split_date(data: &[u8]) -> (Date, &[u8]) {
    match data.split_first_chunk::<4>() {
        Some((head, rest)) => (date_from(*head), rest),
        None => (date_from([0; 4]), data),
    }
}
