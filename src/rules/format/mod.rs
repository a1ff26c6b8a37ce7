//! The `format` family (规范): official-document conventions — paired punctuation, full and half
//! width, document numbers, dates, accidental repetition and heading levels.
//!
//! The text is visited once, a line (paragraph) at a time; each rule is handed only the few
//! characters that can start a problem (a bracket, an ASCII digit, a half-width mark, an
//! ideograph written twice) and looks closer only there, so clean text costs little.

mod classes;
mod dates;
mod docnum;
mod heading;
mod pairs;
mod repeated;
mod width;

use crate::finding::{Finding, Severity};
use crate::registry::Rule;
use crate::span::Span;

/// The compiled format rules.
#[derive(Debug, Default)]
pub(crate) struct FormatRules {
    /// Legitimate reduplications (常常, 研究研究).
    repeats: repeated::Repeats,
    classes: classes::Classes,
    /// The width style bit of ， (see [`width::style_bit`]).
    comma_style: u8,
}

impl FormatRules {
    /// Builds the rules; `repeats` are the legitimate reduplications of the `repeat` lists.
    pub(crate) fn new<'a>(repeats: impl IntoIterator<Item = &'a str>) -> FormatRules {
        FormatRules {
            repeats: repeated::Repeats::new(repeats),
            classes: classes::Classes::default(),
            comma_style: width::style_bit('，'),
        }
    }

    /// Appends the format findings of `text` (line and column are filled in later).
    ///
    /// One pass over the text serves every rule: a byte loop steps a character at a time, where
    /// an ideograph (most of Chinese text) costs a comparison with the next character for the
    /// repetition rule and nothing else; digits, brackets, quotation marks and half-width
    /// punctuation go to the rules that look at them. Rules that need the whole text (which
    /// marks it writes full-width, the outline of headings) decide at the end.
    ///
    /// The start of every line, empty ones too, is appended to `line_starts` (for texts under
    /// 4 GiB), so that findings can be given their lines without another search.
    pub(crate) fn check(&self, text: &str, out: &mut Vec<Finding>, line_starts: &mut Vec<u32>) {
        let mut outline = heading::Outline::default();
        let mut balance = pairs::Balance::default();
        let mut width = width::Width::default();
        let small = u32::try_from(text.len()).is_ok();
        for line in lines(text) {
            if small {
                line_starts.push(line.offset as u32);
            }
            if line.text.is_empty() {
                continue;
            }
            balance.start_line(&line, out);
            self.scan_line(&line, &mut balance, &mut width, out);
            balance.end_line(&line, out);
            outline.visit(&line);
        }
        // After a final line end, an empty last line.
        if small && text.ends_with(['\n', '\r']) {
            line_starts.push(text.len() as u32);
        }
        balance.finish(width.full_width_brackets(), out);
        width.finish(out);
        outline.finish(out);
    }

    /// Visits one line for every rule but headings.
    fn scan_line<'t>(
        &self,
        line: &Line<'t>,
        balance: &mut pairs::Balance<'t>,
        width: &mut width::Width,
        out: &mut Vec<Finding>,
    ) {
        let b = line.text.as_bytes();
        let mut i = 0;
        // Whether a clause starts here, after punctuation or a space: only there are repeated
        // words of two or more characters judged.
        let mut clause_start = false;
        let mut from = Resume::default();
        while i < b.len() {
            let lead = b[i];
            if (0xE4..=0xE9).contains(&lead) {
                // A run of ideographs of the basic plane. After punctuation a repeated word may
                // start here; elsewhere only a character written twice matters.
                if clause_start {
                    self.repeat(line, i, true, &mut from, out);
                    clause_start = false;
                }
                // The rest of the run, five characters a window (see `run_window`): up to the
                // first character that is not an ideograph or is written twice.
                // (A doubled character at the start of a clause is looked at twice; the second
                // look finds what the first did, or is skipped after a finding.)
                loop {
                    let Some(window) = b.get(i..).and_then(|r| r.first_chunk::<19>()) else {
                        // The last characters of the line, one at a time.
                        while b.get(i).is_some_and(|lead| (0xE4..=0xE9).contains(lead)) {
                            if b.get(i..i + 6).is_some_and(twice) {
                                self.repeat(line, i, false, &mut from, out);
                            }
                            i += 3;
                        }
                        break;
                    };
                    match run_window(window) {
                        Window::Plain => i += 15,
                        Window::Doubled(k) => {
                            self.repeat(line, i + k, false, &mut from, out);
                            i += k + 3;
                        }
                        Window::End(k) => {
                            i += k;
                            break;
                        }
                    }
                }
                // Most runs end at ， 、 or 。, which only start a clause (and, for ，, tell the
                // width rule that full-width marks are in use): taken here, without the
                // table and the branches the other punctuation needs.
                if let Some(&[0xEF, 0xBC, 0x8C] | &[0xE3, 0x80, 0x81 | 0x82]) =
                    b.get(i..).and_then(|r| r.first_chunk::<3>())
                {
                    if b[i] == 0xEF {
                        width.saw(self.comma_style);
                    }
                    clause_start = true;
                    i += 3;
                }
                continue;
            }
            match lead {
                b'0'..=b'9' => {
                    if i >= from.date {
                        if let Some(end) = dates::at(line, i, out) {
                            from.date = end;
                        }
                    }
                    clause_start = false;
                }
                0x00..=0x7F => {
                    if lead == b'(' || lead == b'[' {
                        from.document_number(line, i, out);
                    }
                    if (lead == b'(' || lead == b')') && i >= from.marks {
                        balance.mark(line, i, char::from(lead), out);
                    }
                    width.half_width_mark(line, i);
                    clause_start = lead.is_ascii_whitespace()
                        || matches!(lead, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')');
                }
                0xE2 | 0xE3 | 0xEF => {
                    let Some(&[_, b1, b2]) = b.get(i..).and_then(|r| r.first_chunk::<3>()) else {
                        break;
                    };
                    let (class, style) = self.classes.of(lead, b1, b2);
                    width.saw(style);
                    if class & classes::IDEOGRAPH != 0 {
                        self.repeat(line, i, clause_start, &mut from, out);
                    } else if class & (classes::MARK | classes::OPENER | classes::FULL_ALNUM) != 0 {
                        let c = classes::decode(lead, b1, b2);
                        if class & classes::OPENER != 0 {
                            from.document_number(line, i, out);
                        }
                        if class & classes::MARK != 0 && i >= from.marks {
                            balance.mark(line, i, c, out);
                        }
                        if class & classes::FULL_ALNUM != 0 && i >= from.width {
                            from.width = width::full_width_run(line, i, out);
                        }
                    }
                    clause_start = class & classes::CLAUSE != 0;
                    i += 3;
                    continue;
                }
                _ => clause_start = false,
            }
            i += utf8_len(lead);
        }
    }

    /// Looks for an accidental repeat at the ideograph at byte `i`.
    #[inline(always)]
    fn repeat(
        &self,
        line: &Line<'_>,
        i: usize,
        clause_start: bool,
        from: &mut Resume,
        out: &mut Vec<Finding>,
    ) {
        let b = line.text.as_bytes();
        if i >= from.repeat && repeated::Repeats::may_repeat_at(b, i, clause_start) {
            if let Some((end, f)) = self.repeats.repeat_at(line, i, clause_start) {
                out.push(f);
                from.repeat = end;
            }
        }
    }
}

