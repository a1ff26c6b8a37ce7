//! An input that could not be checked never looks clean: every output format carries it.

mod common;

use common::{sanshen, temp_dir, write};

/// Runs `--format FORMAT` over a good file and a missing one.
fn run(format: &str) -> (std::process::Output, String) {
    let dir = temp_dir(&format!("unchecked-{format}"));
    let good = write(&dir, "good.txt", "请认真布署。".as_bytes());
    let missing = dir.join("missing.txt").display().to_string();
    let out = sanshen(&["check", "--no-config", "--format", format, &good, &missing], None);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    (out, missing)
}

fn stdout_json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

#[test]
fn json_has_an_errors_array() {
    let (out, missing) = run("json");
    let doc = stdout_json(&out);
    assert_eq!(doc["summary"]["findings"], 1);
    assert_eq!(doc["summary"]["errors"], 1);
    let message = doc["errors"][0]["message"].as_str().expect("an error message");
    assert!(message.starts_with(&format!("{missing}: cannot read")), "{message}");
}

#[test]
fn sarif_has_a_notification_and_an_unsuccessful_run() {
    let (out, missing) = run("sarif");
    let doc = stdout_json(&out);
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert!(note["message"]["text"].as_str().unwrap().contains(&missing), "{note}");
    assert_eq!(doc["runs"][0]["results"].as_array().map(Vec::len), Some(1));
}

#[test]
fn sarif_without_errors_is_a_successful_run() {
    let out =
        sanshen(&["check", "--no-config", "--format", "sarif"], Some("请认真部署。".as_bytes()));
    let doc = stdout_json(&out);
    assert_eq!(doc["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn github_has_an_error_annotation() {
    let (out, missing) = run("github");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find(|l| l.contains(&missing)).expect("an annotation");
    assert!(line.starts_with("::error "), "{line}");
}

#[test]
fn human_summary_counts_what_could_not_be_checked() {
    let (out, _) = run("human");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout.lines().last().unwrap();
    assert!(summary.contains("1 处无法检查"), "{summary}");
}

#[cfg(unix)]
#[test]
fn an_endless_input_is_refused_at_once() {
    let started = std::time::Instant::now();
    let out = sanshen(&["check", "--no-config", "/dev/zero"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/dev/zero: binary file (NUL byte at offset 0)"), "{err}");
    // Not a timing test: without a bound it would never end (it ran out of memory).
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[cfg(unix)]
#[test]
fn linked_folders_are_walked_and_loops_reported() {
    let dir = temp_dir("linked");
    let shared = dir.join("shared");
    let site = dir.join("site");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::create_dir_all(&site).unwrap();
    write(&shared, "notice.txt", "请认真布署。".as_bytes());
    std::os::unix::fs::symlink(&shared, site.join("shared")).unwrap();
    let out = sanshen(&["check", "--no-config", "--format", "jsonl", site.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let records = common::jsonl(&out);
    assert_eq!(records.len(), 1);
    assert!(records[0]["path"].as_str().unwrap().ends_with("site/shared/notice.txt"));
    // A link back up is reported, not walked forever and not skipped in silence.
    std::os::unix::fs::symlink(&site, site.join("again")).unwrap();
    let out = sanshen(&["check", "--no-config", "--format", "jsonl", site.to_str().unwrap()], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("again"), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(common::jsonl(&out).len(), 1);
}

#[test]
fn the_configuration_is_found_from_each_checked_path() {
    let dir = temp_dir("config-per-path");
    let site = dir.join("site");
    let other = dir.join("other");
    std::fs::create_dir_all(site.join("news")).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    write(
        &site,
        "sanshen.toml",
        b"allow = [\"\xe8\xae\xa4\xe7\x9c\x9f\xe5\xb8\x83\xe7\xbd\xb2\"]\n",
    );
    let post = write(&site.join("news"), "post.txt", "请认真布署。".as_bytes());
    let plain = write(&other, "post.txt", "请认真布署。".as_bytes());
    // Run from a folder with no sanshen.toml above it: the site's own file still applies to
    // the site, and only to it.
    let args = ["check", "--verbose", "--format", "jsonl", &post, &plain];
    let out = common::sanshen_in(&std::env::temp_dir(), &args, None);
    let err = String::from_utf8_lossy(&out.stderr);
    let records = common::jsonl(&out);
    let paths: Vec<&str> = records.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(paths, [plain.as_str()], "{err}");
    let used = site.join("sanshen.toml");
    assert!(err.contains(&format!("{post}: configuration {}", used.display())), "{err}");
    assert!(err.contains(&format!("{plain}: no configuration")), "{err}");
}
