//! `examples/service.rs` itself, its code included as a module: a linter rebuilt from an
//! edited dictionary folder is swapped in while other threads keep checking, and a malformed
//! rewrite keeps the old one.

mod common;
// `main` and the loops around standard input and the clock are the example's alone.
#[allow(dead_code)]
#[path = "../examples/service.rs"]
mod service;

use common::{temp_dir, TempDir};
use sanshen::Linter;
use service::{build, current, poll, snapshot, verdict, Shared, Snapshot};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

const POST: &str = "青神县政付要求各单位认真布署。";
const OLD: &str = "!family typo\n青神县政付\t青神县政府\n";
const NEW: &str = "!family typo\n青神县政付\t青神县人民政府\n";

/// A dictionary folder holding `county.tsv`, the service's linter built from it, and what
/// the service has seen of the folder.
fn start(name: &str, text: &str) -> (TempDir, PathBuf, Shared, Snapshot) {
    let dir = temp_dir(&format!("service-{name}"));
    let path = dir.join("county.tsv");
    std::fs::write(&path, text).expect("write dictionary");
    let seen = snapshot(&dir).expect("snapshot");
    let shared: Shared = Arc::new(RwLock::new(Arc::new(build(&seen).expect("old dictionary"))));
    (dir, path, shared, seen)
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
    let (dir, path, shared, mut seen) = start("swap", OLD);
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
        assert_eq!(poll(&dir, &mut seen, &shared), Ok(Some(1)), "new dictionary");
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
    let (dir, path, shared, mut seen) = start("malformed", OLD);
    let before = current(&shared);
    assert_eq!(poll(&dir, &mut seen, &shared), Ok(None), "nothing changed");

    std::fs::write(&path, "!family typo\n青神县政付\n").expect("rewrite dictionary");
    let err = poll(&dir, &mut seen, &shared).expect_err("malformed dictionary");
    assert_eq!(
        err,
        format!(
            "{}:2: expected at least 2 tab-separated fields, found 1; \
             still using the previous dictionaries",
            path.display()
        )
    );
    assert!(Arc::ptr_eq(&before, &current(&shared)));
    assert_eq!(result(&current(&shared)), pairs(&[("青神县政付", "青神县政府"), ("布署", "部署")]));
    // The broken file is not rebuilt again until it changes.
    assert_eq!(poll(&dir, &mut seen, &shared), Ok(None));
}

#[test]
fn a_post_with_an_error_is_not_published() {
    let (_dir, _path, shared, _seen) = start("verdict", OLD);
    let answer = |post: &str| -> serde_json::Value {
        serde_json::from_str(&verdict(&current(&shared), post).expect("JSON")).expect("JSON")
    };
    let held = answer(POST);
    assert_eq!(held["publish"], false);
    assert_eq!(held["findings"].as_array().map(Vec::len), Some(2));
    assert_eq!(held["findings"][0]["text"], "青神县政付");
    let clean = answer("各单位认真部署。");
    assert_eq!(clean["publish"], true);
    assert_eq!(clean["findings"], serde_json::json!([]));
}
