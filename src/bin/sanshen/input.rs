//! Reading inputs: files, directories and standard input, as text.

use crate::args::InputKind;
use crate::special::Special;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to check.
pub(crate) struct Input {
    /// The name shown in output (`-` for standard input).
    pub(crate) name: String,
    /// The file, if it is one (for `--write`).
    pub(crate) path: Option<PathBuf>,
    /// A named pipe or device named on the command line: read once as a stream, never sniffed
    /// or written (see [`crate::special`]).
    pub(crate) special: Option<Special>,
}

/// The inputs found on the command line and in its folders.
#[derive(Default)]
pub(crate) struct Found {
    pub(crate) inputs: Vec<Input>,
    /// Errors met on the way (the exit code is then 2).
    pub(crate) errors: Vec<String>,
    /// What was passed over, and why.
    pub(crate) notes: Vec<String>,
}

/// A text ready to check: the decoded text and how to go back to the file's bytes.
pub(crate) struct Loaded {
    pub(crate) text: String,
    /// Bytes before the text in the file (a byte-order mark).
    pub(crate) offset: usize,
    /// The encoding, and the file offsets of the text's characters.
    pub(crate) codec: crate::decode::Decoded,
}

/// Which files of a directory are checked.
pub(crate) struct Walk<'a> {
    /// `--glob` patterns: include, or exclude with a leading `!`.
    pub(crate) globs: &'a [String],
    /// The configuration's `ignore` patterns, relative to `root`.
    pub(crate) ignore: &'a [String],
    pub(crate) root: &'a Path,
    /// Files of sanshen's own that a walk passes over (the baselines named on the command
    /// line), besides configuration files and review records.
    pub(crate) own: &'a [PathBuf],
}

/// Expands the command-line paths: directories recursively, following symbolic links to
/// folders and reporting each link that loops back (hidden entries, what `.gitignore`/`.ignore`
/// files and the configuration exclude, sanshen's own files and special files such as named
/// pipes are skipped; sorted), `-` or no path for standard input. A file named on the command
/// line is always checked; a named pipe or device named there is read as a stream.
pub(crate) fn expand(paths: &[PathBuf], walk: &Walk<'_>) -> Found {
    let mut found = Found::default();
    if paths.is_empty() {
        found.inputs.push(stdin_input());
        return found;
    }
    let overrides = match overrides(walk) {
        Ok(o) => o,
        Err(e) => {
            found.errors.push(e);
            return found;
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            found.inputs.push(stdin_input());
        } else if path.is_dir() {
            let own: Vec<PathBuf> = walk.own.iter().filter_map(|p| p.canonicalize().ok()).collect();
            let inputs = walk_dir(path, &overrides, &mut found.errors, &mut found.notes);
            let inputs: Vec<Input> = inputs.filter(|i| !is_own(i, &own)).collect();
            found.inputs.extend(inputs);
        } else {
            named(path, &mut found);
        }
    }
    found
}

/// A path named on the command line that is not a folder: a file, a stream to read once, or
/// (a socket) an error. A path that cannot be looked at is left for reading to report.
fn named(path: &Path, found: &mut Found) {
    let special = std::fs::metadata(path).ok().and_then(|m| Special::of(m.file_type()));
    match special {
        Some(s) if !s.readable() => {
            found
                .errors
                .push(format!("{}: {s}, not a file that can be read, not checked", path.display()));
        }
        special => found.inputs.push(Input { special, ..file_input(path) }),
    }
}

fn overrides(walk: &Walk<'_>) -> Result<ignore::overrides::Override, String> {
    let mut b = ignore::overrides::OverrideBuilder::new(walk.root);
    for g in walk.globs {
        b.add(g).map_err(|e| format!("--glob {g}: {e}"))?;
    }
    for g in walk.ignore {
        b.add(&format!("!{g}")).map_err(|e| format!("ignore pattern {g}: {e}"))?;
    }
    b.build().map_err(|e| e.to_string())
}

