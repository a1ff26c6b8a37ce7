//! End-to-end tests of the `sanshen` binary.

mod common;

use common::{jsonl, sanshen, sanshen_in, temp_dir, write};

use std::path::Path;
use std::process::{Command, Output};

#[test]
fn jsonl_spans_slice_the_reported_text_on_many_lines() {
    let dir = temp_dir("spans");
    let mut content = String::from("\u{feff}");
    for i in 0..200 {
        content.push_str(&format!("第{i}行：请各单位认真布署，再接再励。\r\n"));
        content.push_str("这一行没有问题。\n");
    }
    let path = write(&dir, "many.txt", content.as_bytes());
    let out = sanshen(&["check", "--format", "jsonl", &path], None);
    assert_eq!(out.status.code(), Some(1));
    let records = jsonl(&out);
    assert_eq!(records.len(), 400);
    let bytes = content.as_bytes();
    let lines: Vec<&str> = content.split('\n').collect();
    for r in &records {
        let (start, end) =
            (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        let text = r["text"].as_str().unwrap();
        assert_eq!(std::str::from_utf8(&bytes[start..end]).unwrap(), text);
        let line = r["line"].as_u64().unwrap() as usize;
        assert!(lines[line - 1].contains(text), "line {line} does not hold {text}");
        for key in ["path", "column", "family", "rule", "severity", "message", "suggestions"] {
            assert!(r.get(key).is_some(), "missing {key}");
        }
    }
    assert_eq!(records[2]["line"], 3);
}

#[test]
fn stdin_and_exit_codes() {
    let out = sanshen(&["check"], Some("请认真布署。".as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("-:1:4:"), "{text}");
    assert!(text.contains("部署"), "{text}");

    let clean = sanshen(&["check", "-"], Some("请认真部署。".as_bytes()));
    assert_eq!(clean.status.code(), Some(0));

    // Warnings fail only at --fail-on warning or below.
    let warning = "该产品销量第一。".as_bytes();
    assert_eq!(sanshen(&["check", "--fail-on", "error"], Some(warning)).status.code(), Some(0));
    assert_eq!(sanshen(&["check", "--fail-on", "warning"], Some(warning)).status.code(), Some(1));

    assert_eq!(sanshen(&["check", "--format", "nope"], None).status.code(), Some(2));
}

#[test]
fn malformed_user_dictionary_names_file_and_line() {
    let dir = temp_dir("dict");
    let dict = write(&dir, "bad.tsv", "!family typo\n# ok\n布署\n".as_bytes());
    let out = sanshen(&["check", "--dict", &dict], Some(b"text"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{dict}:3:")), "{err}");
    assert!(err.contains("fields"), "{err}");
}

#[test]
fn unreadable_dictionary_or_roster_says_cannot_read() {
    let dir = temp_dir("dictdir");
    let folder = dir.display().to_string();
    for flag in ["--dict", "--roster"] {
        let out = sanshen(&["check", flag, &folder], Some("text".as_bytes()));
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("{folder}: cannot read:")), "{flag}: {err}");
    }
}

#[test]
fn disable_takes_a_comma_list() {
    let text = "请认真布署。该产品销量第一。".as_bytes();
    let both = jsonl(&sanshen(&["check", "--format", "jsonl", "--no-config"], Some(text)));
    let families = |records: &[serde_json::Value]| -> Vec<String> {
        records.iter().map(|r| r["family"].as_str().unwrap().to_owned()).collect()
    };
    assert!(families(&both).contains(&"typo".into()), "{both:?}");
    assert!(families(&both).contains(&"sensitive".into()), "{both:?}");
    let out = sanshen(
        &["check", "--format", "jsonl", "--no-config", "--disable", "typo,sensitive,model"],
        Some(text),
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(jsonl(&out).is_empty());
    let bad = sanshen(&["check", "--disable", "typo,nope"], Some(text));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nope"));
}

#[test]
fn user_dictionary_adds_entries() {
    let dir = temp_dir("userdict");
    let dict = write(&dir, "county.tsv", "!family typo\n青神县政付\t青神县政府\n".as_bytes());
    let out = sanshen(
        &["check", "--format", "jsonl", "--dict", &dict],
        Some("青神县政付发布".as_bytes()),
    );
    let records = jsonl(&out);
    assert_eq!(records[0]["suggestions"][0], "青神县政府");
}

#[test]
fn bad_inputs_are_reported_and_the_rest_still_checked() {
    let dir = temp_dir("bad");
    let good = write(&dir, "good.txt", "请认真布署。".as_bytes());
    let invalid = write(&dir, "invalid.txt", b"\xe5\xb8\x83\n\xff\xfe");
    let binary = write(&dir, "binary.bin", b"abc\0def");
    let empty = write(&dir, "empty.txt", b"");
    let missing = dir.join("missing.txt").display().to_string();
    let out =
        sanshen(&["check", "--format", "jsonl", &invalid, &binary, &empty, &missing, &good], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{invalid}:2: invalid UTF-8 at byte offset 4")), "{err}");
    assert!(err.contains(&format!("{binary}: binary file")), "{err}");
    assert!(err.contains(&missing), "{err}");
    let records = jsonl(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["path"], good.as_str());
}

#[test]
fn write_applies_unambiguous_fixes_only() {
    let dir = temp_dir("write");
    let original = "第一行不动。\r\n请认真布署，再接再励。\n";
    let path = write(&dir, "post.txt", original.as_bytes());
    let out = sanshen(&["check", "--write", &path], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(fixed, "第一行不动。\r\n请认真部署，再接再厉。\n");
    // A second run changes nothing.
    sanshen(&["check", "--write", &path], None);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
}

#[test]
fn bundled_sample_has_findings_of_each_family() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/notice.txt");
    let out = sanshen(&["check", "--format", "jsonl", sample.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let records = jsonl(&out);
    for family in ["typo", "sensitive", "leader"] {
        assert!(records.iter().any(|r| r["family"] == family), "no {family} finding");
    }
}

#[test]
fn jsonl_posts_are_judged_as_of_their_own_date() {
    let dir = temp_dir("jsonl");
    let posts = [
        r#"{"id":"a","date":"2022-05-01","text":"国务院总理李克强主持召开国务院常务会议。"}"#,
        r#"{"id":"b","date":"2026-05-01T08:00:00+08:00","text":"国务院总理李克强主持召开国务院常务会议。"}"#,
        r#"not json"#,
        r#"{"id":"d","text":"请各单位认真布署。"}"#,
    ];
    let path = write(&dir, "posts.jsonl", posts.join("\n").as_bytes());
    let out = sanshen(
        &["check", "--format", "jsonl", "--id-field", "id", "--date-field", "date", &path],
        None,
    );
    // The bad record is reported and makes the exit code 2; the others are still checked.
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{path}:3: invalid JSON")), "{err}");
    let records = jsonl(&out);
    let ids: Vec<(&str, &str)> =
        records.iter().map(|r| (r["id"].as_str().unwrap(), r["rule"].as_str().unwrap())).collect();
    assert_eq!(ids, [("b", "leader/outdated"), ("d", "typo/dictionary")]);
    assert_eq!(records[0]["record"], 2);
    // Offsets refer to the decoded text field.
    assert_eq!(records[1]["start"], 18);
    assert_eq!(records[1]["text"], "布署");
}

#[test]
fn seed_notice_has_no_findings() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/notice-2021q1.txt");
    if !seed.exists() {
        eprintln!("skipped: {} is absent", seed.display());
        return;
    }
    let out = sanshen(
        &["check", "--format", "jsonl", "--as-of", "2021-02-24", seed.to_str().unwrap()],
        None,
    );
    assert_eq!(jsonl(&out), Vec::<serde_json::Value>::new());
    assert_eq!(out.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn write_through_a_symbolic_link_keeps_the_link() {
    let dir = temp_dir("symlink");
    let target = write(&dir, "post.txt", "请认真布署。".as_bytes());
    let link = dir.join("link.txt");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let out = sanshen(&["check", "--write", link.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "请认真部署。");
}

#[test]
fn sarif_json_and_github_formats() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/notice.txt");
    let sample = sample.to_str().unwrap();
    let jsonl_out = jsonl(&sanshen(&["check", "--format", "jsonl", sample], None));

    // SARIF parses as the 2.1.0 object model, with one result per finding.
    let out = sanshen(&["check", "--format", "sarif", sample], None);
    assert_eq!(out.status.code(), Some(1));
    let log: serde_sarif::sarif::Sarif = serde_json::from_slice(&out.stdout).expect("SARIF 2.1.0");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["version"], "2.1.0");
    let results = value["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), jsonl_out.len());
    assert_eq!(log.runs.len(), 1);
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], jsonl_out[0]["line"]);
    assert_eq!(region["byteOffset"], jsonl_out[0]["start"]);

    // JSON: the same findings and a summary.
    let out = sanshen(&["check", "--format", "json", sample], None);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), jsonl_out.len());
    assert_eq!(doc["summary"]["findings"], jsonl_out.len());
    assert!(doc["summary"]["by_family"]["typo"].as_u64().unwrap() > 0);

    // GitHub annotations: one per finding.
    let out = sanshen(&["check", "--format", "github", sample], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("::error")
                || l.starts_with("::warning")
                || l.starts_with("::notice"))
            .count(),
        jsonl_out.len()
    );
}

#[test]
fn utf16_offsets_count_code_units() {
    // 𠀀 is one character, four bytes, two UTF-16 code units.
    let out = sanshen(&["check", "--format", "jsonl"], Some("𠀀请布署".as_bytes()));
    let r = &jsonl(&out)[0];
    assert_eq!((r["start"].as_u64(), r["end"].as_u64()), (Some(7), Some(13)));
    assert_eq!((r["start_utf16"].as_u64(), r["end_utf16"].as_u64()), (Some(3), Some(5)));
    assert_eq!(r["column"], 3);
}

#[test]
fn configuration_is_found_by_walking_up_and_applied() {
    let dir = temp_dir("config");
    let sub = dir.join("posts/2026");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::create_dir_all(dir.join("dicts")).unwrap();
    write(&dir, "dicts/county.tsv", "!family typo\n青神县政付\t青神县政府\n".as_bytes());
    write(
        &dir,
        "sanshen.toml",
        "fail_on = \"error\"\ndictionaries = [\"dicts/county.tsv\"]\nignore = [\"**/draft-*.txt\"]\n\n[families]\nsensitive = false\n\n[severity]\ntypo = \"warning\"\n".as_bytes(),
    );
    write(&sub, "post.txt", "青神县政付发布通知，台湾政府回应。".as_bytes());
    write(&sub, "draft-1.txt", "请认真布署。".as_bytes());
    let out = sanshen_in(&sub, &["check", "--format", "jsonl", "."], None);
    let records = jsonl(&out);
    // The county dictionary is loaded, sensitive is off, typo is a warning, the draft is
    // ignored, and warnings do not fail at fail_on = "error".
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["text"], "青神县政付");
    assert_eq!(records[0]["severity"], "warning");
    assert_eq!(out.status.code(), Some(0));
    // The command line wins over the file.
    let out = sanshen_in(&sub, &["check", "--fail-on", "warning", "--no-config", "post.txt"], None);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn unknown_configuration_keys_are_errors_with_the_line() {
    let dir = temp_dir("badconfig");
    write(&dir, "sanshen.toml", "fail_on = \"error\"\n[families]\ntypos = false\n".as_bytes());
    write(&dir, "post.txt", "请认真部署。".as_bytes());
    let out = sanshen_in(&dir, &["check", "post.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sanshen.toml:3:"), "{err}");
    assert!(err.contains("typos"), "{err}");
}

#[test]
fn init_writes_a_starter_file_once() {
    let dir = temp_dir("init");
    assert_eq!(sanshen_in(&dir, &["init"], None).status.code(), Some(0));
    let text = std::fs::read_to_string(dir.join("sanshen.toml")).unwrap();
    assert!(text.contains("fail_on"));
    // It is valid, and a second init does not overwrite it.
    write(&dir, "post.txt", "请认真部署。".as_bytes());
    assert_eq!(sanshen_in(&dir, &["check", "post.txt"], None).status.code(), Some(0));
    assert_eq!(sanshen_in(&dir, &["init"], None).status.code(), Some(2));
}

#[test]
fn directories_respect_ignore_files_and_globs() {
    let dir = temp_dir("ignore");
    std::fs::create_dir_all(dir.join("site/old")).unwrap();
    write(&dir, "site/.gitignore", b"old/\n");
    write(&dir, "site/a.md", "请认真布署。".as_bytes());
    write(&dir, "site/b.txt", "请认真布署。".as_bytes());
    write(&dir, "site/old/c.md", "请认真布署。".as_bytes());
    let paths = |out: &Output| -> Vec<String> {
        let mut p: Vec<String> =
            jsonl(out).iter().map(|r| r["path"].as_str().unwrap().replace('\\', "/")).collect();
        p.sort();
        p
    };
    let out = sanshen_in(&dir, &["check", "--no-config", "--format", "jsonl", "site"], None);
    assert_eq!(paths(&out), ["site/a.md", "site/b.txt"]);
    let out = sanshen_in(
        &dir,
        &["check", "--no-config", "--format", "jsonl", "--glob", "*.md", "site"],
        None,
    );
    assert_eq!(paths(&out), ["site/a.md"]);
}

#[test]
fn a_walk_passes_over_the_configuration_and_baselines() {
    let dir = temp_dir("own-files");
    std::fs::create_dir_all(dir.join("site")).unwrap();
    // A configuration holds the very words it is about; it is no text to review.
    write(&dir, "site/sanshen.toml", "# 把“布署”写错的，一律改为“部署”\n".as_bytes());
    write(&dir, "site/a.txt", "请认真布署。".as_bytes());
    let files = |out: &Output| -> (u64, Vec<String>) {
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let paths = doc["findings"].as_array().unwrap().iter();
        let paths = paths.map(|f| f["path"].as_str().unwrap().replace('\\', "/")).collect();
        (doc["summary"]["files"].as_u64().unwrap(), paths)
    };
    let base = "site/accepted.json";
    let first =
        sanshen_in(&dir, &["check", "--format", "json", "--write-baseline", base, "site"], None);
    assert_eq!(files(&first), (1, vec!["site/a.txt".to_owned()]));
    // A baseline written into the tree is not read back as a text either.
    let second = sanshen_in(&dir, &["check", "--format", "json", "--baseline", base, "site"], None);
    assert_eq!(files(&second), (1, vec![]));
    // Named on its own, a file is always checked.
    let named = sanshen_in(&dir, &["check", "--format", "json", "site/sanshen.toml"], None);
    assert_eq!(files(&named).0, 1);
}

#[test]
fn html_and_markdown_inputs_map_back_and_honour_suppressions() {
    let dir = temp_dir("markup");
    let html = "<html><body>\n<p>请认真<b>布署</b>。</p>\n<script>var s = '布署';</script>\n<!-- sanshen-disable-next-line typo -->\n<p>再接再励</p>\n</body></html>\n";
    let page = write(&dir, "page.html", html.as_bytes());
    let out = sanshen(&["check", "--format", "jsonl", &page], None);
    let records = jsonl(&out);
    assert_eq!(records.len(), 1, "{records:?}");
    let (start, end) = (
        records[0]["start"].as_u64().unwrap() as usize,
        records[0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&html[start..end], "布署");
    assert_eq!((records[0]["line"].as_u64(), records[0]["column"].as_u64()), (Some(2), Some(10)));

    let md = "# 标题\n\n请认真布署。\n\n```\n布署\n```\n";
    let doc = write(&dir, "post.md", md.as_bytes());
    let records = jsonl(&sanshen(&["check", "--format", "jsonl", &doc], None));
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["line"], 3);

    // --write fixes the text and leaves the markup alone; --diff previews it.
    let out = sanshen(&["check", "--diff", &page], None);
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(diff.contains("-<p>请认真<b>布署</b>。</p>\n+<p>请认真<b>部署</b>。</p>\n"), "{diff}");
    assert_eq!(std::fs::read_to_string(&page).unwrap(), html, "--diff must not write");
    sanshen(&["check", "--write", &page], None);
    assert_eq!(std::fs::read_to_string(&page).unwrap(), html.replace("<b>布署</b>", "<b>部署</b>"));
}

#[test]
fn stats_count_by_family_and_unit() {
    let dir = temp_dir("stats");
    let posts = [
        r#"{"id":1,"unit":"县政府办","text":"请认真布署。"}"#,
        r#"{"id":2,"unit":"县教体局","text":"请认真布署，再接再励。"}"#,
        r#"{"id":3,"unit":"县政府办","text":"台湾政府"}"#,
    ];
    let path = write(&dir, "posts.jsonl", posts.join("\n").as_bytes());
    let out =
        sanshen(&["check", "--format", "jsonl", "--unit-field", "unit", "--stats", &path], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("统计：共 4 处"), "{err}");
    assert!(err.contains("按类别：typo 3，sensitive 1"), "{err}");
    assert!(err.contains("按单位：县政府办 2，县教体局 2"), "{err}");
    assert!(err.contains("最常见：布署 2"), "{err}");
    assert_eq!(jsonl(&out)[0]["unit"], "县政府办");
}

#[test]
fn many_files_are_reported_in_order() {
    let dir = temp_dir("order");
    let mut names = Vec::new();
    for i in 0..150 {
        names.push(write(
            &dir,
            &format!("{i:03}.txt"),
            format!("第{i}篇：请认真布署。").as_bytes(),
        ));
    }
    let out = sanshen(&["check", "--format", "jsonl", dir.to_str().unwrap()], None);
    let paths: Vec<String> =
        jsonl(&out).iter().map(|r| r["path"].as_str().unwrap().to_owned()).collect();
    assert_eq!(paths, names);
}

#[test]
fn baseline_hides_accepted_findings_and_survives_edits_elsewhere() {
    let dir = temp_dir("baseline");
    let post = write(&dir, "post.txt", "第一段。\n请认真布署，再接再励。\n".as_bytes());
    let base = dir.join("accepted.json").display().to_string();
    let first = sanshen(&["check", "--format", "jsonl", "--write-baseline", &base, &post], None);
    assert_eq!(jsonl(&first).len(), 2);
    // The second reviewer edits elsewhere (a new first line) and adds a new error.
    std::fs::write(&post, "新增的标题\n第一段。\n请认真布署，再接再励。\n后来又写了按装。\n")
        .unwrap();
    let second = sanshen(&["check", "--format", "jsonl", "--baseline", &base, &post], None);
    let texts: Vec<String> =
        jsonl(&second).iter().map(|r| r["text"].as_str().unwrap().to_owned()).collect();
    assert_eq!(texts, ["按装"]);
    // A broken baseline is an error that names the file.
    std::fs::write(&base, "{\"version\": 1, \"fingerprints\": [").unwrap();
    let out = sanshen(&["check", "--baseline", &base, &post], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("accepted.json"));
}

#[test]
fn human_output_shows_the_line_with_a_caret() {
    let out =
        sanshen(&["check", "--color", "never"], Some("第一行\n请各单位认真布署。\n".as_bytes()));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("-:2:7: error [typo/dictionary] 「布署」"), "{text}");
    assert_eq!(lines[1], " 2 | 请各单位认真布署。");
    // Six wide characters before the finding, two under it.
    assert_eq!(lines[2], "   |             ^^^^");
}

#[test]
fn carets_line_up_after_emoji_and_combining_marks() {
    // A family joined by ZWJ and a thumb with a skin tone: two columns each, like 单位.
    let out = sanshen(
        &["check", "--color", "never"],
        Some("👨\u{200D}👩\u{200D}👧👍🏽认真布署。\n".as_bytes()),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[2], "   |         ^^^^", "{text}");
}

/// The SARIF 2.1.0 JSON schema, from the serde-sarif package that the lock file pins (found with
/// `cargo metadata`, so the schema is not copied into this repository).
fn sarif_schema() -> Option<serde_json::Value> {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    let manifest = meta["packages"].as_array()?.iter().find(|p| p["name"] == "serde-sarif")?
        ["manifest_path"]
        .as_str()?
        .to_owned();
    let schema = Path::new(&manifest).parent()?.join("src/schema.json");
    serde_json::from_str(&std::fs::read_to_string(schema).ok()?).ok()
}

#[test]
fn sarif_output_validates_against_the_schema() {
    let mut schema = sarif_schema().expect("the SARIF 2.1.0 schema of the serde-sarif package");
    // The official schema's `language` pattern has a stray `]` that the validator's regex
    // engine refuses; it is replaced by the pattern it means (a language tag such as zh-CN).
    fn mend(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if map.get("pattern").and_then(|p| p.as_str())
                    == Some("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$")
                {
                    map.insert("pattern".into(), "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into());
                }
                map.values_mut().for_each(mend);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(mend),
            _ => {}
        }
    }
    mend(&mut schema);
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON schema");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/notice.txt");
    let dir = temp_dir("sarif");
    let posts = write(&dir, "posts.jsonl", r#"{"id":"a","text":"请认真布署。"}"#.as_bytes());
    for args in [
        vec!["check", "--format", "sarif", sample.to_str().unwrap()],
        vec!["check", "--format", "sarif", "--id-field", "id", &posts],
    ] {
        let out = sanshen(&args, None);
        let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let errors: Vec<String> =
            validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
    }
}

#[test]
fn model_threshold_moves_the_operating_point() {
    let text = "持续优化营商环竟，激发市场主体活力。";
    let rules = |args: &[&str]| -> Vec<(String, String)> {
        let mut all = vec!["check", "--no-config", "--format", "jsonl"];
        all.extend(args);
        let out = sanshen(&all, Some(text.as_bytes()));
        let records = jsonl(&out);
        records
            .iter()
            .map(|r| {
                (r["rule"].as_str().unwrap().to_owned(), r["severity"].as_str().unwrap().to_owned())
            })
            .collect()
    };
    let lenient = rules(&["--model-threshold", "0.01"]);
    assert!(lenient.contains(&("typo/model".to_owned(), "warning".to_owned())), "{lenient:?}");
    let strict = rules(&["--model-threshold", "1"]);
    assert!(!strict.iter().any(|(_, s)| s == "warning"), "{strict:?}");
    let off = rules(&["--model-threshold", "0.01", "--disable-rule", "typo/model"]);
    assert!(off.is_empty(), "{off:?}");
    let bad = sanshen(&["check", "--no-config", "--model-threshold", "2"], Some(text.as_bytes()));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("between 0 and 1"));
}

