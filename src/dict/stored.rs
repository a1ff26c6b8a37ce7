//! Large user dictionaries kept parsed between runs: a front that starts often hands the builder
//! an [`AutomatonStore`], and a dictionary of the same name and text is then read back in its
//! packed form (`packed.rs`) instead of parsed again. The bytes are keyed and framed as stored
//! automata are (`crate::store`); any that fail a check are ignored and replaced.

use super::{packed, DictError, Dictionary};
use crate::store::{self, AutomatonStore};

/// Dictionaries shorter than this are parsed at every start: it costs less than reading a file.
const STORED_FROM: usize = 256 << 10;

/// The dictionary `text` holds (`name` names it in errors and origins), read from `store` when
/// it is large and kept there, else parsed and, when large, stored.
pub(crate) fn parse(
    name: &str,
    text: &str,
    store: Option<&dyn AutomatonStore>,
) -> Result<Dictionary, DictError> {
    let Some(store) = store.filter(|_| text.len() >= STORED_FROM) else {
        return Dictionary::parse(name, text);
    };
    let key = store::key(&[name, text], "dictionary");
    let kept = store.load(&key);
    if let Some(dict) = kept.as_deref().and_then(|b| store::unframe(&key, b)).and_then(unpack) {
        return Ok(dict);
    }
    let dict = Dictionary::parse(name, text)?;
    store.store(&key, &store::frame(&key, &packed::pack(&dict)));
    Ok(dict)
}

/// A stored dictionary read back, its strings validated with vector instructions (a
/// 200,000-entry dictionary's are 3 MB: the standard library's check took 40 M instructions).
fn unpack(bytes: &[u8]) -> Option<Dictionary> {
    let (pool, rest) = packed::split(bytes)?;
    packed::unpack_parts(simdutf8::basic::from_utf8(pool).ok()?, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;

    /// A store in memory that counts what it was asked.
    #[derive(Debug, Default)]
    struct Kept {
        bytes: Mutex<Vec<(String, Vec<u8>)>>,
        stores: AtomicUsize,
    }

    impl AutomatonStore for Kept {
        fn load(&self, key: &str) -> Option<Vec<u8>> {
            let kept = self.bytes.lock().unwrap();
            kept.iter().find(|(k, _)| k == key).map(|(_, b)| b.clone())
        }
        fn store(&self, key: &str, bytes: &[u8]) {
            self.stores.fetch_add(1, Ordering::SeqCst);
            let mut kept = self.bytes.lock().unwrap();
            kept.retain(|(k, _)| k != key);
            kept.push((key.to_owned(), bytes.to_vec()));
        }
    }

    fn large() -> String {
        let mut text = String::from("!family sensitive\n!category user\n");
        for i in 0..30_000 {
            text.push_str(&format!("县情{i}号\t-\tnote=第{i}条\n"));
        }
        assert!(text.len() >= STORED_FROM);
        text
    }

    #[test]
    fn a_large_dictionary_is_parsed_once_then_read_back() {
        let (store, text) = (Kept::default(), large());
        let parsed = Dictionary::parse("县情.tsv", &text).unwrap();
        assert_eq!(parse("县情.tsv", &text, Some(&store)).unwrap(), parsed);
        assert_eq!(store.stores.load(Ordering::SeqCst), 1);
        assert_eq!(parse("县情.tsv", &text, Some(&store)).unwrap(), parsed);
        assert_eq!(store.stores.load(Ordering::SeqCst), 1, "read back, not stored again");
        // Another name is another dictionary: its origins name it.
        let other = parse("其他.tsv", &text, Some(&store)).unwrap();
        assert_eq!(&*other.entries[0].origin.file, "其他.tsv");
        assert_eq!(store.stores.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn stored_strings_that_are_not_utf8_are_refused() {
        let dict = Dictionary::parse("u.tsv", "!family typo\n布署\t部署\n").unwrap();
        let bytes = packed::pack(&dict);
        assert_eq!(unpack(&bytes), Some(dict));
        // The strings come right after their length (one byte here): cut a character in two.
        let mut broken = bytes.clone();
        broken[2] = 0xff;
        assert_eq!(unpack(&broken), None);
        assert_eq!(unpack(&[]), None);
    }

    #[test]
    fn broken_bytes_are_parsed_again_and_replaced() {
        let (store, text) = (Kept::default(), large());
        let parsed = parse("县情.tsv", &text, Some(&store)).unwrap();
        for (_, bytes) in store.bytes.lock().unwrap().iter_mut() {
            let last = bytes.len() - 1;
            bytes[last] ^= 1;
        }
        assert_eq!(parse("县情.tsv", &text, Some(&store)).unwrap(), parsed);
        assert_eq!(store.stores.load(Ordering::SeqCst), 2, "replaced");
    }

    #[test]
    fn small_or_malformed_dictionaries_are_not_stored() {
        let store = Kept::default();
        assert!(parse("小.tsv", "!family typo\n布署\t部署\n", Some(&store)).is_ok());
        let bad = format!("{}布署\n", large());
        let err = parse("坏.tsv", &bad, Some(&store)).unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("坏.tsv", 30_003));
        assert_eq!(store.stores.load(Ordering::SeqCst), 0);
    }
}
