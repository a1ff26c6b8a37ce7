//! Cutting text into words along the most probable route through the lexicon, as jieba does
//! without its HMM.

use super::lexicon::{Lexicon, Lookup};
use crate::span::Span;
use std::cell::Cell;

/// Characters jieba cuts by its dictionary: jieba-rs's own character class (its `RE_HAN_DEFAULT`:
/// the ideograph blocks it knows, ASCII letters and digits and `+#&._%-`), kept equal to it so
/// that the compact lexicon cuts as jieba does; every other character is a word of its own. It
/// is not a definition of an ideograph (that is `chars::is_ideograph`): jieba leaves out 〇 and
/// the newest extension blocks.
fn is_dictionary_char(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | 'a'..='z' | 'A'..='Z' | '0'..='9'
        | '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// Cuts `text` into words as jieba does without its HMM, handing `word` each word's span: the
/// runs of dictionary characters along the most probable route through the lexicon's words (a
/// word costs `ln(freq / total)`; a character no word covers counts as a word of frequency 1),
/// with runs of single ASCII letters and digits joined; `\r\n` and every other character
/// alone.
///
/// With `rare`, words of the lexicon below its frequency, and a word spanning exactly its
/// span, are taken as not in the lexicon: the wrong form under judgement is no evidence for
/// its own reading, nor are the rare compounds that the dictionaries' own forms bring in.
pub(super) fn cut(
    lexicon: &Lexicon,
    text: &str,
    rare: Option<(Span, usize)>,
    mut word: impl FnMut(Span),
) {
    // Sized at once for the clause: grown as they filled, the buffers cost the segmenter's
    // callers more allocations than words. Taken from the thread's last cut, which gives them
    // back: a clause's three allocations and frees cost more than its lookups. (A cut inside
    // a cut's callback finds none kept and makes its own.)
    let Buffers { mut chars, mut scratch } = KEPT.take();
    chars.clear();
    chars.reserve(text.len());
    scratch.route.reserve(text.len() + 1);
    scratch.looked.reserve(text.len());
    let mut rest = text.char_indices().peekable();
    while let Some((start, c)) = rest.next() {
        if !is_dictionary_char(c) {
            let mut end = start + c.len_utf8();
            if c == '\r' && rest.next_if(|&(_, c)| c == '\n').is_some() {
                end += 1;
            }
            word(Span::new(start, end));
            continue;
        }
        chars.clear();
        chars.push((start, c));
        while let Some(next) = rest.next_if(|&(_, c)| is_dictionary_char(c)) {
            chars.push(next);
        }
        let end = rest.peek().map_or(text.len(), |&(i, _)| i);
        let run = Run { chars: &chars, end, rare };
        cut_run(lexicon, &run, &mut scratch, &mut word);
    }
    KEPT.set(Buffers { chars, scratch });
}

thread_local! {
    /// The buffers of the thread's last cut, for the next.
    static KEPT: Cell<Buffers> = Cell::new(Buffers::default());
}

/// What a cut fills: the characters of a run with their offsets, and the route's buffers.
#[derive(Default)]
struct Buffers {
    chars: Vec<(usize, char)>,
    scratch: Scratch,
}

/// Buffers for cutting runs.
#[derive(Default)]
struct Scratch {
    /// The best log probability of the rest of the run from each character, and where the
    /// first word of that route ends.
    route: Vec<(f64, usize)>,
    /// What the lexicon's text says of each character and of it with the next one.
    looked: Vec<Looked>,
}

/// What the lexicon says of one character, and of it with the next one.
type Looked = (Lookup, Option<Lookup>);

/// One run of dictionary characters.
struct Run<'c> {
    /// The characters with their offsets in the text.
    chars: &'c [(usize, char)],
    /// Where the run ends.
    end: usize,
    /// The span no word may have and the lowest frequency of a word (see [`cut`]).
    rare: Option<(Span, usize)>,
}

/// Cuts one run of dictionary characters: the most probable route through the lexicon's
/// words, then its words in order.
fn cut_run(lexicon: &Lexicon, run: &Run<'_>, scratch: &mut Scratch, word: &mut impl FnMut(Span)) {
    look_up_short(lexicon, run.chars, &mut scratch.looked);
    fill_route(lexicon, run, &scratch.looked, &mut scratch.route);
    follow_route(run, &scratch.route, word);
}

/// The byte offset of the `k`th character of a run, or the run's end past its last.
fn offset(run: &Run<'_>, k: usize) -> usize {
    run.chars.get(k).map_or(run.end, |&(i, _)| i)
}

