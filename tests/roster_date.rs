//! The binary says how old its leader roster is, and loads a newer one in its place.

mod common;

use common::{days_after, sanshen, shipped_roster_date, temp_dir, write};

const TEXT: &str = "国务院总理李强主持会议。";

/// The notice's opening words for the shipped roster.
fn notice() -> String {
    format!("领导人名册截至{}", shipped_roster_date())
}

/// The day `n` days after the shipped roster's date, as written on the command line.
fn after(n: i64) -> String {
    days_after(shipped_roster_date(), n).to_string()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_notice_once_a_run_when_the_roster_is_old_for_the_day_checked() {
    let dir = temp_dir("roster-notice");
    let a = write(&dir, "a.txt", TEXT.as_bytes());
    let b = write(&dir, "b.txt", TEXT.as_bytes());
    let fresh = sanshen(&["check", "--as-of", &after(90), &a, &b], None);
    assert!(!stderr(&fresh).contains(&notice()), "{}", stderr(&fresh));
    let old = sanshen(&["check", "--as-of", &after(91), &a, &b], None);
    assert_eq!(stderr(&old).matches(&notice()).count(), 1, "{}", stderr(&old));
    assert!(stderr(&old).contains("--roster"), "{}", stderr(&old));
    assert_eq!(old.status.code(), Some(0), "a notice is no finding");
}

#[test]
fn the_json_and_sarif_summaries_carry_the_roster_date() {
    let dir = temp_dir("roster-json");
    let a = write(&dir, "a.txt", TEXT.as_bytes());
    let out = sanshen(&["check", "--format", "json", "--as-of", &after(200), &a], None);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let roster = &doc["summary"]["roster"];
    assert_eq!(roster["as_of"], shipped_roster_date().to_string());
    assert_eq!(roster["checked_as_of"], after(200));
    assert_eq!(roster["stale"], true);
    assert!(roster["notice"].as_str().is_some_and(|n| n.contains(&notice())), "{roster}");
    let out = sanshen(&["check", "--format", "sarif", "--as-of", &after(10), &a], None);
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

#[test]
fn the_roster_command_prints_the_date_then_the_rows() {
    let out = sanshen(&["roster"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let first = text.lines().next().unwrap_or_default();
    assert!(first.contains(&notice()), "{first}");
    assert!(text.lines().any(|l| l == "李强\t国务院总理\tfrom=2023-03-11"), "{text}");
    assert!(text.contains("李克强\t国务院总理\tfrom=2013-03-15\tto=2023-03-11\n"), "{text}");
    // Who held what on a day: the premier of that day only.
    let out = sanshen(&["roster", "--on", "2022-06-01"], None);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("李克强\t国务院总理"), "{text}");
    assert!(!text.contains("李强\t国务院总理"), "{text}");
    assert!(text.contains("# 2022-06-01有效的职务"), "{text}");
}

#[test]
fn the_roster_command_reads_a_file_and_names_its_faults() {
    let dir = temp_dir("roster-command");
    let good = "!family roster\n!as-of 2026-11-30\n王某\t国务院总理\tfrom=2026-10-01\tsource=某网 2026-10-01\n";
    let r = write(&dir, "roster.tsv", good.as_bytes());
    let out = sanshen(&["roster", "--roster", &r], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.starts_with("# 领导人名册截至2026-11-30"), "{text}");
    assert!(text.contains("王某\t国务院总理\tfrom=2026-10-01\n"), "{text}");
    let bad = write(
        &dir,
        "bad.tsv",
        "!family roster\n!as-of 2026-11-30\n王某\t国务院总理\tfrm=1\n".as_bytes(),
    );
    let out = sanshen(&["roster", "--roster", &bad], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.tsv:3: unknown attribute `frm`"), "{}", stderr(&out));
}
