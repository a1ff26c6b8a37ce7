//! Heading levels of official documents: 一、 → （一） → 1. → （1）.

use super::{chinese_number, chinese_numeral, Line};
use crate::finding::{Finding, Severity};
use crate::registry::FORMAT_HEADING;

/// Rule id of heading numbering that skips, goes backwards or starts below its parent level.
#[cfg(test)]
pub(crate) const HEADING: &str = FORMAT_HEADING.id;

/// A numbered heading: its level (0 = 一、, 1 = （一）, 2 = 1., 3 = （1））, number and marker.
/// It names its line by offsets, not by a borrow of the text, so that the list of headings can
/// be kept for the next text.
#[derive(Clone, Debug)]
struct Heading {
    level: u8,
    /// Whether the line is surely a heading: `2.2019年` may be one, `1.2万亩` is not; an
    /// uncertain one counts only when it continues the numbering.
    certain: bool,
    number: u32,
    /// The line's start and end in the text.
    line: (usize, usize),
    /// The marker, in bytes of the line.
    marker: (usize, usize),
}

impl Heading {
    fn line<'t>(&self, text: &'t str) -> Line<'t> {
        Line { text: &text[self.line.0..self.line.1], offset: self.line.0 }
    }

    fn marker<'t>(&self, text: &'t str) -> &'t str {
        &text[self.line.0 + self.marker.0..self.line.0 + self.marker.1]
    }

    fn finding(&self, text: &str, message: String) -> Finding {
        let line = self.line(text);
        line.finding(&FORMAT_HEADING, Severity::Info, self.marker, message, Vec::new())
    }
}

/// The headings of one text, gathered line by line and judged at the end. Cleared, it serves
/// the next text with the room it has.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    headings: Vec<Heading>,
    /// Indexes into `headings` where a chapter or part starts.
    parts: Vec<usize>,
}

impl Outline {
    /// Empties the outline and makes room for the headings of a text of `len` bytes: one in
    /// some 700 bytes of a large collection of official documents, so the list is not moved to
    /// fresh pages as it grows (room a large text does not use costs no page).
    pub(super) fn start(&mut self, len: usize) {
        self.headings.clear();
        self.parts.clear();
        self.headings.reserve(len / 256);
    }

    /// The bytes the outline's room takes.
    pub(crate) fn room(&self) -> usize {
        self.headings.capacity() * std::mem::size_of::<Heading>()
            + self.parts.capacity() * std::mem::size_of::<usize>()
    }

    /// Notes the heading `line` starts with, if any; its indent ends at byte `body`.
    pub(super) fn visit(&mut self, line: &Line<'_>, body: usize) {
        // Most lines start with none of the characters a marker or a part can start with.
        let first = line.text[body..].chars().next().unwrap_or_default();
        let numeral = super::is_small_numeral(first);
        if !numeral && !matches!(first, '（' | '(' | '0'..='9' | '附' | '第') {
            return;
        }
        self.note(line, body);
    }

    /// Notes the heading or part `line` starts with (after its indent, which ends at byte
    /// `body`), if any. Kept out of [`Outline::visit`], which the format pass's loop inlines
    /// for every line: inlined there too, it cost the loop registers (0.9 M instructions more
    /// over 15.8 MB).
    #[inline(never)]
    fn note(&mut self, line: &Line<'_>, body: usize) {
        if let Some(h) = heading(line, body) {
            self.headings.push(h);
        } else if is_part(&line.text[body..]) {
            // 第二章 starts its numbering afresh.
            self.parts.push(self.headings.len());
        }
    }

    /// Reports the numbering problems of `text`, whose lines were visited.
    pub(super) fn finish(&self, text: &str, out: &mut Vec<Finding>) {
        if self.headings.len() < 2 {
            return;
        }
        self.level_before_parent(text, out);
        self.sequence(text, out);
    }

    /// The first heading of the text is of a deeper level than one that comes later: （一）
    /// before any 一、.
    fn level_before_parent(&self, text: &str, out: &mut Vec<Finding>) {
        let Some(first) = self.headings.iter().find(|h| h.certain) else { return };
        if !self.parts.is_empty() {
            return;
        }
        // Only （一） before 一、: lists numbered 1. or （1） often precede the outline.
        if first.level != 1 {
            return;
        }
        if let Some(upper) = self.headings.iter().find(|h| h.level < first.level) {
            let message = format!(
                "标题“{}”出现在任何上一级标题（如“{}”）之前，层级可能有误",
                first.marker(text),
                upper.marker(text)
            );
            out.push(first.finding(text, message));
        }
    }