/// The lookups of one and two characters, all of them first: those of two are likely cache
/// misses in the large table, and made apart from the route, which needs each result before
/// the next, they overlap instead of waiting in turn.
fn look_up_short(lexicon: &Lexicon, chars: &[(usize, char)], looked: &mut Vec<Looked>) {
    let n = chars.len();
    looked.clear();
    let root = lexicon.walk();
    looked.extend((0..n).map(|k| {
        let one = lexicon.lookup(root, chars[k].1);
        let two =
            (one.longer && k + 1 < n).then(|| lexicon.lookup(lexicon.after(one), chars[k + 1].1));
        (one, two)
    }));
}

/// `route[k]`: the log probability of the best cut of the run from character `k` and where its
/// first word ends, filled from the end.
fn fill_route(lexicon: &Lexicon, run: &Run<'_>, looked: &[Looked], route: &mut Vec<(f64, usize)>) {
    let n = run.chars.len();
    let log_total = lexicon.log_total();
    route.clear();
    route.resize(n + 1, (0.0, n));
    for k in (0..n).rev() {
        let mut best: Option<(f64, usize)> = None;
        let mut walk = lexicon.walk();
        // The word from `k` to `j` is what the walk has read and the `j`th character, `c`.
        for (j, &(_, c)) in (k + 1..).zip(&run.chars[k..]) {
            let known = match j - k {
                1 => Some(looked[k].0),
                2 => looked[k].1,
                _ => None,
            };
            let found = known.unwrap_or_else(|| lexicon.lookup(walk, c));
            let mut found = lexicon.with_added(&mut walk, c, found);
            if let Some((unknown, least)) = run.rare {
                let rare = found.freq.is_some_and(|f| f < least);
                if rare || unknown == Span::new(offset(run, k), offset(run, j)) {
                    found.freq = None;
                }
            }
            if let Some(freq) = found.freq {
                let prob = (freq as f64).ln() - log_total + route[j].0;
                // Equal probabilities go to the longer word, as in jieba.
                if best.is_none_or(|(p, e)| prob > p || (prob == p && j > e)) {
                    best = Some((prob, j));
                }
            }
            if !found.longer {
                break;
            }
        }
        route[k] = best.unwrap_or((0.0 - log_total + route[k + 1].0, k + 1));
    }
}

/// The words along the route; single ASCII letters and digits in a row make one word.
fn follow_route(run: &Run<'_>, route: &[(f64, usize)], word: &mut impl FnMut(Span)) {
    let n = run.chars.len();
    let mut k = 0;
    let mut letters: Option<usize> = None;
    while k < n {
        let next = route[k].1;
        if next == k + 1 && run.chars[k].1.is_ascii_alphanumeric() {
            letters.get_or_insert(k);
        } else {
            if let Some(first) = letters.take() {
                word(Span::new(offset(run, first), offset(run, k)));
            }
            word(Span::new(offset(run, k), offset(run, next)));
        }
        k = next;
    }
    if let Some(first) = letters {
        word(Span::new(offset(run, first), run.end));
    }
}

