//! Protected official terms (严重表述错误): the country's name, state organs, fixed political
//! formulations. A slip inside one of them is random — 中华人民共合国, 政冶局, 社会主义核心价直观 —
//! so no list of misspellings can hold them all. Instead the terms are protected themselves:
//! each term's halves go into the one automaton as anchors, and the few characters around an
//! anchor hit are compared with the term, looking for exactly one edit: a confusable character
//! substituted, two neighbours swapped, or (for terms of five characters or more) one character
//! missing or inserted inside the term. The anchors of a term with a two-character anchor are
//! written into the automaton with the characters a near miss can have next to them
//! (`extend.rs`), so that the fragments of other words (国家, 发展) are not hits at all.

use crate::bytes;
use crate::dict::{Confusable, Entry, EntryKind};
use crate::finding::Finding;
use crate::hash::{FastMap, FastSet};
use crate::registry::TYPO_PROTECTED;
use crate::review::Cover;
use crate::rules::Context;
use crate::span::Span;

mod confusables;
mod edit;
mod extend;
mod former;
mod neighbours;
mod phrase;
mod sieve;

use confusables::Confusables;
use edit::{Edit, Scratch};
pub(crate) use extend::{in_hit_order, Trim};
use neighbours::Neighbours;
pub(crate) use sieve::AnchorGroup;

/// Terms shorter than this are protected only as written.
const MIN_FUZZY_CHARS: usize = 4;

/// Terms at least this long are also checked for a missing or inserted character.
const MIN_INDEL_CHARS: usize = 5;

/// A side of an anchor this long is not compared (and not reached: terms are short).
const MAX_SIDE_CHARS: usize = 31;

/// A fragment of a term whose hit starts a comparison.
#[derive(Clone, Debug)]
pub(crate) struct Anchor {
    pub(crate) text: String,
    term: u32,
    /// Position of the anchor in the term, in characters.
    offset: usize,
    /// Length of the anchor in characters.
    len: usize,
    /// The term's text before and after the anchor.
    pub(crate) before: String,
    pub(crate) after: String,
}

#[derive(Clone, Debug)]
struct Term {
    text: String,
    chars: Vec<char>,
    category: Option<String>,
    note: Option<String>,
    /// The entry, for the findings' source.
    source: crate::source::Source,
}

/// What the match callback reads of an anchor, packed apart from [`Anchor`] so that an anchor
/// hit (most are common fragments: 人民, 国家) touches one small record and not the strings: the
/// term's first two characters on each side of the anchor, going away from it (`None` past the
/// term's ends).
#[derive(Clone, Copy, Debug)]
struct Near {
    before: [Option<char>; 2],
    after: [Option<char>; 2],
    /// The third character on each side, before and after, `None` past the term's end and on
    /// a side too long to be compared ([`MAX_SIDE_CHARS`]).
    third: [Option<char>; 2],
}

/// The protected terms and their anchors.
#[derive(Clone, Debug, Default)]
pub(crate) struct Protected {
    terms: Vec<Term>,
    pub(crate) anchors: Vec<Anchor>,
    /// For each anchor, its [`Near`] characters.
    near: Vec<Near>,
    /// Pairs (character of the term, character written for it).
    confusable: Confusables,
    /// For each character of a pair, the characters written for it: the patterns and the
    /// groups' sieves are made of them.
    similar: FastMap<char, Vec<char>>,
    /// The patterns the anchors are written as ([`Protected::extended`]).
    patterns: extend::Patterns,
}

