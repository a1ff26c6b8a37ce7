//! The scan: find characters the model finds unlikely, try their confusion candidates, and keep
//! a candidate that makes the text around it much more likely.
//!
//! Cheap filters come first, so that most characters are never scored:
//! - a character the confusion sets do not know, or that is plainly likely after its context,
//!   gets no candidates (one or two lookups for most characters), nor one that, with the
//!   character after it, is not unusually unlikely (a wrong character mostly makes the next
//!   one unlikely too): about one character in twenty-five of official prose passes;
//! - a position where no replacement could reach the floor is skipped: a replacement can at
//!   most raise every log-probability of the window it touches to 0, so the window's own sum
//!   bounds the margin (exact: it loses nothing above the floor);
//! - a candidate never seen next to either neighbour is dropped, and the rest are ranked by the
//!   probabilities of those two bigrams (which the filter looked up anyway); only the best few
//!   are scored on the positions they touch most, and the best of those on the full window.
//!
//! The buffers live as long as the scan, so no window allocates.

use super::candidates::Kind;
use super::guards;
use super::table::{Carry, Key, Memo, Table, ORDER};
use super::{Around, Model, Suspect, Tuning, Words, OWN_LOWEST};
use crate::span::Span;

/// The best replacement found at a position: its characters (one, or two for a word), margin
/// and kind.
#[derive(Clone, Copy, Debug)]
struct Best {
    with: [char; 2],
    width: usize,
    margin: f32,
    kind: Kind,
}

/// The characters of a run of text between white space with their byte offsets, the
/// log-probability of each after its context and the length of the longest n-gram of the table
/// that ends at it (both computed in one walk along the run, see [`Table::log_prob_after`]).
#[derive(Default)]
struct Run {
    chars: Vec<char>,
    starts: Vec<usize>,
    end: usize,
    probs: Vec<f32>,
    orders: Vec<Carry>,
    /// The table's answers, kept through the scan.
    memo: Memo,
}

impl Run {
    /// Fills the run with the next one of `text` from `*at`; false when none is left.
    fn fill(&mut self, text: &str, at: &mut usize) -> bool {
        self.chars.clear();
        self.starts.clear();
        let rest = &text[*at..];
        let Some(skip) = rest.find(|c: char| !c.is_whitespace()) else {
            *at = text.len();
            return false;
        };
        let from = *at + skip;
        for (i, c) in text[from..].char_indices() {
            if c.is_whitespace() {
                break;
            }
            self.chars.push(c);
            self.starts.push(from + i);
            self.end = from + i + c.len_utf8();
        }
        *at = self.end;
        true
    }

    /// Fills the run with the next one of `text` and scores every character of it.
    fn fill_scored(&mut self, table: &Table, text: &str, at: &mut usize) -> bool {
        if !self.fill(text, at) {
            return false;
        }
        let n = self.chars.len();
        self.probs.resize(n, 0.0);
        self.orders.resize(n, Carry::START);
        self.rescore(table, 0, n);
        true
    }

    /// Scores the characters `from..to` again, after a change from `from` on (those after
    /// `to` must not see it).
    fn rescore(&mut self, table: &Table, from: usize, to: usize) {
        let mut before = self.before(from);
        for j in from..to {
            (self.probs[j], before) = table.log_prob_memo(&mut self.memo, &self.chars, j, before);
            self.orders[j] = before;
        }
    }

    /// The longest n-gram of the table that ends before `i`.
    fn before(&self, i: usize) -> Carry {
        i.checked_sub(1).map_or(Carry::START, |j| self.orders[j])
    }

    fn span(&self, i: usize, width: usize) -> Span {
        let end = self.starts.get(i + width).copied().unwrap_or(self.end);
        Span::new(self.starts[i], end)
    }

    /// The sum of the log-probabilities of `from..to` as the run reads now.
    fn sum(&self, from: usize, to: usize) -> f32 {
        self.probs[from..to].iter().sum()
    }

    /// The same sum with `with` in place of the characters from `i` on, the run left as it was.
    #[cfg(test)]
    fn sum_with(&mut self, table: &Table, i: usize, with: &[char], to: usize) -> f32 {
        self.walk_with(table, i, with, Walk { to: i, sum: 0.0, before: self.before(i) }, to).sum
    }

