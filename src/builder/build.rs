//! The build itself: a [`Linter`] from the builder's dictionaries and settings (the roster,
//! protected terms, fold table, pattern index and automaton).

use super::roster_date::{roster_date, shipped_roster_date};
use super::threads::{Beside, Threads};
use super::{warm, LinterBuilder};
use crate::dict::{Dictionary, Entry};
use crate::error::Error;
use crate::finding::Family;
use crate::index::PatternIndex;
use crate::linter::{segmenter as segmenter_of, Inner, Linter};
use crate::matcher::Matcher;
use crate::normalize::{CharSet, Folder};
use crate::registry::{
    self, LEADER_NAME, LEADER_ORDER, LEADER_OUTDATED, LEADER_REMOVED, LEADER_TITLE,
    TYPO_DICTIONARY, TYPO_PROTECTED,
};
use crate::review::Detector;
use crate::roster::{serves_leaders, Roster};
use crate::rules::format::FormatRules;
#[cfg(feature = "model")]
use crate::rules::model::ModelDetector;
use crate::rules::model::ModelSettings;
use crate::rules::protected::Protected;
use std::collections::BTreeSet;
use std::sync::{Arc, LazyLock, OnceLock};
use std::thread::Scope;

impl LinterBuilder {
    /// Builds the linter.
    ///
    /// # Errors
    ///
    /// The settings name an unknown rule, family or category ([`Error::Unknown`]); corrections
    /// form a cycle; the automaton cannot be built (more patterns than it can hold).
    pub fn build(&self) -> Result<Linter, Error> {
        self.check_settings()?;
        self.build_checked(None)
    }

