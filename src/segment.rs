//! Word segmentation around a candidate hit, to tell a real misspelling from characters that
//! meet across a word boundary (在坐的各位 vs 在坐车).
//!
//! The segmenter is built lazily, only when a hit that needs the check is found, and it only
//! ever segments the clause around the hit, never the whole text.

mod clause;
mod cut;
mod index;
mod lexicon;

use crate::span::Span;
pub(crate) use clause::clause_around;
use cut::{cut, suggest_freq};
use jieba_rs::Jieba;
use lexicon::Lexicon;

/// Cuts clauses into words: the compact lexicon searched where it lies, or jieba-rs with its
/// full dictionary. Either has the dictionary's own words added.
pub(crate) enum Segmenter {
    Compact(Lexicon),
    /// Only with the `full-segmenter` feature, which embeds jieba's dictionary.
    #[cfg_attr(not(feature = "full-segmenter"), allow(dead_code))]
    Full(Box<Jieba>),
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Segmenter::Compact(_) => "compact",
            Segmenter::Full(_) => "full",
        };
        f.debug_tuple("Segmenter").field(&kind).finish()
    }
}

// LEXICON_TABLE and LEXICON_TOTAL, from build.rs: the table of the compact lexicon
// (`dictionaries/segment/README.md`), a trie kept as a hash table of edges, and the sum of its
// frequencies. The table is the lexicon; the word list itself is only read by build.rs.
include!(concat!(env!("OUT_DIR"), "/lexicon_index.rs"));

/// The shipped lexicon, ready to search: nothing to load, where a trie built word by word
/// from the list took 16 ms. It cuts like jieba's full dictionary around the hits that need
/// it.
fn shipped() -> Lexicon {
    Lexicon::shipped(LEXICON_TABLE, LEXICON_TOTAL)
}

/// Whether `word` is a word of the shipped lexicon (the statistical model asks before it
/// proposes a word in place of two characters that may belong to a longer one).
pub(crate) fn is_word(word: &str) -> bool {
    shipped().freq(word).is_some()
}

impl Segmenter {
    /// The compact lexicon (or, with `full`, jieba's default dictionary) plus `words`: the
    /// dictionary's wrong forms and corrections (no frequency: they get one just high enough
    /// to keep the word whole when nothing better competes) and the `word` lines, whose
    /// frequency, if given, is used as is.
    pub(crate) fn new<'a>(
        words: impl IntoIterator<Item = (&'a str, Option<usize>)>,
        full: bool,
    ) -> Segmenter {
        #[cfg(not(feature = "full-segmenter"))]
        let _ = full; // the builder refuses `full` without the feature
        #[cfg(feature = "full-segmenter")]
        if full {
            let mut jieba = Jieba::new();
            for (word, freq) in words {
                if freq.is_some() || !jieba.has_word(word) {
                    jieba.add_word(word, freq, None);
                }
            }
            return Segmenter::Full(Box::new(jieba));
        }
        let mut lexicon = shipped();
        for (word, freq) in words {
            if word.is_empty() || (freq.is_none() && lexicon.freq(word).is_some()) {
                continue;
            }
            let freq = freq.unwrap_or_else(|| suggest_freq(&lexicon, word));
            lexicon.add(word, freq);
        }
        Segmenter::Compact(lexicon)
    }

    /// Whether `word` is a word of the segmenter's dictionary.
    #[cfg(test)]
    pub(crate) fn knows(&self, word: &str) -> bool {
        match self {
            Segmenter::Compact(lexicon) => lexicon.freq(word).is_some(),
            Segmenter::Full(jieba) => jieba.has_word(word),
        }
    }

    /// Whether `span` of `text` begins and ends on word boundaries when the clause around it
    /// is segmented.
    pub(crate) fn is_whole_words(&self, text: &str, span: Span) -> bool {
        let window = clause_around(text, span);
        let (start, end) = (span.start - window.start, span.end - window.start);
        let mut start_ok = start == 0;
        let mut end_ok = end == window.len();
        let clause = &text[window];
        match self {
            Segmenter::Compact(lexicon) => cut(lexicon, clause, None, |word| {
                start_ok |= word.start == start;
                end_ok |= word.end == end;
            }),
            Segmenter::Full(jieba) => {
                for token in jieba.cut(clause, false) {
                    start_ok |= token.byte_start == start;
                    end_ok |= token.byte_end == end;
                    if token.byte_start > end {
                        break;
                    }
                }
            }
        }
        start_ok && end_ok
    }

