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

/// A text ready to check: the decoded text and how to go back to the file's bytes.
pub(crate) struct Loaded {
    pub(crate) text: String,
    /// Bytes before the text in the file (a byte-order mark).
    pub(crate) offset: usize,
    /// The file as it was read, for `--write`; `None` for standard input.
    pub(crate) snapshot: Option<crate::write::Snapshot>,
    /// The encoding, and the file offsets of the text's characters.
    pub(crate) codec: crate::decode::Decoded,
    /// Whether the text encodes back to exactly the bytes read (else it is never written).
    pub(crate) round_trips: bool,
}

impl Loaded {
    /// `text` as the file would hold it.
    pub(crate) fn encode(&self, text: &str) -> Vec<u8> {
        self.codec.encode(text)
    }
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

/// Reads an input and decodes it (`forced`: `--encoding`). Errors say what is wrong and where.
pub(crate) fn load(
    input: &Input,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Loaded, String> {
    let name = &input.name;
    let Some(path) = &input.path else {
        let bytes = read_bounded(std::io::stdin().lock(), 0, forced)
            .map_err(|e| e.message("-", "cannot read standard input"))?;
        return decode(name, &bytes, forced);
    };
    let mut file = std::fs::File::open(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("{name}: cannot read: {e}"))?;
    if meta.is_file() && meta.len() > MAX_BYTES {
        return Err(ReadError::TooLarge.message(name, "cannot read"));
    }
    let bytes =
        read_bounded(&mut file, meta.len(), forced).map_err(|e| e.message(name, "cannot read"))?;
    let mut loaded = decode(name, &bytes, forced)?;
    loaded.snapshot = Some(crate::write::Snapshot::of(&meta, &bytes));
    Ok(loaded)
}

/// The most bytes an input given `--write` or `--diff` may have: it is read whole (the whole
/// file is rewritten or compared, with the text and its corrections side by side, and HTML or
/// Markdown with a map back to the file, some seventeen bytes a byte), and an endless input (a
/// device, a pipe that never closes) must end with an error rather than with the machine's
/// memory. Without them, inputs of any size are read a piece at a time ([`crate::stream`]).
pub(crate) const MAX_BYTES: u64 = 64 << 20;

/// Bytes looked at first, as a stream looks at them.
const SNIFF_BYTES: u64 = crate::stream::SNIFF_BYTES as u64;

/// Why an input was not read.
enum ReadError {
    Io(std::io::Error),
    Binary(usize),
    TooLarge,
}

impl ReadError {
    fn message(&self, name: &str, doing: &str) -> String {
        match self {
            ReadError::Io(e) => format!("{name}: {doing}: {e}"),
            ReadError::Binary(at) => {
                format!("{name}: binary file (NUL byte at offset {at}), not checked")
            }
            ReadError::TooLarge => {
                format!(
                    "{name}: larger than {} MiB, which --write and --diff read whole, not \
                     checked (without them any size is checked)",
                    MAX_BYTES >> 20
                )
            }
        }
    }
}

/// Reads at most [`MAX_BYTES`], refusing binary data seen in the first [`SNIFF_BYTES`]
/// (unless UTF-16, whose NUL bytes are text). `size` is the expected length, if known.
fn read_bounded(
    mut reader: impl Read,
    size: u64,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(size.min(MAX_BYTES + 1).try_into().unwrap_or(0));
    (&mut reader).take(SNIFF_BYTES).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if let Err(crate::decode::DecodeError::Binary(at)) = crate::stream::sniff_binary(&bytes, forced)
    {
        return Err(ReadError::Binary(at));
    }
    reader.take(MAX_BYTES + 1 - SNIFF_BYTES).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// Decodes bytes (see [`crate::decode`]); messages start with the input's name.
pub(crate) fn decode(
    name: &str,
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<Loaded, String> {
    let mut codec = crate::decode::decode(bytes, forced).map_err(|e| match e {
        crate::decode::DecodeError::Utf8 { .. } | crate::decode::DecodeError::Malformed { .. } => {
            format!("{name}:{e}")
        }
        _ => format!("{name}: {e}"),
    })?;
    let text = codec.take_text();
    let round_trips = codec.encoding == encoding_rs::UTF_8 || codec.round_trips(&text, bytes);
    Ok(Loaded { offset: codec.bom, text, snapshot: None, codec, round_trips })
}
