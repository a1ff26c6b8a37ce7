//! The `format` family (规范): official-document conventions — paired punctuation, full and half
//! width, document numbers, dates, accidental repetition and heading levels.
//!
//! The text is visited a line (paragraph) at a time. Each rule scans the line's bytes for the few
//! bytes that can start a problem (a bracket, an ASCII digit, a half-width mark) and looks closer
//! only there, so clean text costs little.

mod dates;
mod docnum;
mod heading;
mod pairs;
mod repeated;
mod width;

use crate::finding::{Family, Finding, Severity};
use crate::span::Span;

/// The compiled format rules.
#[derive(Debug, Default)]
pub(crate) struct FormatRules {
    /// Legitimate reduplications (常常, 研究研究).
    repeats: repeated::Repeats,
}

impl FormatRules {
    /// Builds the rules; `repeats` are the legitimate reduplications of the `repeat` lists.
    pub(crate) fn new<'a>(repeats: impl IntoIterator<Item = &'a str>) -> FormatRules {
        FormatRules { repeats: repeated::Repeats::new(repeats) }
    }

    /// Appends the format findings of `text` (line and column are filled in later).
    pub(crate) fn check(&self, text: &str, out: &mut Vec<Finding>) {
        let mut outline = heading::Outline::default();
        let mut balance = pairs::Balance::new(text);
        let style = width::Style::of(text);
        for line in lines(text) {
            let first = out.len();
            // Document numbers and dates need ASCII digits; width problems need half-width
            // punctuation or full-width letters and digits: most lines have neither.
            let kinds = Kinds::of(line.text);
            if kinds.digit {
                docnum::check(&line, out);
            }
            // 国发〔2019]7号 is one document-number problem, not also an unpaired 〔.
            let numbers: Vec<Span> = match out.len() > first {
                true => out[first..].iter().map(|f| f.span).collect(),
                false => Vec::new(),
            };
            balance.visit(&line, &numbers, out);
            if kinds.ascii_mark || kinds.full_width {
                width::check(&line, style, out);
            }
            if kinds.digit {
                dates::check(&line, out);
            }
            self.repeats.check(&line, out);
            outline.visit(&line);
        }
        balance.finish(out);
        outline.finish(out);
    }
}

/// What kinds of trigger bytes a line holds, found in one pass.
#[derive(Clone, Copy, Debug, Default)]
struct Kinds {
    /// An ASCII digit.
    digit: bool,
    /// A half-width mark the width rule looks at: , ; : ? ! ( ).
    ascii_mark: bool,
    /// A full-width digit or Latin letter (EF BC 90–99, A1–BA; EF BD 81–9A).
    full_width: bool,
}

impl Kinds {
    fn of(line: &str) -> Kinds {
        let mut k = Kinds::default();
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'0'..=b'9' => k.digit = true,
                b',' | b';' | b':' | b'?' | b'!' | b'(' | b')' => k.ascii_mark = true,
                0xEF => {
                    k.full_width |= matches!(
                        (bytes.get(i + 1), bytes.get(i + 2)),
                        (Some(0xBC), Some(0x90..=0x99 | 0xA1..=0xBA)) | (Some(0xBD), Some(0x81..=0x9A))
                    );
                }
                _ => {}
            }
        }
        k
    }
}

/// One line of the checked text and where it starts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'t> {
    /// The line without its line end.
    pub(crate) text: &'t str,
    /// Byte offset of the line in the checked text.
    pub(crate) offset: usize,
}

impl Line<'_> {
    /// A finding for `start..end` (bytes into the line).
    pub(crate) fn finding(
        &self,
        rule: &str,
        severity: Severity,
        (start, end): (usize, usize),
        message: String,
        suggestions: Vec<String>,
    ) -> Finding {
        Finding {
            family: Family::Format,
            rule: rule.to_owned(),
            category: None,
            severity,
            span: Span::new(self.offset + start, self.offset + end),
            line: 0,
            column: 0,
            text: self.text[start..end].to_owned(),
            message,
            suggestions,
            evasion: None,
        }
    }

    /// The character just before byte `at`.
    pub(crate) fn before(&self, at: usize) -> Option<char> {
        self.text.get(..at)?.chars().next_back()
    }

    /// The character starting at byte `at`.
    pub(crate) fn at(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }

    /// Whether byte `at` lies in a URL, an e-mail address or a piece of code: the run of
    /// non-blank characters around it looks like one.
    pub(crate) fn in_url_or_code(&self, at: usize) -> bool {
        let bytes = self.text.as_bytes();
        let blank = |b: &u8| b.is_ascii_whitespace() || *b >= 0x80;
        // A URL or a piece of code is short; looking further than this is wasted work (and
        // quadratic on a long line of dates).
        const REACH: usize = 256;
        let from = at.saturating_sub(REACH);
        let to = (at + REACH).min(bytes.len());
        let start = bytes[from..at].iter().rposition(blank).map_or(from, |p| from + p + 1);
        let end = bytes[at..to].iter().position(blank).map_or(to, |p| at + p);
        // Both ends are ASCII or just after a blank, so they are char boundaries.
        let Some(token) = self.text.get(start..end) else { return false };
        ["://", "www.", "@", "=", "{", "}", "<", ">", "\\"].iter().any(|m| token.contains(m))
    }
}

