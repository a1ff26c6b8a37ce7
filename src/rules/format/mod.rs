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
mod scan;
mod width;

pub(crate) use crate::chars::is_ideograph;
use crate::dict::Dictionary;
use crate::finding::{Finding, Severity};
use crate::registry::Rule;
use crate::span::Span;
pub(crate) use heading::Outline;

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
    /// Builds the rules with the `repeat` lists of `dicts` (legitimate reduplications, words
    /// that start or end with a function character).
    pub(crate) fn new<'a>(dicts: impl Iterator<Item = &'a Dictionary> + Clone) -> FormatRules {
        FormatRules {
            repeats: repeated::Repeats::new(dicts),
            classes: classes::Classes::default(),
            comma_style: width::style_bit('，'),
        }
    }

    /// [`FormatRules::check_in`] with an outline of its own.
    #[cfg(test)]
    pub(crate) fn check(&self, text: &str, out: &mut Vec<Finding>, line_starts: &mut Vec<u32>) {
        self.check_in(text, out, line_starts, &mut Outline::default());
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
    /// 4 GiB), so that findings can be given their lines without another search. The headings
    /// are gathered in `outline`, emptied first: a caller that keeps it for the next text keeps
    /// its room (its pages) too.
    pub(crate) fn check_in(
        &self,
        text: &str,
        out: &mut Vec<Finding>,
        line_starts: &mut Vec<u32>,
        outline: &mut Outline,
    ) {
        outline.start(text.len());
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
            let indent = indent(line.text.as_bytes());
            balance.start_line(&line, indent.paragraph, out);
            let rest = &text.as_bytes()[line.offset..];
            scan::Scan::new(self, line, rest, &mut balance, &mut width, out).line();
            balance.end_line(&line, out);
            outline.visit(&line, indent.heading);
        }
        // After a final line end, an empty last line.
        if small && text.ends_with(['\n', '\r']) {
            line_starts.push(text.len() as u32);
        }
        balance.finish(width.full_width_brackets(), out);
        width.finish(out);
        outline.finish(text, out);
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
        // One pass for the single-byte marks, where a search each cost a pass each.
        let mark = |b: &u8| matches!(b, b'@' | b'=' | b'{' | b'}' | b'<' | b'>' | b'\\');
        token.as_bytes().iter().any(mark) || token.contains("://") || token.contains("www.")
    }
}

/// Where a line's text starts after its indent, found once a line for the rules that look
/// there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Indent {
    /// After spaces, tabs and ideographic spaces: where a quotation over several paragraphs
    /// opens each of them with “.
    pub(crate) paragraph: usize,
    /// After no-break spaces too: where a heading's marker stands.
    pub(crate) heading: usize,
}

/// The indent of the line `b`, as bytes: most lines open with two ideographic spaces or with
/// none, and decoding characters to compare them with a set cost more than the rest of a
/// line's bookkeeping.
#[inline(always)]
fn indent(b: &[u8]) -> Indent {
    let mut at = 0;
    let mut paragraph = None;
    loop {
        match b.get(at..).unwrap_or_default() {
            [b' ' | b'\t', ..] => at += 1,
            [0xE3, 0x80, 0x80, ..] => at += 3,
            [0xC2, 0xA0, ..] => {
                paragraph.get_or_insert(at);
                at += 2;
            }
            _ => break,
        }
    }
    Indent { paragraph: paragraph.unwrap_or(at), heading: at }
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
    let ends = LineEnds::new();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let end = ends.find(&bytes[at..]).map_or(bytes.len(), |n| start + n);
        // \r\n, \n and a lone \r each end a line.
        at = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        Some(Line { text: &text[start..end], offset: start })
    })
}

/// A searcher for `\n` and `\r`, built once for a text: `memchr2` builds one at every call,
/// about 30 instructions a line.
#[derive(Clone, Copy)]
enum LineEnds {
    #[cfg(target_arch = "x86_64")]
    Avx2(memchr::arch::x86_64::avx2::memchr::Two),
    Any,
}

impl LineEnds {
    fn new() -> LineEnds {
        #[cfg(target_arch = "x86_64")]
        if let Some(two) = memchr::arch::x86_64::avx2::memchr::Two::new(b'\n', b'\r') {
            return LineEnds::Avx2(two);
        }
        LineEnds::Any
    }

