//! The n-gram table: a read-only view of `dictionaries/model/ngram.bin` (layout in
//! `tools/train_model.py`), read in place, and the backoff probability of a character after
//! its context.

use thiserror::Error;

/// Why a model file cannot be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TableError {
    /// The file does not start with the model's header.
    #[error("model file: not a sanshen n-gram model (bad header)")]
    Header,
    /// The header announces more slots than the file holds.
    #[error("model file: {slots} slots announced, room for {room}")]
    Truncated {
        /// Slots the header announces.
        slots: usize,
        /// Slots the file holds.
        room: usize,
    },
}

const HEADER: usize = 32;
const SLOT: usize = 6;
/// The longest n-gram.
pub(crate) const ORDER: usize = 5;

/// A character n-gram model in backoff form, keyed by a hash of each n-gram.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Table {
    slots: &'static [u8],
    /// One bit for every bigram seen (`bigrams.bin`); empty when none was given.
    seen: &'static [u8],
    /// 64 less the log2 of the bit count.
    seen_shift: u32,
    capacity: u64,
    prob_step: f32,
    backoff_step: f32,
    unknown: f32,
}

/// One n-gram found in the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Entry {
    /// log10 of its probability.
    pub(crate) prob: f32,
    /// log10 of its backoff weight as a context (0 where it is none).
    pub(crate) backoff: f32,
}

impl Table {
    /// Reads the header and borrows the slots.
    pub(crate) fn parse(bytes: &'static [u8]) -> Result<Table, TableError> {
        if bytes.len() < HEADER || &bytes[..4] != b"SSLM" || word(bytes, 4) != 1 {
            return Err(TableError::Header);
        }
        if word(bytes, 8) as usize != ORDER {
            return Err(TableError::Header);
        }
        let capacity = u64::from(word(bytes, 12));
        let room = (bytes.len() - HEADER) / SLOT;
        let slots = capacity as usize;
        if room < slots || capacity == 0 {
            return Err(TableError::Truncated { slots, room });
        }
        let float = |at| f32::from_bits(word(bytes, at));
        Ok(Table {
            slots: &bytes[HEADER..HEADER + room * SLOT],
            seen: &[],
            seen_shift: 64,
            capacity,
            prob_step: float(20),
            backoff_step: float(24),
            unknown: float(28),
        })
    }

    /// The table with the bitmap of its bigrams (`bigrams.bin`, written by
    /// `tools/train_model.py`; an empty file leaves the table without one).
    pub(crate) fn with_bigrams(mut self, bytes: &'static [u8]) -> Result<Table, TableError> {
        if bytes.is_empty() {
            return Ok(self);
        }
        if bytes.len() < 12 || &bytes[..4] != b"SSBG" || word(bytes, 4) != 1 {
            return Err(TableError::Header);
        }
        let log2 = word(bytes, 8);
        if !(3..=40).contains(&log2) || bytes.len() - 12 != 1 << (log2 - 3) {
            return Err(TableError::Truncated {
                slots: 1 << log2.min(40),
                room: 8 * (bytes.len() - 12),
            });
        }
        (self.seen, self.seen_shift) = (&bytes[12..], 64 - log2);
        Ok(self)
    }

    /// Whether the bigram `a` `b` may have been seen: false only when the bitmap says it was
    /// not (one bit to read, where [`Table::bigram`] probes the table).
    #[inline]
    pub(crate) fn may_have_bigram(&self, a: char, b: char) -> bool {
        if self.seen.is_empty() {
            return true;
        }
        let bit = (Key::new(b).then(a).hash() >> self.seen_shift) as usize;
        self.seen[bit / 8] & (1 << (bit % 8)) != 0
    }

