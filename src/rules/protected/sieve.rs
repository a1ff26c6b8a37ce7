//! The anchors one pattern stands for, judged together: a fragment such as 人民 or 委员会
//! anchors many terms, and nearly every hit of it is another word. The characters next to the
//! hit are decoded once and looked up in a sieve of what any of the anchors could accept
//! there; only a hit that passes is compared anchor by anchor. Where the pattern adds to the
//! anchors the character next to them (`extend.rs`), the hit is cut back to the anchors first,
//! and the sieve's first test is the automaton's.

use super::neighbours::{code3, is_pair_of_three};
use super::{Near, Neighbours, Protected, Trim};
use crate::normalize::Folder;
use crate::span::Span;

/// The anchors that share one folded pattern, in the order of their numbers, and the sieve
/// of the characters their hits may have next to them.
#[derive(Clone, Debug)]
pub(crate) struct AnchorGroup {
    anchors: Box<[u32]>,
    /// Whether every anchor is written as the folded pattern (folding changes nothing in it).
    plain: bool,
    /// Whether some anchor's term goes on before it, and after it: a side none has is not
    /// looked at (one flag, not the side's four words, tested at every hit).
    has: [bool; 2],
    before: Side,
    after: Side,
    /// The character its pattern adds to the anchors, cut off each hit before it is sifted.
    pub(crate) trim: Trim,
    /// Whether the pattern adds to every anchor the first character of the side its term goes
    /// on, one the sieve's first test admits: every hit then passes it, and is not tested.
    sieved: bool,
    /// Anchors looked for one character away from each hit, before it for a pattern that is
    /// the anchors themselves, after it for one that adds a character after them
    /// ([`Protected::across`]).
    across: Box<[u32]>,
    /// The term of the group's only anchor, where every hit of the pattern is that anchor as
    /// written: a hit inside the term written whole is decided by one comparison.
    whole: Option<Whole>,
}

/// A term's bytes (terms longer than [`WHOLE_BYTES`] have none), and how many of them come
/// before the place a hit is measured from: the hit's start, or its end for a pattern that adds
/// a character before the anchor. Held in the group, read where the group is.
#[derive(Clone, Copy, Debug)]
struct Whole {
    term: [u8; WHOLE_BYTES],
    len: u8,
    lead: u8,
}

/// The longest term, in bytes, tested written whole: 22 characters of three bytes, the
/// longest shipped term.
const WHOLE_BYTES: usize = 66;

impl Whole {
    /// Whether `text` holds the term with the hit's place (`at`) where the anchor puts it.
    #[inline(always)]
    fn written_at(&self, text: &[u8], at: usize) -> bool {
        let term = &self.term[..usize::from(self.len)];
        let Some(from) = at.checked_sub(usize::from(self.lead)) else { return false };
        let got = text.get(from..from + term.len());
        got.is_some_and(|got| crate::bytes::eq(got, term))
    }
}

impl AnchorGroup {
    /// The anchors' numbers, in increasing order.
    #[cfg(test)]
    pub(crate) fn anchors(&self) -> &[u32] {
        &self.anchors
    }
}

/// Characters one side of a hit may start with, going away from it, for one of the anchors to
/// be a near-miss there: bit sets, by a hash, of the first character (the term's first two on
/// that side and the first one's confusables) and of the second (the term's first, one
/// character having been inserted before it). A set bit may be another character's.
#[derive(Clone, Copy, Debug, Default)]
struct Side {
    first: [u64; 4],
    second: u64,
}

impl Side {
    fn bit(c: char) -> usize {
        Side::bit_of(u32::from(c))
    }

    #[inline(always)]
    fn bit_of(c: u32) -> usize {
        (c.wrapping_mul(0x9E37_79B1) >> 24) as usize
    }

    fn add_first(&mut self, c: char) {
        let b = Side::bit(c);
        self.first[b / 64] |= 1 << (b % 64);
    }

    fn add_second(&mut self, c: char) {
        self.second |= 1 << (Side::bit(c) % 64);
    }

    fn is_empty(&self) -> bool {
        self.first == [0; 4]
    }

