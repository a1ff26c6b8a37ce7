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

/// Whether `origin` is a line of the shipped dictionaries (the very files
/// [`Dictionary::builtin`] read, not a user file of the same name).
pub(crate) fn is_shipped(origin: &Origin) -> bool {
    static FILES: LazyLock<Vec<Arc<str>>> = LazyLock::new(|| {
        let mut files: Vec<Arc<str>> =
            Dictionary::builtin().entries.iter().map(|e| e.origin.file.clone()).collect();
        files.dedup_by(|a, b| Arc::ptr_eq(a, b));
        files
    });
    FILES.iter().any(|f| Arc::ptr_eq(f, &origin.file))
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
    fn the_shipped_entries_read_again_are_shipped() {
        let again = Dictionary::builtin_entries();
        assert_eq!(again, Dictionary::builtin().entries);
        assert!(again.iter().all(|e| is_shipped(&e.origin)));
    }
}