#[test]
fn the_model_runs_by_default_and_every_switch_turns_it_off() {
    let text = "持续优化营商环竟，激发市场主体活力。";
    let dir = temp_dir("model-switches");
    let off_toml = write(&dir, "off.toml", b"model = false\n");
    let on_toml = write(&dir, "on.toml", b"model = true\n");
    let (off_toml, on_toml) = (off_toml.as_str(), on_toml.as_str());
    let run = |args: &[&str]| {
        let all = [&["check", "--format", "jsonl"][..], args].concat();
        let out = sanshen(&all, Some(text.as_bytes()));
        let by_model = jsonl(&out).iter().filter(|r| r["rule"] == "typo/model").count();
        (by_model, out.status.code())
    };
    // On by default: the slip is a warning, so the pre-publish exit code is 1.
    assert_eq!(run(&["--no-config"]), (1, Some(1)));
    assert_eq!(run(&["--no-config", "--model"]), (1, Some(1)), "--model is still accepted");
    assert_eq!(run(&["--config", on_toml]), (1, Some(1)));
    for off in [
        &["--no-config", "--no-model"][..],
        &["--no-config", "--disable", "model"],
        &["--no-config", "--disable", "typo/model"],
        &["--no-config", "--disable-rule", "typo/model"],
        &["--config", off_toml],
        &["--no-config", "--model", "--no-model"],
    ] {
        assert_eq!(run(off), (0, Some(0)), "{off:?}");
    }
    // The command line overrides the configuration, and the last of the two flags wins.
    assert_eq!(run(&["--config", off_toml, "--model"]), (1, Some(1)));
    assert_eq!(run(&["--no-config", "--no-model", "--model"]), (1, Some(1)));
}

