//! Folding a whole text, with the map from every folded offset back to the original.

use super::{Fold, Folder};
use crate::span::Span;
use std::borrow::Cow;
use std::cell::Cell;

impl Folder {
    /// Folds a text, keeping the way back. A text with nothing to fold (or over 4 GiB, which
    /// the map's offsets cannot hold) is not copied.
    pub(crate) fn fold_text<'t>(&self, text: &'t str) -> Folded<'t> {
        // Without evasion the table is empty: nothing to look for.
        let mut next = match self.active && text.len() < u32::MAX as usize {
            true => self.next_fold(text, 0),
            false => None,
        };
        if next.is_none() {
            return Folded::identity(text);
        }
        let mut out = Pieces::new(text);
        // Start of the run of characters kept as they are, in the original.
        let mut run = 0;
        while let Some((at, c, fold)) = next {
            out.keep(run, at);
            if let Fold::Map(m, _) = fold {
                out.replace(at, c, m);
            }
            run = at + c.len_utf8();
            next = self.next_fold(text, run);
        }
        out.keep(run, text.len());
        out.finish()
    }

    /// Whether folding drops the run of noise characters at `at..end` of `text` (a whole run,
    /// as [`Folder::noise_run_end`] ends it): only between two characters, neither a line end,
    /// that stand side by side in some pattern.
    pub(crate) fn drops_noise(&self, text: &str, at: usize, end: usize) -> bool {
        // Noise next to a line end (a paragraph's indent) joins nothing: no pattern holds a
        // line end. It is kept, which spares a copy of most official texts.
        let bytes = text.as_bytes();
        let line_end = |b: Option<&u8>| b.is_none_or(|b| matches!(b, b'\n' | b'\r'));
        !(line_end(at.checked_sub(1).and_then(|p| bytes.get(p)))
            || line_end(bytes.get(end))
            || !self.joins(text, at, end))
    }

    /// Where the run of noise characters starting at byte `at` ends.
    pub(crate) fn noise_run_end(&self, text: &str, at: usize) -> usize {
        let mut end = at;
        for c in text[at..].chars() {
            if !self.folds_as_noise(c) {
                break;
            }
            end += c.len_utf8();
        }
        end
    }

    /// The next character from byte `from` on that folding changes: where, what, and how.
    ///
    /// Official Chinese text rarely has one, so this is a tight loop: ASCII bytes are tested
    /// against a table and other characters decoded by hand and tested against the bit set.
    pub(super) fn next_fold(&self, text: &str, from: usize) -> Option<(usize, char, Fold)> {
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
                let end = self.noise_run_end(text, i);
                if !self.drops_noise(text, i, end) {
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

/// A folded text as it is written, piece by piece.
struct Pieces<'t> {
    original: &'t str,
    text: String,
    pieces: Vec<Piece>,
}

impl<'t> Pieces<'t> {
    fn new(original: &'t str) -> Self {
        Pieces { original, text: String::with_capacity(original.len()), pieces: Vec::new() }
    }

    /// Copies the characters of `from..to` of the original as they are.
    fn keep(&mut self, from: usize, to: usize) {
        if to > from {
            self.push(from, to - from, true);
            self.text.push_str(&self.original[from..to]);
        }
    }

    /// Writes `folded` for the character `c` at `at` of the original.
    fn replace(&mut self, at: usize, c: char, folded: char) {
        self.push(at, c.len_utf8(), false);
        self.text.push(folded);
    }

    fn push(&mut self, original: usize, original_len: usize, run: bool) {
        self.pieces.push(Piece {
            folded: self.text.len() as u32,
            original: original as u32,
            original_len: original_len as u32,
            run,
        });
    }

    fn finish(self) -> Folded<'t> {
        Folded {
            text: Cow::Owned(self.text),
            pieces: self.pieces,
            original_len: self.original.len() as u32,
            last: Cell::new(0),
        }
    }
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

impl<'t> Folded<'t> {
    /// The text itself, nothing folded.
    fn identity(text: &'t str) -> Self {
        Folded {
            text: Cow::Borrowed(text),
            pieces: Vec::new(),
            original_len: 0,
            last: Cell::new(0),
        }
    }

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
        // Most matches lie in one piece: then the end needs no search of its own.
        let last = match first {
            Some(k) if span.end > span.start && span.end <= self.piece_end(k) => first,
            _ => span.end.checked_sub(1).and_then(|last| self.piece_at(last)),
        };
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

    /// Where piece `k` ends in the folded text.
    fn piece_end(&self, k: usize) -> usize {
        self.pieces.get(k + 1).map_or(self.text.len(), |next| next.folded as usize)
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
