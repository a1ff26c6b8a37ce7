//! The review pass: detectors find candidates (the automaton's hits; other detectors may add
//! findings of their own), each family judges its candidates, and every finding then goes
//! through the same allow-list, coverage, severity and finishing steps.

use crate::bytes;
use crate::date::Date;
use crate::dict::{Entry, EntryKind};
use crate::finding::{Evasion, Family, Finding};
use crate::index::Target;
use crate::linter::Inner;
use crate::rules::leader::Mentions;
use crate::rules::{self, Context};
use crate::scratch::{self, Scratch};
use crate::settings::Settings;
use crate::span::{longest_first, LineCounter, Span};
use std::collections::HashMap;
use std::fmt;

/// A source of candidates. The automaton over every dictionary pattern is one; a detector
/// that proposes findings of its own (a statistical model's low-probability spans) is another.
/// Detectors are called once a text, never per character.
pub(crate) trait Detector: fmt::Debug + Send + Sync {
    /// Adds this detector's candidates in `cx.text` to `out`.
    fn detect(&self, cx: &Context<'_>, out: &mut Candidates);
}

/// What the detectors found in one text, before judging.
#[derive(Debug, Default)]
pub(crate) struct Candidates {
    /// Allow-list phrases: findings inside them are dropped.
    pub(crate) allow: Vec<Span>,
    /// Correctly written protected terms (span, entry): typo findings inside them are dropped.
    pub(crate) protected: Vec<(Span, u32)>,
    /// Hits of typo, sensitive and leader entries (entry, span), judged by their family.
    pub(crate) entries: Vec<(u32, Span)>,
    /// Hits of roster names, misspelled names and titles.
    pub(crate) mentions: Mentions,
    /// Plausible near-misses of protected terms (anchor, span).
    pub(crate) anchors: Vec<(u32, Span)>,
    /// Findings a detector judged itself.
    pub(crate) proposed: Vec<Finding>,
}

impl Candidates {
    /// Makes room for the candidates of a text of `len` bytes, so that the lists that grow
    /// with its length are not moved to fresh pages as they grow: correctly written protected
    /// terms, one in 200 to 450 bytes of official prose, and near-misses, one in some 2,000
    /// (room a large text does not use costs no page).
    fn make_room(&mut self, len: usize) {
        self.protected.reserve(len / 128);
        self.anchors.reserve(len / 512);
    }
}

/// Checks one text as of `date`, in working memory kept from earlier reviews.
pub(crate) fn review(inner: &Inner, settings: &Settings, text: &str, date: Date) -> Vec<Finding> {
    let mut scratch = scratch::take();
    let findings = review_in(inner, settings, text, date, &mut scratch);
    scratch::give(scratch);
    findings
}

/// Checks one text as of `date` in `scratch`, whose lists are emptied first.
fn review_in(
    inner: &Inner,
    settings: &Settings,
    text: &str,
    date: Date,
    scratch: &mut Scratch,
) -> Vec<Finding> {
    scratch.clear();
    let segmenter = || inner.segmenter();
    let cx = Context { text, as_of: date, segmenter: &segmenter, bans: Default::default() };
    let found = &mut scratch.candidates;
    found.make_room(text.len());
    Automaton(inner).detect(&cx, found);
    for detector in &inner.detectors {
        detector.detect(&cx, found);
    }
    let allowed = Cover::new(std::mem::take(&mut found.allow));
    // The automaton finds matches in the order of their ends: sorted by end, the terms need
    // no sort for the cover nor for the near-misses' clashes.
    if !found.protected.is_sorted_by_key(|(s, _)| s.end) {
        found.protected.sort_unstable_by_key(|(s, _)| s.end);
    }
    let terms = found.protected.iter().map(|(s, _)| *s);
    let correct_terms = Cover::of_sorted_in(terms, std::mem::take(&mut scratch.cover));
    let mut findings = judge_entries(inner, &found.entries, &cx, &allowed, &correct_terms);
    if !found.anchors.is_empty() {
        // The terms are named by entry, not copied with their texts (a megabyte for a large
        // text).
        let exact = (&found.protected[..], |id: &u32| inner.entries[*id as usize].pattern.as_str());
        findings.extend(inner.protected.judge(&cx, &found.anchors, exact, &allowed));
    }
    // Sized for lines of 128 bytes (official prose averages about 180), so that a post's
    // starts are seldom moved as they grow.
    let line_starts = &mut scratch.line_starts;
    line_starts.reserve(text.len() / 128 + 1);
    if let Some(format) = &inner.format {
        format.check_in(text, &mut findings, line_starts, &mut scratch.outline);
    }
    let mentions = std::mem::take(&mut found.mentions);
    let mut leader = Vec::new();
    // Titles alone count too: a name the roster does not know may follow one (国务院副总理赵志刚).
    if !mentions.names.is_empty() || !mentions.variants.is_empty() || !mentions.titles.is_empty() {
        leader = rules::leader::judge_mentions(&inner.roster, mentions, &cx);
    }
    let proposed = found.proposed.drain(..);
    findings.extend(proposed.filter(|f| f.family != Family::Typo || !correct_terms.covers(f.span)));
    if !leader.is_empty() {
        yield_to_leaders(&mut findings, &leader);
        findings.extend(leader);
    }
    let kept = findings.into_iter().filter(|f| !allowed.covers(f.span));
    let findings = finish(text, kept.filter_map(|f| settings.apply(f)).collect(), line_starts);
    scratch.cover = correct_terms.into_parts();
    findings
}

/// Drops the typo findings over the very span of a leader finding: the leader family knows who
/// is named, and a typo entry's correction may make a title he does not hold (王沪宁付主席: the
/// typo list's 副主席, where he is 全国政协主席).
fn yield_to_leaders(findings: &mut Vec<Finding>, leader: &[Finding]) {
    findings.retain(|f| f.family != Family::Typo || !leader.iter().any(|l| l.span == f.span));
}

/// The automaton over every pattern: one scan that folds as it walks the text (or, for the
/// engines that cannot, one scan of the folded text, each hit mapped back), each hit sorted to
/// its targets.
#[derive(Debug)]
struct Automaton<'i>(&'i Inner);

