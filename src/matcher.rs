//! The one multi-pattern automaton that finds candidates for every family in one pass.
//!
//! Two engines sit behind [`Matcher`]: daachorse's char-wise double-array Aho–Corasick and the
//! `aho-corasick` crate's byte automata. `benches/matcher.rs` measures them on real Chinese
//! text (BENCHMARKS.md has the figures): the char-wise automaton is the fastest there, most of
//! all with many patterns (a Chinese character is 3 bytes in UTF-8, so a char-wise automaton
//! takes a third of the transitions), so it is the default up to 30,000 patterns. Beyond that
//! its build time grows to seconds (placing each state's children in a window as wide as the
//! alphabet, some thousands of characters) and a byte automaton is chosen instead: the
//! contiguous NFA, or, when the automaton is kept in a store, daachorse's byte-wise double
//! array, which builds about three times faster than the char-wise one (256 labels a window)
//! and can be stored, at the cost of a slower scan.

use crate::span::Span;
use crate::store::{self, AutomatonStore};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind as AcMatchKind};
use daachorse::{
    CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, DoubleArrayAhoCorasick,
    DoubleArrayAhoCorasickBuilder, MatchKind,
};

/// Which automaton the pattern matcher uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatcherEngine {
    /// The char-wise automaton up to 30,000 patterns, the byte automaton beyond: the
    /// double array scans Chinese fastest but takes seconds to build for 100,000 user entries
    /// of random characters, where aho-corasick's contiguous NFA builds in a fraction of that.
    #[default]
    Auto,
    /// daachorse's char-wise double-array automaton (fastest on Chinese text).
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
            Automaton::Charwise(_) => "charwise",
            Automaton::Bytewise(_) => "bytewise",
            Automaton::ByteArray(_) => "byte array",
        };
        f.debug_struct("Matcher").field("engine", &engine).finish()
    }
}

