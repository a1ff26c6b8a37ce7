//! [`Linter`] and [`LinterBuilder`]: dictionaries in, findings out.

use crate::bytes;
use crate::date::Date;
use crate::dict::{Dictionary, Entry, EntryKind, InstitutionRule, SegmentWord};
use crate::error::Error;
use crate::finding::{Evasion, Family, Finding, Severity};
use crate::fix::{apply_fixes, Fixed};
use crate::matcher::{Matcher, MatcherEngine};
use crate::normalize::Folder;
use crate::roster::{Roster, NAME_CONFUSABLES};
use crate::rules::format::FormatRules;
use crate::rules::leader::Mentions;
use crate::rules::model::ModelSettings;
use crate::rules::protected::{Neighbours, Protected};
use crate::rules::{self, Context};
use crate::segment::Segmenter;
use crate::span::{longest_first, LineCounter, Span};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, LazyLock, OnceLock};

/// Checks texts. Built once from dictionaries, then immutable; cheap to clone and safe to share
/// across threads.
///
/// ```
/// let linter = sanshen::Linter::new();
/// let findings = linter.check("请各单位认真布署。");
/// assert_eq!(findings[0].text, "布署");
/// assert_eq!(findings[0].suggestions, ["部署"]);
/// ```
#[derive(Clone, Debug)]
pub struct Linter {
    inner: Arc<Inner>,
}

/// Settings that decide what is reported.
#[derive(Clone, Debug, Default)]
struct Settings {
    disabled_families: HashSet<Family>,
    disabled_rules: HashSet<String>,
    disabled_categories: HashSet<String>,
    severities: HashMap<String, Severity>,
    min_severity: Option<Severity>,
    as_of: Option<Date>,
    /// The statistical model's operating point; `None` when it is off.
    model: Option<rules::model::ModelSettings>,
}

/// What a pattern stands for: one string may stand for several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// A dictionary entry.
    Entry(u32),
    /// A roster person's exact name.
    Name(u32),
    /// A misspelled variant of a roster person's name (index into the roster's variants).
    Variant(u32),
    /// A title or title alias (index into the roster's aliases).
    Title(u32),
    /// A fragment of a protected term (index into the protected anchors).
    Anchor(u32),
}

#[derive(Debug)]
struct Inner {
    entries: Vec<Entry>,
    roster: Roster,
    protected: Protected,
    folder: Folder,
    /// The format rules, unless the family is off.
    format: Option<FormatRules>,
    /// For pattern `p`, its targets are `targets[pattern_starts[p]..pattern_starts[p + 1]]`,
    /// each with whether it is written as its folded pattern (folding changes nothing in it).
    pattern_starts: Vec<u32>,
    targets: Vec<PlainTarget>,
    /// Extra words for the segmenter.
    words: Vec<SegmentWord>,
    /// Whether the segmenter loads jieba's full dictionary.
    full_segmenter: bool,
    matcher: Matcher,
    segmenter: OnceLock<Segmenter>,
    settings: Settings,
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