impl Detector for Automaton<'_> {
    fn detect(&self, cx: &Context<'_>, out: &mut Candidates) {
        let inner = self.0;
        let text = cx.text;
        if let Some(walk) = inner.matcher.walk(text) {
            walk.for_each_hit(|pattern, span, unchanged| {
                sort_pattern_hit(inner, text, pattern, span, unchanged, out);
            });
        } else {
            let folded = inner.folder.fold_text(text);
            for (pattern, folded_span) in inner.matcher.matches(&folded.text) {
                let (span, unchanged) = folded.map_back(folded_span);
                sort_pattern_hit(inner, text, pattern, span, unchanged, out);
            }
        }
        crate::rules::protected::in_hit_order(&mut out.anchors);
    }
}

/// Files one hit of `pattern` at `span` of the original (`unchanged`: folding changed nothing
/// in it) for each of its targets.
#[inline(always)]
fn sort_pattern_hit(
    inner: &Inner,
    text: &str,
    pattern: u32,
    span: Span,
    unchanged: bool,
    out: &mut Candidates,
) {
    for &(target, plain) in inner.index.targets_of(pattern) {
        // Judged at once, while the text around the hit is in the cache: most anchor hits are
        // common fragments (国家, 委员会) that one look rejects.
        if let Target::Anchors(g) = target {
            let group = inner.index.anchor_group(g);
            let folded = (unchanged, &*inner.folder);
            inner.protected.sift_hit(text, span, group, folded, &mut out.anchors);
            continue;
        }
        // Folded matches count only for entries that ask for them. A target written as its
        // pattern is matched exactly where folding changed nothing in the match.
        let exact = match plain && unchanged {
            true => true,
            false => crate::normalize::same_but_invisible(&text[span], inner.raw(target)),
        };
        sort_hit(inner, text, target, span, exact, out);
    }
}

