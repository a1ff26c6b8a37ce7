//! Builds the shipped linter once on the build machine and keeps the char-wise pattern
//! automaton it made, framed and keyed by the library (`sanshen::AutomatonStore`), in
//! `OUT_DIR`. The package embeds those bytes and reads the automaton back at load instead of
//! constructing it in the page. The key names the patterns and the crate's version, so bytes
//! that do not fit the linter the page builds are never used: it builds the automaton itself.

use sanshen::{AutomatonStore, LinterBuilder};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A store that keeps what the builder gives it and has nothing to give back.
#[derive(Debug, Default)]
struct Keep(Mutex<Vec<(String, Vec<u8>)>>);

impl AutomatonStore for Keep {
    fn load(&self, _key: &str) -> Option<Vec<u8>> {
        None
    }

    fn store(&self, key: &str, bytes: &[u8]) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push((key.to_owned(), bytes.to_vec()));
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let keep = Arc::new(Keep::default());
    if let Err(e) = LinterBuilder::new().automaton_store(keep.clone()).build() {
        panic!("the shipped linter does not build: {e}");
    }
    let kept = std::mem::take(&mut *keep.0.lock().unwrap_or_else(|e| e.into_inner()));
    let [(key, bytes)] = <[_; 1]>::try_from(kept).unwrap_or_else(|kept| {
        panic!("expected one automaton from the shipped linter, got {}", kept.len())
    });
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    write(&Path::new(&out).join("automaton.key"), key.as_bytes());
    write(&Path::new(&out).join("automaton.bin"), &bytes);
}

fn write(path: &Path, bytes: &[u8]) {
    if let Err(e) = std::fs::write(path, bytes) {
        panic!("{}: cannot write: {e}", path.display());
    }
}
