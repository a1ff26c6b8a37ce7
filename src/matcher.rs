//! The one multi-pattern automaton that finds candidates for every family in one pass.
//!
//! Two engines sit behind [`Matcher`]: daachorse's char-wise double-array Aho–Corasick and the
//! `aho-corasick` crate's byte automata. `benches/matcher.rs` measures them on real Chinese
//! text (BENCHMARKS.md has the figures): the char-wise automaton is the fastest there, most of
//! all with many patterns (a Chinese character is 3 bytes in UTF-8, so a char-wise automaton
//! takes a third of the transitions), so it is the default up to 30,000 patterns. Beyond that
//! its build time grows to seconds and the contiguous NFA is chosen instead.

use crate::span::Span;
use crate::store::{self, AutomatonStore};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind as AcMatchKind};
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

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
                let values = patterns.iter().enumerate().map(|(i, p)| (*p, i as u32));
                let daac = CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build_with_values(values)
                    .map_err(|e| format!("cannot build the pattern automaton: {e}"))?;
                Automaton::Charwise(daac)
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
    /// over the same patterns, else built and stored there. With a store, [`MatcherEngine::Auto`]
    /// is the char-wise automaton at any size: only it can be stored, and its build, slow for
    /// large sets, is then paid once.
    pub(crate) fn stored(
        patterns: &[&str],
        engine: MatcherEngine,
        store: &dyn AutomatonStore,
    ) -> Result<Matcher, String> {
        if patterns.is_empty() || engine == MatcherEngine::Bytewise {
            return Matcher::new(patterns, engine);
        }
        let key = store::key(patterns, "charwise");
        if let Some(daac) = store.load(&key).and_then(|bytes| read(&key, &bytes)) {
            return Ok(Matcher { automaton: Automaton::Charwise(daac) });
        }
        let matcher = Matcher::new(patterns, MatcherEngine::Charwise)?;
        if let Automaton::Charwise(daac) = &matcher.automaton {
            store.store(&key, &store::frame(&key, &daac.serialize()));
        }
        Ok(matcher)
    }

    /// Every match as (pattern, span), in order of end position.
    ///
    /// An iterator rather than a callback: the review's loop over the matches then keeps its
    /// state in registers instead of reloading a closure's captures for every match (a tenth of
    /// the work per hit).
    pub(crate) fn matches<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (u32, Span)> + 'a {
        let (mut charwise, mut bytewise) = match &self.automaton {
            Automaton::Empty => (None, None),
            Automaton::Charwise(daac) => (Some(daac.find_overlapping_iter(text)), None),
            Automaton::Bytewise(ac) => (None, Some(ac.find_overlapping_iter(text))),
        };
        std::iter::from_fn(move || {
            if let Some(it) = &mut charwise {
                return it.next().map(|m| (m.value(), Span::new(m.start(), m.end())));
            }
            let m = bytewise.as_mut()?.next()?;
            Some((m.pattern().as_u32(), Span::new(m.start(), m.end())))
        })
    }
}

/// The char-wise automaton framed under `key` in `bytes`, if they hold a whole and valid one.
fn read(key: &str, bytes: &[u8]) -> Option<CharwiseDoubleArrayAhoCorasick<u32>> {
    let body = store::unframe(key, bytes)?;
    match CharwiseDoubleArrayAhoCorasick::deserialize(body) {
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
    fn with_a_store_large_sets_are_charwise() {
        let patterns: Vec<String> = (0..LARGE_SET as u32 + 1)
            .map(|i| format!("{}{}", char::from_u32(0x4e00 + i % 5000).unwrap(), i))
            .collect();
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let m = Matcher::stored(&patterns, MatcherEngine::Auto, &Kept::default()).unwrap();
        assert!(matches!(m.automaton, Automaton::Charwise(_)));
        assert_eq!(m.matches("一0").count(), 1);
    }

    #[test]
    fn no_patterns() {
        assert!(all(&[], "任何文字", MatcherEngine::Charwise).is_empty());
    }
}
