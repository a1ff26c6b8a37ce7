//! Built pattern automata kept between runs: a front that starts often (a pre-publish hook, the
//! command line) hands the builder an [`AutomatonStore`], and the automaton over the same
//! patterns is then read back instead of built again (a 200,000-entry user dictionary takes
//! seconds to build, and its automaton milliseconds to read).
//!
//! The library reads and writes no files: the store moves bytes, the library names them (a key
//! from the patterns, the engine and the crate's version) and frames them (a header with the
//! key, the length and a checksum of the body). Bytes that fail any check are not used; the
//! automaton is built and stored again.

use crate::hash::WordHasher;
use std::hash::Hasher;

/// Where built automata are kept between runs, by key. The command line keeps them as files in
/// the platform's cache directory.
///
/// Both methods may fail silently: a missing or broken entry only means a build.
pub trait AutomatonStore: Send + Sync + std::fmt::Debug {
    /// The bytes last stored under `key` (a file name's worth of hex digits), if any.
    fn load(&self, key: &str) -> Option<Vec<u8>>;
    /// Keeps `bytes` under `key`, replacing what was there as a whole or not at all: a reader
    /// at the same time sees the old bytes or the new ones, never a mixture.
    fn store(&self, key: &str, bytes: &[u8]);
}

/// The first bytes of a stored automaton, and the version of the framing.
const MAGIC: &[u8; 12] = b"sanshen-ac\x002";

/// The key of the automaton over `patterns` (in order: a match reports the pattern's index)
/// built by `engine`: 128 bits of two sums over the crate's version, the engine and every
/// pattern, in hex. The sums are the crate's multiply-rotate hash in four lanes, seeded apart:
/// the patterns are the user's own, so no one gains by making two sets collide, and a start
/// with 200,000 patterns hashes them in a few milliseconds rather than tens.
pub(crate) fn key(patterns: &[&str], engine: &str) -> String {
    key_of_version(env!("CARGO_PKG_VERSION"), patterns, engine)
}

fn key_of_version(version: &str, patterns: &[&str], engine: &str) -> String {
    // The parts laid end to end, each after its length, so that no two lists run together
    // alike; both sums read them a buffer at a time, word by word (hashing pattern by pattern
    // cost some 140 instructions a pattern, most of it copying each piece into a word). A long
    // pattern (a whole dictionary's text) goes in as its own two sums.
    let mut sums = [Lanes::new(1), Lanes::new(2)];
    let mut buffer = Vec::with_capacity(KEY_BUFFER + 64);
    let mut put = |buffer: &mut Vec<u8>, part: &[u8]| {
        buffer.extend_from_slice(&(part.len() as u64).to_le_bytes());
        if part.len() < 64 {
            buffer.extend_from_slice(part);
        } else {
            sums.iter().for_each(|h| buffer.extend_from_slice(&sum(h.seed, part).to_le_bytes()));
        }
        if buffer.len() >= KEY_BUFFER {
            sums.iter_mut().for_each(|h| h.write(buffer));
            buffer.clear();
        }
    };
    put(&mut buffer, version.as_bytes());
    put(&mut buffer, engine.as_bytes());
    put(&mut buffer, &(patterns.len() as u64).to_le_bytes());
    for p in patterns {
        put(&mut buffer, p.as_bytes());
    }
    sums.iter_mut().for_each(|h| h.write(&buffer));
    let [first, second] = sums.map(|h| h.finish());
    format!("{first:016x}{second:016x}")
}

/// The bytes a key's sums read at a time.
const KEY_BUFFER: usize = 8192;

/// The checksum of a body: four lanes of the multiply-rotate hash over 8-byte words, so that a
/// 19 MB automaton is summed in a few milliseconds. Each step of a lane is a bijection of its
/// state, so a change within any one word always changes the sum.
fn checksum(body: &[u8]) -> u64 {
    sum(0, body)
}

/// [`checksum`] with lanes started from `seed`; also a long pattern's part of a key (the sum
/// ends with the length).
fn sum(seed: u64, body: &[u8]) -> u64 {
    let mut lanes = Lanes::new(seed);
    lanes.write(body);
    lanes.finish()
}

/// The four lanes of [`sum`], fed a piece at a time: pieces give the sum of their bytes laid
/// end to end.
struct Lanes {
    seed: u64,
    lanes: [u64; 4],
    /// The bytes of a block not yet full.
    block: [u8; 32],
    filled: usize,
    len: usize,
}

impl Lanes {
    fn new(seed: u64) -> Lanes {
        let lanes = [seed ^ 1, seed ^ 2, seed ^ 3, seed ^ 4];
        Lanes { seed, lanes, block: [0; 32], filled: 0, len: 0 }
    }

