//! JSON Lines records that are imperfect but checkable are checked: common date spellings, an
//! empty or unreadable date (checked as of `--as-of` or today, with a note), a lone surrogate
//! from a truncated emoji, a number out of range in an unrelated field; duplicate keys are
//! reported.

mod common;

use common::{jsonl, sanshen};

fn run(records: &[&str]) -> (Vec<serde_json::Value>, String, Option<i32>) {
    let input = records.join("\n");
    let args = ["check", "--no-config", "--format", "jsonl", "--jsonl", "--id-field", "id"];
    let args = [&args[..], &["--date-field", "date", "--as-of", "2026-05-01", "-"]].concat();
    let out = sanshen(&args, Some(input.as_bytes()));
    (jsonl(&out), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code())
}

fn ids_and_rules(records: &[serde_json::Value]) -> Vec<(String, String)> {
    records
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r["rule"].as_str().unwrap().to_owned()))
        .collect()
}

const OLD_TITLE: &str = "国务院总理李克强主持召开国务院常务会议。";

#[test]
fn common_date_spellings_date_the_post() {
    let posts: Vec<String> = ["2022/05/01", "20220501", "2022.05.01", "2022-05-01 08:00"]
        .iter()
        .enumerate()
        .map(|(i, d)| format!(r#"{{"id":"{i}","date":"{d}","text":"{OLD_TITLE}"}}"#))
        .collect();
    let posts: Vec<&str> = posts.iter().map(String::as_str).collect();
    let (records, err, code) = run(&posts);
    // In 2022 the title was right: nothing to report, nothing refused.
    assert_eq!(records, Vec::<serde_json::Value>::new(), "{err}");
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn an_empty_or_unreadable_date_is_checked_as_of_the_day_with_a_note() {
    let empty = format!(r#"{{"id":"e","date":"","text":"{OLD_TITLE}"}}"#);
    let bad = format!(r#"{{"id":"b","date":"上周五","text":"{OLD_TITLE}"}}"#);
    let (records, err, code) = run(&[&empty, &bad]);
    let want = [("e", "leader/outdated"), ("b", "leader/outdated")];
    let want: Vec<(String, String)> =
        want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(ids_and_rules(&records), want, "{err}");
    assert!(
        err.contains("-:2: field `date` is not a date (\"上周五\"), checked as of 2026-05-01"),
        "{err}"
    );
    assert_eq!(code, Some(1), "{err}");
}

#[test]
fn lone_surrogates_and_numbers_out_of_range_do_not_lose_the_post() {
    let (records, err, code) = run(&[
        r#"{"id":"s","text":"请认真布署\ud83d"}"#,
        r#"{"id":"p","text":"\ud83d\ude00请认真布署"}"#,
        r#"{"id":"n","views":1e400,"text":"请认真布署"}"#,
    ]);
    let rules: Vec<(String, String)> = ids_and_rules(&records);
    let ids: Vec<&str> = rules.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["s", "p", "n"], "{err}");
    assert_eq!(code, Some(1), "{err}");
    // The pair is one emoji (four bytes, not two replacement characters of three).
    assert_eq!(records[1]["start"], 4 + "请认真".len());
}

#[test]
fn duplicate_keys_are_reported() {
    let (records, err, _) = run(&[r#"{"id":"d","text":"请认真部署","text":"请认真布署"}"#]);
    assert!(err.contains("-:1: duplicate key `text`, the last one is used"), "{err}");
    assert_eq!(records.len(), 1);
}
