//! Misspelled names of the roster's people, reported in clear context.

use super::{longest, Scene};
use crate::finding::Finding;
use crate::registry::LEADER_NAME;
use crate::roster::Person;
use crate::span::Span;

impl Scene<'_> {
    /// Misspelled names in clear context: next to a title, after a roster title followed by 兼
    /// or 、 and a title the roster does not know (河北省委书记、省人大常委会主任|倪岳锋), or,
    /// for people with a title of a complete list, before 同志 or in a list with correctly
    /// written leaders.
    pub(super) fn judge_variants(&self, variants: Vec<(u32, Span)>, out: &mut Vec<Finding>) {
        // Names are sorted and do not overlap, so their ends are sorted too.
        let names: Vec<Span> = self.names.iter().map(|n| n.1).collect();
        let name_ending = |at: usize| names.binary_search_by_key(&at, |n| n.end).is_ok();
        let name_starting = |at: usize| names.binary_search_by_key(&at, |n| n.start).is_ok();
        let comma = "、".len();
        for (person, span) in longest(variants) {
            let next = names.partition_point(|n| n.end <= span.start);
            // A longer name that starts like a leader's is someone else's (王艺华, not 王毅).
            if names.get(next).is_some_and(|n| n.overlaps(span))
                || crate::names::goes_on(self.text, span)
            {
                continue;
            }
            let after = &self.text[span.end..];
            let before = &self.text[..span.start];
            let listed = (before.ends_with('、') && name_ending(span.start - comma))
                || (after.starts_with('、') && name_starting(span.end + comma));
            // Signature blocks and name lists set a title apart with spaces on the same line:
            // 总理　　李克强, 孙春兰　　国务院副总理.
            let title_end = before.trim_end_matches(is_inline_space).len();
            let title_start = self.text.len() - after.trim_start_matches(is_inline_space).len();
            let titled = self.by_end.contains_key(&title_end)
                || self.before_gap(span.start, true).is_some()
                || self.by_start.contains_key(&title_start);
            let vouched = after.starts_with("同志") || listed;
            let clear = titled || (vouched && self.known_in_full(self.person(person)));
            if !clear {
                continue;
            }
            let name = &self.person(person).name;
            let found = &self.text[span];
            let message = format!("“{found}”疑为“{name}”之误：领导同志姓名写错属严重表述错误");
            let source = self.person_source(self.person(person));
            out.push(self.finding(&LEADER_NAME, span, message, vec![name.clone()], source));
        }
    }
}

impl Scene<'_> {
    /// Whether the person held a title whose holders the roster lists in full (`holders=all`):
    /// only then do 同志 or a list of leaders make a near miss of the name clear. Someone the
    /// roster knows by incomplete titles only (a minister, a provincial leader) has namesakes
    /// whose names are near misses of his (刘玮同志, 孙卫、王宁): a title next to the name is
    /// needed.
    fn known_in_full(&self, p: &Person) -> bool {
        let titles = &self.roster.titles;
        p.held.iter().any(|h| titles[h.title as usize].complete_since.is_some())
    }
}

/// Space within a line: ASCII, ideographic (U+3000), no-break, tab.
pub(super) fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}')
}

/// Whether `found` is `title` with spaces within a line between its characters (总　理).
pub(crate) fn spaced_out(found: &str, title: &str) -> bool {
    found.contains(is_inline_space)
        && found.chars().filter(|&c| !is_inline_space(c)).eq(title.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_spaced_out_within_a_line() {
        assert!(spaced_out("总　理", "总理"));
        assert!(spaced_out("国 务 院 总 理", "国务院总理"));
        assert!(!spaced_out("总理", "总理"), "written whole: an exact match, not this");
        assert!(!spaced_out("总\n理", "总理"));
        assert!(!spaced_out("总　统", "总理"));
    }
}
