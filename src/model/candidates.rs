//! Confusion sets: the characters an input method or a hurried eye puts in place of another.
//! Read from `dictionaries/model/pinyin.txt` (every reading of each character the model
//! proposes), `dictionaries/model/shape.txt` (characters of similar shape) and
//! `dictionaries/model/words.txt` (two-character words, proposed for a pair that sounds alike).

use crate::hash::{FastMap, FastSet};
use std::collections::HashMap;
use thiserror::Error;

/// A line of a confusion table that cannot be read.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{file}:{line}: {what}")]
pub struct TableLineError {
    /// The table's file name.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub what: &'static str,
}

/// How a candidate relates to the character it would replace; kinds that confuse less often
/// need more evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Same syllable, same tone (境 for 竟).
    SameTone = 0,
    /// Same syllable, another tone (律 for 率 read lǜ).
    OtherTone = 1,
    /// Similar shape (官 for 管).
    Shape = 2,
    /// A two-character word that sounds like the pair it would replace (金融 for 锦荣).
    Word = 3,
}

/// The confusion sets of every character the model knows.
#[derive(Debug)]
pub(crate) struct Confusions {
    /// For each character, the ids of its toned syllables.
    readings: FastMap<char, Vec<u16>>,
    /// For each toned syllable, its characters.
    by_syllable: Vec<Vec<char>>,
    /// For each toned syllable, the other toned syllables of the same toneless one.
    other_tones: Vec<Vec<u16>>,
    shape: FastMap<char, &'static str>,
    /// For each toned syllable, the id of its toneless one.
    toneless: Vec<u16>,
    /// Two-character words by the toneless syllables of their reading.
    words: FastMap<(u16, u16), Vec<[char; 2]>>,
    /// Every two-character word of the table.
    known_words: FastSet<[char; 2]>,
}

impl Confusions {
    /// Parses the three tables.
    pub(crate) fn parse(
        pinyin: &'static str,
        shape: &'static str,
        words: &'static str,
    ) -> Result<Confusions, TableLineError> {
        let mut ids: HashMap<&str, u16> = HashMap::new();
        let mut readings = FastMap::default();
        let mut by_syllable: Vec<Vec<char>> = Vec::new();
        for (line, c, rest) in lines("pinyin.txt", pinyin)? {
            let mut own = Vec::new();
            for r in rest.split(' ') {
                let valid =
                    r.len() > 1 && r.bytes().last().is_some_and(|b| (b'1'..=b'5').contains(&b));
                if !valid || !r.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
                    return Err(error("pinyin.txt", line, "a reading is letters and a tone digit"));
                }
                let next = ids.len() as u16;
                let id = *ids.entry(r).or_insert(next);
                if id == next {
                    by_syllable.push(Vec::new());
                }
                by_syllable[id as usize].push(c);
                own.push(id);
            }
            readings.insert(c, own);
        }
        let mut toneless: HashMap<&str, Vec<u16>> = HashMap::new();
        for (r, &id) in &ids {
            toneless.entry(&r[..r.len() - 1]).or_default().push(id);
        }
        let mut other_tones = vec![Vec::new(); ids.len()];
        for (r, &id) in &ids {
            let same = &toneless[&r[..r.len() - 1]];
            other_tones[id as usize] = same.iter().copied().filter(|&o| o != id).collect();
        }
        // Toneless syllables numbered in the order of their first toned id, so the numbering
        // does not depend on a hash map's order.
        let mut toneless_of = vec![0; ids.len()];
        let mut toneless_ids: HashMap<&str, u16> = HashMap::new();
        let mut by_id: Vec<&str> = vec![""; ids.len()];
        for (r, &id) in &ids {
            by_id[id as usize] = r;
        }
        for (id, r) in by_id.iter().enumerate() {
            let next = toneless_ids.len() as u16;
            toneless_of[id] = *toneless_ids.entry(&r[..r.len() - 1]).or_insert(next);
        }
        let mut similar = FastMap::default();
        for (_, c, rest) in lines("shape.txt", shape)? {
            similar.insert(c, rest);
        }
        let (words, known_words) = parse_words(words, &toneless_ids)?;
        Ok(Confusions {
            readings,
            by_syllable,
            other_tones,
            shape: similar,
            toneless: toneless_of,
            words,
            known_words,
        })
    }

    /// The two-character words that sound like `a` `b` (toneless) and differ from them in both
    /// characters, into `out` (cleared first); none when `a` `b` is itself a word.
    pub(crate) fn words(&self, a: char, b: char, out: &mut Vec<[char; 2]>) {
        out.clear();
        if self.known_words.contains(&[a, b]) {
            return;
        }
        let (Some(ra), Some(rb)) = (self.readings.get(&a), self.readings.get(&b)) else {
            return;
        };
        for (n, &x) in ra.iter().enumerate() {
            let tx = self.toneless[x as usize];
            if ra[..n].iter().any(|&p| self.toneless[p as usize] == tx) {
                continue;
            }
            for (m, &y) in rb.iter().enumerate() {
                let ty = self.toneless[y as usize];
                if rb[..m].iter().any(|&p| self.toneless[p as usize] == ty) {
                    continue;
                }
                let Some(list) = self.words.get(&(tx, ty)) else { continue };
                out.extend(list.iter().filter(|w| w[0] != a && w[1] != b));
            }
        }
    }

    /// Whether the model knows `c` (and may second-guess it).
    pub(crate) fn knows(&self, c: char) -> bool {
        self.readings.contains_key(&c)
    }

    /// The candidates for `c`, each once with its closest kind, into `out` (cleared first).
    pub(crate) fn candidates(&self, c: char, out: &mut Vec<(char, Kind)>) {
        out.clear();
        let Some(own) = self.readings.get(&c) else { return };
        for &s in own {
            out.extend(self.by_syllable[s as usize].iter().map(|&d| (d, Kind::SameTone)));
            for &o in &self.other_tones[s as usize] {
                out.extend(self.by_syllable[o as usize].iter().map(|&d| (d, Kind::OtherTone)));
            }
        }
        if let Some(similar) = self.shape.get(&c) {
            out.extend(similar.chars().map(|d| (d, Kind::Shape)));
        }
        // Sorted by character, then kind: the first of each character is its closest kind.
        out.sort_unstable();
        out.dedup_by_key(|(d, _)| *d);
        out.retain(|&(d, _)| d != c);
    }
}

