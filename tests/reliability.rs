//! No input breaks sanshen, nothing is lost, nothing is silently wrong: odd and hostile inputs
//! through the binary and the library, each with the outcome it must have.

mod common;

use common::{jsonl, sanshen, temp_dir, write};

use sanshen::{Family, Finding, Linter, LinterBuilder};
use std::path::Path;
use std::process::Output;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `(line, column, start, end, text)` of each JSON Lines record.
fn places(records: &[serde_json::Value]) -> Vec<(u64, u64, u64, u64, String)> {
    records
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_u64().expect(k);
            (n("line"), n("column"), n("start"), n("end"), r["text"].as_str().unwrap().to_owned())
        })
        .collect()
}

/// `(line, column, start, end, text)` of each finding.
fn found(findings: &[Finding]) -> Vec<(usize, usize, usize, usize, &str)> {
    findings.iter().map(|f| (f.line, f.column, f.span.start, f.span.end, f.text.as_str())).collect()
}

fn linter_with(dict: &str) -> Linter {
    let mut b = LinterBuilder::new();
    b.builtin(false).add_dictionary("test.tsv", dict).expect("dictionary parses");
    b.build().expect("builds")
}

fn count(findings: &[Finding], family: Family) -> usize {
    findings.iter().filter(|f| f.family == family).count()
}

/// Whether this process can read a file it has no permission for (root can).
fn permissions_are_bypassed(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, b"x").expect("writes");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let bypassed = std::fs::read(&probe).is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::fs::remove_file(&probe).expect("removes");
    bypassed
}

#[test]
fn empty_file_is_clean() {
    let dir = temp_dir("empty");
    let empty = write(&dir, "empty.txt", b"");
    // A day the shipped roster is current for, so that no out-of-date notice is due.
    let out = sanshen(&["check", "--format", "jsonl", "--as-of", "2026-03-20", &empty], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let human = sanshen(&["check", &empty], None);
    assert_eq!(human.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&human.stdout).contains("1 个文件：0 个错误"));
    // Empty standard input, and the empty JSON Lines file.
    assert_eq!(sanshen(&["check"], Some(b"")).status.code(), Some(0));
    let posts = write(&dir, "empty.jsonl", b"");
    assert_eq!(sanshen(&["check", &posts], None).status.code(), Some(0));

    let linter = Linter::new();
    assert!(linter.check("").is_empty());
    assert_eq!(linter.fix("").text, "");
}