    /// Checks one text as of the configured date (default: today). Findings are sorted by
    /// position.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        self.check_as_of(text, self.inner.settings.as_of.unwrap_or_else(Date::today))
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
        let inner = &*self.inner;
        let segmenter = || inner.segmenter();
        let cx = Context { text, as_of: date, segmenter: &segmenter };
        let mut allow = Vec::new();
        let mut protected = Vec::new();
        let mut candidates = Vec::new();
        let mut mentions = Mentions::default();
        let mut anchors = Vec::new();
        let folded = inner.folder.fold_text(text);
        for (pattern, folded_span) in inner.matcher.matches(&folded.text) {
            let (span, unchanged) = folded.map_back(folded_span);
            let mut neighbours = Neighbours::default();
            for &(target, plain) in inner.targets_of(pattern) {
                // Folded matches count only for entries that ask for them. A target written as
                // its pattern is matched exactly where folding changed nothing in the match.
                let exact = match plain && unchanged {
                    true => true,
                    false => bytes::eq(text[span].as_bytes(), inner.raw(target).as_bytes()),
                };
                match target {
                    Target::Entry(id) => {
                        let entry = &inner.entries[id as usize];
                        if !exact && !entry.evasion && entry.kind != EntryKind::Allow {
                            continue;
                        }
                        match entry.kind {
                            EntryKind::Allow => allow.push(span),
                            EntryKind::Protected => protected.push((span, id)),
                            _ => candidates.push((id, span)),
                        }
                    }
                    // A title spaced out to align a signature block (总　理) is still one.
                    Target::Title(a) => {
                        if exact || rules::leader::spaced_out(&text[span], inner.raw(target)) {
                            mentions.titles.push((a, span));
                        }
                    }
                    _ if !exact => {}
                    Target::Name(p) => mentions.names.push((p, span)),
                    Target::Variant(v) => {
                        mentions.variants.push((inner.roster.variants[v as usize].1, span))
                    }
                    // Judged at once, while the text around the hit is in the cache: most anchor
                    // hits are common fragments (国家, 委员会) that one look rejects.
                    Target::Anchor(a) => {
                        if inner.protected.plausible(text, span, a, &mut neighbours) {
                            anchors.push((a, span));
                        }
                    }
                }
            }
        }
        let allowed = Cover::new(allow);
        protected.sort_unstable();
        let correct_terms = Cover::new(protected.iter().map(|(s, _)| *s).collect());
        let mut findings = Vec::new();
        for (id, span) in candidates {
            let entry = &inner.entries[id as usize];
            if allowed.covers(span) || (entry.kind == EntryKind::Typo && correct_terms.covers(span))
            {
                continue;
            }
            // The whole match is what an evasion report describes.
            let evasion = match bytes::eq(text[span].as_bytes(), entry.pattern.as_bytes()) {
                true => None,
                false => match inner.evasion(entry, &text[span]) {
                    Some(e) => Some(e),
                    None => continue,
                },
            };
            // Only the reported part must be whole words: 县政协|主任 segments as 县政协/主任.
            let span = Span::new(span.start + entry.lead, span.end);
            if splits_latin_word(text, span) || (entry.word_check && !cx.is_whole_words(span)) {
                continue;
            }
            let finding = match entry.kind {
                EntryKind::Typo => rules::typo::judge(entry, span, &cx),
                EntryKind::Sensitive => rules::sensitive::judge(entry, span, &cx),
                EntryKind::Leader => rules::leader::judge_form(entry, span, &cx),
                EntryKind::Allow | EntryKind::Protected => None,
            };
            let finding = finding.map(|f| with_evasion(f, evasion));
            if let Some(f) = finding.and_then(|f| inner.settings.apply(f)) {
                findings.push(f);
            }
        }
        if !anchors.is_empty() {
            let exact: Vec<(Span, &str)> = protected
                .iter()
                .map(|(s, id)| (*s, inner.entries[*id as usize].pattern.as_str()))
                .collect();
            let near = inner.protected.judge(text, &anchors, &exact);
            let kept = near.into_iter().filter(|f| !allowed.covers(f.span));
            findings.extend(kept.filter_map(|f| inner.settings.apply(f)));
        }
        let mut line_starts = Vec::new();
        if let Some(format) = &inner.format {
            let mut found = Vec::new();
            format.check(text, &mut found, &mut line_starts);
            let kept = found.into_iter().filter(|f| !allowed.covers(f.span));
            findings.extend(kept.filter_map(|f| inner.settings.apply(f)));
        }
        let names: Vec<Span> = mentions.names.iter().map(|(_, s)| *s).collect();
        if !mentions.names.is_empty() || !mentions.variants.is_empty() {
            let leader = rules::leader::judge_mentions(&inner.roster, mentions, &cx);
            findings.extend(
                leader
                    .into_iter()
                    .filter(|f| !allowed.covers(f.span))
                    .filter_map(|f| inner.settings.apply(f)),
            );
        }
        if let Some(model) = inner.settings.model_on() {
            let taken = Cover::new(findings.iter().map(|f| f.span).chain(names).collect());
            let skip = |s| taken.covers(s) || allowed.covers(s) || correct_terms.covers(s);
            let found = rules::model::findings(text, model, skip);
            findings.extend(found.filter_map(|f| inner.settings.apply(f)));
        }
        finish(text, findings, &line_starts)
    }

    /// Checks `text` and applies every unambiguous fix (findings with exactly one suggestion)
    /// that does not overlap another; everything else in the text stays byte-identical.
    ///
    /// A correction can, rarely, complete another known misspelling with its neighbours; fixing
    /// repeats (at most four rounds) until nothing fixable is left, so fixing the result again
    /// changes nothing.
    pub fn fix(&self, text: &str) -> Fixed {
        let mut fixed = apply_fixes(text, self.check(text));
        for _ in 0..3 {
            if !fixed.remaining.iter().any(Finding::is_fixable) && fixed.applied.is_empty() {
                break;
            }
            let again = apply_fixes(&fixed.text, self.check(&fixed.text));
            let done = again.applied.is_empty();
            fixed.text = again.text;
            fixed.applied.extend(again.applied);
            fixed.remaining = again.remaining;
            if done {
                break;
            }
        }
        fixed
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
        let (patterns, _, _) =
            index_patterns(&inner.entries, &inner.roster, &inner.protected, &inner.folder);
        patterns.into_iter().map(Cow::into_owned).collect()
    }
}

