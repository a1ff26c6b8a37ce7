//! The characters next to an anchor hit, decoded once for every anchor the hit stands for.

use crate::span::Span;

/// The two characters on each side of a hit, going away from it, decoded once for all the
/// anchors the hit stands for (a fragment such as 人民 anchors many terms), and each side only
/// when an anchor needs it (an anchor that starts its term never looks before the hit).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Neighbours {
    before: Option<[Option<char>; 2]>,
    after: Option<[Option<char>; 2]>,
}

impl Neighbours {
    pub(super) fn before(&mut self, text: &str, hit: Span) -> [Option<char>; 2] {
        *self.before.get_or_insert_with(|| Neighbours::decode_before(text, hit.start))
    }

    pub(super) fn after(&mut self, text: &str, hit: Span) -> [Option<char>; 2] {
        *self.after.get_or_insert_with(|| Neighbours::decode_after(text, hit.end))
    }

    /// The two characters after byte `at`, a character's boundary. Out of line: inlined into
    /// the match callback, the decoding's address arithmetic was hoisted to the start of every
    /// hit, anchor or not.
    #[inline(never)]
    fn decode_after(text: &str, at: usize) -> [Option<char>; 2] {
        match text.as_bytes().get(at..) {
            Some(&[a0, a1, a2, b0, b1, b2, ..]) if is_pair_of_three(a0, b0) => {
                [char3(a0, a1, a2), char3(b0, b1, b2)]
            }
            _ => Neighbours::decode(text[at..].chars()),
        }
    }

    /// The two characters before byte `at`, going back.
    #[inline(never)]
    fn decode_before(text: &str, at: usize) -> [Option<char>; 2] {
        match text.as_bytes().get(..at) {
            Some(&[.., b0, b1, b2, a0, a1, a2]) if is_pair_of_three(a0, b0) => {
                [char3(a0, a1, a2), char3(b0, b1, b2)]
            }
            _ => Neighbours::decode(text[..at].chars().rev()),
        }
    }

    fn decode(mut chars: impl Iterator<Item = char>) -> [Option<char>; 2] {
        [chars.next(), chars.next()]
    }
}

/// Whether `a0` and `b0` both lead characters of three bytes.
#[inline(always)]
pub(super) fn is_pair_of_three(a0: u8, b0: u8) -> bool {
    (a0 & b0 & 0xF0) == 0xE0 && (a0 | b0) & 0x10 == 0
}

/// The code point of the three-byte character `b0 b1 b2`.
#[inline(always)]
pub(super) fn code3(b0: u8, b1: u8, b2: u8) -> u32 {
    (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)
}

/// The three-byte character `b0 b1 b2` of a `str`.
#[inline(always)]
fn char3(b0: u8, b1: u8, b2: u8) -> Option<char> {
    char::from_u32(code3(b0, b1, b2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The neighbours read from the bytes against the characters decoded, on random texts of
    /// characters of every UTF-8 length, at every boundary.
    #[test]
    fn read_from_bytes_as_decoded() {
        let pool: Vec<char> = "人民政府，。a1é\u{20000}\u{FFFD}\u{800}".chars().collect();
        let mut rng = crate::test_rng::Rng::new(43);
        let mut pairs = 0;
        for _ in 0..3000 {
            let text: String = (0..rng.below(7)).map(|_| pool[rng.below(pool.len())]).collect();
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                let mut after = text[at..].chars();
                let want = [after.next(), after.next()];
                assert_eq!(Neighbours::decode_after(&text, at), want, "{text:?} {at}");
                let mut before = text[..at].chars().rev();
                let want = [before.next(), before.next()];
                assert_eq!(Neighbours::decode_before(&text, at), want, "{text:?} {at}");
                pairs += usize::from(want[1].is_some());
            }
        }
        assert!(pairs > 5000, "{pairs}");
    }
}
