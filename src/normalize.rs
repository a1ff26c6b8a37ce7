//! Folding for evasion-robust matching: full-width → half-width, letter case, traditional →
//! simplified characters, and noise characters (spaces, zero-width characters, `* . - _ |` …)
//! dropped, with a map from every folded offset back to the original text.
//!
//! The one automaton holds folded patterns and runs over folded text. When a text has nothing
//! to fold (the usual case for official Chinese text) the folded text is the text itself and no
//! copy is made.

use crate::span::Span;
use std::borrow::Cow;
use std::collections::HashMap;

/// What folding does to one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Left as it is.
    Keep,
    /// Dropped as noise.
    Noise,
    /// Replaced; the kind says why.
    Map(char, FoldKind),
}

/// Why a character was replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FoldKind {
    Width,
    Case,
    Traditional,
}

impl FoldKind {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            FoldKind::Width => "width",
            FoldKind::Case => "case",
            FoldKind::Traditional => "traditional",
        }
    }

    pub(crate) const fn label(self) -> &'static str {
        match self {
            FoldKind::Width => "全半角",
            FoldKind::Case => "大小写",
            FoldKind::Traditional => "繁简",
        }
    }
}

/// Characters dropped as noise between the characters of an entry.
fn is_noise(c: char) -> bool {
    match c {
        '\n' | '\r' => false,
        c if c.is_whitespace() => true,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => true,
        '*' | '.' | '-' | '_' | '|' | '/' | '\\' | '~' | '^' | '#' | '@' | '+' | '=' | '`' => true,
        '＊' | '．' | '－' | '＿' | '｜' | '／' | '＼' | '～' | '＾' | '＃' | '＠' | '＋'
        | '＝' => true,
        '·' | '•' | '‧' | '・' | '°' => true,
        _ => false,
    }
}

/// The folding table: the character classes above plus the traditional → simplified map. The
/// default folds nothing.
#[derive(Clone, Debug, Default)]
pub(crate) struct Folder {
    traditional: HashMap<char, char>,
    /// One bit per BMP character: set when the character may fold (a quick test first).
    bits: Vec<u64>,
}

impl Folder {
    pub(crate) fn new(traditional: impl IntoIterator<Item = (char, char)>) -> Folder {
        let mut folder = Folder { traditional: HashMap::new(), bits: vec![0; 1024] };
        for (from, to) in traditional {
            if from != to {
                folder.traditional.insert(from, to);
                folder.mark(from);
            }
        }
        for c in (0u32..0x10000).filter_map(char::from_u32) {
            if c.is_ascii_uppercase() || is_noise(c) || ('\u{FF01}'..='\u{FF5E}').contains(&c) {
                folder.mark(c);
            }
        }
        folder
    }

    fn mark(&mut self, c: char) {
        let i = c as usize;
        if i < 0x10000 {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    fn may_fold(&self, c: char) -> bool {
        let i = c as usize;
        if i >= 0x10000 {
            return !self.bits.is_empty() && !self.traditional.is_empty();
        }
        self.bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// What folding does to `c`.
    pub(crate) fn fold(&self, c: char) -> Fold {
        if !self.may_fold(c) {
            return Fold::Keep;
        }
        if is_noise(c) {
            return Fold::Noise;
        }
        let half = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if half.is_ascii_uppercase() {
            return Fold::Map(
                half.to_ascii_lowercase(),
                if half == c { FoldKind::Case } else { FoldKind::Width },
            );
        }
        if half != c {
            return Fold::Map(half, FoldKind::Width);
        }
        match self.traditional.get(&c) {
            Some(&s) => Fold::Map(s, FoldKind::Traditional),
            None => Fold::Keep,
        }
    }

    /// The folded form of a pattern.
    pub(crate) fn fold_str<'a>(&self, s: &'a str) -> Cow<'a, str> {
        if s.chars().all(|c| self.fold(c) == Fold::Keep) {
            return Cow::Borrowed(s);
        }
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match self.fold(c) {
                Fold::Keep => out.push(c),
                Fold::Noise => {}
                Fold::Map(m, _) => out.push(m),
            }
        }
        Cow::Owned(out)
    }

