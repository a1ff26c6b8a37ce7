//! The engines on small tables, and the stored automata.

use super::*;

fn all(patterns: &[&str], text: &str, engine: MatcherEngine) -> Vec<(u32, &'static str)> {
    let m = Matcher::new(patterns, engine, &Arc::default()).unwrap();
    let mut out = Vec::new();
    for (p, s) in m.matches(text) {
        out.push((p, String::leak(text[s].to_owned()) as &str));
    }
    out.sort();
    out
}

/// Name, patterns, haystack, expected (pattern, matched text).
type Case = (&'static str, &'static [&'static str], &'static str, &'static [(u32, &'static str)]);

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
    let m = Matcher::stored(patterns, MatcherEngine::Auto, store, &Arc::default()).unwrap();
    m.matches(text).collect()
}

#[test]
fn a_stored_automaton_is_read_back_and_matches_as_built() {
    let patterns = ["人大常委", "人大常委会", "常委会", "布署"];
    let text = "县人大常委会要布署工作";
    let built = Matcher::new(&patterns, MatcherEngine::Charwise, &Arc::default()).unwrap();
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
    let want: Vec<_> = Matcher::new(&patterns, MatcherEngine::Charwise, &Arc::default())
        .unwrap()
        .matches(text)
        .collect();
    let store = Kept::default();
    stored_matches(&patterns, &store, text);
    let key = store::key(&patterns, "walk");
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
        let m = Matcher::stored(&patterns, MatcherEngine::Auto, &store, &Arc::default()).unwrap();
        assert!(matches!(m.automaton, Automaton::ByteArray(_)));
        assert_eq!(m.matches(text).collect::<Vec<_>>(), want);
    }
    assert_eq!(store.stores.load(std::sync::atomic::Ordering::SeqCst), 1, "read, not rebuilt");
    // Broken bytes are built again.
    let key = store::key(&patterns, "bytearray");
    let mut bytes = store.load(&key).unwrap();
    bytes.truncate(bytes.len() / 2);
    store.bytes.lock().unwrap().insert(key, bytes);
    let m = Matcher::stored(&patterns, MatcherEngine::Auto, &store, &Arc::default()).unwrap();
    assert_eq!(m.matches(text).collect::<Vec<_>>(), want);
    assert_eq!(store.stores.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[test]
fn the_byte_array_matches_as_the_charwise_automaton() {
    let patterns = ["人大常委", "人大常委会", "常委会", "布署", "TMD", "的的"];
    let text = "县人大常委会要布署工作，TMD的的的";
    let chars = Matcher::new(&patterns, MatcherEngine::Charwise, &Arc::default()).unwrap();
    let bytes = Matcher { automaton: Automaton::ByteArray(build_bytes(&patterns)().unwrap()) };
    let want: Vec<_> = chars.matches(text).collect();
    assert_eq!(want.len(), 7);
    assert_eq!(bytes.matches(text).collect::<Vec<_>>(), want);
}

#[test]
fn no_patterns() {
    assert!(all(&[], "任何文字", MatcherEngine::Charwise).is_empty());
}

/// Bodies of a stored walk automaton broken in every way a framing check would miss (they are
/// checked again when read): each is refused or read as an automaton whose walk stays in range
/// and ends, never a panic.
#[test]
fn broken_walk_bodies_are_refused_or_walk_safely() {
    let patterns = ["人大常委", "人大常委会", "常委会", "布署", "TMD", "的的", "𠀀"];
    let good = DoubleArray::build(&patterns).unwrap().to_bytes();
    let text = "县人大常委会要布署工作，TMD的的的𠀀";
    let check = |bytes: &[u8]| {
        if let Some(array) = DoubleArray::from_bytes(bytes, patterns.len()) {
            let automaton = FoldingAutomaton::new(array, Arc::default());
            for (p, span, _) in automaton.walk(text) {
                assert!((p as usize) < patterns.len());
                assert!(span.start <= span.end && text.get(span.start..span.end).is_some());
            }
        }
    };
    assert!(DoubleArray::from_bytes(&good, patterns.len()).is_some());
    assert!(DoubleArray::from_bytes(&good, patterns.len() + 1).is_none(), "another pattern count");
    for len in 0..good.len() {
        assert!(DoubleArray::from_bytes(&good[..len], patterns.len()).is_none(), "cut at {len}");
    }
    for at in 0..good.len() {
        for flip in [0x01, 0x80, 0xFF] {
            let mut bytes = good.clone();
            bytes[at] ^= flip;
            check(&bytes);
        }
    }
    // Words set to values that point elsewhere: small, at the edges, out of range.
    for at in (12..good.len()).step_by(4) {
        for value in [0u32, 1, 2, 3, 7, u32::MAX, u32::MAX - 1, 0x7FFF_FFFF] {
            let mut bytes = good.clone();
            bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
            check(&bytes);
        }
    }
}

#[test]
fn a_walk_automaton_under_another_key_is_not_read() {
    let store = Kept::default();
    let (these, those) = (["布署", "做为"], ["部署", "作为"]);
    stored_matches(&these, &store, "布署");
    // The other set's key holds the first set's automaton: framed under another key, refused.
    let body = store.load(&store::key(&these, "walk")).unwrap();
    store.bytes.lock().unwrap().insert(store::key(&those, "walk"), body);
    assert_eq!(stored_matches(&those, &store, "要部署，作为表率").len(), 2);
    assert_eq!(store.stores.load(std::sync::atomic::Ordering::SeqCst), 2, "rebuilt");
}

#[test]
fn the_walk_engine_is_the_default_up_to_the_characters_its_map_numbers() {
    let m = Matcher::new(&["布署"], MatcherEngine::Auto, &Arc::default()).unwrap();
    assert!(matches!(m.automaton, Automaton::Folding(_)));
    assert_eq!(m.walk("要布署").map(|w| w.count()), Some(1));
    // Past the map, the char-wise engine is daachorse's (over folded text, no walk).
    let many: String = (0..double_array::MAX_CODES as u32 + 10)
        .filter_map(|i| char::from_u32(0x4E00 + i))
        .collect();
    assert!(DoubleArray::build(&[many.as_str()]).is_none());
    let m = Matcher::new(&[many.as_str()], MatcherEngine::Charwise, &Arc::default()).unwrap();
    assert!(matches!(m.automaton, Automaton::Charwise(_)));
    assert!(m.walk(&many).is_none());
    assert_eq!(m.matches(&many).count(), 1);
}

#[test]
fn a_stored_base_past_the_slots_is_refused() {
    // The walk masks a slot's index instead of testing it, which holds only while every base
    // plus every code stays within the padding: a base past the slots is refused.
    let patterns = ["人大常委", "布署"];
    let good = DoubleArray::build(&patterns).unwrap().to_bytes();
    let word = |at: usize| u32::from_le_bytes(good[at..at + 4].try_into().unwrap());
    let (slots, chars) = (word(0), word(8) as usize);
    let (bases, checks) = (16 + 4 * chars, 16 + 4 * chars + 4 * slots as usize);
    let parent = |t: u32| word(checks + 4 * t as usize);
    // A state without children, whose base nothing follows.
    let leaf = (1..slots).find(|&t| parent(t) != u32::MAX && (1..slots).all(|u| parent(u) != t));
    let at = bases + 4 * leaf.unwrap() as usize;
    for (base, read) in [(slots - 1, true), (slots, false), (u32::MAX, false)] {
        let mut bytes = good.clone();
        bytes[at..at + 4].copy_from_slice(&base.to_le_bytes());
        let array = DoubleArray::from_bytes(&bytes, patterns.len());
        assert_eq!(array.is_some(), read, "base {base} of {slots} slots");
    }
}

/// A read automaton is the built one, slot for slot, and neither was copied to pad it: its
/// vectors were made at their final length (a grown vector has room to spare).
#[test]
fn a_read_automaton_is_the_built_one_made_at_its_final_length() {
    let mut rng = crate::test_rng::Rng::new(25);
    let alphabet: Vec<char> = "人大常委会布署的TMD𠀀a政府".chars().collect();
    for round in 0..200 {
        let mut patterns: Vec<String> = (0..1 + rng.below(60))
            .map(|_| (0..1 + rng.below(6)).map(|_| *rng.pick(&alphabet)).collect())
            .collect();
        patterns.sort();
        patterns.dedup();
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let built = DoubleArray::build(&patterns).unwrap();
        let read = DoubleArray::from_bytes(&built.to_bytes(), patterns.len()).unwrap();
        for array in [&built, &read] {
            assert_eq!(array.nodes.capacity(), array.nodes.len(), "round {round}: nodes");
            assert_eq!(array.fails.capacity(), array.fails.len(), "round {round}: fails");
            assert_eq!(array.nodes.len(), array.mask + 1, "round {round}");
        }
        let nodes = |a: &DoubleArray| a.nodes.iter().map(|n| (n.base, n.check)).collect::<Vec<_>>();
        let outputs = |a: &DoubleArray| {
            a.outputs.iter().map(|o| (o.pattern, o.len, o.next)).collect::<Vec<_>>()
        };
        assert_eq!(nodes(&read), nodes(&built), "round {round}");
        assert_eq!(read.fails, built.fails, "round {round}");
        assert_eq!(read.outs, built.outs, "round {round}");
        assert_eq!(outputs(&read), outputs(&built), "round {round}");
        assert_eq!((read.chars.clone(), read.longest), (built.chars.clone(), built.longest));
    }
}
