//! The review's scan: the char-wise double array walked over the original text, folding as it
//! walks, so that no folded copy is made and no hit is mapped back through one.
//!
//! A character map built from the folding table gives every BMP character, in one load, the
//! code of its folded form (traditional → simplified, full-width → half-width, case), 0 for a
//! character no pattern holds (the walk goes back to the root), or a mark: a character that
//! folds is walked with its folded form's code after the place is noted, and a run of noise
//! leaves the state as it is wherever folding would drop it ([`Folder::drops_noise`]). A hit
//! reports its span in the original text and whether folding changed anything inside it, from
//! the folds noted on the way.

use super::double_array::{DoubleArray, Node, Output, HAS_OUTPUT, MAX_CODES, ROOT};
#[cfg(test)]
#[path = "walk_tests.rs"]
mod tests;
use crate::hash::FastMap;
use crate::normalize::{Fold, Folder};
use crate::span::Span;
use std::sync::Arc;

/// Marks a character that folds; the low bits hold its folded form's code.
const FOLDED: u16 = 0x8000;
/// Marks a noise character.
const NOISE: u16 = 0xFFFF;
/// Under [`FOLDED`], from here on: a character that folds into one no pattern holds, of one
/// to four bytes (`ASIDE` + length − 1), so that noting the fold needs no look-up of the
/// folded form.
const ASIDE: u16 = MAX_CODES as u16;
/// Marks a character no pattern holds and that does not fold: the walk goes back to the root.
/// (It has the bit of [`FOLDED`], so that the inner loop tests one bit for every character
/// that is not simply walked on.)
const RESET: u16 = 0xFFFE;

/// The double array with the character map of one folding table.
#[derive(Clone)]
pub(crate) struct FoldingAutomaton {
    pub(super) array: DoubleArray,
    /// For each BMP character: its code, its folded form's code with [`FOLDED`] when it folds
    /// ([`folded`]), [`NOISE`], or [`RESET`].
    map: Box<[u16; MAP_LEN]>,
    /// The code of every character a pattern holds (for characters beyond the BMP).
    codes: FastMap<char, u16>,
    folder: Arc<Folder>,
}

impl std::fmt::Debug for FoldingAutomaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FoldingAutomaton").field("slots", &self.array.slots().len()).finish()
    }
}

impl FoldingAutomaton {
    /// The automaton `array` walked with the folds of `folder`.
    pub(super) fn new(array: DoubleArray, folder: Arc<Folder>) -> FoldingAutomaton {
        debug_assert!(array.chars.len() <= MAX_CODES);
        let mut map: Box<[u16; MAP_LEN]> =
            vec![RESET; MAP_LEN].into_boxed_slice().try_into().unwrap_or_else(|_| unreachable!());
        let codes: FastMap<char, u16> =
            array.chars.iter().enumerate().skip(1).map(|(code, &c)| (c, code as u16)).collect();
        for (&c, &code) in &codes {
            if let Some(entry) = map.get_mut(c as usize) {
                *entry = code;
            }
        }
        for (c, fold) in folder.folding_chars() {
            let entry = match fold {
                Fold::Noise => NOISE,
                Fold::Map(m, _) => folded(m, codes.get(&m).copied().unwrap_or(0)),
                Fold::Keep => continue,
            };
            if let Some(slot) = map.get_mut(c as usize) {
                *slot = entry;
            }
        }
        FoldingAutomaton { array, map, codes, folder }
    }

    /// Every hit in `text` as (pattern, span in `text`, whether folding changed nothing in the
    /// span), in order of end position, the longest first at one end.
    pub(crate) fn walk<'a>(&'a self, text: &'a str) -> Walk<'a> {
        Walk {
            automaton: self,
            text,
            pos: 0,
            state: ROOT,
            pending: 0,
            shift: 0,
            fold_end: 0,
            folds: Vec::new(),
        }
    }

    /// The map's entry for the character at `at` beyond the BMP (four bytes).
    fn beyond_entry(&self, text: &str, at: usize) -> u16 {
        let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else { return 0 };
        let code = |c: char| self.codes.get(&c).copied().unwrap_or(0);
        match self.folder.fold(c) {
            Fold::Map(m, _) => folded(m, code(m)),
            _ => code(c),
        }
    }
}

