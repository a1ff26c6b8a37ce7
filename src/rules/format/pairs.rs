//! Paired punctuation within a paragraph: 《》 “” ‘’ （） 【】 〔〕, and half-width brackets
//! around Chinese text.

#[cfg(test)]
use super::width::WIDTH;
use super::{is_ideograph, Line};
use crate::finding::{Finding, Severity};
use crate::registry::{FORMAT_PAIRED, FORMAT_WIDTH};

/// Rule id of unbalanced or mis-nested paired punctuation (“通知》).
#[cfg(test)]
pub(crate) const PAIRED: &str = FORMAT_PAIRED.id;

/// The full-width pairs checked, opening mark first.
const PAIRS: [(char, char); 6] =
    [('《', '》'), ('“', '”'), ('‘', '’'), ('（', '）'), ('【', '】'), ('〔', '〕')];

/// An opening mark waiting for its partner.
#[derive(Clone, Copy, Debug)]
struct Open {
    mark: char,
    at: usize,
}

/// The partner of a closing mark, or `None` for an opening mark or another character.
fn opener_of(c: char) -> Option<char> {
    match c {
        ')' => Some('('),
        _ => PAIRS.iter().find(|p| p.1 == c).map(|p| p.0),
    }
}

fn closer_of(c: char) -> char {
    PAIRS.iter().find(|p| p.0 == c).map_or(')', |p| p.1)
}

fn is_paren(c: char) -> bool {
    matches!(c, '(' | '（')
}

/// How many marks may stay open at once; beyond that the oldest is reported unmatched, so a
/// line of thousands of opening marks costs linear time.
const MAX_OPEN: usize = 64;

/// How many lines an opening mark may wait for its partner: a web page often breaks a
/// paragraph (细颗粒物（PM / 2.5 / ）), and a law's history note spans several lines.
const MAX_LINES: usize = 10;

/// The balance of paired punctuation, fed one mark at a time by the format scan.
#[derive(Debug, Default)]
pub(super) struct Balance<'t> {
    /// Opening marks left open at the end of their line, with their line and its number.
    pending: Vec<(Open, Line<'t>, usize)>,
    /// Opening marks of the current line still waiting.
    stack: Vec<Open>,
    lines: usize,
    /// Half-width brackets in pairs: reported only when the text also uses full-width ones,
    /// which only the end of the text tells.
    half_width: Vec<Finding>,
}

/// Whether `c` is a mark the balance looks at.
pub(super) const fn is_mark(c: char) -> bool {
    let mut k = 0;
    while k < PAIRS.len() {
        if PAIRS[k].0 == c || PAIRS[k].1 == c {
            return true;
        }
        k += 1;
    }
    matches!(c, '(' | ')')
}

