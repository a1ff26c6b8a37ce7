//! Writing corrections back in place (`--write`): through a temporary file that nobody can
//! plant or predict, never over an edit made while the file was checked, keeping the file's
//! owner, group and mode, and refusing read-only and hard-linked files unless asked.

use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::hash::Hasher;
use std::io::{Read, Write};
use std::path::Path;

/// Why a file was not written. The file is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Refused {
    /// The file has no write permission for anyone.
    #[error("read-only file (mode {0:o}), not written; --write-read-only writes it anyway")]
    ReadOnly(u32),
    /// Other names share the file: renaming over one would leave them with the old text.
    #[error(
        "file has {0} hard links, which a rewrite would break, not written; \
         --break-hard-links writes it anyway"
    )]
    HardLinked(u64),
    /// A device, a pipe or a socket: nothing to rename a file over.
    #[error("not a regular file, not written")]
    NotRegular,
    /// The file changed between reading it and writing the corrections.
    #[error("file changed while it was checked ({0}), not written")]
    Changed(&'static str),
    /// The file's owner or group cannot be given to the rewritten file.
    #[error("cannot keep owner {uid} and group {gid}, not written: {source}")]
    Owner { uid: u32, gid: u32, source: std::io::Error },
    /// The file's text does not encode back to the bytes it was read from.
    #[error("the file's {0} does not encode back to the same bytes, not written")]
    Encoding(&'static str),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What `--write` may do that it does not do by default.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Allow {
    /// `--write-read-only`: write files that have no write permission.
    pub(crate) read_only: bool,
    /// `--break-hard-links`: write files with other hard links (the others keep the old text).
    pub(crate) hard_links: bool,
}

/// The state of a file when it was read, to tell whether it changed before the rewrite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Snapshot {
    len: u64,
    modified: Option<std::time::SystemTime>,
    identity: Identity,
    content: u64,
}

impl Snapshot {
    /// The snapshot of a file read as `bytes`, whose metadata (taken from the open handle
    /// before reading) is `meta`.
    pub(crate) fn of(meta: &Metadata, bytes: &[u8]) -> Snapshot {
        let mut digest = Digest::default();
        digest.update(bytes);
        Snapshot::read(meta, &digest)
    }

    /// The snapshot of a file read a piece at a time through a [`Digesting`] reader, whose
    /// digest of everything read is `digest`; `meta` as for [`Snapshot::of`].
    pub(crate) fn read(meta: &Metadata, digest: &Digest) -> Snapshot {
        Snapshot {
            len: meta.len(),
            modified: meta.modified().ok(),
            identity: Identity::of(meta),
            content: digest.finish(),
        }
    }

    /// What differs between this snapshot and the file now, if anything. The file is read
    /// again a buffer at a time.
    fn difference(&self, path: &Path) -> std::io::Result<Option<&'static str>> {
        let file = File::open(path)?;
        let meta = file.metadata()?;
        let mut reader = Digesting::new(file);
        std::io::copy(&mut reader, &mut std::io::sink())?;
        let now = Snapshot::read(&meta, &reader.digest);
        Ok(if now.identity.file != self.identity.file {
            Some("replaced by another file")
        } else if now.len != self.len {
            Some("size")
        } else if now.modified != self.modified {
            Some("modification time")
        } else if now.content != self.content {
            Some("content")
        } else {
            None
        })
    }
}

/// A digest of bytes fed a piece at a time: the same however they are cut, stable within a
/// run.
#[derive(Clone, Default)]
pub(crate) struct Digest {
    hasher: std::collections::hash_map::DefaultHasher,
    /// Bytes not yet hashed: the hasher is fed whole blocks of [`Digest::BLOCK`] bytes, so the
    /// result does not depend on where the pieces were cut.
    pending: Vec<u8>,
}

impl Digest {
    const BLOCK: usize = 64 << 10;

    pub(crate) fn update(&mut self, mut bytes: &[u8]) {
        if !self.pending.is_empty() {
            let take = (Self::BLOCK - self.pending.len()).min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() < Self::BLOCK {
                return;
            }
            self.hasher.write(&self.pending);
            self.pending.clear();
        }
        let whole = bytes.len() - bytes.len() % Self::BLOCK;
        for block in bytes[..whole].chunks(Self::BLOCK) {
            self.hasher.write(block);
        }
        self.pending.extend_from_slice(&bytes[whole..]);
    }

