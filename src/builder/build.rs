//! The build itself: a [`Linter`] from the builder's dictionaries and settings (the roster,
//! protected terms, fold table, pattern index and automaton).

use super::roster_date::{roster_date, shipped_roster_date};
use super::{warm, LinterBuilder};
use crate::dict::{Dictionary, Entry};
use crate::error::Error;
use crate::finding::Family;
use crate::hash::FastSet;
use crate::index::PatternIndex;
use crate::linter::{segmenter as segmenter_of, Inner, Linter};
use crate::matcher::Matcher;
use crate::normalize::Folder;
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

    /// Builds the linter as [`into_linter`](Self::into_linter) does, on two threads: the
    /// roster and the folding table on a second one while this one merges the entries (a
    /// front that starts often, on a machine with a core to spare). The linter is the same.
    /// Without threads (WebAssembly) it builds on this one.
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build).
    pub fn into_linter_on_two_threads(self) -> Result<Linter, Error> {
        match cfg!(target_family = "wasm") {
            true => self.into_linter_on(Threads::One),
            false => self.into_linter_on(Threads::Two(None)),
        }
    }

    /// Builds the linter as [`into_linter_on_two_threads`](Self::into_linter_on_two_threads)
    /// does, and runs `beside` on the other thread once that thread's part of the build is
    /// done: work of the front's own start (the command line walks the folders it is given)
    /// that on a thread of its own would take a core from the build's first step. `beside`
    /// runs whether or not the build succeeds; without threads (WebAssembly), after the build.
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build); `beside`'s answer is given either way.
    pub fn into_linter_beside<R: Send>(
        self,
        beside: impl FnOnce() -> R + Send,
    ) -> (Result<Linter, Error>, R) {
        let (mut beside, mut answer) = (Some(beside), None);
        let run = Box::new(|| answer = beside.take().map(|run| run()));
        let built = match cfg!(target_family = "wasm") {
            true => self.into_linter_on(Threads::One),
            false => self.into_linter_on(Threads::Two(Some(run))),
        };
        // Run here when the build stopped before its second thread started (or had none).
        let answer = answer.or_else(|| beside.take().map(|run| run()));
        (built, answer.expect("run on one thread or the other"))
    }

    fn into_linter_on(mut self, threads: Threads<'_>) -> Result<Linter, Error> {
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

    /// The first step on two threads: the other thread unpacks the shipped dictionaries but
    /// their entries (the roster's first need) and builds the roster and the folding table
    /// while this one reads the shipped entries for itself and then makes the format rules
    /// (the two halves take about as long; with the format rules on the other side, this one
    /// waited for it). Done, the other starts the shared tables' thread, hands its part over
    /// and runs `beside`; this one runs the next steps alone, and a core would be idle.
    fn first_step_on_two<'s, 'e>(
        &'e self,
        s: &'s Scope<'s, 'e>,
        user: Option<Vec<Entry>>,
        beside: Option<Beside<'e>>,
    ) -> FirstStep {
        let (handed, taken) = std::sync::mpsc::sync_channel(1);
        let other = s.spawn(move || {
            let side = (self.roster(), self.folder());
            // Left to finish by itself: nothing waits for it.
            drop(self.shared_tables().map(warm::spawn_shared_tables));
            // Refused only when this thread panicked: nothing then waits for it either.
            let _ = handed.send(side);
            if let Some(run) = beside {
                run();
            }
        });
        let entries = self.entries(user);
        let format = self.format_rules();
        let side = taken.recv().unwrap_or_else(|_| match other.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the other thread hands its part over before it ends"),
        });
        (entries, format, side)
    }

    /// Which shared tables a two-thread build makes ahead, if any: when asked, every table a
    /// review in use reads (the model's if its own rule or the typo rule's judge reads it),
    /// else the model's when its rule is on (every check reads it).
    fn shared_tables(&self) -> Option<warm::Tables> {
        let model_rule = self.model_in_use();
        match (self.shared_tables, model_rule) {
            (true, _) => Some(warm::Tables {
                model: model_rule || !self.settings.rule_off(&TYPO_DICTIONARY),
                text: true,
                divisions: model_rule,
            }),
            (false, true) => Some(warm::Tables { model: true, text: false, divisions: false }),
            (false, false) => None,
        }
    }

    /// The roster of leaders, unless every rule that reads it is off.
    fn roster(&self) -> Roster {
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
    fn format_rules(&self) -> Option<FormatRules> {
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

/// The characters of `patterns`, the set sized for them at once (grown as it was filled, it
/// was rehashed a dozen times at every start).
fn pattern_chars(patterns: &[&str]) -> FastSet<char> {
    // Nearly every pattern is Chinese: three bytes a character.
    let bytes: usize = patterns.iter().map(|p| p.len()).sum();
    let mut chars = FastSet::with_capacity_and_hasher(bytes / 3, Default::default());
    chars.extend(patterns.iter().flat_map(|p| p.chars()));
    chars
}

/// How many threads a build may use; with two, what the second runs after its part.
enum Threads<'a> {
    One,
    Two(Option<Beside<'a>>),
}

/// A front's work run on a two-thread build's second thread after its part of the build.
type Beside<'a> = Box<dyn FnOnce() + Send + 'a>;

/// The first step's parts: the entries, the format rules, the roster and the folding table.
type FirstStep = (Result<Vec<Entry>, Error>, Option<FormatRules>, (Roster, Folder));

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

#[cfg(test)]
mod two_threads {
    use super::*;

    /// Texts that reach every family: a typo, a sensitive phrase, leaders' titles and names,
    /// and the format rules.
    const TEXTS: &[&str] = &[
        "请各单位认真布署防汛工作，做为重点。",
        "国务院总理李强主持召开国务院常务会议。",
        "一、总体要求\n（一）坚持问题导向\n三、保障措施",
        "持续优化营商环竟，再接再励。",
    ];

    #[track_caller]
    fn assert_same_build(builder: &LinterBuilder) {
        let one = builder.clone().into_linter().expect("one thread");
        let two = builder.clone().into_linter_on_two_threads().expect("two threads");
        for text in TEXTS {
            assert_eq!(one.check(text), two.check(text), "{text}");
        }
        assert_eq!(one.roster_date(), two.roster_date());
    }

    #[test]
    fn two_threads_build_the_same_linter() {
        assert_same_build(&LinterBuilder::new());
        let mut user = LinterBuilder::new();
        user.add_dictionary("县情.tsv", "!family typo\n青神县政付\t青神县政府\n").unwrap();
        user.disable_rule("format");
        assert_same_build(&user);
        let mut no_leaders = LinterBuilder::new();
        no_leaders.disable_rule("leader");
        assert_same_build(&no_leaders);
        let mut prepared = LinterBuilder::new();
        prepared.prepare_shared_tables(true).model(false);
        assert_same_build(&prepared);
    }

    /// A prepared two-thread build makes the segmenter and the roster's indexes ahead, and
    /// they are those made on first need: the same words known (every entry's, a user word's,
    /// and random pairs of characters of the entries), the same findings.
    #[test]
    fn a_prepared_build_makes_ahead_what_checks_make_on_first_need() {
        let mut b = LinterBuilder::new();
        b.prepare_shared_tables(true).model(false);
        b.add_dictionary("县情.tsv", "!family typo\n青神县政付\t青神县政府\tcheck=word\n").unwrap();
        let ahead = b.clone().into_linter_on_two_threads().expect("two threads");
        let lazy = b.into_linter().expect("one thread");
        assert!(ahead.inner.segmenter.get().is_some() && lazy.inner.segmenter.get().is_none());
        let (ahead_seg, lazy_seg) = (ahead.inner.segmenter(), lazy.inner.segmenter());
        let patterns: Vec<&str> = lazy.inner.entries.iter().map(|e| e.pattern.as_str()).collect();
        let chars: Vec<char> = patterns.iter().flat_map(|p| p.chars()).collect();
        let mut rng = crate::test_rng::Rng::new(4);
        let pairs: Vec<String> = (0..2_000)
            .map(|_| {
                [chars[rng.below(chars.len())], chars[rng.below(chars.len())]].iter().collect()
            })
            .collect();
        let words = patterns.iter().copied().chain(pairs.iter().map(String::as_str));
        for w in words.chain(["县政府", "青神县政府"]) {
            assert_eq!(ahead_seg.knows(w), lazy_seg.knows(w), "{w}");
        }
        let (ahead_roster, lazy_roster) = (&ahead.inner.roster, &lazy.inner.roster);
        for alias in 0..lazy_roster.aliases.len() as u32 {
            assert_eq!(ahead_roster.near(alias), lazy_roster.near(alias));
        }
        for title in 0..lazy_roster.titles.len() as u32 + 1 {
            assert_eq!(ahead_roster.aliases_naming(&[title]), lazy_roster.aliases_naming(&[title]));
        }
        for text in TEXTS.iter().chain(&["青神县政付召开会议"]) {
            assert_eq!(ahead.check(text), lazy.check(text), "{text}");
        }
    }

    /// Work given to the build runs once, on the build's second thread when it starts one, and
    /// gives its answer whether the build succeeds or stops (a cycle, an unknown setting).
    #[test]
    fn work_beside_the_build_runs_once_whatever_the_build_gives() {
        let this = std::thread::current().id();
        let beside = || std::thread::current().id();
        let mut b = LinterBuilder::new();
        b.prepare_shared_tables(true);
        let (built, ran_on) = b.clone().into_linter_beside(beside);
        assert_ne!(ran_on, this, "on the build's second thread");
        let one = b.into_linter().expect("one thread");
        for text in TEXTS {
            assert_eq!(built.as_ref().expect("built").check(text), one.check(text), "{text}");
        }
        let mut cycle = LinterBuilder::new();
        cycle.add_dictionary("环.tsv", "!family typo\n甲乙\t丙丁\n丙丁\t甲乙\n").unwrap();
        let (built, ran_on) = cycle.into_linter_beside(beside);
        assert!(built.is_err());
        assert_ne!(ran_on, this, "the cycle is found after the first step");
        let mut unknown = LinterBuilder::new();
        unknown.disable_rule("no-such-rule");
        let runs = std::sync::atomic::AtomicUsize::new(0);
        let (built, ran_on) = unknown.into_linter_beside(|| {
            runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            beside()
        });
        assert!(built.is_err());
        assert_eq!((ran_on, runs.into_inner()), (this, 1), "refused before any thread started");
    }

    /// A store in memory.
    #[derive(Debug, Default)]
    struct Kept(std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>);

    impl crate::store::AutomatonStore for Kept {
        fn load(&self, key: &str) -> Option<Vec<u8>> {
            self.0.lock().unwrap().get(key).cloned()
        }
        fn store(&self, key: &str, bytes: &[u8]) {
            self.0.lock().unwrap().insert(key.to_owned(), bytes.to_vec());
        }
    }

    #[test]
    fn two_threads_read_the_stored_automaton_as_one_builds_it() {
        let store = Arc::new(Kept::default());
        let mut b = LinterBuilder::new();
        b.automaton_store(store.clone());
        let dict = "!family sensitive\n台湾政府\t台湾当局\tevasion=yes\n";
        b.add_dictionary("t", dict).unwrap();
        // Traditional forms and noise: the automaton walks with the folding table that this
        // thread restricts while the other reads the automaton.
        let folded = "臺灣政府，台 湾 政 府，台湾政府";
        let texts = [TEXTS, &[folded]].concat();
        let built = b.clone().into_linter().expect("one thread");
        assert_eq!(built.check(folded).len(), 3, "folded and as written");
        assert_eq!(store.0.lock().unwrap().len(), 1, "stored");
        let read = b.clone().into_linter_on_two_threads().expect("read back");
        // Cut short, the stored automaton is refused and built again on the other thread.
        store.0.lock().unwrap().values_mut().for_each(|bytes| bytes.truncate(bytes.len() / 2));
        let rebuilt = b.into_linter_on_two_threads().expect("rebuilt");
        for text in &texts {
            let want = built.check(text);
            assert_eq!(read.check(text), want, "{text}");
            assert_eq!(rebuilt.check(text), want, "{text}");
        }
    }

    #[test]
    fn two_threads_refuse_what_one_refuses() {
        let mut cycle = LinterBuilder::new();
        cycle.add_dictionary("环.tsv", "!family typo\n甲乙\t丙丁\n丙丁\t甲乙\n").unwrap();
        let one = cycle.clone().into_linter().expect_err("a cycle").to_string();
        let two = cycle.into_linter_on_two_threads().expect_err("a cycle").to_string();
        assert_eq!(one, two);
    }
}