/// Words by the toneless ids of their two syllables, and the set of them all.
type Words = (FastMap<(u16, u16), Vec<[char; 2]>>, FastSet<[char; 2]>);

/// Parses `words.txt`: `WORD<TAB>READING`, two characters and two toned syllables. A word with
/// a syllable no character of `pinyin.txt` has can never be proposed and is left out.
fn parse_words(text: &'static str, toneless: &HashMap<&str, u16>) -> Result<Words, TableLineError> {
    let (mut by_sound, mut all) = (FastMap::default(), FastSet::default());
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |what| error("words.txt", i + 1, what);
        let (word, reading) = line.split_once('\t').ok_or(bad("no tab"))?;
        let mut chars = word.chars();
        let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) else {
            return Err(bad("a word of two characters before the tab"));
        };
        let syllables: Vec<&str> = reading.split(' ').collect();
        let [x, y] = syllables[..] else {
            return Err(bad("two syllables after the tab"));
        };
        let toneless_id = |r: &str| {
            let toned = r.len() > 1 && r.bytes().last().is_some_and(|b| (b'1'..=b'5').contains(&b));
            toned.then(|| toneless.get(&r[..r.len() - 1]).copied())
        };
        let (Some(tx), Some(ty)) = (toneless_id(x), toneless_id(y)) else {
            return Err(bad("a syllable is letters and a tone digit"));
        };
        all.insert([a, b]);
        if let (Some(tx), Some(ty)) = (tx, ty) {
            by_sound.entry((tx, ty)).or_insert_with(Vec::new).push([a, b]);
        }
    }
    Ok((by_sound, all))
}

/// Pairs that standard usage lets alternate or that the n-grams cannot tell apart by their
/// neighbours (作出/做出, 制订/制定, 的/地/得 by grammar, 他/她/它 by referent): not typos a
/// character model should propose.
const ALTERNATIONS: [(char, char); 8] = [
    ('作', '做'),
    ('订', '定'),
    ('地', '的'),
    ('得', '的'),
    ('得', '地'),
    ('他', '她'),
    ('他', '它'),
    ('她', '它'),
];

