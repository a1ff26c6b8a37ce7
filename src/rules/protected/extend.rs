//! The anchors written into the automaton with the character next to them: a fragment such as
//! 国家 or 发展 is a hit only where the character after it (or before it, for an anchor whose
//! term goes on before it) is one a near-miss of its term can start with — the term's next
//! character, the one after it, or a confusable one. The automaton then does the first test of
//! the anchors' sieve itself, and the common fragments of other words are never hits. Only
//! the terms with an anchor of two characters are written so: a start builds the patterns.
//!
//! What the sieve's second test let through besides, a character inserted right next to an
//! anchor, is not always found from another anchor with the same window: in 人民代表会大会,
//! 人民代's hit ends in the swap window 人民代表会大, the insertion's window is 大会's. So it is
//! looked for one character away ([`Protected::across`]): a term's second half stays a pattern
//! of its own, sifted as before, and its first half is looked for ending one character before
//! its hits; the third anchor is looked for one character after a hit of the first half with
//! its next character. A shorter term takes an insertion only in quotes (“一带路”): its first
//! anchor is also written after the opening quote, its second before the closing one.

use super::{AnchorGroup, Neighbours, Protected, MAX_SIDE_CHARS, MIN_INDEL_CHARS};
use crate::hash::FastMap;
use crate::normalize::{Fold, Folder};
use crate::span::Span;

/// Which character of a hit was added to its anchor, and is cut off before the anchor is
/// judged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) enum Trim {
    /// None: the pattern is the anchor.
    #[default]
    None,
    /// The hit's first character.
    First,
    /// The hit's last character.
    Last,
}

impl Trim {
    /// The anchor's span in a hit at `span` of `text`: the added character cut off, and the
    /// noise that folding dropped between it and the anchor (the walk reports an anchor's hit
    /// from its first character to its last); there is none where folding changed nothing in
    /// the hit (`unchanged`), and the character is cut at the bytes that lead characters.
    #[inline(always)]
    pub(crate) fn anchor_span(
        self,
        text: &str,
        span: Span,
        unchanged: bool,
        folder: &Folder,
    ) -> Span {
        let bytes = text.as_bytes();
        let leads = |at: usize| bytes.get(at).is_none_or(|b| b & 0xC0 != 0x80);
        match self {
            Trim::None => span,
            _ if !unchanged => self.anchor_span_folded(text, span, folder),
            Trim::Last => {
                let mut cut = span.end.saturating_sub(1);
                while cut > span.start && !leads(cut) {
                    cut -= 1;
                }
                Span::new(span.start, cut)
            }
            Trim::First => {
                let mut cut = span.start + 1;
                while cut < span.end && !leads(cut) {
                    cut += 1;
                }
                Span::new(cut, span.end)
            }
        }
    }

    /// [`Trim::anchor_span`] where folding changed the hit: the noise it dropped next to the
    /// added character cut off too.
    #[cold]
    #[inline(never)]
    fn anchor_span_folded(self, text: &str, span: Span, folder: &Folder) -> Span {
        let hit = &text[span];
        let noise = |c: char| folder.fold(c) == Fold::Noise;
        match self {
            Trim::None => span,
            Trim::Last => {
                let mut cut = hit.char_indices().next_back().map_or(0, |(i, _)| i);
                while let Some(c) = hit[..cut].chars().next_back().filter(|&c| noise(c)) {
                    cut -= c.len_utf8();
                }
                Span::new(span.start, span.start + cut)
            }
            Trim::First => {
                let mut cut = hit.chars().next().map_or(0, char::len_utf8);
                while let Some(c) = hit[cut..].chars().next().filter(|&c| noise(c)) {
                    cut += c.len_utf8();
                }
                Span::new(span.start + cut, span.end)
            }
        }
    }
}

/// The patterns every anchor is written as, unfolded: their texts one after another, where
/// each ends and its trim, and for each anchor where its own patterns start (one allocation
/// for them all: a start builds them every time).
#[derive(Clone, Debug, Default)]
pub(super) struct Patterns {
    text: String,
    ends: Vec<(u32, Trim)>,
    /// For anchor `a`, its patterns are `ends[starts[a]..starts[a + 1]]`.
    starts: Vec<u32>,
    /// For each term, whether its anchors are written with their next characters.
    next: Vec<bool>,
}