    /// Whether the characters of `span` read better as parts of the words around it when its
    /// clause is cut with the lexicon's own words, `span` itself not taken as one (干部|们 for
    /// 部们, 军人|代表大会 for 人代表大会): a common word ([`COMMON_WORD`]) crosses an edge of
    /// `span`, and what is left inside is words of two or more characters or single characters
    /// that stand as words of their own ([`stands_alone`]: 们, 对, 既, 按), not stray
    /// characters (人参|预 leaves 预 alone, so 参预 stays a misspelling).
    pub(crate) fn crosses_word(&self, text: &str, span: Span) -> bool {
        let window = clause_around(text, span);
        let (start, end) = (span.start - window.start, span.end - window.start);
        let clause = &text[window];
        let verb = verb_with_particle(text, span);
        let (mut crossed, mut stray) = (verb.is_some(), false);
        let mut judge = |w: Span, freq: Option<usize>| {
            let long = clause[w].chars().nth(1).is_some();
            let freq = freq.unwrap_or(0);
            let claimed = verb.is_some_and(|v| w.start + window.start >= v);
            if long && ((w.start < start && start < w.end) || (w.start < end && end < w.end)) {
                crossed |= freq >= COMMON_WORD;
            } else if !long && !claimed && start <= w.start && w.end <= end {
                stray |= !stands_alone(&clause[w], freq);
            }
        };
        let lexicon = self.common_words();
        cut(lexicon, clause, Some((Span::new(start, end), COMMON_WORD)), |w| {
            judge(w, lexicon.freq(&clause[w]))
        });
        crossed && !stray
    }
}

/// The particles that follow a verb (坐得满满, 坐着, 坐过), binding it to them.
const VERB_PARTICLES: [char; 3] = ['得', '着', '过'];

/// Where the last character of `span` starts when it is a verb bound to a particle right after
/// the hit and every character before it is a function word ([`FUNCTION_WORDS`]): 在|坐得满满
/// is 在 and 坐得, no 在坐 (在座). The hit is then characters across a boundary.
fn verb_with_particle(text: &str, span: Span) -> Option<usize> {
    let (last, _) = text[span].char_indices().next_back()?;
    let head = &text[span][..last];
    let bound = text[span.end..].starts_with(VERB_PARTICLES);
    (bound && !head.is_empty() && head.chars().all(is_function_word)).then_some(span.start + last)
}

/// Whether `text` starts with a common word ([`COMMON_WORD`]) of two to four characters of the
/// shipped lexicon (表示 of 表示感谢; not 华担 of 华担任).
pub(crate) fn starts_common_word(text: &str) -> bool {
    let lexicon = shipped();
    let mut ends = text.char_indices().map(|(i, _)| i).chain([text.len()]).skip(2).take(3);
    ends.any(|end| lexicon.freq(&text[..end]).is_some_and(|f| f >= COMMON_WORD))
}

/// Whether the character `c` stands as a word of its own ([`stands_alone`]: 们, 在, 的).
pub(crate) fn stands_alone_char(c: char) -> bool {
    let mut buf = [0; 4];
    let word = c.encode_utf8(&mut buf);
    stands_alone(word, shipped().freq(word).unwrap_or(0))
}

impl Segmenter {
    /// The lexicon whose common words decide [`Segmenter::crosses_word`] and
    /// [`Segmenter::reads_as_words`]: the compact one either way, so that both segmenters
    /// judge alike (its common words are jieba's).
    fn common_words(&self) -> &Lexicon {
        static SHIPPED: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(shipped);
        match self {
            Segmenter::Compact(lexicon) => lexicon,
            Segmenter::Full(_) => &SHIPPED,
        }
    }

    /// Whether `span` of `text` reads as common words of its own: cut with the lexicon's
    /// common words ([`COMMON_WORD`]), `span` itself not taken as one, no word crosses its
    /// edges and every character in it belongs to a word of two or more characters or is one
    /// of `joiners` (function characters, [`FUNCTION_CHARS`]): 中国|现代化, 统筹|好|发展|和|
    /// 安全, but not 人民|检|院.
    pub(crate) fn reads_as_words(&self, text: &str, span: Span, joiners: &str) -> bool {
        let window = clause_around(text, span);
        let (start, end) = (span.start - window.start, span.end - window.start);
        let clause = &text[window];
        let mut ok = true;
        let mut judge = |w: Span, freq: Option<usize>| {
            let long = clause[w].chars().nth(1).is_some();
            let freq = freq.unwrap_or(0);
            let inside = start <= w.start && w.end <= end;
            let outside = w.end <= start || end <= w.start;
            let function = clause[w].chars().all(|c| joiners.contains(c));
            ok &= outside || (inside && ((long && freq >= COMMON_WORD) || function));
        };
        let lexicon = self.common_words();
        cut(lexicon, clause, Some((Span::new(start, end), COMMON_WORD)), |w| {
            judge(w, lexicon.freq(&clause[w]))
        });
        ok
    }
}