/// Whether `a` and `b` alternate legitimately (either order).
pub(crate) fn alternation(a: char, b: char) -> bool {
    ALTERNATIONS.iter().any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
}

fn error(file: &'static str, line: usize, what: &'static str) -> TableLineError {
    TableLineError { file, line, what }
}

/// The entries of a table: line number, the character, the rest after the tab.
fn lines(
    file: &'static str,
    text: &'static str,
) -> Result<Vec<(usize, char, &'static str)>, TableLineError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line.split_once('\t').ok_or(error(file, i + 1, "no tab"))?;
        let mut chars = key.chars();
        let c = chars.next().ok_or(error(file, i + 1, "no character before the tab"))?;
        if chars.next().is_some() {
            return Err(error(file, i + 1, "one character before the tab"));
        }
        if rest.is_empty() {
            return Err(error(file, i + 1, "nothing after the tab"));
        }
        out.push((i + 1, c, rest));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confusions() -> Confusions {
        Confusions::parse(
            "境\tjing4\n竟\tjing4\n静\tjing4\n经\tjing1\n管\tguan3\n\
             金\tjin1\n锦\tjin3\n荣\trong2\n融\trong2\n今\tjin1\n",
            "官\t管\n管\t官\n",
            "金融\tjin1 rong2\n今荣\tjin1 rong2\n",
        )
        .unwrap()
    }

    #[test]
    fn words_that_sound_like_a_pair() {
        let c = confusions();
        let mut out = Vec::new();
        c.words('锦', '荣', &mut out);
        // 今荣 keeps 荣: a one-character change, which the character candidates cover.
        assert_eq!(out, [['金', '融']]);
        // A pair that is itself a word gets no word candidates.
        c.words('今', '荣', &mut out);
        assert!(out.is_empty());
        c.words('管', '荣', &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn kinds_of_candidates() {
        let c = confusions();
        let mut out = Vec::new();
        c.candidates('竟', &mut out);
        out.sort();
        assert_eq!(out, [('境', Kind::SameTone), ('经', Kind::OtherTone), ('静', Kind::SameTone)]);
        // 官 has no reading in the table, but its shape is like 管's.
        c.candidates('管', &mut out);
        assert_eq!(out, [('官', Kind::Shape)]);
        c.candidates('甲', &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn legitimate_alternations_are_not_candidates() {
        assert!(alternation('作', '做') && alternation('做', '作'));
        assert!(alternation('的', '地'));
        assert!(alternation('定', '订'));
        assert!(!alternation('境', '竟'));
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = Confusions::parse("境\tjing4\n竟 jing4\n", "", "").unwrap_err();
        assert_eq!(e.to_string(), "pinyin.txt:2: no tab");
        let e = Confusions::parse("境\tjing\n", "", "").unwrap_err();
        assert_eq!(e.to_string(), "pinyin.txt:1: a reading is letters and a tone digit");
        let e = Confusions::parse("", "官管\t管\n", "").unwrap_err();
        assert_eq!(e.to_string(), "shape.txt:1: one character before the tab");
        let e = Confusions::parse("", "", "# x\n金融\tjin1\n").unwrap_err();
        assert_eq!(e.to_string(), "words.txt:2: two syllables after the tab");
        let e = Confusions::parse("", "", "金\tjin1 rong2\n").unwrap_err();
        assert_eq!(e.to_string(), "words.txt:1: a word of two characters before the tab");
        let e = Confusions::parse("", "", "金融\tjin rong2\n").unwrap_err();
        assert_eq!(e.to_string(), "words.txt:1: a syllable is letters and a tone digit");
    }

    #[test]
    #[cfg(feature = "model")]
    fn shipped_tables_parse() {
        let model = crate::model::Model::embedded();
        let mut out = Vec::new();
        model.confusions.candidates('竟', &mut out);
        assert!(out.contains(&('境', Kind::SameTone)), "{out:?}");
        let mut words = Vec::new();
        model.confusions.words('锦', '荣', &mut words);
        assert!(words.contains(&['金', '融']), "{words:?}");
    }
}
