//! The rule registry seen from outside: selectors in flags and configuration, `--list-rules`,
//! SARIF rule descriptors and the protected terms' own selector.

mod common;

use common::{jsonl, sanshen, temp_dir, write};
use sanshen::{registry, Family, LinterBuilder};

#[track_caller]
fn assert_usage_error(args: &[&str], named: &str) {
    let out = sanshen(args, Some("请认真布署。".as_bytes()));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(&format!("`{named}`")), "{err}");
}

#[test]
fn unknown_rules_families_and_categories_in_flags_exit_2_naming_them() {
    assert_usage_error(&["check", "--disable-rule", "typo/bogus"], "typo/bogus");
    assert_usage_error(&["check", "--disable", "typos"], "typos");
    assert_usage_error(&["check", "--disable-category", "advertizing"], "advertizing");
    let out = sanshen(&["check", "--disable-rule", "typo/bogus"], Some(b"x"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("typo/dictionary") && err.contains("protected"), "{err}");
    // Known names are fine.
    for args in [["--disable-rule", "typo/protected"], ["--disable-category", "advertising"]] {
        let out = sanshen(&[&["check"][..], &args].concat(), Some("请认真部署。".as_bytes()));
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn an_unknown_rule_in_the_configuration_names_the_file_and_the_id() {
    let dir = temp_dir("registry-config");
    write(&dir, "sanshen.toml", b"[rules]\n\"typo/bogus\" = false\n");
    write(&dir, "a.txt", "请认真布署。".as_bytes());
    let out = common::sanshen_in(&dir, &["check", "a.txt"], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("sanshen.toml") && err.contains("`typo/bogus`"), "{err}");
}

#[test]
fn list_rules_prints_the_registry() {
    let out = sanshen(&["check", "--list-rules"], None);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), registry::rules().len());
    assert!(text.contains("typo/protected") && text.contains("重要表述"), "{text}");
    let out = sanshen(&["check", "--list-rules", "--format", "json"], None);
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let ids: Vec<&str> =
        rules.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"typo/model") && ids.contains(&"format/width"), "{ids:?}");
}

#[test]
fn sarif_rules_come_from_the_registry() {
    let out = sanshen(&["check", "--format", "sarif"], Some("请认真布署。".as_bytes()));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF");
    let rule = &log["runs"][0]["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "typo/dictionary");
    assert_eq!(rule["name"], "词典错别字");
    assert_eq!(rule["shortDescription"]["text"], format!("{}：词典错别字", Family::Typo.label()));
}

#[test]
fn turning_the_typo_family_off_leaves_protected_terms_on() {
    let text = "中华人民共合国成立，请认真布署。";
    let rules = |b: &LinterBuilder| -> Vec<String> {
        b.build().unwrap().check(text).into_iter().map(|f| f.rule).collect()
    };
    let mut b = LinterBuilder::new();
    assert_eq!(rules(&b), ["typo/protected", "typo/dictionary"]);
    b.family(Family::Typo, false);
    assert_eq!(rules(&b), ["typo/protected"]);
    b.disable_rule("protected");
    // With the protected rule off, the statistical model (its own selector) may take the slip.
    assert!(rules(&b).iter().all(|r| r == "typo/model"), "{:?}", rules(&b));
    b.disable_rule("model");
    assert!(rules(&b).is_empty());
    let out = sanshen(&["check", "--format", "jsonl", "--disable", "typo"], Some(text.as_bytes()));
    let found: Vec<String> = jsonl(&out).iter().map(|r| r["rule"].to_string()).collect();
    assert_eq!(found, ["\"typo/protected\""]);
}
