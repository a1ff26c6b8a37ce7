//! Whether a title is written as past: a marker right before it (时任, 原) or an earlier year
//! in its sentence.

use super::{markers, Scene};
use crate::roster::Held;

/// How far back a year may stand and still date a title (2018年……国务院总理李克强).
const HISTORY_CHARS: usize = 120;

impl Scene<'_> {
    /// Whether the words before a title mark it as past (`dictionaries/leader/past-markers.txt`:
    /// 时任, 原, 前, 曾任 …), or an earlier year in the same sentence (2018年，国务院总理李克强…).
    pub(super) fn historical(&self, at: usize, held: &Held) -> bool {
        let before = &self.text[..at];
        let marked = markers::shipped().mark(before);
        if marked {
            return true;
        }
        // The sentence so far, at most the last 120 characters of it.
        let sentence_start = before
            .char_indices()
            .rev()
            .take(HISTORY_CHARS)
            .find(|(_, c)| matches!(c, '。' | '！' | '？' | '\n'))
            .map_or_else(
                || before.char_indices().rev().take(HISTORY_CHARS).last().map_or(0, |(i, _)| i),
                |(i, c)| i + c.len_utf8(),
            );
        let Some(to) = held.to else { return false };
        years(&before[sentence_start..]).any(|y| y <= to.year)
    }
}

/// Four-digit years written as `2018年` in `text`.
fn years(text: &str) -> impl Iterator<Item = i32> + '_ {
    text.match_indices('年').filter_map(move |(i, _)| {
        let digits = &text.as_bytes()[..i];
        let n = digits.len();
        (n >= 4
            && digits[n - 4..].iter().all(u8::is_ascii_digit)
            && !digits.get(n.wrapping_sub(5)).is_some_and(u8::is_ascii_digit))
        .then(|| text[i - 4..i].parse().ok())
        .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_text() {
        let y: Vec<i32> = years("2018年3月，12019年，20年，1998年").collect();
        assert_eq!(y, [2018, 1998]);
    }
}
