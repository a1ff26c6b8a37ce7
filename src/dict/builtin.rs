//! The shipped dictionaries, embedded at compile time by `build.rs`: every
//! `dictionaries/**/*.tsv` (sorted by path) as text, and all of them parsed and packed
//! (`packed.rs`).

include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));