impl Protected {
    /// The patterns anchor `a` is written as, unfolded, each with the character to cut off its
    /// hits.
    pub(crate) fn extended(&self, a: usize) -> impl Iterator<Item = (&str, Trim)> + '_ {
        let p = &self.patterns;
        let (from, to) = (p.starts[a] as usize, p.starts[a + 1] as usize);
        let start = |k: usize| if k == 0 { 0 } else { p.ends[k - 1].0 as usize };
        (from..to).map(move |k| (&p.text[start(k)..p.ends[k].0 as usize], p.ends[k].1))
    }

    /// How many patterns the anchors are written as.
    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns.ends.len()
    }

    /// The patterns of every anchor ([`Patterns`]).
    pub(super) fn written(&self) -> Patterns {
        let similar = &self.similar;
        let mut out = Patterns { next: vec![false; self.terms.len()], ..Patterns::default() };
        // The terms with an anchor of two characters: those are the common fragments (国家,
        // 发展, 政府) that the patterns keep from being hits. A longer anchor is rarely another
        // word, and its own pattern is fewer to build at every start than its next characters'.
        for a in &self.anchors {
            out.next[a.term as usize] |= a.len == 2;
        }
        out.starts.reserve(self.anchors.len() + 1);
        let mut next = Vec::new();
        for a in 0..self.anchors.len() {
            out.starts.push(out.ends.len() as u32);
            self.written_one(a, similar, &mut next, &mut out);
        }
        out.starts.push(out.ends.len() as u32);
        out
    }

    /// Adds the patterns of anchor `a` to `out`; `similar` holds each character's confusable
    /// ones, `next` is room for the characters added.
    fn written_one(
        &self,
        a: usize,
        similar: &FastMap<char, Vec<char>>,
        next: &mut Vec<char>,
        out: &mut Patterns,
    ) {
        let (anchor, near) = (&self.anchors[a], &self.near[a]);
        let next_chars = out.next[anchor.term as usize];
        let mut push = |c: Option<char>, trim: Trim| {
            if trim == Trim::First {
                out.text.extend(c);
            }
            out.text.push_str(&anchor.text);
            if trim == Trim::Last {
                out.text.extend(c);
            }
            out.ends.push((out.text.len() as u32, trim));
        };
        if !next_chars || self.is_second_half(a) || self.side_chars(a) > MAX_SIDE_CHARS {
            return push(None, Trim::None);
        }
        for (trim, [w0, w1]) in [(Trim::First, near.before), (Trim::Last, near.after)] {
            let Some(w0) = w0 else { continue };
            next.clear();
            next.push(w0);
            next.extend(w1);
            next.extend(similar.get(&w0).into_iter().flatten());
            next.sort_unstable();
            next.dedup();
            next.iter().for_each(|&c| push(Some(c), trim));
        }
        // In quotes, on the side the term ends.
        let short = self.terms[anchor.term as usize].chars.len() < MIN_INDEL_CHARS;
        if short && near.before[0].is_none() {
            push(Some('“'), Trim::First);
        } else if short {
            push(Some('”'), Trim::Last);
        }
    }
}

/// Where the anchors one character away from a hit are looked for.
impl Protected {
    /// The length in characters of the side anchor `a`'s term goes on.
    fn side_chars(&self, a: usize) -> usize {
        let anchor = &self.anchors[a];
        let n = self.terms[anchor.term as usize].chars.len();
        anchor.offset.max(n - anchor.offset - anchor.len)
    }

    /// Whether anchor `a` is the second half of a term that takes a missing or inserted
    /// character: its pattern is itself, with the sieve as before.
    fn is_second_half(&self, a: usize) -> bool {
        let anchor = &self.anchors[a];
        let n = self.terms[anchor.term as usize].chars.len();
        n >= MIN_INDEL_CHARS && anchor.offset == n / 2 && anchor.offset + anchor.len == n
    }

    /// The anchor of anchor `a`'s term that starts at character `offset`.
    fn sibling(&self, a: usize, offset: usize) -> Option<u32> {
        let term = self.anchors[a].term;
        let near = a.saturating_sub(2)..(a + 3).min(self.anchors.len());
        near.into_iter()
            .find(|&b| self.anchors[b].term == term && self.anchors[b].offset == offset)
            .map(|b| b as u32)
    }

