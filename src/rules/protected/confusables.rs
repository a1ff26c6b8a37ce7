//! The table of confusable character pairs of the protected terms.

use crate::hash::FastSet;

/// Pairs of confusable characters behind a bit filter: nearly every pair asked about is not in
/// the table, and a multiply and a load turn it away without hashing.
#[derive(Clone, Debug)]
pub(super) struct Confusables {
    pairs: FastSet<(char, char)>,
    /// One bit per slot of [`Confusables::slot`], set when a pair in the table falls there.
    filter: Box<[u64; 1024]>,
}

impl Default for Confusables {
    fn default() -> Self {
        Confusables { pairs: FastSet::default(), filter: Box::new([0; 1024]) }
    }
}

impl Confusables {
    /// Room for `more` pairs at once.
    pub(super) fn reserve(&mut self, more: usize) {
        self.pairs.reserve(more);
    }

    /// One of 65,536 slots for the pair.
    fn slot((a, b): (char, char)) -> usize {
        let key = (u64::from(a) << 21) | u64::from(b);
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
    }

    pub(super) fn insert(&mut self, pair: (char, char)) {
        let slot = Confusables::slot(pair);
        self.filter[slot / 64] |= 1 << (slot % 64);
        self.pairs.insert(pair);
    }

    /// Every pair (character of a term, character written for it), in no particular order.
    pub(super) fn pairs(&self) -> impl Iterator<Item = (char, char)> + '_ {
        self.pairs.iter().copied()
    }

    pub(super) fn contains(&self, pair: &(char, char)) -> bool {
        let slot = Confusables::slot(*pair);
        self.filter[slot / 64] & (1 << (slot % 64)) != 0 && self.pairs.contains(pair)
    }
}