    /// `walk` (a sum with `with` in place of the characters from `i` on, up to `walk.to`)
    /// carried on up to `to`; the run is left as it was.
    fn walk_with(&mut self, table: &Table, i: usize, with: &[char], walk: Walk, to: usize) -> Walk {
        let mut saved = ['\0'; 2];
        saved[..with.len()].copy_from_slice(&self.chars[i..i + with.len()]);
        self.chars[i..i + with.len()].copy_from_slice(with);
        let Walk { mut sum, mut before, .. } = walk;
        for j in walk.to..to {
            let p;
            (p, before) = table.log_prob_memo(&mut self.memo, &self.chars, j, before);
            sum += p;
        }
        self.chars[i..i + with.len()].copy_from_slice(&saved[..with.len()]);
        Walk { to, sum, before }
    }
}

/// A sum of log-probabilities up to a character (not included), and the longest n-gram of the
/// table that ends before it.
#[derive(Clone, Copy, Debug)]
struct Walk {
    to: usize,
    sum: f32,
    before: Carry,
}

/// A candidate in the ranking: its score so far, characters, kind and the walk that scored it.
#[derive(Clone, Copy, Debug)]
struct Ranked {
    score: f32,
    with: [char; 2],
    kind: Kind,
    walk: Walk,
}

impl Ranked {
    fn new(score: f32, with: [char; 2], kind: Kind) -> Ranked {
        Ranked { score, with, kind, walk: Walk { to: 0, sum: 0.0, before: Carry::START } }
    }
}

/// Buffers reused through the scan, and its counts.
#[derive(Default)]
struct Scratch {
    run: Run,
    words: Vec<[char; 2]>,
    ranked: Vec<Ranked>,
    /// The candidates of a position the bitmap lets through, the keys of their bigrams and
    /// what the table says of each.
    pending: Vec<Pending>,
    keys: Vec<u64>,
    seen: Vec<Option<f32>>,
    stats: Stats,
}

/// How much work a scan did (for the benchmarks and the tuning of the filters).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Characters scanned.
    pub positions: usize,
    /// Positions that passed the probability gate.
    pub gated: usize,
    /// Positions whose window could still reach the floor, and got candidates.
    pub bounded: usize,
    /// Candidates that passed the bigram filter.
    pub candidates: usize,
    /// Candidates scored on their nearest positions.
    pub scored: usize,
}

/// Appends to `out` every suspect of `text` whose margin reaches `floor`, skipping characters
/// `skip` covers.
pub(crate) fn scan(
    model: &Model,
    tuning: &Tuning,
    text: &str,
    skip: &dyn Fn(Span) -> bool,
    out: &mut Vec<Suspect>,
) -> Stats {
    let mut s = Scratch::default();
    s.run.memo = Memo::for_text(text.len());
    let (mut at, mut found) = (0, out.len());
    // Names (transliterations, a person after 被告人 or before 称) are not second-guessed.
    // They are asked only where a replacement was found: few positions get that far.
    let named = |span: Span| inside_name(text, span) || guards::case_number(text, span);
    while s.run.fill_scored(&model.table, text, &mut at) {
        s.stats.positions += s.run.chars.len();
        scan_run(model, tuning, &mut s, (skip, &named), out);
        for suspect in &mut out[found..] {
            if guards::deliberate(text, suspect.span, &suspect.suggestion) {
                suspect.confidence = tuning.doubted(suspect.confidence, guards::DELIBERATE);
            }
        }
        found = out.len();
    }
    s.stats
}

/// For every character of `text`: its span, its log-probability after its context, its own
/// frequency's and the log-probabilities of the four characters after it (0 past the run's
/// end), as the scan's filters see them (for the tuning of the filters).
pub(crate) fn features(model: &Model, text: &str) -> Vec<(Span, [f32; 6])> {
    let table = &model.table;
    let (mut run, mut at, mut out) = (Run::default(), 0, Vec::new());
    while run.fill_scored(table, text, &mut at) {
        let n = run.chars.len();
        for i in 0..n {
            let mut f = [0.0; 6];
            f[0] = run.probs[i];
            f[1] = table.unigram(run.chars[i]);
            for k in 1..ORDER {
                if i + k < n {
                    f[1 + k] = run.probs[i + k];
                }
            }
            out.push((run.span(i, 1), f));
        }
    }
    out
}

