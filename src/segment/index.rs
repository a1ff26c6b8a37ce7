//! The table of a segmentation lexicon: a trie of its words kept as a hash table of edges,
//! built by `build.rs` for the shipped lexicon (so that loading it parses nothing) and at run
//! time for others.
//!
//! Every word and every prefix of a word (by characters) is a node, numbered by the slot it
//! sits in. A slot of eight bytes holds the edge that leads to it, its parent node and its
//! last character, which are also its hash key, and what the node is: whether it is a word
//! (and its frequency) and whether a longer word starts with it. Cutting a clause follows the
//! edges from each character, one character a step, until no longer word starts with what it
//! has read; a step is one probe of the table and never reads the lexicon's text.

// Shared with build.rs, which builds and writes; the library reads what it wrote.
#![allow(dead_code)]

use std::collections::HashMap;

/// A lexicon's table and the sum of its frequencies.
#[derive(Debug)]
pub(crate) struct Index {
    /// Open addressing, a power of two of slots, at most three quarters full; 0 is empty.
    pub(crate) slots: Vec<u64>,
    /// The sum of the frequencies.
    pub(crate) total: u64,
}

const CHAR_BITS: u32 = 21;
const NODE_BITS: u32 = 20;
const KEY_MASK: u64 = (1 << (CHAR_BITS + NODE_BITS)) - 1;
const WORD: u64 = 1 << 41;
const LONGER: u64 = 1 << 42;
const FREQ_SHIFT: u32 = 43;
/// Frequencies must be under this.
pub(crate) const MAX_FREQ: u32 = 1 << 20;

/// The node every walk starts from: the empty string.
pub(crate) const ROOT: u32 = (1 << NODE_BITS) - 1;
/// No node: what a walk reaches once no word starts with what it has read.
pub(crate) const NONE: u32 = u32::MAX;

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    /// Its number, for the next step.
    pub(crate) id: u32,
    /// Its frequency, if it is a word.
    pub(crate) freq: Option<u32>,
    /// Whether a longer word starts with it.
    pub(crate) longer: bool,
}

/// The key of the edge from `parent` by `c`.
fn key(parent: u32, c: char) -> u64 {
    (u64::from(parent) << CHAR_BITS) | u64::from(c)
}

/// Where the edge `key` is probed first in a table of `slots` slots (a power of two).
fn home(key: u64, slots: usize) -> usize {
    let bits = slots.trailing_zeros();
    let spread = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    if bits == 0 {
        0
    } else {
        (spread >> (64 - bits)) as usize
    }
}

/// Follows the edge from `parent` by `c` in `slots` (read with `slot_at`).
#[inline]
pub(crate) fn child(slots: usize, slot_at: impl Fn(usize) -> u64, parent: u32, c: char) -> Node {
    let none = Node { id: NONE, freq: None, longer: false };
    if parent == NONE || slots == 0 {
        return none;
    }
    let key = key(parent, c);
    let mut i = home(key, slots);
    // At most three quarters of the slots are full, so an empty one ends every probe.
    for _ in 0..slots {
        let slot = slot_at(i);
        if slot == 0 {
            return none;
        }
        if slot & KEY_MASK == key {
            let word = slot & WORD != 0;
            return Node {
                id: i as u32,
                freq: word.then_some((slot >> FREQ_SHIFT) as u32),
                longer: slot & LONGER != 0,
            };
        }
        i = (i + 1) & (slots - 1);
    }
    none
}

