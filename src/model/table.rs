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
    /// The header announces more entries (or bits) than the file holds.
    #[error("model file: {slots} entries announced, room for {room}")]
    Truncated {
        /// Entries the header announces.
        slots: usize,
        /// Entries the file holds.
        room: usize,
    },
    /// Bytes follow the last table.
    #[error("model file: {bytes} bytes after the last table")]
    Trailing {
        /// How many.
        bytes: usize,
    },
}

const HEADER: usize = 32;
/// Buckets of a table that share one base index.
const BLOCK: usize = 32;
/// The longest n-gram.
pub(crate) const ORDER: usize = 5;

/// A character n-gram model in backoff form, keyed by a hash of each n-gram.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Table {
    /// The n-grams of each order (unigrams first).
    orders: [Order; ORDER],
    /// One bit for every bigram seen (`bigrams.bin`); empty when none was given.
    seen: &'static [u8],
    /// 64 less the log2 of the bit count.
    seen_shift: u32,
    prob_step: f32,
    backoff_step: f32,
    unknown: f32,
}

/// The n-grams of one order: records sorted by hash in buckets, read in place.
#[derive(Clone, Copy, Debug, Default)]
struct Order {
    buckets: u64,
    /// Every `BLOCK`th bucket's first record (u32 each).
    base: &'static [u8],
    /// Each bucket's first record less its block's base (one past the last for the last).
    rel: &'static [u8],
    records: &'static [u8],
    /// Bytes of a record: 4 (fingerprint, probability) or 5 (and a backoff weight).
    width: usize,
}

/// One n-gram found in the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Entry {
    /// log10 of its probability.
    pub(crate) prob: f32,
    /// log10 of its backoff weight as a context (0 where it is none).
    pub(crate) backoff: f32,
}

/// `len` rounded up to a multiple of four (none past the largest size).
fn padded(len: usize) -> Option<usize> {
    len.checked_next_multiple_of(4)
}

impl Order {
    /// The order's table at the start of `body` (its bucket and record counts given), and what
    /// follows it.
    fn split(
        body: &'static [u8],
        buckets: usize,
        entries: usize,
        width: usize,
    ) -> Result<(Order, &'static [u8]), TableError> {
        let base = (buckets / BLOCK + 1).checked_mul(4).and_then(padded);
        let rel = buckets.checked_add(1).and_then(padded);
        let records = entries.checked_mul(width).and_then(padded);
        let sizes = base.zip(rel).zip(records).and_then(|((b, r), e)| {
            let total = b.checked_add(r)?.checked_add(e)?;
            (total <= body.len()).then_some([b, r, total])
        });
        let Some([base, rel, total]) = sizes else {
            return Err(TableError::Truncated { slots: entries, room: body.len() / width });
        };
        let sizes = [base, rel];
        let order = Order {
            buckets: buckets as u64,
            base: &body[..sizes[0]],
            rel: &body[sizes[0]..sizes[0] + buckets + 1],
            records: &body[sizes[0] + sizes[1]..sizes[0] + sizes[1] + entries * width],
            width,
        };
        Ok((order, &body[total..]))
    }

    /// The first record of bucket `b` (`b <= buckets`).
    #[inline]
    fn start(&self, b: usize) -> usize {
        let at = 4 * (b / BLOCK);
        let base = self.base.get(at..at + 4).map_or(0, |w| word(w, 0) as usize);
        base.saturating_add(usize::from(self.rel.get(b).copied().unwrap_or(0)))
    }

    /// The record of hash `h`, if any.
    #[inline]
    fn get(&self, h: u64, prob_step: f32, backoff_step: f32) -> Option<Entry> {
        let (from, to) = self.bucket(h)?;
        self.entry(from, to, h, prob_step, backoff_step)
    }