    /// Numbering within a level goes on by one under the same parent: 一、 三、 skips 二、.
    fn sequence(&self, text: &str, out: &mut Vec<Finding>) {
        let mut last: [Option<&Heading>; 4] = [None; 4];
        let mut part_starts = starts_in(&self.parts);
        for (i, h) in self.headings.iter().enumerate() {
            if part_starts(i) {
                last = [None; 4];
            }
            let level = usize::from(h.level);
            if !h.certain {
                if last[level].is_none_or(|p| p.number + 1 != h.number) {
                    continue;
                }
            } else if let Some(prev) = last[level] {
                let expected = prev.number + 1;
                // A repeated number (（二） after （二）) is usually a second document joined on.
                if h.number != expected && h.number != 1 && h.number != prev.number {
                    let want = marker_for(level, expected, h.marker(text));
                    let message = format!(
                        "标题序号不连续：上一个同级标题是“{}”，此处应为“{want}”",
                        prev.marker(text)
                    );
                    out.push(h.finding(text, message));
                }
            }
            last[level] = Some(h);
            last[level + 1..].fill(None);
        }
    }
}

/// For indexes asked in increasing order, whether each is one of `parts` (sorted, as parts are
/// noted in order): a cursor, where a binary search for each of the 22,000 headings of a large
/// text cost 2 M instructions.
fn starts_in(parts: &[usize]) -> impl FnMut(usize) -> bool + '_ {
    let mut rest = parts;
    move |i| {
        while let [p, tail @ ..] = rest {
            if *p >= i {
                break;
            }
            rest = tail;
        }
        rest.first() == Some(&i)
    }
}

/// The marker of number `n` at `level`, in the style of `like` (half- or full-width brackets).
fn marker_for(level: usize, n: u32, like: &str) -> String {
    let (open, close) = if like.starts_with('(') { ("(", ")") } else { ("（", "）") };
    match level {
        0 => format!("{}、", chinese_numeral(n)),
        1 => format!("{open}{}{close}", chinese_numeral(n)),
        2 => format!("{n}{}", if like.contains('．') { "．" } else { "." }),
        _ => format!("{open}{n}{close}"),
    }
}

/// A third-level marker at the start of `body`, which starts with an ASCII digit: one or two
/// digits and a dot (3. or 3．), not a percentage or a decimal's start. Its number, its length
/// and whether it is certainly a heading (no digit follows the dot).
fn numbered(body: &str) -> Option<(u32, usize, bool)> {
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let dot = body[digits..].chars().next().filter(|&c| c == '.' || c == '．')?;
    let after = body[digits + dot.len_utf8()..].chars().next();
    if digits > 2 || after.is_none_or(|c| c == '%') {
        return None;
    }
    let number = body[..digits].parse().ok().filter(|&n| n > 0)?;
    Some((number, digits + dot.len_utf8(), !after.is_some_and(|c| c.is_ascii_digit())))
}

/// The heading marker `line` starts with after its indent, which ends at byte `start`
/// (`super::indent`). Markers are found as bytes: （ ） 、 are searched for among the first
/// ten bytes, where a search of the characters decoded each of them (36,000 lines of a large
/// collection of official documents start with a character a marker may start with).
fn heading(line: &Line<'_>, start: usize) -> Option<Heading> {
    let text = line.text;
    let body = text.get(start..)?;
    let b = body.as_bytes();
    let mut certain = true;
    let (level, number, len) = match b {
        [b'(', ..] => bracketed(body, 1)?,
        [0xEF, 0xBC, 0x88, ..] => bracketed(body, 3)?,
        [b'0'..=b'9', ..] => {
            let (number, len, sure) = numbered(body)?;
            certain = sure;
            (2, number, len)
        }
        _ => {
            let comma = near_start(b, |w| matches!(w, [0xE3, 0x80, 0x81, ..]))?;
            let after = body[comma + '、'.len_utf8()..].chars().next()?;
            // 一、二、三级医院 lists numbers, 三、四省市 is a heading.
            certain = !super::is_small_numeral(after);
            (0, chinese_number(&body[..comma])?, comma + '、'.len_utf8())
        }
    };
    let (marker, line) = ((start, start + len), (line.offset, line.offset + text.len()));
    Some(Heading { level, certain, number, line, marker })
}

