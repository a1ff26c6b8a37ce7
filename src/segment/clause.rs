//! The clause around a hit: what the boundary checks segment.

use crate::span::Span;

/// At most this many characters on each side of a hit are segmented.
const WINDOW_CHARS: usize = 24;

/// Whether `c` ends a clause for segmentation: punctuation, symbols and white space.
pub(super) fn is_break(c: char) -> bool {
    !crate::chars::is_alphanumeric(c)
}

/// Whether `b0 b1` lead a unified ideograph (U+4E00 to U+9FFF, three bytes), which never
/// ends a clause.
#[inline(always)]
fn leads_ideograph(b0: u8, b1: u8) -> bool {
    matches!(b0, 0xE5..=0xE9) || (b0 == 0xE4 && b1 >= 0xB8)
}

/// The clause containing `span`, cut at punctuation and at most [`WINDOW_CHARS`] characters
/// on each side. The unified ideographs, nearly every character of the clause, are stepped
/// over by their bytes; any other character is decoded.
pub(crate) fn clause_around(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let mut start = span.start;
    for _ in 0..WINDOW_CHARS {
        if start >= 3 && leads_ideograph(bytes[start - 3], bytes[start - 2]) {
            start -= 3;
            continue;
        }
        match text[..start].chars().next_back() {
            Some(c) if !is_break(c) => start -= c.len_utf8(),
            _ => break,
        }
    }
    let mut end = span.end;
    for _ in 0..WINDOW_CHARS {
        if end + 3 <= bytes.len() && leads_ideograph(bytes[end], bytes[end + 1]) {
            end += 3;
            continue;
        }
        match text[end..].chars().next() {
            Some(c) if !is_break(c) => end += c.len_utf8(),
            _ => break,
        }
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

    /// The clause as found a character at a time, every character decoded.
    fn clause_by_chars(text: &str, span: Span) -> Span {
        let mut start = span.start;
        for (n, (i, c)) in text[..span.start].char_indices().rev().enumerate() {
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

    /// The clause stepped over by bytes against the one by characters, over random texts of
    /// ideographs at the edges of the range, CJK characters outside it, symbols, punctuation,
    /// letters and characters of every UTF-8 length, long runs and short, at every span.
    #[test]
    fn clause_by_bytes_as_by_characters() {
        let pool: Vec<char> =
            "一鿿人民丁〇㐀䷀䷿䶿乀，。、 a1é\u{20000}\u{2F800}\u{3000}\u{FF10}\u{1F600}"
                .chars()
                .collect();
        let mut rng = crate::test_rng::Rng::new(89);
        let mut wide = 0;
        for _ in 0..3000 {
            let len = if rng.below(3) == 0 { 40 + rng.below(40) } else { rng.below(12) };
            let ideographs = rng.below(2) == 0;
            let text: String = (0..len)
                .map(|_| match ideographs && rng.below(8) != 0 {
                    true => ['人', '民', '一', '鿿'][rng.below(4)],
                    false => pool[rng.below(pool.len())],
                })
                .collect();
            let bounds: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for _ in 0..10 {
                let (a, b) = (bounds[rng.below(bounds.len())], bounds[rng.below(bounds.len())]);
                let span = Span::new(a.min(b), a.max(b));
                let want = clause_by_chars(&text, span);
                assert_eq!(clause_around(&text, span), want, "{text:?} {span:?}");
                wide += usize::from(want.len() > span.len() + 60);
            }
        }
        assert!(wide > 1000, "{wide}");
    }
}
