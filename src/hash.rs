//! A fast hash for the small integer and character keys of the per-hit lookups (confusable
//! characters, positions of leader mentions). The standard hasher resists collision attacks at
//! some tens of instructions per key; these keys come from our own dictionaries and from offsets,
//! and a lookup sits on the path of every candidate hit.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-rotate hashing of word-sized keys.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    /// An odd constant with its bits spread (from the golden ratio), so that the multiply
    /// carries every key bit into the high bits the hash table reads.
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for WordHasher {
    /// Eight bytes at a time, the last word padded with zeros.
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        }
        if !words.remainder().is_empty() {
            self.add(tail(words.remainder()));
        }
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The bytes of `rest` (fewer than eight) as a little-endian number, read four, two and one
/// at a time: copying them into a word called `memcpy` for every key hashed (the patterns'
/// 20,000 at every start).
#[inline]
fn tail(rest: &[u8]) -> u64 {
    let mut word = 0;
    let mut at = 0;
    if let Some(four) = rest.first_chunk::<4>() {
        word = u64::from(u32::from_le_bytes(*four));
        at = 4;
    }
    if let Some(two) = rest[at..].first_chunk::<2>() {
        word |= u64::from(u16::from_le_bytes(*two)) << (8 * at);
        at += 2;
    }
    if let Some(&one) = rest.get(at) {
        word |= u64::from(one) << (8 * at);
    }
    word
}

/// A hash map with [`WordHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A hash set with [`WordHasher`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<WordHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_maps_work_with_small_keys() {
        let pairs: FastSet<(char, char)> = [('值', '直'), ('识', '式')].into_iter().collect();
        assert!(pairs.contains(&('值', '直')));
        assert!(!pairs.contains(&('直', '值')));
        let mut at: FastMap<usize, usize> = FastMap::default();
        for i in 0..10_000 {
            at.insert(i * 3, i);
        }
        assert_eq!(at.get(&2_997), Some(&999));
        assert_eq!(at.get(&2_998), None);
    }

    /// Bytes of every length up to 40 hash as they did when each word was copied into eight
    /// zeroed bytes (the stored automata's keys depend on it).
    #[test]
    fn bytes_hash_as_words_padded_with_zeros() {
        let mut rng = crate::test_rng::Rng::new(25);
        for len in 0..=40 {
            for _ in 0..20 {
                let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
                let mut want = WordHasher::default();
                for chunk in bytes.chunks(8) {
                    let mut word = [0u8; 8];
                    word[..chunk.len()].copy_from_slice(chunk);
                    want.add(u64::from_le_bytes(word));
                }
                let mut got = WordHasher::default();
                got.write(&bytes);
                assert_eq!(got.finish(), want.finish(), "{bytes:?}");
            }
        }
    }

    #[test]
    fn nearby_keys_spread_over_the_high_bits() {
        // The table picks buckets with the low bits and groups with the top seven: neighbouring
        // offsets must differ in both.
        let hash = |n: usize| {
            let mut h = WordHasher::default();
            h.write_usize(n);
            h.finish()
        };
        let tops: FastSet<u64> = (0..1_000).map(|n| hash(n) >> 57).collect();
        assert!(tops.len() > 64, "{}", tops.len());
        let lows: FastSet<u64> = (0..1_000).map(|n| hash(n) & 1023).collect();
        assert!(lows.len() > 500, "{}", lows.len());
    }
}
