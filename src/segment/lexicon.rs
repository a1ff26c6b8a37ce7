//! The segmentation lexicon: jieba's word format (`word frequency tag`, one a line) sorted by
//! word and searched where it lies, plus the words added when a linter is built. For the
//! shipped lexicon `build.rs` writes the line index and the total, so loading it parses
//! nothing and the first check that needs a word boundary does not wait for a dictionary.

#[cfg(test)]
use super::index;
use super::index::Index;
use std::collections::BTreeMap;
use std::ops::Bound;

/// A sorted word list with frequencies, and words added on top of it.
#[derive(Debug)]
pub(crate) struct Lexicon {
    text: &'static str,
    /// Where each line's word lies in `text` ([`Index::lines`]).
    lines: Vec<u32>,
    /// Words added after loading, with their frequencies; they override the lines.
    added: BTreeMap<Box<str>, usize>,
    /// Sum of the frequencies of every word, added ones included.
    total: usize,
    /// `ln(total)`, the cost of each word in a segmentation.
    log_total: f64,
}

/// What the lexicon knows about a string: its frequency if it is a word, and whether some
/// longer word starts with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Lookup {
    pub(crate) freq: Option<usize>,
    pub(crate) longer: bool,
}

impl Lexicon {
    /// The lexicon `text` with its index (from [`index::index`]).
    pub(crate) fn with_index(text: &'static str, index: Index) -> Lexicon {
        let total = usize::try_from(index.total).unwrap_or(usize::MAX);
        Lexicon {
            text,
            lines: index.lines,
            added: BTreeMap::new(),
            total,
            log_total: (total as f64).ln(),
        }
    }

    /// Indexes `text` (one `word frequency [tag]` a line, sorted by word).
    #[cfg(test)]
    pub(crate) fn new(text: &'static str) -> Result<Lexicon, String> {
        Ok(Lexicon::with_index(text, index::index(text)?))
    }

    /// `ln` of the total frequency.
    pub(crate) fn log_total(&self) -> f64 {
        self.log_total
    }

    fn word(&self, line: u32) -> &'static str {
        let start = (line >> 8) as usize;
        self.text.get(start..start + (line & 0xFF) as usize).unwrap_or_default()
    }

    /// The frequency written after the word of `line`.
    fn freq_of(&self, line: u32) -> Option<usize> {
        let after = (line >> 8) as usize + (line & 0xFF) as usize;
        let rest = self.text.get(after..)?.trim_start_matches([' ', '\t']);
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        rest[..digits].parse().ok()
    }

    /// Looks `key` up. `from` is a line no later than the first word not below `key` (0 if
    /// unknown); it is moved to that word, so that looking up longer and longer strings from
    /// the same character narrows the search each time.
    pub(crate) fn lookup(&self, key: &str, from: &mut usize) -> Lookup {
        let rest = self.lines.get(*from..).unwrap_or_default();
        *from += rest.partition_point(|&line| self.word(line) < key);
        let mut found = Lookup { freq: None, longer: false };
        if let Some(&line) = self.lines.get(*from) {
            let word = self.word(line);
            if word == key {
                found.freq = self.freq_of(line);
                let next = self.lines.get(*from + 1);
                found.longer = next.is_some_and(|&line| self.word(line).starts_with(key));
            } else {
                found.longer = word.starts_with(key);
            }
        }
        if !self.added.is_empty() {
            let next = self.added.range::<str, _>((Bound::Included(key), Bound::Unbounded));
            for (word, &freq) in next.take(2) {
                if !word.starts_with(key) {
                    break;
                }
                if word.len() == key.len() {
                    found.freq = Some(freq);
                } else {
                    found.longer = true;
                }
            }
        }
        found
    }

    /// The frequency of `word` if it is one.
    pub(crate) fn freq(&self, word: &str) -> Option<usize> {
        self.lookup(word, &mut 0).freq
    }

    /// Adds `word` with `freq`, or sets its frequency if it is known.
    pub(crate) fn add(&mut self, word: &str, freq: usize) {
        let old = self.freq(word).unwrap_or(0);
        self.total = self.total.saturating_add(freq).saturating_sub(old);
        self.log_total = (self.total as f64).ln();
        self.added.insert(word.into(), freq);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SMALL: &str = "中国 100 ns\n中国人 20 n\n人民 50 n\n服务 40 vn\n";

    #[test]
    fn finds_words_and_longer_words() {
        let lexicon = Lexicon::new(SMALL).unwrap();
        let mut from = 0;
        assert_eq!(lexicon.lookup("中", &mut from), Lookup { freq: None, longer: true });
        assert_eq!(lexicon.lookup("中国", &mut from), Lookup { freq: Some(100), longer: true });
        assert_eq!(lexicon.lookup("中国人", &mut from).freq, Some(20));
        assert_eq!(lexicon.lookup("中国人民", &mut from), Lookup { freq: None, longer: false });
        assert_eq!(lexicon.freq("服务"), Some(40));
        assert_eq!(lexicon.freq("服"), None);
        assert_eq!(lexicon.freq("国"), None);
        assert_eq!(lexicon.log_total(), 210f64.ln());
    }

    #[test]
    fn added_words_override_and_extend() {
        let mut lexicon = Lexicon::new(SMALL).unwrap();
        lexicon.add("人民", 70);
        lexicon.add("为人民服务", 5);
        assert_eq!(lexicon.freq("人民"), Some(70));
        assert_eq!(lexicon.lookup("为人", &mut 0), Lookup { freq: None, longer: true });
        assert_eq!(lexicon.freq("为人民服务"), Some(5));
        assert_eq!(lexicon.log_total(), (210f64 + 20.0 + 5.0).ln());
    }
}