/// The level, number and length of the bracketed marker `body` starts with, whose opening
/// bracket is `open` bytes long: （一）, (1).
fn bracketed(body: &str, open: usize) -> Option<(u8, u32, usize)> {
    let inner = body.as_bytes().get(open..)?;
    let close = near_start(inner, |w| matches!(w, [b')', ..] | [0xEF, 0xBC, 0x89, ..]))?;
    let number = body.get(open..open + close)?;
    let close_len = if inner[close] == b')' { 1 } else { 3 };
    let len = open + close + close_len;
    match number.bytes().all(|b| b.is_ascii_digit()) {
        true => Some((3, number.parse().ok().filter(|&n| n > 0 && number.len() <= 2)?, len)),
        false => Some((1, chinese_number(number)?, len)),
    }
}

/// The first of the bytes 0 to 9 of `b` where `at` holds of the bytes from there: a marker's
/// closing mark stands within the first ten bytes. (A character a mark's bytes start with is
/// a whole one: their first byte is ASCII or a lead byte.)
fn near_start(b: &[u8], at: impl Fn(&[u8]) -> bool) -> Option<usize> {
    (0..b.len().min(10)).find(|&i| at(&b[i..]))
}

/// Whether `body` (a line after its indent) starts a chapter or part: 第二章, 第三部分, 附件2.
fn is_part(body: &str) -> bool {
    if body.starts_with("附件") {
        return true;
    }
    let Some(rest) = body.strip_prefix('第') else { return false };
    let numeral = rest.chars().take_while(|&c| super::is_small_numeral(c)).count();
    numeral > 0
        && rest.chars().nth(numeral).is_some_and(|c| matches!(c, '章' | '节' | '编' | '部' | '篇'))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_clean, assert_findings};
    use super::super::{chinese_number, Line};
    use super::{heading, is_part, numbered, starts_in, Heading, HEADING};

    /// What may indent a line before its heading marker.
    const INDENT: [char; 4] = [' ', '\t', '　', '\u{a0}'];

    /// [`heading`] as it was written with characters: the reference for the bytes.
    fn heading_by_chars(line: &Line<'_>) -> Option<Heading> {
        let text = line.text;
        let body = text.trim_start_matches(INDENT);
        let start = text.len() - body.len();
        let mut certain = true;
        let (level, number, len) = if let Some(inner) = body.strip_prefix(['（', '(']) {
            let open = body.len() - inner.len();
            let close = head(inner, 12).find(['）', ')']).filter(|&c| c <= 9)?;
            let number = &inner[..close];
            let close_len = inner[close..].chars().next()?.len_utf8();
            let len = open + close + close_len;
            match number.bytes().all(|b| b.is_ascii_digit()) {
                true => (3, number.parse().ok().filter(|&n| n > 0 && number.len() <= 2)?, len),
                false => (1, chinese_number(number)?, len),
            }
        } else if body.starts_with(|c: char| c.is_ascii_digit()) {
            // The same in both: the bytes changed nothing here.
            let (number, len, sure) = numbered(body)?;
            certain = sure;
            (2, number, len)
        } else {
            let comma = head(body, 12).find('、').filter(|&c| c <= 9)?;
            let after = body[comma + '、'.len_utf8()..].chars().next()?;
            certain = !super::super::is_small_numeral(after);
            (0, chinese_number(&body[..comma])?, comma + '、'.len_utf8())
        };
        let (marker, line) = ((start, start + len), (line.offset, line.offset + text.len()));
        Some(Heading { level, certain, number, line, marker })
    }

    /// The first `n` bytes of `s`, shortened to a character boundary.
    fn head(s: &str, n: usize) -> &str {
        let mut end = n.min(s.len());
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        &s[..end]
    }

    /// Headings and parts found as bytes against the characters, over random lines of
    /// indents, brackets, numerals, digits, marks and characters of one to four bytes.
    #[test]
    fn headings_as_by_chars() {
        const PIECES: [&str; 24] = [
            " ", "\t", "　", "\u{a0}", "（", "）", "(", ")", "一", "二", "十", "三十", "1", "12",
            "123", ".", "．", "、", "%", "附件", "第", "章", "é", "𠀀",
        ];
        const STARTS: [&str; 12] = [
            "（一）",
            "(12)",
            "（3）",
            "十、",
            "三十二、",
            "1.",
            "3．",
            "第一章",
            "（一",
            "(",
            "二",
            "7",
        ];
        let mut rng = crate::test_rng::Rng::new(29);
        let mut found = 0;
        for _ in 0..20000 {
            // An indent, a piece a marker may start with, then anything.
            let mut text: String = (0..rng.below(3)).map(|_| PIECES[rng.below(4)]).collect();
            text.push_str(match rng.below(2) {
                0 => PIECES[4 + rng.below(17)],
                _ => STARTS[rng.below(STARTS.len())],
            });
            text.extend((0..rng.below(7)).map(|_| PIECES[rng.below(PIECES.len())]));
            let line = Line { text: &text, offset: 7 };
            let body = text.len() - text.trim_start_matches(INDENT).len();
            let got = heading(&line, body).map(|h| format!("{h:?}"));
            assert_eq!(got, heading_by_chars(&line).map(|h| format!("{h:?}")), "{text:?}");
            let part_by_chars = {
                let body = text.trim_start_matches(INDENT);
                body.starts_with("附件")
                    || body.strip_prefix('第').is_some_and(|rest| {
                        let numeral =
                            rest.chars().take_while(|&c| super::super::is_small_numeral(c)).count();
                        numeral > 0
                            && rest
                                .chars()
                                .nth(numeral)
                                .is_some_and(|c| matches!(c, '章' | '节' | '编' | '部' | '篇'))
                    })
            };
            assert_eq!(is_part(&text[body..]), part_by_chars, "{text:?}");
            found += usize::from(got.is_some());
        }
        assert!(found > 2000, "{found}");
    }

    /// The cursor against a binary search, over random sorted lists with repeats.
    #[test]
    fn part_starts_as_searched() {
        let mut rng = crate::test_rng::Rng::new(7);
        for _ in 0..2000 {
            let mut parts: Vec<usize> = (0..rng.below(8)).map(|_| rng.below(12)).collect();
            parts.sort_unstable();
            let mut starts = starts_in(&parts);
            for i in 0..14 {
                assert_eq!(starts(i), parts.binary_search(&i).is_ok(), "{parts:?} {i}");
            }
        }
    }

    #[test]
    fn skipped_and_backward_numbers() {
        assert_findings("一、总体要求\n三、保障措施", &[(HEADING, "三、")]);
        assert_findings("一、总体要求\n（一）目标\n（三）原则", &[(HEADING, "（三）")]);
        assert_findings(
            "（一）甲\n（三）乙\n（二）丙",
            &[(HEADING, "（三）"), (HEADING, "（二）")],
        );
        assert_findings("1.甲\n2.乙\n1.丙\n3.丁", &[(HEADING, "3.")]);
        assert_findings("（1）甲\n（2）乙\n（4）丙", &[(HEADING, "（4）")]);
    }

    #[test]
    fn deeper_level_first() {
        assert_findings("（一）甲\n一、乙\n二、丙", &[(HEADING, "（一）")]);
        assert_findings("（一）甲\n（二）乙\n1.丙\n一、丁", &[(HEADING, "（一）")]);
        assert_clean("1.甲\n一、乙\n（1）丙\n1.丁");
    }

    #[test]
    fn regular_outlines_stay() {
        assert_clean("一、总体要求\n（一）指导思想\n1.坚持党的领导\n（1）加强组织\n（2）压实责任\n2.坚持人民至上\n（二）基本原则\n二、重点任务");
        assert_clean("一、总体要求\n1.目标\n2.原则\n二、主要任务\n1.加强领导");
        assert_clean("一、甲\n二、乙\n附件\n一、丙\n二、丁");
        assert_clean("一、二、三级医院\n三、其他");
        assert_clean("1.2万亩\n3.5亿元\n一、总体要求");
        assert_clean("二、甲");
        assert_clean("1.甲\n2.2019年底前完成\n3.乙");
        assert_clean("一、甲\n二、乙\n三、四省市要加强领导\n四、丙");
        assert_clean("第一章\n一、甲\n二、乙\n第二章\n三、丙");
        assert_clean("一、甲\n三、四级医院");
    }
}
