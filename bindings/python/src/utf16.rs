//! The UTF-16 offsets of a text's findings (`start_utf16`, `end_utf16`), counted over the
//! pieces of text between one finding and the next.
//!
//! Those pieces are mostly shorter than the blocks the library's counter
//! (`sanshen::Utf16Counter`) takes sixteen bytes at a time, so it counted nearly every byte
//! of a post one at a time: a tenth of the time the calling thread of `check_many` spent on
//! the records. Here every piece is counted in runs of [`RUN`] bytes whose per-byte counts fit
//! in a byte, a loop the compiler turns into vector instructions whatever the length.

/// Bytes counted before their counts (at most two a byte) are added up: 2 × 127 fits a `u8`.
const RUN: usize = 127;

/// UTF-16 offsets of byte offsets of one text, visiting the text once when asked in
/// increasing order (an offset before the last one asked starts again from the text's start).
pub(crate) struct Utf16<'t> {
    text: &'t str,
    byte: usize,
    units: usize,
}

impl<'t> Utf16<'t> {
    /// A counter over `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        Utf16 { text, byte: 0, units: 0 }
    }

    /// The UTF-16 offset of byte offset `at` (a char boundary; past the end counts as the end).
    pub(crate) fn at(&mut self, at: usize) -> usize {
        if at < self.byte {
            (self.byte, self.units) = (0, 0);
        }
        let at = at.min(self.text.len());
        self.units += units(self.text.as_bytes().get(self.byte..at).unwrap_or_default());
        self.byte = at;
        self.units
    }
}

/// The UTF-16 code units of the UTF-8 `bytes`: one for each byte that starts a character
/// (not `10xxxxxx`), and one more for each that starts a four-byte one (from U+10000 on).
pub(crate) fn units(bytes: &[u8]) -> usize {
    bytes
        .chunks(RUN)
        .map(|run| {
            let count = run.iter().fold(0u8, |n, &b| {
                n.wrapping_add(u8::from((b as i8) >= -64)).wrapping_add(u8::from(b >= 0xF0))
            });
            usize::from(count)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<String> {
        let mixed = "🇨🇳各单位 要再接再励，认真布署。abc\n𠀀é".repeat(23);
        vec![String::new(), "a".into(), "布署".into(), "😀".repeat(200), mixed, "x".repeat(1000)]
    }

    #[test]
    fn units_are_those_of_the_utf16_encoding() {
        for s in samples() {
            assert_eq!(units(s.as_bytes()), s.encode_utf16().count(), "{s}");
        }
    }

    #[test]
    fn offsets_agree_with_the_encoding_in_any_order() {
        for s in samples() {
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let mut counter = Utf16::new(&s);
            // Increasing, then back to the start and forward in strides, then past the end.
            let strided = bounds.iter().step_by(7).chain(bounds.iter().rev().step_by(5));
            for &at in bounds.iter().chain(strided) {
                assert_eq!(counter.at(at), s[..at].encode_utf16().count(), "{s} at {at}");
            }
            assert_eq!(counter.at(s.len() + 10), s.encode_utf16().count());
        }
    }
}