impl Matcher {
    /// Builds a matcher over distinct, non-empty patterns; a match reports the pattern's index.
    pub(crate) fn new(patterns: &[&str], engine: MatcherEngine) -> Result<Matcher, String> {
        if patterns.is_empty() {
            return Ok(Matcher { automaton: Automaton::Empty });
        }
        let engine = match engine {
            MatcherEngine::Auto if patterns.len() > LARGE_SET => MatcherEngine::Bytewise,
            MatcherEngine::Auto => MatcherEngine::Charwise,
            other => other,
        };
        let automaton = match engine {
            MatcherEngine::Auto | MatcherEngine::Charwise => {
                Automaton::Charwise(build_chars(patterns)()?)
            }
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
        Ok(Matcher { automaton })
    }

    /// A matcher as [`Matcher::new`] builds it, read from `store` when it holds the automaton
    /// over the same patterns, else built and stored there. With a store,
    /// [`MatcherEngine::Auto`] is the char-wise automaton up to 30,000 patterns and daachorse's
    /// byte-wise double array beyond (only daachorse's automata can be stored; the byte-wise
    /// one builds a 200,000-entry user dictionary in a third of the char-wise one's time, and
    /// its build is then paid once).
    pub(crate) fn stored(
        patterns: &[&str],
        engine: MatcherEngine,
        store: &dyn AutomatonStore,
    ) -> Result<Matcher, String> {
        match engine {
            _ if patterns.is_empty() => Matcher::new(patterns, engine),
            MatcherEngine::Bytewise => Matcher::new(patterns, engine),
            MatcherEngine::Auto if patterns.len() > LARGE_SET => {
                let key = store::key(patterns, "bytearray");
                let automaton = load_or_build(&key, store, read_bytes, build_bytes(patterns))?;
                Ok(Matcher { automaton: Automaton::ByteArray(automaton) })
            }
            _ => {
                let key = store::key(patterns, "charwise");
                let automaton = load_or_build(&key, store, read_chars, build_chars(patterns))?;
                Ok(Matcher { automaton: Automaton::Charwise(automaton) })
            }
        }
    }

    /// Every match as (pattern, span), in order of end position.
    ///
    /// An iterator rather than a callback: the review's loop over the matches then keeps its
    /// state in registers instead of reloading a closure's captures for every match (a tenth of
    /// the work per hit).
    pub(crate) fn matches<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (u32, Span)> + 'a {
        let (mut charwise, mut bytes, mut bytewise) = (None, None, None);
        match &self.automaton {
            Automaton::Empty => {}
            Automaton::Charwise(daac) => charwise = Some(daac.find_overlapping_iter(text)),
            Automaton::ByteArray(daac) => bytes = Some(daac.find_overlapping_iter(text)),
            Automaton::Bytewise(ac) => bytewise = Some(ac.find_overlapping_iter(text)),
        }
        std::iter::from_fn(move || {
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

/// The automaton stored under `key` if `read` takes its bytes, else `build`'s, stored.
fn load_or_build<A: Serialised>(
    key: &str,
    store: &dyn AutomatonStore,
    read: fn(&[u8]) -> Option<A>,
    build: impl FnOnce() -> Result<A, String>,
) -> Result<A, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn all(patterns: &[&str], text: &str, engine: MatcherEngine) -> Vec<(u32, &'static str)> {
        let m = Matcher::new(patterns, engine).unwrap();
        let mut out = Vec::new();
        for (p, s) in m.matches(text) {
            out.push((p, String::leak(text[s].to_owned()) as &str));
        }
        out.sort();
        out
    }

    /// Name, patterns, haystack, expected (pattern, matched text).
    type Case =
        (&'static str, &'static [&'static str], &'static str, &'static [(u32, &'static str)]);

    #[test]
    fn table() {
        let cases: &[Case] = &[
            ("single", &["布署"], "请布署工作", &[(0, "布署")]),
            (
                "overlapping",
                &["人大常委", "人大常委会", "常委会"],
                "县人大常委会",
                &[(0, "人大常委"), (1, "人大常委会"), (2, "常委会")],
            ),
            ("repeated", &["的的"], "的的的", &[(0, "的的"), (0, "的的")]),
            (
                "mixed scripts",
                &["TMD", "台湾政府"],
                "ok TMD 台湾政府。",
                &[(0, "TMD"), (1, "台湾政府")],
            ),
            ("no match", &["布署"], "部署", &[]),
            ("empty text", &["布署"], "", &[]),
        ];
        for (name, patterns, text, want) in cases {
            for engine in [MatcherEngine::Charwise, MatcherEngine::Bytewise] {
                assert_eq!(all(patterns, text, engine), *want, "{name} with {engine:?}");
            }
        }
    }

    /// A store in memory that counts what it was asked.
    #[derive(Debug, Default)]
    struct Kept {
        bytes: std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>,
        stores: std::sync::atomic::AtomicUsize,
    }

    impl AutomatonStore for Kept {
        fn load(&self, key: &str) -> Option<Vec<u8>> {
            self.bytes.lock().unwrap().get(key).cloned()
        }
        fn store(&self, key: &str, bytes: &[u8]) {
            self.stores.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            self.bytes.lock().unwrap().insert(key.to_owned(), bytes.to_vec());
        }
    }

    fn stored_matches(patterns: &[&str], store: &Kept, text: &str) -> Vec<(u32, Span)> {
        let m = Matcher::stored(patterns, MatcherEngine::Auto, store).unwrap();
        m.matches(text).collect()
    }

    #[test]
    fn a_stored_automaton_is_read_back_and_matches_as_built() {
        let patterns = ["人大常委", "人大常委会", "常委会", "布署"];
        let text = "县人大常委会要布署工作";
        let built = Matcher::new(&patterns, MatcherEngine::Charwise).unwrap();
        let want: Vec<_> = built.matches(text).collect();
        let store = Kept::default();
        assert_eq!(stored_matches(&patterns, &store, text), want);
        assert_eq!(stored_matches(&patterns, &store, text), want);
        assert_eq!(store.stores.load(std::sync::atomic::Ordering::SeqCst), 1, "read, not rebuilt");
        // Other patterns are another automaton.
        assert_eq!(stored_matches(&["布署"], &store, text).len(), 1);
        assert_eq!(store.stores.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[test]
    fn broken_stored_bytes_are_rebuilt_and_replaced() {
        let patterns = ["布署", "做为"];
        let text = "要布署工作，做为表率";
        let want: Vec<_> =
            Matcher::new(&patterns, MatcherEngine::Charwise).unwrap().matches(text).collect();
        let store = Kept::default();
        stored_matches(&patterns, &store, text);
        let key = store::key(&patterns, "charwise");
        let good = store.load(&key).unwrap();
        let breakages: [fn(&mut Vec<u8>); 4] = [
            |b| b.truncate(b.len() / 2),
            |b| *b.last_mut().unwrap() ^= 0x55,
            |b| b.clear(),
            |b| b.extend_from_slice(b"junk"),
        ];
        for (i, breakage) in breakages.iter().enumerate() {
            let mut bytes = good.clone();
            breakage(&mut bytes);
            store.bytes.lock().unwrap().insert(key.clone(), bytes);
            assert_eq!(stored_matches(&patterns, &store, text), want, "breakage {i}");
            assert_eq!(store.load(&key).unwrap(), good, "breakage {i}: stored again");
        }
    }

    #[test]
    fn with_a_store_large_sets_are_a_stored_byte_array() {
        let patterns: Vec<String> = (0..LARGE_SET as u32 + 1)
            .map(|i| format!("{}{}", char::from_u32(0x4e00 + i % 5000).unwrap(), i))
            .collect();
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let store = Kept::default();
        let text = "一0，丁1与一0";
        let want = [(0, Span::new(0, 4)), (1, Span::new(7, 11)), (0, Span::new(14, 18))];
        for _ in 0..2 {
            let m = Matcher::stored(&patterns, MatcherEngine::Auto, &store).unwrap();
            assert!(matches!(m.automaton, Automaton::ByteArray(_)));
            assert_eq!(m.matches(text).collect::<Vec<_>>(), want);
        }
        assert_eq!(store.stores.load(std::sync::atomic::Ordering::SeqCst), 1, "read, not rebuilt");
        // Broken bytes are built again.
        let key = store::key(&patterns, "bytearray");
        let mut bytes = store.load(&key).unwrap();
        bytes.truncate(bytes.len() / 2);
        store.bytes.lock().unwrap().insert(key, bytes);
        let m = Matcher::stored(&patterns, MatcherEngine::Auto, &store).unwrap();
        assert_eq!(m.matches(text).collect::<Vec<_>>(), want);
        assert_eq!(store.stores.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[test]
    fn the_byte_array_matches_as_the_charwise_automaton() {
        let patterns = ["人大常委", "人大常委会", "常委会", "布署", "TMD", "的的"];
        let text = "县人大常委会要布署工作，TMD的的的";
        let chars = Matcher::new(&patterns, MatcherEngine::Charwise).unwrap();
        let bytes = Matcher { automaton: Automaton::ByteArray(build_bytes(&patterns)().unwrap()) };
        let want: Vec<_> = chars.matches(text).collect();
        assert_eq!(want.len(), 7);
        assert_eq!(bytes.matches(text).collect::<Vec<_>>(), want);
    }

    #[test]
    fn no_patterns() {
        assert!(all(&[], "任何文字", MatcherEngine::Charwise).is_empty());
    }
}