/// Files one hit of `target` among the candidates.
fn sort_hit(
    inner: &Inner,
    text: &str,
    target: Target,
    span: Span,
    exact: bool,
    out: &mut Candidates,
) {
    match target {
        Target::Entry(id) => {
            let entry = &inner.entries[id as usize];
            if !exact && !entry.evasion && entry.kind != EntryKind::Allow {
                return;
            }
            match entry.kind {
                EntryKind::Allow => out.allow.push(span),
                EntryKind::Protected => out.protected.push((span, id)),
                _ => out.entries.push((id, span)),
            }
        }
        // A title spaced out to align a signature block (总　理) is still one.
        Target::Title(a) => {
            if exact || rules::leader::spaced_out(&text[span], inner.raw(target)) {
                out.mentions.titles.push((a, span));
            }
        }
        _ if !exact => {}
        Target::Name(p) => out.mentions.names.push((p, span)),
        Target::Variant(v) => {
            out.mentions.variants.push((inner.roster.variants[v as usize].1, span))
        }
        // Sifted by the caller.
        Target::Anchors(_) => {}
    }
}

/// Judges the entry hits not inside an allowed phrase (nor, for typos, inside a correctly
/// written protected term) by their family.
fn judge_entries(
    inner: &Inner,
    hits: &[(u32, Span)],
    cx: &Context<'_>,
    allowed: &Cover,
    correct_terms: &Cover,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for &(id, span) in hits {
        let entry = &inner.entries[id as usize];
        if allowed.covers(span) || (entry.kind == EntryKind::Typo && correct_terms.covers(span)) {
            continue;
        }
        findings.extend(judge_entry(inner, entry, span, cx));
    }
    findings
}

/// Judges one entry hit: the evasion it took, whole words, then its family's judge.
fn judge_entry(inner: &Inner, entry: &Entry, span: Span, cx: &Context<'_>) -> Option<Finding> {
    let text = cx.text;
    // The whole match is what an evasion report describes.
    // An entry that looks for disguises reports invisible marks as one; for the others they
    // are an editor's leftovers, and the match is the entry as written.
    let found = &text[span];
    let evasion = if bytes::eq(found.as_bytes(), entry.pattern.as_bytes()) {
        None
    } else if let Some(e) = inner.evasion(entry, found).filter(|_| entry.evasion) {
        Some(e)
    } else if crate::normalize::same_but_invisible(found, &entry.pattern) {
        None
    } else {
        return None;
    };
    // A text of a time before the entry's norm is written by the norms of its time.
    if entry.since.is_some_and(|since| cx.day_of(span) < since) {
        return None;
    }
    // Only the reported part must be whole words: 县政协|主任 segments as 县政协/主任.
    let span = Span::new(span.start + entry.lead, span.end);
    if splits_latin_word(text, span) || (entry.word_check && !cx.is_whole_words(span)) {
        return None;
    }
    // Every word-level typo entry (two or three characters), marked `check=word` or not: its
    // characters may belong to real words around it (干部|们 read as 部们).
    let word_level = (2..=3).contains(&text[span].chars().count());
    if entry.kind == EntryKind::Typo && word_level && cx.crosses_word(span) {
        return None;
    }
    // A transliterated or personal name is written as its bearer writes it.
    if entry.kind == EntryKind::Typo && crate::names::inside_name(text, span) {
        return None;
    }
    let finding = match entry.kind {
        EntryKind::Typo => rules::typo::judge(entry, span, cx),
        EntryKind::Sensitive => rules::sensitive::judge(entry, span, cx),
        EntryKind::Leader => rules::leader::judge_form(entry, span, cx),
        EntryKind::Allow | EntryKind::Protected => None,
    };
    finding.map(|f| with_evasion(f, evasion))
}

/// The longest run of noise characters allowed between two characters of an evasion entry.
const MAX_NOISE_RUN: usize = 3;

impl Inner {
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
}

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
pub(crate) struct Cover {
    /// The spans' ends, sorted.
    ends: Vec<usize>,
    /// `min_start[i]` is the smallest start among the spans from the `i`th by end on.
    min_start: Vec<usize>,
}

impl Cover {
    /// The cover of `spans`, sorted by end first unless they are (as the automaton finds them).
    pub(crate) fn new(mut spans: Vec<Span>) -> Cover {
        if !spans.is_sorted_by_key(|s| s.end) {
            spans.sort_unstable_by_key(|s| s.end);
        }
        Cover::of_sorted_in(spans.iter().copied(), Default::default())
    }