/// The map entry of a character that folds into `m`, whose code is `code` (0: none).
fn folded(m: char, code: u16) -> u16 {
    match code {
        0 => FOLDED | (ASIDE + m.len_utf8() as u16 - 1),
        _ => FOLDED | code,
    }
}

/// A place where the folded text differs from the original: a character replaced by its
/// folded form, or a run of noise dropped (`folded_len` 0).
#[derive(Clone, Copy, Debug)]
struct FoldAt {
    original: usize,
    folded: usize,
    original_len: usize,
    folded_len: usize,
}

/// How many noted folds are kept before the ones no hit can reach back to are let go.
const KEPT_FOLDS: usize = 256;

/// The walk over one text: an iterator of (pattern, span, unchanged).
pub(crate) struct Walk<'a> {
    automaton: &'a FoldingAutomaton,
    text: &'a str,
    /// The next byte to read.
    pos: usize,
    state: u32,
    /// The next output to report at `pos` (0: none).
    pending: u32,
    /// The original's length less the folded text's up to `pos`, modulo 2^64.
    shift: usize,
    /// Where in the folded text the last fold ends: a hit starting there or later lies in
    /// characters folding left as they are.
    fold_end: usize,
    folds: Vec<FoldAt>,
}

impl Iterator for Walk<'_> {
    type Item = (u32, Span, bool);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.pending == 0 {
            self.pending = self.scan()?;
        }
        let out = self.automaton.array.outputs.get(self.pending as usize).copied()?;
        self.pending = out.next;
        Some(self.hit(out))
    }
}