#[test]
fn whitespace_only_is_clean() {
    let text = " \t\n\r\n\r\u{3000}\u{3000}\n\n   \u{a0}\n";
    let dir = temp_dir("blank");
    let path = write(&dir, "blank.txt", text.as_bytes());
    let out = sanshen(&["check", "--format", "jsonl", &path], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(Linter::new().check(text).is_empty());
    assert_eq!(Linter::new().fix(text).text, text);
    // Blank JSON Lines records are skipped, not errors.
    let posts = write(&dir, "blank.jsonl", b"\n  \n\r\n\t\n");
    let out = sanshen(&["check", &posts], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn byte_order_mark_counts_in_offsets_and_survives_write() {
    let dir = temp_dir("bom");
    let content = "\u{feff}请认真布署。\n";
    let path = write(&dir, "bom.txt", content.as_bytes());
    let out = sanshen(&["check", "--format", "jsonl", &path], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // The BOM is three bytes of the file but no character of the text.
    assert_eq!(places(&jsonl(&out)), [(1, 4, 12, 18, "布署".to_owned())]);
    assert_eq!(&content.as_bytes()[12..18], "布署".as_bytes());

    // A BOM alone is an empty file.
    let only = write(&dir, "only-bom.txt", "\u{feff}".as_bytes());
    assert_eq!(sanshen(&["check", &only], None).status.code(), Some(0));

    let out = sanshen(&["check", "--write", &path], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "\u{feff}请认真部署。\n");

    // The library sees the BOM as part of the text: offsets count it.
    let text = "\u{feff}请认真布署。";
    let f = Linter::new().check(text);
    assert_eq!((f[0].span.start, f[0].span.end, f[0].line), (12, 18, 1));
    assert_eq!(&text[f[0].span], "布署");
}

#[test]
fn crlf_and_lone_cr_end_lines() {
    let dir = temp_dir("line-ends");
    let content = "第一行。\r\n第二行。\r请认真布署。\r\n\r\n布署\r布署\n";
    let path = write(&dir, "ends.txt", content.as_bytes());
    let out = sanshen(&["check", "--format", "jsonl", "--disable", "format", &path], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let want = [(3, 4, 36, 42, "布署"), (5, 1, 49, 55, "布署"), (6, 1, 56, 62, "布署")];
    let want: Vec<_> = want.iter().map(|&(l, c, s, e, t)| (l, c, s, e, t.to_owned())).collect();
    assert_eq!(places(&jsonl(&out)), want);
    for (_, _, s, e, t) in &want {
        assert_eq!(&content.as_bytes()[*s as usize..*e as usize], t.as_bytes());
    }

    let f = Linter::new().check(content);
    let typos: Vec<_> = f.into_iter().filter(|f| f.family == Family::Typo).collect();
    assert_eq!(
        found(&typos),
        [(3, 4, 36, 42, "布署"), (5, 1, 49, 55, "布署"), (6, 1, 56, 62, "布署")]
    );

    // --write keeps every line end as it was.
    let out = sanshen(&["check", "--write", &path], None);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "第一行。\r\n第二行。\r请认真部署。\r\n\r\n部署\r部署\n"
    );
}

#[test]
fn a_100_mb_line_is_checked_to_its_end() {
    const SIZE: usize = 100 << 20;
    let mut text = String::with_capacity(SIZE + 64);
    // A long clean line: Latin letters, digits, spaces and Chinese (3 bytes each).
    let chunk = "Report 2026 data 报告数据正常 ";
    while text.len() + chunk.len() < SIZE {
        text.push_str(chunk);
    }
    let before = text.len();
    text.push_str("请认真布署。");
    // The dictionaries' path over the line: the statistical model, on by default, would score
    // every character, minutes in a debug build (its speed is a benchmark's matter, and
    // tests/properties.rs checks it on generated text).
    let findings = Linter::builder().model(false).build().unwrap().check(&text);
    let typos: Vec<&Finding> = findings.iter().filter(|f| f.family == Family::Typo).collect();
    assert_eq!(typos.len(), 1, "{:?}", typos);
    let start = before + "请认真".len();
    assert_eq!((typos[0].span.start, typos[0].span.end), (start, start + 6));
    assert_eq!(typos[0].line, 1);
    assert_eq!(&text.as_str()[typos[0].span], "布署");
}

#[test]
fn invalid_utf8_is_reported_with_its_offset_and_the_rest_checked() {
    let dir = temp_dir("utf8");
    let first = write(&dir, "a-first.txt", "请认真布署。".as_bytes());
    // Line 3, byte 29: a truncated three-byte sequence.
    let mut bad = "第一行布署。\n第二行\n".as_bytes().to_vec();
    bad.extend_from_slice(b"\xe5\xb8\n");
    bad.extend_from_slice("布署".as_bytes());
    let invalid = write(&dir, "b-invalid.txt", &bad);
    let last = write(&dir, "c-last.txt", "再接再励。".as_bytes());
    let out = sanshen(&["check", "--format", "jsonl", &first, &invalid, &last], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{invalid}:3: invalid UTF-8 at byte offset 29")), "{err}");
    let records = jsonl(&out);
    let paths: Vec<&str> = records.iter().map(|r| r["path"].as_str().unwrap()).collect();
    // Nothing of the invalid file is reported as if it had been checked.
    assert_eq!(paths, [first.as_str(), last.as_str()]);

    // The same from standard input, and lone bytes that are never UTF-8.
    let out = sanshen(&["check"], Some(b"ok\n\xff"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-:2: invalid UTF-8 at byte offset 3"), "{}", stderr(&out));
    // Directories too: the invalid file does not stop the walk.
    let out = sanshen(&["check", "--format", "jsonl", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(jsonl(&out).len(), 2);
}

#[test]
fn invalid_utf8_in_a_json_lines_record_loses_only_that_record() {
    let dir = temp_dir("utf8-jsonl");
    let mut posts = r#"{"id":"1","text":"请认真布署。"}"#.as_bytes().to_vec();
    posts.extend_from_slice(b"\n{\"id\":\"2\",\"text\":\"\xff\"}\n");
    posts.extend_from_slice(r#"{"id":"3","text":"再接再励"}"#.as_bytes());
    let path = write(&dir, "posts.jsonl", &posts);
    let out = sanshen(&["check", "--format", "jsonl", "--id-field", "id", &path], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&format!("{path}:2: invalid UTF-8")), "{}", stderr(&out));
    let records = jsonl(&out);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "3"]);
}

#[test]
fn binary_files_are_refused_and_the_rest_checked() {
    let dir = temp_dir("binary");
    let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
    elf.extend_from_slice(&[0; 9]);
    elf.extend_from_slice("布署".as_bytes());
    let elf = write(&dir, "a.out", &elf);
    let png = write(&dir, "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let utf16 = write(&dir, "utf16.txt", &[0xff, 0xfe, 0x03, 0x5e, 0x72, 0x7f]);
    let good = write(&dir, "good.txt", "请认真布署。".as_bytes());
    let out = sanshen(&["check", "--format", "jsonl", &elf, &png, &utf16, &good], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{elf}: binary file (NUL byte at offset 7)")), "{err}");
    assert!(err.contains(&format!("{png}: binary file (NUL byte at offset 8)")), "{err}");
    // UTF-16 with a byte-order mark is text (布署; tests/encodings.rs).
    assert!(!err.contains(&utf16), "{err}");
    let records = jsonl(&out);
    let found: Vec<(&str, u64)> = records
        .iter()
        .map(|r| (r["path"].as_str().unwrap(), r["start"].as_u64().unwrap()))
        .collect();
    assert_eq!(found, [(utf16.as_str(), 2), (good.as_str(), 9)]);
}

#[test]
fn unreadable_inputs_are_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("unreadable");
    let good = write(&dir, "good.txt", "请认真布署。".as_bytes());
    // A path below a regular file cannot be opened, whoever runs the test.
    let below_file = format!("{good}/post.txt");
    let out = sanshen(&["check", "--format", "jsonl", &below_file, &good], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&format!("{below_file}: cannot read")), "{}", stderr(&out));
    assert_eq!(jsonl(&out).len(), 1);

    // A dictionary that is a directory.
    let out = sanshen(&["check", "--dict", dir.to_str().unwrap()], Some(b"text"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(dir.to_str().unwrap()), "{}", stderr(&out));

    if permissions_are_bypassed(&dir) {
        eprintln!(
            "skipped: this user reads files whatever their mode (root); chmod 000 proves nothing"
        );
        return;
    }
    let secret = write(&dir, "secret.txt", "布署".as_bytes());
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = sanshen(&["check", "--format", "jsonl", &secret, &good], None);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&format!("{secret}: cannot read")), "{}", stderr(&out));
    assert_eq!(jsonl(&out).len(), 1);
}

#[test]
fn duplicate_dictionary_entries_later_wins() {
    // Within one file.
    let linter = linter_with("!family typo\n布署\t部署\n布署\t布置\n");
    let f = linter.check("请布署。");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].suggestions, ["布置"]);

    // Across files on the command line, and over a shipped entry.
    let dir = temp_dir("duplicates");
    let a = write(&dir, "a.tsv", "!family typo\n布署\t部署|布置\n".as_bytes());
    let b = write(&dir, "b.tsv", "!family typo\n布署\t布防\tseverity=info\n".as_bytes());
    let out = sanshen(
        &["check", "--format", "jsonl", "--dict", &a, "--dict", &b],
        Some("请布署。".as_bytes()),
    );
    // The later entry is `info`, below the default --fail-on warning.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = jsonl(&out);
    let typos: Vec<_> = records.iter().filter(|r| r["family"] == "typo").collect();
    assert_eq!(typos.len(), 1);
    assert_eq!(typos[0]["suggestions"], serde_json::json!(["布防"]));
    assert_eq!(typos[0]["severity"], "info");
    let out = sanshen(
        &["check", "--format", "jsonl", "--dict", &b, "--dict", &a],
        Some("请布署。".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    let records = jsonl(&out);
    assert_eq!(records[0]["suggestions"], serde_json::json!(["部署", "布置"]));
}

#[test]
fn conflicting_dictionary_entries_have_a_defined_outcome() {
    // The same pattern in two families: each family reports it.
    let linter = linter_with("!family typo\n台独\t台读\n!family sensitive\n台独\t-\n");
    let f = linter.check("反对台独。");
    let families: Vec<Family> = f.iter().map(|f| f.family).collect();
    assert_eq!(families, [Family::Typo, Family::Sensitive]);

    // Overlapping patterns of one family: the longest is reported, once.
    let linter = linter_with("!family typo\n甲乙\t子丑\n乙丙\t丑寅\n甲乙丙\t子丑寅\n丙丁\t寅卯\n");
    assert_eq!(found(&linter.check("甲乙丙丁")), [(1, 1, 0, 9, "甲乙丙")]);

    // An allowed phrase wins over any entry inside it.
    let linter = linter_with("!family typo\n布署\t部署\n!family allow\n布署图\n");
    assert!(linter.check("见布署图。").is_empty());
    assert_eq!(linter.check("请布署。").len(), 1);
}

#[test]
fn cyclic_corrections_are_refused_naming_the_first_line_of_the_cycle() {
    let dict = "!family typo\n甲\t乙\n乙\t丙\n丙\t甲\n丁\t戊\n";
    let mut b = LinterBuilder::new();
    b.builtin(false).add_dictionary("cycle.tsv", dict).expect("each line is well formed");
    // Fixing would never settle, so the dictionary is refused, always at the same line.
    let err = b.build().expect_err("a cycle is refused").to_string();
    assert_eq!(err, "cycle.tsv:2: corrections form a cycle: 甲 → 乙 → 丙 → 甲");
}

#[test]
fn dictionary_line_with_too_few_fields_names_file_and_line() {
    let dir = temp_dir("fields");
    // A BOM and CRLF line ends do not shift the line number.
    let dict = write(&dir, "bad.tsv", "\u{feff}!family typo\r\n# 注释\r\n布署部署\r\n".as_bytes());
    let post = write(&dir, "post.txt", "请认真布署。".as_bytes());
    let out = sanshen(&["check", "--dict", &dict, &post], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{dict}:3: expected at least 2 tab-separated fields, found 1")),
        "{err}"
    );
    // Nothing is checked with a broken dictionary: no half-configured output.
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));

    let roster = write(&dir, "roster.tsv", "!family roster\n张建国\n".as_bytes());
    let out = sanshen(&["check", "--dict", &roster], Some(b"text"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&format!("{roster}:2: expected at least 2")), "{}", stderr(&out));
}

#[test]
fn roster_with_a_bad_date_names_file_and_line() {
    let dir = temp_dir("roster");
    for (content, line, what) in [
        ("!family roster\n!as-of 2026-03-01\n张建国\t县委书记\tfrom=2021-13-01\n", 3, "from"),
        (
            "!family roster\n!as-of 2026-03-01\n张建国\t县委书记\tfrom=2021-09-01\tto=2021-02-30\n",
            3,
            "to",
        ),
        ("!family roster\n!as-of 2026-3-1\n张建国\t县委书记\n", 2, "as-of"),
        ("!family title\n县长\t-\tholders=all\tsince=昨天\n", 2, "since"),
    ] {
        let path = write(&dir, "roster.tsv", content.as_bytes());
        let out = sanshen(&["check", "--dict", &path], Some(b"text"));
        assert_eq!(out.status.code(), Some(2), "{content}");
        let err = stderr(&out);
        assert!(err.contains(&format!("{path}:{line}: ")), "{content}: {err}");
        assert!(err.contains(what), "{content}: {err}");
    }
}

#[test]
fn write_failure_leaves_the_original_untouched() {
    let dir = temp_dir("write-fail");
    let original = "请认真布署。\n";
    // The temporary file's name (".NAME.sanshen-PID.tmp") is longer than a file name may be,
    // so it cannot be created, whoever runs the test.
    let name = format!("{}.txt", "长".repeat(80));
    let path = write(&dir, &name, original.as_bytes());
    let other = write(&dir, "other.txt", "再接再励。".as_bytes());
    let out = sanshen(&["check", "--write", "--format", "jsonl", &path, &other], None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{path}: cannot write fixes")), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    // The finding that could not be fixed is still reported; the other file is fixed.
    let records = jsonl(&out);
    let texts: Vec<&str> = records.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["布署"]);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "再接再厉。");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn write_in_a_read_only_directory_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("read-only");
    let locked = dir.join("locked");
    std::fs::create_dir(&locked).unwrap();
    let original = "请认真布署。\n";
    let path = write(&locked, "post.txt", original.as_bytes());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let bypassed = std::fs::write(locked.join("probe"), b"x").is_ok();
    if bypassed {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: this user writes into read-only directories (root); see write_failure_leaves_the_original_untouched");
        return;
    }
    let out = sanshen(&["check", "--write", &path], None);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot write fixes"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn write_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("mode");
    let path = write(&dir, "post.txt", "请认真布署。\n".as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = sanshen(&["check", "--write", &path], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "请认真部署。\n");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "mode {mode:o}");
}

#[test]
fn many_entries_sharing_a_prefix() {
    const N: usize = 100_000;
    let mut dict = String::from("!family typo\n");
    for i in 0..N {
        dict.push_str(&format!("青神县政付第{i:06}号\t青神县政府第{i:06}号\n"));
    }
    let linter = linter_with(&dict);
    assert_eq!(linter.entry_count(), N);
    let mut text = String::new();
    for i in (0..N).step_by(97) {
        text.push_str(&format!("见青神县政付第{i:06}号文件。"));
    }
    // The bare prefix, and the prefix with a number no entry has.
    text.push_str("青神县政付第，青神县政付第999999号。");
    let findings = linter.check(&text);
    assert_eq!(count(&findings, Family::Typo), N.div_ceil(97));
    let fixed = linter.fix(&text);
    assert_eq!(fixed.applied.len(), N.div_ceil(97));
    assert!(fixed.text.ends_with("青神县政付第，青神县政付第999999号。"));
}

#[test]
fn single_character_entries() {
    let linter = linter_with("!family typo\n彳\t行\n亍\t行\n!family sensitive\n艹\t-\n");
    let text = "彳亍，".repeat(20_000) + &"艹，".repeat(1000);
    let findings = linter.check(&text);
    assert_eq!(count(&findings, Family::Typo), 40_000);
    assert_eq!(count(&findings, Family::Sensitive), 1000);
    let fixed = linter.fix(&text);
    assert_eq!(fixed.text, "行行，".repeat(20_000) + &"艹，".repeat(1000));
    assert_eq!(linter.fix(&fixed.text).text, fixed.text);
}

#[test]
fn entries_overlapping_each_other() {
    // 啊, 啊啊, … 48 啊: every position starts 48 matches; the longest are kept, end to end.
    let mut dict = String::from("!family sensitive\n");
    for n in 1..=48 {
        dict.push_str(&format!("{}\t-\n", "啊".repeat(n)));
    }
    let linter = linter_with(&dict);
    let text = "啊".repeat(48 * 500 + 7);
    let findings = linter.check(&text);
    let findings: Vec<&Finding> =
        findings.iter().filter(|f| f.family == Family::Sensitive).collect();
    let lengths: Vec<usize> = findings.iter().map(|f| f.text.chars().count()).collect();
    assert_eq!(lengths.len(), 501);
    assert!(lengths[..500].iter().all(|&n| n == 48), "{lengths:?}");
    assert_eq!(lengths[500], 7);
    let mut at = 0;
    for f in &findings {
        assert_eq!(f.span.start, at);
        at = f.span.end;
    }
    assert_eq!(at, text.len());
}

/// Peak resident memory (KB) of `sanshen check --format jsonl FILE`, where GNU time exists.
fn peak_memory_kb(path: &str) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let out = std::process::Command::new(time)
        // Without the statistical model: what is measured is how records are read, and the
        // model's scoring of 56 MB would take minutes in a debug build.
        .args(["-f", "%M", env!("CARGO_BIN_EXE_sanshen"), "check", "--no-model"])
        .args(["--format", "jsonl", path])
        .env("SANSHEN_CACHE_DIR", common::CACHE_DIR)
        .stdout(std::process::Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stderr).lines().last()?.trim().parse().ok()
}

#[test]
fn a_large_json_lines_file_streams_in_bounded_memory() {
    let dir = temp_dir("stream");
    let record = format!(
        "{{\"id\":1,\"text\":\"{}\"}}\n",
        "各地区各部门要认真贯彻落实党中央决策部署，切实抓好各项工作。".repeat(30)
    );
    let write_mb = |name: &str, mb: usize| {
        let copies = mb * 1_000_000 / record.len();
        write(&dir, name, record.repeat(copies).as_bytes())
    };
    let small = write_mb("small.jsonl", 8);
    let large = write_mb("large.jsonl", 48);
    let (Some(a), Some(b)) = (peak_memory_kb(&small), peak_memory_kb(&large)) else {
        eprintln!("skipped: /usr/bin/time is not available to measure memory");
        return;
    };
    // Six times the input, about the same memory: records are read in bounded batches.
    assert!(b < a + 32_000, "8 MB: {a} KB, 48 MB: {b} KB");
    assert!(b < 200_000, "48 MB: {b} KB");
}
