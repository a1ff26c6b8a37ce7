//! Reading inputs: files, directories and standard input, as text.

use crate::args::InputKind;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to check.
pub(crate) struct Input {
    /// The name shown in output (`-` for standard input).
    pub(crate) name: String,
    /// The file, if it is one (for `--write`).
    pub(crate) path: Option<PathBuf>,
}

/// A text ready to check: the decoded text and how many bytes the file had before it (a BOM).
pub(crate) struct Loaded {
    pub(crate) text: String,
    pub(crate) offset: usize,
}

/// Which files of a directory are checked.
pub(crate) struct Walk<'a> {
    /// `--glob` patterns: include, or exclude with a leading `!`.
    pub(crate) globs: &'a [String],
    /// The configuration's `ignore` patterns, relative to `root`.
    pub(crate) ignore: &'a [String],
    pub(crate) root: &'a Path,
}

/// Expands the command-line paths: directories recursively (hidden entries and what
/// `.gitignore`/`.ignore` files and the configuration exclude are skipped; sorted), `-` or no
/// path for standard input. A file named on the command line is always checked. Returns the
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
            walk_dir(path, &overrides, &mut inputs, &mut errors);
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

fn walk_dir(
    dir: &Path,
    overrides: &ignore::overrides::Override,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<String>,
) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .overrides(overrides.clone())
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                inputs.push(file_input(e.path()))
            }
            Ok(_) => {}
            Err(e) => errors.push(e.to_string()),
        }
    }
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

/// Reads an input as UTF-8 text. Errors say what is wrong and where.
pub(crate) fn load(input: &Input) -> Result<Loaded, String> {
    let bytes = match &input.path {
        Some(p) => std::fs::read(p).map_err(|e| format!("{}: cannot read: {e}", input.name))?,
        None => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("-: cannot read standard input: {e}"))?;
            buf
        }
    };
    decode(&input.name, bytes)
}

/// Decodes bytes as UTF-8, dropping a leading BOM; binary data (a NUL byte) is refused.
pub(crate) fn decode(name: &str, bytes: Vec<u8>) -> Result<Loaded, String> {
    if bytes.contains(&0) {
        let at = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(format!("{name}: binary file (NUL byte at offset {at}), not checked"));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{name}:{line}: invalid UTF-8 at byte offset {at}, not checked")
    })?;
    let offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    text.drain(..offset);
    Ok(Loaded { text, offset })
}