    pub(crate) fn finish(&self) -> u64 {
        let mut hasher = self.hasher.clone();
        hasher.write(&self.pending);
        hasher.write_usize(self.pending.len());
        hasher.finish()
    }
}

/// A reader that digests every byte read through it.
pub(crate) struct Digesting<R> {
    inner: R,
    pub(crate) digest: Digest,
}

impl<R> Digesting<R> {
    pub(crate) fn new(inner: R) -> Digesting<R> {
        Digesting { inner, digest: Digest::default() }
    }
}

impl<R: Read> Read for Digesting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
}

/// Which file it is, who owns it, its mode and link count, where the platform says.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Identity {
    /// Device and inode.
    file: (u64, u64),
    uid: u32,
    gid: u32,
    mode: u32,
    links: u64,
}

impl Identity {
    #[cfg(unix)]
    fn of(meta: &Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity {
            file: (meta.dev(), meta.ino()),
            uid: meta.uid(),
            gid: meta.gid(),
            mode: meta.mode() & 0o7777,
            links: meta.nlink(),
        }
    }

    #[cfg(not(unix))]
    fn of(meta: &Metadata) -> Identity {
        let mode = if meta.permissions().readonly() { 0o444 } else { 0o644 };
        Identity { file: (0, 0), uid: 0, gid: 0, mode, links: 1 }
    }
}

/// Replaces the file at `path` (a symbolic link there is followed: the file it points to is
/// replaced, the link stays) with `bytes`, if it is still as `snapshot` saw it.
///
/// # Errors
///
/// [`Refused`] says why the file was left untouched; no temporary file is left behind.
pub(crate) fn replace(
    path: &Path,
    snapshot: &Snapshot,
    bytes: &[u8],
    allow: Allow,
) -> Result<(), Refused> {
    let mut rewrite = Rewrite::begin(path, snapshot, allow)?;
    rewrite.write_all(bytes)?;
    rewrite.commit(snapshot)
}