/// The frequency that keeps `word` whole, as jieba suggests it: just above the probability of
/// the route it would otherwise be cut along, and never below its own.
pub(super) fn suggest_freq(lexicon: &Lexicon, word: &str) -> usize {
    let log_total = lexicon.log_total();
    let mut log_freq = 0f64;
    cut(lexicon, word, None, |part| {
        let freq = lexicon.freq(&word[part]).unwrap_or(1);
        log_freq = log_freq + (freq as f64).ln() - log_total;
    });
    let joined = (log_freq + log_total).exp() as usize + 1;
    joined.max(lexicon.freq(word).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{index, shipped, Segmenter, LEXICON_TABLE, LEXICON_TOTAL};
    use jieba_rs::Jieba;

    /// The compact lexicon as listed.
    static LEXICON: &str = include_str!("../../dictionaries/segment/lexicon.txt");
    use std::sync::LazyLock;

    /// The sentences of the labelled fixtures and of the dictionaries' examples, cut into
    /// clauses as the checks cut them.
    fn clauses() -> Vec<String> {
        let mut sentences = Vec::new();
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for family in std::fs::read_dir(fixtures).unwrap() {
            for file in std::fs::read_dir(family.unwrap().path()).unwrap() {
                let path = file.unwrap().path();
                // The sentence corpora; tests/fixtures/office holds documents.
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let text = std::fs::read_to_string(path).unwrap();
                sentences.extend(text.lines().map(String::from));
            }
        }
        for e in &crate::dict::Dictionary::builtin().entries {
            sentences.extend(e.ok.iter().chain(&e.bad).cloned());
        }
        let clauses = sentences
            .iter()
            .flat_map(|s| s.split(super::super::clause::is_break).map(String::from));
        clauses.filter(|c| !c.is_empty()).collect()
    }

    #[test]
    fn cuts_like_jieba_with_the_same_words() {
        let clauses = clauses();
        // Words added without a frequency get one suggested from the words before them: three
        // characters of every eleventh clause, most of them not words at all.
        let mut added: Vec<(&str, Option<usize>)> = clauses
            .iter()
            .step_by(11)
            .filter_map(|c| c.char_indices().nth(3).map(|(i, _)| (&c[..i], None)))
            .collect();
        added.extend([("为人民服务", Some(60_000)), ("直接了当", Some(60_000)), ("的", Some(9))]);
        let ours = Segmenter::new(added.iter().copied(), false);
        let Segmenter::Compact(lexicon) = &ours else { panic!("compact") };
        let mut jieba = Jieba::with_dict(&mut LEXICON.as_bytes()).unwrap();
        for &(word, freq) in &added {
            if freq.is_some() || !jieba.has_word(word) {
                jieba.add_word(word, freq, None);
            }
        }
        let mut differ = Vec::new();
        for clause in &clauses {
            let theirs: Vec<Span> = jieba
                .cut(clause, false)
                .iter()
                .map(|t| Span::new(t.byte_start, t.byte_end))
                .collect();
            let mut mine = Vec::new();
            cut(lexicon, clause, None, |w| mine.push(w));
            if mine != theirs {
                differ.push(clause.as_str());
            }
        }
        assert!(clauses.len() > 5_000, "only {} clauses", clauses.len());
        assert!(
            differ.is_empty(),
            "{} of {} differ: {:?}",
            differ.len(),
            clauses.len(),
            &differ[..differ.len().min(20)]
        );
        // And the frequencies either would now suggest for the added words.
        for &(word, _) in &added {
            assert_eq!(suggest_freq(lexicon, word), jieba.suggest_freq(word), "{word}");
        }
    }

    /// jieba-rs with the compact lexicon and nothing added.
    static JIEBA: LazyLock<Jieba> =
        LazyLock::new(|| Jieba::with_dict(&mut LEXICON.as_bytes()).expect("the lexicon loads"));

    /// Characters for random text: ideographs of common words, ASCII letters, digits and the
    /// symbols jieba keeps in words, and characters it cuts alone (full-width digits, kana,
    /// emoji, punctuation, spaces, line ends).
    fn random_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let words: Vec<&'static str> =
            LEXICON.lines().step_by(97).filter_map(|l| l.split(' ').next()).collect();
        let piece = prop_oneof![
            6 => proptest::sample::select(words),
            1 => proptest::sample::select(vec!["a", "Z", "7", "AB1", "+", "#", "&", ".", "_", "%", "-"]),
            1 => proptest::sample::select(vec!["３", "ア", "😀", "，", "。", " ", "\r\n", "\n", "\r", "\u{3000}", "\u{20000}"]),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..Default::default() })]

        #[test]
        fn random_text_is_cut_as_jieba_cuts_it(text in random_text()) {
            let lexicon = shipped();
            let theirs: Vec<Span> =
                JIEBA.cut(&text, false).iter().map(|t| Span::new(t.byte_start, t.byte_end)).collect();
            let mut ours = Vec::new();
            cut(&lexicon, &text, None, |w| ours.push(w));
            proptest::prop_assert_eq!(ours, theirs);
            proptest::prop_assert_eq!(suggest_freq(&lexicon, &text), JIEBA.suggest_freq(&text));
        }
    }

    #[test]
    fn the_shipped_table_is_the_lexicons() {
        let built = index::index(LEXICON).expect("dictionaries/segment/lexicon.txt");
        assert_eq!(index::to_bytes(&built.slots), LEXICON_TABLE);
        assert_eq!(built.total, LEXICON_TOTAL);
        let lexicon = shipped();
        assert_eq!(lexicon.freq("人民"), Some(43_719));
        assert_eq!(lexicon.freq("为人民"), None);
    }

    #[test]
    fn an_unknown_span_is_no_word() {
        let lexicon = shipped();
        let text = "干部们";
        let mut words = Vec::new();
        cut(&lexicon, text, None, |w| words.push(&text[w]));
        assert_eq!(words, ["干部", "们"]);
        let text = "判决对";
        let mut words = Vec::new();
        cut(&lexicon, text, Some((Span::new(3, 9), 0)), |w| words.push(&text[w]));
        assert_eq!(words, ["判决", "对"]);
    }
}
