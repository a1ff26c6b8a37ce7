//! A long-running publishing service: every post is checked before it goes out, and edited
//! dictionaries are picked up without stopping the checks.
//!
//! ```sh
//! cargo run --example service -- dictionaries-dir/ < posts.txt
//! ```
//!
//! Every `*.tsv` file in the folder is loaded on top of the shipped dictionaries (format:
//! `dictionaries/README.md`). Each line of standard input is one post; for each, one JSON line
//! `{"publish": bool, "findings": [...]}` is printed, `publish` being false when a finding of
//! severity `error` is present. To watch a reload, type posts on a terminal and edit a file in
//! the folder from another one.
//!
//! The current [`Linter`] sits in an `Arc` behind a lock. A check clones the `Arc` out, so it
//! never waits for a rebuild; the write lock is held only to swap the pointer. A background
//! thread polls the folder every second and, when a file was added, removed or changed, builds
//! a new linter and swaps it in. A malformed dictionary is logged with its `file:line` and the
//! old linter keeps serving.

use sanshen::{Finding, Linter, LinterBuilder, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

/// The linter in use, swapped whole when the dictionaries change.
pub(crate) type Shared = Arc<RwLock<Arc<Linter>>>;

/// One JSON line per post.
#[derive(Serialize)]
struct Verdict<'a> {
    publish: bool,
    findings: &'a [Finding],
}

/// The dictionary files with their modification time and length: a rewrite within the same
/// second as the last poll still changes the length or, on most file systems, the time.
pub(crate) type Snapshot = BTreeMap<PathBuf, (SystemTime, u64)>;

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: service DICTIONARY-DIR < posts.txt");
        std::process::exit(2);
    };
    let seen = snapshot(&dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    let linter = build(&seen).unwrap_or_else(|e| fail(&e.to_string()));
    let shared: Shared = Arc::new(RwLock::new(Arc::new(linter)));
    watch(dir, seen, Arc::clone(&shared));
    if let Err(e) = serve(&shared) {
        fail(&e.to_string());
    }
}

/// Checks each line of standard input and prints its verdict.
fn serve(shared: &Shared) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for post in io::stdin().lock().lines() {
        let post = post?;
        writeln!(out, "{}", verdict(&current(shared), &post)?)?;
        // A CMS reading from a pipe gets each verdict as soon as it is made.
        out.flush()?;
    }
    Ok(())
}

/// The JSON line answering one post.
pub(crate) fn verdict(linter: &Linter, post: &str) -> serde_json::Result<String> {
    let findings = linter.check(post);
    let publish = !findings.iter().any(|f| f.severity == Severity::Error);
    serde_json::to_string(&Verdict { publish, findings: &findings })
}

/// The linter to use now; the read lock is held only to clone the `Arc`.
pub(crate) fn current(shared: &Shared) -> Arc<Linter> {
    Arc::clone(&shared.read().unwrap_or_else(PoisonError::into_inner))
}

/// Polls the folder every second and swaps in a new linter when a dictionary changes.
fn watch(dir: PathBuf, mut seen: Snapshot, shared: Shared) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(1));
        match poll(&dir, &mut seen, &shared) {
            Ok(Some(n)) => eprintln!("service: reloaded {n} dictionaries"),
            Ok(None) => {}
            Err(e) => eprintln!("service: {e}"),
        }
    });
}

/// Looks at the folder once: when its dictionaries differ from `seen`, builds a new linter and
/// swaps it in. Returns how many dictionaries the new linter holds, `None` when nothing
/// changed, or why the previous linter stays.
pub(crate) fn poll(
    dir: &Path,
    seen: &mut Snapshot,
    shared: &Shared,
) -> Result<Option<usize>, String> {
    let now = snapshot(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if now == *seen {
        return Ok(None);
    }
    // Built outside the lock: checks go on with the old linter meanwhile.
    let built = build(&now);
    let files = now.len();
    // Remembered even after an error, so a broken file is rebuilt only once it changes.
    *seen = now;
    let linter = built.map_err(|e| format!("{e}; still using the previous dictionaries"))?;
    *shared.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(linter);
    Ok(Some(files))
}

/// The `*.tsv` files directly in `dir`.
pub(crate) fn snapshot(dir: &Path) -> io::Result<Snapshot> {
    let mut files = Snapshot::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "tsv") {
            let meta = std::fs::metadata(&path)?;
            files.insert(path, (meta.modified()?, meta.len()));
        }
    }
    Ok(files)
}

/// The shipped dictionaries plus the files, in name order (a later entry replaces an earlier).
pub(crate) fn build(files: &Snapshot) -> Result<Linter, sanshen::Error> {
    let mut builder = LinterBuilder::new();
    for path in files.keys() {
        builder.add_dictionary_file(path)?;
    }
    builder.build()
}

fn fail(message: &str) -> ! {
    eprintln!("service: {message}");
    std::process::exit(2);
}
