//! The words added to a lexicon after loading, as a trie of their own laid over the table:
//! a walk through the table walks through it alongside, one hash probe a character, so that
//! looking up an added word costs what looking up a shipped one does and the table is never
//! copied or rebuilt.

use crate::hash::FastMap;

/// No node: no added word starts with what the walk has read.
pub(super) const NONE: u32 = u32::MAX;

/// The node of the empty string.
pub(super) const ROOT: u32 = 0;

/// A trie of the added words: every word and every prefix of one is a node.
#[derive(Debug)]
pub(super) struct Added {
    /// The edge from a node by a character ([`key`]) to its child.
    edges: FastMap<u64, u32>,
    /// Each node's frequency if it is an added word, and whether a longer added word starts
    /// with it.
    nodes: Vec<Node>,
}

/// What a node of the added words is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Node {
    pub(super) freq: Option<usize>,
    pub(super) longer: bool,
}

/// The key of the edge from `parent` by `c`: the two packed, then mixed (murmur3's finaliser,
/// a bijection) so that every bit of both reaches the low bits the hash table picks buckets
/// with. Packed alone, the edges by one character (a digit after each of 100,000 prefixes)
/// would share their low bits and pile into one run of buckets.
fn key(parent: u32, c: char) -> u64 {
    let mut x = (u64::from(parent) << 21) | u64::from(c);
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^ (x >> 33)
}

impl Added {
    /// No words.
    pub(super) fn new() -> Added {
        Added { edges: FastMap::default(), nodes: vec![Node::default()] }
    }

    /// Whether no word was added.
    pub(super) fn is_empty(&self) -> bool {
        self.nodes.len() == 1
    }

    /// The node reached from `parent` by `c`, or [`NONE`].
    #[inline]
    pub(super) fn child(&self, parent: u32, c: char) -> u32 {
        if parent == NONE {
            return NONE;
        }
        self.edges.get(&key(parent, c)).copied().unwrap_or(NONE)
    }

    /// What node `id` (not [`NONE`]) is.
    #[inline]
    pub(super) fn node(&self, id: u32) -> Node {
        self.nodes[id as usize]
    }

    /// Adds `word` (not empty) with `freq`, or sets the frequency of an added word.
    pub(super) fn insert(&mut self, word: &str, freq: usize) {
        let mut at = ROOT;
        for c in word.chars() {
            self.nodes[at as usize].longer = true;
            let next = self.nodes.len() as u32;
            at = *self.edges.entry(key(at, c)).or_insert(next);
            if at == next {
                self.nodes.push(Node::default());
            }
        }
        self.nodes[at as usize].freq = Some(freq);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(added: &Added, word: &str) -> Option<Node> {
        let mut at = ROOT;
        for c in word.chars() {
            at = added.child(at, c);
        }
        (at != NONE).then(|| added.node(at))
    }

    #[test]
    fn prefixes_are_nodes_and_words_have_frequencies() {
        let mut added = Added::new();
        assert!(added.is_empty());
        added.insert("为人民服务", 5);
        added.insert("为人", 7);
        added.insert("为人", 9);
        assert!(!added.is_empty());
        assert_eq!(find(&added, "为"), Some(Node { freq: None, longer: true }));
        assert_eq!(find(&added, "为人"), Some(Node { freq: Some(9), longer: true }));
        assert_eq!(find(&added, "为人民服务"), Some(Node { freq: Some(5), longer: false }));
        assert_eq!(find(&added, "人民"), None, "an edge hangs from its parent");
        assert_eq!(find(&added, "为人民服务好"), None);
        assert_eq!(added.child(NONE, '为'), NONE);
    }
}
