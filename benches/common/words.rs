//! Chinese text built from jieba's word list, for the benches and the corpus generator where
//! the real documents (`../shared/data/corpus/gov-docs`) are absent: words drawn by their
//! frequency from the compact segmentation lexicon (`dictionaries/segment/lexicon.txt`, the
//! most frequent words of jieba's dictionary with jieba's frequencies), a few to a clause, a
//! few clauses to a sentence.

/// jieba's words with their frequencies, as the repository ships them.
static LEXICON: &str = include_str!("../../dictionaries/segment/lexicon.txt");

/// The words of the lexicon written in ideographs only, with the running sum of their
/// frequencies for drawing them. Left out: words tagged `x` (most are the shipped
/// dictionaries' own forms, which `tools/make_lexicon.py` adds) and the patterns of the
/// shipped entries (jieba's list holds old variants such as 惟一 and a few misspellings), so
/// that the text is clean until errors are put in on purpose.
pub(crate) struct Words {
    words: Vec<&'static str>,
    cumulative: Vec<u64>,
}

impl Words {
    pub(crate) fn new() -> Words {
        let shipped = sanshen::dict::Dictionary::builtin().entries.iter();
        let patterns: std::collections::HashSet<&str> =
            shipped.map(|e| e.pattern.as_str()).collect();
        let mut words = Vec::new();
        let mut cumulative = Vec::new();
        let mut sum = 0u64;
        for line in LEXICON.lines() {
            let mut fields = line.split_ascii_whitespace();
            let (Some(word), Some(Ok(freq))) =
                (fields.next(), fields.next().map(str::parse::<u64>))
            else {
                continue;
            };
            if fields.next() == Some("x") || patterns.contains(word) {
                continue;
            }
            if freq > 0 && word.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
                sum += freq;
                words.push(word);
                cumulative.push(sum);
            }
        }
        Words { words, cumulative }
    }

    /// A word drawn by frequency with the random number `r`.
    pub(crate) fn pick(&self, r: u64) -> &'static str {
        let total = self.cumulative.last().copied().unwrap_or(0);
        if total == 0 {
            return "";
        }
        let at = self.cumulative.partition_point(|&c| c <= r % total);
        self.words[at.min(self.words.len() - 1)]
    }

    /// A sentence of one to four clauses of two to nine words, ending in 。; `next` gives
    /// random numbers.
    pub(crate) fn sentence(&self, next: &mut impl FnMut() -> u64) -> String {
        let mut s = String::new();
        let clauses = 1 + next() % 4;
        for clause in 0..clauses {
            if clause > 0 {
                s.push(if next() % 5 == 0 { '；' } else { '，' });
            }
            for _ in 0..2 + next() % 8 {
                s.push_str(self.pick(next()));
            }
        }
        s.push('。');
        s
    }
}
