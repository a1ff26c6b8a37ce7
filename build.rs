//! Embeds every `dictionaries/**/*.tsv` file, so adding a shipped dictionary needs no code, and
//! builds what a start would otherwise build from them: the files parsed by the crate's own
//! parser and packed (`src/dict/packed.rs`), and the segmentation lexicon's hash table, so that
//! loading either at run time parses nothing.

// The crate's modules read here are compiled for this script too, which uses only part of them.
#![allow(dead_code, unreachable_pub, missing_docs)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/segment/index.rs"]
mod index;

// The dictionary parser and the packed form, with the few crate modules they name, at the root
// of this script as they are inside `crate::dict` (their `super::` is the root here).
#[path = "src/dict/columns.rs"]
mod columns;
#[path = "src/date.rs"]
mod date;
#[path = "src/dict/error.rs"]
mod error;
#[path = "src/dict/family.rs"]
mod family;
#[path = "src/dict/packed.rs"]
mod packed;
#[path = "src/dict/parse.rs"]
mod parse;
#[path = "src/dict/records.rs"]
mod records;
#[path = "src/severity.rs"]
mod severity;
mod finding {
    pub use crate::severity::Severity;
}
use error::{DictError, DictErrorKind};
use records::{
    Confusable, Dictionary, Entry, EntryKind, InstitutionRule, Origin, RosterRow, SegmentWord,
    TitleAlias,
};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else { return };
    for entry in read.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "tsv") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dicts = root.join("dictionaries");
    println!("cargo:rerun-if-changed=dictionaries");
    let mut files = Vec::new();
    collect(&dicts, &mut files);
    files.sort();
    let mut code = String::from("pub(super) static FILES: &[(&str, &str)] = &[\n");
    let mut all = Dictionary::default();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.strip_prefix(&root).expect("under the manifest dir");
        let name = name.to_string_lossy().replace('\\', "/");
        writeln!(code, "    ({name:?}, include_str!({:?})),", path.display().to_string())
            .expect("writing to a String");
        let text = std::fs::read_to_string(path).expect("a shipped dictionary is UTF-8");
        // A malformed shipped dictionary is a build error that names the file and line.
        all.extend(Dictionary::parse(&name, &text).unwrap_or_else(|e| panic!("{e}")));
    }
    code.push_str("];\n");
    // The entries' categories, so that checking a build's settings unpacks nothing.
    let mut categories: Vec<&str> =
        all.entries.iter().filter_map(|e| e.category.as_deref()).collect();
    categories.sort_unstable();
    categories.dedup();
    writeln!(code, "pub(super) static CATEGORIES: &[&str] = &{categories:?};")
        .expect("writing to a String");
    // Whether no two entries share their family and pattern: a build without user entries then
    // takes the shipped entries as they are, none replacing another.
    let mut keys: Vec<(String, &str)> =
        all.entries.iter().map(|e| (format!("{:?}", e.kind), e.pattern.as_str())).collect();
    keys.sort_unstable();
    let distinct = keys.windows(2).all(|w| w[0] != w[1]);
    writeln!(code, "pub(super) static DISTINCT: bool = {distinct};").expect("writing to a String");
    // The files the entries name: the packed table lists them first (in order of first use,
    // and the entries come first), so knowing an entry shipped unpacks nothing.
    let mut entry_files: Vec<&str> = all.entries.iter().map(|e| &*e.origin.file).collect();
    entry_files.sort_unstable();
    entry_files.dedup();
    writeln!(code, "pub(super) static ENTRY_FILES: usize = {};", entry_files.len())
        .expect("writing to a String");
    // Where the entries end, so that a start reads the rest without stepping through them.
    let extent = packed::entries_extent(&all);
    writeln!(
        code,
        "pub(super) static ENTRIES_EXTENT: super::packed::Extent = super::packed::Extent {{ bytes: {}, pool: {} }};",
        extent.bytes, extent.pool
    )
    .expect("writing to a String");
    // The strings as text, so that the compiler checks them once for every start.
    code.push_str(
        "pub(super) static PACKED: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/builtin.dict\"));\n\
         pub(super) static POOL: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/builtin.pool\"));\n",
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let (pool, rest) = packed::pack_parts(&all);
    std::fs::write(out.join("builtin.pool"), pool).expect("OUT_DIR is writable");
    std::fs::write(out.join("builtin.dict"), rest).expect("OUT_DIR is writable");
    std::fs::write(out.join("builtin_files.rs"), code).expect("OUT_DIR is writable");

    let lexicon = dicts.join("segment").join("lexicon.txt");
    let text = std::fs::read_to_string(&lexicon).expect("dictionaries/segment/lexicon.txt");
    // A broken shipped lexicon is a build error that names the line.
    let built = index::index(&text).unwrap_or_else(|e| panic!("{}: {e}", lexicon.display()));
    std::fs::write(out.join("lexicon.table"), index::to_bytes(&built.slots)).expect("writable");
    let code = format!(
        "static LEXICON_TABLE: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/lexicon.table\"));\n\
         const LEXICON_TOTAL: u64 = {};\n",
        built.total
    );
    std::fs::write(out.join("lexicon_index.rs"), code).expect("OUT_DIR is writable");
}