    /// Folds a text, keeping the way back.
    pub(crate) fn fold_text<'t>(&self, text: &'t str) -> Folded<'t> {
        if text.len() >= u32::MAX as usize || text.chars().all(|c| !self.may_fold(c)) {
            return Folded { text: Cow::Borrowed(text), starts: Vec::new(), ends: Vec::new() };
        }
        let mut out = String::with_capacity(text.len());
        let mut starts = Vec::with_capacity(text.len() + 1);
        let mut ends = Vec::with_capacity(text.len() + 1);
        ends.push(0);
        for (i, c) in text.char_indices() {
            let end = (i + c.len_utf8()) as u32;
            let mapped = match self.fold(c) {
                Fold::Keep => c,
                Fold::Noise => continue,
                Fold::Map(m, _) => m,
            };
            for _ in 0..mapped.len_utf8() {
                starts.push(i as u32);
                ends.push(end);
            }
            out.push(mapped);
        }
        starts.push(text.len() as u32);
        ends.truncate(out.len() + 1);
        Folded { text: Cow::Owned(out), starts, ends }
    }
}

/// A folded text with its map back to the original.
#[derive(Debug)]
pub(crate) struct Folded<'t> {
    pub(crate) text: Cow<'t, str>,
    /// Original start of the character at each folded byte (empty when nothing was folded).
    starts: Vec<u32>,
    /// Original end of the character ending at each folded byte.
    ends: Vec<u32>,
}

impl Folded<'_> {
    /// Whether the folded text is the original.
    pub(crate) fn is_identity(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
    }

    /// The original span of a folded span.
    pub(crate) fn original(&self, span: Span) -> Span {
        if self.is_identity() {
            return span;
        }
        Span::new(self.starts[span.start] as usize, self.ends[span.end] as usize)
    }
}

/// How an evasion match differs from the entry as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FoldReport {
    pub(crate) kinds: Vec<FoldKind>,
    pub(crate) noise: usize,
    /// The longest run of noise between two characters of the entry.
    pub(crate) longest_gap: usize,
}

impl Folder {
    /// Describes how `original` (a matched span) differs from `pattern`, the entry as written:
    /// which folds made a character differ, and the noise skipped.
    pub(crate) fn describe(&self, original: &str, pattern: &str) -> FoldReport {
        let mut e = FoldReport::default();
        let mut gap = 0;
        let mut written = pattern.chars().filter(|&c| self.fold(c) != Fold::Noise);
        for c in original.chars() {
            let fold = self.fold(c);
            if fold == Fold::Noise {
                e.noise += 1;
                gap += 1;
                e.longest_gap = e.longest_gap.max(gap);
                continue;
            }
            gap = 0;
            if written.next() == Some(c) {
                continue;
            }
            let kind = match fold {
                Fold::Map(_, kind) => Some(kind),
                // 'tmd' for the entry 'TMD': the text is the folded form already.
                _ if c.is_ascii_alphabetic() => Some(FoldKind::Case),
                _ => None,
            };
            if let Some(kind) = kind.filter(|k| !e.kinds.contains(k)) {
                e.kinds.push(kind);
            }
        }
        e.kinds.sort();
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> Folder {
        Folder::new([('臺', '台'), ('灣', '湾'), ('統', '统')])
    }

    #[test]
    fn folds_width_case_traditional_and_noise() {
        let f = folder();
        assert_eq!(f.fold_str("臺灣 政\u{200B}府"), "台湾政府");
        assert_eq!(f.fold_str("ＴＭＤ"), "tmd");
        assert_eq!(f.fold_str("Tmd"), "tmd");
        assert_eq!(f.fold_str("台湾，政府"), "台湾,政府");
        assert!(matches!(f.fold_str("部署工作"), Cow::Borrowed(_)));
    }

    #[test]
    fn spans_map_back_over_noise() {
        let f = folder();
        let text = "据报道，臺 灣*政府宣布";
        let folded = f.fold_text(text);
        let at = folded.text.find("台湾政府").unwrap();
        let span = folded.original(Span::new(at, at + "台湾政府".len()));
        assert_eq!(&text[span], "臺 灣*政府");
        let e = f.describe(&text[span], "台湾政府");
        assert_eq!(e.kinds, [FoldKind::Traditional]);
        assert_eq!((e.noise, e.longest_gap), (2, 1));
    }

    #[test]
    fn describe_compares_with_the_entry_as_written() {
        let f = folder();
        let e = f.describe("T*M*D", "TMD");
        assert!(e.kinds.is_empty());
        assert_eq!(e.noise, 2);
        assert_eq!(f.describe("ｔmd", "TMD").kinds, [FoldKind::Width, FoldKind::Case]);
    }

    #[test]
    fn clean_text_is_not_copied() {
        let folded = folder().fold_text("各单位要认真部署。");
        assert!(folded.is_identity());
        assert_eq!(folded.original(Span::new(3, 6)), Span::new(3, 6));
    }
}