impl Walk<'_> {
    /// Walks on to the next state with an output; its first output.
    #[inline]
    fn scan(&mut self) -> Option<u32> {
        let mut first = None;
        self.scan_with(|_, out| {
            first = Some(out);
            true
        });
        first
    }

    /// Every hit to the end, handed to `f` where it is found: the loop keeps its state
    /// through a run of hits instead of leaving the iterator at each.
    pub(crate) fn for_each_hit(mut self, mut f: impl FnMut(u32, Span, bool)) {
        self.scan_with(|walk, mut out| {
            while let Some(&o) = walk.automaton.array.outputs.get(out as usize).filter(|_| out != 0)
            {
                let (pattern, span, unchanged) = walk.hit(o);
                f(pattern, span, unchanged);
                out = o.next;
            }
            false
        });
    }

    /// Walks on, handing each state with outputs reached to `found` with its first output,
    /// until `found` says to stop or the text ends.
    #[inline(always)]
    fn scan_with(&mut self, mut found: impl FnMut(&mut Self, u32) -> bool) {
        let array = &self.automaton.array;
        let map = &*self.automaton.map;
        let bytes = self.text.as_bytes();
        let mut rest = bytes.get(self.pos..).unwrap_or_default();
        let mut at = Cursor::at(array, self.state);
        loop {
            let stop;
            (rest, stop) = run(array, map, rest, &mut at);
            let i = bytes.len() - rest.len();
            let mut reached = matches!(stop, Stop::Output);
            if let Stop::Other(b) = stop {
                // A character `run` leaves: one that folds, or not of one or three bytes.
                let (mut entry, len) = self.entry_of(b, i);
                let mut end = i + len;
                if entry == RESET {
                    entry = 0;
                } else if entry & FOLDED != 0 {
                    let code;
                    (end, code) = self.fold_at(i, len, entry);
                    entry = code.unwrap_or(SKIP);
                }
                rest = bytes.get(end..).unwrap_or_default();
                reached = entry != SKIP && at.advance(array, u32::from(entry));
            }
            if reached || matches!(stop, Stop::End) {
                (self.pos, self.state) = (bytes.len() - rest.len(), at.state);
                let out = array.outs.get(at.state as usize).copied().unwrap_or(0);
                if !reached || found(self, out) {
                    return;
                }
            }
        }
    }

    /// The map entry and length of the character at byte `at`, which begins with `b`.
    fn entry_of(&self, b: u8, at: usize) -> (u16, usize) {
        let map = &*self.automaton.map;
        let bytes = self.text.as_bytes();
        let byte = |k: usize| u32::from(bytes.get(at + k).copied().unwrap_or(0) & 0x3F);
        let b = u32::from(b);
        let entry = |c: u32| map.get(c as usize).copied().unwrap_or(0);
        match b {
            0..0x80 => (entry(b), 1),
            0xC0..0xE0 => (entry(((b & 0x1F) << 6) | byte(1)), 2),
            0xE0..0xF0 => (entry(((b & 0x0F) << 12) | (byte(1) << 6) | byte(2)), 3),
            0xF0.. => (self.automaton.beyond_entry(self.text, at), 4),
            // A continuation byte: not where a character starts (never, in a `str`).
            _ => (0, 1),
        }
    }

    /// Notes a character that folds at `at` (`len` bytes, its map entry `entry`): where to go
    /// on, and the code to walk with (`None`: noise dropped, the state stays).
    #[cold]
    #[inline(never)]
    fn fold_at(&mut self, at: usize, len: usize, entry: u16) -> (usize, Option<u16>) {
        let folder = &self.automaton.folder;
        if entry == NOISE {
            let end = folder.noise_run_end(self.text, at);
            if !folder.drops_noise(self.text, at, end) {
                // Kept, it is a character no pattern holds.
                return (end, Some(0));
            }
            self.note(at, end - at, 0);
            return (end, None);
        }
        let (code, folded_len) = match entry & !FOLDED {
            aside @ ASIDE.. => (0, usize::from(aside - ASIDE) + 1),
            code => (
                code,
                self.automaton.array.chars.get(usize::from(code)).map_or(len, |m| m.len_utf8()),
            ),
        };
        self.note(at, len, folded_len);
        (at + len, Some(code))
    }

    /// Notes a fold of `original_len` bytes at `at` into `folded_len`.
    fn note(&mut self, at: usize, original_len: usize, folded_len: usize) {
        if self.folds.len() >= KEPT_FOLDS {
            self.let_go(at);
        } else if self.folds.capacity() == 0 {
            // Room for every fold kept, at the first: the notes are never moved as they grow.
            self.folds.reserve_exact(KEPT_FOLDS + 1);
        }
        let folded = at.wrapping_sub(self.shift);
        self.folds.push(FoldAt { original: at, folded, original_len, folded_len });
        self.shift = self.shift.wrapping_add(original_len).wrapping_sub(folded_len);
        self.fold_end = folded.wrapping_add(folded_len);
    }

    /// Lets go of the folds before the last one a hit ending at `at` or later can reach back
    /// to.
    fn let_go(&mut self, at: usize) {
        let now = at.wrapping_sub(self.shift);
        let reach = now.saturating_sub(self.automaton.array.longest + 4);
        let first = self.folds.partition_point(|f| f.folded < reach).saturating_sub(1);
        self.folds.drain(..first);
    }

    /// The hit of `out` ending at `pos`.
    fn hit(&self, out: Output) -> (u32, Span, bool) {
        let end = self.pos;
        let folded_start = end.wrapping_sub(self.shift).wrapping_sub(out.len as usize);
        let (start, unchanged) = match folded_start >= self.fold_end {
            true => (folded_start.wrapping_add(self.shift), true),
            false => (self.original_of(folded_start), false),
        };
        (out.pattern, Span::new(start.min(end), end), unchanged)
    }

    /// Where the folded text's character at byte `folded` starts in the original.
    fn original_of(&self, folded: usize) -> usize {
        let Some(f) = self.folds.iter().rev().find(|f| f.folded <= folded) else { return folded };
        match folded < f.folded + f.folded_len {
            true => f.original,
            false => f.original + f.original_len + (folded - f.folded - f.folded_len),
        }
    }
}

/// A code that moves no state: noise that folding drops.
const SKIP: u16 = NOISE;