impl Inner {
    /// The text a target stands for, as written in its dictionary.
    fn raw(&self, target: Target) -> &str {
        match target {
            Target::Entry(id) => &self.entries[id as usize].pattern,
            Target::Name(p) => &self.roster.people[p as usize].name,
            Target::Variant(v) => &self.roster.variants[v as usize].0,
            Target::Title(a) => &self.roster.aliases[a as usize].text,
            Target::Anchor(a) => &self.protected.anchors[a as usize].text,
        }
    }

    /// How a folded match of an evasion entry differs from the entry; `None` when it went too
    /// far to be a disguise of it (a run of more than three noise characters, or more noise than
    /// twice the entry's length).
    fn evasion(&self, entry: &Entry, original: &str) -> Option<(Evasion, String)> {
        let report = self.folder.describe(original, &entry.pattern);
        let limit = 2 * entry.pattern.chars().count();
        if report.longest_gap > MAX_NOISE_RUN || report.noise > limit {
            return None;
        }
        let mut how: Vec<&str> = report.kinds.iter().map(|k| k.label()).collect();
        if report.noise > 0 {
            how.push("干扰字符");
        }
        let mut explained = format!("（疑似规避写法：经{}处理后匹配", how.join("、"));
        if report.noise > 0 {
            explained.push_str(&format!("，跳过{}个干扰字符", report.noise));
        }
        explained.push('）');
        let folded = report.kinds.iter().map(|k| k.as_str().to_owned()).collect();
        Some((Evasion { folded, noise: report.noise }, explained))
    }

    fn targets_of(&self, pattern: u32) -> &[PlainTarget] {
        let p = pattern as usize;
        &self.targets[self.pattern_starts[p] as usize..self.pattern_starts[p + 1] as usize]
    }

    fn segmenter(&self) -> &Segmenter {
        self.segmenter.get_or_init(|| {
            // The compact lexicon holds every word of the shipped entries already (a test
            // checks it), so only the other entries' words need adding to it.
            let compact = !self.full_segmenter;
            let forms = self.segment_forms(|e| !(compact && crate::dict::is_shipped(&e.origin)));
            let extra = self.words.iter().map(|w| (w.word.as_str(), w.freq));
            Segmenter::new(forms.map(|w| (w, None)).chain(extra), self.full_segmenter)
        })
    }

