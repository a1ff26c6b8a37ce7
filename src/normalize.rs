//! Folding for evasion-robust matching: full-width → half-width, letter case, traditional →
//! simplified characters, and noise characters (spaces, zero-width characters, `* . - _ |` …)
//! dropped, with a map from every folded offset back to the original text.
//!
//! The one automaton holds folded patterns and runs over folded text. When a text has nothing
//! to fold (the usual case for official Chinese text) the folded text is the text itself and no
//! copy is made.

use crate::hash::FastSet;
use crate::span::Span;
use std::borrow::Cow;
use std::cell::Cell;
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

/// Marks rich-text editors insert that a reader never sees: zero-width space, non-joiner and
/// joiner, word joiner, soft hyphen, and a byte-order mark inside the text.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{00AD}' | '\u{FEFF}')
}

/// Whether `text` is `pattern` once invisible marks are left out: such a match is the entry
/// as written, for every family, not a disguise.
pub(crate) fn same_but_invisible(text: &str, pattern: &str) -> bool {
    if crate::bytes::eq(text.as_bytes(), pattern.as_bytes()) {
        return true;
    }
    text.len() > pattern.len() && text.chars().filter(|c| !is_invisible(*c)).eq(pattern.chars())
}

/// Characters dropped as noise between the characters of an entry.
fn is_noise(c: char) -> bool {
    match c {
        '\n' | '\r' => false,
        c if c.is_whitespace() => true,
        c if is_invisible(c) => true,
        '*' | '.' | '-' | '_' | '|' | '/' | '\\' | '~' | '^' | '#' | '@' | '+' | '=' | '`' => true,
        '＊' | '．' | '－' | '＿' | '｜' | '／' | '＼' | '～' | '＾' | '＃' | '＠' | '＋'
        | '＝' => true,
        '·' | '•' | '‧' | '・' | '°' => true,
        _ => false,
    }
}

/// The folding table: the character classes above plus the traditional → simplified map. The
/// default folds nothing.
#[derive(Clone, Debug)]
pub(crate) struct Folder {
    traditional: HashMap<char, char>,
    /// One bit per BMP character: set when the character may fold (a quick test first).
    bits: Box<[u64; 1024]>,
    /// The bits of three-byte characters again, each word at the index its first two bytes
    /// give when masked in place (`x & 0x3F0F` of the character's bytes read as a number), so
    /// the scan spends one instruction where it would spend six.
    quick: Box<[u64; QUICK_LEN]>,
    /// Whether any character folds at all.
    active: bool,
    /// The pairs of neighbouring characters in the folded patterns, when known: noise is
    /// dropped only between two characters that stand next to each other in some pattern, the
    /// only place where dropping it can make a match (习　近　平); elsewhere (第一章　总则) it
    /// stays, and a text with no other fold needs no copy.
    joined: Option<FastSet<(char, char)>>,
}

impl Default for Folder {
    fn default() -> Self {
        Folder {
            traditional: HashMap::new(),
            bits: Box::new([0; 1024]),
            quick: Box::new([0; QUICK_LEN]),
            active: false,
            joined: None,
        }
    }
}

/// Length of [`Folder::quick`]: indices up to `0x3F0F`.
const QUICK_LEN: usize = 0x3F10;

impl Folder {
    pub(crate) fn new(traditional: impl IntoIterator<Item = (char, char)>) -> Folder {
        let mut folder = Folder::default();
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
        folder.sync_quick();
        folder
    }

    /// Copies the words of three-byte characters (U+0800–U+FFFF) into [`Folder::quick`].
    fn sync_quick(&mut self) {
        // Word `w` holds U+(64w)…: its lead byte's low bits are w >> 6, the second byte's w & 63.
        for (w, &word) in self.bits.iter().enumerate().skip(0x800 / 64) {
            self.quick[(w >> 6) | ((w & 0x3F) << 8)] = word;
        }
    }