/// Where the walk is: the state, and its `base` (kept in a register).
#[derive(Clone, Copy)]
struct Cursor {
    state: u32,
    /// As a `usize`, so that adding a code and masking needs no widening.
    base: usize,
}

impl Cursor {
    fn at(array: &DoubleArray, state: u32) -> Cursor {
        Cursor { state, base: array.nodes.get(state as usize).map_or(0, |n| n.base as usize) }
    }

    /// Moves on `code` (0: back to the root); whether the state reached has outputs.
    fn advance(&mut self, array: &DoubleArray, code: u32) -> bool {
        if code == 0 {
            self.reset();
            return false;
        }
        self.walk_on(&Slots::of(array), code)
    }

    /// Back to the root, whose base is 0 ([`DoubleArray`] refuses any other).
    #[inline(always)]
    fn reset(&mut self) {
        (self.state, self.base) = (ROOT, 0);
    }

    /// Moves on `code` (not 0), following failure links; whether the state reached has outputs.
    #[inline(always)]
    fn walk_on(&mut self, slots: &Slots<'_>, code: u32) -> bool {
        loop {
            let t = (self.base + code as usize) & slots.mask;
            let child = slots.nodes[t];
            let x = child.check ^ self.state;
            if x & !HAS_OUTPUT == 0 {
                (self.state, self.base) = (t as u32, child.base as usize);
                return x & HAS_OUTPUT != 0;
            }
            if self.state == ROOT {
                return false;
            }
            let [state, base] = slots.fails[self.state as usize & slots.mask];
            (self.state, self.base) = (state, base as usize);
        }
    }
}

/// The padded slots and failure links, each `mask + 1` long, so that an index masked with
/// `mask` needs no test.
struct Slots<'a> {
    nodes: &'a [Node],
    fails: &'a [[u32; 2]],
    mask: usize,
}

impl<'a> Slots<'a> {
    #[inline(always)]
    fn of(array: &'a DoubleArray) -> Slots<'a> {
        let mask = array.mask;
        Slots { nodes: &array.nodes[..=mask], fails: &array.fails[..=mask], mask }
    }
}

/// Why [`run`] stopped.
enum Stop {
    /// At a state with outputs.
    Output,
    /// At a character it leaves to the caller, which begins with this byte.
    Other(u8),
    End,
}

/// The walk's inner loop over ASCII and three-byte characters that do not fold: from `rest`
/// to the first state with outputs, the first other character, or the end; what is left.
#[inline(always)]
fn run<'t>(
    array: &DoubleArray,
    map: &[u16; MAP_LEN],
    mut rest: &'t [u8],
    cursor: &mut Cursor,
) -> (&'t [u8], Stop) {
    let slots = Slots::of(array);
    // A copy, so that the state stays in registers through the loop.
    let mut at = *cursor;
    let stop = loop {
        let (entry, tail) = match rest {
            [b0, b1, b2, tail @ ..] if b0 & 0xF0 == 0xE0 => (map[slot3(*b0, *b1, *b2)], tail),
            [b, tail @ ..] if *b < 0x80 => (map[usize::from(*b)], tail),
            [] => break Stop::End,
            [b, ..] => break Stop::Other(*b),
        };
        if entry & FOLDED != 0 {
            if entry == RESET {
                at.reset();
                rest = tail;
                continue;
            }
            break Stop::Other(rest[0]);
        }
        rest = tail;
        if at.walk_on(&slots, u32::from(entry)) {
            break Stop::Output;
        }
    };
    *cursor = at;
    (rest, stop)
}

/// The length of the character map: one entry a BMP character.
const MAP_LEN: usize = 0x10000;

/// The code point of the three-byte character `b0 b1 b2`, by adding the bytes at their places:
/// the continuation bytes' marks add the constant `0x2080`, and the lead's mark falls off the
/// top of the sixteen bits (one shift and add a byte, no masks, no table).
#[inline(always)]
fn slot3(b0: u8, b1: u8, b2: u8) -> usize {
    let sum = (u32::from(b0) << 12) + (u32::from(b1) << 6) + u32::from(b2);
    usize::from(sum.wrapping_sub(0x2080) as u16)
}
