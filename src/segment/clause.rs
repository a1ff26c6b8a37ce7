//! The clause around a hit: what the boundary checks segment.

use crate::span::Span;

/// At most this many characters on each side of a hit are segmented.
const WINDOW_CHARS: usize = 24;

/// Whether `c` ends a clause for segmentation: punctuation, symbols and white space.
pub(super) fn is_break(c: char) -> bool {
    !crate::chars::is_alphanumeric(c)
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

    #[test]
    fn clause_stops_at_punctuation() {
        let text = "首先，在坐的各位同志：请";
        let start = text.find("在坐").unwrap();
        let clause = clause_around(text, Span::new(start, start + 6));
        assert_eq!(&text[clause], "在坐的各位同志");
    }
}
