//! [`Linter`]: a built, immutable reviewer; [`Linter::check`] runs the review pass
//! (`review.rs`) and [`Linter::fix`] applies its unambiguous fixes.

pub use crate::builder::LinterBuilder;
use crate::date::Date;
use crate::dict::{Entry, EntryKind, SegmentWord};
use crate::finding::{Finding, Severity};
use crate::fix::{fix_in_rounds, Fixed};
use crate::index::{PatternIndex, Target};
use crate::matcher::Matcher;
use crate::normalize::Folder;
use crate::review::{review, Detector};
use crate::roster::Roster;
use crate::rules::format::FormatRules;
use crate::rules::protected::Protected;
use crate::segment::Segmenter;
use crate::settings::Settings;
use std::borrow::Cow;
use std::sync::{Arc, LazyLock, OnceLock};

/// Checks texts. Built once from dictionaries, then immutable; cheap to clone and safe to share
/// across threads.
///
/// The review's working memory (the lists that grow with a text) is kept between checks in a
/// pool shared by every linter of the process: at most four sets and 32 MiB in all. A check
/// never waits for it; one that finds the pool in use by another thread works in fresh memory.
///
/// ```
/// let linter = sanshen::Linter::new();
/// let findings = linter.check("请各单位认真布署。");
/// assert_eq!(findings[0].text, "布署");
/// assert_eq!(findings[0].suggestions, ["部署"]);
/// ```
#[derive(Clone, Debug)]
pub struct Linter {
    pub(crate) inner: Arc<Inner>,
    /// What is reported and how: apart from the rest, so that linters differing only in
    /// severities share everything else ([`Linter::with_severity`]).
    pub(crate) settings: Arc<Settings>,
}

/// Everything a built linter holds.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) entries: Vec<Entry>,
    pub(crate) roster: Roster,
    pub(crate) protected: Protected,
    /// The folding table, shared with the matcher that folds as it walks.
    pub(crate) folder: Arc<Folder>,
    /// The format rules, unless the family is off.
    pub(crate) format: Option<FormatRules>,
    /// From each pattern of the automaton to the targets it stands for.
    pub(crate) index: PatternIndex,
    /// Extra words for the segmenter.
    pub(crate) words: Vec<SegmentWord>,
    /// Whether the segmenter loads jieba's full dictionary.
    pub(crate) full_segmenter: bool,
    pub(crate) matcher: Matcher,
    pub(crate) segmenter: OnceLock<Segmenter>,
    /// Sources of candidates beside the automaton.
    pub(crate) detectors: Vec<Arc<dyn Detector>>,
    /// The latest as-of date of the roster in use.
    pub(crate) roster_date: Date,
}

impl Default for Linter {
    fn default() -> Self {
        Linter::new()
    }
}

impl Linter {
    /// The linter with the shipped dictionaries and default settings. The first call builds it;
    /// later calls share it.
    pub fn new() -> Linter {
        static DEFAULT: LazyLock<Linter> = LazyLock::new(|| {
            LinterBuilder::new().build().unwrap_or_else(|e| panic!("shipped dictionaries: {e}"))
        });
        DEFAULT.clone()
    }

    /// A builder starting from the shipped dictionaries.
    pub fn builder() -> LinterBuilder {
        LinterBuilder::new()
    }

    /// The date up to which the roster in use was checked against published sources: the
    /// oldest `!as-of` among its rows. Findings about titles rest on facts up to this date.
    pub fn roster_as_of(&self) -> Option<Date> {
        self.inner.roster.as_of
    }

    /// A notice that the roster may be out of date, when `day` (the date a text is checked as
    /// of) is more than [`crate::ROSTER_STALE_AFTER_DAYS`] days after [`Linter::roster_as_of`].
    pub fn roster_notice(&self, day: Date) -> Option<String> {
        self.inner.roster.stale_notice(day)
    }