    /// The anchors a group's hits look for one character away ([`Protected::across`]): for a
    /// pattern that is a term's second half, the first half; for one that adds a character
    /// after a first half, the third anchor (the second half less its first character).
    pub(super) fn found_across(&self, anchors: &[u32], trim: Trim) -> Vec<u32> {
        let mut out = Vec::new();
        for &a in anchors {
            let (a, anchor) = (a as usize, &self.anchors[a as usize]);
            let n = self.terms[anchor.term as usize].chars.len();
            let next_chars = self.patterns.next.get(anchor.term as usize) == Some(&true);
            let found = match trim {
                _ if !next_chars => None,
                Trim::None if self.is_second_half(a) => self.sibling(a, 0),
                Trim::Last if n >= MIN_INDEL_CHARS && anchor.offset == 0 => {
                    self.sibling(a, n / 2 + 1)
                }
                _ => None,
            };
            out.extend(found);
        }
        out
    }

    /// Sifts `anchors` where the walk finds them one character away from a hit at `hit` of
    /// `group`'s pattern: ending one character before a term's second half, or starting one
    /// character after a first half with the next character.
    ///
    /// These are what the sieve's second test let through and the patterns do not reach: a
    /// character inserted right next to an anchor, the term's side after it whole. The first
    /// half, written as the term goes on (中华人民 + 共), stands before the third anchor with
    /// one character between; the second half stands after the first half so.
    #[cold]
    #[inline(never)]
    pub(super) fn across(
        &self,
        text: &str,
        hit: Span,
        group: &AnchorGroup,
        anchors: &[u32],
        folder: &Folder,
        out: &mut Vec<(u32, Span)>,
    ) {
        let bytes = text.as_bytes();
        // The character between: its length from its first byte.
        let (from, to) = match group.trim {
            Trim::None => {
                let mut x = hit.start.saturating_sub(1);
                while x > 0 && bytes[x] & 0xC0 == 0x80 {
                    x -= 1;
                }
                (x, hit.start)
            }
            _ => (hit.end, hit.end + bytes.get(hit.end).map_or(0, |&b| utf8_len(b))),
        };
        if from == to || to > text.len() {
            return;
        }
        for &a in anchors {
            let anchor = self.anchors[a as usize].text.as_str();
            let span = match group.trim {
                Trim::None => ending_at(text, from, anchor, folder).map(|s| Span::new(s, from)),
                _ => starting_at(text, to, anchor, folder).map(|e| Span::new(to, e)),
            };
            if let Some(span) = span {
                self.sift_found(text, span, a, out);
            }
        }
    }

    /// Adds anchor `a` found across at `span` to `out` where it is written as it is, up to
    /// invisible marks, and is a plausible near miss. Out of line: the rare path, which kept
    /// more registers saved at every look across when inlined.
    #[inline(never)]
    fn sift_found(&self, text: &str, span: Span, a: u32, out: &mut Vec<(u32, Span)>) {
        let anchor = self.anchors[a as usize].text.as_str();
        let exact = crate::normalize::same_but_invisible(&text[span], anchor);
        if exact && self.plausible(text, span, a, &mut Neighbours::default()) {
            out.push((a, span));
        }
    }
}

/// The length of the character that `lead` begins.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// Where a hit of the anchor `anchor` that ends at byte `end` starts, if the walk finds one
/// there written as the anchor is, up to invisible marks (no other hit is judged): the text
/// itself compared, and only where it ends with the anchor's last character and holds more,
/// each character folded as the walk reads it ([`folded_before`]).
fn ending_at(text: &str, end: usize, anchor: &str, folder: &Folder) -> Option<usize> {
    let (before, anchor_bytes) = (&text.as_bytes()[..end], anchor.as_bytes());
    if before.ends_with(anchor_bytes) {
        return Some(end - anchor.len());
    }
    let last = anchor.chars().next_back()?;
    let ends_so = before.ends_with(last.encode_utf8(&mut [0; 4]).as_bytes());
    ends_so.then(|| folded_before(text, end, anchor, folder)).flatten()
}