    /// The words of the entries the segmenter must know, of the entries `keep` keeps: the
    /// reported part of each pattern (县政协|主任: 主任) and its suggestions.
    fn segment_forms<'s>(
        &'s self,
        keep: impl Fn(&Entry) -> bool + 's,
    ) -> impl Iterator<Item = &'s str> + 's {
        let judged = move |e: &&Entry| {
            matches!(e.kind, EntryKind::Typo | EntryKind::Sensitive | EntryKind::Leader) && keep(e)
        };
        self.entries.iter().filter(judged).flat_map(|e| {
            let reported = std::iter::once(&e.pattern[e.lead..]);
            reported.chain(e.suggestions.iter().map(String::as_str))
        })
    }
}

impl Settings {
    /// The model's settings, unless it is off or every finding it could make is dropped.
    fn model_on(&self) -> Option<rules::model::ModelSettings> {
        let off = self.disabled_families.contains(&Family::Typo)
            || self.disabled_rules.contains(rules::model::RULE)
            || self.disabled_rules.contains("model")
            || self.disabled_categories.contains("model");
        self.model.filter(|_| !off)
    }

    /// Applies the report settings to a finding; `None` drops it.
    fn apply(&self, mut f: Finding) -> Option<Finding> {
        if self.disabled_families.contains(&f.family) || self.disabled_rules.contains(&f.rule) {
            return None;
        }
        if let Some(c) = &f.category {
            if self.disabled_categories.contains(c) {
                return None;
            }
        }
        // The most specific override wins: category, then rule, then family.
        let keys = [f.category.as_deref(), Some(f.rule.as_str()), Some(f.family.as_str())];
        if let Some(s) = keys.into_iter().flatten().find_map(|k| self.severities.get(k)) {
            f.severity = *s;
        }
        match self.min_severity {
            Some(min) if f.severity < min => None,
            _ => Some(f),
        }
    }
}

/// Refuses corrections that lead back to themselves (甲 → 乙 → 丙 → 甲): fixing would never
/// settle.
fn refuse_cycles(entries: &[Entry]) -> Result<(), Error> {
    let fixable = |e: &Entry| {
        e.suggestions.len() == 1 && !matches!(e.kind, EntryKind::Allow | EntryKind::Protected)
    };
    let index: HashMap<(EntryKind, &str), usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| fixable(e))
        .map(|(i, e)| ((e.kind, e.pattern.as_str()), i))
        .collect();
    let next = |i: usize| {
        let e = &entries[i];
        index.get(&(e.kind, e.suggestions[0].as_str())).copied()
    };
    // Each entry leads to at most one other: follow the chains, marking what is settled.
    let mut state = vec![0u8; entries.len()]; // 0 unseen, 1 on the current path, 2 settled
    for start in index.values().copied() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let chain: Vec<&str> = path[from..]
                        .iter()
                        .map(|&p: &usize| entries[p].pattern.as_str())
                        .chain(std::iter::once(entries[i].pattern.as_str()))
                        .collect();
                    let e = &entries[i];
                    return Err(Error::Config(format!(
                        "{}:{}: corrections form a cycle: {}",
                        e.origin.file,
                        e.origin.line,
                        chain.join(" → ")
                    )));
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    at = next(i);
                }
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
    Ok(())
}

/// The longest run of noise characters allowed between two characters of an evasion entry.
const MAX_NOISE_RUN: usize = 3;

/// Adds the evasion report and its explanation to a finding.
fn with_evasion(mut f: Finding, evasion: Option<(Evasion, String)>) -> Finding {
    if let Some((e, how)) = evasion {
        f.message.push_str(&how);
        f.evasion = Some(e);
    }
    f
}

/// Whether a hit begins or ends inside a run of ASCII letters and digits (NB in NBA).
fn splits_latin_word(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    (span.start > 0 && alnum(span.start) && alnum(span.start - 1))
        || (alnum(span.end - 1) && alnum(span.end))
}