    /// The first line end in `b`.
    #[inline(always)]
    fn find(&self, b: &[u8]) -> Option<usize> {
        match self {
            #[cfg(target_arch = "x86_64")]
            LineEnds::Avx2(two) => two.find(b),
            LineEnds::Any => memchr::memchr2(b'\n', b'\r', b),
        }
    }
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

/// Whether `c` is one of the numerals 一 to 十 that number headings and lists (a comparison
/// each, where a search of a string of them cost a searcher's set-up at every call).
pub(crate) fn is_small_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// The value of a Chinese numeral from 一 to 九十九 (一, 十, 十二, 二十, 二十三).
pub(crate) fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| crate::chars::chinese_digit(c).map(u32::from);
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

    static RULES: LazyLock<FormatRules> =
        LazyLock::new(|| FormatRules::new(std::iter::once(Dictionary::builtin())));

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

    /// [`FormatRules::check_in`] as simply as it can be written: the lines split a character
    /// at a time, each scanned a character at a time ([`scan::Scan::line_by_chars`]).
    fn check_by_chars(rules: &FormatRules, text: &str) -> (Vec<Finding>, Vec<u32>) {
        let (mut out, mut starts, mut outline) = (Vec::new(), Vec::new(), Outline::default());
        outline.start(text.len());
        let mut balance = pairs::Balance::default();
        let mut width = width::Width::default();
        let mut line_start = 0;
        let mut chars = text.char_indices().peekable();
        let mut ends = Vec::new();
        while let Some((i, c)) = chars.next() {
            if c == '\n' || c == '\r' {
                let crlf = c == '\r' && chars.next_if(|&(_, n)| n == '\n').is_some();
                ends.push((line_start, i));
                line_start = i + if crlf { 2 } else { 1 };
            }
        }
        if line_start < text.len() {
            ends.push((line_start, text.len()));
        }
        for (start, end) in ends {
            starts.push(start as u32);
            let line = Line { text: &text[start..end], offset: start };
            if line.text.is_empty() {
                continue;
            }
            let indent = indent(line.text.as_bytes());
            balance.start_line(&line, indent.paragraph, &mut out);
            let rest = &text.as_bytes()[start..];
            scan::Scan::new(rules, line, rest, &mut balance, &mut width, &mut out).line_by_chars();
            balance.end_line(&line, &mut out);
            outline.visit(&line, indent.heading);
        }
        if text.ends_with(['\n', '\r']) {
            starts.push(text.len() as u32);
        }
        balance.finish(width.full_width_brackets(), &mut out);
        width.finish(&mut out);
        outline.finish(text, &mut out);
        (out, starts)
    }

