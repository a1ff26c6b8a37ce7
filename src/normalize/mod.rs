//! Folding for evasion-robust matching: full-width → half-width, letter case, traditional →
//! simplified characters, and noise characters (spaces, zero-width characters, `* . - _ |` …)
//! dropped, with a map from every folded offset back to the original text.
//!
//! The one automaton holds folded patterns. The review's char-wise automaton folds as it walks
//! the original text, with a character map built from this table ([`Folder::folding_chars`])
//! and noise dropped where [`Folder::drops_noise`] says; the byte engines of large user
//! dictionaries run over a folded copy instead ([`Folder::fold_text`]), which is the text
//! itself when it has nothing to fold (the usual case for official Chinese text).

mod charset;
mod describe;
#[cfg(test)]
mod tests;
mod text;

use crate::hash::{FastMap, FastSet};
use std::borrow::Cow;

pub(crate) use charset::CharSet;

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
pub(crate) const fn is_invisible(c: char) -> bool {
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
const fn is_noise(c: char) -> bool {
    match c {
        '\n' | '\r' => false,
        c if crate::chars::is_whitespace(c) => true,
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
    /// With the crate's fast hash: the keys are the folding tables' own characters (a text's
    /// characters are only looked up), and the standard hasher cost a start some 4,000 keyed
    /// hashes of tens of instructions each.
    traditional: FastMap<char, char>,
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
            traditional: FastMap::default(),
            bits: Box::new([0; 1024]),
            quick: Box::new([0; QUICK_LEN]),
            active: false,
            joined: None,
        }
    }
}

/// The BMP characters that fold by class (ASCII capitals, noise, full-width forms), one bit
/// each, worked out when the crate is compiled rather than at every start.
static CLASS_BITS: [u64; 1024] = class_bits();

const fn class_bits() -> [u64; 1024] {
    let mut bits = [0u64; 1024];
    let mut i = 0u32;
    while i < 0x10000 {
        if let Some(c) = char::from_u32(i) {
            if c.is_ascii_uppercase() || is_noise(c) || matches!(c, '\u{FF01}'..='\u{FF5E}') {
                bits[(i / 64) as usize] |= 1 << (i % 64);
            }
        }
        i += 1;
    }
    bits
}

/// The BMP characters that are noise, one bit each, worked out when the crate is compiled.
static NOISE_BITS: [u64; 1024] = noise_bits();

const fn noise_bits() -> [u64; 1024] {
    let mut bits = [0u64; 1024];
    let mut i = 0u32;
    while i < 0x10000 {
        if let Some(c) = char::from_u32(i) {
            if is_noise(c) {
                bits[(i / 64) as usize] |= 1 << (i % 64);
            }
        }
        i += 1;
    }
    bits
}

/// Length of [`Folder::quick`]: indices up to `0x3F0F`.
const QUICK_LEN: usize = 0x3F10;

impl Folder {
    pub(crate) fn new(traditional: impl IntoIterator<Item = (char, char)>) -> Folder {
        let mut folder = Folder::default();
        let traditional = traditional.into_iter();
        // Sized at once: grown as it filled, the map was rehashed a dozen times.
        folder.traditional.reserve(traditional.size_hint().0);
        for (from, to) in traditional {
            if from != to {
                folder.traditional.insert(from, to);
                folder.mark(from);
            }
        }
        for (word, class) in folder.bits.iter_mut().zip(CLASS_BITS.iter()) {
            *word |= class;
        }
        folder.active = true;
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

    /// Whether `c` folds as noise: what [`Folder::fold`] says of it, for a character of the
    /// basic plane without its branches (a paragraph's indent of ideographic spaces is most
    /// of the noise in official text).
    #[inline]
    fn folds_as_noise(&self, c: char) -> bool {
        let i = c as usize;
        match i < 0x10000 {
            true => (NOISE_BITS[i / 64] & self.bits[i / 64]) >> (i % 64) & 1 != 0,
            false => self.fold(c) == Fold::Noise,
        }
    }

    #[inline(always)]
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

    /// Every character folding may change, with what it does to it: the BMP characters of the
    /// bit set, then the traditional forms beyond the BMP. Others are kept as they are.
    pub(crate) fn folding_chars(&self) -> impl Iterator<Item = (char, Fold)> + '_ {
        let bmp = self.bits.iter().enumerate().flat_map(|(w, &word)| {
            let mut bits = word;
            std::iter::from_fn(move || {
                let bit = (bits != 0).then(|| bits.trailing_zeros())?;
                bits &= bits - 1;
                Some(w as u32 * 64 + bit)
            })
        });
        let beyond = self.traditional.keys().map(|&c| c as u32).filter(|&c| c >= 0x10000);
        bmp.chain(beyond)
            .filter_map(char::from_u32)
            .map(|c| (c, self.fold(c)))
            .filter(|(_, fold)| *fold != Fold::Keep)
    }

    /// The folded form of a pattern.
    pub(crate) fn fold_str<'a>(&self, s: &'a str) -> Cow<'a, str> {
        // The bit first, in line: nearly every character of a pattern has none, and `fold`,
        // called for each, was most of a start's 9,000 patterns folded.
        if s.chars().all(|c| !self.may_fold(c) || self.fold(c) == Fold::Keep) {
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

    /// Drops noise only between characters that `patterns` (folded) hold side by side.
    // Out of line: called once a build, its count then stands apart in a profile.
    #[inline(never)]
    pub(crate) fn restrict_noise<'p>(&mut self, patterns: impl IntoIterator<Item = &'p str>) {
        let patterns = patterns.into_iter();
        // Sized at once for about two pairs a pattern, rather than rehashed as it fills.
        let mut joined =
            FastSet::with_capacity_and_hasher(2 * patterns.size_hint().0, Default::default());
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
        let before = text[..at].trim_end_matches(|c| self.folds_as_noise(c));
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
    pub(crate) fn restrict_to(&mut self, pattern_chars: &CharSet) {
        for word in 0..self.bits.len() {
            let mut bits = self.bits[word];
            while bits != 0 {
                let bit = bits.trailing_zeros();
                bits &= bits - 1;
                let Some(c) = char::from_u32(word as u32 * 64 + bit) else { continue };
                if matches!(self.fold(c), Fold::Map(m, _) if !pattern_chars.contains(m)) {
                    self.bits[word] &= !(1 << bit);
                }
            }
        }
        self.traditional.retain(|_, s| pattern_chars.contains(*s));
        self.sync_quick();
    }
}