    /// The record of hash `h` among the records `from..to`, if any.
    #[inline]
    fn entry(
        &self,
        from: usize,
        to: usize,
        h: u64,
        prob_step: f32,
        backoff_step: f32,
    ) -> Option<Entry> {
        // The width is one of two, so each search is unrolled for its own and divides by none.
        if self.width == 5 {
            let r = find::<5>(self.records, from, to, h)?;
            Some(Entry {
                prob: -f32::from(r[3]) * prob_step,
                backoff: -f32::from(r[4]) * backoff_step,
            })
        } else {
            let r = find::<4>(self.records, from, to, h)?;
            Some(Entry { prob: -f32::from(r[3]) * prob_step, backoff: 0.0 })
        }
    }

    /// The records of the bucket of hash `h`: the first and one past the last.
    #[inline]
    fn bucket(&self, h: u64) -> Option<(usize, usize)> {
        if self.buckets == 0 {
            return None;
        }
        let b = (((h >> 32) * self.buckets) >> 32) as usize;
        Some((self.start(b), self.start(b + 1)))
    }
}

/// The record of `records` (of `W` bytes each) from `from` to `to` whose fingerprint is that of
/// hash `h`, if any (none when the bounds lie outside).
#[inline]
fn find<const W: usize>(records: &[u8], from: usize, to: usize, h: u64) -> Option<&[u8]> {
    let span = from.checked_mul(W)?..to.checked_mul(W)?;
    let fingerprint = h as u32 & 0xFF_FFFF;
    let mut records = records.get(span)?.chunks_exact(W);
    records.find(|r| u32::from_le_bytes([r[0], r[1], r[2], 0]) == fingerprint)
}