    /// Checks one text as of the date given to [`LinterBuilder::as_of`], or else as of the
    /// roster's date ([`Linter::roster_date`]). Findings are sorted by position.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        self.check_as_of(text, self.date())
    }

    /// The date [`Linter::check`] and [`Linter::fix`] check as of: the builder's, or else the
    /// roster's. Never the clock: the library reads none.
    pub(crate) fn date(&self) -> Date {
        self.settings.as_of.unwrap_or(self.inner.roster_date)
    }

    /// The date the roster in use is correct as of: the latest `!as-of` of its files (the
    /// shipped roster's unless the shipped dictionaries are off and another roster is loaded).
    /// [`Linter::check`] checks as of this date unless the builder was given one: the library
    /// reads no clock.
    pub fn roster_date(&self) -> Date {
        self.inner.roster_date
    }

    /// This linter with the severity of a category, rule id or selector set as
    /// [`LinterBuilder::override_severity`](crate::LinterBuilder::override_severity) sets it,
    /// sharing everything built (no dictionary is copied or automaton built again). The name
    /// is not checked: one that names nothing changes nothing.
    pub fn with_severity(&self, selector: &str, severity: Severity) -> Linter {
        let mut settings = Settings::clone(&self.settings);
        settings.severities.insert(selector.to_owned(), severity);
        Linter { inner: self.inner.clone(), settings: Arc::new(settings) }
    }

    /// Checks many texts, reusing everything built.
    pub fn check_all<'t, I>(&self, texts: I) -> Vec<Vec<Finding>>
    where
        I: IntoIterator<Item = &'t str>,
    {
        texts.into_iter().map(|t| self.check(t)).collect()
    }

    /// Checks one text as it stood on `date`: leader titles are judged against the roster on
    /// that day.
    pub fn check_as_of(&self, text: &str, date: Date) -> Vec<Finding> {
        review(&self.inner, &self.settings, text, date)
    }

    /// Checks `text` and applies every unambiguous fix (findings with exactly one suggestion)
    /// that does not overlap another; everything else in the text stays byte-identical.
    ///
    /// A correction can, rarely, complete another known misspelling with its neighbours; fixing
    /// repeats (at most four rounds) until nothing fixable is left, so fixing the result again
    /// changes nothing.
    pub fn fix(&self, text: &str) -> Fixed {
        self.fix_as_of(text, self.date())
    }

    /// [`Linter::fix`] as of `date` (see [`Linter::check_as_of`]).
    pub fn fix_as_of(&self, text: &str, date: Date) -> Fixed {
        fix_in_rounds(text, |t| self.check_as_of(t, date))
    }

    /// Number of dictionary entries in use.
    pub fn entry_count(&self) -> usize {
        self.inner.entries.len()
    }

    /// Every pattern the review's automaton holds, folded as it scans them: the dictionary
    /// entries and also the roster's names and titles and the anchors of protected terms (for
    /// benchmarks: a bare scan over the same patterns).
    #[doc(hidden)]
    pub fn automaton_patterns(&self) -> Vec<String> {
        let inner = &*self.inner;
        let (patterns, _) =
            PatternIndex::build(&inner.entries, &inner.roster, &inner.protected, &inner.folder);
        patterns.into_iter().map(Cow::into_owned).collect()
    }
}

impl Inner {
    /// The text a target stands for, as written in its dictionary.
    pub(crate) fn raw(&self, target: Target) -> &str {
        match target {
            Target::Entry(id) => &self.entries[id as usize].pattern,
            Target::Name(p) => &self.roster.people[p as usize].name,
            Target::Variant(v) => &self.roster.variants[v as usize].0,
            Target::Title(a) => &self.roster.aliases[a as usize].text,
            Target::Anchors(g) => self.protected.group_text(self.index.anchor_group(g)),
        }
    }

    /// The segmenter, built on first use (or ahead by a build that had the time).
    pub(crate) fn segmenter(&self) -> &Segmenter {
        self.segmenter.get_or_init(|| segmenter(&self.entries, &self.words, self.full_segmenter))
    }
}

/// The segmenter of a linter with `entries` and the extra `words`; `full`: with jieba's full
/// dictionary.
pub(crate) fn segmenter(entries: &[Entry], words: &[SegmentWord], full: bool) -> Segmenter {
    // The compact lexicon holds every word of the shipped entries already (a test checks it),
    // so only the other entries' words need adding to it.
    let compact = !full;
    let forms = segment_forms(entries, |e| !(compact && crate::dict::is_shipped(&e.origin)));
    let extra = words.iter().map(|w| (w.word.as_str(), w.freq));
    Segmenter::new(forms.map(|w| (w, None)).chain(extra), full)
}

