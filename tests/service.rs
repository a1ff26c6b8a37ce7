//! The dictionary reload of `examples/service.rs`, through the library: a linter rebuilt from
//! an edited user dictionary is swapped in while other threads keep checking.

use sanshen::{Error, Linter, LinterBuilder};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

type Shared = Arc<RwLock<Arc<Linter>>>;

const POST: &str = "青神县政付要求各单位认真布署。";
const OLD: &str = "!family typo\n青神县政付\t青神县政府\n";
const NEW: &str = "!family typo\n青神县政付\t青神县人民政府\n";

// The swap logic of examples/service.rs.
fn current(shared: &Shared) -> Arc<Linter> {
    Arc::clone(&shared.read().unwrap_or_else(PoisonError::into_inner))
}

fn build(path: &Path) -> Result<Linter, Error> {
    LinterBuilder::new().add_dictionary_file(path)?.build()
}

fn reload(shared: &Shared, path: &Path) -> Result<(), Error> {
    let linter = build(path)?;
    *shared.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(linter);
    Ok(())
}

fn temp_dictionary(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sanshen-service-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("county.tsv");
    std::fs::write(&path, text).expect("write dictionary");
    path
}

/// What a check of [`POST`] reports: each finding's text and suggestions.
fn result(linter: &Linter) -> Vec<(String, Vec<String>)> {
    linter.check(POST).into_iter().map(|f| (f.text, f.suggestions)).collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, Vec<String>)> {
    items.iter().map(|(t, s)| (t.to_string(), vec![s.to_string()])).collect()
}

#[test]
fn checks_during_a_swap_see_the_old_or_the_new_dictionary() {
    let path = temp_dictionary("swap", OLD);
    let shared: Shared = Arc::new(RwLock::new(Arc::new(build(&path).expect("old dictionary"))));
    let old = pairs(&[("青神县政付", "青神县政府"), ("布署", "部署")]);
    let new = pairs(&[("青神县政付", "青神县人民政府"), ("布署", "部署")]);
    assert_eq!(result(&current(&shared)), old);

    let done = AtomicBool::new(false);
    let counts: Vec<AtomicUsize> = (0..4).map(|_| AtomicUsize::new(0)).collect();
    std::thread::scope(|s| {
        let readers: Vec<_> = counts
            .iter()
            .map(|count| {
                let (shared, done, old, new) = (&shared, &done, &old, &new);
                s.spawn(move || {
                    let mut seen_new = false;
                    let mut last_new = false;
                    while !done.load(Ordering::SeqCst) {
                        let got = result(&current(shared));
                        let is_new = got == *new;
                        assert!(is_new || got == *old, "neither old nor new: {got:?}");
                        assert!(is_new || !seen_new, "the old dictionary came back");
                        seen_new |= is_new;
                        last_new = is_new;
                        count.fetch_add(1, Ordering::SeqCst);
                    }
                    last_new
                })
            })
            .collect();

        // A reader that panicked stops counting: stop waiting and let `join` report it.
        let wait_for = |targets: &[usize]| {
            while counts.iter().zip(targets).any(|(c, &t)| c.load(Ordering::SeqCst) < t)
                && !readers.iter().any(|r| r.is_finished())
            {
                std::thread::yield_now();
            }
        };
        wait_for(&[1; 4]);
        std::fs::write(&path, NEW).expect("rewrite dictionary");
        reload(&shared, &path).expect("new dictionary");
        // Two more checks each: the second one started after the swap.
        let after: Vec<usize> = counts.iter().map(|c| c.load(Ordering::SeqCst) + 2).collect();
        wait_for(&after);
        done.store(true, Ordering::SeqCst);
        for reader in readers {
            assert!(reader.join().expect("reader panicked"), "a reader ended on the old result");
        }
    });
    assert_eq!(result(&current(&shared)), new);
}

#[test]
fn a_malformed_rewrite_keeps_the_old_linter() {
    let path = temp_dictionary("malformed", OLD);
    let shared: Shared = Arc::new(RwLock::new(Arc::new(build(&path).expect("old dictionary"))));
    let before = current(&shared);

    std::fs::write(&path, "!family typo\n青神县政付\n").expect("rewrite dictionary");
    let err = reload(&shared, &path).expect_err("malformed dictionary");
    assert_eq!(
        err.to_string(),
        format!("{}:2: expected at least 2 tab-separated fields, found 1", path.display())
    );
    assert!(Arc::ptr_eq(&before, &current(&shared)));
    assert_eq!(result(&current(&shared)), pairs(&[("青神县政付", "青神县政府"), ("布署", "部署")]));
}