/// Length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte), so byte
/// scans can step a character at a time.
pub(crate) fn utf8_len(b: u8) -> usize {
    match b {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The lines of `text`: a line ends at `\n`, `\r\n` or a lone `\r`.
fn lines(text: &str) -> impl Iterator<Item = Line<'_>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let len = bytes[at..].iter().position(|&b| b == b'\n' || b == b'\r');
        let end = len.map_or(bytes.len(), |n| start + n);
        // \r\n, \n and a lone \r each end a line.
        at = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        if end > start {
            return Some(Line { text: &text[start..end], offset: start });
        }
    })
}

/// A CJK ideograph (including 〇).
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}'
        | '〇')
}

/// Chinese punctuation that opens: “《（【〔‘「『.
pub(crate) fn is_cjk_opening(c: char) -> bool {
    matches!(c, '“' | '《' | '（' | '【' | '〔' | '‘' | '「' | '『')
}

/// Chinese punctuation that closes: ”》）】〕’」』.
pub(crate) fn is_cjk_closing(c: char) -> bool {
    matches!(c, '”' | '》' | '）' | '】' | '〕' | '’' | '」' | '』')
}

/// The value of ASCII digits `b[at..]` (at most `max` of them, followed by no further digit) and
/// where they end.
pub(crate) fn ascii_number(b: &[u8], at: usize, max: usize) -> Option<(u32, usize)> {
    let len = b.get(at..)?.iter().take_while(|c| c.is_ascii_digit()).count();
    if len == 0 || len > max {
        return None;
    }
    let value = b[at..at + len].iter().fold(0, |v, d| v * 10 + u32::from(d - b'0'));
    Some((value, at + len))
}

/// The value of a Chinese numeral from 一 to 九十九 (一, 十, 十二, 二十, 二十三).
pub(crate) fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).map(|d| d as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [a] if *a != '十' => digit(*a).filter(|&d| d > 0),
        ['十'] => Some(10),
        ['十', b] => digit(*b).filter(|&d| d > 0).map(|d| 10 + d),
        [a, '十'] => digit(*a).filter(|&d| d > 1).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a).filter(|&d| d > 1)? * 10 + digit(*b).filter(|&d| d > 0)?),
        _ => None,
    }
}

/// The Chinese numeral for 1–99.
pub(crate) fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n as usize].to_owned(),
        10..=19 => format!("十{}", DIGITS[(n % 10) as usize]),
        20..=99 => format!("{}十{}", DIGITS[(n / 10) as usize], DIGITS[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the rules' tests.

    use super::FormatRules;
    use crate::dict::Dictionary;
    use crate::finding::Finding;
    use std::sync::LazyLock;

    static RULES: LazyLock<FormatRules> = LazyLock::new(|| {
        FormatRules::new(Dictionary::builtin().repeats.iter().map(String::as_str))
    });

    /// The format findings of `text`, by position.
    pub(crate) fn findings(text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        RULES.check(text, &mut out);
        out.sort_by_key(|f| (f.span, f.rule.clone()));
        for f in &out {
            assert_eq!(&text[f.span], f.text, "{text}");
        }
        out
    }

    /// Asserts the (rule, text) of every format finding of `text`.
    #[track_caller]
    pub(crate) fn assert_findings(text: &str, want: &[(&str, &str)]) {
        let got = findings(text);
        let got: Vec<(&str, &str)> =
            got.iter().map(|f| (f.rule.as_str(), f.text.as_str())).collect();
        assert_eq!(got, want, "{text}");
    }

    /// Asserts that `text` has no format finding.
    #[track_caller]
    pub(crate) fn assert_clean(text: &str) {
        assert_findings(text, &[]);
    }

    /// Asserts that `text` has exactly one finding, fixable to `suggestion`.
    #[track_caller]
    pub(crate) fn assert_fix(text: &str, rule: &str, found: &str, suggestion: &str) {
        let got = findings(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!((got[0].rule.as_str(), got[0].text.as_str()), (rule, found), "{text}");
        assert_eq!(got[0].suggestions, [suggestion], "{text}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_offsets() {
        let text = "甲\r\n乙\r丙\n\n丁";
        let got: Vec<(usize, &str)> = lines(text).map(|l| (l.offset, l.text)).collect();
        assert_eq!(got, [(0, "甲"), (5, "乙"), (9, "丙"), (14, "丁")]);
    }

    #[test]
    fn numbers() {
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("九十九"), Some(99));
        assert_eq!(chinese_number("一十"), None);
        assert_eq!(chinese_number("〇"), None);
        assert_eq!(chinese_numeral(12), "十二");
        assert_eq!(chinese_numeral(30), "三十");
        assert_eq!(ascii_number(b"a2021x", 1, 4), Some((2021, 5)));
        assert_eq!(ascii_number(b"20211", 0, 4), None);
    }

    #[test]
    fn urls_and_code() {
        let line = Line { text: "见https://www.gov.cn/a?b=中文，谢谢", offset: 0 };
        assert!(line.in_url_or_code(line.text.find('?').unwrap()));
        let line = Line { text: "会议时间:下午", offset: 0 };
        assert!(!line.in_url_or_code(line.text.find(':').unwrap()));
    }
}
