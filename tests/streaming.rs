//! HTML and Markdown read a piece at a time: the findings of the whole file, placed exactly,
//! in memory that does not grow with the file.

mod common;

use common::{jsonl, sanshen, temp_dir, write};
use sanshen::{Linter, Markup};

/// A page of `blocks` blocks, the first `lines` of them fifty to a line, the rest on one line
/// (as a minifier writes them): a misspelling every fifty blocks at the start and at the end,
/// and in a title attribute now and then.
fn page(blocks: usize, lines: usize) -> String {
    let mut html = String::from("<html><head><title>通知</title></head><body>\n");
    for i in 0..blocks {
        if i % 50 == 0 {
            html.push_str("<p>请认真布署。</p>");
        }
        html.push_str(
            "<div class=\"item\"><p>各单位要认真做好防汛工作，确保人民群众安全。</p></div>",
        );
        if i % 1000 == 999 {
            html.push_str("<p title=\"再接再励\">图</p>");
        }
        if i % 50 == 49 {
            html.push_str("<p>按装设备。</p>");
            if i < lines {
                html.push('\n');
            }
        }
    }
    html.push_str("</body></html>\n");
    html
}

/// (line, column, start, end, rule, text) of each finding.
type Placed = (u64, u64, u64, u64, String, String);

fn placed_by_the_library(text: &str, markup: Markup) -> Vec<Placed> {
    let findings = Linter::new().check_markup(text, markup);
    let place = |f: &sanshen::Finding| {
        let (line, column) = (f.line as u64, f.column as u64);
        (line, column, f.span.start as u64, f.span.end as u64, f.rule.to_owned(), f.text.clone())
    };
    findings.iter().map(place).collect()
}

fn placed_by_the_command(records: &[serde_json::Value]) -> Vec<Placed> {
    let n = |r: &serde_json::Value, k: &str| r[k].as_u64().expect("a number");
    let s = |r: &serde_json::Value, k: &str| r[k].as_str().expect("a string").to_owned();
    let place = |r: &serde_json::Value| {
        (n(r, "line"), n(r, "column"), n(r, "start"), n(r, "end"), s(r, "rule"), s(r, "text"))
    };
    records.iter().map(place).collect()
}

/// The highest resident set size of a process so far, in KiB (Linux).
#[cfg(target_os = "linux")]
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `sanshen check --format jsonl` on `path`, watching its peak memory.
#[cfg(target_os = "linux")]
fn check_watching_memory(path: &str) -> (std::process::Output, u64) {
    run_watching_memory(&["check", "--no-config", "--format", "jsonl", path])
}