/// What the first five characters of a window of nineteen bytes that starts with an ideograph
/// hold, for the repetition rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Window {
    /// Five ideographs, none written twice (equal to the next character).
    Plain,
    /// Ideographs up to byte `k`, where one is written twice.
    Doubled(usize),
    /// Ideographs up to byte `k`, where something else starts.
    End(usize),
}

/// Looks at five characters at once: two 16-byte vector comparisons give, for every byte,
/// whether it equals the byte three further on and whether it is a lead byte E4–E9. Where the
/// five characters are ideographs, their lead bytes sit at 0, 3, 6, 9 and 12, and a character
/// is doubled when its three bytes equal the next three. The first position where either
/// holds is the answer: before it, the characters are what was assumed.
#[inline]
fn run_window(w: &[u8; 19]) -> Window {
    use wide::{i8x16, u8x16};
    const LEADS: u32 = 0b1_0010_0100_1001;
    let mask = |v: u8x16| i8x16::new(v.to_array().map(|b| b as i8)).move_mask() as u32;
    let a = u8x16::new(*w.first_chunk::<16>().unwrap_or(&[0; 16]));
    let ahead = u8x16::new(*w.last_chunk::<16>().unwrap_or(&[0; 16]));
    let same = mask(a.cmp_eq(ahead));
    // E4–E9 shifted to 0–5: at most 5 where the minimum with 5 is the byte itself.
    let shifted = a - u8x16::splat(0xE4);
    let lead = mask(shifted.min(u8x16::splat(5)).cmp_eq(shifted));
    let doubled = same & (same >> 1) & (same >> 2) & LEADS;
    let other = !lead & LEADS;
    match doubled | other {
        0 => Window::Plain,
        bad => {
            let k = bad.trailing_zeros() as usize;
            match other & (1 << k) != 0 {
                true => Window::End(k),
                false => Window::Doubled(k),
            }
        }
    }
}