/// A set of spans answering "is this span inside one of them?" in logarithmic time.
struct Cover {
    /// Sorted by start.
    spans: Vec<Span>,
    /// `max_end[i]` is the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl Cover {
    fn new(mut spans: Vec<Span>) -> Cover {
        spans.sort_unstable();
        let mut max = 0;
        let max_end = spans.iter().map(|s| {
            max = max.max(s.end);
            max
        });
        let max_end = max_end.collect();
        Cover { spans, max_end }
    }

    fn covers(&self, span: Span) -> bool {
        let n = self.spans.partition_point(|s| s.start <= span.start);
        n > 0 && self.max_end[n - 1] >= span.end
    }
}

/// Keeps the longest of overlapping findings within a family, sorts by position and fills in
/// line and column, from `line_starts` when the format rules found the text's lines (else it
/// is empty and line ends are searched for).
fn finish(text: &str, findings: Vec<Finding>, line_starts: &[u32]) -> Vec<Finding> {
    let mut by_family: HashMap<Family, Vec<Finding>> = HashMap::new();
    for f in findings {
        by_family.entry(f.family).or_default().push(f);
    }
    let mut kept: Vec<Finding> =
        by_family.into_values().flat_map(|group| longest_first(group, |f| f.span)).collect();
    kept.sort_by(|a, b| (a.span, a.family, &a.rule).cmp(&(b.span, b.family, &b.rule)));
    let mut lines = LineCounter::with_line_starts(text, line_starts);
    for f in &mut kept {
        (f.line, f.column) = lines.locate(f.span.start);
    }
    kept
}