    /// The findings and line starts of random texts against [`check_by_chars`]: texts of the
    /// format fixtures' sentences, brackets, digits and dates, characters and words written
    /// twice, headings, indents, and `\n`, `\r\n` and lone `\r` line ends, cut anywhere.
    #[test]
    fn findings_as_by_chars() {
        const PIECES: [&str; 40] = [
            "的",
            "的的",
            "工作",
            "进行进行",
            "人",
            "，",
            "、",
            "。",
            "；",
            "：",
            " ",
            "　",
            "\t",
            "（",
            "）",
            "(",
            ")",
            "“",
            "”",
            "《",
            "》",
            "〔",
            "〕",
            "[",
            "]",
            "2021",
            "年",
            "2月",
            "30日",
            "1",
            ".",
            "一、",
            "（二）",
            "3.",
            "附件",
            "第一章",
            "\n",
            "\r\n",
            "\r",
            "甲乙丙丁戊己庚辛壬癸子丑寅卯辰",
        ];
        let rules = FormatRules::new(std::iter::once(Dictionary::builtin()));
        let fixtures = [
            include_str!("../../../tests/fixtures/format/positive.txt"),
            include_str!("../../../tests/fixtures/format/negative.txt"),
        ];
        let sentences: Vec<String> = fixtures
            .iter()
            .flat_map(|f| f.lines())
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| l.rsplit('\t').next().unwrap_or(l).replace("\\n", "\n"))
            .collect();
        let mut rng = crate::test_rng::Rng::new(23);
        let mut found = 0;
        for round in 0..4000 {
            let mut text = String::new();
            for _ in 0..rng.below(60) {
                let piece = match rng.below(8) {
                    0 => rng.pick(&sentences).as_str(),
                    _ => PIECES[rng.below(PIECES.len())],
                };
                text.push_str(piece);
            }
            // Cut anywhere (at a character boundary), so that texts end in every state.
            let cut = rng.below(text.len() + 1);
            let cut = (0..=cut).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0);
            let text = if round % 2 == 0 { &text[..cut] } else { &text[..] };
            let (mut got, mut starts) = (Vec::new(), Vec::new());
            rules.check(text, &mut got, &mut starts);
            let want = check_by_chars(&rules, text);
            assert_eq!((&got, &starts), (&want.0, &want.1), "{text:?}");
            found += got.len();
        }
        assert!(found > 4000, "{found}");
    }

    #[test]
    fn lines_keep_offsets() {
        let text = "甲\r\n乙\r丙\n\n丁";
        let got: Vec<(usize, &str)> = lines(text).map(|l| (l.offset, l.text)).collect();
        assert_eq!(got, [(0, "甲"), (5, "乙"), (9, "丙"), (13, ""), (14, "丁")]);
    }

    /// The lines against a split a character at a time, over random texts of line ends and
    /// lines long and short (the searcher takes 32 bytes at a time, and fewer at the end).
    #[test]
    fn lines_as_split() {
        const PIECES: [&str; 6] =
            ["\n", "\r", "\r\n", "甲", "a", "一二三四五六七八九十一二三四五六七八九十"];
        fn split(text: &str) -> Vec<(usize, &str)> {
            let (mut got, mut start, mut chars) = (Vec::new(), 0, text.char_indices().peekable());
            while let Some((i, c)) = chars.next() {
                if c == '\n' || c == '\r' {
                    got.push((start, &text[start..i]));
                    let crlf = c == '\r' && chars.next_if(|&(_, n)| n == '\n').is_some();
                    start = i + if crlf { 2 } else { 1 };
                }
            }
            if start < text.len() {
                got.push((start, &text[start..]));
            }
            got
        }
        let mut rng = crate::test_rng::Rng::new(17);
        for _ in 0..3000 {
            let text: String = (0..rng.below(30)).map(|_| *rng.pick(&PIECES)).collect();
            let got: Vec<(usize, &str)> = lines(&text).map(|l| (l.offset, l.text)).collect();
            assert_eq!(got, split(&text), "{text:?}");
        }
    }

    /// Repetitions found by the scan against a walk a character at a time, over random lines
    /// of clause marks, spaces, letters and ideographs with words and function characters
    /// written twice: the scan goes from a clause mark into the next run without its line
    /// loop, and must test the same characters as the walk.
    #[test]
    fn repeats_as_walked() {
        const PIECES: [&str; 13] =
            ["的", "进行", "工作", "人", "，", "、", "。", " ", "a", "是", "研究", "\n", "\r\n"];
        let rules = FormatRules::new(std::iter::once(Dictionary::builtin()));
        let walk = |text: &str| {
            let mut got = Vec::new();
            for (offset, line) in text.split('\n').scan(0, |at, l| {
                let start = *at;
                *at += l.len() + 1;
                Some((start, l))
            }) {
                let line = Line { text: line, offset };
                let (mut clause_start, mut from) = (false, 0);
                let mut look = |i: usize, clause: bool, got: &mut Vec<Span>| {
                    if i >= from {
                        if let Some((end, f)) = rules.repeats.repeat_at(&line, i, clause) {
                            got.push(f.span);
                            from = end;
                        }
                    }
                };
                for (i, c) in line.text.char_indices() {
                    if (0xE4..=0xE9).contains(&line.text.as_bytes()[i]) {
                        if clause_start {
                            look(i, true, &mut got);
                        }
                        look(i, false, &mut got);
                    }
                    clause_start = matches!(c, '，' | '、' | '。' | ' ');
                }
            }
            got
        };
        let mut rng = crate::test_rng::Rng::new(11);
        let mut found = 0;
        for _ in 0..3000 {
            let text: String = (0..rng.below(40)).map(|_| *rng.pick(&PIECES)).collect();
            let got: Vec<Span> = testing::findings(&text)
                .into_iter()
                .filter(|f| f.rule == repeated::REPEATED)
                .map(|f| f.span)
                .collect();
            assert_eq!(got, walk(&text), "{text:?}");
            found += got.len();
        }
        // Words written twice after a clause mark among them.
        assert!(found > 100, "{found}");
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

    /// The indent as bytes against the characters trimmed as the rules trimmed them, over
    /// random lines of indent characters and others.
    #[test]
    fn indent_as_bytes() {
        const CHARS: [char; 8] = [' ', '\t', '　', '\u{a0}', '“', '一', 'a', '、'];
        let mut rng = crate::test_rng::Rng::new(5);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..5000 {
            let line: String = (0..next(8)).map(|_| CHARS[next(CHARS.len())]).collect();
            let paragraph = line.len() - line.trim_start_matches([' ', '\t', '　']).len();
            let heading = line.len() - line.trim_start_matches(&CHARS[..4]).len();
            assert_eq!(indent(line.as_bytes()), Indent { paragraph, heading }, "{line:?}");
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
