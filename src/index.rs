//! The pattern index: the distinct folded patterns the automaton holds, and for each the
//! targets it stands for (one string that several entries share is one pattern).

use crate::dict::Entry;
use crate::hash::FastMap;
use crate::normalize::Folder;
use crate::roster::Roster;
use crate::rules::protected::{AnchorGroup, Protected};
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
            + protected.anchors.len();
        let mut ids: FastMap<Cow<'a, str>, u32> = FastMap::default();
        ids.reserve(all);
        let mut patterns: Vec<Cow<'a, str>> = Vec::with_capacity(all);
        let mut found: Vec<(u32, PlainTarget)> = Vec::with_capacity(all);
        let mut add = |raw: &'a str, target: Target| {
            let pattern = folder.fold_str(raw);
            if pattern.is_empty() {
                return;
            }
            let plain = matches!(pattern, Cow::Borrowed(_));
            let next = patterns.len() as u32;
            let id = *ids.entry(pattern).or_insert_with_key(|p| {
                patterns.push(p.clone());
                next
            });
            found.push((id, (target, plain)));
        };
        for (i, e) in entries.iter().enumerate() {
            add(&e.pattern, Target::Entry(i as u32));
        }
        for (i, p) in roster.people.iter().enumerate() {
            add(&p.name, Target::Name(i as u32));
        }
        for (i, (variant, _)) in roster.variants.iter().enumerate() {
            add(variant, Target::Variant(i as u32));
        }
        for (i, a) in roster.aliases.iter().enumerate() {
            add(&a.text, Target::Title(i as u32));
        }
        for (i, a) in protected.anchors.iter().enumerate() {
            add(&a.text, Target::Anchors(i as u32));
        }
        // The anchors come last: only they are looked at.
        let is_anchor = |t: &(u32, PlainTarget)| matches!(t.1 .0, Target::Anchors(_));
        let first_anchor = found.iter().rposition(|t| !is_anchor(t)).map_or(0, |i| i + 1);
        let mut anchors = found.split_off(first_anchor);
        let groups = merge_anchors(&mut anchors);
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

/// Merges the anchors of `found`, listed one a target ([`Target::Anchors`] holding the
/// anchor's number), into one target a pattern, at its first anchor's place; returns each
/// group's anchors, in their order, and whether all of them are plain (which its target then
/// says too).
fn merge_anchors(found: &mut Vec<(u32, PlainTarget)>) -> Vec<(Vec<u32>, bool)> {
    let mut group_of: FastMap<u32, u32> = FastMap::default();
    let mut groups: Vec<(Vec<u32>, bool)> = Vec::new();
    found.retain_mut(|(pattern, (target, plain))| {
        let Target::Anchors(anchor) = *target else { return true };
        let next = groups.len() as u32;
        let g = *group_of.entry(*pattern).or_insert(next);
        if g < next {
            let group = &mut groups[g as usize];
            group.0.push(anchor);
            group.1 &= *plain;
            return false;
        }
        groups.push((vec![anchor], *plain));
        *target = Target::Anchors(g);
        true
    });
    for (_, (target, plain)) in found.iter_mut() {
        if let Target::Anchors(g) = *target {
            *plain = groups[g as usize].1;
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Dictionary;

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
    /// all in their order; a pattern of a single anchor holds it alone.
    #[test]
    fn anchors_sharing_a_pattern_are_one_target() {
        let text = "!family protected\n人民法院\n人民政府\n!family typo\n人民\t人名\n";
        let dict = Dictionary::parse("t", text).unwrap();
        let protected = Protected::new(&dict.entries, &dict.confusables);
        let roster = Roster::default();
        let (patterns, index) =
            PatternIndex::build(&dict.entries, &roster, &protected, &Folder::default());
        let people = patterns.iter().position(|p| p == "人民").unwrap() as u32;
        let [entry, (Target::Anchors(g), true)] = index.targets_of(people) else {
            panic!("{:?}", index.targets_of(people))
        };
        assert_eq!(entry.0, Target::Entry(2));
        let texts: Vec<&str> = index
            .anchor_group(*g)
            .anchors()
            .iter()
            .map(|&a| protected.anchors[a as usize].text.as_str())
            .collect();
        assert_eq!(texts, ["人民", "人民"]);
        let groups = (0..patterns.len() as u32)
            .flat_map(|p| index.targets_of(p))
            .filter(|t| matches!(t.0, Target::Anchors(_)))
            .count();
        assert_eq!(groups + 1, protected.anchors.len());
    }
}