    /// Builds the linter as [`build`](Self::build) does, moving the user's entries into it
    /// instead of copying them (unless a clone of this builder still shares them): the start
    /// of a front with a large user dictionary.
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build).
    pub fn into_linter(self) -> Result<Linter, Error> {
        self.into_linter_on(Threads::One)
    }

    pub(super) fn into_linter_on(mut self, threads: Threads<'_>) -> Result<Linter, Error> {
        // First: the user's categories are among the names the settings may use.
        self.check_settings()?;
        let user = Arc::get_mut(&mut self.user).map(|d| std::mem::take(&mut d.entries));
        self.build_on(user, threads)
    }

    /// The build after the settings are checked; `user`: the user's entries, when moved out.
    fn build_checked(&self, user: Option<Vec<Entry>>) -> Result<Linter, Error> {
        self.build_on(user, Threads::One)
    }

    fn build_on(&self, user: Option<Vec<Entry>>, threads: Threads<'_>) -> Result<Linter, Error> {
        if self.full_segmenter && !cfg!(feature = "full-segmenter") {
            let why = "the full segmenter needs the crate feature `full-segmenter`";
            return Err(Error::Config(why.to_owned()));
        }
        if self.model == Some(true) && !cfg!(feature = "model") {
            let why = "the statistical model needs the crate feature `model`";
            return Err(Error::Config(why.to_owned()));
        }
        match threads {
            Threads::One => self.build_in(user, None),
            // The scope outlasts the build's steps so that `beside` may run on after them.
            Threads::Two(beside) => std::thread::scope(|s| self.build_in(user, Some((s, beside)))),
        }
    }

    /// The build's steps, on this thread alone or with `other`: a scope to start the second
    /// thread in and what that thread runs after its part.
    fn build_in<'s, 'e>(
        &'e self,
        user: Option<Vec<Entry>>,
        other: Option<(&'s Scope<'s, 'e>, Option<Beside<'e>>)>,
    ) -> Result<Linter, Error> {
        // Neither side needs the other: the roster, the format rules and the folding table read
        // only the dictionaries. The folding table is built here, not after the entries, so
        // that on two threads it is off the path that only one thread runs.
        let two = other.is_some();
        let (entries, format, (roster, folder)) = match other {
            None => (self.entries(user), self.format_rules(), (self.roster(), self.folder())),
            Some((s, beside)) => self.first_step_on_two(s, user, beside),
        };
        let entries = entries?;
        let protected = self.protected(&entries);
        let (patterns, index) = PatternIndex::build(&entries, &roster, &protected, &folder);
        let patterns: Vec<&str> = patterns.iter().map(|p| p.as_ref()).collect();
        let automaton = || match &self.store {
            Some(store) => Matcher::stored_unfolded(&patterns, self.engine, store.as_ref()),
            None => Matcher::unfolded(&patterns, self.engine),
        };
        // The folding table is restricted to the patterns, the segmenter's words and the
        // roster's date gathered; none of it needs the automaton.
        let rest = |mut folder: Folder| {
            folder.restrict_to(&pattern_chars(&patterns));
            folder.restrict_noise(patterns.iter().copied());
            let dicts = self.dictionaries();
            let words: Vec<_> = dicts.clone().flat_map(|d| &d.words).cloned().collect();
            (Arc::new(folder), words, roster_date(dicts).unwrap_or_else(shipped_roster_date))
        };
        let (automaton, (folder, words, roster_date), segmenter) = match two {
            false => (automaton(), rest(folder), OnceLock::new()),
            // The automaton is read (or built) on another thread meanwhile, which takes longer:
            // this one then makes what the first checks would, if asked to.
            true => std::thread::scope(|s| {
                let other = s.spawn(automaton);
                let rest = rest(folder);
                let segmenter = OnceLock::new();
                if self.shared_tables {
                    let _ = segmenter.set(segmenter_of(&entries, &rest.1, self.full_segmenter));
                    roster.prepare();
                }
                let automaton = other.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                (automaton, rest, segmenter)
            }),
        };
        let matcher = automaton.map_err(Error::Config)?.walking(&folder);
        let inner = Inner {
            entries,
            roster,
            protected,
            folder,
            format,
            index,
            words,
            full_segmenter: self.full_segmenter,
            matcher,
            segmenter,
            detectors: self.detectors_in_use(),
            roster_date,
        };
        Ok(Linter { inner: Arc::new(inner), settings: Arc::new(self.settings.clone()) })
    }

    /// Which shared tables a two-thread build makes ahead, if any: when asked, every table a
    /// review in use reads (the model's if its own rule or the typo rule's judge reads it),
    /// else the model's when its rule is on (every check reads it).
    pub(super) fn shared_tables(&self) -> Option<warm::Tables> {
        let model_rule = self.model_in_use();
        match (self.shared_tables, model_rule) {
            (true, _) => Some(warm::Tables {
                model: model_rule || !self.settings.rule_off(&TYPO_DICTIONARY),
                idioms: model_rule,
                text: true,
                divisions: model_rule,
            }),
            (false, true) => {
                Some(warm::Tables { model: true, idioms: true, text: false, divisions: false })
            }
            (false, false) => None,
        }
    }

    /// The roster of leaders, unless every rule that reads it is off.
    pub(super) fn roster(&self) -> Roster {
        let roster_rules =
            [LEADER_REMOVED, LEADER_OUTDATED, LEADER_TITLE, LEADER_ORDER, LEADER_NAME];
        match roster_rules.iter().all(|r| self.settings.rule_off(r)) {
            true => Roster::default(),
            false => {
                let builtin = self.builtin.then(Dictionary::builtin_besides_entries);
                Roster::new(builtin, &self.user, self.shipped_roster)
            }
        }
    }

    /// The format rules, unless the family is off.
    pub(super) fn format_rules(&self) -> Option<FormatRules> {
        let dicts = self.dictionaries();
        (!self.settings.family_off(Family::Format)).then(|| FormatRules::new(dicts))
    }

    /// The added detectors, and the model's unless it is off.
    pub(super) fn detectors_in_use(&self) -> Vec<Arc<dyn Detector>> {
        let mut all = self.detectors.clone();
        if self.model_in_use() {
            all.extend(model_detector(self.model_settings));
        }
        all
    }

    /// The shipped dictionary (unless turned off) but its entries, then the user's.
    pub(super) fn dictionaries(&self) -> impl Iterator<Item = &Dictionary> + Clone {
        let builtin = self.builtin.then(Dictionary::builtin_besides_entries);
        builtin.into_iter().chain(std::iter::once(&*self.user))
    }

    /// The folding table: the shipped one is part of matching, not a word list, so it stays on
    /// without the shipped dictionaries.
    pub(super) fn folder(&self) -> Folder {
        match self.evasion {
            true => Folder::new(
                Dictionary::builtin_besides_entries().folds.iter().chain(&self.user.folds).copied(),
            ),
            false => Folder::default(),
        }
    }

    /// The protected terms with the confusables that are not for names, unless turned off.
    pub(super) fn protected(&self, entries: &[Entry]) -> Protected {
        if self.settings.rule_off(&TYPO_PROTECTED) {
            return Protected::default();
        }
        let confusables = self.dictionaries().flat_map(|d| &d.confusables);
        let terms = confusables.filter(|c| !serves_leaders(c));
        Protected::new(entries, terms)
    }

    /// Every category a finding can carry: the registry's, and those of the shipped
    /// dictionaries (used or not) and the user's.
    pub(super) fn categories(&self) -> BTreeSet<String> {
        // The shipped part is the same for every build: gathered once (at compile time for
        // the dictionaries).
        static SHIPPED: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
            let shipped = Dictionary::builtin_categories().iter();
            let mut all: BTreeSet<String> = shipped.map(|c| (*c).to_owned()).collect();
            let registry = registry::rules().iter().flat_map(|r| r.categories);
            all.extend(registry.map(|c| (*c).to_owned()));
            all
        });
        let mut all = SHIPPED.clone();
        // A large user file holds one or a few categories, in runs: each run is looked up once.
        let mut last = None;
        for c in self.user.entries.iter().filter_map(|e| e.category.as_deref()) {
            if last != Some(c) && !all.contains(c) {
                all.insert(c.to_owned());
            }
            last = Some(c);
        }
        all
    }
}

/// The characters of `patterns`.
fn pattern_chars(patterns: &[&str]) -> CharSet {
    patterns.iter().flat_map(|p| p.chars()).collect()
}

/// The model's detector. Without the feature nothing refers to the model, so its tables (5 MB)
/// are left out of the binary (`build` refuses to turn it on there).
#[cfg(feature = "model")]
fn model_detector(settings: ModelSettings) -> Option<Arc<dyn Detector>> {
    Some(Arc::new(ModelDetector(settings)))
}

#[cfg(not(feature = "model"))]
fn model_detector(_: ModelSettings) -> Option<Arc<dyn Detector>> {
    None
}

#[cfg(all(test, not(feature = "model")))]
mod tests {
    use super::*;

    #[test]
    fn the_model_needs_its_feature() {
        let err = LinterBuilder::new().model(true).build().err().expect("refused");
        assert!(err.to_string().contains("feature `model`"), "{err}");
        assert!(LinterBuilder::new().model(false).build().is_ok());
    }

    #[test]
    fn without_the_feature_the_default_builds_without_the_model() {
        let b = LinterBuilder::new();
        assert!(!b.model_in_use());
        assert!(b.build().is_ok());
    }
}