/// The words of `entries` the segmenter must know, of the entries `keep` keeps: the reported
/// part of each pattern (县政协|主任: 主任) and its suggestions.
fn segment_forms<'s>(
    entries: &'s [Entry],
    keep: impl Fn(&Entry) -> bool + 's,
) -> impl Iterator<Item = &'s str> + 's {
    let judged = move |e: &&Entry| {
        matches!(e.kind, EntryKind::Typo | EntryKind::Sensitive | EntryKind::Leader) && keep(e)
    };
    entries.iter().filter(judged).flat_map(|e| {
        let reported = std::iter::once(&e.pattern[e.lead..]);
        reported.chain(e.suggestions.iter().map(String::as_str))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::finding::{Family, Severity};
    use crate::span::Span;

    fn linter(dict: &str) -> Linter {
        let mut b = LinterBuilder::new();
        b.builtin(false).add_dictionary("test.tsv", dict).unwrap();
        b.build().unwrap()
    }

    #[test]
    fn the_compact_lexicon_knows_every_shipped_word() {
        let linter = Linter::new();
        let inner = &linter.inner;
        let segmenter = inner.segmenter();
        let shipped = segment_forms(&inner.entries, |e| crate::dict::is_shipped(&e.origin));
        let words: Vec<&str> = shipped.filter(|w| !w.is_empty()).collect();
        assert!(words.len() > 5_000, "only {} words", words.len());
        let missing: Vec<&str> = words.into_iter().filter(|w| !segmenter.knows(w)).collect();
        assert!(missing.is_empty(), "run tools/make_lexicon.py; missing: {missing:?}");
    }

    #[test]
    fn user_words_are_added_even_from_a_file_named_like_a_shipped_one() {
        let mut b = LinterBuilder::new();
        b.add_dictionary("dictionaries/typo/words.tsv", "!family typo\n做伪\t作为\tcheck=word\n")
            .unwrap();
        let linter = b.build().unwrap();
        let user = linter.inner.entries.iter().find(|e| e.pattern == "做伪").unwrap();
        assert!(!crate::dict::is_shipped(&user.origin));
        let shipped = linter.inner.entries.iter().find(|e| e.pattern == "布署").unwrap();
        assert!(crate::dict::is_shipped(&shipped.origin));
        assert!(linter.inner.segmenter().knows("做伪"));
        assert!(!Linter::new().inner.segmenter().knows("做伪"));
    }

    const DICT: &str = "!family word\n为人民服务\t-\tfreq=50000\n!family typo\n布署\t部署\n做为\t作为\tcheck=word\n再接再励\t再接再厉\tcategory=idiom\n接再\t接着\n!family sensitive\n!category political\n台湾政府\t台湾当局\n!family allow\n台湾政府机构改革研究\n";

    #[track_caller]
    fn assert_findings(text: &str, want: &[(Family, &str)]) {
        let got: Vec<(Family, &str)> =
            linter(DICT).check(text).iter().map(|f| (f.family, &text[f.span])).collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn finds_and_sorts_by_position() {
        assert_findings(
            "台湾政府要求布署，布署",
            &[(Family::Sensitive, "台湾政府"), (Family::Typo, "布署"), (Family::Typo, "布署")],
        );
    }

    #[test]
    fn longest_wins_within_a_family() {
        assert_findings("再接再励", &[(Family::Typo, "再接再励")]);
    }

    #[test]
    fn allow_list_drops_inner_findings() {
        assert_findings("台湾政府机构改革研究", &[]);
    }

    #[test]
    fn word_check_uses_segmentation() {
        assert_findings("做为一名党员", &[(Family::Typo, "做为")]);
        assert_findings("全心全意做为人民服务的事", &[]);
    }

    #[test]
    fn line_and_column() {
        let f = linter(DICT).check("第一行\r\n请抓紧布署");
        assert_eq!((f[0].line, f[0].column), (2, 4));
        assert_eq!(f[0].span, Span::new(20, 26));
    }

    #[test]
    fn settings_filter_and_override() {
        let mut b = LinterBuilder::new();
        b.builtin(false).add_dictionary("t", DICT).unwrap();
        b.family(Family::Sensitive, false).override_severity("typo/dictionary", Severity::Info);
        let f = b.build().unwrap().check("台湾政府布署");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        b.min_severity(Severity::Warning);
        assert!(b.build().unwrap().check("台湾政府布署").is_empty());
    }

    #[test]
    fn later_entries_replace_earlier_ones() {
        let mut b = LinterBuilder::new();
        b.builtin(false).add_dictionary("a", "!family typo\n布署\t部署\n").unwrap();
        b.add_dictionary("b", "!family typo\n布署\t部署|布置\n").unwrap();
        let f = b.build().unwrap().check("布署");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestions, ["部署", "布置"]);
    }

    #[test]
    fn a_clone_of_a_builder_adds_dictionaries_of_its_own() {
        let mut a = LinterBuilder::new();
        a.builtin(false).add_dictionary("a", "!family typo\n布署\t部署\n").unwrap();
        let mut b = a.clone();
        b.add_dictionary("b", "!family typo\n做为\t作为\n").unwrap();
        let found = |l: &LinterBuilder| l.build().unwrap().check("布署做为").len();
        assert_eq!((found(&a), found(&b)), (1, 2), "the clone's dictionary is its own");
    }

    #[test]
    fn a_builder_moved_into_its_linter_builds_the_same_one() {
        let mut b = LinterBuilder::new();
        b.add_dictionary("a", "!family typo\n布署\t布置\n做为\t作为\n").unwrap();
        b.add_dictionary("b", "!family typo\n做为\t做成\n").unwrap();
        let text = "请布署工作，做为表率";
        let built = b.build().unwrap().check(text);
        let suggested: Vec<&str> = built.iter().map(|f| f.suggestions[0].as_str()).collect();
        assert_eq!(suggested, ["布置", "做成"], "user entries replace earlier ones");
        let shared = b.clone();
        assert_eq!(b.into_linter().unwrap().check(text), built, "entries copied: shared");
        assert_eq!(shared.into_linter().unwrap().check(text), built, "entries moved");
    }

    #[test]
    fn a_linter_with_another_severity_shares_the_rest() {
        let linter = LinterBuilder::new().build().unwrap();
        let severity = |l: &Linter| l.check("请布署工作")[0].severity;
        let other = match severity(&linter) {
            Severity::Info => Severity::Error,
            _ => Severity::Info,
        };
        let changed = linter.with_severity("typo", other);
        assert_eq!(severity(&changed), other);
        assert_ne!(severity(&linter), other, "the first linter is as it was");
        assert!(Arc::ptr_eq(&linter.inner, &changed.inner));
    }

    #[test]
    fn evasion_can_be_turned_off() {
        let dict = "!family sensitive\n台湾政府\t台湾当局\tevasion=yes\n台湾总统\t台湾地区领导人\n";
        let mut b = LinterBuilder::new();
        b.builtin(false).add_dictionary("t", dict).unwrap();
        let text = "臺灣政府，台 湾 政 府，台 湾 总 统，台湾政府";
        let on: Vec<String> = b.build().unwrap().check(text).into_iter().map(|f| f.text).collect();
        assert_eq!(on, ["臺灣政府", "台 湾 政 府", "台湾政府"]);
        let off: Vec<String> =
            b.evasion(false).build().unwrap().check(text).into_iter().map(|f| f.text).collect();
        assert_eq!(off, ["台湾政府"]);
    }

    #[test]
    fn cyclic_corrections_are_refused() {
        let mut b = LinterBuilder::new();
        b.builtin(false)
            .add_dictionary("cycle.tsv", "!family typo\n甲\t乙\n乙\t丙\n丙\t甲\n丁\t甲\n")
            .unwrap();
        let err = b.build().unwrap_err().to_string();
        assert!(err.starts_with("cycle.tsv:"), "{err}");
        assert!(err.contains("corrections form a cycle"), "{err}");
        // A chain that settles is fine.
        let mut b = LinterBuilder::new();
        b.builtin(false).add_dictionary("chain.tsv", "!family typo\n甲\t乙\n乙\t丙\n").unwrap();
        assert_eq!(b.build().unwrap().fix("甲").text, "丙");
    }

    #[test]
    fn checks_as_of_the_roster_date_unless_given_one() {
        let roster = include_str!("../dictionaries/leader/roster.tsv");
        let line = roster.lines().find_map(|l| l.strip_prefix("!as-of ")).expect("an as-of line");
        let shipped: Date = line.trim().parse().unwrap();
        assert_eq!(Linter::new().roster_date(), shipped);
        assert_eq!(crate::builder::shipped_roster_date(), shipped);
        // 李克强 left the premiership in 2023: outdated as of the roster, right in 2022.
        let text = "国务院总理李克强出席会议";
        let rules = |l: &Linter| l.check(text).into_iter().map(|f| f.rule).collect::<Vec<_>>();
        assert_eq!(rules(&Linter::new()), ["leader/outdated"]);
        let in_2022 = LinterBuilder::new().as_of(Date::new(2022, 6, 1).unwrap()).build().unwrap();
        assert!(rules(&in_2022).is_empty());
    }

    #[test]
    fn a_titles_note_is_shown_in_findings_about_the_title() {
        let roster = "!family title\n县长\t-\tholders=all\tsince=2021-09-01\tnote=县政府行政首长\n县委书记\t-\tholders=all\tsince=2021-09-01\n!family roster\n!as-of 2026-03-01\n张建国\t县委书记\tfrom=2021-09-01\n";
        let f = linter(roster).check("县长张建国出席会议");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, "leader/title");
        assert!(f[0].message.ends_with("（县政府行政首长）"), "{}", f[0].message);
    }

    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Linter>();
        check::<LinterBuilder>();
        check::<Finding>();
        check::<Error>();
    }
}
