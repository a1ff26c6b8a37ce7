//! The shipped pattern automaton, built with the package (`build.rs`) and embedded: handed to
//! the builder as an [`AutomatonStore`], it is read back at load instead of constructed in the
//! page. The library checks the key (the patterns and the crate's version) and the checksum;
//! bytes that do not fit are ignored and the automaton is built as without them.

use sanshen::AutomatonStore;
use std::sync::atomic::{AtomicBool, Ordering};

/// The key the automaton was stored under when the package was built.
const KEY: &str = include_str!(concat!(env!("OUT_DIR"), "/automaton.key"));
/// The automaton, framed by the library.
static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/automaton.bin"));

/// Set when a builder constructed an automaton itself: the embedded one did not fit.
static BUILT_AT_LOAD: AtomicBool = AtomicBool::new(false);

/// Whether a linter of this module had to construct its pattern automaton at load.
pub(crate) fn built_at_load() -> bool {
    BUILT_AT_LOAD.load(Ordering::Relaxed)
}

/// Gives the embedded automaton for its own key; keeps nothing, but notes that it was offered
/// one (the builder offers only what it had to construct).
#[derive(Debug)]
pub(crate) struct Prebuilt;

impl AutomatonStore for Prebuilt {
    fn load(&self, key: &str) -> Option<Vec<u8>> {
        (key == KEY).then(|| BYTES.to_vec())
    }

    fn store(&self, _key: &str, _bytes: &[u8]) {
        BUILT_AT_LOAD.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sanshen::{Linter, LinterBuilder};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    /// [`Prebuilt`], watched: the keys asked for and the automata the builder had to store
    /// because it built them.
    #[derive(Debug, Default)]
    struct Watched {
        asked: Mutex<Vec<String>>,
        built: AtomicUsize,
    }

    impl AutomatonStore for Watched {
        fn load(&self, key: &str) -> Option<Vec<u8>> {
            self.asked.lock().unwrap().push(key.to_owned());
            Prebuilt.load(key)
        }

        fn store(&self, _key: &str, _bytes: &[u8]) {
            self.built.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn the_shipped_automaton_is_read_not_built() {
        let watched = Arc::new(Watched::default());
        let linter = LinterBuilder::new().automaton_store(watched.clone()).build().unwrap();
        assert_eq!(*watched.asked.lock().unwrap(), [KEY]);
        assert_eq!(watched.built.load(Ordering::SeqCst), 0, "the embedded bytes were refused");
        let text = "各单位要再接再励，认真布署，国办秘函[2019]19号。";
        let found = linter.check(text);
        assert!(found.len() >= 3, "{found:?}");
        assert_eq!(found, Linter::new().check(text));
        LinterBuilder::new().automaton_store(Arc::new(Prebuilt)).build().unwrap();
        assert!(!built_at_load());
    }

    #[test]
    fn other_patterns_get_nothing() {
        assert_eq!(Prebuilt.load("0123456789abcdef0123456789abcdef"), None);
        assert_eq!(Prebuilt.load(&KEY[1..]), None);
    }
}