/// Runs `sanshen` with `args`, watching its peak memory (KiB).
#[cfg(target_os = "linux")]
fn run_watching_memory(args: &[&str]) -> (std::process::Output, u64) {
    use std::process::Stdio;
    let mut child = common::command()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let pid = child.id();
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut { stdout }, &mut out).map(|_| out)
    });
    let mut peak = 0;
    while child.try_wait().expect("waits").is_none() {
        peak = peak.max(peak_kib(pid).unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let stdout = reader.join().expect("reads").expect("reads");
    let output = child.wait_with_output().expect("finishes");
    (std::process::Output { stdout, ..output }, peak)
}

#[cfg(target_os = "linux")]
#[test]
fn a_long_page_is_checked_in_pieces_placed_as_whole_in_bounded_memory() {
    // About a piece of lines, then pieces cut inside one long line.
    let html = page(110_000, 40_000);
    assert!(html.len() > 10 << 20, "{} bytes: more than two pieces", html.len());
    let dir = temp_dir("long-page");
    let path = write(&dir, "long.html", html.as_bytes());
    let (out, peak) = check_watching_memory(&path);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let got = placed_by_the_command(&jsonl(&out));
    let want = placed_by_the_library(&html, Markup::Html);
    assert_eq!(want.len(), 2 * 2200 + 110, "the page's findings");
    assert!(got == want, "the same findings, placed the same");
    // Read whole, the page and the text a reader sees, with its map back, took some
    // seventeen bytes a byte of text: over 180 MiB here.
    eprintln!("peak resident set: {} MiB", peak >> 10);
    assert!(peak > 0 && peak < 140 << 10, "peak {} MiB", peak >> 10);
}

#[test]
fn a_page_without_a_place_to_cut_is_an_error_naming_the_file() {
    // One `<script>` as long as the longest stretch read, and then some.
    let dir = temp_dir("no-cut");
    let mut html = b"<p>\xe4\xb8\x80</p>\n<script>".to_vec();
    html.resize(html.len() + (64 << 20) + 16, b'x');
    let path = write(&dir, "script.html", &html);
    drop(html);
    let out = sanshen(&["check", "--no-config", &path], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let at = "<p>一</p>\n".len();
    let want = format!("{path}: no place to cut within 64 MiB from byte offset {at}");
    assert!(err.contains(&want), "{err}");
}

/// A text of about `mib` MiB in lines, with a misspelling every 5,000 lines; the numbers of
/// the lines that have one.
fn long_text(mib: usize) -> (String, Vec<usize>) {
    let mut text = String::with_capacity((mib << 20) + 100);
    let mut misspelt = Vec::new();
    for line in 1.. {
        if text.len() >= mib << 20 {
            break;
        }
        if line % 5000 == 1 {
            text.push_str("请认真布署。\n");
            misspelt.push(line);
        } else {
            text.push_str("各单位要认真做好防汛工作，确保人民群众安全。\n");
        }
    }
    (text, misspelt)
}

#[cfg(target_os = "linux")]
#[test]
fn write_and_diff_read_a_file_of_any_size_a_piece_at_a_time_in_bounded_memory() {
    // Larger than the 64 MiB that --write and --diff once read whole, in more than four pieces.
    let (text, misspelt) = long_text(66);
    let dir = temp_dir("write-long");
    let path = write(&dir, "long.txt", text.as_bytes());
    let dict = write(&dir, "typo.tsv", "!family typo\n布署\t部署\n".as_bytes());
    // Only the typo family, with one entry: the test is about reading and writing, and the
    // other families' rules would make a debug build take minutes over 66 MiB.
    let only_typos = ["--no-builtin", "--dict", &dict, "--disable", "format"];
    let args = |flag: &'static str| {
        [&["check", "--no-config", flag][..], &only_typos, &["--disable", "model", &path]].concat()
    };
    let (out, peak) = run_watching_memory(&args("--diff"));
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let mut want = "--- a/".to_owned() + path.trim_start_matches('/');
    want += &("\n+++ b/".to_owned() + path.trim_start_matches('/') + "\n");
    for line in &misspelt {
        want += &format!("@@ -{line},1 +{line},1 @@\n-请认真布署。\n+请认真部署。\n");
    }
    assert!(String::from_utf8_lossy(&out.stdout) == want, "the diff of every misspelling");
    eprintln!("--diff: peak resident set {} MiB", peak >> 10);
    // Read whole, the file, its text and the corrected text were three copies: about 200 MiB.
    assert!(peak > 0 && peak < 150 << 10, "--diff: peak {} MiB", peak >> 10);
    let (out, peak) = run_watching_memory(&args("--write"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains(&format!("fixed {} finding(s)", misspelt.len())), "{err}");
    let written = std::fs::read(&path).unwrap();
    assert!(written == text.replace("布署", "部署").as_bytes(), "every misspelling fixed");
    eprintln!("--write: peak resident set {} MiB", peak >> 10);
    assert!(peak > 0 && peak < 150 << 10, "--write: peak {} MiB", peak >> 10);
    let left = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"));
    assert_eq!(left.count(), 0, "no temporary file is left");
}

/// Files of many sizes in one folder, read one after another on one thread in the buffer the
/// thread keeps between files (one read for those up to 64 KiB): each file's records are those
/// it gives checked alone.
#[test]
fn files_read_one_after_another_in_a_kept_buffer_read_as_if_alone() {
    let dir = temp_dir("kept-buffer");
    let line = "各单位要认真布署防汛工作，确保安全。\r\n";
    let texts: Vec<Vec<u8>> = vec![
        line.repeat(3000).into_bytes(),
        "再接再励".into(),
        Vec::new(),
        b"\0binary".to_vec(),
        line.repeat(1100).into_bytes(),
        "按装设备。\n".repeat(2000).into_bytes(),
        line.repeat(9).into_bytes(),
        line.repeat(5000).into_bytes(),
        "布署\r再接再励\r".into(),
    ];
    let paths: Vec<String> =
        texts.iter().enumerate().map(|(i, t)| write(&dir, &format!("{i}.txt"), t)).collect();
    let run = |input: &str| {
        let mut command = common::command();
        command.env("RAYON_NUM_THREADS", "1");
        command.args(["check", "--no-config", "--no-model", "--format", "jsonl", input]);
        jsonl(&command.output().expect("runs"))
    };
    let together = run(&dir.display().to_string());
    let alone: Vec<serde_json::Value> = paths.iter().flat_map(|p| run(p)).collect();
    assert!(alone.len() > 10_000, "{}", alone.len());
    assert_eq!(together, alone);
}