    /// The n-gram whose hash is `h` (see [`Key`]).
    #[inline]
    pub(crate) fn get(&self, h: u64) -> Option<Entry> {
        let fingerprint = match h as u32 {
            0 => 1,
            f => f,
        };
        let mut at = (((h >> 32) * self.capacity) >> 32) as usize * SLOT;
        while let Some(slot) = self.slots.get(at..at + SLOT) {
            match word(slot, 0) {
                0 => return None,
                f if f == fingerprint => {
                    return Some(Entry {
                        prob: -f32::from(slot[4]) * self.prob_step,
                        backoff: -f32::from(slot[5]) * self.backoff_step,
                    })
                }
                _ => at += SLOT,
            }
        }
        None
    }

    /// log10 of the frequency of `c`.
    pub(crate) fn unigram(&self, c: char) -> f32 {
        self.get(Key::new(c).hash()).map_or(self.unknown, |e| e.prob)
    }

    /// log10 of the probability of `b` after `a` when the two were seen next to each other.
    #[inline]
    pub(crate) fn bigram(&self, a: char, b: char) -> Option<f32> {
        self.get(Key::new(b).then(a).hash()).map(|e| e.prob)
    }

    /// log10 of the probability of `chars[last]` after up to four characters before it in
    /// `chars` (at most `ORDER - 1`, never before `chars[0]`).
    ///
    /// The longest n-gram is looked up first: in official prose most characters end a seen
    /// n-gram of four or five characters, and then one lookup answers.
    #[inline]
    pub(crate) fn log_prob(&self, chars: &[char], last: usize) -> f32 {
        self.log_prob_after(chars, last, ORDER - 1).0
    }

    /// [`Table::log_prob`] when the longest n-gram of the table that ends at `chars[last - 1]`
    /// has `before` characters (0 at the start, `ORDER - 1` or more when unknown), and the
    /// length of the longest that ends at `chars[last]` (0 for a character the model does not
    /// know), to pass on to the next character.
    ///
    /// The training keeps, with every n-gram, its first and last `n - 1` characters, so a
    /// context of `k` characters is in the table only when the n-gram before it is at least
    /// that long, and no n-gram longer than `before + 1` can end at `last`: a walk along a
    /// text looks those up first, where most end, and skips every longer one.
    #[inline]
    pub(crate) fn log_prob_after(
        &self,
        chars: &[char],
        last: usize,
        before: usize,
    ) -> (f32, usize) {
        let longest = before.min(last).min(ORDER - 1);
        // grams[k]: the n-gram of k + 1 characters ending at `last`; contexts[k]: the k + 1
        // characters before `last`.
        let mut grams = [Key::new(chars[last]); ORDER];
        let mut contexts = [Key(0); ORDER];
        for k in 1..=longest {
            grams[k] = grams[k - 1].then(chars[last - k]);
            contexts[k - 1] = match k {
                1 => Key::new(chars[last - 1]),
                _ => contexts[k - 2].then(chars[last - k]),
            };
        }
        // A missing n-gram backs off to the next shorter one, weighted by its context's
        // backoff (0 where the context is unknown too).
        let mut backoff = 0.0;
        for k in (1..=longest).rev() {
            if let Some(e) = self.get(grams[k].hash()) {
                return (e.prob + backoff, k + 1);
            }
            if let Some(ctx) = self.get(contexts[k - 1].hash()) {
                backoff += ctx.backoff;
            }
        }
        match self.get(grams[0].hash()) {
            Some(e) => (e.prob + backoff, 1),
            None => (self.unknown, 0),
        }
    }
}

/// The hash of an n-gram, built from its last character backwards (FNV-1a over code points,
/// then a finaliser), as the training script computes it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Key(u64);

impl Key {
    const PRIME: u64 = 0x0000_0100_0000_01B3;

    /// The unigram `c`.
    #[inline]
    pub(crate) fn new(c: char) -> Key {
        Key(0xCBF2_9CE4_8422_2325).then(c)
    }

    /// The n-gram with `c` put in front.
    #[inline]
    pub(crate) fn then(self, c: char) -> Key {
        Key((self.0 ^ u64::from(fold(c))).wrapping_mul(Self::PRIME))
    }

    #[inline]
    pub(crate) fn hash(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^ (h >> 33)
    }
}

