//! Helpers the end-to-end tests share: running the binary and making fixture files.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Where the binary keeps built automata during the tests: under the build's own temporary
/// folder, never the user's cache directory.
pub(crate) const CACHE_DIR: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/automata");

/// A command that runs the built `sanshen`, with its automaton cache in [`CACHE_DIR`].
pub(crate) fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sanshen"));
    command.env("SANSHEN_CACHE_DIR", CACHE_DIR);
    command
}

/// Runs `sanshen` with `args`, feeding `stdin` to it.
pub(crate) fn sanshen(args: &[&str], stdin: Option<&[u8]>) -> Output {
    run(command(), args, stdin)
}

/// Runs `sanshen` in the folder `dir` (where it looks for sanshen.toml first).
pub(crate) fn sanshen_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = command();
    command.current_dir(dir);
    run(command, args, stdin)
}

fn run(mut command: Command, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut pipe = child.stdin.take().expect("stdin");
    // The binary may exit before reading (a usage error): a broken pipe is fine.
    let _ = pipe.write_all(stdin.unwrap_or_default());
    drop(pipe);
    child.wait_with_output().expect("finishes")
}

/// A temporary folder that is removed, with everything in it, when the test is done with it
/// (a failing test's folder goes too: its assertion message says what went wrong).
pub(crate) struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for TempDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh temporary folder for one test, removed when the returned guard is dropped.
pub(crate) fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("sanshen-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

/// Writes a file and returns its path as text.
pub(crate) fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("writes");
    path.display().to_string()
}

/// The JSON Lines records a run printed.
pub(crate) fn jsonl(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// The `!as-of` date of the shipped roster, read from the file, so that updating the roster
/// does not mean editing the tests.
pub(crate) fn shipped_roster_date() -> sanshen::Date {
    let roster = include_str!("../../dictionaries/leader/roster.tsv");
    let line = roster.lines().find_map(|l| l.strip_prefix("!as-of "));
    line.expect("the shipped roster has an !as-of line").trim().parse().expect("an ISO date")
}

/// The day `n` days after `date`.
pub(crate) fn days_after(date: sanshen::Date, n: i64) -> sanshen::Date {
    sanshen::Date::from_days_since_epoch(date.days_since_epoch() + n)
}
