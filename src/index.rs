//! The pattern index: the distinct folded patterns the automaton holds, and for each the
//! targets it stands for (one string that several entries share is one pattern).

use crate::dict::Entry;
use crate::hash::FastMap;
use crate::normalize::{Fold, Folder};
use crate::roster::Roster;
use crate::rules::protected::{AnchorGroup, Protected, Trim};
use std::borrow::Cow;

/// What a pattern stands for: one string may stand for several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A dictionary entry.
    Entry(u32),
    /// A roster person's exact name.
    Name(u32),
    /// A misspelled variant of a roster person's name (index into the roster's variants).
    Variant(u32),
    /// A title or title alias (index into the roster's aliases).
    Title(u32),
    /// The fragments of protected terms that share the pattern (index into the index's
    /// anchor groups): judged together, as most of their hits are other words.
    Anchors(u32),
}

/// A target and whether it is written as its folded pattern (folding changes nothing in it).
pub(crate) type PlainTarget = (Target, bool);

/// For pattern `p`, its targets are `targets[starts[p]..starts[p + 1]]`.
#[derive(Debug, Default)]
pub(crate) struct PatternIndex {
    starts: Vec<u32>,
    targets: Vec<PlainTarget>,
    /// The groups of anchors that [`Target::Anchors`] numbers.
    anchors: Vec<AnchorGroup>,
}

impl PatternIndex {
    /// The distinct folded patterns of every entry, roster name, variant, title and protected
    /// anchor, and the index from each to its targets.
    pub(crate) fn build<'a>(
        entries: &'a [Entry],
        roster: &'a Roster,
        protected: &'a Protected,
        folder: &Folder,
    ) -> (Vec<Cow<'a, str>>, PatternIndex) {
        // One probe a target: each distinct pattern gets its number as it is first seen, and
        // the targets, listed with their pattern's number, are then grouped by it in order.
        // Room for every target at once: growing the map rehashed it a dozen times.
        let all = entries.len()
            + roster.people.len()
            + roster.variants.len()
            + roster.aliases.len()
            + protected.pattern_count();
        let mut ids: FastMap<Cow<'a, str>, u32> = FastMap::default();
        ids.reserve(all);
        let mut patterns: Vec<Cow<'a, str>> = Vec::with_capacity(all);
        let mut found: Vec<(u32, PlainTarget)> = Vec::with_capacity(all);
        let mut add = |pattern: Cow<'a, str>, target: PlainTarget, found: &mut Vec<_>| {
            if pattern.is_empty() {
                return;
            }
            let next = patterns.len() as u32;
            let id = *ids.entry(pattern).or_insert_with_key(|p| {
                patterns.push(p.clone());
                next
            });
            found.push((id, target));
        };
        let mut add_raw = |raw: &'a str, target: Target, found: &mut Vec<_>| {
            let pattern = folder.fold_str(raw);
            let plain = matches!(pattern, Cow::Borrowed(_));
            add(pattern, (target, plain), found);
        };
        for (i, e) in entries.iter().enumerate() {
            add_raw(&e.pattern, Target::Entry(i as u32), &mut found);
        }
        for (i, p) in roster.people.iter().enumerate() {
            add_raw(&p.name, Target::Name(i as u32), &mut found);
        }
        for (i, (variant, _)) in roster.variants.iter().enumerate() {
            add_raw(variant, Target::Variant(i as u32), &mut found);
        }
        for (i, a) in roster.aliases.iter().enumerate() {
            add_raw(&a.text, Target::Title(i as u32), &mut found);
        }
        // The anchors come last: only they are looked at. Each is written with the characters
        // its near misses can have next to it, its own folded text kept apart: whether the
        // anchor is written as it folds is what its hits are judged by.
        let mut anchors: Vec<(u32, PlainTarget)> = Vec::new();
        let mut trims: Vec<Trim> = Vec::new();
        for (i, a) in protected.anchors.iter().enumerate() {
            let plain = a.text.chars().all(|c| folder.fold(c) == Fold::Keep);
            for (raw, trim) in protected.extended(i) {
                let added = match trim {
                    Trim::First => raw.chars().next(),
                    Trim::Last => raw.chars().next_back(),
                    Trim::None => None,
                };
                // An added character that folding drops leaves the anchor as it is.
                let (raw, pattern) = match added.map(|c| folder.fold(c)) {
                    Some(Fold::Noise) => (a.text.as_str(), folded(folder, &a.text)),
                    // Each character folded alone: the anchor's are, the added one's is here.
                    Some(Fold::Keep) if plain => (raw, Cow::Borrowed(raw)),
                    _ => (raw, folded(folder, raw)),
                };
                let trim = if raw == a.text { Trim::None } else { trim };
                let before = anchors.len();
                add(pattern, (Target::Anchors(i as u32), plain), &mut anchors);
                trims.extend((before..anchors.len()).map(|_| trim));
            }
        }
        let groups = merge_anchors(&mut anchors, &trims);
        found.append(&mut anchors);
        let mut index = PatternIndex::grouped(patterns.len(), &found);
        index.anchors = protected.groups(groups);
        (patterns, index)
    }

    /// The anchor group that [`Target::Anchors`] `g` numbers.
    pub(crate) fn anchor_group(&self, g: u32) -> &AnchorGroup {
        &self.anchors[g as usize]
    }

    /// The index of `found` (pattern, target) pairs of `count` patterns, each pattern's targets
    /// in the order found.
    fn grouped(count: usize, found: &[(u32, PlainTarget)]) -> PatternIndex {
        let mut starts = vec![0u32; count + 1];
        for &(p, _) in found {
            starts[p as usize + 1] += 1;
        }
        for p in 0..count {
            starts[p + 1] += starts[p];
        }
        let mut next: Vec<u32> = starts[..count].to_vec();
        let mut targets = vec![(Target::Entry(0), false); found.len()];
        for &(p, target) in found {
            targets[next[p as usize] as usize] = target;
            next[p as usize] += 1;
        }
        PatternIndex { starts, targets, anchors: Vec::new() }
    }

    /// The targets of pattern `pattern`.
    pub(crate) fn targets_of(&self, pattern: u32) -> &[PlainTarget] {
        let p = pattern as usize;
        &self.targets[self.starts[p] as usize..self.starts[p + 1] as usize]
    }
}