/// The characters a scan leaves alone: those the caller covers, and names (asked last).
type Skips<'a> = (&'a dyn Fn(Span) -> bool, &'a dyn Fn(Span) -> bool);

fn scan_run(
    model: &Model,
    tuning: &Tuning,
    s: &mut Scratch,
    skips: Skips<'_>,
    out: &mut Vec<Suspect>,
) {
    let n = s.run.chars.len();
    let mut i = 0;
    while i < n {
        let Some(best) = judge_position(model, tuning, s, skips, i) else {
            i += 1;
            continue;
        };
        let span = s.run.span(i, best.width);
        let suggestion: String = best.with[..best.width].iter().collect();
        let words = Words {
            written: (i..i + best.width).any(|j| in_a_word(&s.run.chars, j, 1)),
            corrected: corrected_in_a_word(&s.run.chars, i, &best),
        };
        let place = around(&s.run, i, best.width);
        let confidence = tuning.confidence(best.margin, best.kind, words, &place);
        let (margin, kind) = (best.margin, best.kind);
        let around = [
            place.context(margin + tuning.penalty(kind)),
            place.before.min(0.0),
            place.own.max(OWN_LOWEST),
        ];
        out.push(Suspect { span, suggestion, confidence, margin, kind, around });
        // Read on as if corrected, so the wrong character's effect on its neighbours does
        // not make them suspects too.
        s.run.chars[i..i + best.width].copy_from_slice(&best.with[..best.width]);
        let end = (i + best.width + ORDER - 1).min(n);
        s.run.rescore(&model.table, i, end);
        i += best.width;
    }
}

/// The best replacement at position `i` when the filters let it through and its margin reaches
/// the floor.
fn judge_position(
    model: &Model,
    tuning: &Tuning,
    s: &mut Scratch,
    (skip, named): Skips<'_>,
    i: usize,
) -> Option<Best> {
    let table = &model.table;
    // The probabilities of the run are there already; the confusion sets and the character's
    // own frequency are looked up only for the few unlikely characters.
    let p = s.run.probs[i];
    if p >= tuning.gate {
        return None;
    }
    // A wrong character mostly makes the next one unlikely too.
    let n = s.run.chars.len();
    let next = s.run.probs.get(i + 1).copied().unwrap_or(0.0);
    let c = s.run.chars[i];
    if p + next >= tuning.local || !model.confusions.knows(c) || p - table.unigram(c) >= tuning.lift
    {
        return None;
    }
    s.stats.gated += 1;
    // The most any replacement can gain: every log-probability it touches raised to 0.
    let reach = |width: usize| (i + width + ORDER - 1).min(n);
    let char_bound = -s.run.sum(i, reach(1));
    let word_bound = -s.run.sum(i, reach(2)) - tuning.penalty(Kind::Word);
    // The lowest margin that can still reach the reported confidence here, for a character
    // and for a word.
    let for_chars = Tuning { floor: tuning.floor_at(&around(&s.run, i, 1)), ..*tuning };
    let for_words = Tuning { floor: tuning.floor_at(&around(&s.run, i, 2)), ..*tuning };
    if char_bound < for_chars.floor && word_bound < for_words.floor {
        return None;
    }
    if proper_name(&s.run.chars, i) || skip(s.run.span(i, 1)) {
        return None;
    }
    s.stats.bounded += 1;
    let mut found = match char_bound >= for_chars.floor {
        true => best_char(model, &for_chars, s, i),
        false => None,
    };
    let word = match word_bound >= for_words.floor {
        true => best_word(model, &for_words, s, skip, i),
        false => None,
    };
    let word = word.filter(|_| !named(s.run.span(i + 1, 1)));
    if let Some(w) = word {
        if found.is_none_or(|f| w.margin > f.margin) {
            found = Some(w);
        }
    }
    // Idioms last: few positions get this far with a candidate.
    found.filter(|f| {
        f.margin >= if f.width == 1 { for_chars.floor } else { for_words.floor }
            && !model.idioms().covers(&s.run.chars, i)
            && !named(s.run.span(i, 1))
    })
}

