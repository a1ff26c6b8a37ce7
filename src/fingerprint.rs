//! Fingerprints of findings that do not depend on where the text is or how its path was typed:
//! the rule, the matched text, a few characters of normalised context on each side, the
//! occurrence among findings alike in all of these, and the post's id for JSON Lines. An edit
//! elsewhere in the text, a new line above, a rename or another spelling of the path leaves a
//! finding's fingerprint as it was.

use crate::finding::Finding;
use crate::span::Span;
use std::collections::HashMap;

/// Characters of context on each side that a fingerprint includes (spaces not counted).
pub const CONTEXT_CHARS: usize = 6;

/// The context of a finding: up to [`CONTEXT_CHARS`] characters before and after it on its own
/// line, spaces and tabs left out (re-wrapping or re-indenting a line changes no fingerprint).
pub fn context(text: &str, span: Span) -> (String, String) {
    let kept = |c: &char| !matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}');
    let same_line = |c: &char| *c != '\n' && *c != '\r';
    let before = text.get(..span.start).unwrap_or_default();
    let after = text.get(span.end..).unwrap_or_default();
    let mut b: Vec<char> =
        before.chars().rev().take_while(same_line).filter(kept).take(CONTEXT_CHARS).collect();
    b.reverse();
    let a = after.chars().take_while(same_line).filter(kept).take(CONTEXT_CHARS).collect();
    (b.into_iter().collect(), a)
}

/// Makes the fingerprints of the findings of one text (or one file of posts), in order.
///
/// ```
/// use sanshen::{Fingerprinter, Linter};
///
/// let linter = Linter::new();
/// let one = "要认真布署。";
/// let two = "第一段。\n\n要认真布署。";
/// let fp = |text: &str| {
///     let f = &linter.check(text)[0];
///     Fingerprinter::default().of(text, f, None)
/// };
/// assert_eq!(fp(one), fp(two));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Fingerprinter {
    seen: HashMap<u64, usize>,
}

impl Fingerprinter {
    /// The fingerprint of `f`, a finding of `text`; `id` is the post's id for JSON Lines.
    /// Findings must be given in the order of the text: the occurrence number counts them.
    pub fn of(&mut self, text: &str, f: &Finding, id: Option<&str>) -> String {
        let (before, after) = context(text, f.span);
        self.of_parts(&f.rule, &f.text, (&before, &after), id)
    }

    /// The fingerprint from its parts: rule id, matched text, context and post id.
    pub fn of_parts(
        &mut self,
        rule: &str,
        matched: &str,
        (before, after): (&str, &str),
        id: Option<&str>,
    ) -> String {
        self.of_fields(&[rule, matched, before, after, id.unwrap_or_default()])
    }

    /// The fingerprint of any fields, hashed and numbered as the others are: for a front that
    /// still reads fingerprints made of other fields (the command line's version 1 baselines,
    /// which included the path).
    pub fn of_fields(&mut self, fields: &[&str]) -> String {
        let key = fnv1a(fields);
        let n = self.seen.entry(key).or_default();
        *n += 1;
        format!("{key:016x}-{n}")
    }
}

/// FNV-1a over the parts, with a separator: a stable hash, the same on every machine and run.
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    fn prints(text: &str) -> Vec<String> {
        let mut fp = Fingerprinter::default();
        Linter::new().check(text).iter().map(|f| fp.of(text, f, None)).collect()
    }

    #[test]
    fn context_stays_on_the_line_and_skips_spaces() {
        let text = "一二\n三 四五六七八九布署十　十一\n末";
        let at = text.find("布署").unwrap();
        let span = Span::new(at, at + "布署".len());
        assert_eq!(context(text, span), ("四五六七八九".to_owned(), "十十一".to_owned()));
    }

    #[test]
    fn edits_elsewhere_keep_fingerprints_and_edits_near_change_them() {
        let base = prints("各单位要认真布署。");
        assert_eq!(base.len(), 1);
        assert_eq!(prints("前言一句。\n各单位要认真布署。"), base);
        assert_eq!(prints("各单位要  认真布署。"), base, "spaces do not count");
        assert_ne!(prints("各部门要认真布署。"), base, "the context is part of it");
    }

    #[test]
    fn identical_findings_are_told_apart_by_occurrence() {
        let p = prints("认真布署。\n认真布署。");
        assert_eq!(p.len(), 2);
        assert_ne!(p[0], p[1]);
        assert!(p[0].ends_with("-1") && p[1].ends_with("-2"), "{p:?}");
    }

    #[test]
    fn the_post_id_is_part_of_it() {
        let text = "认真布署。";
        let f = &Linter::new().check(text)[0];
        let a = Fingerprinter::default().of(text, f, Some("a"));
        let b = Fingerprinter::default().of(text, f, Some("b"));
        assert_ne!(a, b);
    }
}