/// Builds a [`Linter`]: which dictionaries, families, rules and severities.
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
    user: Dictionary,
    allow: Vec<String>,
    settings: Settings,
    engine: MatcherEngine,
    evasion: bool,
    context_checks: bool,
    full_segmenter: bool,
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
            user: Dictionary::default(),
            allow: Vec::new(),
            settings: Settings { model: Some(ModelSettings::DEFAULT), ..Settings::default() },
            engine: MatcherEngine::default(),
            evasion: true,
            context_checks: true,
            full_segmenter: false,
        }
    }

    /// Whether to use the shipped dictionaries (default: yes).
    pub fn builtin(&mut self, yes: bool) -> &mut Self {
        self.builtin = yes;
        self
    }

    /// Adds a dictionary from text; `name` identifies it in errors. Entries of the same family
    /// and pattern as an earlier one replace it.
    ///
    /// # Errors
    ///
    /// The first malformed line, with `name` and its line number.
    pub fn add_dictionary(&mut self, name: &str, text: &str) -> Result<&mut Self, Error> {
        self.user.extend(Dictionary::parse(name, text)?);
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
        let text = String::from_utf8(bytes).map_err(|e| Error::Utf8 {
            path: path.to_owned(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        self.add_dictionary(&path.display().to_string(), &text)
    }

    /// Adds a phrase that must never be flagged: findings inside it are dropped.
    pub fn allow(&mut self, phrase: &str) -> &mut Self {
        if !phrase.is_empty() {
            self.allow.push(phrase.to_owned());
        }
        self
    }

    /// Turns a family on or off.
    pub fn family(&mut self, family: Family, enabled: bool) -> &mut Self {
        if enabled {
            self.settings.disabled_families.remove(&family);
        } else {
            self.settings.disabled_families.insert(family);
        }
        self
    }

    /// Turns off a rule by id, e.g. `typo/dictionary`.
    pub fn disable_rule(&mut self, rule: &str) -> &mut Self {
        self.settings.disabled_rules.insert(rule.to_owned());
        self
    }

    /// Turns off a category, e.g. `advertising`.
    pub fn disable_category(&mut self, category: &str) -> &mut Self {
        self.settings.disabled_categories.insert(category.to_owned());
        self
    }

    /// Sets the severity of every finding of a category, a rule id or a family (the most
    /// specific wins).
    pub fn override_severity(&mut self, selector: &str, severity: Severity) -> &mut Self {
        self.settings.severities.insert(selector.to_owned(), severity);
        self
    }

    /// Drops findings below `severity`.
    pub fn min_severity(&mut self, severity: Severity) -> &mut Self {
        self.settings.min_severity = Some(severity);
        self
    }

    /// Whether the statistical model proposes typos anywhere in the text (rule `typo/model`,
    /// selector `model`). Default: on.
    pub fn model(&mut self, yes: bool) -> &mut Self {
        self.settings.model = yes.then_some(self.settings.model.unwrap_or(ModelSettings::DEFAULT));
        self
    }

    /// The confidence (0 to 1) from which a model finding is a warning with its correction as
    /// the suggestion (default 0.998); less confident findings are information, down to a floor
    /// of 0.99 (or `threshold`, if lower). Higher is stricter: fewer, surer warnings.
    pub fn model_threshold(&mut self, threshold: f32) -> &mut Self {
        let mut m = self.settings.model.unwrap_or(ModelSettings::DEFAULT);
        m.warning_at = threshold;
        self.settings.model = Some(m);
        self
    }

    /// Checks as of `date` instead of today.
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
    /// (default: no), loaded into jieba-rs on the first check that needs it (over 100 ms). The
    /// default compact lexicon (`dictionaries/segment/`) is searched where it lies, loads in
    /// well under a millisecond and cuts the same around the shipped entries; the full
    /// dictionary may suit large user dictionaries with many `check=word` entries.
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

    /// Builds the linter.
    ///
    /// # Errors
    ///
    /// The automaton cannot be built (more patterns than it can hold).
    pub fn build(&self) -> Result<Linter, Error> {
        let mut entries = self.merged_entries();
        entries.retain(|e| !self.entry_disabled(e));
        refuse_cycles(&entries)?;
        if !self.context_checks {
            entries.iter_mut().for_each(|e| e.word_check = false);
        }
        let builtin = self.builtin.then(Dictionary::builtin);
        let dicts = builtin.into_iter().chain(std::iter::once(&self.user));
        let roster = if self.settings.disabled_families.contains(&Family::Leader) {
            Roster::default()
        } else {
            Roster::new(dicts.clone())
        };
        let mut folder = match self.evasion {
            // The shipped fold table is part of matching, not a word list: it stays on
            // without the shipped dictionaries.
            true => {
                Folder::new(Dictionary::builtin().folds.iter().chain(&self.user.folds).copied())
            }
            false => Folder::default(),
        };
        let protected = if self.settings.disabled_families.contains(&Family::Typo)
            || self.settings.disabled_rules.contains(rules::protected::RULE)
        {
            Protected::default()
        } else {
            let confusables = dicts.clone().flat_map(|d| &d.confusables);
            let terms = confusables.filter(|c| c.category.as_deref() != Some(NAME_CONFUSABLES));
            Protected::new(&entries, terms)
        };
        let (patterns, pattern_starts, targets) =
            index_patterns(&entries, &roster, &protected, &folder);
        let patterns: Vec<&str> = patterns.iter().map(|p| p.as_ref()).collect();
        folder.restrict_to(&patterns.iter().flat_map(|p| p.chars()).collect());
        folder.restrict_noise(patterns.iter().copied());
        let matcher = Matcher::new(&patterns, self.engine).map_err(Error::Config)?;
        let words = dicts.clone().flat_map(|d| &d.words);
        let format = (!self.settings.disabled_families.contains(&Family::Format)).then(|| {
            FormatRules::new(dicts.clone().flat_map(|d| d.repeats.iter().map(String::as_str)))
        });
        let inner = Inner {
            entries,
            roster,
            protected,
            folder,
            format,
            pattern_starts,
            targets,
            words: words.cloned().collect(),
            full_segmenter: self.full_segmenter,
            matcher,
            segmenter: OnceLock::new(),
            settings: self.settings.clone(),
        };
        Ok(Linter { inner: Arc::new(inner) })
    }

    fn entry_disabled(&self, e: &Entry) -> bool {
        let family = match e.kind {
            EntryKind::Typo => Family::Typo,
            EntryKind::Sensitive => Family::Sensitive,
            EntryKind::Leader => Family::Leader,
            EntryKind::Allow | EntryKind::Protected => return false,
        };
        self.settings.disabled_families.contains(&family)
            || e.category.as_ref().is_some_and(|c| self.settings.disabled_categories.contains(c))
    }

    /// Shipped entries, then user entries, then allow phrases; a later entry of the same kind
    /// and pattern replaces an earlier one.
    fn merged_entries(&self) -> Vec<Entry> {
        let builtin = self.builtin.then(Dictionary::builtin);
        let all = builtin.into_iter().flat_map(|d| d.entries.iter()).chain(&self.user.entries);
        let mut position: HashMap<(EntryKind, &str), usize> = HashMap::new();
        let mut entries: Vec<Entry> = Vec::new();
        for e in all {
            match position.get(&(e.kind, e.pattern.as_str())) {
                Some(&i) => entries[i] = e.clone(),
                None => {
                    position.insert((e.kind, e.pattern.as_str()), entries.len());
                    entries.push(e.clone());
                }
            }
        }
        let institutions = builtin.into_iter().flat_map(|d| &d.institutions);
        entries.extend(institutions.chain(&self.user.institutions).flat_map(institution_entries));
        let origin = crate::dict::Origin { file: Arc::from("<allow>"), line: 0 };
        entries.extend(self.allow.iter().map(|p| Entry::allow(p, origin.clone())));
        entries
    }
}

/// The literal entries an institution rule stands for: institution + wrong title.
fn institution_entries(rule: &InstitutionRule) -> impl Iterator<Item = Entry> + '_ {
    rule.fixes.iter().map(move |(wrong, right)| Entry {
        kind: EntryKind::Leader,
        pattern: format!("{}{wrong}", rule.institution),
        suggestions: vec![right.clone()],
        category: Some(rules::leader::INSTITUTION.to_owned()),
        severity: Severity::Error,
        word_check: rule.word_check,
        evasion: false,
        fuzzy: false,
        note: rule.note.clone(),
        ok: Vec::new(),
        bad: Vec::new(),
        lead: rule.institution.len(),
        origin: rule.origin.clone(),
    })
}

/// A target and whether it is written as its folded pattern.
type PlainTarget = (Target, bool);

/// Distinct folded patterns, and for each the targets it stands for.
fn index_patterns<'a>(
    entries: &'a [Entry],
    roster: &'a Roster,
    protected: &'a Protected,
    folder: &Folder,
) -> (Vec<Cow<'a, str>>, Vec<u32>, Vec<PlainTarget>) {
    let mut by_pattern: HashMap<Cow<'a, str>, Vec<PlainTarget>> = HashMap::new();
    let mut patterns: Vec<Cow<'a, str>> = Vec::new();
    let mut add = |raw: &'a str, target: Target| {
        let pattern = folder.fold_str(raw);
        if pattern.is_empty() {
            return;
        }
        let plain = matches!(pattern, Cow::Borrowed(_));
        by_pattern
            .entry(pattern.clone())
            .or_insert_with(|| {
                patterns.push(pattern);
                Vec::new()
            })
            .push((target, plain));
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
        add(&a.text, Target::Anchor(i as u32));
    }
    let mut starts = Vec::with_capacity(patterns.len() + 1);
    let mut targets = Vec::new();
    for p in &patterns {
        starts.push(targets.len() as u32);
        targets.extend(&by_pattern[p]);
    }
    starts.push(targets.len() as u32);
    (patterns, starts, targets)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let shipped = inner.segment_forms(|e| crate::dict::is_shipped(&e.origin));
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
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Linter>();
        check::<LinterBuilder>();
        check::<Finding>();
        check::<Error>();
    }
}
