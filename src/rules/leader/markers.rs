//! The words that mark a title as past (时任, 原): `dictionaries/leader/past-markers.txt`, read
//! with errors that name the line.

use std::sync::LazyLock;
use thiserror::Error;

/// Where the shipped markers come from, as named in errors.
const FILE: &str = "dictionaries/leader/past-markers.txt";

static SHIPPED: &str = include_str!("../../../dictionaries/leader/past-markers.txt");

/// Where a marker must stand to make a title past.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Reach {
    /// Anywhere in the last `window` characters before the title (时任国务院总理).
    Near,
    /// Right before the title (原国务院总理).
    Adjacent,
    /// Anywhere in the sentence around a name, and only for a title fused to it that is short
    /// of the one the person holds (在浙江工作期间的习近平书记): the words that place a whole
    /// sentence in someone's earlier career, too broad to date a title before a name.
    Sentence,
}

/// The markers and how far before a title a `Near` marker may stand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct PastMarkers {
    /// Characters before a title searched for `Near` markers.
    pub(super) window: usize,
    /// Each marker with its reach, in file order.
    pub(super) words: Vec<(String, Reach)>,
}

/// A line of the markers file that could not be read.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{file}:{line}: {kind}")]
pub(crate) struct MarkerError {
    file: String,
    line: usize,
    kind: MarkerErrorKind,
}

/// What is wrong with a line of the markers file.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub(crate) enum MarkerErrorKind {
    #[error("expected WORD<TAB>near|adjacent|sentence")]
    Fields,
    #[error("unknown reach `{0}` (expected near, adjacent or sentence)")]
    Reach(String),
    #[error("marker `{0}` has white space")]
    Whitespace(String),
    #[error("marker `{word}` is already on line {first}")]
    Duplicate { word: String, first: usize },
    #[error("`!window` needs a number of characters from 1 to 40, found `{0}`")]
    Window(String),
    #[error("unknown directive `{0}` (expected !window)")]
    Directive(String),
    #[error("no `!window` line")]
    NoWindow,
}

/// The shipped markers.
///
/// # Panics
///
/// If the shipped file does not parse, which `cargo test` rules out.
pub(super) fn shipped() -> &'static PastMarkers {
    static MARKERS: LazyLock<PastMarkers> = LazyLock::new(|| {
        parse(FILE, SHIPPED).unwrap_or_else(|e| panic!("shipped past-tense markers: {e}"))
    });
    &MARKERS
}

/// Reads a markers file: `!window N`, then `WORD<TAB>near|adjacent|sentence` lines; `#`
/// comments.
pub(super) fn parse(file: &str, text: &str) -> Result<PastMarkers, MarkerError> {
    let mut markers = PastMarkers::default();
    let mut seen: Vec<usize> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let error = |kind| MarkerError { file: file.to_owned(), line: i + 1, kind };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(directive) = line.strip_prefix('!') {
            markers.window = window(directive).map_err(error)?;
            continue;
        }
        let (word, reach) = entry(line).map_err(error)?;
        if let Some(at) = markers.words.iter().position(|(w, _)| *w == word) {
            return Err(error(MarkerErrorKind::Duplicate { word, first: seen[at] }));
        }
        markers.words.push((word, reach));
        seen.push(i + 1);
    }
    if markers.window == 0 {
        let line = text.lines().count().max(1);
        return Err(MarkerError { file: file.to_owned(), line, kind: MarkerErrorKind::NoWindow });
    }
    Ok(markers)
}

fn window(directive: &str) -> Result<usize, MarkerErrorKind> {
    let Some(value) = directive.strip_prefix("window ") else {
        return Err(MarkerErrorKind::Directive(directive.to_owned()));
    };
    match value.trim().parse() {
        Ok(n @ 1..=40) => Ok(n),
        _ => Err(MarkerErrorKind::Window(value.to_owned())),
    }
}

fn entry(line: &str) -> Result<(String, Reach), MarkerErrorKind> {
    let mut fields = line.split('\t');
    let (Some(word), Some(reach), None) = (fields.next(), fields.next(), fields.next()) else {
        return Err(MarkerErrorKind::Fields);
    };
    if word.is_empty() || word.contains(char::is_whitespace) {
        return Err(MarkerErrorKind::Whitespace(word.to_owned()));
    }
    let reach = match reach {
        "near" => Reach::Near,
        "adjacent" => Reach::Adjacent,
        "sentence" => Reach::Sentence,
        other => return Err(MarkerErrorKind::Reach(other.to_owned())),
    };
    Ok((word.to_owned(), reach))
}

