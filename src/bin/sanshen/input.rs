//! Reading inputs: files, directories and standard input, as text.

use crate::args::InputKind;
use std::path::{Path, PathBuf};

/// One input to check.
pub(crate) struct Input {
    /// The name shown in output (`-` for standard input).
    pub(crate) name: String,
    /// The file, if it is one (for `--write`).
    pub(crate) path: Option<PathBuf>,
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
/// files and the configuration exclude, and sanshen's own files are skipped; sorted), `-` or
/// no path for standard input. A file named on the command line is always checked. Returns the
/// inputs and the errors met while walking.
pub(crate) fn expand(paths: &[PathBuf], walk: &Walk<'_>) -> (Vec<Input>, Vec<String>) {
    if paths.is_empty() {
        return (vec![stdin_input()], Vec::new());
    }
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let overrides = match overrides(walk) {
        Ok(o) => o,
        Err(e) => return (inputs, vec![e]),
    };
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(stdin_input());
        } else if path.is_dir() {
            let own: Vec<PathBuf> = walk.own.iter().filter_map(|p| p.canonicalize().ok()).collect();
            let found = walk_dir(path, &overrides, &mut errors);
            inputs.extend(found.filter(|i| !is_own(i, &own)));
        } else {
            inputs.push(file_input(path));
        }
    }
    (inputs, errors)
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

/// The files under `dir`, in order; errors met on the way go to `errors`.
fn walk_dir<'a>(
    dir: &Path,
    overrides: &ignore::overrides::Override,
    errors: &'a mut Vec<String>,
) -> impl Iterator<Item = Input> + 'a {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        // Links to folders are followed (a site's shared assets); a loop is reported.
        .follow_links(true)
        .overrides(overrides.clone())
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    walker.filter_map(move |entry| match entry {
        Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => Some(file_input(e.path())),
        Ok(_) => None,
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

fn stdin_input() -> Input {
    Input { name: "-".to_owned(), path: None }
}

fn file_input(path: &Path) -> Input {
    Input { name: path.display().to_string(), path: Some(path.to_owned()) }
}
