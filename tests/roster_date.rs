//! The binary says how old its leader roster is, and loads a newer one in its place.

mod common;

use common::{sanshen, temp_dir, write};

const TEXT: &str = "国务院总理李强主持会议。";
const NOTICE: &str = "领导人名册截至2026-03-13";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_notice_once_a_run_when_the_roster_is_old_for_the_day_checked() {
    let dir = temp_dir("roster-notice");
    let a = write(&dir, "a.txt", TEXT.as_bytes());
    let b = write(&dir, "b.txt", TEXT.as_bytes());
    let fresh = sanshen(&["check", "--as-of", "2026-06-11", &a, &b], None);
    assert!(!stderr(&fresh).contains(NOTICE), "{}", stderr(&fresh));
    let old = sanshen(&["check", "--as-of", "2026-06-12", &a, &b], None);
    assert_eq!(stderr(&old).matches(NOTICE).count(), 1, "{}", stderr(&old));
    assert!(stderr(&old).contains("--roster"), "{}", stderr(&old));
    assert_eq!(old.status.code(), Some(0), "a notice is no finding");
}

#[test]
fn the_json_and_sarif_summaries_carry_the_roster_date() {
    let dir = temp_dir("roster-json");
    let a = write(&dir, "a.txt", TEXT.as_bytes());
    let out = sanshen(&["check", "--format", "json", "--as-of", "2026-12-01", &a], None);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let roster = &doc["summary"]["roster"];
    assert_eq!(roster["as_of"], "2026-03-13");
    assert_eq!(roster["checked_as_of"], "2026-12-01");
    assert_eq!(roster["stale"], true);
    assert!(roster["notice"].as_str().is_some_and(|n| n.contains(NOTICE)), "{roster}");
    let out = sanshen(&["check", "--format", "sarif", "--as-of", "2026-04-01", &a], None);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif");
    let roster = &log["runs"][0]["properties"]["roster"];
    assert_eq!(roster["stale"], false, "{roster}");
    assert_eq!(roster["notice"], serde_json::Value::Null);
}

#[test]
fn a_roster_file_replaces_the_shipped_one() {
    let dir = temp_dir("roster-file");
    let a = write(&dir, "a.txt", "国务院总理王某主持会议。".as_bytes());
    let roster = "!family roster\n!as-of 2026-11-30\n王某\t国务院总理\tfrom=2026-10-01\tsource=某网 2026-10-01\n李强\t国务院总理\tfrom=2023-03-11\tto=2026-10-01\tsource=某网 2026-10-01\n";
    let r = write(&dir, "roster.tsv", roster.as_bytes());
    let out = sanshen(&["check", "--roster", &r, "--as-of", "2026-12-01", &a], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(!stderr(&out).contains("名册截至"), "{}", stderr(&out));
    let b = write(&dir, "b.txt", TEXT.as_bytes());
    let out = sanshen(&["check", "--roster", &r, "--as-of", "2026-12-01", &b], None);
    assert_eq!(out.status.code(), Some(1), "李强 is no longer premier in the loaded roster");
    // The shipped roster knows nothing of 王某 and keeps 李强.
    let out = sanshen(&["check", "--as-of", "2026-12-01", &b], None);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_roster_file_is_validated() {
    let dir = temp_dir("roster-bad");
    let a = write(&dir, "a.txt", TEXT.as_bytes());
    let r = write(
        &dir,
        "roster.tsv",
        "!family roster\n!as-of 2026-11-30\n王某\t国务院总理\n".as_bytes(),
    );
    let out = sanshen(&["check", "--roster", &r, &a], None);
    assert!(
        stderr(&out).contains("roster.tsv:3: 王某 国务院总理: no `source=`"),
        "{}",
        stderr(&out)
    );
}
