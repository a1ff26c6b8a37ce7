//! The scan: find characters the model finds unlikely, try their confusion candidates, and keep
//! a candidate that makes the text around it much more likely.
//!
//! Cheap filters come first: most characters are plainly likely after their context and get no
//! candidates; a candidate never seen next to either neighbour is dropped; the rest are ranked
//! on the two positions they touch most before the full window is scored for the best few.

use super::candidates::Kind;
use super::table::ORDER;
use super::{Model, Suspect, Tuning};
use crate::span::Span;

/// Candidates scored on the full window after the quick ranking.
const FULL: usize = 3;

/// A run of text between white space: its characters and their byte offsets.
struct Run {
    chars: Vec<char>,
    starts: Vec<usize>,
    end: usize,
}

impl Run {
    fn span(&self, i: usize) -> Span {
        let end = self.starts.get(i + 1).copied().unwrap_or(self.end);
        Span::new(self.starts[i], end)
    }
}

/// The runs of non-space characters of `text`.
fn runs(text: &str) -> impl Iterator<Item = Run> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while iter.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let mut run = Run { chars: Vec::new(), starts: Vec::new(), end: 0 };
        while let Some((i, c)) = iter.next_if(|(_, c)| !c.is_whitespace()) {
            run.chars.push(c);
            run.starts.push(i);
            run.end = i + c.len_utf8();
        }
        (!run.chars.is_empty()).then_some(run)
    })
}

/// Appends to `out` every suspect of `text` whose margin reaches `floor`, skipping characters
/// `skip` covers.
pub(crate) fn scan(
    model: &Model,
    tuning: &Tuning,
    text: &str,
    skip: &dyn Fn(Span) -> bool,
    out: &mut Vec<Suspect>,
) {
    let mut candidates = Vec::new();
    for mut run in runs(text) {
        let table = &model.table;
        let mut probs: Vec<f32> =
            (0..run.chars.len()).map(|j| table.log_prob(&run.chars, j)).collect();
        for i in 0..run.chars.len() {
            let c = run.chars[i];
            if probs[i] >= tuning.gate || !model.confusions.knows(c) {
                continue;
            }
            if probs[i] - table.unigram(c) >= tuning.lift {
                continue;
            }
            let span = run.span(i);
            if proper_name(&run.chars, i) || skip(span) || model.idioms.covers(&run.chars, i) {
                continue;
            }
            model.confusions.candidates(run.chars[i], &mut candidates);
            let Some((with, margin, kind)) =
                best(model, tuning, &mut run.chars, &probs, i, &candidates)
            else {
                continue;
            };
            if margin < tuning.floor {
                continue;
            }
            let confidence = tuning.confidence(margin);
            out.push(Suspect { span, suggestion: with.to_string(), confidence, margin, kind });
            // Read on as if corrected, so the wrong character's effect on its neighbours does
            // not make them suspects too.
            run.chars[i] = with;
            let end = (i + ORDER).min(run.chars.len());
            for (j, p) in probs.iter_mut().enumerate().take(end).skip(i) {
                *p = table.log_prob(&run.chars, j);
            }
        }
    }
}

/// Whether `chars[i]` is part of a name the n-grams cannot know: a surname before 某 (张某,
/// 王某某) or the two characters before a place's 市, 县, 区, 镇, 乡 or 村 (石狮市).
fn proper_name(chars: &[char], i: usize) -> bool {
    let place = |j: usize| chars.get(j).is_some_and(|c| "市县区镇乡村".contains(*c));
    chars.get(i + 1) == Some(&'某') || place(i + 1) || place(i + 2)
}

/// The best candidate for position `i`: the character, its margin (log10 gain of the window
/// less the kind's penalty) and kind.
fn best(
    model: &Model,
    tuning: &Tuning,
    chars: &mut [char],
    probs: &[f32],
    i: usize,
    candidates: &[(char, Kind)],
) -> Option<(char, f32, Kind)> {
    let table = &model.table;
    let original = chars[i];
    let left = i.checked_sub(1).map(|j| chars[j]);
    let right = chars.get(i + 1).copied();
    let end = (i + ORDER).min(chars.len());
    let quick_end = (i + 2).min(chars.len());
    let base_quick: f32 = probs[i..quick_end].iter().sum();
    let mut ranked: Vec<(f32, char, Kind)> = Vec::new();
    for &(c, kind) in candidates {
        if super::candidates::alternation(original, c) {
            continue;
        }
        let seen = left.is_some_and(|l| table.has_bigram(l, c))
            || right.is_some_and(|r| table.has_bigram(c, r));
        if !seen {
            continue;
        }
        chars[i] = c;
        let quick: f32 = (i..quick_end).map(|j| table.log_prob(chars, j)).sum();
        ranked.push((quick - base_quick - tuning.penalty(kind), c, kind));
    }
    ranked.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    let base: f32 = probs[i..end].iter().sum();
    let mut found: Option<(char, f32, Kind)> = None;
    for &(_, c, kind) in ranked.iter().take(FULL) {
        chars[i] = c;
        let gain = (i..end).map(|j| table.log_prob(chars, j)).sum::<f32>() - base;
        let margin = gain - tuning.penalty(kind);
        if found.is_none_or(|f| margin > f.1) {
            found = Some((c, margin, kind));
        }
    }
    chars[i] = original;
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
    fn runs_split_at_white_space() {
        let text = " 甲乙\u{3000}丙 ";
        let got: Vec<(String, Span)> =
            runs(text).map(|r| (r.chars.iter().collect(), Span::new(r.starts[0], r.end))).collect();
        assert_eq!(
            got,
            [("甲乙".to_owned(), Span::new(1, 7)), ("丙".to_owned(), Span::new(10, 13))]
        );
    }
}
