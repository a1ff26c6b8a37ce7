//! The entries a build uses: shipped and user entries merged, institution rules spelled out,
//! allow phrases added, and those of a rule or category turned off dropped.

use super::LinterBuilder;
use crate::dict::cycles::refuse_cycles;
use crate::dict::{Dictionary, Entry, EntryKind, InstitutionRule};
use crate::error::Error;
use crate::finding::Severity;
use crate::hash::FastMap;
use crate::registry::{
    LEADER_INSTITUTION, LEADER_TITLE_FORM, SENSITIVE_DICTIONARY, TYPO_DICTIONARY,
};
use crate::rules::leader::INSTITUTION;
use std::sync::Arc;

impl LinterBuilder {
    /// The entries in use: merged, the disabled ones dropped, checked for cycles. `user`: the
    /// user's entries when moved out of the builder, else they are copied.
    pub(super) fn entries(&self, user: Option<Vec<Entry>>) -> Result<Vec<Entry>, Error> {
        // The shipped entries and their institution rules close no cycle (a test), allow
        // phrases correct nothing, and dropping entries only breaks chains: only the user's
        // entries and institution rules can close one (following the shipped chains was a
        // twentieth of a start).
        let user_corrects = match &user {
            Some(moved) => !moved.is_empty(),
            None => !self.user.entries.is_empty(),
        } || !self.user.institutions.is_empty();
        let mut entries = self.merged_entries(user);
        // Nothing turned off, nothing dropped: asking every one of a large dictionary's entries
        // cost a twentieth of its start.
        if !(self.settings.disabled.is_empty() && self.settings.disabled_categories.is_empty()) {
            entries.retain(|e| !self.entry_disabled(e));
        }
        if user_corrects {
            refuse_cycles(&entries)?;
        }
        if !self.context_checks {
            entries.iter_mut().for_each(|e| e.word_check = false);
        }
        Ok(entries)
    }

    /// Whether an entry's rule or category is turned off.
    pub(super) fn entry_disabled(&self, e: &Entry) -> bool {
        let rule = match e.kind {
            EntryKind::Typo => &TYPO_DICTIONARY,
            EntryKind::Sensitive => &SENSITIVE_DICTIONARY,
            EntryKind::Leader if e.category.as_deref() == Some(INSTITUTION) => &LEADER_INSTITUTION,
            EntryKind::Leader => &LEADER_TITLE_FORM,
            EntryKind::Allow | EntryKind::Protected => return false,
        };
        self.settings.rule_off(rule)
            || e.category.as_ref().is_some_and(|c| self.settings.disabled_categories.contains(c))
    }

    /// Shipped entries, then user entries (`user`, when moved out of the builder), then allow
    /// phrases; a later entry of the same kind and pattern replaces an earlier one.
    ///
    /// The shipped entries are read from their packed form for each build and moved, not
    /// copied from [`Dictionary::builtin`]: the rest of a build reads the shipped dictionaries
    /// without their entries ([`Dictionary::builtin_besides_entries`]), so the entries are
    /// unpacked once a start; on two threads this one reads them while the other unpacks the
    /// rest for the roster.
    pub(super) fn merged_entries(&self, user: Option<Vec<Entry>>) -> Vec<Entry> {
        let shipped = match self.builtin {
            true => Dictionary::builtin_entries(),
            false => Vec::new(),
        };
        let user = user.unwrap_or_else(|| self.user.entries.clone());
        let distinct = !self.builtin || Dictionary::builtin_entries_distinct();
        let mut entries = merge(shipped, distinct, user);
        let builtin = self.builtin.then(Dictionary::builtin_besides_entries);
        let institutions = builtin.into_iter().flat_map(|d| &d.institutions);
        entries.extend(institutions.chain(&self.user.institutions).flat_map(institution_entries));
        let origin = crate::dict::Origin { file: Arc::from("<allow>"), line: 0 };
        entries.extend(self.allow.iter().map(|p| Entry::allow(p, origin.clone())));
        entries
    }
}

/// `first`, then `then`, an entry replacing an earlier one of the same kind and pattern.
/// `first_distinct`: no two of `first` share kind and pattern, so that they keep their places
/// and their list is the merged one's start (moving the shipped entries into a list of their
/// own copied their 0.9 MB, a fresh block, at every start); without `then` it is the whole.
fn merge(first: Vec<Entry>, first_distinct: bool, then: Vec<Entry>) -> Vec<Entry> {
    if first_distinct && then.is_empty() {
        return first;
    }
    let places = places(first.iter().chain(&then));
    let (mut entries, moved) = match first_distinct {
        true => (first, Vec::new()),
        false => (Vec::new(), first),
    };
    let kept = entries.len();
    entries.reserve(moved.len() + then.len());
    for (e, &place) in moved.into_iter().chain(then).zip(&places[kept..]) {
        match entries.get_mut(place) {
            Some(old) => *old = e,
            None => entries.push(e),
        }
    }
    entries
}

/// Where each of `all` goes in the merged list, in order: the place of the first entry of the
/// same kind and pattern, which it replaces, or the next free place.
fn places<'e>(all: impl Iterator<Item = &'e Entry> + Clone) -> Vec<usize> {
    let mut first: FastMap<(EntryKind, &str), usize> = FastMap::default();
    first.reserve(all.clone().count());
    all.map(|e| {
        let next = first.len();
        *first.entry((e.kind, e.pattern.as_str())).or_insert(next)
    })
    .collect()
}