#[test]
fn replies_are_told_by_the_usual_type_fields_without_a_type_field() {
    let dir = temp_dir("usual-types");
    let posts = concat!(
        "{\"id\":1,\"type\":\"article\",\"text\":\"你懂个屁。\"}\n",
        "{\"id\":2,\"type\":\"Comment\",\"text\":\"你懂个屁。\"}\n",
        "{\"id\":3,\"msg_type\":\"评论\",\"text\":\"你懂个屁。\"}\n",
        "{\"id\":4,\"类型\":\"回复\",\"text\":\"你懂个屁。\"}\n",
        "{\"id\":5,\"type\":\"post\",\"kind\":\"reply\",\"text\":\"你懂个屁。\"}\n",
        "{\"id\":6,\"type\":7,\"text\":\"你懂个屁。\"}\n",
        "{\"id\":7,\"text\":\"你懂个屁。\"}\n",
        "{\"id\":8,\"status\":\"reply\",\"text\":\"你懂个屁。\"}\n",
    );
    let path = write(&dir, "posts.jsonl", posts.as_bytes());
    let out =
        sanshen(&["check", "--no-config", "--format", "jsonl", "--id-field", "id", &path], None);
    let found: Vec<(String, String)> = jsonl(&out)
        .iter()
        .filter(|r| r["category"] == "abuse")
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r["severity"].as_str().unwrap().to_owned()))
        .collect();
    let want: Vec<(String, String)> = [
        ("1", "warning"),
        ("2", "error"),
        ("3", "error"),
        ("4", "error"),
        ("5", "error"),
        ("6", "warning"),
        ("7", "warning"),
        ("8", "warning"),
    ]
    .iter()
    .map(|(i, s)| (i.to_string(), s.to_string()))
    .collect();
    assert_eq!(found, want);
}