/// What the calibration reads around position `i` of the run as it reads now, for a
/// replacement of `width` characters.
fn around(run: &Run, i: usize, width: usize) -> Around {
    let end = (i + width + ORDER - 1).min(run.chars.len());
    let from = i.saturating_sub(3);
    let before = if i > from { run.sum(from, i) / (i - from) as f32 } else { 0.0 };
    Around { window: run.sum(i, end), len: end - i, before, own: run.probs[i] }
}

/// Whether `span` lies in a name `src/names.rs` recognises (for the model: with divisions and
/// people where a person is spoken of), judged on the 32 characters either
/// side (all its rules look at, and the scan asks at many places of a long text).
fn inside_name(text: &str, span: Span) -> bool {
    let from = text[..span.start].char_indices().rev().nth(31).map_or(0, |(i, _)| i);
    let to = text[span.end..].char_indices().nth(32).map_or(text.len(), |(i, _)| span.end + i);
    let local = Span::new(span.start - from, span.end - from);
    crate::names::inside_proper_name(&text[from..to], local)
}

/// Whether `chars[i]` is part of a name the n-grams cannot know: a surname before 某 (张某,
/// 王某某) or the two characters before a place's 市, 县, 区, 镇, 乡 or 村 (石狮市).
/// Nor is a capital numeral (人民币叁万元).
fn proper_name(chars: &[char], i: usize) -> bool {
    let place = |j: usize| chars.get(j).is_some_and(|c| "市县区镇乡村".contains(*c));
    chars.get(i + 1) == Some(&'某') || place(i + 1) || place(i + 2) || guards::numeral(chars[i])
}

/// The best one-character candidate for position `i`.
fn best_char(model: &Model, tuning: &Tuning, s: &mut Scratch, i: usize) -> Option<Best> {
    seen_candidates(model, tuning, s, i);
    s.stats.candidates += s.ranked.len();
    let keep = tuning.shortlist.max(1);
    if s.ranked.len() > keep {
        s.ranked.select_nth_unstable_by(keep - 1, |a, b| b.score.total_cmp(&a.score));
        s.ranked.truncate(keep);
    }
    rank_and_score(model, tuning, s, i, 1)
}

/// A candidate of a position: the keys of its bigrams with the left and right neighbours, and
/// whether the bitmap may have seen each.
#[derive(Clone, Copy, Debug)]
struct Pending {
    with: char,
    kind: Kind,
    keys: [u64; 2],
    maybe: [bool; 2],
}

/// Puts in `s.ranked` the candidates for position `i` seen next to either neighbour, scored by
/// the probabilities of those two bigrams less their kind's penalty, in the order of the
/// confusion sets. The bitmap drops most; the bigrams of the rest are looked up together.
/// Each step runs over all the candidates before the next, so that the reads of the bitmap,
/// then those of the table, do not wait one for another.
fn seen_candidates(model: &Model, tuning: &Tuning, s: &mut Scratch, i: usize) {
    let table = &model.table;
    let original = s.run.chars[i];
    let left = i.checked_sub(1).map(|j| s.run.chars[j]);
    let right = s.run.chars.get(i + 1).map(|&r| Key::new(r));
    let alternates = super::candidates::alternates(original);
    s.pending.clear();
    s.keys.clear();
    s.seen.clear();
    s.ranked.clear();
    for (c, kind) in model.confusions.candidates(original) {
        if alternates && super::candidates::alternation(original, c) {
            continue;
        }
        let keys =
            [left.map_or(0, |l| Table::bigram_key(l, c)), right.map_or(0, |r| r.then(c).hash())];
        s.pending.push(Pending { with: c, kind, keys, maybe: [false; 2] });
    }
    let sides = [left.is_some(), right.is_some()];
    for p in &mut s.pending {
        p.maybe = [sides[0] && table.may_have(p.keys[0]), sides[1] && table.may_have(p.keys[1])];
    }
    s.pending.retain(|p| p.maybe[0] || p.maybe[1]);
    for p in &s.pending {
        s.keys.extend((0..2).filter(|&side| p.maybe[side]).map(|side| p.keys[side]));
    }
    table.bigrams(&s.keys, &mut s.seen);
    let mut seen = s.seen.iter().copied();
    for p in &s.pending {
        let after_left = if p.maybe[0] { seen.next().flatten() } else { None };
        let before_right = if p.maybe[1] { seen.next().flatten() } else { None };
        if after_left.is_none() && before_right.is_none() {
            continue;
        }
        let cheap = after_left.unwrap_or(UNSEEN) + before_right.unwrap_or(UNSEEN);
        s.ranked.push(Ranked::new(cheap - tuning.penalty(p.kind), [p.with, '\0'], p.kind));
    }
}

