//! The one multi-pattern automaton that finds candidates for every family in one pass.
//!
//! Engines behind [`Matcher`]: the crate's own char-wise double-array Aho–Corasick, which folds
//! as it walks the original text (`double_array.rs`, `walk.rs`), daachorse's char-wise one
//! and the `aho-corasick` crate's byte automata, which scan a folded copy. `benches/matcher.rs`
//! measures them on real Chinese text (BENCHMARKS.md has the figures): a char-wise automaton is
//! the fastest there, most of all with many patterns (a Chinese character is 3 bytes in UTF-8,
//! so a char-wise automaton takes a third of the transitions), and folding as it walks spares
//! the review a folded copy and a map back, so the crate's own is the default up to 30,000
//! patterns (daachorse's when the patterns hold more characters than its map numbers). Beyond that
//! its build time grows to seconds (placing each state's children in a window as wide as the
//! alphabet, some thousands of characters) and a byte automaton is chosen instead: the
//! contiguous NFA, or, when the automaton is kept in a store, daachorse's byte-wise double
//! array, which builds about three times faster than the char-wise one (256 labels a window)
//! and can be stored, at the cost of a slower scan.

mod double_array;
#[cfg(test)]
mod tests;
mod walk;

use crate::normalize::Folder;
use crate::span::Span;
use crate::store::{self, AutomatonStore};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind as AcMatchKind};
use daachorse::{
    CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, DoubleArrayAhoCorasick,
    DoubleArrayAhoCorasickBuilder, MatchKind,
};
use double_array::DoubleArray;
use std::sync::Arc;
pub(crate) use walk::{FoldingAutomaton, Walk};

/// Which automaton the pattern matcher uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatcherEngine {
    /// The char-wise automaton up to 30,000 patterns, the byte automaton beyond: the
    /// double array scans Chinese fastest but takes seconds to build for 100,000 user entries
    /// of random characters, where aho-corasick's contiguous NFA builds in a fraction of that.
    #[default]
    Auto,
    /// The char-wise double-array automaton (fastest on Chinese text): the crate's own, which
    /// folds as it walks the original text, or daachorse's over the folded text when the
    /// patterns hold more characters than its character map can number.
    Charwise,
    /// The `aho-corasick` crate's automaton over bytes (a DFA for small sets, a contiguous NFA
    /// for large ones).
    Bytewise,
}

/// Pattern count beyond which [`MatcherEngine::Auto`] builds the byte automaton.
const LARGE_SET: usize = 30_000;

#[derive(Clone)]
enum Automaton {
    Empty,
    /// The crate's own char-wise double array, folding as it walks.
    Folding(Box<FoldingAutomaton>),
    Charwise(CharwiseDoubleArrayAhoCorasick<u32>),
    Bytewise(AhoCorasick),
    /// daachorse's byte-wise double array: a large set kept in a store.
    ByteArray(DoubleArrayAhoCorasick<u32>),
}

/// Finds every occurrence of every pattern, overlapping ones included.
#[derive(Clone)]
pub(crate) struct Matcher {
    automaton: Automaton,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let engine = match self.automaton {
            Automaton::Empty => "empty",
            Automaton::Folding(_) => "folding",
            Automaton::Charwise(_) => "charwise",
            Automaton::Bytewise(_) => "bytewise",
            Automaton::ByteArray(_) => "byte array",
        };
        f.debug_struct("Matcher").field("engine", &engine).finish()
    }
}

/// A matcher's automaton, read or built before the folding table it walks with is final
/// ([`Unfolded::walking`] joins the two): a build reads the automaton on one thread while it
/// finishes the table on another.
pub(crate) struct Unfolded(Pending);

enum Pending {
    /// The crate's own, which walks with the table.
    Walk(DoubleArray),
    /// The others, which need no table.
    Done(Automaton),
}

impl Unfolded {
    /// The matcher, walking with `folder` when its engine folds as it walks.
    pub(crate) fn walking(self, folder: &Arc<Folder>) -> Matcher {
        let automaton = match self.0 {
            Pending::Walk(array) => folding(array, folder),
            Pending::Done(automaton) => automaton,
        };
        Matcher { automaton }
    }
}

impl Matcher {
    /// [`Matcher::unfolded`] walking with `folder`.
    #[cfg(test)]
    pub(crate) fn new(
        patterns: &[&str],
        engine: MatcherEngine,
        folder: &Arc<Folder>,
    ) -> Result<Matcher, String> {
        Ok(Matcher::unfolded(patterns, engine)?.walking(folder))
    }