#[test]
fn abusive_language_is_an_error_in_replies_named_by_the_type_field() {
    let dir = temp_dir("replies");
    let posts = concat!(
        "{\"id\":1,\"kind\":\"article\",\"text\":\"你懂个屁。\"}\n",
        "{\"id\":2,\"kind\":\"回复\",\"text\":\"你懂个屁。\"}\n",
        "{\"id\":3,\"kind\":\"reply\",\"text\":\"感谢您的留言。\"}\n",
    );
    let path = write(&dir, "posts.jsonl", posts.as_bytes());
    let severities = |extra: &[&str]| {
        let mut args = vec!["check", "--no-config", "--format", "jsonl", "--id-field", "id"];
        args.extend_from_slice(extra);
        args.push(&path);
        let out = sanshen(&args, None);
        let records = jsonl(&out);
        let found: Vec<(String, String)> = records
            .iter()
            .filter(|r| r["category"] == "abuse")
            .map(|r| {
                (r["id"].as_str().unwrap().to_owned(), r["severity"].as_str().unwrap().to_owned())
            })
            .collect();
        found
    };
    let pair = |id: &str, s: &str| (id.to_owned(), s.to_owned());
    // `kind` is one of the usual type fields: replies are found without being told.
    assert_eq!(severities(&[]), [pair("1", "warning"), pair("2", "error")]);
    assert_eq!(severities(&["--type-field", "kind"]), [pair("1", "warning"), pair("2", "error")]);
    // A named field overrides the usual ones: `status` marks no reply.
    assert_eq!(
        severities(&["--type-field", "status"]),
        [pair("1", "warning"), pair("2", "warning")]
    );
    // Replies report it even when warnings are left out.
    assert_eq!(
        severities(&["--type-field", "kind", "--min-severity", "error"]),
        [pair("2", "error")]
    );
}