/// Whether the six bytes `w` are one three-byte character written twice. The characters are
/// compared as numbers: byte by byte, equal lead bytes (a quarter of neighbours) would make the
/// branch unpredictable, and a slice comparison would call memcmp.
#[inline]
fn twice(w: &[u8]) -> bool {
    let char_at = |k: usize| u32::from_le_bytes([w[k], w[k + 1], w[k + 2], 0]);
    char_at(0) == char_at(3)
}

/// Where each rule resumes on a line, after what it has consumed: a repeat, a date, a run of
/// full-width letters, a document number (whose brackets are its own business, not the
/// balance's).
#[derive(Clone, Copy, Debug, Default)]
struct Resume {
    repeat: usize,
    date: usize,
    width: usize,
    marks: usize,
}

impl Resume {
    /// Judges a document number whose year may open at byte `i`.
    fn document_number(&mut self, line: &Line<'_>, i: usize, out: &mut Vec<Finding>) {
        if let Some(f) = docnum::judge(line, i) {
            self.marks = f.span.end - line.offset;
            out.push(f);
        }
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
        rule: &Rule,
        severity: Severity,
        (start, end): (usize, usize),
        message: String,
        suggestions: Vec<String>,
    ) -> Finding {
        let span = Span::new(self.offset + start, self.offset + end);
        Finding::new(rule, span, &self.text[start..end], message)
            .with_severity(severity)
            .with_suggestions(suggestions)
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

/// The lines of `text`, empty ones too: a line ends at `\n`, `\r\n` or a lone `\r`.
fn lines(text: &str) -> impl Iterator<Item = Line<'_>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let end = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |n| start + n);
        // \r\n, \n and a lone \r each end a line.
        at = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        Some(Line { text: &text[start..end], offset: start })
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
    let digit = |c: char| match c {
        '〇' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    // At most three characters, without allocating: this runs for every numbered line.
    let mut chars = ['\0'; 3];
    let mut n = 0;
    for c in s.chars() {
        *chars.get_mut(n)? = c;
        n += 1;
    }
    match &chars[..n] {
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
        RULES.check(text, &mut out, &mut Vec::new());
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
        assert_eq!(got, [(0, "甲"), (5, "乙"), (9, "丙"), (13, ""), (14, "丁")]);
    }

    /// The scan steps through runs of ideographs several bytes at a time; a slip must be found
    /// wherever it falls in a run, whatever the run's length and what surrounds it.
    #[test]
    fn doubled_character_found_anywhere_in_a_run() {
        let filler: Vec<char> = "山水田林草沙冰雪风雨雷电江河湖海日月星辰".chars().collect();
        for len in 0..filler.len() {
            for at in 0..=len {
                for (before, after) in [("", ""), ("，", "。"), ("A", "1"), ("“", "”\n")] {
                    let run: String = filler[..at].iter().collect::<String>()
                        + "的的"
                        + &filler[at..len].iter().collect::<String>();
                    let text = format!("{before}{run}{after}");
                    let got = testing::findings(&text);
                    let start = before.len() + 3 * at;
                    let want = [(repeated::REPEATED, Span::new(start, start + 6))];
                    let got: Vec<(&str, Span)> =
                        got.iter().map(|f| (f.rule.as_str(), f.span)).collect();
                    assert_eq!(got, want, "{text}");
                }
            }
        }
    }

    /// The line starts handed to the line counter: after `\n`, after `\r` not before `\n`, and
    /// an empty last line after a final line end.
    #[test]
    fn line_starts_for_the_line_counter() {
        let rules = FormatRules::new(std::iter::empty());
        for text in ["甲\r\n乙\r丙\n\n丁", "甲\n", "\r\n\r\n", "\r", "甲", "\n\r甲\r\n"] {
            let mut starts = Vec::new();
            rules.check(text, &mut Vec::new(), &mut starts);
            assert_eq!(starts, crate::span::tests::line_starts(text), "{text:?}");
        }
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
