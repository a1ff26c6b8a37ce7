//! Dictionaries: the entry types, the one parser for built-in and user files, and the embedded
//! defaults. The format is described in `dictionaries/README.md`.

mod builtin;
mod columns;
pub(crate) mod cycles;
mod error;
mod family;
mod packed;
mod parse;
mod records;
pub(crate) mod stored;

pub use error::{DictError, DictErrorKind};
pub use records::{
    Confusable, Dictionary, Entry, EntryKind, InstitutionRule, Origin, RosterRow, SegmentWord,
    TitleAlias,
};

use std::sync::{Arc, LazyLock};

impl Dictionary {
    /// The dictionaries shipped with the crate, as `build.rs` parsed them (packed at compile
    /// time, unpacked at the first use).
    pub fn builtin() -> &'static Dictionary {
        static BUILTIN: LazyLock<Dictionary> = LazyLock::new(|| {
            shipped().dictionary().expect("the packed shipped dictionaries read back")
        });
        &BUILTIN
    }

    /// The shipped entries, read again from their packed form: equal to
    /// [`builtin`](Self::builtin)'s, their origins naming the same files (`Arc`s), but owned,
    /// for a build to move into its linter where copying them would cost more.
    pub(crate) fn builtin_entries() -> Vec<Entry> {
        shipped().entries().expect("the packed shipped entries read back")
    }

    /// Whether no two shipped entries share their kind and pattern (so that merging them
    /// replaces none), as `build.rs` found.
    pub(crate) fn builtin_entries_distinct() -> bool {
        builtin::DISTINCT
    }

    /// The shipped dictionaries but their entries (left empty), unpacked once: what a build
    /// reads besides the entries it reads again for itself ([`builtin_entries`]), so that a
    /// start unpacks the shipped entries once, not twice. The entries are stepped over by
    /// their extent, which `build.rs` records: stepping through them cost 1.6 M instructions.
    ///
    /// [`builtin_entries`]: Self::builtin_entries
    pub(crate) fn builtin_besides_entries() -> &'static Dictionary {
        static BESIDES: LazyLock<Dictionary> = LazyLock::new(|| {
            let shipped = shipped().besides_entries_at(builtin::ENTRIES_EXTENT);
            shipped.expect("the packed shipped dictionaries read back")
        });
        &BESIDES
    }

    /// The categories of the shipped entries, sorted, as `build.rs` gathered them: known
    /// without unpacking the dictionaries.
    pub(crate) fn builtin_categories() -> &'static [&'static str] {
        builtin::CATEGORIES
    }

    /// The names and texts of the shipped dictionary files.
    pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
        builtin::FILES
    }
}

/// The shipped dictionaries' table of files, read once.
fn shipped() -> &'static packed::Header<'static> {
    // Written by the build from the shipped files, which it refuses when malformed: a failure
    // here is a bug in the crate, not bad input.
    static HEADER: LazyLock<packed::Header<'static>> = LazyLock::new(|| {
        packed::Header::read(builtin::POOL, builtin::PACKED)
            .expect("the packed shipped dictionaries read back")
    });
    &HEADER
}

/// Whether `origin` is a line of the files of the shipped entries (the very files
/// [`Dictionary::builtin`] read, not a user file of the same name).
pub(crate) fn is_shipped(origin: &Origin) -> bool {
    shipped_entry_files().iter().any(|f| Arc::ptr_eq(f, &origin.file))
}

/// The files the shipped entries name: the first of the packed table (see `build.rs`).
fn shipped_entry_files() -> &'static [Arc<str>] {
    &shipped().files()[..builtin::ENTRY_FILES]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_categories_are_those_of_the_shipped_entries() {
        let entries = Dictionary::builtin().entries.iter();
        let mut all: Vec<&str> = entries.filter_map(|e| e.category.as_deref()).collect();
        all.sort_unstable();
        all.dedup();
        assert!(all.contains(&crate::ABUSE_CATEGORY));
        assert_eq!(Dictionary::builtin_categories(), all);
    }

    #[test]
    fn the_shipped_entries_are_known_distinct_as_they_are() {
        let entries = &Dictionary::builtin().entries;
        let keys: std::collections::HashSet<_> =
            entries.iter().map(|e| (e.kind, e.pattern.as_str())).collect();
        assert_eq!(Dictionary::builtin_entries_distinct(), keys.len() == entries.len());
    }

    #[test]
    fn the_shipped_entries_read_again_are_shipped() {
        let again = Dictionary::builtin_entries();
        assert_eq!(again, Dictionary::builtin().entries);
        assert!(again.iter().all(|e| is_shipped(&e.origin)));
        let user = Dictionary::parse("typo.tsv", "!family typo\n布署\t部署\n").unwrap();
        assert!(!is_shipped(&user.entries[0].origin), "a user file named as a shipped one");
    }

    #[test]
    fn the_shipped_entry_files_are_those_the_entries_name() {
        let mut named: Vec<Arc<str>> =
            Dictionary::builtin().entries.iter().map(|e| e.origin.file.clone()).collect();
        named.dedup_by(|a, b| Arc::ptr_eq(a, b));
        let listed = shipped_entry_files();
        assert_eq!(named.len(), listed.len(), "{listed:?}");
        assert!(named.iter().zip(listed).all(|(a, b)| Arc::ptr_eq(a, b)));
        // Other lines' files are not the entries': an institution rule is no shipped entry.
        let institution = &Dictionary::builtin_besides_entries().institutions[0].origin;
        assert!(!is_shipped(institution));
    }

    #[test]
    fn the_shipped_dictionaries_besides_entries_are_the_rest_of_the_whole() {
        let besides = Dictionary::builtin_besides_entries();
        assert!(besides.entries.is_empty() && !besides.roster.is_empty());
        let whole = Dictionary::builtin();
        assert_eq!(besides, &Dictionary { entries: Vec::new(), ..whole.clone() });
        let files = shipped().files();
        let origins =
            besides.roster.iter().map(|r| &r.origin).chain(besides.words.iter().map(|w| &w.origin));
        assert!(origins.into_iter().all(|o| files.iter().any(|f| Arc::ptr_eq(f, &o.file))));
    }
}
