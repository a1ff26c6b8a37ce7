//! [`LinterBuilder`]: which dictionaries, families, rules and severities a [`Linter`] is built
//! from. The build itself is in `build.rs`, the entries it uses in `entries.rs`.
//!
//! [`Linter`]: crate::Linter

mod build;
mod entries;
mod roster_date;
mod threads;
mod warm;

#[cfg(test)]
pub(crate) use roster_date::shipped_roster_date;

use crate::date::Date;
use crate::dict::{stored, Dictionary};
use crate::error::Error;
use crate::finding::{Family, Severity};
use crate::matcher::MatcherEngine;
use crate::review::Detector;
use crate::rules::model::ModelSettings;
use crate::settings::Settings;
use crate::store::AutomatonStore;
use std::path::Path;
use std::sync::Arc;

/// Builds a [`Linter`](crate::Linter): which dictionaries, families, rules and severities.
///
/// ```
/// use sanshen::{Family, LinterBuilder, Severity};
/// let mut builder = LinterBuilder::new();
/// builder
///     .add_dictionary("县情.tsv", "!family typo\n青神县政付\t青神县政府\n")?
///     .allow("青神县政付办")
///     .override_severity("typo", Severity::Warning);
/// let linter = builder.build()?;
/// let findings = linter.check("青神县政付发布通知");
/// assert_eq!(findings[0].family, Family::Typo);
/// assert_eq!(findings[0].severity, Severity::Warning);
/// # Ok::<(), sanshen::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct LinterBuilder {
    builtin: bool,
    /// The user's dictionaries, shared: a clone of the builder (the command line keeps one for
    /// replies) does not copy a large dictionary's entries.
    user: Arc<Dictionary>,
    allow: Vec<String>,
    settings: Settings,
    engine: MatcherEngine,
    evasion: bool,
    context_checks: bool,
    full_segmenter: bool,
    shipped_roster: bool,
    detectors: Vec<Arc<dyn Detector>>,
    /// Whether the statistical model was asked for (`Some(true)`) or turned off
    /// (`Some(false)`); `None`: the default, on where the build carries the model.
    model: Option<bool>,
    /// The statistical model's operating point.
    model_settings: ModelSettings,
    /// Where the built automaton is read from and kept, if anywhere.
    store: Option<Arc<dyn AutomatonStore>>,
    /// Whether a two-thread build makes every shared table ahead, not only the model's.
    shared_tables: bool,
}

impl Default for LinterBuilder {
    fn default() -> Self {
        LinterBuilder::new()
    }
}

impl LinterBuilder {
    /// A builder with the shipped dictionaries and every family on.
    pub fn new() -> LinterBuilder {
        LinterBuilder {
            builtin: true,
            user: Arc::default(),
            allow: Vec::new(),
            settings: Settings::default(),
            engine: MatcherEngine::default(),
            evasion: true,
            context_checks: true,
            full_segmenter: false,
            shipped_roster: true,
            detectors: Vec::new(),
            model: None,
            model_settings: ModelSettings::DEFAULT,
            store: None,
            shared_tables: false,
        }
    }

    /// Whether the statistical model proposes typos anywhere in the text (rule `typo/model`,
    /// selector `model`). Default: on wherever the build carries the model (the crate feature
    /// `model`, a default feature and part of `cli`), off in a build without it (the
    /// WebAssembly package). `model(false)` turns it off, as does
    /// [`disable_rule("model")`](Self::disable_rule) or `disable_rule("typo/model")` (a rule
    /// turned off stays off, whatever `model` says). Asking for it with `model(true)` in a
    /// build without the feature makes [`build`](Self::build) fail.
    ///
    /// ```
    /// use sanshen::LinterBuilder;
    /// let text = "持续优化营商环竟";
    /// // With the default features: the slip no dictionary holds is the model's finding.
    /// let on = LinterBuilder::new().build()?;
    /// assert_eq!(on.check(text)[0].suggestions, ["境"]);
    /// let off = LinterBuilder::new().model(false).build()?;
    /// assert!(off.check(text).is_empty());
    /// # Ok::<(), sanshen::Error>(())
    /// ```
    pub fn model(&mut self, yes: bool) -> &mut Self {
        self.model = Some(yes);
        self
    }

