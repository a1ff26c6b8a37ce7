//! Confusion sets: the characters an input method or a hurried eye puts in place of another.
//! The reviewed tables are `dictionaries/model/pinyin.txt` (every reading of each character the
//! model proposes), `shape.txt` (characters of similar shape) and `words.txt` (two-character
//! words, proposed for a pair that sounds alike); `tools/make_confusions.py` compiles them into
//! `confusions.bin` (layout in the script's docstring), which is read where it lies: each
//! character's candidates are a slice of it, found by binary search, with nothing parsed or
//! built at load.

use thiserror::Error;

/// Why the compiled confusion tables cannot be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TableLineError {
    /// The file does not start with the tables' header.
    #[error("confusions.bin: not sanshen confusion tables (bad header)")]
    Header,
    /// The counts of the header do not fit the file's size, or an offset points outside.
    #[error("confusions.bin: {what}")]
    Layout {
        /// What does not fit.
        what: &'static str,
    },
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
    /// A fuzzy sound: initials zh/z, ch/c, sh/s, n/l, h/f or finals ang/an, eng/en, ing/in
    /// told apart by a speaker's accent or not at all by an input method's fuzzy setting (证
    /// for 怎, 民 for 明).
    Fuzzy = 4,
}

/// An array of little-endian `u32` words inside the file.
#[derive(Clone, Copy, Debug, Default)]
struct Words(&'static [u8]);

impl Words {
    fn len(self) -> usize {
        self.0.len() / 4
    }

    #[inline]
    fn get(self, i: usize) -> u32 {
        let b = &self.0[4 * i..4 * i + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// Whether each word is at least the one before: one pass with no early exit, which the
    /// compiler vectorises (a start checks some 300,000 offsets; word by word it cost an eighth
    /// of a cold check's model).
    fn ascending(self) -> bool {
        let words = |b: &'static [u8]| {
            b.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        };
        let next = words(self.0.get(4..).unwrap_or_default());
        words(self.0).zip(next).fold(true, |ok, (a, b)| ok & (a <= b))
    }

    /// Words `from..to`.
    fn slice(self, from: usize, to: usize) -> Words {
        Words(&self.0[4 * from..4 * to])
    }

    /// The index of `x` in an ascending array.
    fn find(self, x: u32) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(&x) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The index of the pair `(a, b)` in an ascending array of pairs.
    fn find_pair(self, a: u32, b: u32) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len() / 2);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match (self.get(2 * mid), self.get(2 * mid + 1)).cmp(&(a, b)) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The items `at[i]..at[i + 1]` of `items` (`per` words an item), checked against the
    /// file's size when the tables were read.
    fn group(self, at: Words, i: usize, per: usize) -> Words {
        self.slice(per * at.get(i) as usize, per * at.get(i + 1) as usize)
    }
}

/// An array of little-endian `u16` half-words inside the file.
#[derive(Clone, Copy, Debug, Default)]
struct Halves(&'static [u8]);

impl Halves {
    fn len(self) -> usize {
        self.0.len() / 2
    }

    #[inline]
    fn get(self, i: usize) -> u16 {
        u16::from_le_bytes([self.0[2 * i], self.0[2 * i + 1]])
    }

    /// The items `at[i]..at[i + 1]`, checked against the file's size when the tables were read.
    fn group(self, at: Words, i: usize) -> Halves {
        Halves(&self.0[2 * at.get(i) as usize..2 * at.get(i + 1) as usize])
    }
}

/// The confusion sets of every character the model knows, read in place.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Confusions {
    /// The characters, ascending.
    chars: Words,
    cand_at: Words,
    /// Candidates: index in `chars` | kind << 13.
    cands: Halves,
    sound_at: Words,
    /// Toneless syllable ids.
    sounds: Words,
    /// Sound pairs with words, ascending.
    keys: Words,
    word_at: Words,
    /// Pairs of code points.
    words: Words,
    /// Every word, as ascending pairs of code points.
    all: Words,
}

const HEADER: usize = 32;

impl Confusions {
    /// Reads the header of `confusions.bin` and checks that every offset lies in the file.
    pub(crate) fn parse(bytes: &'static [u8]) -> Result<Confusions, TableLineError> {
        let sizes = Self::sizes(bytes)?;
        let cands = Words(&bytes[8..HEADER]).get(1) as usize;
        let t = Self::split(&bytes[HEADER..], sizes, cands);
        let fits = |offsets: Words, items: usize| {
            offsets.ascending() && offsets.get(offsets.len() - 1) as usize == items
        };
        // Offsets count items: candidates, sounds and pairs of code points.
        let [_, _, _, _, sounds, _, _, pairs, _] = sizes;
        if !fits(t.cand_at, t.cands.len())
            || !fits(t.sound_at, sounds)
            || !fits(t.word_at, pairs / 2)
        {
            return Err(TableLineError::Layout { what: "an offset points outside its table" });
        }
        Ok(t)
    }

    /// The length in words of each of the nine tables, from the header, checked against the
    /// file's size (the candidates are half-words, padded to a whole word).
    fn sizes(bytes: &'static [u8]) -> Result<[usize; 9], TableLineError> {
        if bytes.len() < HEADER || &bytes[..4] != b"SSCF" || Words(&bytes[4..8]).get(0) != 2 {
            return Err(TableLineError::Header);
        }
        let head = Words(&bytes[8..HEADER]);
        let [c, n, s, k, w, a] = [0, 1, 2, 3, 4, 5].map(|i| head.get(i) as u64);
        let sizes = [c, c + 1, n.div_ceil(2), c + 1, s, k, k + 1, 2 * w, 2 * a];
        if bytes.len() as u64 != HEADER as u64 + 4 * sizes.iter().sum::<u64>() {
            return Err(TableLineError::Layout { what: "the counts do not fit the file's size" });
        }
        Ok(sizes.map(|x| x as usize))
    }

    /// The tables, one after another in `body` (whose size the header's counts fit), the
    /// candidates cut to the header's count.
    fn split(body: &'static [u8], sizes: [usize; 9], cands: usize) -> Confusions {
        let mut at = 0;
        let mut next = |i: usize| {
            let part = Words(&body[at..at + 4 * sizes[i]]);
            at += 4 * sizes[i];
            part
        };
        let (chars, cand_at, halves) = (next(0), next(1), next(2));
        Confusions {
            chars,
            cand_at,
            cands: Halves(&halves.0[..2 * cands]),
            sound_at: next(3),
            sounds: next(4),
            keys: next(5),
            word_at: next(6),
            words: next(7),
            all: next(8),
        }
    }

    /// The index of `c` among the known characters.
    #[inline]
    fn index(&self, c: char) -> Option<usize> {
        self.chars.find(c as u32)
    }

    /// Whether the model knows `c` (and may second-guess it).
    pub(crate) fn knows(&self, c: char) -> bool {
        self.index(c).is_some()
    }

    /// The candidates for `c`, each once with its closest kind, ascending.
    pub(crate) fn candidates(&self, c: char) -> impl Iterator<Item = (char, Kind)> + '_ {
        let list = self.index(c).map(|i| self.cands.group(self.cand_at, i)).unwrap_or_default();
        (0..list.len()).filter_map(move |j| {
            let e = list.get(j);
            let kind = match e >> 13 {
                0 => Kind::SameTone,
                1 => Kind::OtherTone,
                2 => Kind::Shape,
                _ => Kind::Fuzzy,
            };
            let at = usize::from(e & 0x1FFF);
            (at < self.chars.len())
                .then(|| char::from_u32(self.chars.get(at)))
                .flatten()
                .map(|d| (d, kind))
        })
    }

    /// The two-character words that sound like `a` `b` (toneless) and differ from them in both
    /// characters, into `out` (cleared first); none when `a` `b` is itself a word.
    pub(crate) fn words(&self, a: char, b: char, out: &mut Vec<[char; 2]>) {
        out.clear();
        if self.all.find_pair(a as u32, b as u32).is_some() {
            return;
        }
        let (Some(ia), Some(ib)) = (self.index(a), self.index(b)) else { return };
        let (ra, rb) =
            (self.sounds.group(self.sound_at, ia, 1), self.sounds.group(self.sound_at, ib, 1));
        for x in 0..ra.len() {
            for y in 0..rb.len() {
                let Some(k) = self.keys.find(ra.get(x) << 16 | rb.get(y)) else { continue };
                let list = self.words.group(self.word_at, k, 2);
                for j in 0..list.len() / 2 {
                    let pair = [list.get(2 * j), list.get(2 * j + 1)].map(char::from_u32);
                    if let [Some(p), Some(q)] = pair {
                        if p != a && q != b {
                            out.push([p, q]);
                        }
                    }
                }
            }
        }
    }
}

