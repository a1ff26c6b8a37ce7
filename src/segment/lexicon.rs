//! The segmentation lexicon: the table of its words ([`super::index`]) and the words added
//! when a linter is built. `build.rs` makes the shipped lexicon's table, so loading it parses
//! nothing and the first check that needs a word boundary does not wait for a dictionary.

mod added;

use super::index::{self, Node};
use added::Added;
use std::borrow::Cow;

/// A word list with frequencies, and words added on top of it.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// The table's slots, eight bytes each ([`index::to_bytes`]).
    table: Cow<'static, [u8]>,
    /// How many slots: a power of two, or 0 for a table that is not one `build.rs` wrote.
    slots: usize,
    /// Words added after loading, with their frequencies, laid over the table: they override
    /// its frequencies.
    added: Added,
    /// Sum of the frequencies of every word, added ones included.
    total: usize,
    /// `ln(total)`, the cost of each word in a segmentation.
    log_total: f64,
}

/// What the lexicon knows about a string: its frequency if it is a word, whether some longer
/// word starts with it, and where the table's walk stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Lookup {
    pub(crate) freq: Option<usize>,
    pub(crate) longer: bool,
    node: u32,
}

/// Looking up longer and longer strings from one character: the table's node for what has
/// been read, and the added words' node for it ([`added::NONE`] once no added word starts
/// with it).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Walk {
    node: u32,
    added: u32,
}

impl Lexicon {
    /// The table `build.rs` wrote and the total frequency.
    pub(crate) fn shipped(table: &'static [u8], total: u64) -> Lexicon {
        Lexicon::with_table(Cow::Borrowed(table), total)
    }

    /// Builds the table of `text` (one `word frequency [tag]` a line).
    #[cfg(test)]
    pub(crate) fn new(text: &str) -> Result<Lexicon, String> {
        let index::Index { slots, total } = index::index(text)?;
        Ok(Lexicon::with_table(Cow::Owned(index::to_bytes(&slots)), total))
    }

    fn with_table(table: Cow<'static, [u8]>, total: u64) -> Lexicon {
        let total = usize::try_from(total).unwrap_or(usize::MAX);
        let slots = table.len() / 8;
        let slots = if slots.is_power_of_two() { slots } else { 0 };
        let added = Added::new();
        Lexicon { table, slots, added, total, log_total: (total as f64).ln() }
    }

    /// `ln` of the total frequency.
    pub(crate) fn log_total(&self) -> f64 {
        self.log_total
    }

    /// A walk from the empty string.
    pub(crate) fn walk(&self) -> Walk {
        let added = if self.added.is_empty() { added::NONE } else { added::ROOT };
        Walk { node: index::ROOT, added }
    }

    /// What the table says of what `from` has read followed by `c`, without the added words.
    #[inline]
    pub(crate) fn lookup(&self, from: Walk, c: char) -> Lookup {
        let Node { id, freq, longer } =
            index::child(self.slots, |i| index::slot_at(&self.table, i), from.node, c);
        Lookup { freq: freq.map(|f| f as usize), longer, node: id }
    }

    /// The walk after a lookup from the empty string, for a [`Lexicon::lookup`] of the next
    /// character.
    pub(crate) fn after(&self, found: Lookup) -> Walk {
        Walk { node: found.node, added: added::NONE }
    }

    /// Looks up `key`, which is what `walk` has read plus one character (cutting a clause, one
    /// character longer each time), and moves `walk` on.
    pub(crate) fn step(&self, walk: &mut Walk, key: &str) -> Lookup {
        let c = key.chars().next_back().unwrap_or_default();
        let found = self.lookup(*walk, c);
        self.with_added(walk, c, found)
    }

    /// `found`, what the table says of what `walk` has read followed by `c` ([`Lexicon::lookup`]),
    /// with what the added words say of it; moves `walk` on: the second half of
    /// [`Lexicon::step`].
    #[inline]
    pub(crate) fn with_added(&self, walk: &mut Walk, c: char, mut found: Lookup) -> Lookup {
        walk.node = found.node;
        if walk.added != added::NONE {
            walk.added = self.added.child(walk.added, c);
            if walk.added != added::NONE {
                let node = self.added.node(walk.added);
                found.freq = node.freq.or(found.freq);
                found.longer |= node.longer;
            }
        }
        found
    }

    /// The frequency of `word` if it is one.
    pub(crate) fn freq(&self, word: &str) -> Option<usize> {
        let mut walk = self.walk();
        let mut found = None;
        for (i, c) in word.char_indices() {
            found = Some(self.step(&mut walk, &word[..i + c.len_utf8()]));
        }
        found.and_then(|f| f.freq)
    }

    /// Adds `word` with `freq`, or sets its frequency if it is known.
    pub(crate) fn add(&mut self, word: &str, freq: usize) {
        let old = self.freq(word).unwrap_or(0);
        self.total = self.total.saturating_add(freq).saturating_sub(old);
        self.log_total = (self.total as f64).ln();
        if !word.is_empty() {
            self.added.insert(word, freq);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SMALL: &str = "中国 100 ns\n中国人 20 n\n人民 50 n\n服务 40 vn\n";

    fn steps(lexicon: &Lexicon, word: &str) -> Vec<(Option<usize>, bool)> {
        let mut walk = lexicon.walk();
        let prefixes = word.char_indices().map(|(i, c)| &word[..i + c.len_utf8()]);
        prefixes.map(|p| lexicon.step(&mut walk, p)).map(|l| (l.freq, l.longer)).collect()
    }

    #[test]
    fn finds_words_and_longer_words() {
        let lexicon = Lexicon::new(SMALL).unwrap();
        let want = [(None, true), (Some(100), true), (Some(20), false), (None, false)];
        assert_eq!(steps(&lexicon, "中国人民"), want);
        assert_eq!(steps(&lexicon, "为"), [(None, false)]);
        assert_eq!(lexicon.freq("服务"), Some(40));
        assert_eq!(lexicon.freq("服"), None);
        assert_eq!(lexicon.freq("国"), None);
        assert_eq!(lexicon.freq(""), None);
        assert_eq!(lexicon.log_total(), 210f64.ln());
    }

    #[test]
    fn added_words_override_and_extend() {
        let mut lexicon = Lexicon::new(SMALL).unwrap();
        lexicon.add("人民", 70);
        lexicon.add("为人民服务", 5);
        assert_eq!(lexicon.freq("人民"), Some(70));
        let want = [(None, true), (None, true), (None, true), (None, true), (Some(5), false)];
        assert_eq!(steps(&lexicon, "为人民服务"), want);
        assert_eq!(steps(&lexicon, "为人民服务好")[5], (None, false));
        assert_eq!(steps(&lexicon, "中国人"), [(None, true), (Some(100), true), (Some(20), false)]);
        assert_eq!(lexicon.log_total(), (210f64 + 20.0 + 5.0).ln());
    }
}