    /// The confidence (0 to 1) from which a model finding is a warning with its correction as
    /// the suggestion (default 0.99); less confident findings are information, down to a floor
    /// of 0.97 (or `threshold`, if lower). Higher is stricter: fewer, surer warnings. It asks
    /// for the model unless [`model(false)`](Self::model) turned it off.
    pub fn model_threshold(&mut self, threshold: f32) -> &mut Self {
        self.model_settings.warning_at = threshold;
        self.model.get_or_insert(true);
        self
    }

    /// Whether the linter built now runs the statistical model: asked for or left at the
    /// default in a build that carries it, and its rule not turned off.
    pub fn model_in_use(&self) -> bool {
        self.model.unwrap_or(cfg!(feature = "model"))
            && cfg!(feature = "model")
            && !self.settings.rule_off(&crate::registry::TYPO_MODEL)
    }

    /// Whether the shipped roster rows are used (default: yes). Turn it off when a roster file
    /// added with [`LinterBuilder::add_dictionary`] replaces the shipped one as a whole; with
    /// it on, a person with rows in an added file keeps only those. Shipped titles stay.
    pub fn shipped_roster(&mut self, yes: bool) -> &mut Self {
        self.shipped_roster = yes;
        self
    }

    /// Whether to use the shipped dictionaries (default: yes).
    pub fn builtin(&mut self, yes: bool) -> &mut Self {
        self.builtin = yes;
        self
    }

    /// Adds a dictionary from text; `name` identifies it in errors. Entries of the same family
    /// and pattern as an earlier one replace it. With an [`automaton_store`](Self::automaton_store)
    /// set first, a large dictionary (256 KiB or more) is parsed once and then read back from
    /// the store.
    ///
    /// # Errors
    ///
    /// The first malformed line, with `name` and its line number.
    pub fn add_dictionary(&mut self, name: &str, text: &str) -> Result<&mut Self, Error> {
        let dict = stored::parse(name, text, self.store.as_deref())?;
        let user = Arc::make_mut(&mut self.user);
        match user.entries.is_empty() && *user == Dictionary::default() {
            // The first dictionary is taken as it is, not copied entry by entry.
            true => *user = dict,
            false => user.extend(dict),
        }
        Ok(self)
    }