impl PastMarkers {
    /// Whether `before`, the text up to a title, ends with words that make the title past.
    pub(super) fn mark(&self, before: &str) -> bool {
        let start = before.char_indices().rev().nth(self.window - 1).map_or(0, |(i, _)| i);
        let tail = &before[start..];
        self.words.iter().any(|(word, reach)| match reach {
            Reach::Near => tail.contains(word.as_str()),
            Reach::Adjacent => tail.ends_with(word.as_str()),
            Reach::Sentence => false,
        })
    }

    /// Whether `sentence` speaks of an earlier time: a `Near` or `Sentence` marker anywhere in
    /// it (时任福建省委副书记的习近平书记, 在浙江工作期间的习近平书记).
    pub(super) fn date_sentence(&self, sentence: &str) -> bool {
        self.words.iter().any(|(word, reach)| {
            matches!(reach, Reach::Near | Reach::Sentence) && sentence.contains(word.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn error_of(text: &str) -> String {
        parse("m.txt", text).unwrap_err().to_string()
    }

    #[test]
    fn shipped_file_is_sorted_without_duplicates() {
        let markers = parse(FILE, SHIPPED).unwrap();
        let mut canonical = markers.words.clone();
        canonical.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        assert_eq!(
            markers.words, canonical,
            "{FILE}: keep near, then adjacent, then sentence, each sorted"
        );
        assert!(markers.words.iter().any(|(w, r)| w == "时任" && *r == Reach::Near));
    }

    #[test]
    fn single_characters_only_right_before_the_title() {
        // 前 or 原 anywhere in the window would make 三年前，国务院总理… past.
        for (word, reach) in &shipped().words {
            if word.chars().count() == 1 {
                assert_eq!(*reach, Reach::Adjacent, "{FILE}: `{word}` must be adjacent");
            }
        }
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            error_of("!window 6\n时任\n"),
            "m.txt:2: expected WORD<TAB>near|adjacent|sentence"
        );
        assert_eq!(
            error_of("!window 6\n# c\n时任\tnear\n时任\tadjacent\n"),
            "m.txt:4: marker `时任` is already on line 3"
        );
        assert_eq!(
            error_of("!window 6\n原\tbefore\n"),
            "m.txt:2: unknown reach `before` (expected near, adjacent or sentence)"
        );
        assert_eq!(
            error_of("!window 0\n"),
            "m.txt:1: `!window` needs a number of characters from 1 to 40, found `0`"
        );
        assert_eq!(error_of("!size 6\n"), "m.txt:1: unknown directive `size 6` (expected !window)");
        assert_eq!(error_of("时任\tnear\n"), "m.txt:1: no `!window` line");
        assert_eq!(error_of("!window 6\n时 任\tnear\n"), "m.txt:2: marker `时 任` has white space");
    }

    #[test]
    fn near_within_the_window_adjacent_only_at_the_end() {
        let m = parse("m.txt", "!window 4\n时任\tnear\n原\tadjacent\n").unwrap();
        assert!(m.mark("他时任国务"));
        assert!(!m.mark("时任的一二三四"), "more than four characters back");
        assert!(m.mark("会见了原"));
        assert!(!m.mark("原定会见"));
        assert!(!m.mark(""));
    }

    #[test]
    fn sentence_markers_date_a_sentence_only() {
        let m =
            parse("m.txt", "!window 4\n时任\tnear\n原\tadjacent\n工作期间\tsentence\n").unwrap();
        assert!(!m.mark("在浙江工作期间"), "not a marker before a title");
        assert!(m.date_sentence("在浙江工作期间的习近平书记"));
        assert!(m.date_sentence("时任福建省委副书记的习近平书记"), "near words anywhere");
        assert!(!m.date_sentence("原来习近平书记"), "adjacent words are not read here");
        assert!(!m.date_sentence("考察期间，习近平书记"));
        assert!(shipped().date_sentence("在浙江工作期间的习近平书记"));
    }
}