    /// The automaton over distinct, non-empty patterns (folded by the table
    /// [`Unfolded::walking`] is given); a match reports the pattern's index. The char-wise
    /// engine folds as it walks with that table (see [`Matcher::walk`]); the others scan text
    /// folded beforehand.
    pub(crate) fn unfolded(patterns: &[&str], engine: MatcherEngine) -> Result<Unfolded, String> {
        let done = |automaton| Ok(Unfolded(Pending::Done(automaton)));
        if patterns.is_empty() {
            return done(Automaton::Empty);
        }
        let engine = match engine {
            MatcherEngine::Auto if patterns.len() > LARGE_SET => MatcherEngine::Bytewise,
            MatcherEngine::Auto => MatcherEngine::Charwise,
            other => other,
        };
        let automaton = match engine {
            MatcherEngine::Auto | MatcherEngine::Charwise => match DoubleArray::build(patterns) {
                Some(array) => return Ok(Unfolded(Pending::Walk(array))),
                None => Automaton::Charwise(build_chars(patterns)()?),
            },
            MatcherEngine::Bytewise => {
                let kind = match patterns.len() > LARGE_SET {
                    true => AhoCorasickKind::ContiguousNFA,
                    false => AhoCorasickKind::DFA,
                };
                let ac = AhoCorasick::builder()
                    .match_kind(AcMatchKind::Standard)
                    .kind(Some(kind))
                    .build(patterns)
                    .or_else(|_| {
                        AhoCorasick::builder().match_kind(AcMatchKind::Standard).build(patterns)
                    })
                    .map_err(|e| format!("cannot build the pattern automaton: {e}"))?;
                Automaton::Bytewise(ac)
            }
        };
        done(automaton)
    }

    /// [`Matcher::stored_unfolded`] walking with `folder`.
    #[cfg(test)]
    pub(crate) fn stored(
        patterns: &[&str],
        engine: MatcherEngine,
        store: &dyn AutomatonStore,
        folder: &Arc<Folder>,
    ) -> Result<Matcher, String> {
        Ok(Matcher::stored_unfolded(patterns, engine, store)?.walking(folder))
    }

    /// The automaton [`Matcher::unfolded`] builds (before its folding table), read from
    /// `store` when it holds the automaton over the same patterns, else built and stored
    /// there. With a store, [`MatcherEngine::Auto`] is the char-wise automaton up to 30,000
    /// patterns and daachorse's byte-wise double array beyond (only daachorse's automata can be
    /// stored; the byte-wise one builds a 200,000-entry user dictionary in a third of the
    /// char-wise one's time, and its build is then paid once).
    pub(crate) fn stored_unfolded(
        patterns: &[&str],
        engine: MatcherEngine,
        store: &dyn AutomatonStore,
    ) -> Result<Unfolded, String> {
        let done = |automaton| Ok(Unfolded(Pending::Done(automaton)));
        match engine {
            _ if patterns.is_empty() => Matcher::unfolded(patterns, engine),
            MatcherEngine::Bytewise => Matcher::unfolded(patterns, engine),
            MatcherEngine::Auto if patterns.len() > LARGE_SET => {
                let key = store::key(patterns, "bytearray");
                let automaton = load_or_build(&key, store, read_bytes, build_bytes(patterns))?;
                done(Automaton::ByteArray(automaton))
            }
            _ => {
                let key = store::key(patterns, "walk");
                let read = |body: &[u8]| DoubleArray::from_bytes(body, patterns.len());
                let build = || DoubleArray::build(patterns).ok_or(());
                match load_or_build(&key, store, read, build) {
                    Ok(array) => Ok(Unfolded(Pending::Walk(array))),
                    // More characters than the map numbers: daachorse's, stored as ever.
                    Err(()) => {
                        let key = store::key(patterns, "charwise");
                        let automaton =
                            load_or_build(&key, store, read_chars, build_chars(patterns))?;
                        done(Automaton::Charwise(automaton))
                    }
                }
            }
        }
    }

    /// The walk over the original text when this matcher folds as it walks (the char-wise
    /// engine's): hits as (pattern, span in `text`, whether folding changed nothing in it).
    /// `None` for the others, which scan text folded beforehand ([`Matcher::matches`]).
    pub(crate) fn walk<'a>(&'a self, text: &'a str) -> Option<Walk<'a>> {
        match &self.automaton {
            Automaton::Folding(automaton) => Some(automaton.walk(text)),
            _ => None,
        }
    }