    /// [`Cover::of_sorted_in`] in lists of its own.
    #[cfg(test)]
    fn of_sorted(spans: impl ExactSizeIterator<Item = Span> + Clone) -> Cover {
        Cover::of_sorted_in(spans, Default::default())
    }

    /// The cover of `spans` sorted by end, made without a copy of them (the correctly written
    /// terms of a large text are some 40,000, a megabyte of fresh pages copied), in the lists
    /// given (emptied first), which [`Cover::into_parts`] gives back. The ends and the starts
    /// are taken in two passes over `spans`, each list filled without a test of its room at
    /// every span.
    fn of_sorted_in(
        spans: impl ExactSizeIterator<Item = Span> + Clone,
        (mut ends, mut min_start): (Vec<usize>, Vec<usize>),
    ) -> Cover {
        ends.clear();
        min_start.clear();
        ends.extend(spans.clone().map(|s| s.end));
        min_start.extend(spans.map(|s| s.start));
        debug_assert!(ends.is_sorted(), "spans not sorted by end");
        let mut least = usize::MAX;
        for start in min_start.iter_mut().rev() {
            least = least.min(*start);
            *start = least;
        }
        Cover { ends, min_start }
    }

    /// The cover's lists, for the next cover.
    fn into_parts(self) -> (Vec<usize>, Vec<usize>) {
        (self.ends, self.min_start)
    }

    /// Whether one of the spans starts at or before `span` and ends at or after it.
    pub(crate) fn covers(&self, span: Span) -> bool {
        let n = self.ends.partition_point(|&end| end < span.end);
        self.min_start.get(n).is_some_and(|&start| start <= span.start)
    }
}

