//! `hooks/pre-commit` in a temporary git repository, with the built `sanshen` on PATH.

mod common;

use common::{temp_dir, TempDir};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn hook() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("hooks/pre-commit")
}

/// PATH with the directory of the built binary first.
fn path_with_sanshen() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_sanshen")).parent().expect("binary directory");
    let old = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin.to_owned()).chain(std::env::split_paths(&old)))
        .expect("PATH")
}

fn run(repo: &Path, program: &Path, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(repo)
        .env("PATH", path_with_sanshen())
        .env("SANSHEN_CACHE_DIR", common::CACHE_DIR)
        // Set when the tests themselves run inside a git hook; they would point at that repository.
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run")
}

fn git(repo: &Path, args: &[&str]) -> Output {
    let out = run(repo, Path::new("git"), args);
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// A new repository whose commits run the shipped hook.
fn repo(name: &str) -> TempDir {
    let dir = temp_dir(&format!("hooks-{name}"));
    git(&dir, &["init", "-q"]);
    git(&dir, &["config", "user.name", "Test"]);
    git(&dir, &["config", "user.email", "test@example.com"]);
    git(&dir, &["config", "commit.gpgsign", "false"]);
    let hooks = hook().parent().expect("hooks folder").display().to_string();
    git(&dir, &["config", "core.hooksPath", &hooks]);
    dir
}

fn stage(repo: &Path, name: &str, text: &str) {
    std::fs::write(repo.join(name), text).expect("write");
    git(repo, &["add", "--", name]);
}

fn commit(repo: &Path) -> Output {
    run(repo, Path::new("git"), &["commit", "-q", "-m", "post"])
}

#[test]
fn a_staged_error_blocks_the_commit() {
    let repo = repo("error");
    stage(&repo, "通知 草稿.txt", "请各单位认真布署。\n");

    let out = run(&repo, &hook(), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_ne!(out.status.code(), Some(0), "hook passed: {stdout}");
    assert!(stdout.contains("通知 草稿.txt:1:7: error [typo/dictionary]"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("sanshen found errors"));

    assert!(!commit(&repo).status.success(), "the commit went through");
    let log = run(&repo, Path::new("git"), &["rev-parse", "--verify", "-q", "HEAD"]);
    assert!(!log.status.success(), "a commit exists");
}

#[test]
fn clean_files_pass() {
    let repo = repo("clean");
    stage(&repo, "通知 草稿.txt", "请各单位认真部署。\n");
    stage(&repo, "README.md", "# 通知\n\n请各单位认真部署。\n");
    // Not text, Markdown or HTML: not checked.
    stage(&repo, "notes.rs", "// 布署\n");

    let out = run(&repo, &hook(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let out = commit(&repo);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
