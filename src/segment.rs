//! Word segmentation around a candidate hit, to tell a real misspelling from characters that
//! meet across a word boundary (在坐的各位 vs 在坐车).
//!
//! The segmenter is built lazily, only when a hit that needs the check is found, and it only
//! ever segments the clause around the hit, never the whole text.

use crate::span::Span;
use jieba_rs::Jieba;

/// At most this many characters on each side of a hit are segmented.
const WINDOW_CHARS: usize = 24;

/// jieba-rs with the dictionary's own words added.
pub(crate) struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").finish_non_exhaustive()
    }
}

/// The compact lexicon (`dictionaries/segment/README.md`): loads in a fraction of the time of
/// jieba's full dictionary and cuts the same around the hits that need it.
static LEXICON: &str = include_str!("../dictionaries/segment/lexicon.txt");

impl Segmenter {
    /// The compact lexicon (or, with `full`, jieba's default dictionary) plus `words`: the
    /// dictionary's wrong forms and corrections (no frequency: jieba gives one just high enough
    /// to keep the word whole when nothing better competes) and the `word` lines, whose
    /// frequency, if given, is used as is.
    pub(crate) fn new<'a>(
        words: impl IntoIterator<Item = (&'a str, Option<usize>)>,
        full: bool,
    ) -> Segmenter {
        let mut jieba = if full {
            Jieba::new()
        } else {
            // The lexicon is shipped and checked by the test suite.
            Jieba::with_dict(&mut LEXICON.as_bytes()).unwrap_or_else(|_| Jieba::new())
        };
        for (word, freq) in words {
            if freq.is_some() || !jieba.has_word(word) {
                jieba.add_word(word, freq, None);
            }
        }
        Segmenter { jieba }
    }

    /// Whether `span` of `text` begins and ends on word boundaries when the clause around it
    /// is segmented.
    pub(crate) fn is_whole_words(&self, text: &str, span: Span) -> bool {
        let window = clause_around(text, span);
        let (start, end) = (span.start - window.start, span.end - window.start);
        let mut start_ok = start == 0;
        let mut end_ok = end == window.len();
        for token in self.jieba.cut(&text[window], false) {
            start_ok |= token.byte_start == start;
            end_ok |= token.byte_end == end;
            if token.byte_start > end {
                break;
            }
        }
        start_ok && end_ok
    }
}

/// Whether `c` ends a clause for segmentation: punctuation, symbols and white space.
fn is_break(c: char) -> bool {
    !c.is_alphanumeric()
}

/// The clause containing `span`, cut at punctuation and at most [`WINDOW_CHARS`] characters
/// on each side.
pub(crate) fn clause_around(text: &str, span: Span) -> Span {
    let before = &text[..span.start];
    let mut start = span.start;
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if n == WINDOW_CHARS || is_break(c) {
            break;
        }
        start = i;
    }
    let mut end = span.end;
    for (n, (i, c)) in text[span.end..].char_indices().enumerate() {
        if n == WINDOW_CHARS || is_break(c) {
            break;
        }
        end = span.end + i + c.len_utf8();
    }
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static SEG: LazyLock<Segmenter> = LazyLock::new(|| {
        let words = ["在坐", "在座", "做为", "作为"].map(|w| (w, None));
        Segmenter::new(words.into_iter().chain([("为人民服务", Some(50_000))]), false)
    });

    #[track_caller]
    fn whole(text: &str, part: &str) -> bool {
        let start = text.find(part).unwrap();
        SEG.is_whole_words(text, Span::new(start, start + part.len()))
    }

    #[test]
    fn clause_stops_at_punctuation() {
        let text = "首先，在坐的各位同志：请";
        let start = text.find("在坐").unwrap();
        let clause = clause_around(text, Span::new(start, start + 6));
        assert_eq!(&text[clause], "在坐的各位同志");
    }

    #[test]
    fn boundaries_decide() {
        assert!(whole("在坐的各位领导", "在坐"));
        assert!(!whole("他们在坐车回家", "在坐"));
        assert!(whole("做为一名党员", "做为"));
        assert!(!whole("全心全意做为人民服务的事", "做为"));
    }
}
