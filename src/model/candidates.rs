//! Confusion sets: the characters an input method or a hurried eye puts in place of another.
//! Read from `dictionaries/model/pinyin.txt` (every reading of each character the model
//! proposes) and `dictionaries/model/shape.txt` (characters of similar shape).

use crate::hash::FastMap;
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
}

impl Confusions {
    /// Parses the two tables.
    pub(crate) fn parse(
        pinyin: &'static str,
        shape: &'static str,
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
        let mut similar = FastMap::default();
        for (_, c, rest) in lines("shape.txt", shape)? {
            similar.insert(c, rest);
        }
        Ok(Confusions { readings, by_syllable, other_tones, shape: similar })
    }

    /// Whether the model knows `c` (and may second-guess it).
    pub(crate) fn knows(&self, c: char) -> bool {
        self.readings.contains_key(&c)
    }

    /// The candidates for `c`, each once with its closest kind, into `out` (cleared first).
    pub(crate) fn candidates(&self, c: char, out: &mut Vec<(char, Kind)>) {
        out.clear();
        let Some(own) = self.readings.get(&c) else { return };
        let mut add = |d: char, kind: Kind| {
            if d == c {
                return;
            }
            match out.iter_mut().find(|(e, _)| *e == d) {
                Some(found) => found.1 = found.1.min(kind),
                None => out.push((d, kind)),
            }
        };
        for &s in own {
            self.by_syllable[s as usize].iter().for_each(|&d| add(d, Kind::SameTone));
            for &o in &self.other_tones[s as usize] {
                self.by_syllable[o as usize].iter().for_each(|&d| add(d, Kind::OtherTone));
            }
        }
        if let Some(similar) = self.shape.get(&c) {
            similar.chars().for_each(|d| add(d, Kind::Shape));
        }
    }
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
            "境\tjing4\n竟\tjing4\n静\tjing4\n经\tjing1\n管\tguan3\n",
            "官\t管\n管\t官\n",
        )
        .unwrap()
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
        let e = Confusions::parse("境\tjing4\n竟 jing4\n", "").unwrap_err();
        assert_eq!(e.to_string(), "pinyin.txt:2: no tab");
        let e = Confusions::parse("境\tjing\n", "").unwrap_err();
        assert_eq!(e.to_string(), "pinyin.txt:1: a reading is letters and a tone digit");
        let e = Confusions::parse("", "官管\t管\n").unwrap_err();
        assert_eq!(e.to_string(), "shape.txt:1: one character before the tab");
    }

    #[test]
    fn shipped_tables_parse() {
        let model = crate::model::Model::embedded();
        let mut out = Vec::new();
        model.confusions.candidates('竟', &mut out);
        assert!(out.contains(&('境', Kind::SameTone)), "{out:?}");
    }
}