/// The literal entries an institution rule stands for: institution + wrong title.
fn institution_entries(rule: &InstitutionRule) -> impl Iterator<Item = Entry> + '_ {
    rule.fixes.iter().map(move |(wrong, right)| Entry {
        kind: EntryKind::Leader,
        pattern: format!("{}{wrong}", rule.institution),
        suggestions: vec![right.clone()],
        category: Some(INSTITUTION.to_owned()),
        severity: Severity::Error,
        word_check: rule.word_check,
        evasion: false,
        fuzzy: false,
        note: rule.note.clone(),
        since: None,
        ok: Vec::new(),
        bad: Vec::new(),
        lead: rule.institution.len(),
        origin: rule.origin.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(b: &LinterBuilder) -> Vec<String> {
        let entries = b.entries(None).expect("no cycle");
        entries
            .into_iter()
            .filter(|e| e.origin.file.as_ref() == "县情.tsv")
            .map(|e| e.pattern)
            .collect()
    }

    /// What lets a build without user entries skip the search for cycles.
    #[test]
    fn the_shipped_entries_and_institutions_close_no_cycle() {
        let mut b = LinterBuilder::new();
        b.allow("布署");
        let entries = b.merged_entries(None);
        assert!(entries.iter().any(|e| e.category.as_deref() == Some(INSTITUTION)));
        assert!(refuse_cycles(&entries).is_ok());
    }

    /// A cycle is refused whichever side of it the user's entries are, moved or copied.
    #[test]
    fn user_entries_closing_a_cycle_are_refused() {
        let shipped = Dictionary::builtin_entries();
        let typo = shipped
            .iter()
            .find(|e| e.kind == EntryKind::Typo && e.suggestions.len() == 1)
            .expect("a shipped typo");
        let back = format!("!family typo\n{}\t{}\n", typo.suggestions[0], typo.pattern);
        let mut b = LinterBuilder::new();
        b.add_dictionary("回.tsv", &back).unwrap();
        assert!(b.entries(None).is_err());
        let moved = std::mem::take(&mut Arc::get_mut(&mut b.user).expect("one owner").entries);
        assert!(b.entries(Some(moved)).is_err());
        let mut b = LinterBuilder::new();
        b.add_dictionary("链.tsv", "!family typo\n甲乙\t丙丁\n丙丁\t甲乙\n").unwrap();
        assert!(b.entries(None).is_err());
    }

    #[test]
    fn distinct_entries_merge_as_they_are() {
        let shipped = Dictionary::builtin_entries();
        assert!(Dictionary::builtin_entries_distinct());
        let general = merge(shipped.clone(), false, Vec::new());
        assert_eq!(merge(shipped.clone(), true, Vec::new()), general);
        assert_eq!(general, shipped);
    }

    /// Random entries of a few kinds and patterns, merged, against a reference that replaces
    /// an earlier entry of the same kind and pattern by a search from the start.
    #[test]
    fn merging_keeps_the_first_place_and_the_last_entry() {
        let mut rng = crate::test_rng::Rng::new(25);
        let kinds = [EntryKind::Typo, EntryKind::Sensitive];
        let entry = |rng: &mut crate::test_rng::Rng, line: usize| {
            let mut e = Entry::allow(["甲", "乙", "丙"][rng.below(3)], origin(line));
            e.kind = kinds[rng.below(2)];
            e
        };
        for round in 0..300 {
            let first: Vec<Entry> = (0..rng.below(6)).map(|i| entry(&mut rng, i)).collect();
            let then: Vec<Entry> = (0..rng.below(6)).map(|i| entry(&mut rng, 100 + i)).collect();
            let mut want: Vec<Entry> = Vec::new();
            for e in first.iter().chain(&then).cloned() {
                match want.iter_mut().find(|w| (w.kind, &w.pattern) == (e.kind, &e.pattern)) {
                    Some(old) => *old = e,
                    None => want.push(e),
                }
            }
            let keys: std::collections::HashSet<_> =
                first.iter().map(|e| (e.kind, e.pattern.clone())).collect();
            let distinct = keys.len() == first.len();
            assert_eq!(merge(first.clone(), false, then.clone()), want, "round {round}");
            assert_eq!(merge(first, distinct, then), want, "round {round}");
        }
    }

    fn origin(line: usize) -> crate::dict::Origin {
        crate::dict::Origin { file: Arc::from("随机.tsv"), line }
    }

    #[test]
    fn entries_are_dropped_only_when_their_rule_or_category_is_off() {
        let text = "!family typo\n!category 地名\n青神县政付\t青神县政府\n!family sensitive\n!category 县情\n某某事\t-\n";
        let mut b = LinterBuilder::new();
        b.add_dictionary("县情.tsv", text).unwrap();
        assert_eq!(patterns(&b), ["青神县政付", "某某事"]);
        b.disable_category("地名");
        assert_eq!(patterns(&b), ["某某事"]);
        let mut b = LinterBuilder::new();
        b.add_dictionary("县情.tsv", text).unwrap();
        b.disable_rule("sensitive");
        assert_eq!(patterns(&b), ["青神县政付"]);
    }
}