    fn mark(&mut self, c: char) {
        self.active = true;
        let i = c as usize;
        if i < 0x10000 {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    fn may_fold(&self, c: char) -> bool {
        let i = c as usize;
        if i >= 0x10000 {
            return !self.traditional.is_empty();
        }
        self.bits[i / 64] & (1 << (i % 64)) != 0
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
        let identity = Folded {
            text: Cow::Borrowed(text),
            pieces: Vec::new(),
            original_len: 0,
            last: Cell::new(0),
        };
        if text.len() >= u32::MAX as usize {
            return identity;
        }
        // Without evasion the table is empty: nothing to look for.
        if !self.active {
            return identity;
        }
        let Some(mut next) = self.next_fold(text, 0) else { return identity };
        let mut out = String::with_capacity(text.len());
        let mut pieces = Vec::new();
        // Start of the run of characters kept as they are, in the original.
        let mut run = 0;
        loop {
            let (at, c, fold) = next;
            if at > run {
                pieces.push(Piece {
                    folded: out.len() as u32,
                    original: run as u32,
                    original_len: (at - run) as u32,
                    run: true,
                });
                out.push_str(&text[run..at]);
            }
            if let Fold::Map(m, _) = fold {
                let original_len = c.len_utf8() as u32;
                pieces.push(Piece {
                    folded: out.len() as u32,
                    original: at as u32,
                    original_len,
                    run: false,
                });
                out.push(m);
            }
            run = at + c.len_utf8();
            match self.next_fold(text, run) {
                Some(n) => next = n,
                None => break,
            }
        }
        if run < text.len() {
            let original_len = (text.len() - run) as u32;
            pieces.push(Piece {
                folded: out.len() as u32,
                original: run as u32,
                original_len,
                run: true,
            });
            out.push_str(&text[run..]);
        }
        Folded {
            text: Cow::Owned(out),
            pieces,
            original_len: text.len() as u32,
            last: Cell::new(0),
        }
    }

    /// Where the run of noise characters starting at byte `at` ends.
    fn noise_run_end(&self, text: &str, at: usize) -> usize {
        let rest = &text[at..];
        let len = rest.find(|c| self.fold(c) != Fold::Noise).unwrap_or(rest.len());
        at + len
    }

    /// Drops noise only between characters that `patterns` (folded) hold side by side.
    pub(crate) fn restrict_noise<'p>(&mut self, patterns: impl IntoIterator<Item = &'p str>) {
        let mut joined = FastSet::default();
        for p in patterns {
            let mut chars = p.chars();
            let mut left = chars.next();
            for right in chars {
                if let Some(l) = left {
                    joined.insert((l, right));
                }
                left = Some(right);
            }
        }
        self.joined = Some(joined);
    }

    /// Whether dropping the noise at `at..end` of `text` joins two characters that stand side
    /// by side in a pattern (always, before [`Folder::restrict_noise`]).
    fn joins(&self, text: &str, at: usize, end: usize) -> bool {
        let Some(joined) = &self.joined else { return true };
        // The run may have begun before `at`: fold_text drops it a character at a time.
        let before = text[..at].trim_end_matches(|c| self.fold(c) == Fold::Noise);
        let folded = |c: char| match self.fold(c) {
            Fold::Map(m, _) => m,
            _ => c,
        };
        match (before.chars().next_back(), text[end..].chars().next()) {
            (Some(l), Some(r)) => joined.contains(&(folded(l), folded(r))),
            _ => false,
        }
    }

    /// Stops folding characters into ones that no pattern holds (`pattern_chars` are the
    /// characters of the folded patterns): such a character cannot be part of a match whether
    /// folded or not, and official text is full of them (，（）fold to , ( ) otherwise, and
    /// each would cost a piece of the map back). Noise is still dropped.
    pub(crate) fn restrict_to(&mut self, pattern_chars: &FastSet<char>) {
        for word in 0..self.bits.len() {
            let mut bits = self.bits[word];
            while bits != 0 {
                let bit = bits.trailing_zeros();
                bits &= bits - 1;
                let Some(c) = char::from_u32(word as u32 * 64 + bit) else { continue };
                if matches!(self.fold(c), Fold::Map(m, _) if !pattern_chars.contains(&m)) {
                    self.bits[word] &= !(1 << bit);
                }
            }
        }
        self.traditional.retain(|_, s| pattern_chars.contains(s));
        self.sync_quick();
    }

    /// The next character from byte `from` on that folding changes: where, what, and how.
    ///
    /// Official Chinese text rarely has one, so this is a tight loop: ASCII bytes are tested
    /// against a table and other characters decoded by hand and tested against the bit set.
    fn next_fold(&self, text: &str, from: usize) -> Option<(usize, char, Fold)> {
        let bytes = text.as_bytes();
        let mut i = from;
        // Two three-byte characters (both lead bytes tested at once) neither of which may fold.
        // The bit of a character sits in the word its first two bytes select, at the low six
        // bits of its third (a shift by the byte takes only those).
        let quiet = |x: u64| {
            let bit = |x: u64| self.quick[(x & 0x3F0F) as usize].wrapping_shr((x >> 16) as u32);
            x & 0xF000_00F0 == 0xE000_00E0 && (bit(x) | bit(x >> 24)) & 1 == 0
        };
        loop {
            // Two three-byte characters a round while neither folds (most of Chinese text),
            // walking a slice so that the round's only bounds check is what is left.
            let mut rest = bytes.get(i..).unwrap_or_default();
            while let Some(chunk) = rest.first_chunk::<8>() {
                let x = u64::from_le_bytes(*chunk);
                if !quiet(x) {
                    break;
                }
                rest = &rest[6..];
            }
            i = bytes.len() - rest.len();
            let Some(&b) = bytes.get(i) else { break };
            if let (0xE0..=0xEF, Some(&[b1, b2])) = (b, bytes.get(i + 1..i + 3)) {
                let word = self.bits[(usize::from(b & 0x0F) << 6) | usize::from(b1 & 0x3F)];
                if word & (1 << (b2 & 0x3F)) == 0 {
                    i += 3;
                    continue;
                }
            } else if b < 0x80 && self.bits[usize::from(b) / 64] & (1 << (b % 64)) == 0 {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next()?;
            let fold = self.fold(c);
            if fold == Fold::Noise {
                // Noise next to a line end (a paragraph's indent) joins nothing: no pattern
                // holds a line end. It is kept, which spares a copy of most official texts.
                let end = self.noise_run_end(text, i);
                let line_end = |b: Option<&u8>| b.is_none_or(|b| matches!(b, b'\n' | b'\r'));
                if line_end(i.checked_sub(1).map(|p| &bytes[p]))
                    || line_end(bytes.get(end))
                    || !self.joins(text, i, end)
                {
                    i = end;
                    continue;
                }
            }
            if fold != Fold::Keep {
                return Some((i, c, fold));
            }
            i += c.len_utf8();
        }
        None
    }
}

/// A stretch of the folded text and where it came from: a run of characters kept as they are,
/// or one replaced character. Dropped noise has no piece.
#[derive(Clone, Copy, Debug)]
struct Piece {
    /// Byte offset in the folded text.
    folded: u32,
    /// Byte offset in the original.
    original: u32,
    /// Length in the original (a run has the same length in both).
    original_len: u32,
    run: bool,
}

/// A folded text with its map back to the original.
#[derive(Debug)]
pub(crate) struct Folded<'t> {
    pub(crate) text: Cow<'t, str>,
    /// The pieces of the folded text in order (empty when nothing was folded).
    pieces: Vec<Piece>,
    /// Length of the original text.
    original_len: u32,
    /// The piece found by the last lookup.
    last: Cell<usize>,
}

impl Folded<'_> {
    /// Whether the folded text is the original.
    pub(crate) fn is_identity(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
    }