/// The log-probability counted for a side whose bigram was never seen, in the quick ranking.
const UNSEEN: f32 = -5.0;

/// The best two-character word for the pair at `i` (the pair's second character is not
/// skipped either).
fn best_word(
    model: &Model,
    tuning: &Tuning,
    s: &mut Scratch,
    skip: &dyn Fn(Span) -> bool,
    i: usize,
) -> Option<Best> {
    let (a, b) = (s.run.chars[i], *s.run.chars.get(i + 1)?);
    if proper_name(&s.run.chars, i + 1) || skip(s.run.span(i + 1, 1)) {
        return None;
    }
    model.confusions.words(a, b, &mut s.words);
    if s.words.is_empty() {
        return None;
    }
    s.ranked.clear();
    s.ranked.extend(s.words.iter().map(|&w| Ranked::new(0.0, w, Kind::Word)));
    let best = rank_and_score(model, tuning, s, i, 2)?;
    let chars = &s.run.chars;
    (best.margin >= tuning.floor
        && !model.idioms().covers(chars, i + 1)
        && !inside_word(chars, i)
        && !guards::quoted(chars, i)
        && !guards::firm(chars, i)
        && !guards::listed(chars, i))
    .then_some(best)
}

/// Whether the pair at `i` lies inside a word of the segmentation lexicon of two to four
/// characters (砥砺, 沉甸甸): a pair that is a word, or part of one, is not a slip of two
/// characters.
fn inside_word(chars: &[char], i: usize) -> bool {
    in_a_word(chars, i, 2)
}

/// Whether the characters `i..i + width` lie in a word of the segmentation lexicon of two to
/// four characters (the written form or the correction reads as a word: 监官 does not,
/// 监管 does).
fn in_a_word(chars: &[char], i: usize, width: usize) -> bool {
    let mut buffer = [0u8; 16];
    for start in i.saturating_sub(3)..=i {
        for end in (i + width).max(start + 2)..=(start + 4).min(chars.len()) {
            let mut len = 0;
            for c in &chars[start..end] {
                len += c.encode_utf8(&mut buffer[len..]).len();
            }
            if std::str::from_utf8(&buffer[..len]).is_ok_and(crate::segment::is_word) {
                return true;
            }
        }
    }
    false
}

/// [`in_a_word`] for position `i` with `best` in place.
fn corrected_in_a_word(chars: &[char], i: usize, best: &Best) -> bool {
    let from = i.saturating_sub(3);
    let to = (i + best.width + 3).min(chars.len());
    let mut around = ['\0'; 8];
    let around = &mut around[..to - from];
    around.copy_from_slice(&chars[from..to]);
    around[i - from..i - from + best.width].copy_from_slice(&best.with[..best.width]);
    in_a_word(around, i - from, best.width)
}