/// [`ending_at`] for a hit that starts at byte `start`: where it ends.
fn starting_at(text: &str, start: usize, anchor: &str, folder: &Folder) -> Option<usize> {
    let (after, anchor_bytes) = (&text.as_bytes()[start..], anchor.as_bytes());
    if after.starts_with(anchor_bytes) {
        return Some(start + anchor.len());
    }
    let first = anchor.chars().next()?;
    let starts_so = after.starts_with(first.encode_utf8(&mut [0; 4]).as_bytes());
    starts_so.then(|| folded_after(text, start, anchor, folder)).flatten()
}

/// The character the walk reads for `c`, `None` for noise.
fn walked(folder: &Folder, c: char) -> Option<char> {
    match folder.fold(c) {
        Fold::Keep => Some(c),
        Fold::Map(m, _) => Some(m),
        Fold::Noise => None,
    }
}

/// Where a hit of `pattern` (unfolded) that ends at byte `end` of `text` starts, if the walk,
/// folding as it goes, finds one there: each character folded, a run of noise between two
/// characters skipped where folding drops it.
fn folded_before(text: &str, end: usize, pattern: &str, folder: &Folder) -> Option<usize> {
    let mut at = end;
    // The pattern as the automaton holds it: folded, its noise dropped.
    let wanted = pattern.chars().rev().filter_map(|c| walked(folder, c));
    for (k, want) in wanted.enumerate() {
        let mut c = text[..at].chars().next_back()?;
        if walked(folder, c).is_none() && k > 0 {
            let mut from = at;
            while let Some(n) =
                text[..from].chars().next_back().filter(|&n| walked(folder, n).is_none())
            {
                from -= n.len_utf8();
            }
            if folder.noise_run_end(text, from) != at || !folder.drops_noise(text, from, at) {
                return None;
            }
            at = from;
            c = text[..at].chars().next_back()?;
        }
        if walked(folder, c)? != want {
            return None;
        }
        at -= c.len_utf8();
    }
    Some(at)
}

/// Where a hit of `pattern` (unfolded) that starts at byte `start` of `text` ends, if the walk
/// finds one there ([`folded_before`] going on).
fn folded_after(text: &str, start: usize, pattern: &str, folder: &Folder) -> Option<usize> {
    let mut at = start;
    for (k, want) in pattern.chars().filter_map(|c| walked(folder, c)).enumerate() {
        let mut c = text[at..].chars().next()?;
        if walked(folder, c).is_none() && k > 0 {
            let end = folder.noise_run_end(text, at);
            if !folder.drops_noise(text, at, end) {
                return None;
            }
            at = end;
            c = text[at..].chars().next()?;
        }
        if walked(folder, c)? != want {
            return None;
        }
        at += c.len_utf8();
    }
    Some(at)
}