    /// Adds a dictionary file.
    ///
    /// # Errors
    ///
    /// The file cannot be read, is not UTF-8, or has a malformed line.
    pub fn add_dictionary_file(&mut self, path: impl AsRef<Path>) -> Result<&mut Self, Error> {
        let path = path.as_ref();
        let bytes =
            std::fs::read(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
        // Validated with vector instructions: a large user dictionary is megabytes of text.
        let text = simdutf8::compat::from_utf8(&bytes)
            .map_err(|e| Error::Utf8 { path: path.to_owned(), offset: e.valid_up_to() })?;
        self.add_dictionary(&path.display().to_string(), text)
    }

    /// Adds a phrase that must never be flagged: findings inside it are dropped.
    pub fn allow(&mut self, phrase: &str) -> &mut Self {
        if !phrase.is_empty() {
            self.allow.push(phrase.to_owned());
        }
        self
    }

    /// Turns a family on or off: every rule that answers to the family's name (protected terms
    /// and the statistical model have selectors of their own and stay as they are).
    pub fn family(&mut self, family: Family, enabled: bool) -> &mut Self {
        if enabled {
            self.settings.disabled.remove(family.as_str());
        } else {
            self.settings.disabled.insert(family.as_str().to_owned());
        }
        self
    }

    /// Turns off the rules a selector chooses: a rule id (`typo/dictionary`), a rule's own
    /// selector (`protected`, `model`) or a family (`format`). An unknown name makes
    /// [`build`](Self::build) fail.
    pub fn disable_rule(&mut self, selector: &str) -> &mut Self {
        self.settings.disabled.insert(selector.to_owned());
        self
    }

    /// Turns off a category, e.g. `advertising`. A category no dictionary in use defines makes
    /// [`build`](Self::build) fail.
    pub fn disable_category(&mut self, category: &str) -> &mut Self {
        self.settings.disabled_categories.insert(category.to_owned());
        self
    }

    /// Sets the severity of every finding of a category, a rule id or a selector (the most
    /// specific wins). An unknown name makes [`build`](Self::build) fail.
    pub fn override_severity(&mut self, selector: &str, severity: Severity) -> &mut Self {
        self.settings.severities.insert(selector.to_owned(), severity);
        self
    }

    /// Drops findings below `severity`.
    pub fn min_severity(&mut self, severity: Severity) -> &mut Self {
        self.settings.min_severity = Some(severity);
        self
    }

    /// Checks as of `date` (default: the as-of date of the roster in use,
    /// [`Linter::roster_date`](crate::Linter::roster_date)). The library reads no clock: a caller checking "today" passes
    /// today's date here, in Beijing time for the shipped roster.
    pub fn as_of(&mut self, date: Date) -> &mut Self {
        self.settings.as_of = Some(date);
        self
    }

    /// Whether entries marked `evasion=yes` also match disguised spellings: noise characters
    /// between their characters, full-width forms, letter case and traditional characters
    /// (default: yes). Off, every entry matches only as written.
    pub fn evasion(&mut self, yes: bool) -> &mut Self {
        self.evasion = yes;
        self
    }

    /// Whether word-boundary checks segment with jieba's full dictionary of 349,046 words
    /// (default: no; needs the `full-segmenter` feature, or [`build`](Self::build) fails),
    /// loaded into jieba-rs on the first check that needs it (over 100 ms). The default
    /// compact lexicon (`dictionaries/segment/`) is searched where it lies, loads in well under
    /// a millisecond and cuts the same around the shipped entries; the full dictionary may suit
    /// large user dictionaries with many `check=word` entries.
    pub fn full_segmenter(&mut self, yes: bool) -> &mut Self {
        self.full_segmenter = yes;
        self
    }

    /// Whether `check=word` entries are verified by segmentation (for benchmarks: off, every
    /// hit counts, which is wrong but shows what the checks cost).
    #[doc(hidden)]
    pub fn context_checks(&mut self, yes: bool) -> &mut Self {
        self.context_checks = yes;
        self
    }

    /// Chooses the automaton (for benchmarks; the default is the fastest).
    #[doc(hidden)]
    pub fn matcher_engine(&mut self, engine: MatcherEngine) -> &mut Self {
        self.engine = engine;
        self
    }

    /// Keeps the built pattern automaton in `store`, and reads it from there when a later
    /// build has the same patterns (the same dictionaries, settings and crate version), instead
    /// of building it again. Large dictionaries added after it are kept there parsed. Bytes
    /// that fail the checks are ignored and replaced.
    ///
    /// ```
    /// use sanshen::{AutomatonStore, LinterBuilder};
    /// use std::sync::{Arc, Mutex};
    ///
    /// #[derive(Debug, Default)]
    /// struct InMemory(Mutex<Vec<(String, Vec<u8>)>>);
    ///
    /// impl AutomatonStore for InMemory {
    ///     fn load(&self, key: &str) -> Option<Vec<u8>> {
    ///         let kept = self.0.lock().unwrap();
    ///         kept.iter().find(|(k, _)| k == key).map(|(_, bytes)| bytes.clone())
    ///     }
    ///     fn store(&self, key: &str, bytes: &[u8]) {
    ///         self.0.lock().unwrap().push((key.to_owned(), bytes.to_vec()));
    ///     }
    /// }
    ///
    /// let store = Arc::new(InMemory::default());
    /// let first = LinterBuilder::new().automaton_store(store.clone()).build()?;
    /// let again = LinterBuilder::new().automaton_store(store.clone()).build()?;
    /// assert_eq!(store.0.lock().unwrap().len(), 1, "built once, then read");
    /// assert_eq!(first.check("请布署工作"), again.check("请布署工作"));
    /// # Ok::<(), sanshen::Error>(())
    /// ```
    pub fn automaton_store(&mut self, store: Arc<dyn AutomatonStore>) -> &mut Self {
        self.store = Some(store);
        self
    }

    /// Whether a build on two threads ([`into_linter_on_two_threads`]) also makes, on the core
    /// it leaves idle at its end, the process-wide tables that checks read on first need: the
    /// statistical model's (which the typo rule's judge reads too), the address pattern and
    /// the lists of names, some 4.5 M instructions (7 M with the model's rule) that the first
    /// checks would otherwise make on a checking thread. The linter's own segmenter and the
    /// roster's indexes of titles are made too, on the calling thread while the other reads
    /// the automaton. Meant for a front about to check many texts. Default: no; the model's
    /// tables are made ahead whenever its rule is on, as every check reads them.
    ///
    /// [`into_linter_on_two_threads`]: Self::into_linter_on_two_threads
    pub fn prepare_shared_tables(&mut self, yes: bool) -> &mut Self {
        self.shared_tables = yes;
        self
    }

    /// Adds a detector: a source of candidates beside the automaton, whose findings go through
    /// the same allow-list, coverage, severity and finishing steps.
    #[allow(dead_code)]
    pub(crate) fn detector(&mut self, detector: Arc<dyn Detector>) -> &mut Self {
        self.detectors.push(detector);
        self
    }

    /// Checks that every rule, family, selector and category the settings name exists, as
    /// [`build`](Self::build) does first.
    ///
    /// # Errors
    ///
    /// [`Error::Unknown`] for the first unknown name, with the valid ones.
    pub fn check_settings(&self) -> Result<(), Error> {
        self.settings.validate(|| self.categories())
    }
}

#[cfg(test)]
mod files {
    use super::*;