impl<'t> Balance<'t> {
    /// Starts a line whose indent ends at byte `body` (spaces, tabs and ideographic spaces):
    /// marks left open too many lines ago are reported, and a paragraph that opens with “
    /// continues a quotation.
    pub(super) fn start_line(&mut self, line: &Line<'t>, body: usize, out: &mut Vec<Finding>) {
        self.lines += 1;
        let lines = self.lines;
        if self.pending.first().is_some_and(|p| p.2 + MAX_LINES < lines) {
            let (expired, kept) = self.pending.drain(..).partition(|p| p.2 + MAX_LINES < lines);
            self.pending = kept;
            out.extend(
                expired.into_iter().map(|(o, l, _): (Open, Line<'_>, usize)| unmatched_open(&l, o)),
            );
        }
        if line.text.as_bytes()[body..].starts_with("“".as_bytes()) {
            // A quotation over several paragraphs opens each of them with “.
            if let Some(i) = self.pending.iter().rposition(|p| p.0.mark == '“') {
                self.pending.remove(i);
            }
        }
    }

    /// Takes the mark `c` (see [`is_mark`]) at byte `i` of the line.
    pub(super) fn mark(&mut self, line: &Line<'_>, i: usize, c: char, out: &mut Vec<Finding>) {
        let next = i + c.len_utf8();
        if c == '(' || PAIRS.iter().any(|p| p.0 == c) {
            if self.stack.len() == MAX_OPEN {
                // Nobody nests this deep: the oldest mark is unmatched.
                let oldest = self.stack.remove(0);
                if oldest.mark != '(' {
                    out.push(unmatched_open(line, oldest));
                }
            }
            self.stack.push(Open { mark: c, at: i });
        } else if let Some(open) = opener_of(c) {
            if (c != '’' || !is_apostrophe(line, i, next))
                && !close(line, &mut self.stack, c, open, (i, next), out, &mut self.half_width)
            {
                let matches = |p: &(Open, Line<'_>, usize)| {
                    p.0.mark == open || (is_paren(open) && is_paren(p.0.mark))
                };
                match self.pending.iter().rposition(matches) {
                    Some(j) => {
                        self.pending.remove(j);
                    }
                    None if c != ')' && !is_numbering(line, i) => {
                        let message = format!("“{c}”缺少与之配对的“{open}”");
                        out.push(line.finding(
                            &FORMAT_PAIRED,
                            Severity::Warning,
                            (i, next),
                            message,
                            Vec::new(),
                        ));
                    }
                    None => {}
                }
            }
        }
    }

    /// Ends a line: its marks still open wait for later lines.
    pub(super) fn end_line(&mut self, line: &Line<'t>, out: &mut Vec<Finding>) {
        // Most lines close what they open; then nothing is left to wait, and the marks waiting
        // already are within bounds.
        if self.stack.is_empty() {
            return;
        }
        let lines = self.lines;
        let open = self.stack.drain(..).filter(|o: &Open| o.mark != '(');
        self.pending.extend(open.map(|o| (o, *line, lines)));
        if self.pending.len() > MAX_OPEN {
            let excess = self.pending.len() - MAX_OPEN;
            out.extend(self.pending.drain(..excess).map(|(o, l, _)| unmatched_open(&l, o)));
        }
    }

    /// Reports the marks still open at the end of the text, and the half-width brackets when
    /// `full_width_brackets` (the text uses （ somewhere).
    pub(super) fn finish(self, full_width_brackets: bool, out: &mut Vec<Finding>) {
        out.extend(self.pending.into_iter().map(|(o, l, _)| unmatched_open(&l, o)));
        if full_width_brackets {
            out.extend(self.half_width);
        }
    }
}

/// Handles the closing mark `c` at `at`, whose partner is `open`; `false` when its partner is
/// not on this line.
fn close(
    line: &Line<'_>,
    stack: &mut Vec<Open>,
    c: char,
    open: char,
    at: (usize, usize),
    out: &mut Vec<Finding>,
    half_width: &mut Vec<Finding>,
) -> bool {
    let matches = |o: &Open| o.mark == open || (is_paren(open) && is_paren(o.mark));
    let Some(j) = stack.iter().rposition(matches) else { return false };
    let opener = stack[j];
    for inner in stack.drain(j..).skip(1).filter(|o| o.mark != '(') {
        out.push(unmatched_open(line, inner));
    }
    if opener.mark == '(' || c == ')' {
        half_width_brackets(line, opener, at, half_width);
    }
    true
}

/// A half-width bracket in a pair: `(试行)`, `（试行)`. A pair of half-width brackets counts only
/// when it encloses Chinese text; `(2016-2020年)` and `(1)` stay.
fn half_width_brackets(
    line: &Line<'_>,
    opener: Open,
    close: (usize, usize),
    out: &mut Vec<Finding>,
) {
    let inner = &line.text[opener.at + opener.mark.len_utf8()..close.0];
    let both_half = opener.mark == '(' && line.text[close.0..close.1] == *")";
    if both_half && !inner.chars().next().is_some_and(is_ideograph) {
        return;
    }
    if opener.mark == '(' {
        let message = "中文语境中应使用全角括号“（”".to_owned();
        let span = (opener.at, opener.at + 1);
        out.push(line.finding(&FORMAT_WIDTH, Severity::Warning, span, message, vec!["（".into()]));
    }
    if line.text[close.0..close.1] == *")" {
        let message = "中文语境中应使用全角括号“）”".to_owned();
        out.push(line.finding(&FORMAT_WIDTH, Severity::Warning, close, message, vec!["）".into()]));
    }
}

fn unmatched_open(line: &Line<'_>, o: Open) -> Finding {
    let message = format!("“{}”缺少与之配对的“{}”", o.mark, closer_of(o.mark));
    let span = (o.at, o.at + o.mark.len_utf8());
    line.finding(&FORMAT_PAIRED, Severity::Warning, span, message, Vec::new())
}

/// `’` between Latin letters is an apostrophe (China’s).
fn is_apostrophe(line: &Line<'_>, at: usize, next: usize) -> bool {
    line.before(at).is_some_and(|c| c.is_ascii_alphabetic())
        && line.at(next).is_none_or(|c| c.is_ascii_alphabetic() || c.is_whitespace())
}

/// A closing bracket used as list numbering: `1）`, `a）`, `二）` at the start of a line or after
/// white space or punctuation.
fn is_numbering(line: &Line<'_>, at: usize) -> bool {
    let head = &line.text[..at];
    let mut chars = head.chars().rev().peekable();
    let mut count = 0;
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) || super::is_small_numeral(c) {
            count += 1;
            chars.next();
        } else {
            break;
        }
    }
    if count == 0 {
        // A single letter: a）.
        if chars.next().is_some_and(|c| c.is_ascii_alphabetic()) {
            count = 1;
        } else {
            return false;
        }
    }
    count <= 3 && chars.next().is_none_or(|c| !is_ideograph(c) && !crate::chars::is_alphanumeric(c))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_clean, assert_findings};
    use super::PAIRED;
    use super::WIDTH;

    #[test]
    fn unbalanced_marks() {
        assert_findings("印发《关于加强管理的通知的通知。", &[(PAIRED, "《")]);
        assert_findings("他强调：“要抓好落实。", &[(PAIRED, "“")]);
        assert_findings("要抓好落实。”他强调。", &[(PAIRED, "”")]);
        assert_findings("各地区（含计划单列市报送材料。", &[(PAIRED, "（")]);
        assert_findings("国发〔2019号文件", &[(PAIRED, "〔")]);
        assert_findings("【重要通知", &[(PAIRED, "【")]);
        assert_findings("第二条规定）如下", &[(PAIRED, "）")]);
    }

    #[test]
    fn mis_nested_marks() {
        assert_findings("《关于（试行》）", &[(PAIRED, "（"), (PAIRED, "）")]);
        assert_findings("“他说《规划”》", &[(PAIRED, "《"), (PAIRED, "》")]);
    }

    #[test]
    fn balanced_and_numbering_stay() {
        assert_clean("《中共中央关于“十四五”规划的建议》（全文）");
        assert_clean("1）加强组织领导；2）压实责任。");
        assert_clean("  a）总体要求");
        assert_clean("一）基本原则");
        assert_clean("He said \"yes\" and 'no'. China’s economy");
        assert_clean("要求如下：1）明确目标；2）细化措施");
        assert_clean("国办秘函〔2019〕19号");
        assert_clean("细颗粒物（PM\n2.5\n）浓度");
        assert_clean("将第十条修改为：“一是甲；\n“（一）乙；\n“（二）丙。”");
        assert_clean("（1994年1月28日国务院令第142号发布\n根据2011年1月8日修订）");
    }

    #[test]
    fn marks_left_open_too_long() {
        let text = format!("“开始{}", "\n甲".repeat(12));
        assert_findings(&text, &[(PAIRED, "“")]);
        assert_findings("甲\n“乙\n丙", &[(PAIRED, "“")]);
    }

    #[test]
    fn half_width_brackets_around_chinese() {
        assert_findings("《办法(试行)》（全文）", &[(WIDTH, "("), (WIDTH, ")")]);
        assert_clean("《办法(试行)》");
        // The whole text decides: a full-width bracket on a later line counts too.
        assert_findings("《办法(试行)》\n附件（全文）", &[(WIDTH, "("), (WIDTH, ")")]);
        assert_findings("《办法（试行)》", &[(WIDTH, ")")]);
        assert_clean("《全国农业现代化规划(2016-2020年)》");
        assert_clean("新冠肺炎(COVID-19)疫情");
        assert_clean("第(1)项");
    }
}
