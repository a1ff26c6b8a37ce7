//! What other rules may ask the model: is the text more likely with a replacement at a span?
//! A dictionary candidate whose context check is undecided (a wrong form whose characters also
//! meet across a word boundary) can be confirmed or dropped by the answer.

use super::table::{Table, ORDER};
use super::Model;
use crate::span::Span;

/// The most characters of a span or replacement the model compares (longer ones are words
/// the character model has no say on).
const LONGEST: usize = 8;
/// Characters on each side that the n-grams around the span can see.
const SIDE: usize = ORDER - 1;

impl Model {
    /// How many times more likely (log10) the model finds `text` with `replacement` in place of
    /// `text[span]`, judged on the characters around the span up to white space: positive when
    /// it prefers the replacement, negative when it prefers the original, near 0 when it cannot
    /// tell. `None` when the span is empty, not on character boundaries or outside `text`, or
    /// when either side is empty or longer than eight characters.
    ///
    /// A margin of about 1 (ten times more likely) is weak evidence; the typo rule's own
    /// findings need 2.5 or more to be warnings.
    // Asked by the typo rules' judges; unused in a build where none asks yet.
    #[allow(dead_code)]
    pub(crate) fn preference(&self, text: &str, span: Span, replacement: &str) -> Option<f32> {
        let original = text.get(span.start..span.end)?;
        let before = text.get(..span.start)?;
        let after = text.get(span.end..)?;
        let mut window = Window::default();
        window.left(before);
        let start = window.len;
        let with = window.score_with(&self.table, start, original, after)?;
        let without = window.score_with(&self.table, start, replacement, after)?;
        Some(without - with)
    }
}

/// A few characters on the stack: the left context, then one side of the comparison and the
/// right context.
#[derive(Default)]
struct Window {
    chars: [char; SIDE + LONGEST + SIDE],
    len: usize,
}

impl Window {
    /// Takes up to `SIDE` characters from the end of `before`, stopping at white space.
    fn left(&mut self, before: &str) {
        let taken = before.chars().rev().take_while(|c| !c.is_whitespace()).take(SIDE);
        let mut buffer = ['\0'; SIDE];
        let mut n = 0;
        for c in taken {
            buffer[n] = c;
            n += 1;
        }
        for (k, &c) in buffer[..n].iter().rev().enumerate() {
            self.chars[k] = c;
        }
        self.len = n;
    }

    /// Puts `middle` and the start of `after` from `start` on, and sums the log10
    /// probabilities of every character from `start` on.
    fn score_with(
        &mut self,
        table: &Table,
        start: usize,
        middle: &str,
        after: &str,
    ) -> Option<f32> {
        let mut n = start;
        for c in middle.chars() {
            if n == start + LONGEST {
                return None;
            }
            self.chars[n] = c;
            n += 1;
        }
        if n == start {
            return None;
        }
        for c in after.chars().take_while(|c| !c.is_whitespace()).take(SIDE) {
            self.chars[n] = c;
            n += 1;
        }
        let chars = &self.chars[..n];
        Some((start..n).map(|j| table.log_prob(chars, j)).sum())
    }
}

#[cfg(all(test, feature = "model"))]
mod tests {
    use super::*;

    /// The preference for `replacement` over the first `original` in `text`.
    #[track_caller]
    fn preference(text: &str, original: &str, replacement: &str) -> f32 {
        let start = text.find(original).expect("in the text");
        let span = Span::new(start, start + original.len());
        Model::embedded().preference(text, span, replacement).expect("a comparison")
    }

    #[test]
    fn prefers_the_right_word_and_keeps_the_right_one() {
        assert!(preference("持续优化营商环竟，激发活力", "竟", "境") > 2.0);
        assert!(preference("持续优化营商环境，激发活力", "境", "竟") < -2.0);
        // Word-level: a two-character replacement.
        assert!(preference("各地要认真布署落实", "布署", "部署") > 1.0);
        assert!(preference("各地要认真部署落实", "部署", "布署") < -1.0);
    }

    #[test]
    fn replacement_of_another_length() {
        // Dropping two characters of a common name makes the text less likely.
        let p = preference("认真贯彻落实党中央决策部署", "党中央", "党");
        assert!(p < 0.0, "{p}");
    }

    #[test]
    fn bad_spans_and_replacements_have_no_answer() {
        let model = Model::embedded();
        let text = "营商环境";
        assert_eq!(model.preference(text, Span::new(1, 3), "竟"), None);
        assert_eq!(model.preference(text, Span::new(9, 9), "竟"), None);
        assert_eq!(model.preference(text, Span::new(9, 12), ""), None);
        assert_eq!(model.preference(text, Span::new(9, 15), "竟"), None);
        assert_eq!(model.preference(text, Span::new(0, 12), "一二三四五六七八九"), None);
    }

    #[test]
    fn white_space_bounds_the_context() {
        // The context stops at the space, so what lies beyond it cannot matter.
        let a = preference("营商环竟 甲乙", "竟", "境");
        let b = preference("营商环竟 丙丁", "竟", "境");
        assert_eq!(a, b);
    }
}
