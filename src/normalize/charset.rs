//! A set of characters for the build: the Basic Multilingual Plane as bits, the few
//! characters beyond it hashed. The characters of every pattern go into one at each start, to
//! restrict the folding table to them ([`Folder::restrict_to`](super::Folder::restrict_to)):
//! as a hash set sized for a third of the patterns' bytes, that step took 3.0 M instructions of
//! a start (1.9 M with the bits).

use crate::hash::FastSet;

/// Characters below U+10000 as one bit each (8 KiB).
const BMP_WORDS: usize = 0x1_0000 / 64;

/// A set of characters.
#[derive(Clone, Debug)]
pub(crate) struct CharSet {
    bmp: Vec<u64>,
    beyond: FastSet<char>,
}

impl Default for CharSet {
    fn default() -> CharSet {
        CharSet { bmp: vec![0; BMP_WORDS], beyond: FastSet::default() }
    }
}

impl CharSet {
    /// Adds `c`.
    #[inline]
    pub(crate) fn insert(&mut self, c: char) {
        let n = c as usize;
        match self.bmp.get_mut(n / 64) {
            Some(word) => *word |= 1 << (n % 64),
            None => {
                self.beyond.insert(c);
            }
        }
    }

    /// Whether `c` is in the set.
    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let n = c as usize;
        match self.bmp.get(n / 64) {
            Some(word) => word >> (n % 64) & 1 == 1,
            None => self.beyond.contains(&c),
        }
    }
}

impl Extend<char> for CharSet {
    fn extend<I: IntoIterator<Item = char>>(&mut self, chars: I) {
        chars.into_iter().for_each(|c| self.insert(c));
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(chars: I) -> CharSet {
        let mut set = CharSet::default();
        set.extend(chars);
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Random characters from every plane and the edges between the bit words and planes, in
    /// and out of the set, against a hash set.
    #[test]
    fn holds_what_a_hash_set_holds() {
        let mut rng = crate::test_rng::Rng::new(25);
        let edges = ['\0', '?', '@', '\u{7f}', '国', '\u{ffff}', '\u{10000}', '\u{10ffff}'];
        let any = |rng: &mut crate::test_rng::Rng| match rng.below(3) {
            0 => *rng.pick(&edges),
            1 => char::from_u32(0x4e00 + rng.below(200) as u32).expect("an ideograph"),
            _ => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
        };
        for round in 0..200 {
            let chars: Vec<char> = (0..rng.below(300)).map(|_| any(&mut rng)).collect();
            let set: CharSet = chars.iter().copied().collect();
            let want: HashSet<char> = chars.iter().copied().collect();
            for c in chars.iter().copied().chain((0..300).map(|_| any(&mut rng))) {
                assert_eq!(set.contains(c), want.contains(&c), "round {round}: {c:?}");
            }
        }
    }
}
