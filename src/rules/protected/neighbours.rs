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
        *self.before.get_or_insert_with(|| Neighbours::decode(text[..hit.start].chars().rev()))
    }

    pub(super) fn after(&mut self, text: &str, hit: Span) -> [Option<char>; 2] {
        *self.after.get_or_insert_with(|| Neighbours::decode(text[hit.end..].chars()))
    }

    /// Out of line: inlined into the match callback, the decoding's address arithmetic was
    /// hoisted to the start of every hit, anchor or not.
    #[inline(never)]
    fn decode(mut chars: impl Iterator<Item = char>) -> [Option<char>; 2] {
        [chars.next(), chars.next()]
    }
}