/// A rewrite under way: the new text goes to a temporary file beside the file, which replaces
/// it when [`Rewrite::commit`] finds the file still as it was read. Dropped uncommitted, the
/// temporary file is removed.
pub(crate) struct Rewrite {
    /// The file replaced (a symbolic link resolved).
    path: std::path::PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl Rewrite {
    /// Starts rewriting the file at `path` (see [`replace`]), refusing a read-only or
    /// hard-linked file unless `allow` says otherwise. Only the identity of `seen` (mode,
    /// links) counts here: the content is compared when committing.
    pub(crate) fn begin(path: &Path, seen: &Snapshot, allow: Allow) -> Result<Rewrite, Refused> {
        let path = std::fs::canonicalize(path)?;
        let id = &seen.identity;
        if id.mode & 0o222 == 0 && !allow.read_only {
            return Err(Refused::ReadOnly(id.mode));
        }
        if id.links > 1 && !allow.hard_links {
            return Err(Refused::HardLinked(id.links));
        }
        let tmp = temporary_beside(&path)?;
        Ok(Rewrite { path, tmp })
    }

    /// Replaces the file with what was written, if it is still as `snapshot` (taken when it
    /// was read to its end) saw it; keeps its owner, group and mode.
    pub(crate) fn commit(self, snapshot: &Snapshot) -> Result<(), Refused> {
        let Rewrite { path, tmp } = self;
        keep_owner_and_mode(tmp.as_file(), &snapshot.identity)?;
        tmp.as_file().sync_all()?;
        if let Some(what) = snapshot.difference(&path)? {
            return Err(Refused::Changed(what));
        }
        // On failure the temporary file comes back with the error and is removed when dropped.
        tmp.persist(&path).map_err(|e| Refused::Io(e.error))?;
        Ok(())
    }
}

impl Write for Rewrite {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

/// Writes `bytes` to `path` through a temporary file beside it renamed over it, so that a
/// reader never sees half a file and a failed write leaves the old one (review records,
/// baselines).
pub(crate) fn atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = temporary_beside(path)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The end of every temporary file's name: `.NAME.XXXXXX.sanshen.tmp`.
const TEMPORARY_SUFFIX: &str = ".sanshen.tmp";

/// The random part of a temporary file's name, as long as `tempfile` makes it by default.
const RANDOM_CHARS: usize = 6;

/// How old a temporary file of ours must be before a later write in its folder removes it: a
/// run killed outright (SIGKILL, a power cut) cannot remove its own, and no live run keeps one
/// for more than the seconds a write takes.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// A new file beside `path`, created exclusively (`O_EXCL`) under a random name, so that a
/// link planted in the folder is never followed. Stale temporary files of earlier runs are
/// removed from the folder first (see [`remove_stale`]).
fn temporary_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .rand_bytes(RANDOM_CHARS)
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(dir)?;
    // Our own new file tells who we are, without asking the operating system.
    if let Ok(ours) = tmp.as_file().metadata() {
        remove_stale(dir, &ours, std::time::SystemTime::now());
    }
    Ok(tmp)
}

/// Removes from `dir` the temporary files that earlier runs left behind: named as
/// [`temporary_beside`] names them, regular files (never a symbolic link), owned by the owner of
/// `ours` (the file just made), last modified over [`STALE_AFTER`] before `now`. Anything that
/// cannot be read or removed is left alone.
fn remove_stale(dir: &Path, ours: &Metadata, now: std::time::SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_temporary_name) {
            continue;
        }
        // `symlink_metadata`: a link is judged as a link, never by what it points to.
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else { continue };
        let old = meta.modified().ok().and_then(|m| now.duration_since(m).ok());
        if meta.file_type().is_file()
            && same_owner(&meta, ours)
            && old.is_some_and(|age| age > STALE_AFTER)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a file name is one [`temporary_beside`] makes: `.NAME.XXXXXX.sanshen.tmp`, with six
/// letters or digits for the X.
fn is_temporary_name(name: &str) -> bool {
    let Some(middle) = name.strip_prefix('.').and_then(|n| n.strip_suffix(TEMPORARY_SUFFIX)) else {
        return false;
    };
    middle.rsplit_once('.').is_some_and(|(_, random)| {
        random.len() == RANDOM_CHARS && random.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

#[cfg(unix)]
fn same_owner(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.uid() == b.uid()
}

#[cfg(not(unix))]
fn same_owner(_: &Metadata, _: &Metadata) -> bool {
    true
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &File, id: &Identity) -> Result<(), Refused> {
    use std::os::unix::fs::PermissionsExt;
    std::os::unix::fs::fchown(file, Some(id.uid), Some(id.gid))
        .map_err(|source| Refused::Owner { uid: id.uid, gid: id.gid, source })?;
    // After the owner: changing it may clear set-id bits.
    file.set_permissions(std::fs::Permissions::from_mode(id.mode))?;
    Ok(())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, id: &Identity) -> Result<(), Refused> {
    let mut permissions = file.metadata()?.permissions();
    permissions.set_readonly(id.mode & 0o222 == 0);
    file.set_permissions(permissions)?;
    Ok(())
}

/// Fingerprints of the findings of one input, given a piece at a time in order, to tell which
/// a baseline accepted: those are neither reported nor fixed.
#[derive(Default)]
pub(crate) struct Accepted {
    fingerprints: sanshen::Fingerprinter,
    legacy: crate::baseline::Legacy,
}

impl Accepted {
    /// The indexes of the findings of `text` (the next piece of input `name`) that `accepted`
    /// holds.
    pub(crate) fn indexes(
        &mut self,
        accepted: &crate::baseline::Baselines,
        name: &str,
        text: &str,
        findings: &[sanshen::Finding],
    ) -> HashSet<usize> {
        let mut out = HashSet::new();
        for (i, f) in findings.iter().enumerate() {
            let fingerprint = self.fingerprints.of(text, f, None);
            let old = || {
                // Version 1 fingerprints hold the path, rule, text and context, no offsets.
                let record = sanshen::Record::new(name, 0, f, 0);
                let (before, after) = crate::baseline::legacy_context(text, f.span);
                self.legacy.of(&record, (&before, &after))
            };
            if accepted.holds(&fingerprint, old) {
                out.insert(i);
            }
        }
        out
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sanshen-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn snapshot(path: &Path) -> Snapshot {
        let mut f = File::open(path).unwrap();
        let meta = f.metadata().unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        Snapshot::of(&meta, &bytes)
    }

    #[test]
    fn an_edit_after_reading_is_never_overwritten() {
        let dir = temp("edit");
        let path = dir.join("a.txt");
        std::fs::write(&path, "布署").unwrap();
        let seen = snapshot(&path);
        // Same size, so only the content (or the time) tells.
        std::fs::write(&path, "部署").unwrap();
        let err = replace(&path, &seen, "改过".as_bytes(), Allow::default()).unwrap_err();
        assert!(matches!(err, Refused::Changed(_)), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "部署");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1, "the temporary file is removed");
    }

    /// Makes `name` in `dir`, last modified `minutes` ago.
    fn aged(dir: &Path, name: &str, minutes: u64) -> PathBuf {
        let path = dir.join(name);
        let file = File::create(&path).unwrap();
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(minutes * 60);
        file.set_modified(then).unwrap();
        path
    }

    #[test]
    fn a_killed_runs_temporary_file_is_removed_by_the_next_write_and_nothing_else() {
        let dir = temp("stale");
        let path = dir.join("a.txt");
        std::fs::write(&path, "布署").unwrap();
        let stale = aged(&dir, ".a.txt.Xy12Zq.sanshen.tmp", 90);
        let recent = aged(&dir, ".a.txt.Ab34Cd.sanshen.tmp", 5);
        let other_name = aged(&dir, ".a.txt.tmp", 90);
        let longer_random = aged(&dir, ".a.txt.Xy12Zq7.sanshen.tmp", 90);
        let target = aged(&dir, "target.txt", 90);
        let link = dir.join(".b.txt.Qw56Er.sanshen.tmp");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        replace(&path, &snapshot(&path), "部署".as_bytes(), Allow::default()).unwrap();
        assert!(!stale.exists(), "a stale temporary file of ours is removed");
        for kept in [&recent, &other_name, &longer_random, &target] {
            assert!(kept.exists(), "{} is kept", kept.display());
        }
        assert!(std::fs::symlink_metadata(&link).is_ok(), "a link is never removed");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "部署");
    }

    #[test]
    fn a_stale_temporary_file_of_another_user_is_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = temp("stale-owner");
        let theirs = aged(&dir, ".a.txt.Xy12Zq.sanshen.tmp", 90);
        let mine = std::fs::metadata(&dir).unwrap();
        if std::os::unix::fs::chown(&theirs, Some(mine.uid() + 1), None).is_err() {
            eprintln!("SKIPPED: cannot give a file to another user here");
            return;
        }
        remove_stale(&dir, &mine, std::time::SystemTime::now());
        assert!(theirs.exists());
        std::os::unix::fs::chown(&theirs, Some(mine.uid()), None).unwrap();
        remove_stale(&dir, &mine, std::time::SystemTime::now());
        assert!(!theirs.exists(), "the same file, ours, is removed");
    }

    #[test]
    fn a_digest_does_not_depend_on_where_the_bytes_were_cut() {
        let bytes: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = {
            let mut d = Digest::default();
            d.update(&bytes);
            d.finish()
        };
        for cut in [1, 1000, 65_536, 65_537, 200_000] {
            let mut d = Digest::default();
            for piece in bytes.chunks(cut) {
                d.update(piece);
            }
            assert_eq!(d.finish(), whole, "{cut}");
        }
        let mut other = Digest::default();
        other.update(&bytes[1..]);
        assert_ne!(other.finish(), whole);
    }

    #[test]
    fn an_unchanged_file_is_replaced_keeping_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp("mode");
        let path = dir.join("a.txt");
        std::fs::write(&path, "布署").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace(&path, &snapshot(&path), "部署".as_bytes(), Allow::default()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "部署");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640);
    }
}
