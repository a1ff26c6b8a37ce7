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