/// The files under `dir`, in order; errors met on the way go to `errors`, special files
/// passed over to `notes`.
fn walk_dir<'a>(
    dir: &Path,
    overrides: &ignore::overrides::Override,
    errors: &'a mut Vec<String>,
    notes: &'a mut Vec<String>,
) -> impl Iterator<Item = Input> + 'a {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        // Links to folders are followed (a site's shared assets); a loop is reported.
        .follow_links(true)
        .overrides(overrides.clone())
        // Only siblings are compared: their paths differ only in their names, so their bytes
        // order them as the paths' components would, at a tenth of the cost (taking the names
        // apart or comparing component by component was half the walk's instructions).
        .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
        .build();
    walker.filter_map(move |entry| match entry {
        Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => Some(file_input(e.path())),
        Ok(e) => {
            if let Some(s) = e.file_type().and_then(Special::of) {
                notes.push(format!(
                    "{}: {s}, skipped in a folder (name it on the command line to read it)",
                    e.path().display()
                ));
            }
            None
        }
        Err(e) => {
            errors.push(e.to_string());
            None
        }
    })
}

/// Whether a file found in a walk is one of sanshen's own rather than a text: a configuration
/// file, a review record (they sit beside the texts) or a baseline named on the command line
/// (`own`, canonical paths).
fn is_own(input: &Input, own: &[PathBuf]) -> bool {
    let Some(path) = &input.path else { return false };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name == crate::config::FILE_NAME
        || crate::ledger::is_record(path)
        || (!own.is_empty() && path.canonicalize().is_ok_and(|p| own.contains(&p)))
}

impl Input {
    /// How to read this input: as asked, or (for `auto`) by its file name.
    pub(crate) fn kind(&self, asked: InputKind) -> InputKind {
        if asked != InputKind::Auto {
            return asked;
        }
        let ext = self.path.as_ref().and_then(|p| p.extension()).and_then(|e| e.to_str());
        match ext.map(str::to_ascii_lowercase).as_deref() {
            Some("jsonl" | "ndjson") => InputKind::Jsonl,
            Some("md" | "markdown") => InputKind::Markdown,
            Some("html" | "htm" | "xhtml" | "shtml" | "shtm" | "xht") => InputKind::Html,
            _ => InputKind::Text,
        }
    }
}

/// Opens a file to read it to its end as it stands now: a regular file is read up to the
/// length it has when opened, so one that grows while it is checked (a log being written)
/// ends where it ended then. Files that report no length (those of `/proc`) and pipes and
/// devices are read to their end.
pub(crate) fn open(path: &Path) -> std::io::Result<(std::fs::Metadata, std::io::Take<File>)> {
    let file = File::open(path)?;
    let meta = file.metadata()?;
    let limit = match meta.len() {
        n if meta.is_file() && n > 0 => n,
        _ => u64::MAX,
    };
    Ok((meta, file.take(limit)))
}

fn stdin_input() -> Input {
    Input { name: "-".to_owned(), path: None, special: None }
}

fn file_input(path: &Path) -> Input {
    Input { name: path.display().to_string(), path: Some(path.to_owned()), special: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_walk_gives_files_in_the_order_of_their_paths() {
        let dir = std::env::temp_dir().join(format!("sanshen-walk-order-{}", std::process::id()));
        let names = ["甲.txt", "b.txt", "a.txt", "a-b.txt", "乙.txt", "a/c.txt", "a/B/d.txt"];
        for name in names {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "").unwrap();
        }
        let walk = Walk { globs: &[], ignore: &[], root: &dir, own: &[] };
        let found = expand(std::slice::from_ref(&dir), &walk);
        let walked: Vec<PathBuf> = found.inputs.into_iter().filter_map(|i| i.path).collect();
        std::fs::remove_dir_all(&dir).unwrap();
        let mut sorted: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
        sorted.sort();
        assert_eq!(walked, sorted);
    }

    #[test]
    fn a_file_that_grows_while_read_is_read_as_it_was_when_opened() {
        let dir = std::env::temp_dir().join(format!("sanshen-grows-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("log.txt");
        std::fs::write(&path, "请认真部署。\n").unwrap();
        let (_, mut reader) = open(&path).unwrap();
        let mut appending = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
        appending.write_all("新增一行。\n".as_bytes()).unwrap();
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(text, "请认真部署。\n");
    }
}