/// Ranks `s.ranked` on the positions each candidate (of `width` characters at `i`) touches
/// first, then scores the best few on the full window, unless even raising every probability
/// left to 1 could not bring a candidate to the floor.
fn rank_and_score(
    model: &Model,
    tuning: &Tuning,
    s: &mut Scratch,
    i: usize,
    width: usize,
) -> Option<Best> {
    let table = &model.table;
    let n = s.run.chars.len();
    let quick_end = (i + width + 1).min(n);
    let end = (i + width + ORDER - 1).min(n);
    let base_quick = s.run.sum(i, quick_end);
    let start = Walk { to: i, sum: 0.0, before: s.run.before(i) };
    s.stats.scored += s.ranked.len();
    for k in 0..s.ranked.len() {
        let r = s.ranked[k];
        let walk = s.run.walk_with(table, i, &r.with[..width], start, quick_end);
        s.ranked[k].score = walk.sum - base_quick - tuning.penalty(r.kind);
        s.ranked[k].walk = walk;
    }
    s.ranked.sort_unstable_by(|a, b| b.score.total_cmp(&a.score));
    let base = s.run.sum(i, end);
    let rest = s.run.sum(quick_end, end);
    let mut found: Option<Best> = None;
    for k in 0..s.ranked.len().min(tuning.full) {
        let r = s.ranked[k];
        if r.score - rest < tuning.floor {
            continue;
        }
        let gain = s.run.walk_with(table, i, &r.with[..width], r.walk, end).sum - base;
        let margin = gain - tuning.penalty(r.kind);
        if found.is_none_or(|f| margin > f.margin) {
            found = Some(Best { with: r.with, width, margin, kind: r.kind });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_before_mou_and_place_words() {
        let chars: Vec<char> = "证人俞某到石狮市".chars().collect();
        let names: Vec<usize> = (0..chars.len()).filter(|&i| proper_name(&chars, i)).collect();
        assert_eq!(names, [2, 5, 6]);
    }

    #[test]
    fn pairs_inside_words() {
        let chars: Vec<char> = "沉甸甸的使命，砥砺奋斗，锦荣监管".chars().collect();
        let inside: Vec<usize> = (0..chars.len() - 1).filter(|&i| inside_word(&chars, i)).collect();
        // 沉甸, 甸甸, 使命, 砥砺, 奋斗, 监管 (and 的使 is no word).
        for i in [0, 1, 4, 7, 9, 14] {
            assert!(inside.contains(&i), "{i}: {inside:?}");
        }
        assert!(!inside.contains(&12), "锦荣: {inside:?}");
    }

    #[test]
    fn written_forms_and_corrections_read_as_words_or_not() {
        let chars: Vec<char> = "加强安全生产监官".chars().collect();
        assert!(!in_a_word(&chars, 7, 1), "监官 is no word");
        assert!(in_a_word(&chars, 2, 1), "安 lies in 安全");
        let best = Best { with: ['管', '\0'], width: 1, margin: 5.0, kind: Kind::Shape };
        assert!(corrected_in_a_word(&chars, 7, &best), "监管 is a word");
        let best = Best { with: ['监', '\0'], width: 1, margin: 5.0, kind: Kind::Shape };
        assert!(!corrected_in_a_word(&chars, 7, &best), "监监 is no word");
    }

    #[test]
    fn names_are_judged_on_their_surroundings() {
        let text = format!("{}被告人洪锋犯抢劫罪{}", "甲".repeat(100), "乙".repeat(100));
        let at = text.find("洪锋").unwrap();
        assert!(inside_name(&text, Span::new(at, at + 6)));
        let at = text.find("抢").unwrap();
        assert!(!inside_name(&text, Span::new(at, at + 3)));
    }

    #[test]
    fn runs_split_at_white_space() {
        let text = " 甲乙\u{3000}丙 ";
        let (mut run, mut at, mut got) = (Run::default(), 0, Vec::new());
        while run.fill(text, &mut at) {
            got.push((run.chars.iter().collect::<String>(), Span::new(run.starts[0], run.end)));
        }
        assert_eq!(
            got,
            [("甲乙".to_owned(), Span::new(1, 7)), ("丙".to_owned(), Span::new(10, 13))]
        );
    }

    #[test]
    #[cfg(feature = "model")]
    fn replacements_leave_the_run_as_it_was() {
        let table = &Model::embedded().table;
        let mut run = Run::default();
        assert!(run.fill_scored(table, "营商环竟好", &mut 0));
        let before = run.sum(0, 5);
        let with = run.sum_with(table, 2, &['境', '境'], 5);
        assert_ne!(with, before);
        assert_eq!(run.chars.iter().collect::<String>(), "营商环竟好");
        assert_eq!(run.sum(0, 5), before);
    }

    /// The candidates of a position in the way the scan asks the table of them one by one:
    /// those seen next to a neighbour, with the probabilities of the two bigrams less their
    /// kind's penalty as their quick score.
    fn one_by_one(model: &Model, tuning: &Tuning, chars: &[char], i: usize) -> Vec<(char, f32)> {
        let table = &model.table;
        let left = i.checked_sub(1).map(|j| chars[j]);
        let right = chars.get(i + 1).copied();
        let mut out = Vec::new();
        for (c, kind) in model.confusions.candidates(chars[i]) {
            if super::super::candidates::alternation(chars[i], c) {
                continue;
            }
            let after_left = left.and_then(|l| table.bigram(l, c));
            let before_right = right.and_then(|r| table.bigram(c, r));
            if after_left.is_some() || before_right.is_some() {
                let cheap = after_left.unwrap_or(UNSEEN) + before_right.unwrap_or(UNSEEN);
                out.push((c, cheap - tuning.penalty(kind)));
            }
        }
        out
    }

    /// The bitmap and the lookups of a position's bigrams made together drop no candidate the
    /// table has seen beside a neighbour, and score each as one lookup at a time does.
    #[test]
    #[cfg(feature = "model")]
    fn candidates_looked_up_together_are_those_asked_one_by_one() {
        let model = Model::embedded();
        let tuning = Tuning::DEFAULT;
        let text = "国务院关于进一步优化营商环竟的意见，加强安全生产监官，提升服务效律。\
                    各地区各部门要做好统筹协调，地方政府或有关部门依法作出决定，他们的工作得到肯定";
        let mut s = Scratch::default();
        assert!(s.run.fill_scored(&model.table, text, &mut 0));
        let mut total = 0;
        for i in 0..s.run.chars.len() {
            seen_candidates(model, &tuning, &mut s, i);
            let got: Vec<(char, f32)> = s.ranked.iter().map(|r| (r.with[0], r.score)).collect();
            assert_eq!(got, one_by_one(model, &tuning, &s.run.chars, i), "{i}");
            total += got.len();
        }
        assert!(total > 200, "{total}");
    }

    /// The calibration's reading of a position: nothing before the run's first character, and
    /// a window cut short at the run's end.
    #[test]
    #[cfg(feature = "model")]
    fn around_reads_the_run_as_it_is() {
        let table = &Model::embedded().table;
        let mut run = Run::default();
        assert!(run.fill_scored(table, "营商环竟好", &mut 0));
        let first = around(&run, 0, 1);
        assert_eq!((first.before, first.len), (0.0, 5));
        let last = around(&run, 4, 1);
        assert_eq!((last.window, last.len), (run.probs[4], 1));
        assert!((last.before - run.sum(1, 4) / 3.0).abs() < 1e-6);
        assert_eq!(around(&run, 2, 2).len, 3);
    }

    /// The walk along a run, which skips the n-grams the one before rules out, gives every
    /// character the probability the full lookup gives it, with and without a replacement.
    #[test]
    #[cfg(feature = "model")]
    fn the_walk_agrees_with_the_full_lookup() {
        let table = &Model::embedded().table;
        let text =
            "国务院关于进一步优化营商环竟的意见，加强安全生产监官，提升服务效律。Ａ股2024年共计\
                    𠀀𠀁人民群众，锦荣监管，深化“放管服”改革";
        let mut run = Run::default();
        assert!(run.fill_scored(table, text, &mut 0));
        let n = run.chars.len();
        for j in 0..n {
            assert_eq!(run.probs[j], table.log_prob(&run.chars, j), "{j}: {}", run.chars[j]);
        }
        for i in 0..n - 1 {
            let with = ['境', '管'];
            let to = (i + 2 + ORDER).min(n);
            let walked = run.sum_with(table, i, &with, to);
            let mut replaced = run.chars.clone();
            replaced[i..i + 2].copy_from_slice(&with);
            let full: f32 = (i..to).map(|j| table.log_prob(&replaced, j)).sum();
            assert!((walked - full).abs() < 1e-4, "{i}: {walked} vs {full}");
        }
    }
}