/// `raw` folded character by character, as [`Folder::fold_str`] folds it, for the few anchors'
/// patterns that fold: a second call of `fold_str` kept the compiler from inlining it where
/// every other pattern is folded (200,000 calls for a large user dictionary).
#[cold]
#[inline(never)]
fn folded<'a>(folder: &Folder, raw: &'a str) -> Cow<'a, str> {
    let walked = |c: char| match folder.fold(c) {
        Fold::Keep => Some(c),
        Fold::Map(m, _) => Some(m),
        Fold::Noise => None,
    };
    match raw.chars().all(|c| folder.fold(c) == Fold::Keep) {
        true => Cow::Borrowed(raw),
        false => Cow::Owned(raw.chars().filter_map(walked).collect()),
    }
}

/// Merges the anchors of `found`, listed one a target ([`Target::Anchors`] holding the
/// anchor's number, `trims` the character each one's pattern adds), into one target for each
/// pattern and trim, at its first anchor's place; returns each group's anchors, in their order,
/// whether all of them are plain (which its target then says too), and its trim. An anchor
/// listed twice for one pattern and trim is kept once.
fn merge_anchors(found: &mut Vec<(u32, PlainTarget)>, trims: &[Trim]) -> Vec<Group> {
    let mut group_of: FastMap<(u32, Trim), u32> = FastMap::default();
    group_of.reserve(found.len());
    let mut groups: Vec<Merging> = Vec::new();
    let mut trims = trims.iter();
    found.retain_mut(|(pattern, (target, plain))| {
        let trim = trims.next().copied().unwrap_or_default();
        let Target::Anchors(anchor) = *target else { return true };
        let next = groups.len() as u32;
        let g = *group_of.entry((*pattern, trim)).or_insert(next);
        if g < next {
            let group = &mut groups[g as usize];
            if group.last() != anchor {
                group.more.push(anchor);
            }
            group.plain &= *plain;
            return false;
        }
        groups.push(Merging { first: anchor, more: Vec::new(), plain: *plain, trim });
        *target = Target::Anchors(g);
        true
    });
    // Most patterns of one anchor stand for that anchor alone: one group for them all.
    let (groups, same) = distinct(&groups);
    for (_, (target, plain)) in found.iter_mut() {
        if let Target::Anchors(g) = *target {
            let g = same[g as usize];
            (*target, *plain) = (Target::Anchors(g), groups[g as usize].1);
        }
    }
    groups
}