    /// Whether `chars`, the text going away from the hit, may start as this side accepts.
    #[inline(always)]
    fn admits(&self, mut chars: impl Iterator<Item = char>) -> bool {
        let Some(g0) = chars.next() else { return false };
        self.admits_first(u32::from(g0))
            || chars.next().is_some_and(|g1| self.admits_second(u32::from(g1)))
    }

    #[inline(always)]
    fn admits_first(&self, c: u32) -> bool {
        let b = Side::bit_of(c);
        self.first[b / 64] & (1 << (b % 64)) != 0
    }

    #[inline(always)]
    fn admits_second(&self, c: u32) -> bool {
        self.second & (1 << (Side::bit_of(c) % 64)) != 0
    }

    /// [`Side::admits`] for the text after byte `at` (a character's boundary): two characters
    /// of three bytes, nearly every pair in Chinese text, are read from the bytes, with no test
    /// of where a character starts; anything else is decoded as characters.
    #[inline(always)]
    fn admits_after(&self, text: &str, at: usize) -> bool {
        match text.as_bytes().get(at..) {
            Some(&[a0, a1, a2, b0, b1, b2, ..]) if is_pair_of_three(a0, b0) => {
                self.admits_first(code3(a0, a1, a2)) || self.admits_second(code3(b0, b1, b2))
            }
            _ => self.admits(text[at..].chars()),
        }
    }

    /// [`Side::admits`] for the text before byte `at`, going back.
    #[inline(always)]
    fn admits_before(&self, text: &str, at: usize) -> bool {
        match text.as_bytes().get(..at) {
            Some(&[.., b0, b1, b2, a0, a1, a2]) if is_pair_of_three(a0, b0) => {
                self.admits_first(code3(a0, a1, a2)) || self.admits_second(code3(b0, b1, b2))
            }
            _ => self.admits(text[..at].chars().rev()),
        }
    }
}

impl Protected {
    /// The groups of anchors that share one folded pattern: for each, the anchors' numbers in
    /// increasing order, whether every one of them is written as its folded text, and the
    /// character the pattern adds to them.
    pub(crate) fn groups(
        &self,
        groups: impl IntoIterator<Item = (Vec<u32>, bool, Trim)>,
    ) -> Vec<AnchorGroup> {
        let similar = &self.similar;
        let group = |(anchors, plain, trim): (Vec<u32>, bool, Trim)| {
            let (mut before, mut after) = (Side::default(), Side::default());
            for &a in &anchors {
                let near = &self.near[a as usize];
                for (side, [w0, w1]) in [(&mut before, near.before), (&mut after, near.after)] {
                    let Some(w0) = w0 else { continue };
                    side.add_first(w0);
                    side.add_second(w0);
                    w1.into_iter().for_each(|c| side.add_first(c));
                    similar.get(&w0).into_iter().flatten().for_each(|&c| side.add_first(c));
                }
            }
            let has = [!before.is_empty(), !after.is_empty()];
            let sieved = match trim {
                Trim::None => false,
                Trim::First => !has[1] && self.sieved_by_pattern(&anchors, |n| n.before),
                Trim::Last => !has[0] && self.sieved_by_pattern(&anchors, |n| n.after),
            };
            let across = self.found_across(&anchors, trim).into();
            let whole = self.whole(&anchors, plain, trim);
            let anchors = anchors.into();
            AnchorGroup { anchors, plain, has, before, after, trim, sieved, across, whole }
        };
        groups.into_iter().map(group).collect()
    }

    /// The term of a group's only anchor ([`Whole`]), where the group has one, written as
    /// its folded pattern (`plain`).
    fn whole(&self, anchors: &[u32], plain: bool, trim: Trim) -> Option<Whole> {
        let [a] = anchors else { return None };
        let a = &self.anchors[*a as usize];
        let term = &self.terms[a.term as usize];
        let lead = match trim {
            Trim::First => a.before.len() + a.text.len(),
            Trim::None | Trim::Last => a.before.len(),
        };
        let bytes = term.text.as_bytes();
        let mut whole = Whole { term: [0; WHOLE_BYTES], len: bytes.len() as u8, lead: lead as u8 };
        whole.term.get_mut(..bytes.len())?.copy_from_slice(bytes);
        plain.then_some(whole)
    }