/// Digits to `0`, Latin letters to `a` (half and full width): the model knows a number or a
/// Latin word as a whole, not its spelling.
#[inline]
pub(crate) fn fold(c: char) -> u32 {
    match c {
        '0'..='9' | '０'..='９' => '0' as u32,
        'a'..='z' | 'A'..='Z' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => 'a' as u32,
        _ => c as u32,
    }
}

fn word(bytes: &[u8], at: usize) -> u32 {
    let mut w = [0; 4];
    w.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "model")]
    fn table() -> Table {
        crate::model::Model::embedded().table
    }

    #[test]
    fn bad_headers_are_errors() {
        assert_eq!(Table::parse(b"nope").unwrap_err(), TableError::Header);
        let mut bytes = b"SSLM".to_vec();
        bytes.extend(1u32.to_le_bytes());
        bytes.extend(5u32.to_le_bytes());
        bytes.extend(1000u32.to_le_bytes());
        bytes.resize(HEADER + SLOT, 0);
        let leaked: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        assert_eq!(
            Table::parse(leaked).unwrap_err(),
            TableError::Truncated { slots: 1000, room: 1 }
        );
    }

    #[test]
    #[cfg(feature = "model")]
    fn common_continuations_are_likely() {
        let t = table();
        let chars: Vec<char> = "持续优化营商环境".chars().collect();
        let wrong: Vec<char> = "持续优化营商环竟".chars().collect();
        let right = t.log_prob(&chars, 7);
        assert!(right > -1.0, "{right}");
        assert!(t.log_prob(&wrong, 7) < right - 2.0);
    }

    #[cfg(feature = "model")]
    /// The backoff computation spelt out, shortest n-gram first, as the model defines it.
    fn log_prob_by_definition(t: &Table, chars: &[char], last: usize) -> f32 {
        let Some(unigram) = t.get(Key::new(chars[last]).hash()) else { return t.unknown };
        let (mut prob, mut backoff) = (unigram.prob, 0.0);
        let (mut gram, mut context) = (Key::new(chars[last]), None::<Key>);
        for at in (last.saturating_sub(ORDER - 1)..last).rev() {
            gram = gram.then(chars[at]);
            let c = context.map_or(Key::new(chars[at]), |c| c.then(chars[at]));
            context = Some(c);
            let Some(ctx) = t.get(c.hash()) else { break };
            match t.get(gram.hash()) {
                Some(e) => (prob, backoff) = (e.prob, 0.0),
                None => backoff += ctx.backoff,
            }
        }
        prob + backoff
    }

    #[test]
    #[cfg(feature = "model")]
    fn longest_first_agrees_with_the_definition() {
        let t = table();
        let text = "国务院关于进一步优化营商环竟的意见，加强安全生产监官，提升服务效律。Ａ股2024年";
        let chars: Vec<char> = text.chars().collect();
        for last in 0..chars.len() {
            let (fast, slow) = (t.log_prob(&chars, last), log_prob_by_definition(&t, &chars, last));
            assert!((fast - slow).abs() < 1e-5, "{last}: {fast} vs {slow}");
        }
    }

    #[test]
    #[cfg(feature = "model")]
    fn bigrams_and_folding() {
        let t = table();
        assert!(t.may_have_bigram('环', '境'));
        // The bitmap agrees with the table on seen bigrams of a sentence.
        let chars: Vec<char> = "国务院关于进一步优化营商环境的意见".chars().collect();
        for w in chars.windows(2) {
            assert!(t.bigram(w[0], w[1]).is_none() || t.may_have_bigram(w[0], w[1]), "{w:?}");
        }
        let seen = t.bigram('环', '境').expect("seen");
        assert!(seen < 0.0 && seen > t.unigram('境'), "{seen}");
        assert_eq!(t.bigram('境', '环'), None);
        assert_eq!(fold('７'), fold('3'));
        assert_eq!(fold('Ｑ'), fold('b'));
    }
}