impl Table {
    /// Reads the header and borrows each order's table.
    pub(crate) fn parse(bytes: &'static [u8]) -> Result<Table, TableError> {
        if bytes.len() < HEADER + 8 * ORDER || &bytes[..4] != b"SSLM" || word(bytes, 4) != 2 {
            return Err(TableError::Header);
        }
        if word(bytes, 8) as usize != ORDER {
            return Err(TableError::Header);
        }
        let float = |at| f32::from_bits(word(bytes, at));
        let mut orders = [Order::default(); ORDER];
        let mut body = &bytes[HEADER + 8 * ORDER..];
        for (n, order) in orders.iter_mut().enumerate() {
            let at = HEADER + 8 * n;
            let (buckets, entries) = (word(bytes, at) as usize, word(bytes, at + 4) as usize);
            let width = if n + 1 == ORDER { 4 } else { 5 };
            (*order, body) = Order::split(body, buckets, entries, width)?;
        }
        if !body.is_empty() {
            return Err(TableError::Trailing { bytes: body.len() });
        }
        Ok(Table {
            orders,
            seen: &[],
            seen_shift: 64,
            prob_step: float(16),
            backoff_step: float(20),
            unknown: float(24),
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
    /// not (one bit to read, where `Table::bigram` probes the table).
    #[cfg(test)]
    #[inline]
    pub(crate) fn may_have_bigram(&self, a: char, b: char) -> bool {
        self.may_have(Table::bigram_key(a, b))
    }

    /// The n-gram of `n` characters whose hash is `h` (see [`Key`]).
    #[inline(always)]
    pub(crate) fn get(&self, n: usize, h: u64) -> Option<Entry> {
        let order = self.orders.get(n.checked_sub(1)?)?;
        order.get(h, self.prob_step, self.backoff_step)
    }

    /// log10 of the frequency of `c`.
    pub(crate) fn unigram(&self, c: char) -> f32 {
        self.get(1, Key::new(c).hash()).map_or(self.unknown, |e| e.prob)
    }

    /// log10 of the probability of `b` after `a` when the two were seen next to each other.
    #[cfg(test)]
    #[inline]
    pub(crate) fn bigram(&self, a: char, b: char) -> Option<f32> {
        self.get(2, Key::new(b).then(a).hash()).map(|e| e.prob)
    }

    /// The key of the bigram `a` `b` in the bitmap and in the table.
    #[inline]
    pub(crate) fn bigram_key(a: char, b: char) -> u64 {
        Key::new(b).then(a).hash()
    }

    /// Whether the bigram of key `h` ([`Table::bigram_key`]) may have been seen: false only when
    /// the bitmap says it was not.
    #[inline]
    pub(crate) fn may_have(&self, h: u64) -> bool {
        if self.seen.is_empty() {
            return true;
        }
        let bit = (h >> self.seen_shift) as usize;
        self.seen[bit / 8] & (1 << (bit % 8)) != 0
    }

    /// log10 of the probability of each bigram of `keys` ([`Table::bigram_key`]) when it was seen,
    /// appended to `out`.
    /// The buckets of a batch are all read before any record, so that the reads of the
    /// lookups overlap instead of waiting one for another.
    pub(crate) fn bigrams(&self, keys: &[u64], out: &mut Vec<Option<f32>>) {
        const BATCH: usize = 16;
        let order = &self.orders[1];
        let mut bounds = [None; BATCH];
        for batch in keys.chunks(BATCH) {
            for (b, &h) in bounds.iter_mut().zip(batch) {
                *b = order.bucket(h);
            }
            for (b, &h) in bounds.iter().zip(batch) {
                let e = b.and_then(|(from, to)| order.entry(from, to, h, self.prob_step, 0.0));
                out.push(e.map(|e| e.prob));
            }
        }
    }

    /// log10 of the probability of `chars[last]` after up to four characters before it in
    /// `chars` (at most `ORDER - 1`, never before `chars[0]`).
    ///
    /// The longest n-gram is looked up first: in official prose most characters end a seen
    /// n-gram of four or five characters, and then one lookup answers.
    #[inline]
    pub(crate) fn log_prob(&self, chars: &[char], last: usize) -> f32 {
        self.log_prob_after(chars, last, Carry::UNKNOWN).0
    }

    /// [`Table::log_prob`] when `before` is the longest n-gram of the table that ends at
    /// `chars[last - 1]` ([`Carry::START`] at the start, [`Carry::UNKNOWN`] when unknown), and
    /// the longest that ends at `chars[last]`, to pass on to the next character.
    ///
    /// The training keeps, with every n-gram, its first and last `n - 1` characters, so a
    /// context of `k` characters is in the table only when the n-gram before it is at least
    /// that long, and no n-gram longer than `before + 1` can end at `last`: a walk along a
    /// text looks those up first, where most end, and skips every longer one. The context as
    /// long as that n-gram is that n-gram: its backoff weight comes with it, not looked up again.
    #[inline]
    pub(crate) fn log_prob_after(
        &self,
        chars: &[char],
        last: usize,
        before: Carry,
    ) -> (f32, Carry) {
        self.log_prob_by(chars, last, before, |n, h| self.get(n, h))
    }

    /// [`Table::log_prob_after`] with the answers of the lookups kept in `memo` and taken from
    /// it where it has them.
    #[inline]
    pub(crate) fn log_prob_memo(
        &self,
        memo: &mut Memo,
        chars: &[char],
        last: usize,
        before: Carry,
    ) -> (f32, Carry) {
        self.log_prob_by(chars, last, before, |n, h| memo.get(self, n, h))
    }

    /// [`Table::log_prob_after`] with `get` for its lookups.
    #[inline(always)]
    fn log_prob_by(
        &self,
        chars: &[char],
        last: usize,
        before: Carry,
        mut get: impl FnMut(usize, u64) -> Option<Entry>,
    ) -> (f32, Carry) {
        let longest = before.order.min(last).min(ORDER - 1);
        // grams[k]: the n-gram of k + 1 characters ending at `last`.
        let mut grams = [Key::new(chars[last]); ORDER];
        for k in 1..=longest {
            grams[k] = grams[k - 1].then(chars[last - k]);
        }
        // A missing n-gram backs off to the next shorter one, weighted by its context's
        // backoff (0 where the context is unknown too). Most characters end the longest, and
        // need no context. The context as long as `before` is `before`, whose weight is known.
        let mut backoff = 0.0;
        let mut contexts = None;
        for k in (1..=longest).rev() {
            if let Some(e) = get(k + 1, grams[k].hash()) {
                return (e.prob + backoff, Carry::found(k + 1, e));
            }
            let weight = match before.backoff {
                Some(weight) if before.order == k => Some(weight),
                _ => {
                    let contexts =
                        contexts.get_or_insert_with(|| context_keys(chars, last, longest));
                    get(k, contexts[k - 1].hash()).map(|c| c.backoff)
                }
            };
            if let Some(weight) = weight {
                backoff += weight;
            }
        }
        match get(1, grams[0].hash()) {
            Some(e) => (e.prob + backoff, Carry::found(1, e)),
            None => (self.unknown, Carry::START),
        }
    }
}

/// The answers of recent lookups, kept through a scan (official prose repeats its n-grams: a
/// memo of 4,096 answers holds about a third of a text's lookups), each in a slot its key
/// picks. A slot holds the whole key, so an answer is only ever given for its own n-gram.
#[derive(Clone, Debug, Default)]
pub(crate) struct Memo {
    slots: Vec<Slot>,
}

/// One remembered lookup: the n-gram's length (0 for an empty slot) and key, and the answer.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    h: u64,
    n: usize,
    entry: Option<Entry>,
}

impl Memo {
    /// The most slots a memo has.
    const MOST: usize = 4096;

    /// A memo for a text of `len` bytes: a slot for about every character up to
    /// [`Memo::MOST`] (a power of two), none for an empty text.
    pub(crate) fn for_text(len: usize) -> Memo {
        let slots = match len {
            0 => 0,
            _ => (len / 3).clamp(64, Self::MOST).next_power_of_two(),
        };
        Memo { slots: vec![Slot::default(); slots] }
    }

    /// [`Table::get`] of the n-gram of `n` characters whose hash is `h`, remembered.
    #[inline]
    fn get(&mut self, table: &Table, n: usize, h: u64) -> Option<Entry> {
        let mask = self.slots.len().wrapping_sub(1);
        let Some(slot) = self.slots.get_mut((h as usize).wrapping_add(n) & mask) else {
            return table.get(n, h);
        };
        if slot.n == n && slot.h == h && n != 0 {
            return slot.entry;
        }
        let entry = table.get(n, h);
        *slot = Slot { h, n, entry };
        entry
    }
}

/// The keys of the contexts of `chars[last]` up to `longest` characters: `k + 1` characters
/// before it at `k`.
#[inline]
fn context_keys(chars: &[char], last: usize, longest: usize) -> [Key; ORDER] {
    let mut contexts = [Key(0); ORDER];
    for k in 1..=longest {
        contexts[k - 1] = match k {
            1 => Key::new(chars[last - 1]),
            _ => contexts[k - 2].then(chars[last - k]),
        };
    }
    contexts
}

/// The longest n-gram of the table that ends at a character, passed along a walk: its length
/// (0 for a character the model does not know) and, when known, its backoff weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Carry {
    /// The n-gram's length.
    pub(crate) order: usize,
    backoff: Option<f32>,
}

impl Carry {
    /// Before the first character.
    pub(crate) const START: Carry = Carry { order: 0, backoff: None };
    /// Nothing known: every n-gram is looked up.
    pub(crate) const UNKNOWN: Carry = Carry { order: ORDER - 1, backoff: None };