impl Protected {
    /// Builds anchors for the fuzzy protected entries, with the confusable tables that are not
    /// for names.
    pub(crate) fn new<'a>(
        entries: impl IntoIterator<Item = &'a Entry>,
        confusables: impl IntoIterator<Item = &'a Confusable>,
    ) -> Protected {
        // Every table sized at once: grown as they filled, they were a sixth of this build.
        let mut p = Protected::default();
        let confusables: Vec<&Confusable> = confusables.into_iter().collect();
        p.confusable.reserve(confusables.iter().map(|c| c.similar.len()).sum());
        for c in confusables {
            for &s in &c.similar {
                p.confusable.insert((c.ch, s));
            }
        }
        p.similar.reserve(p.confusable.pairs().count());
        for (c, s) in p.confusable.pairs() {
            p.similar.entry(c).or_default().push(s);
        }
        let fuzzy = |e: &&Entry| e.kind == EntryKind::Protected && e.fuzzy;
        let terms: Vec<&Entry> = entries.into_iter().filter(fuzzy).collect();
        p.terms.reserve(terms.len());
        p.anchors.reserve(3 * terms.len());
        p.near.reserve(3 * terms.len());
        let mut seen = FastSet::default();
        seen.reserve(terms.len());
        for e in terms {
            p.add_term(e, &mut seen);
        }
        p.patterns = p.written();
        p
    }

    /// Adds the term of entry `e` and its anchors, unless it is short or `seen`. Out of line:
    /// the loop over the entries (200,000 with a large user dictionary) stays small.
    #[inline(never)]
    fn add_term<'a>(&mut self, e: &'a Entry, seen: &mut FastSet<&'a str>) {
        let chars: Vec<char> = e.pattern.chars().collect();
        if chars.len() < MIN_FUZZY_CHARS || !seen.insert(&e.pattern) {
            return;
        }
        let id = self.terms.len() as u32;
        self.add_anchors(id, &e.pattern, &chars);
        self.terms.push(Term {
            text: e.pattern.clone(),
            chars,
            category: e.category.clone(),
            note: e.note.clone(),
            source: crate::source::Source::entry(e),
        });
    }

    /// Any single edit leaves one of the halves whole; a swap across the middle leaves the
    /// first half less its last character, and the second half less its first, whole. `text`
    /// is the term, `chars` its characters: an anchor's strings are cut from `text` (collected
    /// character by character, they cost a fifth of the protected terms' build).
    fn add_anchors(&mut self, term: u32, text: &str, chars: &[char]) {
        let n = chars.len();
        let half = n / 2;
        let byte = |i: usize| chars[..i].iter().map(|c| c.len_utf8()).sum::<usize>();
        let mut add = |from: usize, to: usize| {
            if to - from >= 2 {
                let at = |i: Option<usize>| i.and_then(|i| chars.get(i)).copied();
                let compared = |side: usize, i: Option<usize>| match side > MAX_SIDE_CHARS {
                    true => None,
                    false => at(i),
                };
                self.near.push(Near {
                    before: [at(from.checked_sub(1)), at(from.checked_sub(2))],
                    after: [at(Some(to)), at(Some(to + 1))],
                    third: [compared(from, from.checked_sub(3)), compared(n - to, Some(to + 2))],
                });
                let (start, end) = (byte(from), byte(to));
                self.anchors.push(Anchor {
                    text: text[start..end].to_owned(),
                    term,
                    offset: from,
                    len: to - from,
                    before: text[..start].to_owned(),
                    after: text[end..].to_owned(),
                });
            }
        };
        add(0, half);
        add(half, n);
        // A swap across the middle leaves both of these whole: one anchor, the longer, is
        // enough, and every anchor fewer saves hits of common fragments (人民, 国家).
        if n - (half + 1) >= half - 1 {
            add(half + 1, n);
        } else {
            add(0, half - 1);
        }
    }

    /// Judges the anchor hits of one text, those that [`Protected::plausible`] let through;
    /// none inside a span of `allowed`. `exact` holds the exactly written protected terms,
    /// sorted by end: each term's span and what `text_of` reads its text from. A window that
    /// shares text with the same term written exactly (学习|习近平新时代…: the term after 学习,
    /// not an extra 习), or with another exact term reaching outside it, is no slip.
    pub(crate) fn judge<'e, T>(
        &self,
        cx: &Context<'_>,
        hits: &[(u32, Span)],
        (exact, text_of): (&[(Span, T)], impl Fn(&T) -> &'e str),
        allowed: &Cover,
    ) -> Vec<Finding> {
        let text = cx.text;
        let mut out: Vec<Finding> = Vec::new();
        let mut done: FastSet<(u32, Span)> = FastSet::default();
        let mut scratch = Scratch::default();
        let longest = exact.iter().map(|(s, _)| s.end - s.start).max().unwrap_or(0);
        for &(anchor, span) in hits {
            let a = &self.anchors[anchor as usize];
            let term = &self.terms[a.term as usize];
            let Some((window, edit)) = self.near_miss(text, span, a, term, &mut scratch) else {
                continue;
            };
            let clash = clashes((exact, &text_of), longest, window, &term.text);
            if clash || !done.insert((a.term, window)) {
                continue;
            }
            // Inside an allowed phrase the finding would be dropped: its wording, read by
            // segmenting the clause, need not be judged.
            if allowed.covers(window) || phrase::is_wording(cx, window, edit, &term.text) {
                continue;
            }
            // A renamed organ's former name in a text, or an issuing line, of its time.
            if former::was_the_name(&text[window], &term.text, || cx.day_of(window)) {
                continue;
            }
            let mut found = finding(text, window, term, edit);
            if phrase::only_de_missing(&text[window], &term.text, edit) {
                found.severity = crate::finding::Severity::Info;
                found.message.push_str("（只少了“的”，意思未变，正式表述带“的”）");
            }
            out.push(found);
        }
        out
    }

    /// Whether the characters next to an anchor hit can continue the term with exactly one
    /// edit. One edit touches one side of the anchor only, so the other side must be written
    /// exactly, and the touched side must be one edit away from the term's. Most anchor hits
    /// are the term written exactly or a common fragment (人民, 委员会) of other words; this
    /// rejects them without building a window.
    ///
    /// A side is exact when the term has nothing there, or when the text holds the whole
    /// side next to the hit. The touched side
    /// must then start with the term's characters up to one edit (the first two characters
    /// tell: the same, one missing, one inserted, or a confusable one) before the whole side
    /// is compared.
    #[inline(always)]
    pub(crate) fn plausible(
        &self,
        text: &str,
        hit: Span,
        anchor: u32,
        got: &mut Neighbours,
    ) -> bool {
        let (near, a) = (&self.near[anchor as usize], &self.anchors[anchor as usize]);
        // Compared as bytes, no character decoded: the hits that get here are mostly the
        // term itself (the group's sieve let them through) and both sides are exact.
        let exact_before =
            near.before[0].is_none() || bytes::ends_with(&text[..hit.start], &a.before);
        let exact_after = near.after[0].is_none() || bytes::starts_with(&text[hit.end..], &a.after);
        // Both sides exact is the term itself; neither, a fragment of another word.
        if exact_before == exact_after {
            return false;
        }
        let (want, [g0, g1]) = match exact_before {
            true => (near.after, got.after(text, hit)),
            false => (near.before, got.before(text, hit)),
        };
        let Some(g0) = g0 else { return false };
        // The side not written exactly is not empty: an empty side is always exact.
        let [Some(w0), w1] = want else { return false };
        if g0 == w0 {
            // Most often the pattern's own added character: the edit is further on.
            let w2 = near.third[usize::from(exact_before)];
            let further = (text, hit, exact_before, g0);
            return self.second_fits(further, g1, [w1, w2])
                && self.other_side_fits(text, hit, a, exact_before);
        }
        let starts = w1 == Some(g0) || g1 == Some(w0) || self.confusable.contains(&(w0, g0));
        starts && self.other_side_fits(text, hit, a, exact_before)
    }

    /// Whether a touched side that starts with the term's first character there (`g0`), its
    /// second character `g1` and the term's second and third `w1`, `w2`, may be the term's up
    /// to one edit from its second character on ([`Protected::side_fits`] there): the same
    /// character, the one after it (a missing or swapped character), a confusable one, or the
    /// term's after one inserted (the text's third character, read only then). A side of two
    /// characters always may: the second missing leaves the first.
    #[inline(always)]
    fn second_fits(
        &self,
        (text, hit, after, g0): (&str, Span, bool, char),
        g1: Option<char>,
        [w1, w2]: [Option<char>; 2],
    ) -> bool {
        let (Some(w1), Some(w2)) = (w1, w2) else { return true };
        let Some(g1) = g1 else { return false };
        if g1 == w1 || g1 == w2 {
            return true;
        }
        let skip = g0.len_utf8() + g1.len_utf8();
        let g2 = match after {
            true => text.get(hit.end + skip..).and_then(|t| t.chars().next()),
            false => hit.start.checked_sub(skip).and_then(|at| text[..at].chars().next_back()),
        };
        g2 == Some(w1) || self.confusable.contains(&(w1, g1))
    }

    /// Whether the side of an anchor hit that is not written exactly, after it (`after`) or
    /// before it, is the term's up to one edit.
    #[inline(never)]
    fn other_side_fits(&self, text: &str, hit: Span, a: &Anchor, after: bool) -> bool {
        let term = &self.terms[a.term as usize];
        let side_chars = if after { term.chars.len() - a.offset - a.len } else { a.offset };
        if side_chars > MAX_SIDE_CHARS {
            return true;
        }
        match after {
            true => self.side_fits(&text[hit.end..], &a.after),
            false => self.side_fits_before(&text[..hit.start], &a.before),
        }
    }

    /// Whether the text going on from an anchor (`got`) starts with the term's side after it
    /// (`want`, which it does not start with whole) with one substitution by a confusable
    /// character, one swap, one character missing inside the term or one inserted. Compared as
    /// bytes from the first character that differs: decoding both sides into characters cost
    /// more than the comparisons.
    ///
    /// The side's last character is the term's last: left out, it leaves another word (生态环
    /// of 生态环境 before anything but 境), which the judge never takes for a slip, not one
    /// missing inside the term.
    fn side_fits(&self, got: &str, want: &str) -> bool {
        let k = common_prefix(got.as_bytes(), want.as_bytes());
        let k = (0..=k).rev().find(|&k| want.is_char_boundary(k)).unwrap_or(0);
        // Equal bytes up to a boundary of `want` are whole characters of `got` too.
        let (got, want) = (&got[k..], &want[k..]);
        let mut w = want.chars();
        let Some(w0) = w.next() else { return false };
        let mut g = got.chars();
        let g0 = g.next();
        let (got_rest, want_rest) = (g.as_str(), w.as_str());
        let substituted = g0.is_some_and(|c| self.confusable.contains(&(w0, c)))
            && bytes::starts_with(got_rest, want_rest);
        let swapped = g0.is_some()
            && g0 == w.next()
            && g.next() == Some(w0)
            && bytes::starts_with(g.as_str(), w.as_str());
        let missing = !want_rest.is_empty() && bytes::starts_with(got, want_rest);
        let inserted = g0.is_some() && bytes::starts_with(got_rest, want);
        substituted || swapped || missing || inserted
    }

    /// [`Protected::side_fits`] going back from an anchor: whether the text before it (`got`)
    /// ends with the term's side before it (`want`) up to one edit, its first character (the
    /// term's first) not left out.
    fn side_fits_before(&self, got: &str, want: &str) -> bool {
        let k = common_suffix(got.as_bytes(), want.as_bytes());
        let k = (0..=k).rev().find(|&k| want.is_char_boundary(want.len() - k)).unwrap_or(0);
        let (got, want) = (&got[..got.len() - k], &want[..want.len() - k]);
        let mut w = want.chars();
        let Some(w0) = w.next_back() else { return false };
        let mut g = got.chars();
        let g0 = g.next_back();
        let (got_rest, want_rest) = (g.as_str(), w.as_str());
        let substituted = g0.is_some_and(|c| self.confusable.contains(&(w0, c)))
            && bytes::ends_with(got_rest, want_rest);
        let swapped = g0.is_some()
            && g0 == w.next_back()
            && g.next_back() == Some(w0)
            && bytes::ends_with(g.as_str(), w.as_str());
        let missing = !want_rest.is_empty() && bytes::ends_with(got, want_rest);
        let inserted = g0.is_some() && bytes::ends_with(got_rest, want);
        substituted || swapped || missing || inserted
    }
}

