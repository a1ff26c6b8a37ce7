//! The Python strings of one call, each distinct string made once.
//!
//! Most strings of a record are short (a rule id, the matched text, a suggestion: a few
//! characters), and a lookup that found its key behind a pointer read memory nothing else had
//! touched: short keys are kept inside the table itself.

use pyo3::prelude::*;
use pyo3::types::PyString;
use rustc_hash::FxHashMap;
use std::borrow::Borrow;
use std::hash::{Hash, Hasher};

/// Bytes a key holds in place.
const INLINE: usize = 22;

/// A string's UTF-8, in place when short.
#[derive(Clone)]
enum Key {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<[u8]>),
}

impl Key {
    fn new(s: &[u8]) -> Key {
        match u8::try_from(s.len()) {
            Ok(len) if s.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..s.len()].copy_from_slice(s);
                Key::Inline { len, bytes }
            }
            _ => Key::Heap(s.into()),
        }
    }
}

impl Borrow<[u8]> for Key {
    fn borrow(&self) -> &[u8] {
        match self {
            Key::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Key::Heap(bytes) => bytes,
        }
    }
}

// Hashed and compared as the bytes they hold, as `Borrow` requires.
impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        Borrow::<[u8]>::borrow(self).hash(state);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        Borrow::<[u8]>::borrow(self) == Borrow::<[u8]>::borrow(other)
    }
}

impl Eq for Key {}

/// The strings made so far in a call.
#[derive(Default)]
pub(crate) struct Strings<'py> {
    made: FxHashMap<Key, Bound<'py, PyString>>,
}

impl<'py> Strings<'py> {
    /// The one Python string of `s` in this call.
    pub(crate) fn get(&mut self, py: Python<'py>, s: &str) -> Bound<'py, PyString> {
        if let Some(made) = self.made.get(s.as_bytes()) {
            return made.clone();
        }
        let made = PyString::new(py, s);
        self.made.insert(Key::new(s.as_bytes()), made.clone());
        made
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;

    fn hash<T: Hash + ?Sized>(t: &T) -> u64 {
        let mut h = DefaultHasher::new();
        t.hash(&mut h);
        h.finish()
    }

    #[test]
    fn keys_hash_and_compare_as_their_bytes() {
        for s in ["", "布署", "1234567890123456789012", "12345678901234567890123", &"长".repeat(40)]
        {
            let key = Key::new(s.as_bytes());
            assert_eq!(Borrow::<[u8]>::borrow(&key), s.as_bytes());
            assert_eq!(hash(&key), hash(s.as_bytes()), "{s}");
        }
        assert!(matches!(Key::new(&[b'a'; INLINE]), Key::Inline { .. }));
        assert!(matches!(Key::new(&[b'a'; INLINE + 1]), Key::Heap(_)));
        assert!(Key::new(b"ab") != Key::new(b"abc"));
    }
}