    /// The original span of a folded span (on character boundaries of the folded text), from
    /// the start of its first character to the end of its last, noise in between included, and
    /// whether folding left it as it is (it lies in
    /// one run of unchanged characters): then the original reads as the folded text does.
    pub(crate) fn map_back(&self, span: Span) -> (Span, bool) {
        if self.is_identity() {
            return (span, true);
        }
        let first = self.piece_at(span.start);
        let start = first.map_or(self.original_len, |k| {
            let p = &self.pieces[k];
            match p.run {
                true => p.original + (span.start as u32 - p.folded),
                false => p.original,
            }
        });
        let last = span.end.checked_sub(1).and_then(|last| self.piece_at(last));
        let end = last.map_or(0, |k| {
            let p = &self.pieces[k];
            match p.run {
                true => p.original + (span.end as u32 - p.folded),
                false => p.original + p.original_len,
            }
        });
        let unchanged =
            first.is_some() && first == last && last.is_some_and(|k| self.pieces[k].run);
        (Span::new(start as usize, (end as usize).max(start as usize)), unchanged)
    }

    /// The index of the piece holding folded byte `at`. Matches come in order of position, so
    /// the search starts from the piece found last.
    fn piece_at(&self, at: usize) -> Option<usize> {
        if at >= self.text.len() {
            return None;
        }
        let holds = |i: usize| {
            self.pieces[i].folded as usize <= at
                && self.pieces.get(i + 1).is_none_or(|next| at < next.folded as usize)
        };
        let last = self.last.get();
        let found = [last, last + 1].into_iter().find(|&i| i < self.pieces.len() && holds(i));
        let i = match found {
            Some(i) => i,
            None => self.pieces.partition_point(|p| p.folded as usize <= at).checked_sub(1)?,
        };
        self.last.set(i);
        Some(i)
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
    fn noise_is_dropped_only_between_neighbours_in_a_pattern() {
        let mut f = folder();
        f.restrict_to(&"台湾政府".chars().collect());
        f.restrict_noise(["台湾政府"]);
        let folded = |t: &str| f.fold_text(t).text.into_owned();
        assert_eq!(folded("臺　灣 政\u{3000}\u{3000}府"), "台湾政府");
        // 湾 and 第 never meet in a pattern: the space stays, and with nothing else to fold
        // the text is not copied.
        assert!(matches!(f.fold_text("台湾　第一章　总则").text, Cow::Borrowed(_)));
        assert_eq!(folded("臺湾　第一章"), "台湾　第一章");
        // Neighbours are compared folded (灣 is 湾), the run as a whole (two spaces).
        assert_eq!(folded("台灣 　政府"), "台湾政府");
        assert_eq!(folded("政府　台湾"), "政府　台湾");
    }

    /// The scan tests two characters at a time against a second copy of the table; it must
    /// stop at every character that folds, in either place of a pair, and at no other.
    #[test]
    fn scan_stops_exactly_at_characters_that_fold() {
        let mut f = folder();
        let everything = || (1u32..0x10000).filter_map(char::from_u32);
        for restricted in [false, true] {
            if restricted {
                f.restrict_to(&"台湾tmd".chars().collect());
            }
            for c in everything() {
                let folds = f.fold(c) != Fold::Keep;
                for before in ["国", "国家"] {
                    let text = format!("{before}{c}国家机关工作人员");
                    let got = f.next_fold(&text, 0).map(|(at, ..)| at);
                    assert_eq!(got, folds.then_some(before.len()), "{c:?} {restricted}");
                }
            }
        }
    }

    #[test]
    fn spans_map_back_over_noise() {
        let f = folder();
        let text = "据报道，臺 灣*政府宣布";
        let folded = f.fold_text(text);
        let at = folded.text.find("台湾政府").unwrap();
        let (span, unchanged) = folded.map_back(Span::new(at, at + "台湾政府".len()));
        assert_eq!(&text[span], "臺 灣*政府");
        assert!(!unchanged);
        let at = folded.text.find("政府").unwrap();
        assert!(folded.map_back(Span::new(at, at + "政府".len())).1);
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

    /// Every span between character boundaries of the folded text maps back as a per-character
    /// table of the original would map it.
    #[test]
    fn spans_map_back_like_a_table() {
        let f = folder();
        for text in ["臺 灣*政府", " 首尾 ", "ＴＭＤ abc.臺", "a\u{200B}b", "...", "正常文本", ""]
        {
            let folded = f.fold_text(text);
            // The table: for each folded character, its original start and end. Noise is
            // dropped unless its run touches the start or the end of the text.
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let noise = |k: usize| f.fold(chars[k].1) == Fold::Noise;
            let mut table = Vec::new();
            for (k, &(i, c)) in chars.iter().enumerate() {
                let edge = noise(k) && ((0..k).all(&noise) || (k..chars.len()).all(&noise));
                match f.fold(c) {
                    Fold::Noise if edge => table.push((i, i + c.len_utf8(), c.len_utf8())),
                    Fold::Noise => {}
                    Fold::Keep => table.push((i, i + c.len_utf8(), c.len_utf8())),
                    Fold::Map(m, _) => table.push((i, i + c.len_utf8(), m.len_utf8())),
                }
            }
            let mut bounds = vec![0];
            for &(_, _, len) in &table {
                bounds.push(bounds.last().unwrap() + len);
            }
            assert_eq!(*bounds.last().unwrap(), folded.text.len(), "{text}");
            for a in 0..table.len() {
                for b in a + 1..=table.len() {
                    let (span, unchanged) = folded.map_back(Span::new(bounds[a], bounds[b]));
                    assert_eq!(span, Span::new(table[a].0, table[b - 1].1), "{text} {a}..{b}");
                    // Unchanged: the folded text of the span is the original's.
                    let same = folded.text[bounds[a]..bounds[b]] == text[span];
                    assert_eq!(unchanged, same, "{text} {a}..{b}");
                }
            }
        }
    }

    #[test]
    fn only_characters_that_patterns_hold_are_folded() {
        let mut f = folder();
        f.restrict_to(&"台政府tmd".chars().collect());
        assert_eq!(f.fold_str("臺灣，ＴＭＤ"), "台灣，tmd");
        let folded = f.fold_text("據說臺 灣，政府");
        assert_eq!(folded.text, "據說台灣，政府");
    }

    #[test]
    fn noise_next_to_a_line_end_is_kept() {
        let f = folder();
        assert!(f.fold_text("\u{3000}\u{3000}各单位。\n\u{3000}\u{3000}现将 \r\n").is_identity());
        assert_eq!(f.fold_text("一\n 二 三 \n").text, "一\n 二三 \n");
    }

    #[test]
    fn clean_text_is_not_copied() {
        let folded = folder().fold_text("各单位要认真部署。");
        assert!(folded.is_identity());
        // Without evasion nothing folds.
        assert!(Folder::default().fold_text("臺 灣，ＴＭＤ").is_identity());
        assert_eq!(folded.map_back(Span::new(3, 6)), (Span::new(3, 6), true));
    }
}