    /// Every match as (pattern, span), in order of end position.
    ///
    /// An iterator rather than a callback: over daachorse's automata the caller's loop then
    /// keeps its state in registers instead of reloading a closure's captures for every match
    /// (a tenth of the work per hit). The review walks the crate's own automaton with
    /// [`Walk::for_each_hit`] instead, whose loop keeps the walk's state through a run of hits.
    pub(crate) fn matches<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (u32, Span)> + 'a {
        let (mut charwise, mut bytes, mut bytewise, mut walk) = (None, None, None, None);
        match &self.automaton {
            Automaton::Empty => {}
            Automaton::Folding(automaton) => walk = Some(automaton.walk(text)),
            Automaton::Charwise(daac) => charwise = Some(daac.find_overlapping_iter(text)),
            Automaton::ByteArray(daac) => bytes = Some(daac.find_overlapping_iter(text)),
            Automaton::Bytewise(ac) => bytewise = Some(ac.find_overlapping_iter(text)),
        }
        std::iter::from_fn(move || {
            if let Some(it) = &mut walk {
                return it.next().map(|(pattern, span, _)| (pattern, span));
            }
            if let Some(it) = &mut charwise {
                return it.next().map(|m| (m.value(), Span::new(m.start(), m.end())));
            }
            if let Some(it) = &mut bytes {
                return it.next().map(|m| (m.value(), Span::new(m.start(), m.end())));
            }
            let m = bytewise.as_mut()?.next()?;
            Some((m.pattern().as_u32(), Span::new(m.start(), m.end())))
        })
    }
}

/// The matcher's automaton over `array`, walked with the folds of `folder`.
fn folding(array: DoubleArray, folder: &Arc<Folder>) -> Automaton {
    Automaton::Folding(Box::new(FoldingAutomaton::new(array, Arc::clone(folder))))
}

/// The automaton stored under `key` if `read` takes its bytes, else `build`'s, stored.
fn load_or_build<A: Serialised, E>(
    key: &str,
    store: &dyn AutomatonStore,
    read: impl FnOnce(&[u8]) -> Option<A>,
    build: impl FnOnce() -> Result<A, E>,
) -> Result<A, E> {
    let stored = store.load(key);
    if let Some(automaton) = stored.as_deref().and_then(|b| store::unframe(key, b)).and_then(read) {
        return Ok(automaton);
    }
    let automaton = build()?;
    store.store(key, &store::frame(key, &automaton.bytes()));
    Ok(automaton)
}

/// An automaton that can be stored.
trait Serialised {
    fn bytes(&self) -> Vec<u8>;
}

impl Serialised for DoubleArray {
    fn bytes(&self) -> Vec<u8> {
        self.to_bytes()
    }
}

impl Serialised for CharwiseDoubleArrayAhoCorasick<u32> {
    fn bytes(&self) -> Vec<u8> {
        self.serialize()
    }
}

impl Serialised for DoubleArrayAhoCorasick<u32> {
    fn bytes(&self) -> Vec<u8> {
        self.serialize()
    }
}

/// The char-wise automaton over `patterns`, a match reporting the pattern's index.
fn build_chars<'p>(
    patterns: &'p [&'p str],
) -> impl FnOnce() -> Result<CharwiseDoubleArrayAhoCorasick<u32>, String> + 'p {
    move || {
        let values = patterns.iter().enumerate().map(|(i, p)| (*p, i as u32));
        CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(values)
            .map_err(|e| format!("cannot build the pattern automaton: {e}"))
    }
}

/// The byte-wise double array over `patterns`, a match reporting the pattern's index.
fn build_bytes<'p>(
    patterns: &'p [&'p str],
) -> impl FnOnce() -> Result<DoubleArrayAhoCorasick<u32>, String> + 'p {
    move || {
        let values = patterns.iter().enumerate().map(|(i, p)| (*p, i as u32));
        DoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(values)
            .map_err(|e| format!("cannot build the pattern automaton: {e}"))
    }
}

/// The char-wise automaton in `body`, if it holds a whole and valid one.
fn read_chars(body: &[u8]) -> Option<CharwiseDoubleArrayAhoCorasick<u32>> {
    match CharwiseDoubleArrayAhoCorasick::deserialize(body) {
        Ok((daac, [])) => Some(daac),
        _ => None,
    }
}

/// The byte-wise double array in `body`, if it holds a whole and valid one.
fn read_bytes(body: &[u8]) -> Option<DoubleArrayAhoCorasick<u32>> {
    match DoubleArrayAhoCorasick::deserialize(body) {
        Ok((daac, [])) => Some(daac),
        _ => None,
    }
}

/// The walk over `patterns` with nothing to fold, for benchmarks beside daachorse's char-wise
/// automaton (`benches/matcher.rs`).
#[doc(hidden)]
pub struct BareWalk(FoldingAutomaton);

impl BareWalk {
    /// The automaton over distinct, non-empty `patterns`; `None` past what its map numbers.
    pub fn new(patterns: &[&str]) -> Option<BareWalk> {
        let array = DoubleArray::build(patterns)?;
        Some(BareWalk(FoldingAutomaton::new(array, Arc::default())))
    }

    /// The number of overlapping matches in `text`.
    pub fn count(&self, text: &str) -> usize {
        self.0.walk(text).count()
    }
}