    fn write(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len();
        if self.filled > 0 {
            let take = bytes.len().min(32 - self.filled);
            self.block[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 32 {
                return;
            }
            let block = self.block;
            self.mix(&block);
            self.filled = 0;
        }
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            self.mix(block);
        }
        let rest = blocks.remainder();
        self.block[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    fn mix(&mut self, block: &[u8]) {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        for (lane, word) in self.lanes.iter_mut().zip(block.chunks_exact(8)) {
            let word = word.try_into().map_or(0, u64::from_le_bytes);
            *lane = (lane.rotate_left(5) ^ word).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        let mut h = WordHasher::default();
        self.lanes.iter().for_each(|&lane| h.write_u64(lane));
        h.write(&self.block[..self.filled]);
        h.write_usize(self.len);
        h.finish()
    }
}

/// `body` framed for storing under `key`.
pub(crate) fn frame(key: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(MAGIC.len() + key.len() + 16 + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(body).to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// The body of bytes framed under `key`, or `None` when they are not: another key, another
/// framing version, cut short, grown or changed.
pub(crate) fn unframe<'b>(key: &str, bytes: &'b [u8]) -> Option<&'b [u8]> {
    let rest = bytes.strip_prefix(MAGIC)?.strip_prefix(key.as_bytes())?;
    let (len, rest) = rest.split_first_chunk::<8>()?;
    let (sum, body) = rest.split_first_chunk::<8>()?;
    let whole = u64::from_le_bytes(*len) == body.len() as u64;
    (whole && u64::from_le_bytes(*sum) == checksum(body)).then_some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_gives_back_its_body() {
        let key = key(&["布署", "做为"], "charwise");
        let framed = frame(&key, b"automaton");
        assert_eq!(unframe(&key, &framed), Some(&b"automaton"[..]));
    }

    #[test]
    fn keys_change_with_the_patterns_their_order_and_the_engine() {
        let k = key(&["布署", "做为"], "charwise");
        assert_eq!(k.len(), 32);
        assert_eq!(k, key(&["布署", "做为"], "charwise"));
        assert_ne!(k, key(&["做为", "布署"], "charwise"));
        assert_ne!(k, key(&["布署", "做为", "座落"], "charwise"));
        assert_ne!(k, key(&["布署做", "为"], "charwise"));
        assert_ne!(k, key(&["布署", "做为"], "bytewise"));
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(k, key_of_version(version, &["布署", "做为"], "charwise"));
        assert_ne!(k, key_of_version("0.0.0-other", &["布署", "做为"], "charwise"));
        // A long pattern (a dictionary's text) is summed apart: any change still shows.
        let long = "布署做为".repeat(20);
        let changed = format!("{}座落{}", &long[..30], &long[36..]);
        assert_eq!(changed.len(), long.len());
        let k = key(&[&long], "charwise");
        assert_ne!(k, key(&[&changed], "charwise"));
        assert_ne!(k, key(&[&long, ""], "charwise"));
        assert_ne!(k, key(&[&long[..long.len() - 3]], "charwise"));
    }

    /// The key against its definition: two sums, seeded 1 and 2, of the version, the engine,
    /// the count and every pattern, each after its length as 8 bytes, a long one as its own two
    /// sums; over random lists long enough to fill the buffer several times.
    #[test]
    fn a_key_is_two_sums_of_its_parts_laid_end_to_end() {
        let mut rng = crate::test_rng::Rng::new(25);
        let pieces = ["布", "署", "a", "𠀀", "做为", "人大常委会"];
        for round in 0..40 {
            let patterns: Vec<String> = (0..rng.below(3_000))
                .map(|_| (0..rng.below(30)).map(|_| *rng.pick(&pieces)).collect())
                .collect();
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let count = (patterns.len() as u64).to_le_bytes();
            let parts = ["9.9.9".as_bytes(), b"walk", &count].into_iter();
            let want = [1, 2].map(|seed| {
                let mut all = Vec::new();
                for part in parts.clone().chain(patterns.iter().map(|p| p.as_bytes())) {
                    all.extend_from_slice(&(part.len() as u64).to_le_bytes());
                    if part.len() < 64 {
                        all.extend_from_slice(part);
                    } else {
                        for s in [1, 2] {
                            all.extend_from_slice(&sum(s, part).to_le_bytes());
                        }
                    }
                }
                sum(seed, &all)
            });
            let want = format!("{:016x}{:016x}", want[0], want[1]);
            assert_eq!(key_of_version("9.9.9", &patterns, "walk"), want, "round {round}");
        }
    }

    /// A sum fed in pieces is the sum of the pieces laid end to end.
    #[test]
    fn a_sum_fed_in_pieces_is_the_sum_of_the_whole() {
        let mut rng = crate::test_rng::Rng::new(26);
        for round in 0..500 {
            let body: Vec<u8> = (0..rng.below(300)).map(|_| rng.below(256) as u8).collect();
            let mut lanes = Lanes::new(7);
            let mut rest = &body[..];
            while !rest.is_empty() {
                let (piece, after) = rest.split_at(rng.below(rest.len().min(70)) + 1);
                lanes.write(piece);
                rest = after;
            }
            assert_eq!(lanes.finish(), sum(7, &body), "round {round}");
        }
    }

    #[test]
    fn broken_frames_are_refused() {
        let k = key(&["布署"], "charwise");
        let framed = frame(&k, b"automaton");
        let other = key(&["做为"], "charwise");
        assert_eq!(unframe(&other, &framed), None, "another key");
        assert_eq!(unframe(&k, &framed[..framed.len() - 1]), None, "cut short");
        let mut grown = framed.clone();
        grown.push(0);
        assert_eq!(unframe(&k, &grown), None, "grown");
        let mut flipped = framed.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(unframe(&k, &flipped), None, "changed");
        assert_eq!(unframe(&k, b""), None, "empty");
        assert_eq!(unframe(&k, b"sanshen-ac\x001"), None, "another framing version");
    }

    #[test]
    fn every_changed_byte_changes_the_checksum() {
        let body: Vec<u8> = (0..100u8).collect();
        let sum = checksum(&body);
        for i in 0..body.len() {
            for bit in [1, 0x80] {
                let mut changed = body.clone();
                changed[i] ^= bit;
                assert_ne!(checksum(&changed), sum, "byte {i}, bit {bit}");
            }
        }
        assert_ne!(checksum(&body[..99]), sum, "cut short");
        assert_ne!(checksum(&[0; 8]), checksum(&[0; 16]), "zeros of another length");
    }
}