/// Pairs that standard usage lets alternate or that the n-grams cannot tell apart by their
/// neighbours (作出/做出, 制订/制定, 的/地/得 by grammar, 他/她/它 by referent, 或/与/和 by
/// meaning: 中央或地方, 规定或约定): not typos a character model should propose.
const ALTERNATIONS: [(char, char); 11] = [
    ('作', '做'),
    ('订', '定'),
    ('地', '的'),
    ('得', '的'),
    ('得', '地'),
    ('他', '她'),
    ('他', '它'),
    ('她', '它'),
    ('或', '与'),
    ('或', '和'),
    ('与', '和'),
];

/// Whether `a` alternates legitimately with any character (asked once for a character before
/// [`alternation`] with each of its candidates).
pub(crate) fn alternates(a: char) -> bool {
    ALTERNATIONS.iter().any(|&(x, y)| x == a || y == a)
}

/// Whether `a` and `b` alternate legitimately (either order).
pub(crate) fn alternation(a: char, b: char) -> bool {
    ALTERNATIONS.iter().any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    /// A file with the given header counts and `words` zero words after the header.
    fn file(counts: [u32; 6], words: usize) -> &'static [u8] {
        let mut bytes = b"SSCF".to_vec();
        bytes.extend(2u32.to_le_bytes());
        counts.iter().for_each(|c| bytes.extend(c.to_le_bytes()));
        bytes.resize(HEADER + 4 * words, 0);
        leak(bytes)
    }

    #[test]
    fn bad_files_are_errors() {
        assert_eq!(Confusions::parse(b"SSLM").unwrap_err(), TableLineError::Header);
        let wrong_size = Confusions::parse(file([1, 0, 0, 0, 0, 0], 3)).unwrap_err();
        assert!(wrong_size.to_string().contains("size"), "{wrong_size}");
        // One character, offsets 0 and 0, and a candidate the offsets do not reach.
        let outside = Confusions::parse(file([1, 1, 0, 0, 0, 0], 7)).unwrap_err();
        assert!(outside.to_string().contains("offset"), "{outside}");
        let empty = Confusions::parse(file([0, 0, 0, 0, 0, 0], 3)).unwrap();
        assert!(!empty.knows('竟') && empty.candidates('竟').next().is_none());
    }

    /// Tables of `chars` (ascending), each with the candidates given as (index, kind code).
    fn tables(chars: &[char], cands: &[&[(u16, u16)]]) -> Vec<u8> {
        let n: usize = cands.iter().map(|c| c.len()).sum();
        let mut bytes = b"SSCF".to_vec();
        for w in [2, chars.len() as u32, n as u32, 0, 0, 0, 0] {
            bytes.extend(w.to_le_bytes());
        }
        chars.iter().for_each(|&c| bytes.extend((c as u32).to_le_bytes()));
        let mut at = 0u32;
        bytes.extend(at.to_le_bytes());
        for c in cands {
            at += c.len() as u32;
            bytes.extend(at.to_le_bytes());
        }
        cands
            .iter()
            .flat_map(|c| c.iter())
            .for_each(|&(i, k)| bytes.extend((i | k << 13).to_le_bytes()));
        if n % 2 == 1 {
            bytes.extend([0, 0]);
        }
        // No sounds, no words.
        (0..=chars.len()).for_each(|_| bytes.extend(0u32.to_le_bytes()));
        bytes.extend(0u32.to_le_bytes());
        bytes
    }

    #[test]
    fn candidates_are_read_back_with_their_kind() {
        let bytes = tables(&['大', '天', '工'], &[&[(1, 2)], &[(0, 2), (2, 3)], &[]]);
        let t = Confusions::parse(leak(bytes)).expect("tables");
        assert_eq!(t.candidates('大').collect::<Vec<_>>(), [('天', Kind::Shape)]);
        let of_tian: Vec<_> = t.candidates('天').collect();
        assert_eq!(of_tian, [('大', Kind::Shape), ('工', Kind::Fuzzy)]);
        assert!(t.candidates('工').next().is_none() && !t.knows('王'));
        // A candidate pointing past the characters is dropped, not a panic.
        let past = tables(&['大', '天'], &[&[(7, 0)], &[(0, 1)]]);
        let t = Confusions::parse(leak(past)).expect("tables");
        assert!(t.candidates('大').next().is_none());
        assert_eq!(t.candidates('天').collect::<Vec<_>>(), [('大', Kind::OtherTone)]);
    }

    #[test]
    fn offsets_that_go_down_are_refused() {
        let mut bytes = tables(&['大', '天', '工'], &[&[(1, 2)], &[(0, 2), (2, 3)], &[]]);
        // The candidates' offsets follow the header and the three characters: 0, 1, 3, 3.
        let at = HEADER + 4 * 3 + 4;
        bytes[at..at + 4].copy_from_slice(&4u32.to_le_bytes());
        let err = Confusions::parse(leak(bytes)).unwrap_err();
        assert!(err.to_string().contains("offset"), "{err}");
        let words = |w: &[u32]| Words(leak(w.iter().flat_map(|x| x.to_le_bytes()).collect()));
        assert!(words(&[]).ascending() && words(&[7]).ascending());
        assert!(words(&[0, 0, 2, 9, 9]).ascending() && !words(&[0, 3, 2, 9]).ascending());
    }

    /// Cut or scrambled tables give an error or tables that answer, never a panic.
    #[test]
    fn corrupt_tables_never_panic() {
        let good = tables(&['大', '天', '工'], &[&[(1, 2)], &[(0, 2), (2, 3)], &[]]);
        for cut in 0..good.len() {
            assert!(Confusions::parse(leak(good[..cut].to_vec())).is_err(), "{cut}");
        }
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x5A;
            if let Ok(t) = Confusions::parse(leak(bad)) {
                for c in ['大', '天', '工', '王'] {
                    let _ = t.candidates(c).count();
                    let mut words = Vec::new();
                    t.words(c, '天', &mut words);
                }
            }
        }
    }

    #[test]
    fn legitimate_alternations_are_not_candidates() {
        assert!(alternation('作', '做') && alternation('做', '作'));
        assert!(alternation('的', '地'));
        assert!(alternation('定', '订'));
        assert!(alternation('与', '或') && alternation('和', '或'));
        assert!(!alternation('境', '竟'));
    }

    #[cfg(feature = "model")]
    fn shipped() -> Confusions {
        crate::model::Model::embedded().confusions
    }

    #[test]
    #[cfg(feature = "model")]
    fn shipped_candidates_and_words() {
        let c = shipped();
        let of = |x| c.candidates(x).collect::<Vec<_>>();
        assert!(of('竟').contains(&('境', Kind::SameTone)));
        assert!(of('管').contains(&('官', Kind::OtherTone)));
        assert!(of('未').contains(&('末', Kind::Shape)));
        assert!(of('率').contains(&('律', Kind::SameTone)));
        assert!(!c.knows('a') && of('a').is_empty());
        let mut words = Vec::new();
        c.words('锦', '荣', &mut words);
        assert!(words.contains(&['金', '融']), "{words:?}");
        // A pair that is itself a word gets no word candidates.
        c.words('金', '融', &mut words);
        assert!(words.is_empty(), "{words:?}");
    }

    /// Each character's readings (`pinyin.txt`) and similar characters (`shape.txt`).
    #[cfg(feature = "model")]
    type TextTables = (Vec<(char, Vec<&'static str>)>, Vec<(char, &'static str)>);

    /// The readings of `pinyin.txt` and the groups of `shape.txt`, as the reviewed tables say.
    #[cfg(feature = "model")]
    fn text_tables() -> TextTables {
        let rows = |text: &'static str| {
            text.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t'))
        };
        let first = |k: &str| k.chars().next().expect("a character");
        let pinyin =
            rows(super::super::data::PINYIN).map(|(k, r)| (first(k), r.split(' ').collect()));
        let shape = rows(super::super::data::SHAPE).map(|(k, r)| (first(k), r));
        (pinyin.collect(), shape.collect())
    }

    /// Whether the toneless syllables `a` and `b` differ in one fuzzy part: initials zh/z,
    /// ch/c, sh/s, n/l, h/f or finals ang/an, eng/en, ing/in.
    #[cfg(feature = "model")]
    fn fuzzy(a: &str, b: &str) -> bool {
        let initials = [("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("h", "f")];
        let finals = [("ang", "an"), ("eng", "en"), ("ing", "in")];
        let retroflex = |s: &str| s.len() > 1 && "zcs".contains(&s[..1]) && &s[1..2] == "h";
        let split = |s: &str| -> (String, String) {
            let at = if retroflex(s) {
                2
            } else {
                s.find(|c: char| "aeiouv".contains(c)).unwrap_or(0).min(1)
            };
            (s[..at].to_owned(), s[at..].to_owned())
        };
        let ((ia, fa), (ib, fb)) = (split(a), split(b));
        let pair = |x: &str, y: &str, list: &[(&str, &str)]| {
            list.iter().any(|&(p, q)| (x, y) == (p, q) || (x, y) == (q, p))
        };
        let finals: &[(&str, &str)] = &finals;
        let finals_pair = finals.iter().any(|&(p, q)| {
            [(p, q), (q, p)].iter().any(|&(x, y)| {
                fa.strip_suffix(x).is_some_and(|stem| fb.strip_suffix(y) == Some(stem))
            })
        });
        (fa == fb && pair(&ia, &ib, &initials)) || (ia == ib && finals_pair)
    }

    /// The compiled tables say what the text tables say: every character of `pinyin.txt` is
    /// known, and a sample's candidates are those its readings and shape group give (so an
    /// edit of a text table without rerunning `tools/make_confusions.py` fails here).
    #[test]
    #[cfg(feature = "model")]
    fn compiled_tables_match_the_text_tables() {
        let (pinyin, shape) = text_tables();
        let c = shipped();
        assert!(pinyin.iter().all(|(x, _)| c.knows(*x)));
        for (x, readings) in pinyin.iter().step_by(97) {
            let mut want: Vec<(char, Kind)> = Vec::new();
            for (y, theirs) in &pinyin {
                let same = theirs.iter().any(|r| readings.contains(r));
                let toneless = |r: &&str| r[..r.len() - 1].to_owned();
                let mine: Vec<String> = readings.iter().map(toneless).collect();
                let near = theirs.iter().map(toneless).any(|t| mine.contains(&t));
                if y != x && (same || near) {
                    want.push((*y, if same { Kind::SameTone } else { Kind::OtherTone }));
                }
            }
            let similar = shape.iter().find(|(y, _)| y == x).map_or("", |(_, s)| *s);
            let shaped: Vec<char> =
                similar.chars().filter(|y| !want.iter().any(|(w, _)| w == y)).collect();
            want.extend(shaped.into_iter().map(|y| (y, Kind::Shape)));
            let mine: Vec<&str> = readings.iter().map(|r| &r[..r.len() - 1]).collect();
            for (y, theirs) in &pinyin {
                let fuzzy = theirs.iter().any(|r| mine.iter().any(|m| fuzzy(m, &r[..r.len() - 1])));
                let numerals = "〇零一二三四五六七八九十百千万亿两";
                let both_numerals = numerals.contains(*x) && numerals.contains(*y);
                if y != x && fuzzy && !both_numerals && !want.iter().any(|(w, _)| w == y) {
                    want.push((*y, Kind::Fuzzy));
                }
            }
            want.sort_unstable();
            assert_eq!(c.candidates(*x).collect::<Vec<_>>(), want, "{x}");
        }
    }
}