/// Puts the anchors' hits in the order of the anchors' own ends, the longest first at one end
/// and then by anchor, the order in which the automaton found the anchors themselves, and
/// drops a hit found twice. An anchor found with the character after it is found later than
/// it ends.
pub(crate) fn in_hit_order(anchors: &mut Vec<(u32, Span)>) {
    let key = |&(a, s): &(u32, Span)| (s.end, s.start, a);
    if !anchors.is_sorted_by_key(key) {
        anchors.sort_unstable_by_key(key);
    }
    anchors.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Dictionary;

    /// The anchor's span cut from a hit against the anchor found in the text by hand, over
    /// random texts with noise between the anchor and the added character.
    #[test]
    fn anchor_spans_cut_from_hits() {
        let folder = Folder::new([('國', '国')]);
        assert_eq!(folder.fold('\u{200B}'), Fold::Noise);
        let pool = ["人", "民", "代", "\u{200B}", " ", "·", "國", "a"];
        let mut rng = crate::test_rng::Rng::new(53);
        for _ in 0..2000 {
            let noise: String =
                (0..rng.below(3)).map(|_| ["\u{200B}", " ", "·"][rng.below(3)]).collect();
            let head: String = (0..rng.below(3)).map(|_| pool[rng.below(pool.len())]).collect();
            let added = ["代", "國", "a"][rng.below(3)];
            let text = format!("{head}人民{noise}{added}{head}");
            let at = head.len();
            let hit = Span::new(at, at + "人民".len() + noise.len() + added.len());
            let want = Span::new(at, at + "人民".len());
            assert_eq!(Trim::Last.anchor_span(&text, hit, false, &folder), want, "{text:?}");
            let text = format!("{head}{added}{noise}人民{head}");
            let hit = Span::new(at, at + "人民".len() + noise.len() + added.len());
            let want = Span::new(hit.end - "人民".len(), hit.end);
            assert_eq!(Trim::First.anchor_span(&text, hit, false, &folder), want, "{text:?}");
            assert_eq!(Trim::None.anchor_span(&text, hit, false, &folder), hit);
            // Where folding changed nothing (no noise, nothing traditional), cut at the bytes.
            if noise.is_empty() && added != "國" {
                let unchanged = Trim::First.anchor_span(&text, hit, true, &folder);
                assert_eq!(unchanged, want, "{text:?}");
                let text = format!("{head}人民{added}{head}");
                let hit = Span::new(at, at + "人民".len() + added.len());
                let want = Span::new(at, at + "人民".len());
                assert_eq!(Trim::Last.anchor_span(&text, hit, true, &folder), want, "{text:?}");
            }
        }
    }

    /// An anchor found across against the walk itself: over random texts of the anchor's
    /// characters, their traditional forms, noise and line ends, the hits [`folded_before`] and
    /// [`folded_after`] find at every boundary are the walk's hits of the anchor's pattern.
    #[test]
    fn found_across_where_the_walk_finds_it() {
        use crate::matcher::{Matcher, MatcherEngine};
        for anchor in ["人民代", "国·会"] {
            let mut folder = Folder::new([('國', '国'), ('會', '会'), ('民', '民')]);
            let pattern = folder.fold_str(anchor).into_owned();
            folder.restrict_to(&pattern.chars().collect());
            folder.restrict_noise([pattern.as_str()]);
            let folder = std::sync::Arc::new(folder);
            let matcher = Matcher::new(&[&pattern], MatcherEngine::Charwise, &folder).unwrap();
            let pool = ["人", "民", "代", "国", "國", "会", "會", "·", " ", "\u{200B}", "\n", "a"];
            let mut rng = crate::test_rng::Rng::new(59);
            let mut hits = 0;
            for _ in 0..3000 {
                let mut text = String::new();
                for c in anchor.chars() {
                    text.extend((0..rng.below(3)).map(|_| pool[rng.below(pool.len())]));
                    text.push(c);
                }
                text.extend((0..rng.below(3)).map(|_| pool[rng.below(pool.len())]));
                let mut walked = Vec::new();
                matcher.walk(&text).unwrap().for_each_hit(|_, span, _| walked.push(span));
                for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                    let ending = walked.iter().find(|s| s.end == at).map(|s| s.start);
                    assert_eq!(folded_before(&text, at, anchor, &folder), ending, "{text:?} {at}");
                    let starting = walked.iter().find(|s| s.start == at).map(|s| s.end);
                    assert_eq!(folded_after(&text, at, anchor, &folder), starting, "{text:?} {at}");
                }
                hits += walked.len();
            }
            assert!(hits > 50, "{anchor} {hits}");
        }
    }

    #[test]
    fn anchors_go_on_with_what_their_terms_accept_there() {
        let text = "!family protected\n人民代表大会\n四个意识\n!family confusable\n表\t俵\n";
        let dict = Dictionary::parse("t", text).unwrap();
        let p = Protected::new(&dict.entries, &dict.confusables);
        let of = |anchor: &str| -> Vec<String> {
            let a = p.anchors.iter().position(|a| a.text == anchor).unwrap();
            let mut got: Vec<String> = p.extended(a).map(|(s, _)| s.to_string()).collect();
            got.sort();
            got
        };
        let mut want = ["人民代表", "人民代大", "人民代俵"];
        want.sort();
        assert_eq!(of("人民代"), want);
        // Going on before: the term's two characters before it, the nearer one's confusable.
        let mut want = ["表大会", "代大会", "俵大会"];
        want.sort();
        assert_eq!(of("大会"), want);
        let mut want = ["四个意", "四个识", "“四个"];
        want.sort();
        assert_eq!(of("四个"), want);
        let mut want = ["个意识", "四意识", "意识”"];
        want.sort();
        assert_eq!(of("意识"), want);
    }
}