impl Segmenter {
    /// The words of the clause around `span` cut with the lexicon's common words, `span`
    /// itself not taken as one, each with its frequency (0 when the lexicon lacks it), in
    /// text offsets.
    fn common_cut(&self, text: &str, span: Span) -> Vec<(Span, usize)> {
        let window = clause_around(text, span);
        let clause = &text[window];
        let lexicon = self.common_words();
        let hit = Span::new(span.start - window.start, span.end - window.start);
        let mut words = Vec::new();
        cut(lexicon, clause, Some((hit, COMMON_WORD)), |w| {
            let freq = lexicon.freq(&clause[w]).unwrap_or(0);
            words.push((Span::new(window.start + w.start, window.start + w.end), freq));
        });
        words
    }

    /// Whether `span` of `text` reads as a phrase of its own: cut as in
    /// [`Segmenter::reads_as_words`], no word crosses its edges and every word in it is a
    /// common word of two or more characters, a single character that stands as a word of its
    /// own ([`stands_alone`]: 以, 新, 的) or punctuation (the 、 of a list): 以|人为|中心,
    /// 依法治国|的|有机|统一, but not 人民|检|院.
    pub(crate) fn reads_as_phrase(&self, text: &str, span: Span) -> bool {
        self.common_cut(text, span).into_iter().all(|(w, freq)| {
            let outside = w.end <= span.start || span.end <= w.start;
            let inside = span.start <= w.start && w.end <= span.end;
            let word = &text[w];
            let fits = match word.chars().nth(1) {
                Some(_) => freq >= COMMON_WORD,
                None => stands_alone(word, freq) || word.chars().all(clause::is_break),
            };
            outside || (inside && fits)
        })
    }

    /// Whether a common word of two or more characters holds the byte offset `at` of `text`
    /// strictly inside, in the cut of the clause around `span` ([`Segmenter::reads_as_words`]):
    /// the characters that meet at `at` make a word (以人|为 cut as 以|人为|中心).
    pub(crate) fn joins_at(&self, text: &str, span: Span, at: usize) -> bool {
        self.common_cut(text, span).into_iter().any(|(w, freq)| {
            w.start < at && at < w.end && text[w].chars().nth(1).is_some() && freq >= COMMON_WORD
        })
    }

    /// Whether the character at `single` of `text` is cut as a word of its own between two
    /// common words of two or more characters, in the cut of the clause around `span`:
    /// 新发展|的|理念, 依法治国|的|有机统一.
    pub(crate) fn stands_between_words(&self, text: &str, span: Span, single: Span) -> bool {
        let words = self.common_cut(text, span);
        let Some(k) = words.iter().position(|(w, _)| *w == single) else { return false };
        let long = |i: usize| {
            words.get(i).is_some_and(|&(w, f)| text[w].chars().nth(1).is_some() && f >= COMMON_WORD)
        };
        k > 0 && long(k - 1) && long(k + 1)
    }
}

/// The frequency (in the lexicon's counts) from which a word is a common word, not one of the
/// rare compounds the dictionaries' own forms bring in (管理体制, 建立健全): only common words
/// are read across a hit.
const COMMON_WORD: usize = 100;

/// Characters that join words into a phrase: a term with one of them added (中华人民共和国的
/// 国旗, 统筹好发展和安全) is a phrase, not a slip.
pub(crate) const FUNCTION_CHARS: &str = "的地得了是在和与及之好等为";

/// The frequency from which any single character stands as a word of its own (们, 对, 使).
const FREE_CHAR: usize = 30_000;

/// The single-character function words of the lexicon: those jieba's dictionary tags as a
/// conjunction, preposition, adverb, pronoun, particle or suffix (`c`, `p`, `d`, `r`, `u…`,
/// `k`) with a frequency of at least 10,000, in code-point order (rarer ones, 乱, 须, 皆, are
/// often parts of words the lexicon does not hold). They stand
/// as words of their own even where they are rarer than [`FREE_CHAR`]: 既|使用, 按|纳税年度.
/// A unit test derives the list from `dictionaries/segment/lexicon.txt` again.
const FUNCTION_WORDS: &str = "不与为之也了于仅从他以们任但你便先共其再则别却又及另只各同向和哪因在地均型\
太她它对将就已常并式得我或所才把按据既更曾最未本极正比用由的直真着竟等约给者而自至若被该谁越跟边过还这那都除";

