//! The shipped dictionaries, embedded at compile time by `build.rs` (every
//! `dictionaries/**/*.tsv`, sorted by path).

include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));