    fn found(order: usize, e: Entry) -> Carry {
        Carry { order, backoff: Some(e.backoff) }
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

    /// A table in the layout of `tools/train_model.py`, written from `(order, hash, -log10 p
    /// step, -log10 backoff step)` records, to read back.
    fn encode(records: &[(usize, u64, u8, u8)]) -> Vec<u8> {
        let mut bytes = b"SSLM".to_vec();
        for w in [2, ORDER as u32, records.len() as u32] {
            bytes.extend(w.to_le_bytes());
        }
        for f in [0.1f32, 0.05, -9.0] {
            bytes.extend(f.to_bits().to_le_bytes());
        }
        bytes.extend(0u32.to_le_bytes());
        let mut body = Vec::new();
        for n in 1..=ORDER {
            let mut mine: Vec<_> = records.iter().filter(|r| r.0 == n).collect();
            mine.sort_by_key(|r| r.1);
            let buckets = mine.len().div_ceil(3).max(1);
            bytes.extend((buckets as u32).to_le_bytes());
            bytes.extend((mine.len() as u32).to_le_bytes());
            let bucket = |h: u64| (((h >> 32) * buckets as u64) >> 32) as usize;
            let starts: Vec<usize> =
                (0..=buckets).map(|b| mine.iter().filter(|r| bucket(r.1) < b).count()).collect();
            let pad = |v: &mut Vec<u8>| v.resize(padded(v.len()).expect("small"), 0);
            let mut part: Vec<u8> =
                starts.iter().step_by(BLOCK).flat_map(|&s| (s as u32).to_le_bytes()).collect();
            pad(&mut part);
            body.extend(part);
            let mut rel: Vec<u8> = starts
                .iter()
                .enumerate()
                .map(|(b, &s)| (s - starts[b / BLOCK * BLOCK]) as u8)
                .collect();
            pad(&mut rel);
            body.extend(rel);
            let mut recs = Vec::new();
            for r in mine {
                recs.extend(&r.1.to_le_bytes()[..3]);
                recs.push(r.2);
                if n < ORDER {
                    recs.push(r.3);
                }
            }
            pad(&mut recs);
            body.extend(recs);
        }
        bytes.extend(body);
        bytes
    }

    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    /// Hashes spread over the whole range, as the key hash spreads them.
    fn spread(i: u64) -> u64 {
        Key(i).hash()
    }

    #[test]
    fn what_is_written_is_read_back() {
        let records: Vec<(usize, u64, u8, u8)> = (0..500u64)
            .map(|i| ((i % 5) as usize + 1, spread(i), (i % 251) as u8, (i % 7) as u8))
            .collect();
        let t = Table::parse(leak(encode(&records))).expect("a table");
        for &(n, h, p, b) in &records {
            let e = t.get(n, h).unwrap_or_else(|| panic!("{n} {h:x}"));
            assert!((e.prob + f32::from(p) * 0.1).abs() < 1e-5, "{e:?}");
            let backoff = if n < ORDER { f32::from(b) * 0.05 } else { 0.0 };
            assert!((e.backoff + backoff).abs() < 1e-5, "{e:?}");
        }
        // Absent keys, and present ones asked at another order, are not found.
        assert!((500..1500u64).all(|i| t.get(1 + (i % 5) as usize, spread(i)).is_none()));
        assert!(t.get(2, records[0].1).is_none() && t.get(0, records[0].1).is_none());
        assert!(t.get(ORDER + 1, records[0].1).is_none());
        assert_eq!(t.unknown, -9.0);
    }

    #[test]
    fn bad_headers_are_errors() {
        assert_eq!(Table::parse(b"nope").unwrap_err(), TableError::Header);
        let good = encode(&[(1, spread(1), 3, 0), (5, spread(2), 4, 0)]);
        let mut old = good.clone();
        old[4] = 1;
        assert_eq!(Table::parse(leak(old)).unwrap_err(), TableError::Header);
        let mut long = good.clone();
        long.extend([0; 4]);
        assert_eq!(Table::parse(leak(long)).unwrap_err(), TableError::Trailing { bytes: 4 });
        let mut many = good.clone();
        many[HEADER + 4..HEADER + 8].copy_from_slice(&1000u32.to_le_bytes());
        assert!(matches!(Table::parse(leak(many)), Err(TableError::Truncated { .. })));
    }

    /// Cut or scrambled data gives an error or a table that answers, never a panic.
    #[test]
    fn corrupt_data_never_panics() {
        let records: Vec<_> =
            (0..200u64).map(|i| ((i % 5) as usize + 1, spread(i), 1, 1)).collect();
        let good = encode(&records);
        for cut in 0..good.len() {
            assert!(Table::parse(leak(good[..cut].to_vec())).is_err(), "{cut}");
        }
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for at in HEADER..good.len() {
            let mut bad = good.clone();
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            bad[at] ^= (x >> 56) as u8 | 1;
            if let Ok(t) = Table::parse(leak(bad)) {
                let chars: Vec<char> = "营商环境的意见".chars().collect();
                for last in 0..chars.len() {
                    let _ = t.log_prob(&chars, last);
                }
                for i in 0..50 {
                    let _ = t.get(1 + i % 5, spread(i as u64));
                }
            }
        }
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
        let Some(unigram) = t.get(1, Key::new(chars[last]).hash()) else { return t.unknown };
        let (mut prob, mut backoff) = (unigram.prob, 0.0);
        let (mut gram, mut context) = (Key::new(chars[last]), None::<Key>);
        for at in (last.saturating_sub(ORDER - 1)..last).rev() {
            gram = gram.then(chars[at]);
            let c = context.map_or(Key::new(chars[at]), |c| c.then(chars[at]));
            context = Some(c);
            let Some(ctx) = t.get(last - at, c.hash()) else { break };
            match t.get(last - at + 1, gram.hash()) {
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

    /// A walk that passes each character's longest n-gram on to the next, its backoff weight
    /// with it, gives every character the probability the full lookup gives it.
    #[test]
    #[cfg(feature = "model")]
    fn the_carried_walk_agrees_with_the_definition() {
        let t = table();
        let text = "国务院关于进一步优化营商环竟的意见，加强安全生产监官。𠀀𠀁人民群众，锦荣监管，深化改革";
        let chars: Vec<char> = text.chars().collect();
        let mut before = Carry::START;
        let mut carried = 0;
        for last in 0..chars.len() {
            carried += usize::from(before.backoff.is_some() && before.order < ORDER);
            let p;
            (p, before) = t.log_prob_after(&chars, last, before);
            let slow = log_prob_by_definition(&t, &chars, last);
            assert!((p - slow).abs() < 1e-5, "{last}: {p} vs {slow}");
            assert_eq!(p, t.log_prob(&chars, last), "{last}");
        }
        assert!(carried > 10, "{carried}");
    }

    /// A walk that takes its answers from a memo, small enough that n-grams of every length
    /// share its slots, gives every character what the walk without one gives.
    #[test]
    #[cfg(feature = "model")]
    fn a_memo_answers_as_the_table_does() {
        let t = table();
        let text =
            "国务院关于进一步优化营商环境的意见，优化营商环境，营商环竟，优化营商环境的意见。";
        let chars: Vec<char> = text.chars().collect();
        let mut memo = Memo::for_text(1);
        assert_eq!(memo.slots.len(), 64);
        memo.slots.truncate(4);
        let (mut plain, mut kept) = (Carry::START, Carry::START);
        for round in 0..2 {
            for last in 0..chars.len() {
                let (p, q);
                (p, plain) = t.log_prob_after(&chars, last, plain);
                (q, kept) = t.log_prob_memo(&mut memo, &chars, last, kept);
                assert_eq!((p, plain), (q, kept), "{round} {last}");
            }
        }
        assert!(memo.slots.iter().any(|s| s.n > 0));
        assert!(Memo::for_text(0).slots.is_empty());
        assert_eq!(Memo::for_text(1 << 20).slots.len(), Memo::MOST);
    }

    #[test]
    fn the_bigrams_of_a_batch_are_those_of_single_lookups() {
        let records: Vec<(usize, u64, u8, u8)> =
            (0..300u64).map(|i| (2, spread(i), (i % 251) as u8, 0)).collect();
        let t = Table::parse(leak(encode(&records))).expect("a table");
        // Present and absent keys, more than one batch.
        let keys: Vec<u64> = (250..350u64).map(spread).collect();
        let mut got = Vec::new();
        t.bigrams(&keys, &mut got);
        let want: Vec<Option<f32>> = keys.iter().map(|&h| t.get(2, h).map(|e| e.prob)).collect();
        assert_eq!(got, want);
        assert_eq!(got.iter().filter(|p| p.is_some()).count(), 50);
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