/// How many bytes `a` and `b` share from their starts: eight at a time while both have them.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut at = 0;
    while at + 8 <= n {
        let diff = word(&a[at..]) ^ word(&b[at..]);
        if diff != 0 {
            return at + diff.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    at + a[at..n].iter().zip(&b[at..n]).take_while(|(x, y)| x == y).count()
}

/// How many bytes `a` and `b` share at their ends: eight at a time while both have them.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut k = 0;
    while k + 8 <= n {
        let diff = word(&a[a.len() - k - 8..]) ^ word(&b[b.len() - k - 8..]);
        if diff != 0 {
            return k + diff.leading_zeros() as usize / 8;
        }
        k += 8;
    }
    let (a, b) = (&a[..a.len() - k], &b[..b.len() - k]);
    k + a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// The first eight bytes of `s` (at least eight), little-endian.
fn word(s: &[u8]) -> u64 {
    u64::from_le_bytes(s[..8].try_into().unwrap_or_default())
}

/// Whether a near-miss window shares text with the same term written exactly, or with another
/// exact term that reaches outside the window. Only terms starting less than 256 bytes before
/// the window are looked at; `exact` is sorted by end, so they end after the window starts and
/// at most `longest` (the longest term's length) after it ends.
fn clashes<'e, T>(
    (exact, text_of): (&[(Span, T)], impl Fn(&T) -> &'e str),
    longest: usize,
    window: Span,
    term: &str,
) -> bool {
    let from = exact.partition_point(|(s, _)| s.end <= window.start);
    exact[from..]
        .iter()
        .take_while(|(s, _)| s.end < window.end + longest + 1)
        .filter(|(s, _)| s.start < window.end && s.start + 256 > window.start)
        .filter(|(s, _)| s.overlaps(window))
        .any(|(s, t)| text_of(t) == term || !window.contains(*s))
}

fn finding(text: &str, span: Span, term: &Term, edit: Edit) -> Finding {
    let found = &text[span];
    let mut message = format!(
        "“{found}”疑为“{}”之误（{}）：国家名称、机构名称和重要表述写错属严重表述错误",
        term.text,
        edit.label()
    );
    if let Some(note) = &term.note {
        message.push_str(&format!("（{note}）"));
    }
    Finding::new(&TYPO_PROTECTED, span, found, message)
        .with_category(term.category.clone())
        .with_suggestions(vec![term.text.clone()])
        .with_source(term.source.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Dictionary;

    /// A term's text, where the terms are given as their texts.
    fn itself<'t>(term: &&'t str) -> &'t str {
        term
    }

    /// The clashes of a window found in the terms sorted by end, against every term looked at
    /// as the terms sorted by start were: those starting less than 256 bytes before the window
    /// and before its end. Random terms, some longer than the reach.
    #[test]
    fn clashes_by_end_as_by_every_term() {
        let mut rng = crate::test_rng::Rng::new(17);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..3000 {
            let mut exact: Vec<(Span, &str)> = (0..next(10))
                .map(|_| {
                    let start = next(700);
                    let len = if next(5) == 0 { 250 + next(100) } else { 1 + next(30) };
                    (Span::new(start, start + len), ["甲", "乙"][next(2)])
                })
                .collect();
            exact.sort_by_key(|(s, _)| s.end);
            let longest = exact.iter().map(|(s, _)| s.end - s.start).max().unwrap_or(0);
            for _ in 0..20 {
                let start = next(700);
                let window = Span::new(start, start + 1 + next(30));
                let want = exact.iter().any(|(s, t)| {
                    s.start < window.end
                        && s.start + 256 > window.start
                        && s.overlaps(window)
                        && (*t == "甲" || !window.contains(*s))
                });
                let got = clashes((&exact, itself), longest, window, "甲");
                assert_eq!(got, want, "{exact:?} {window:?}");
            }
        }
    }

    /// The common prefix and suffix by words against a byte at a time, over random byte
    /// strings sharing random lengths at either end.
    #[test]
    fn common_ends_by_words_as_by_bytes() {
        let mut rng = crate::test_rng::Rng::new(47);
        for _ in 0..5000 {
            let mut bytes = |max: usize| -> Vec<u8> {
                let n = rng.below(max);
                (0..n).map(|_| rng.below(3) as u8).collect()
            };
            let shared = bytes(30);
            let (x, y, z, w) = (bytes(20), bytes(20), bytes(4), bytes(3));
            let a = [&shared[..], &x, &z].concat();
            let b = [&shared[..], &y, &w].concat();
            let prefix = a.iter().zip(&b).take_while(|(p, q)| p == q).count();
            assert_eq!(common_prefix(&a, &b), prefix, "{a:?} {b:?}");
            let (a, b) = ([&z[..], &x, &shared].concat(), [&w[..], &y, &shared].concat());
            let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(p, q)| p == q).count();
            assert_eq!(common_suffix(&a, &b), suffix, "{a:?} {b:?}");
        }
    }

    fn protected() -> Protected {
        let dict = Dictionary::parse(
            "t",
            "!family protected\n中华人民共和国\n社会主义核心价值观\n四个意识\n国务院\n以人民为中心\n新发展理念\n人民代表大会\n人民检察院\n!family confusable\n和\t合河\n值\t直\n识\t式\n",
        )
        .unwrap();
        Protected::new(&dict.entries, &dict.confusables)
    }

    /// An anchor with nothing on one side of it in its term is exact on that side whatever the
    /// text holds there, a NUL character included (no character stands for "nothing").
    #[test]
    fn nothing_past_a_terms_end_is_not_a_character() {
        let p = protected();
        let judge = |text: &str| -> Vec<bool> {
            let mut got = Vec::new();
            for (i, a) in p.anchors.iter().enumerate() {
                for (at, _) in text.match_indices(a.text.as_str()) {
                    let hit = Span::new(at, at + a.text.len());
                    got.push(p.plausible(text, hit, i as u32, &mut Neighbours::default()));
                }
            }
            got
        };
        for (with_nul, with_other) in [
            ("\0中华人民共合国", "甲中华人民共合国"),
            ("中华人民共合国\0", "中华人民共合国甲"),
            ("\0四个意式\0", "甲四个意式甲"),
        ] {
            assert_eq!(judge(with_nul), judge(with_other), "{with_nul:?}");
            assert!(judge(with_nul).contains(&true), "{with_nul:?}");
        }
    }

    /// One edit as the comparison of the characters themselves defines it: the first
    /// character that differs, then a confusable one there, a swap, one missing (not the
    /// side's last, the term's edge) or one inserted.
    fn one_edit_by_characters(p: &Protected, got: &[char], want: &[char]) -> bool {
        one_edit_of_side(p, got, want, false)
    }

    /// [`one_edit_by_characters`], with the side's last character left out counted as an
    /// edit where `edge` (as it was before the side's comparison knew better).
    fn one_edit_of_side(p: &Protected, got: &[char], want: &[char], edge: bool) -> bool {
        let Some(k) = (0..want.len()).find(|&k| got.get(k) != Some(&want[k])) else {
            return false;
        };
        let same = |g: &[char], w: &[char]| g.get(..w.len()) == Some(w);
        let rest = |k: usize| got.get(k..).unwrap_or_default();
        let substituted = got.get(k).is_some_and(|&c| p.confusable.contains(&(want[k], c)))
            && same(rest(k + 1), &want[k + 1..]);
        let swapped = k + 1 < want.len()
            && got.get(k) == Some(&want[k + 1])
            && got.get(k + 1) == Some(&want[k])
            && same(rest(k + 2), &want[k + 2..]);
        let missing = (edge || k + 1 < want.len()) && same(rest(k), &want[k + 1..]);
        substituted || swapped || missing || same(rest(k + 1), &want[k..])
    }

    /// The byte comparison of a side agrees with the character one on every single edit of
    /// the sides of the terms, and on text running on past them or ending early.
    #[test]
    fn sides_compared_as_bytes_agree_with_characters() {
        let p = protected();
        let mut cases = 0;
        for want in ["人民共和国", "价值观", "意识", "民代表大会", "和国", "华人", "国"]
        {
            let w: Vec<char> = want.chars().collect();
            let mut variants = vec![w.clone()];
            for i in 0..w.len() {
                for c in ['合', '直', '式', '甲', 'a', '\u{20000}'] {
                    let mut v = w.clone();
                    v[i] = c;
                    variants.push(v.clone());
                    v.insert(i, c);
                    variants.push(v);
                }
                let mut v = w.clone();
                v.remove(i);
                variants.push(v);
                if i + 1 < w.len() {
                    let mut v = w.clone();
                    v.swap(i, i + 1);
                    variants.push(v);
                }
            }
            for v in variants {
                for tail in ["", "，", "共和国", "国"] {
                    let got: String = v.iter().collect::<String>() + tail;
                    let gc: Vec<char> = got.chars().collect();
                    let reference = one_edit_by_characters(&p, &gc, &w);
                    assert_eq!(p.side_fits(&got, want), reference, "{got} after, {want}");
                    // Before an anchor: the text ends with the variant, read backwards.
                    let got: String = tail.chars().chain(v.iter().copied()).collect();
                    let back: Vec<char> = got.chars().rev().collect();
                    let want_back: Vec<char> = w.iter().rev().copied().collect();
                    let reference = one_edit_by_characters(&p, &back, &want_back);
                    assert_eq!(p.side_fits_before(&got, want), reference, "{got} before");
                    cases += 1;
                }
            }
        }
        assert!(cases > 400, "{cases}");
    }

    /// [`Protected::plausible`] as it was before the second character was looked at: the
    /// first two characters, then the whole side.
    fn plausible_by_sides(p: &Protected, text: &str, hit: Span, anchor: u32) -> bool {
        let (near, a) = (&p.near[anchor as usize], &p.anchors[anchor as usize]);
        let exact_before = near.before[0].is_none() || text[..hit.start].ends_with(&a.before);
        let exact_after = near.after[0].is_none() || text[hit.end..].starts_with(&a.after);
        if exact_before == exact_after {
            return false;
        }
        let mut got = Neighbours::default();
        let (want, [g0, g1]) = match exact_before {
            true => (near.after, got.after(text, hit)),
            false => (near.before, got.before(text, hit)),
        };
        let (Some(g0), [Some(w0), w1]) = (g0, want) else { return false };
        let starts =
            g0 == w0 || w1 == Some(g0) || g1 == Some(w0) || p.confusable.contains(&(w0, g0));
        starts && p.other_side_fits(text, hit, a, exact_before)
    }

    /// The second character's test turns away only what the whole side's comparison would:
    /// over random texts of the terms with up to two edits of every kind, at every hit of every
    /// anchor, a side of two characters or more.
    #[test]
    fn second_character_turns_away_what_the_side_would() {
        let p = protected();
        let mut pool: Vec<char> = p.terms.iter().flat_map(|t| t.chars.clone()).collect();
        pool.extend("合河直式甲，a\u{20000}".chars());
        let mut rng = crate::test_rng::Rng::new(71);
        let (mut judged, mut passed) = (0, 0);
        for _ in 0..4000 {
            let text = edited_terms(&p, &pool, &mut rng, false);
            for (i, a) in p.anchors.iter().enumerate() {
                for (at, _) in text.match_indices(a.text.as_str()) {
                    let hit = Span::new(at, at + a.text.len());
                    let want = plausible_by_sides(&p, &text, hit, i as u32);
                    let got = p.plausible(&text, hit, i as u32, &mut Neighbours::default());
                    assert_eq!(got, want, "{text} {} at {at}", a.text);
                    judged += 1;
                    passed += usize::from(want);
                }
            }
        }
        assert!(judged > 15000 && passed > 2000, "{judged} {passed}");
    }

    /// One to three of `p`'s terms, each with up to two edits (a character of `pool` put in
    /// place of one or inserted, one removed, two swapped, and with `cut_last` the last one
    /// cut off), and up to two characters of `pool` after each.
    fn edited_terms(
        p: &Protected,
        pool: &[char],
        rng: &mut crate::test_rng::Rng,
        cut_last: bool,
    ) -> String {
        let kinds = if cut_last { 5 } else { 4 };
        let mut text = String::new();
        for _ in 0..1 + rng.below(3) {
            let mut chars = p.terms[rng.below(p.terms.len())].chars.clone();
            for _ in 0..rng.below(3) {
                let (at, c) = (rng.below(chars.len()), pool[rng.below(pool.len())]);
                let next = (at + 1).min(chars.len() - 1);
                match (rng.below(kinds), cut_last) {
                    (0, _) => chars[at] = c,
                    (1, _) => chars.insert(at, c),
                    (2, _) => drop(chars.remove(at)),
                    (3, true) => chars.truncate(chars.len() - 1),
                    _ => chars.swap(at, next),
                }
            }
            text.extend(chars);
            text.extend((0..rng.below(3)).map(|_| pool[rng.below(pool.len())]));
        }
        text
    }

    /// [`Protected::plausible`] by characters: the sides exact as written, the touched side one
    /// edit away ([`one_edit_of_side`], `edge` as there).
    fn plausible_by_characters(p: &Protected, text: &str, hit: Span, a: u32, edge: bool) -> bool {
        let (near, a) = (&p.near[a as usize], &p.anchors[a as usize]);
        let exact_before = near.before[0].is_none() || text[..hit.start].ends_with(&a.before);
        let exact_after = near.after[0].is_none() || text[hit.end..].starts_with(&a.after);
        if exact_before == exact_after {
            return false;
        }
        let (got, want): (Vec<char>, Vec<char>) = match exact_before {
            true => (text[hit.end..].chars().collect(), a.after.chars().collect()),
            false => (text[..hit.start].chars().rev().collect(), a.before.chars().rev().collect()),
        };
        want.len() > MAX_SIDE_CHARS || one_edit_of_side(p, &got, &want, edge)
    }

    /// A hit whose touched side is its term's but for the term's last (or first) character
    /// left out is no near miss: over random texts of terms with up to two edits of every kind,
    /// terms with characters written twice among them, every hit that the side's comparison
    /// now turns away and once let through has no one-edit window, and the comparison is the
    /// one by characters.
    #[test]
    fn a_side_short_of_its_edge_has_no_near_miss() {
        let dict = Dictionary::parse(
            "t",
            "!family protected\n中华人民共和国\n生态环境部\n生态环境\n一带一路\n人民代表大会\n新发展理念\n中国中央电视台\n发展和发展\n以人民为中心\n!family confusable\n和\t合\n境\t竟\n路\t露\n",
        )
        .unwrap();
        let p = Protected::new(&dict.entries, &dict.confusables);
        let mut pool: Vec<char> = p.terms.iter().flat_map(|t| t.chars.clone()).collect();
        pool.extend("合竟露甲“”，a\u{20000}".chars());
        let mut rng = crate::test_rng::Rng::new(83);
        let mut scratch = Scratch::default();
        let (mut judged, mut turned_away) = (0, 0);
        for _ in 0..6000 {
            let text = edited_terms(&p, &pool, &mut rng, true);
            for (i, a) in p.anchors.iter().enumerate() {
                for (at, _) in text.match_indices(a.text.as_str()) {
                    let (hit, i) = (Span::new(at, at + a.text.len()), i as u32);
                    let got = p.plausible(&text, hit, i, &mut Neighbours::default());
                    assert_eq!(got, plausible_by_characters(&p, &text, hit, i, false), "{text}");
                    judged += 1;
                    if got || !plausible_by_characters(&p, &text, hit, i, true) {
                        continue;
                    }
                    let term = &p.terms[a.term as usize];
                    let window = p.near_miss(&text, hit, a, term, &mut scratch);
                    assert_eq!(window, None, "{text} {} at {at}", a.text);
                    turned_away += 1;
                }
            }
        }
        assert!(judged > 20000 && turned_away > 1000, "{judged} {turned_away}");
    }

    #[track_caller]
    fn near(text: &str) -> Vec<String> {
        let mut found: Vec<String> =
            near_allowed(&protected(), text, &[]).into_iter().map(|f| f.text).collect();
        found.sort();
        found
    }

    /// The near misses in `text` outside the `allowed` spans.
    fn near_allowed(p: &Protected, text: &str, allowed: &[Span]) -> Vec<Finding> {
        let mut hits = Vec::new();
        for (i, a) in p.anchors.iter().enumerate() {
            for (at, _) in text.match_indices(a.text.as_str()) {
                hits.push((i as u32, Span::new(at, at + a.text.len())));
            }
        }
        let mut exact: Vec<(Span, &str)> =
            ["中华人民共和国", "社会主义核心价值观", "四个意识", "中华"]
                .iter()
                .flat_map(|t| text.match_indices(t).map(|(i, m)| (Span::new(i, i + m.len()), m)))
                .collect();
        exact.sort();
        let segmenter = crate::segment::Segmenter::new([], false);
        let seg = || &segmenter;
        let as_of = crate::date::Date::new(2025, 1, 1).unwrap();
        let cx = Context { text, as_of, segmenter: &seg, bans: Default::default() };
        p.judge(&cx, &hits, (&exact, itself), &Cover::new(allowed.to_vec()))
    }

    /// The near misses judged with allowed spans are those judged without them that no
    /// allowed span covers, as the review dropped them after judging: over random texts of
    /// slips and random allowed spans.
    #[test]
    fn allowed_spans_drop_what_they_cover() {
        let p = protected();
        let slips = ["中华人民共合国", "人民代表会", "四个意式", "社会主义核心价直观", "人检察院"];
        let mut rng = crate::test_rng::Rng::new(41);
        let mut dropped = 0;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..1 + rng.below(4) {
                text.push_str(["，", "依照", "中华人民共和国", "的"][rng.below(4)]);
                text.push_str(slips[rng.below(slips.len())]);
            }
            let all = near_allowed(&p, &text, &[]);
            let allowed: Vec<Span> = (0..rng.below(3))
                .map(|_| {
                    let start = rng.below(text.len());
                    Span::new(start, (start + rng.below(30)).min(text.len()))
                })
                .collect();
            let cover = Cover::new(allowed.clone());
            let want: Vec<Span> =
                all.iter().map(|f| f.span).filter(|&s| !cover.covers(s)).collect();
            let got: Vec<Span> = near_allowed(&p, &text, &allowed).iter().map(|f| f.span).collect();
            assert_eq!(got, want, "{text} {allowed:?}");
            dropped += all.len() - want.len();
        }
        assert!(dropped > 20, "{dropped}");
    }

    #[test]
    fn wording_of_its_own_is_no_slip() {
        assert!(near("关心和支持中国现代化建设").is_empty());
        assert!(near("军人代表大会每届任期五年").is_empty());
        assert!(near("使用中华人民共和国的国旗、国歌").is_empty());
        assert!(near("越要统筹好发展和安全两件大事").is_empty());
        assert_eq!(near("依照《中华人民和国治安管理处罚法》处理"), ["中华人民和国"]);
        // The characters meeting at the gap make a word of their own: human-centred.
        assert!(near("建立以人为中心的科技创新激励机制").is_empty());
        assert!(near("完整准确全面贯彻新发展的理念").is_empty());
        // A gap no word crosses is a slip.
        assert_eq!(near("临沂市第十九届人民代表会第二次会议通过"), ["人民代表会"]);
        assert_eq!(near("经舒兰市人检察院决定"), ["人检察院"]);
    }

    /// A protected term with only its 的 left out means what the term means: a note.
    #[test]
    fn a_missing_de_is_a_note() {
        use crate::finding::Severity;
        let linter = crate::Linter::builder().model(false).build().unwrap();
        let severity = |text: &str| -> Vec<Severity> {
            let found = linter.check(text).into_iter().filter(|f| f.rule == "typo/protected");
            found.map(|f| f.severity).collect()
        };
        assert_eq!(severity("这些举措是党自我革命的生动体现。"), [Severity::Info]);
        assert_eq!(severity("临沂市第十九届人民代表会第二次会议通过。"), [Severity::Error]);
    }

    #[test]
    fn one_edit_of_each_kind() {
        assert_eq!(near("中华人民共合国成立"), ["中华人民共合国"]);
        assert_eq!(near("践行社会主义核心价直观"), ["社会主义核心价直观"]);
        assert_eq!(near("中华人民和共国"), ["中华人民和共国"]);
        assert_eq!(near("中华人共和国"), ["中华人共和国"]);
        assert_eq!(near("中华人民人共和国"), ["中华人民人共和国"]);
        assert_eq!(near("增强四个意式"), ["四个意式"]);
        assert_eq!(near("中华人民共和和国"), ["中华人民共和和国"]);
    }

    #[test]
    fn exact_terms_and_unrelated_text_are_clean() {
        assert!(near("中华人民共和国国务院").is_empty());
        assert!(near("学习社会主义核心价值观").is_empty());
        assert!(near("中华人民共和国国民经济").is_empty());
        assert!(near("践行社会主义核心价值观，增强四个意识").is_empty());
        // Not a confusable: another word.
        assert!(near("中华人民共享国").is_empty());
        // Missing or extra characters at the edges are other words.
        assert!(near("华人民共和国").is_empty());
        assert!(near("中华人民共和国家").is_empty());
        // Short terms are protected only as written.
        assert!(near("国务园").is_empty());
    }

    /// The anchors' strings cut from the term's text are those its characters give, for
    /// random terms of characters one to four bytes long.
    #[test]
    fn anchors_cut_from_the_text_are_its_characters() {
        let mut rng = crate::test_rng::Rng::new(25);
        let alphabet = ['a', 'é', '国', '家', '𠮷', '“'];
        for round in 0..500 {
            let chars: Vec<char> = (0..2 + rng.below(12)).map(|_| *rng.pick(&alphabet)).collect();
            let text: String = chars.iter().collect();
            let mut p = Protected::default();
            p.add_anchors(7, &text, &chars);
            for a in &p.anchors {
                let (from, to) = (a.offset, a.offset + a.len);
                let want: [String; 3] = [
                    chars[from..to].iter().collect(),
                    chars[..from].iter().collect(),
                    chars[to..].iter().collect(),
                ];
                assert_eq!([&a.text, &a.before, &a.after], want.each_ref(), "round {round}");
                assert_eq!(a.term, 7);
            }
        }
    }
}
