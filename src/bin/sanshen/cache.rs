//! Built pattern automata kept as files between runs, in the platform's cache directory
//! (`$SANSHEN_CACHE_DIR`, else `$XDG_CACHE_HOME/sanshen`, `~/.cache/sanshen`,
//! `~/Library/Caches/sanshen` on macOS, `%LOCALAPPDATA%\sanshen\cache` on Windows).
//!
//! The library names and checks the bytes (`sanshen::AutomatonStore`); this store only reads
//! and writes them. A file is written whole to a temporary file beside it and renamed into
//! place, so processes starting at the same time each read a whole file, the old or the new,
//! and the last rename wins with the same bytes. Every failure is silent: without the cache,
//! the automaton is built as before.

use sanshen::AutomatonStore;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files named `<key>.ac` in one folder.
#[derive(Debug)]
pub(crate) struct FileStore {
    dir: PathBuf,
}

impl FileStore {
    /// The store in `dir` (made when first written to).
    pub(crate) fn new(dir: impl Into<PathBuf>) -> FileStore {
        FileStore { dir: dir.into() }
    }

    /// The store in the platform's cache directory, if there is one. An empty
    /// `SANSHEN_CACHE_DIR` turns the cache off.
    pub(crate) fn platform() -> Option<FileStore> {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        if let Some(dir) = std::env::var_os("SANSHEN_CACHE_DIR") {
            return (!dir.is_empty()).then(|| FileStore::new(dir));
        }
        let dir = if cfg!(windows) {
            var("LOCALAPPDATA").map(|d| d.join("sanshen").join("cache"))
        } else if cfg!(target_os = "macos") {
            var("HOME").map(|d| d.join("Library/Caches/sanshen"))
        } else {
            var("XDG_CACHE_HOME")
                .filter(|d| d.is_absolute())
                .or_else(|| var("HOME").map(|h| h.join(".cache")))
                .map(|d| d.join("sanshen"))
        };
        dir.map(FileStore::new)
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.ac"))
    }

    /// Writes `bytes` to a new temporary file in the folder and renames it over `path`.
    fn replace(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut file = tempfile::Builder::new().prefix(".ac-").tempfile_in(&self.dir)?;
        // Not synced to disk: a file cut short by a crash fails its checksum and is rebuilt.
        file.write_all(bytes)?;
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl AutomatonStore for FileStore {
    fn load(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(key)).ok()
    }

    fn store(&self, key: &str, bytes: &[u8]) {
        // A cache that cannot be written (a read-only home, a full disk) costs a build next time.
        let _ = self.replace(&self.path(key), bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sanshen::LinterBuilder;
    use std::sync::Arc;

    const USER: &str = "!family typo\n青神县政付\t青神县政府\n";
    const TEXT: &str = "青神县政付发布通知，请布署工作";

    fn linter(dir: &Path, user: &str) -> sanshen::Linter {
        let mut b = LinterBuilder::new();
        b.add_dictionary("县情.tsv", user).unwrap();
        b.automaton_store(Arc::new(FileStore::new(dir)));
        b.build().unwrap()
    }

    fn stored(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    }

    fn plain_findings(user: &str) -> Vec<sanshen::Finding> {
        let mut b = LinterBuilder::new();
        b.add_dictionary("县情.tsv", user).unwrap();
        b.build().unwrap().check(TEXT)
    }

    #[test]
    fn a_second_start_reads_what_the_first_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let first = linter(dir.path(), USER).check(TEXT);
        let files = stored(dir.path());
        assert_eq!(files.len(), 1, "{files:?}");
        let written = std::fs::metadata(&files[0]).unwrap().modified().unwrap();
        let second = linter(dir.path(), USER).check(TEXT);
        assert_eq!(first, second);
        assert_eq!(first, plain_findings(USER));
        assert_eq!(stored(dir.path()), files, "no other file, no temporary file left");
        let read = std::fs::metadata(&files[0]).unwrap().modified().unwrap();
        assert_eq!(written, read, "read, not written again");
    }

    #[test]
    fn another_dictionary_is_another_file() {
        let dir = tempfile::tempdir().unwrap();
        linter(dir.path(), USER);
        let other = format!("{USER}县政付办\t县政府办\n");
        let findings = linter(dir.path(), &other).check(TEXT);
        assert_eq!(stored(dir.path()).len(), 2);
        assert_eq!(findings, plain_findings(&other));
    }

    #[test]
    fn a_corrupt_file_is_rebuilt_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let want = linter(dir.path(), USER).check(TEXT);
        let file = stored(dir.path()).remove(0);
        let good = std::fs::read(&file).unwrap();
        let mut flipped = good.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x20;
        for broken in [flipped, good[..good.len() / 3].to_vec(), b"not an automaton".to_vec()] {
            std::fs::write(&file, &broken).unwrap();
            assert_eq!(linter(dir.path(), USER).check(TEXT), want);
            assert!(std::fs::read(&file).unwrap() == good, "written again");
        }
    }

    #[test]
    fn concurrent_writers_leave_one_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let want = plain_findings(USER);
        std::thread::scope(|s| {
            let runs: Vec<_> =
                (0..4).map(|_| s.spawn(|| linter(dir.path(), USER).check(TEXT))).collect();
            for run in runs {
                assert_eq!(run.join().unwrap(), want);
            }
        });
        let files = stored(dir.path());
        assert_eq!(files.len(), 1, "one file, no temporary file left: {files:?}");
        assert_eq!(linter(dir.path(), USER).check(TEXT), want);
    }

    #[test]
    fn an_unwritable_folder_only_costs_a_build() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a file, not a folder");
        std::fs::write(&file, "").unwrap();
        assert_eq!(linter(&file, USER).check(TEXT), plain_findings(USER));
    }
}