/// Keeps the longest of overlapping findings within a family, sorts by position and fills in
/// line and column, from `line_starts` when the format rules found the text's lines (else it
/// is empty and line ends are searched for).
fn finish(text: &str, findings: Vec<Finding>, line_starts: &[u32]) -> Vec<Finding> {
    let findings = crate::address::outside(text, findings);
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
        // Rules with no entry behind them (the format family's) say so.
        f.source.get_or_insert_with(crate::source::Source::rule);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::{review_in, Cover};
    use crate::scratch::Scratch;
    use crate::span::Span;
    use crate::{Date, Family, Linter};

    /// Lines with findings of every family, and clean ones.
    const LINES: [&str; 5] = [
        include_str!("../tests/fixtures/typo/positive-words.txt"),
        include_str!("../tests/fixtures/format/positive.txt"),
        include_str!("../tests/fixtures/protected/positive.txt"),
        include_str!("../tests/fixtures/leader/positive.txt"),
        include_str!("../tests/fixtures/sensitive/negative.txt"),
    ];

    /// What ends a line of a random text (or joins it to the next).
    const ENDS: [&str; 4] = ["\n", "\r\n", "", "\n\n"];

    /// Working memory kept from text to text gives the findings fresh memory gives, over
    /// random texts checked one after another, large ones (headings, terms, lines by the
    /// hundred) then small ones.
    #[test]
    fn kept_memory_finds_what_fresh_memory_finds() {
        let lines: Vec<&str> = LINES.iter().flat_map(|f| f.lines()).collect();
        let linter = Linter::builder().model(false).build().unwrap();
        let (inner, settings) = (&*linter.inner, &*linter.settings);
        let day = Date::new(2026, 3, 1).unwrap();
        let mut rng = crate::test_rng::Rng::new(29);
        let mut kept = Scratch::default();
        for round in 0..40 {
            let count = if round % 2 == 0 { 200 + rng.below(400) } else { rng.below(4) };
            let mut text = String::new();
            for _ in 0..count {
                text.push_str(lines[rng.below(lines.len())]);
                text.push_str(ENDS[rng.below(ENDS.len())]);
            }
            let fresh = review_in(inner, settings, &text, day, &mut Scratch::default());
            let again = review_in(inner, settings, &text, day, &mut kept);
            assert_eq!(again, fresh, "round {round}");
            assert!(round % 2 == 1 || !fresh.is_empty(), "round {round} found nothing");
        }
        // The kept memory did grow to a large text's size, and kept it.
        assert!(kept.line_starts.capacity() > 200, "{}", kept.line_starts.capacity());
    }

    /// The cover against a search of every span, over random sets of spans in any order.
    #[test]
    fn cover_answers_as_every_span_does() {
        let mut rng = crate::test_rng::Rng::new(13);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..2000 {
            let spans: Vec<Span> = (0..next(12))
                .map(|_| {
                    let start = next(40);
                    Span::new(start, start + 1 + next(10))
                })
                .collect();
            let mut by_end = spans.clone();
            by_end.sort_by_key(|s| s.end);
            let (cover, sorted) = (Cover::new(spans.clone()), Cover::of_sorted(by_end.into_iter()));
            for start in 0..50 {
                for end in start + 1..start + 12 {
                    let span = Span::new(start, end);
                    let want = spans.iter().any(|s| s.contains(span));
                    assert_eq!(cover.covers(span), want, "{spans:?} {span:?}");
                    assert_eq!(sorted.covers(span), want, "{spans:?} {span:?}");
                }
            }
        }
    }

    #[test]
    fn a_leader_finding_takes_the_span_from_a_typo() {
        let linter = Linter::builder().model(false).build().unwrap();
        let day = Date::new(2026, 3, 1).unwrap();
        let found = linter.check_as_of("王沪宁付主席出席会议。", day);
        let what: Vec<(Family, &str, &[String])> =
            found.iter().map(|f| (f.family, f.text.as_str(), f.suggestions.as_slice())).collect();
        assert_eq!(what, [(Family::Leader, "付主席", &["主席".to_owned()][..])]);
        // Without a leader before it, the typo list's correction stands.
        let found = linter.check_as_of("在各级政协领导班子中付主席不少于50%。", day);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].family, found[0].suggestions[0].as_str()), (Family::Typo, "副主席"));
    }

    #[test]
    fn an_entry_counts_from_its_since_date() {
        let mut builder = Linter::builder();
        let dict =
            "!family sensitive\n!category discrimination\n残废人\t残疾人\tsince=1990-12-28\n";
        let linter = builder.model(false).builtin(false).add_dictionary("old.tsv", dict);
        let linter = linter.unwrap().build().unwrap();
        let text = "对残废人给予补助。";
        let day = |y| Date::new(y, 6, 30).unwrap();
        assert!(linter.check_as_of(text, day(1953)).is_empty());
        assert_eq!(linter.check_as_of(text, day(2020)).len(), 1);
        // An issuing line of 1953 reprinted in a text checked as of 2020 is of its own time.
        let reprint = "（1953年1月2日政务院发布）\n对残废人给予补助。\n";
        assert_eq!(linter.check_as_of(reprint, day(2020)).len(), 1);
        let issued = "（1953年1月2日政务院发布对残废人给予补助的办法）\n";
        assert!(linter.check_as_of(issued, day(2020)).is_empty());
    }

    #[test]
    fn a_former_name_in_an_issuing_line_of_its_time() {
        let linter = Linter::builder().model(false).build().unwrap();
        let day = Date::new(2019, 6, 30).unwrap();
        let issued = "（1982年12月3日中国民用航空总局发布）\n第一条　为了加强管理，制定本规定。\n";
        assert!(
            linter.check_as_of(issued, day).is_empty(),
            "{:?}",
            linter.check_as_of(issued, day)
        );
        let now = "本规定由中国民用航空总局负责解释。\n";
        let found = linter.check_as_of(now, day);
        assert!(found.iter().any(|f| f.text == "中国民用航空总局"), "{found:?}");
    }

    #[test]
    fn a_bad_since_date_names_the_line() {
        let mut builder = Linter::builder();
        let dict = "!family typo\n甲乙\t甲丙\tsince=1990-13-01\n";
        let Err(err) = builder.add_dictionary("old.tsv", dict) else { panic!("no error") };
        let err = err.to_string();
        assert!(err.contains("old.tsv:2"), "{err}");
    }
}
