//! How an evasion match differs from the entry as written.

use super::{Fold, FoldKind, Folder};

/// How an evasion match differs from the entry as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FoldReport {
    pub(crate) kinds: Vec<FoldKind>,
    pub(crate) noise: usize,
    /// The longest run of noise between two characters of the entry.
    pub(crate) longest_gap: usize,
}

impl Folder {
    /// Describes how `original` (a matched span) differs from `pattern`, the entry as written:
    /// which folds made a character differ, and the noise skipped.
    pub(crate) fn describe(&self, original: &str, pattern: &str) -> FoldReport {
        let mut e = FoldReport::default();
        let mut gap = 0;
        let mut written = pattern.chars().filter(|&c| self.fold(c) != Fold::Noise);
        for c in original.chars() {
            let fold = self.fold(c);
            if fold == Fold::Noise {
                e.noise += 1;
                gap += 1;
                e.longest_gap = e.longest_gap.max(gap);
                continue;
            }
            gap = 0;
            if written.next() == Some(c) {
                continue;
            }
            let kind = match fold {
                Fold::Map(_, kind) => Some(kind),
                // 'tmd' for the entry 'TMD': the text is the folded form already.
                _ if c.is_ascii_alphabetic() => Some(FoldKind::Case),
                _ => None,
            };
            if let Some(kind) = kind.filter(|k| !e.kinds.contains(k)) {
                e.kinds.push(kind);
            }
        }
        e.kinds.sort();
        e
    }
}
