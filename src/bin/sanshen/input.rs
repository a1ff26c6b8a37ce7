//! Reading inputs: files, directories and standard input, as text.

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

/// Expands the command-line paths: directories recursively (hidden entries skipped, sorted),
/// `-` or no path for standard input. Returns the inputs and the errors met while walking.
pub(crate) fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    if paths.is_empty() {
        return (vec![stdin_input()], Vec::new());
    }
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(stdin_input());
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut errors);
        } else {
            inputs.push(file_input(path));
        }
    }
    (inputs, errors)
}

impl Input {
    /// Whether the file name says JSON Lines.
    pub(crate) fn is_jsonl(&self) -> bool {
        let ext = self.path.as_ref().and_then(|p| p.extension()).and_then(|e| e.to_str());
        matches!(ext, Some("jsonl" | "ndjson"))
    }
}

fn stdin_input() -> Input {
    Input { name: "-".to_owned(), path: None }
}

fn file_input(path: &Path) -> Input {
    Input { name: path.display().to_string(), path: Some(path.to_owned()) }
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<String>) {
    let read = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => return errors.push(format!("{}: {e}", dir.display())),
    };
    let mut paths: Vec<PathBuf> = read.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, inputs, errors);
        } else {
            inputs.push(file_input(&path));
        }
    }
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