/// Builds the table of `text`, one `word frequency [tag]` a line, no word twice. The error
/// names the 1-based line and what is wrong.
pub(crate) fn index(text: &str) -> Result<Index, String> {
    // Every node: whether it is a word (with its frequency) and whether it has children.
    let mut nodes: HashMap<&str, (Option<u32>, bool)> = HashMap::new();
    let mut total = 0u64;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let number = n + 1;
        let mut fields = line.split_ascii_whitespace();
        let (Some(word), Some(freq)) = (fields.next(), fields.next()) else {
            return Err(format!("line {number}: expected `word frequency [tag]`"));
        };
        let freq = match freq.parse::<u32>() {
            Ok(freq) if freq < MAX_FREQ => freq,
            Ok(_) => {
                return Err(format!("line {number}: frequency {freq} is not under {MAX_FREQ}"))
            }
            Err(_) => {
                return Err(format!("line {number}: frequency `{freq}` is not a whole number"))
            }
        };
        for (end, c) in word.char_indices() {
            let end = end + c.len_utf8();
            let node = nodes.entry(&word[..end]).or_insert((None, false));
            if end < word.len() {
                node.1 = true;
            } else if node.0.is_some() {
                return Err(format!("line {number}: `{word}` is listed twice"));
            } else {
                node.0 = Some(freq);
            }
        }
        total += u64::from(freq);
    }
    let size = (nodes.len() * 4 / 3 + 1).next_power_of_two();
    if size > ROOT as usize {
        return Err(format!("line 1: {} words and prefixes are too many", nodes.len()));
    }
    // Parents before their children, so that each edge knows its parent's number; in order,
    // so that the same text always gives the same table.
    let mut nodes: Vec<_> = nodes.into_iter().collect();
    nodes.sort_unstable_by_key(|&(key, _)| (key.chars().count(), key));
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut slots = vec![0u64; size];
    for (node, (freq, longer)) in nodes {
        let Some((last, c)) = node.char_indices().next_back() else { continue };
        let parent = if last == 0 { ROOT } else { ids[&node[..last]] };
        let key = key(parent, c);
        let mut i = home(key, size);
        while slots[i] != 0 {
            i = (i + 1) & (size - 1);
        }
        slots[i] = key
            | freq.map_or(0, |f| WORD | (u64::from(f) << FREQ_SHIFT))
            | if longer { LONGER } else { 0 };
        ids.insert(node, i as u32);
    }
    Ok(Index { slots, total })
}

/// The slots as bytes (eight a slot, little-endian), as `build.rs` writes them.
pub(crate) fn to_bytes(slots: &[u64]) -> Vec<u8> {
    slots.iter().flat_map(|s| s.to_le_bytes()).collect()
}

/// Slot `i` of a table written by [`to_bytes`].
#[inline]
pub(crate) fn slot_at(bytes: &[u8], i: usize) -> u64 {
    match bytes.get(i * 8..i * 8 + 8) {
        Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(built: &Index, key: &str) -> Node {
        let mut node = Node { id: ROOT, freq: None, longer: true };
        for c in key.chars() {
            node = child(built.slots.len(), |i| built.slots[i], node.id, c);
        }
        node
    }

    #[test]
    fn holds_words_and_their_prefixes() {
        let built = index("中国 100 ns\n人民 50 n\r\n中国人 40\n").unwrap();
        assert_eq!(built.total, 190);
        assert_eq!(built.slots.len(), 8, "five nodes, at most three quarters full");
        let zhong = find(&built, "中");
        assert_eq!((zhong.freq, zhong.longer), (None, true));
        let china = find(&built, "中国");
        assert_eq!((china.freq, china.longer), (Some(100), true));
        let person = find(&built, "中国人");
        assert_eq!((person.freq, person.longer), (Some(40), false));
        assert_eq!(find(&built, "人民").freq, Some(50));
        assert_eq!(find(&built, "国").id, NONE);
        assert_eq!(find(&built, "中国人民").id, NONE);
        assert_eq!(find(&built, "民").id, NONE, "an edge hangs from its parent, not from the root");
        let bytes = to_bytes(&built.slots);
        assert!((0..8).all(|i| slot_at(&bytes, i) == built.slots[i]));
        assert_eq!(slot_at(&bytes, 8), 0);
    }

    #[test]
    fn names_the_line_that_is_wrong() {
        assert_eq!(index("中国 1\n中国 2\n").unwrap_err(), "line 2: `中国` is listed twice");
        assert_eq!(index("中国 1\n人民\n").unwrap_err(), "line 2: expected `word frequency [tag]`");
        assert_eq!(index("中国 x\n").unwrap_err(), "line 1: frequency `x` is not a whole number");
        let big = index("中国 1048576\n").unwrap_err();
        assert_eq!(big, "line 1: frequency 1048576 is not under 1048576");
        assert_eq!(index("\n").unwrap_err(), "line 1: expected `word frequency [tag]`");
        assert!(index("中国人 1\n中国 2\n").is_ok(), "a word may come after a longer one");
    }
}