/// A group of anchors: their numbers, whether all are plain, and the character their pattern
/// adds.
type Group = (Vec<u32>, bool, Trim);

/// A group of anchors as [`merge_anchors`] gathers them: its first anchor apart, so that the
/// groups of one anchor (most of some 1,800) allocate nothing until the distinct ones are kept.
struct Merging {
    first: u32,
    more: Vec<u32>,
    plain: bool,
    trim: Trim,
}

impl Merging {
    fn last(&self) -> u32 {
        self.more.last().copied().unwrap_or(self.first)
    }
}

/// The distinct groups of `groups`, in the order first found, and for each group the number
/// of the distinct one it is.
fn distinct(groups: &[Merging]) -> (Vec<Group>, Vec<u32>) {
    let mut first: FastMap<(u32, &[u32], Trim), u32> = FastMap::default();
    first.reserve(groups.len());
    let mut kept = Vec::new();
    let same: Vec<u32> = groups
        .iter()
        .map(|m| {
            let next = kept.len() as u32;
            let d = *first.entry((m.first, &m.more[..], m.trim)).or_insert(next);
            if d == next {
                let anchors = std::iter::once(m.first).chain(m.more.iter().copied()).collect();
                kept.push((anchors, m.plain, m.trim));
            }
            d
        })
        .collect();
    (kept, same)
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod anchor_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Dictionary;

    /// [`merge_anchors`] by linear searches: groups keyed by pattern and trim, then the
    /// distinct ones kept.
    fn merged_by_search(
        found: &[(u32, PlainTarget)],
        trims: &[Trim],
    ) -> (Vec<(u32, PlainTarget)>, Vec<Group>) {
        let (mut keys, mut groups, mut out) = (Vec::new(), Vec::<Group>::new(), Vec::new());
        for (k, &(pattern, (target, plain))) in found.iter().enumerate() {
            let trim = trims.get(k).copied().unwrap_or_default();
            let Target::Anchors(anchor) = target else {
                out.push((pattern, (target, plain)));
                continue;
            };
            match keys.iter().position(|&key| key == (pattern, trim)) {
                Some(g) => {
                    if groups[g].0.last() != Some(&anchor) {
                        groups[g].0.push(anchor);
                    }
                    groups[g].1 &= plain;
                }
                None => {
                    out.push((pattern, (Target::Anchors(groups.len() as u32), plain)));
                    keys.push((pattern, trim));
                    groups.push((vec![anchor], plain, trim));
                }
            }
        }
        let (mut kept, mut same) = (Vec::<Group>::new(), Vec::new());
        for g in &groups {
            match kept.iter().position(|k| (&k.0, k.2) == (&g.0, g.2)) {
                Some(d) => same.push(d),
                None => {
                    same.push(kept.len());
                    kept.push(g.clone());
                }
            }
        }
        for (_, (target, plain)) in &mut out {
            if let Target::Anchors(g) = *target {
                let d = same[g as usize];
                (*target, *plain) = (Target::Anchors(d as u32), kept[d].1);
            }
        }
        (out, kept)
    }

    /// Random anchors and entries over a few patterns, trims and anchors, merged as the
    /// linear searches merge them.
    #[test]
    fn anchors_merge_as_by_linear_search() {
        let mut rng = crate::test_rng::Rng::new(25);
        let all_trims = [Trim::None, Trim::First, Trim::Last];
        for round in 0..2000 {
            let n = rng.below(30);
            let mut found: Vec<(u32, PlainTarget)> = (0..n)
                .map(|_| {
                    let target = match rng.below(5) {
                        0 => Target::Entry(rng.below(3) as u32),
                        _ => Target::Anchors(rng.below(4) as u32),
                    };
                    (rng.below(4) as u32, (target, rng.below(4) != 0))
                })
                .collect();
            let trims: Vec<Trim> = (0..n).map(|_| *rng.pick(&all_trims)).collect();
            let want = merged_by_search(&found, &trims);
            let groups = merge_anchors(&mut found, &trims);
            assert_eq!((found, groups), want, "round {round}");
        }
    }

    #[test]
    fn one_string_shared_by_entries_is_one_pattern() {
        let dict =
            Dictionary::parse("t", "!family typo\n布署\t部署\n!family allow\n布署\n").unwrap();
        let (roster, protected) = (Roster::default(), Protected::default());
        let (patterns, index) =
            PatternIndex::build(&dict.entries, &roster, &protected, &Folder::default());
        assert_eq!(patterns, ["布署"]);
        assert_eq!(index.targets_of(0), [(Target::Entry(0), true), (Target::Entry(1), true)]);
    }

    #[test]
    fn targets_stay_with_their_pattern_in_the_order_found() {
        let text = "!family typo\n布署\t部署\n做为\t作为\n!family allow\n做为人\n布署\n做为\n";
        let dict = Dictionary::parse("t", text).unwrap();
        let (roster, protected) = (Roster::default(), Protected::default());
        let (patterns, index) =
            PatternIndex::build(&dict.entries, &roster, &protected, &Folder::default());
        assert_eq!(patterns, ["布署", "做为", "做为人"]);
        let entries = |p: u32| -> Vec<Target> { index.targets_of(p).iter().map(|t| t.0).collect() };
        assert_eq!(entries(0), [Target::Entry(0), Target::Entry(3)]);
        assert_eq!(entries(1), [Target::Entry(1), Target::Entry(4)]);
        assert_eq!(entries(2), [Target::Entry(2)]);
    }

    /// Anchors that share a pattern are one target, at the place of the first, holding them
    /// all in their order; a pattern of a single anchor holds it alone. The anchors are
    /// written with the characters next to them, the fragment itself only as an entry.
    #[test]
    fn anchors_sharing_a_pattern_are_one_target() {
        let text = "!family protected\n人民法院\n人民政府\n!family typo\n人民\t人名\n";
        let dict = Dictionary::parse("t", text).unwrap();
        let protected = Protected::new(&dict.entries, &dict.confusables);
        let roster = Roster::default();
        let (patterns, index) =
            PatternIndex::build(&dict.entries, &roster, &protected, &Folder::default());
        let of = |p: &str| index.targets_of(patterns.iter().position(|q| q == p).unwrap() as u32);
        assert_eq!(of("人民"), [(Target::Entry(2), true)]);
        let anchors = |p: &str| -> (Vec<&str>, Trim) {
            let [(Target::Anchors(g), true)] = of(p) else { panic!("{p}: {:?}", of(p)) };
            let group = index.anchor_group(*g);
            let texts =
                group.anchors().iter().map(|&a| protected.anchors[a as usize].text.as_str());
            (texts.collect(), group.trim)
        };
        assert_eq!(anchors("“人民"), (vec!["人民", "人民"], Trim::First));
        assert_eq!(anchors("人民法"), (vec!["人民"], Trim::Last));
        assert_eq!(anchors("人民府"), (vec!["人民"], Trim::Last));
        assert_eq!(anchors("民法院"), (vec!["法院"], Trim::First));
        assert!(!patterns.iter().any(|p| p == "法院" || p == "政府"), "{patterns:?}");
    }
}