    #[test]
    fn a_dictionary_file_that_is_not_utf8_is_refused_where_it_breaks() {
        let path =
            std::env::temp_dir().join(format!("sanshen-not-utf8-{}.tsv", std::process::id()));
        let mut bytes = "!family typo\n布署\t部署\n".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend([0xe9, 0x83, b'\n']);
        std::fs::write(&path, &bytes).unwrap();
        let mut b = LinterBuilder::new();
        let err = b.add_dictionary_file(&path).expect_err("refused");
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(err, Error::Utf8 { offset, .. } if offset == at), "{err}");
    }
}

#[cfg(all(test, feature = "model"))]
mod tests {
    use super::*;

    /// The rules of the findings of a slip only the statistical model sees.
    fn rules(b: &LinterBuilder) -> Vec<String> {
        let linter = b.build().expect("builds");
        linter.check("持续优化营商环竟，激发市场主体活力。").into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn the_model_is_on_by_default_where_the_build_carries_it() {
        let b = LinterBuilder::new();
        assert!(b.model_in_use());
        assert_eq!(rules(&b), ["typo/model"]);
        let mut asked = LinterBuilder::new();
        asked.model(true);
        assert_eq!(rules(&asked), ["typo/model"]);
    }

    #[test]
    fn the_model_turns_off_by_its_switch_or_its_selectors() {
        let switch = |b: &mut LinterBuilder| {
            b.model(false);
        };
        let selector = |b: &mut LinterBuilder| {
            b.disable_rule("model");
        };
        let rule = |b: &mut LinterBuilder| {
            b.disable_rule("typo/model");
        };
        let on_then_selector = |b: &mut LinterBuilder| {
            b.model(true).model_threshold(0.5).disable_rule("model");
        };
        let threshold_after_off = |b: &mut LinterBuilder| {
            b.model(false).model_threshold(0.5);
        };
        let ways: [&dyn Fn(&mut LinterBuilder); 5] =
            [&switch, &selector, &rule, &on_then_selector, &threshold_after_off];
        for (i, off) in ways.iter().enumerate() {
            let mut b = LinterBuilder::new();
            off(&mut b);
            assert!(!b.model_in_use(), "way {i}");
            assert!(rules(&b).is_empty(), "way {i}: {:?}", rules(&b));
        }
    }
}