    /// Whether each of `anchors` has a side (`side` of its [`Near`] characters) whose term
    /// characters and confusables are the ones [`Protected::extended`] adds on it.
    fn sieved_by_pattern(
        &self,
        anchors: &[u32],
        side: impl Fn(&Near) -> [Option<char>; 2],
    ) -> bool {
        anchors.iter().all(|&a| side(&self.near[a as usize])[0].is_some())
    }

    /// The text of the group's first anchor.
    pub(crate) fn group_text<'p>(&'p self, group: &AnchorGroup) -> &'p str {
        &self.anchors[group.anchors[0] as usize].text
    }

    /// [`Protected::sift_hit`] for a hit of the anchors themselves, with none looked for
    /// across: the anchors sifted as they were before their patterns added characters (the
    /// tests' reference).
    #[cfg(test)]
    pub(crate) fn sift(
        &self,
        text: &str,
        span: Span,
        group: &AnchorGroup,
        unchanged: bool,
        out: &mut Vec<(u32, Span)>,
    ) {
        if self.sieve(text, span, group) {
            self.sift_each(text, span, group, unchanged, out);
        }
    }

    /// Whether a hit at `span` passes the group's sieve.
    #[inline(always)]
    fn sieve(&self, text: &str, span: Span, group: &AnchorGroup) -> bool {
        let after = group.sieved || (group.has[1] && group.after.admits_after(text, span.end));
        after || (group.has[0] && group.before.admits_before(text, span.start))
    }

    /// Adds to `out` the anchors of `group` that a hit of its pattern at `hit` (`unchanged`:
    /// folding changed nothing in it) is a plausible near-miss of ([`Protected::plausible`]),
    /// in their order, once the character the pattern adds is cut off; then those one
    /// character away ([`Protected::across`]). An anchor counts only where the hit is written
    /// as it is, up to invisible marks.
    ///
    /// The touched side of a near-miss is one the term has, and the text there starts with
    /// the term's character, the next one, a confusable one, or one inserted before the
    /// term's: a hit whose neighbours are none of these for any anchor is passed over.
    ///
    /// Out of line: inlined into the scan's loop, it kept more of the loop's registers spilled
    /// at every hit than the call costs.
    #[inline(never)]
    pub(crate) fn sift_hit(
        &self,
        text: &str,
        hit: Span,
        group: &AnchorGroup,
        (unchanged, folder): (bool, &Folder),
        out: &mut Vec<(u32, Span)>,
    ) {
        // The term itself, the commonest hit: both sides exact, no anchor of it plausible. An
        // anchor found across one character from it would be inside or next to the term
        // written exactly, where the judge drops any window of the same term.
        if let Some(whole) = group.whole.as_ref().filter(|_| unchanged) {
            let at = if group.trim == Trim::First { hit.end } else { hit.start };
            if whole.written_at(text.as_bytes(), at) {
                return;
            }
        }
        self.sift_trimmed(text, hit, group, (unchanged, folder), out);
    }

    /// [`Protected::sift_hit`] past the term itself. Out of line: the term's test returns
    /// without saving the registers the rest needs.
    #[inline(never)]
    fn sift_trimmed(
        &self,
        text: &str,
        hit: Span,
        group: &AnchorGroup,
        (unchanged, folder): (bool, &Folder),
        out: &mut Vec<(u32, Span)>,
    ) {
        let span = group.trim.anchor_span(text, hit, unchanged, folder);
        // The anchors across one character are looked for only where the sieve passes: the
        // character next to that one is the term's (a first half's last, before a second
        // half), or the group's pattern adds it.
        if self.sieve(text, span, group) {
            self.sift_each(text, span, group, unchanged, out);
            if !group.across.is_empty() {
                self.across(text, hit, group, &group.across, folder, out);
            }
        }
    }

    /// The rare path of [`Protected::sift_hit`], kept out of line so that the sieve's test stays
    /// small: each anchor of `group` judged alone.
    #[inline(never)]
    fn sift_each(
        &self,
        text: &str,
        span: Span,
        group: &AnchorGroup,
        unchanged: bool,
        out: &mut Vec<(u32, Span)>,
    ) {
        let mut got = Neighbours::default();
        for &a in group.anchors.iter() {
            let exact = (group.plain && unchanged)
                || crate::normalize::same_but_invisible(
                    &text[span],
                    &self.anchors[a as usize].text,
                );
            if exact && self.plausible(text, span, a, &mut got) {
                out.push((a, span));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Dictionary;

    /// The sifted anchors of a group against each anchor judged alone, over random texts
    /// made of the terms' characters, confusable ones and others of every UTF-8 length: the
    /// sieve passes over no plausible near-miss.
    #[test]
    fn sifted_as_each_anchor_alone() {
        let dict = Dictionary::parse(
            "t",
            "!family protected\n中华人民共和国\n四个意识\n人民代表大会\n人民检察院\n人民法院\n人民政府\n国家发展改革委\nab人民cd\n!family confusable\n和\t合河\n识\t式\n代\t伐\n",
        )
        .unwrap();
        let p = Protected::new(&dict.entries, &dict.confusables);
        let mut by_text: Vec<(String, Vec<u32>)> = Vec::new();
        for (i, a) in p.anchors.iter().enumerate() {
            match by_text.iter_mut().find(|(t, _)| *t == a.text) {
                Some((_, ids)) => ids.push(i as u32),
                None => by_text.push((a.text.clone(), vec![i as u32])),
            }
        }
        assert!(by_text.iter().any(|(_, ids)| ids.len() > 2), "{by_text:?}");
        let (texts, ids): (Vec<String>, Vec<Vec<u32>>) = by_text.into_iter().unzip();
        let built = p.groups(ids.into_iter().map(|ids| (ids, true, Trim::None)));
        let groups: Vec<(String, AnchorGroup)> = texts.into_iter().zip(built).collect();
        let pool: Vec<char> =
            "中华人民共和国四个意识代表大会检察院法政府家发展改革委合河式伐abcdé\u{20000}，"
                .chars()
                .collect();
        let terms =
            ["中华人民共和国", "四个意识", "人民代表大会", "人民法院", "人民政府", "ab人民cd"];
        let mut rng = crate::test_rng::Rng::new(37);
        let (mut hits, mut found) = (0, 0);
        for _ in 0..20000 {
            let mut text = String::new();
            for _ in 0..1 + rng.below(4) {
                let mut chars: Vec<char> = terms[rng.below(terms.len())].chars().collect();
                let (at, c) = (rng.below(chars.len()), pool[rng.below(pool.len())]);
                let next = (at + 1).min(chars.len() - 1);
                match rng.below(5) {
                    0 => chars[at] = c,
                    1 => chars.insert(at, c),
                    2 => drop(chars.remove(at)),
                    3 => chars.swap(at, next),
                    _ => {}
                }
                text.extend(chars);
                text.extend((0..rng.below(3)).map(|_| pool[rng.below(pool.len())]));
            }
            for (pattern, group) in &groups {
                for (at, _) in text.match_indices(pattern.as_str()) {
                    let span = Span::new(at, at + pattern.len());
                    let mut want = Vec::new();
                    for &a in group.anchors.iter() {
                        if p.plausible(&text, span, a, &mut Neighbours::default()) {
                            want.push((a, span));
                        }
                    }
                    let mut got = Vec::new();
                    p.sift(&text, span, group, true, &mut got);
                    assert_eq!(got, want, "{text} {span:?} {pattern}");
                    hits += 1;
                    found += want.len();
                }
            }
        }
        assert!(hits > 20000 && found > 2000, "{hits} {found}");
    }

    /// A side's test read from the bytes against the same test over decoded characters, on
    /// random sides and random texts of characters of every UTF-8 length, at every boundary.
    #[test]
    fn sides_read_as_bytes_as_by_characters() {
        let pool: Vec<char> = "人民政府法院国家，。a1é\u{20000}\u{FF0C}".chars().collect();
        let mut rng = crate::test_rng::Rng::new(41);
        let (mut admitted, mut tested) = (0, 0);
        for _ in 0..2000 {
            let mut side = Side::default();
            for _ in 0..1 + rng.below(3) {
                side.add_first(pool[rng.below(pool.len())]);
                side.add_second(pool[rng.below(pool.len())]);
            }
            let text: String = (0..rng.below(8)).map(|_| pool[rng.below(pool.len())]).collect();
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                let after = side.admits(text[at..].chars());
                assert_eq!(side.admits_after(&text, at), after, "{text:?} {at}");
                let before = side.admits(text[..at].chars().rev());
                assert_eq!(side.admits_before(&text, at), before, "{text:?} {at}");
                admitted += usize::from(after) + usize::from(before);
                tested += 2;
            }
        }
        assert!(admitted > tested / 10 && admitted < tested * 9 / 10, "{admitted} {tested}");
    }

    /// A hit inside its only anchor's term written whole is one no anchor of the group is
    /// plausible at, and the test finds the term at every such hit: over random texts of the
    /// terms with edits, every hit of every group's pattern, as the anchors themselves and
    /// with the character their patterns add.
    #[test]
    fn the_term_written_whole_is_no_near_miss() {
        let dict = Dictionary::parse(
            "t",
            "!family protected\n中华人民共和国\n四个意识\n人民代表大会\n人民政府\n国务院办公厅\n新发展理念\n!family confusable\n和\t合\n识\t式\n",
        )
        .unwrap();
        let p = Protected::new(&dict.entries, &dict.confusables);
        let mut groups = Vec::new();
        for i in 0..p.anchors.len() {
            for (pattern, trim) in p.extended(i) {
                let group = p.groups([(vec![i as u32], true, trim)]).remove(0);
                groups.push((pattern.to_string(), group, i as u32));
            }
        }
        let terms: Vec<&str> = p.terms.iter().map(|t| t.text.as_str()).collect();
        let pool: Vec<char> =
            terms.iter().flat_map(|t| t.chars()).chain("合式甲，".chars()).collect();
        let mut rng = crate::test_rng::Rng::new(67);
        let (mut whole, mut hits) = (0, 0);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..1 + rng.below(4) {
                let mut chars: Vec<char> = terms[rng.below(terms.len())].chars().collect();
                if rng.below(2) == 0 {
                    let at = rng.below(chars.len());
                    chars[at] = pool[rng.below(pool.len())];
                }
                text.extend(chars);
                text.extend((0..rng.below(2)).map(|_| pool[rng.below(pool.len())]));
            }
            for (pattern, group, a) in &groups {
                for (at, _) in text.match_indices(pattern.as_str()) {
                    let hit = Span::new(at, at + pattern.len());
                    let span = group.trim.anchor_span(&text, hit, true, &Folder::default());
                    let term = &p.terms[p.anchors[*a as usize].term as usize].text;
                    let from = span.start.checked_sub(p.anchors[*a as usize].before.len());
                    let rest = from.and_then(|from| text.as_bytes().get(from..));
                    let written = rest.is_some_and(|t| t.starts_with(term.as_bytes()));
                    let at = if group.trim == Trim::First { hit.end } else { hit.start };
                    let Some(test) = &group.whole else { panic!("{pattern}") };
                    let got = test.written_at(text.as_bytes(), at);
                    assert_eq!(got, written, "{text} {pattern}");
                    if written {
                        assert!(!p.plausible(&text, span, *a, &mut Neighbours::default()));
                    }
                    whole += usize::from(written);
                    hits += 1;
                }
            }
        }
        assert!(whole > 3000 && hits > whole + 2000, "{whole} {hits}");
    }

    /// A hit that folding changed is an anchor's only where it is the anchor as written, up
    /// to invisible marks.
    #[test]
    fn a_changed_hit_counts_as_written() {
        let dict = Dictionary::parse(
            "t",
            "!family protected\n中华人民共和国\n!family confusable\n和\t合\n",
        );
        let dict = dict.unwrap();
        let p = Protected::new(&dict.entries, &dict.confusables);
        let head = p.anchors.iter().position(|a| a.text == "中华人").unwrap() as u32;
        let group = p.groups([(vec![head], true, Trim::None)]).remove(0);
        let sifted = |text: &str, at: usize, len: usize| {
            let mut out = Vec::new();
            p.sift(text, Span::new(at, at + len), &group, false, &mut out);
            out.len()
        };
        assert_eq!(sifted("中华人民共合国", 0, "中华人".len()), 1);
        assert_eq!(sifted("中华\u{200B}人民共合国", 0, "中华\u{200B}人".len()), 1);
        assert_eq!(sifted("中華人民共合国", 0, "中華人".len()), 0);
    }
}
