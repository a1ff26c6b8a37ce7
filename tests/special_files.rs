//! Named pipes, devices and sockets given to `sanshen check`: a pipe named on the command line is
//! read once as a stream, a pipe in a folder is skipped with a note, `--write` refuses them, and
//! nothing waits forever. Each run is guarded: a child still running after [`HANG`] is killed
//! and the test fails (a guard against hanging, not a measure of speed).

#![cfg(unix)]

mod common;

use common::{command, temp_dir};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// How long a run may take before it counts as hanging.
const HANG: Duration = Duration::from_secs(120);

/// What a finished run gave.
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Starts `sanshen check ARGS` (as of the shipped roster's date, so no staleness note), with
/// standard input closed.
fn start(args: &[&str]) -> Child {
    let as_of = common::shipped_roster_date().to_string();
    command()
        .arg("check")
        .args(["--no-config", "--as-of", &as_of])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs")
}

/// Waits for `child`, killing it and failing the test if it is still running after [`HANG`].
#[track_caller]
fn finish(mut child: Child, what: &str) -> Ran {
    let start = Instant::now();
    // Read the output as it comes, so a full pipe never blocks the child.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || read_all(&mut stdout));
    let err = std::thread::spawn(move || read_all(&mut stderr));
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {HANG:?}, killed");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (stdout, stderr) = (out.join().expect("stdout"), err.join().expect("stderr"));
    Ran { code: status.code(), stdout, stderr }
}

fn read_all(pipe: &mut impl Read) -> String {
    let mut bytes = Vec::new();
    let _ = pipe.read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Makes a named pipe with the system's `mkfifo`.
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Writes `bytes` into the pipe at `path` from another thread, then closes it. The thread is
/// not joined: if the reader never opens the pipe, it waits until the test process ends.
fn feed(path: &Path, bytes: &'static [u8]) {
    let path: PathBuf = path.to_owned();
    std::thread::spawn(move || {
        if let Ok(mut pipe) = std::fs::OpenOptions::new().write(true).open(&path) {
            // The reader may close early (it found what it needed): a broken pipe is fine.
            let _ = pipe.write_all(bytes);
        }
    });
}

const POST: &[u8] = "各单位：\n请认真布署防汛工作。\n".as_bytes();

#[test]
fn a_pipe_named_on_the_command_line_is_read_once_as_a_stream() {
    let dir = temp_dir("fifo-named");
    let pipe = dir.join("post.txt");
    mkfifo(&pipe);
    let child = start(&["--format", "jsonl", pipe.to_str().unwrap()]);
    feed(&pipe, POST);
    let ran = finish(child, "check on a pipe");
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    let records: Vec<serde_json::Value> =
        ran.stdout.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    let typo = records.iter().find(|r| r["text"] == "布署").expect(&ran.stdout);
    // The whole text was read: nothing was lost to a look at its first bytes.
    assert_eq!((typo["line"].as_u64(), typo["column"].as_u64()), (Some(2), Some(4)), "{typo}");
}

#[test]
fn a_pipe_is_diffed_from_one_read() {
    let dir = temp_dir("fifo-diff");
    let pipe = dir.join("post.txt");
    mkfifo(&pipe);
    let child = start(&["--diff", pipe.to_str().unwrap()]);
    feed(&pipe, POST);
    let ran = finish(child, "check --diff on a pipe");
    assert!(ran.stdout.contains("+请认真部署防汛工作。"), "{}\n{}", ran.stdout, ran.stderr);
    assert!(ran.stdout.contains("-请认真布署防汛工作。"), "{}", ran.stdout);
}

#[test]
fn a_pipe_of_json_lines_is_read_once() {
    let dir = temp_dir("fifo-jsonl");
    let pipe = dir.join("posts.jsonl");
    mkfifo(&pipe);
    let child = start(&["--format", "jsonl", pipe.to_str().unwrap()]);
    feed(&pipe, "{\"text\":\"请认真布署防汛工作。\"}\n".as_bytes());
    let ran = finish(child, "check on a pipe of JSON Lines");
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    assert!(ran.stdout.contains("布署"), "{}", ran.stdout);
}

#[test]
fn write_refuses_a_pipe_without_waiting_for_a_writer() {
    let dir = temp_dir("fifo-write");
    let pipe = dir.join("post.txt");
    mkfifo(&pipe);
    let ran = finish(start(&["--write", pipe.to_str().unwrap()]), "check --write on a pipe");
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    let want = format!("{}: a named pipe, which --write cannot rewrite", pipe.display());
    assert!(ran.stderr.contains(&want), "{}", ran.stderr);
}

#[test]
fn write_refuses_an_endless_device() {
    let ran = finish(start(&["--write", "/dev/zero"]), "check --write /dev/zero");
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("/dev/zero: a device, which --write cannot rewrite"),
        "{}",
        ran.stderr
    );
}

#[test]
fn an_endless_device_is_refused_as_binary_after_one_small_read() {
    let ran = finish(start(&["/dev/zero"]), "check /dev/zero");
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    assert!(ran.stderr.contains("/dev/zero: binary file (NUL byte at offset 0)"), "{}", ran.stderr);
}

#[test]
fn a_pipe_in_a_folder_is_skipped_with_a_note() {
    let dir = temp_dir("fifo-folder");
    std::fs::write(dir.join("a.txt"), POST).unwrap();
    mkfifo(&dir.join("b.txt"));
    let ran = finish(start(&["--format", "jsonl", dir.to_str().unwrap()]), "check on a folder");
    assert_eq!(ran.code, Some(1), "{}", ran.stderr);
    assert!(ran.stdout.contains("布署"), "the folder's text is checked: {}", ran.stdout);
    let note = format!("{}: a named pipe, skipped in a folder", dir.join("b.txt").display());
    assert!(ran.stderr.contains(&note), "{}", ran.stderr);
}

#[test]
fn a_socket_is_a_clear_error() {
    let dir = temp_dir("socket");
    let path = dir.join("s.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&path).expect("binds");
    let ran = finish(start(&[path.to_str().unwrap()]), "check on a socket");
    assert_eq!(ran.code, Some(2), "{}", ran.stderr);
    let want = format!("{}: a socket, not a file that can be read, not checked", path.display());
    assert!(ran.stderr.contains(&want), "{}", ran.stderr);
}