/// Whether `c` is a single-character function word of the lexicon ([`FUNCTION_WORDS`]).
pub(crate) fn is_function_word(c: char) -> bool {
    FUNCTION_WORDS.contains(c)
}

/// Whether a single character of the lexicon frequency `freq`, left alone inside a hit by the
/// words around it, stands as a word of its own: it is common ([`FREE_CHAR`]) or a function
/// word ([`FUNCTION_WORDS`]). A stray character (预 of 人参|预) does not.
fn stands_alone(word: &str, freq: usize) -> bool {
    freq >= FREE_CHAR || word.chars().next().is_some_and(|c| FUNCTION_WORDS.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::sync::LazyLock;

    static SEG: LazyLock<Segmenter> = LazyLock::new(|| {
        let words = ["在坐", "在座", "做为", "作为"].map(|w| (w, None));
        Segmenter::new(words.into_iter().chain([("为人民服务", Some(50_000))]), false)
    });

    #[track_caller]
    fn whole(text: &str, part: &str) -> bool {
        let start = text.find(part).unwrap();
        SEG.is_whole_words(text, Span::new(start, start + part.len()))
    }

    #[test]
    fn boundaries_decide() {
        assert!(whole("在坐的各位领导", "在坐"));
        assert!(!whole("他们在坐车回家", "在坐"));
        assert!(whole("做为一名党员", "做为"));
        assert!(!whole("全心全意做为人民服务的事", "做为"));
    }

    #[track_caller]
    fn crosses(text: &str, part: &str) -> bool {
        let start = text.find(part).unwrap();
        SEG.crosses_word(text, Span::new(start, start + part.len()))
    }

    #[test]
    fn words_across_a_hit() {
        assert!(crosses("村干部们转变思路", "部们"));
        assert!(crosses("法院判决对其量刑过重", "决对"));
        assert!(crosses("军人代表大会每届任期五年", "人代表大会"));
        assert!(!crosses("要认真布署安排", "布署"));
        assert!(!crosses("确保口粮决对安全", "决对"));
        assert!(!crosses("各有关部们要加强协调", "部们"));
        // A verb bound to its particle after a function word: 在|坐得, not 在坐.
        assert!(crosses("在坐得满满当当的教室，学生们认真听讲", "在坐"));
        assert!(!crosses("在坐的各位领导", "在坐"));
    }

    #[test]
    fn function_words_stand_alone() {
        // 既 and 按 are rarer than FREE_CHAR but words of their own.
        assert!(crosses("既使用财政资金又使用社会资金", "既使"));
        assert!(crosses("不按纳税年度计算", "按纳"));
        // A misspelling whose characters no common word claims stays one.
        assert!(!crosses("既使困难再大也要完成", "既使"));
        assert!(!crosses("他按纳不住心中的喜悦", "按纳"));
        // A stray character that is no function word is not explained away.
        assert!(!stands_alone("预", 703));
        assert!(stands_alone("既", 17_016));
    }

    #[test]
    fn words_at_the_start() {
        assert!(starts_common_word("表示感谢"));
        assert!(starts_common_word("担任组长"));
        assert!(!starts_common_word("华担任组长"));
        assert!(!starts_common_word("表"));
        assert!(stands_alone_char('在') && stands_alone_char('的'));
        assert!(!stands_alone_char('华'));
    }

    #[test]
    fn function_words_are_the_lexicon_tags() {
        const FUNCTION_WORD_FREQ: usize = 10_000;
        let lexicon = include_str!("../dictionaries/segment/lexicon.txt");
        let mut derived: Vec<char> = lexicon
            .lines()
            .filter_map(|line| {
                let mut cols = line.split(' ');
                let (word, freq, tag) = (cols.next()?, cols.next()?, cols.next()?);
                let mut chars = word.chars();
                let (c, None) = (chars.next()?, chars.next()) else { return None };
                let function = ["c", "p", "d", "r", "k"].contains(&tag) || tag.starts_with('u');
                let common = freq.parse::<usize>().ok()? >= FUNCTION_WORD_FREQ;
                (function && common).then_some(c)
            })
            .collect();
        derived.sort_unstable();
        assert_eq!(derived.into_iter().collect::<String>(), FUNCTION_WORDS);
    }
}
