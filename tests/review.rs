//! The 三审 flow end to end: three stages, edits between them, a renamed file, and the path
//! spelled relative, with `./`, absolute and as standard input. Nothing accepted earlier
//! reappears; nothing new is hidden.

mod common;

use common::temp_dir;
use std::path::Path;
use std::process::Output;

const AS_OF: &str = "2026-12-01";

/// Runs `sanshen` in `dir` with `args` (and `stdin`).
fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    common::sanshen_in(dir, args, stdin.map(str::as_bytes))
}

/// `sanshen check` at a stage, as JSON: the findings shown and the summary.
fn check(
    dir: &Path,
    path: &str,
    stage: &str,
    extra: &[&str],
    stdin: Option<&str>,
) -> serde_json::Value {
    let mut args = vec!["check", path, "--no-config", "--as-of", AS_OF, "--format", "json"];
    args.extend(["--stage", stage]);
    args.extend(extra);
    let out = run(dir, &args, stdin);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("a JSON document")
}

/// The matched texts of the findings shown, in order.
fn shown(doc: &serde_json::Value) -> Vec<String> {
    let findings = doc["findings"].as_array().expect("findings");
    findings.iter().map(|f| f["text"].as_str().unwrap().to_owned()).collect()
}

fn left_out(doc: &serde_json::Value, why: &str) -> u64 {
    doc["summary"]["left_out"][why].as_u64().expect("a count")
}

/// `sanshen review ACTION TARGET --reason … --stage … --reviewer …`, which must succeed.
fn decide(dir: &Path, action: &str, target: &str, extra: &[&str]) {
    let mut args = vec!["review", action, target];
    args.extend(extra);
    let out = run(dir, &args, None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The place `FILE:LINE:COLUMN` of the finding shown with `text`.
fn place(doc: &serde_json::Value, file: &str, text: &str) -> String {
    let f = doc["findings"].as_array().unwrap().iter().find(|f| f["text"] == text).expect(text);
    format!("{file}:{}:{}", f["line"], f["column"])
}

const FIRST: &str = "各单位要认真布署。\n国务院总理李克强出席会议。\n大家再接再励。\n";

#[test]
fn three_stages_with_edits_a_rename_and_four_spellings_of_the_path() {
    let dir = temp_dir("review-flow");
    std::fs::write(dir.join("通知.txt"), FIRST).unwrap();

    // 初审: the editor, relative path.
    let one = check(&dir, "通知.txt", "初审", &["--reviewer", "张三"], None);
    assert_eq!(shown(&one), ["布署", "国务院总理", "再接再励"]);
    assert!(one["findings"].as_array().unwrap().iter().all(|f| f["review"]["decision"] == "open"));
    assert!(dir.join("通知.txt.review.toml").exists(), "the record sits beside the text");
    let leader = place(&one, "通知.txt", "国务院总理");
    decide(
        &dir,
        "accept",
        &leader,
        &["--reason", "引用2019年讲话原文", "--stage", "初审", "--reviewer", "张三"],
    );
    decide(
        &dir,
        "dismiss",
        &place(&one, "通知.txt", "布署"),
        &["--reason", "原文如此", "--stage", "初审"],
    );
    // The editor fixes one and writes a paragraph above everything.
    let edited = format!("前言一段。\n{}", FIRST.replace("再接再励", "再接再厉"));
    std::fs::write(dir.join("通知.txt"), format!("{edited}后来又写了按装。\n")).unwrap();

    // 复审: the head of department, `./` path: only the new finding.
    let two = check(&dir, "./通知.txt", "复审", &["--reviewer", "李四"], None);
    assert_eq!(shown(&two), ["按装"]);
    assert_eq!((left_out(&two, "accepted"), left_out(&two, "dismissed")), (1, 1));
    let record = std::fs::read_to_string(dir.join("通知.txt.review.toml")).unwrap();
    assert!(record.contains("decision = \"fixed\""), "再接再励 is fixed:\n{record}");
    assert!(record.contains("reviewer = \"李四\""), "{record}");

    // The file is renamed; the record keeps its name and is named with --review.
    std::fs::rename(dir.join("通知.txt"), dir.join("通知-v2.txt")).unwrap();
    let again = format!("{edited}后来又写了按装。\n国务院总理李克强出席会议。\n");
    std::fs::write(dir.join("通知-v2.txt"), &again).unwrap();

    // 终审: the leader, absolute path, after a rename; the accepted sentence now appears
    // twice: the second one is new and must show.
    let absolute = dir.join("通知-v2.txt").display().to_string();
    let review = ["--review", "通知.txt.review.toml", "--reviewer", "王五"];
    let three = check(&dir, &absolute, "终审", &review, None);
    assert_eq!(shown(&three), ["按装", "国务院总理"]);
    let repeated = &three["findings"][1];
    assert_eq!(repeated["line"], 6, "the copy, not the accepted one on line 3");
    assert_eq!(repeated["review"]["stage"], "终审");
    assert_eq!(three["findings"][0]["review"]["stage"], "复审", "open since 复审");
    assert_eq!((left_out(&three, "accepted"), left_out(&three, "dismissed")), (1, 1));

    // The same text through standard input, with the same record: the same answer.
    let stdin = check(&dir, "-", "终审", &review, Some(&again));
    assert_eq!(shown(&stdin), shown(&three));
    assert_eq!(left_out(&stdin, "total"), 2);

    // Human output states each finding's state and what was left out.
    let human = run(
        &dir,
        &[
            "check",
            &absolute,
            "--no-config",
            "--as-of",
            AS_OF,
            "--review",
            "通知.txt.review.toml",
            "--show-decided",
        ],
        None,
    );
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(human.contains("状态：已接受：引用2019年讲话原文"), "{human}");
    assert!(human.contains("状态：误报：原文如此"), "{human}");

    // SARIF: the decided findings are suppressed results, with the reason.
    let sarif = run(
        &dir,
        &[
            "check",
            &absolute,
            "--no-config",
            "--as-of",
            AS_OF,
            "--review",
            "通知.txt.review.toml",
            "--format",
            "sarif",
        ],
        None,
    );
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&str> =
        results.iter().filter_map(|r| r["suppressions"][0]["justification"].as_str()).collect();
    assert_eq!(suppressed.len(), 2, "{suppressed:?}");
    assert!(suppressed.iter().any(|j| j.contains("引用2019年讲话原文")));

    // Reopened by its fingerprint, the accepted finding is back for the next reviewer.
    let all = check(&dir, &absolute, "终审", &[&review[..], &["--show-decided"]].concat(), None);
    let accepted =
        all["findings"].as_array().unwrap().iter().find(|f| f["review"]["decision"] == "accepted");
    let fingerprint = accepted.expect("shown with --show-decided")["fingerprint"].as_str().unwrap();
    decide(&dir, "reopen", fingerprint, &["--review", "通知.txt.review.toml"]);
    let reopened = check(&dir, &absolute, "终审", &review, None);
    assert_eq!(shown(&reopened), ["国务院总理", "按装", "国务院总理"]);
}

#[test]
fn decisions_need_a_reason_and_a_known_finding() {
    let dir = temp_dir("review-errors");
    std::fs::write(dir.join("a.txt"), "认真布署。\n").unwrap();
    check(&dir, "a.txt", "1", &[], None);
    let no_reason = run(&dir, &["review", "accept", "a.txt:1:3"], None);
    assert_eq!(no_reason.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_reason.stderr).contains("--reason"));
    let nowhere = run(&dir, &["review", "dismiss", "a.txt:9:9", "--reason", "x"], None);
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("a.txt:9:9"));
    // Standard input has no file to keep a record beside.
    let out = run(&dir, &["check", "-", "--no-config", "--stage", "初审"], Some("认真布署。"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--review FILE"));
    // A broken record names its file and line.
    std::fs::write(dir.join("a.txt.review.toml"), "version = 1\n[[finding]]\nrule = 3\n").unwrap();
    let out = run(&dir, &["check", "a.txt", "--no-config", "--stage", "初审"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("a.txt.review.toml:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn dismissed_findings_export_as_trap_sentences() {
    let dir = temp_dir("review-export");
    std::fs::write(dir.join("a.txt"), "文件里写着认真布署的字样。\n要再接再励。\n").unwrap();
    let doc = check(&dir, "a.txt", "初审", &[], None);
    decide(&dir, "dismiss", &place(&doc, "a.txt", "布署"), &["--reason", "引用的是错误示例"]);
    let out = run(&dir, &["review", "export-dismissed", "a.txt.review.toml"], None);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "only the dismissed one");
    let row = &lines[0];
    assert_eq!(row["reason"], "引用的是错误示例");
    let source = row["source"].as_str().unwrap();
    assert!(source.starts_with("dictionaries/typo/"), "{source}");
    // Fed back, the sentence raises the same finding from the same entry: a trap that fails
    // until the maintainers change the entry, and passes once it is allowed.
    let sentence = row["sentence"].as_str().unwrap();
    let again = run(&dir, &["check", "-", "--no-config", "--format", "jsonl"], Some(sentence));
    let found: Vec<serde_json::Value> = String::from_utf8_lossy(&again.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(found.len(), 1, "{sentence}");
    assert_eq!(found[0]["text"], row["text"]);
    let at =
        format!("{}:{}", found[0]["source"]["file"].as_str().unwrap(), found[0]["source"]["line"]);
    assert_eq!(at, source);
    let allowed = run(&dir, &["check", "-", "--no-config", "--allow", sentence], Some(sentence));
    assert_eq!(allowed.status.code(), Some(0));
    let tsv =
        run(&dir, &["review", "export-dismissed", "--format", "tsv", "a.txt.review.toml"], None);
    let tsv = String::from_utf8_lossy(&tsv.stdout);
    assert_eq!(tsv.lines().count(), 2, "a header and one row");
    assert!(tsv.lines().nth(1).unwrap().starts_with(sentence));
}

#[test]
fn baselines_repeat_and_match_however_the_path_is_spelled() {
    let dir = temp_dir("review-baseline");
    std::fs::write(dir.join("a.txt"), "认真布署。\n要再接再励。\n").unwrap();
    let base = |n: &str, text: &str| {
        std::fs::write(dir.join("one.txt"), text).unwrap();
        let out = run(&dir, &["check", "one.txt", "--no-config", "--write-baseline", n], None);
        assert!(out.status.code() == Some(1));
    };
    base("b1.json", "认真布署。\n");
    base("b2.json", "\n\n要再接再励。\n");
    let absolute = dir.join("a.txt").display().to_string();
    let args = [
        "check",
        &absolute,
        "--no-config",
        "--format",
        "json",
        "--baseline",
        "b1.json",
        "--baseline",
        "b2.json",
    ];
    let out = run(&dir, &args, None);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown(&doc), Vec::<String>::new(), "both accepted, in another file");
    assert_eq!(left_out(&doc, "baseline"), 2);
    assert_eq!(out.status.code(), Some(0));
    let human = run(&dir, &["check", "./a.txt", "--no-config", "--baseline", "b1.json"], None);
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(human.contains("另有 1 条未显示（基线已接受 1 条）"), "{human}");
}

#[test]
fn write_leaves_decided_findings_and_marks_the_rest_fixed() {
    let dir = temp_dir("review-write");
    std::fs::write(dir.join("a.txt"), "引文：“认真布署”。\n要再接再励。\n").unwrap();
    let doc = check(&dir, "a.txt", "初审", &[], None);
    decide(&dir, "accept", &place(&doc, "a.txt", "布署"), &["--reason", "引文照录"]);
    let out = run(&dir, &["check", "a.txt", "--no-config", "--stage", "复审", "--write"], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(dir.join("a.txt")).unwrap();
    assert_eq!(text, "引文：“认真布署”。\n要再接再厉。\n", "the accepted one is kept");
    let record = std::fs::read_to_string(dir.join("a.txt.review.toml")).unwrap();
    assert_eq!(record.matches("decision = \"fixed\"").count(), 1, "{record}");
    assert_eq!(record.matches("decision = \"accepted\"").count(), 1, "{record}");
}

#[test]
fn posts_of_json_lines_are_told_apart_by_their_id() {
    let dir = temp_dir("review-jsonl");
    let posts = "{\"id\":\"a\",\"text\":\"认真布署。\"}\n{\"id\":\"b\",\"text\":\"认真布署。\"}\n";
    std::fs::write(dir.join("posts.jsonl"), posts).unwrap();
    let id = ["--id-field", "id"];
    let doc = check(&dir, "posts.jsonl", "初审", &id, None);
    let prints: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), 2);
    assert_ne!(prints[0], prints[1], "same sentence, two posts");
    decide(&dir, "dismiss", prints[0], &["--review", "posts.jsonl.review.toml", "--reason", "x"]);
    // The posts swap places: post a stays dismissed, post b stays open.
    let swapped = posts.lines().rev().collect::<Vec<_>>().join("\n") + "\n";
    std::fs::write(dir.join("posts.jsonl"), swapped).unwrap();
    let doc = check(&dir, "posts.jsonl", "复审", &id, None);
    let ids: Vec<&str> =
        doc["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["b"]);
}

#[test]
fn a_folder_gets_a_record_beside_each_text_and_records_are_not_texts() {
    let dir = temp_dir("review-folder");
    std::fs::create_dir_all(dir.join("posts")).unwrap();
    std::fs::write(dir.join("posts/a.txt"), "认真布署。\n").unwrap();
    std::fs::write(dir.join("posts/b.txt"), "再接再励。\n").unwrap();
    for _ in 0..2 {
        let doc = check(&dir, "posts", "初审", &[], None);
        assert_eq!(shown(&doc), ["布署", "再接再励"], "the records hold these words too");
    }
    assert!(dir.join("posts/a.txt.review.toml").exists());
    assert!(dir.join("posts/b.txt.review.toml").exists());
    assert!(!dir.join("posts/a.txt.review.toml.review.toml").exists());
    // One record for several texts is refused.
    let out = run(&dir, &["check", "posts", "--no-config", "--review", "r.toml"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_names_the_rule_the_entry_and_the_roster_row() {
    let dir = temp_dir("review-explain");
    let text = "各单位要认真布署。\n国务院总理李克强出席会议。\n";
    let args = ["check", "-", "--no-config", "--as-of", AS_OF, "--explain"];
    let human = run(&dir, &args, Some(text));
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(human.contains("规则：词典错别字——"), "{human}");
    assert!(human.contains("来源：词条 dictionaries/typo/"), "{human}");
    assert!(human.contains("来源：名册 dictionaries/leader/roster.tsv:"), "{human}");
    assert!(human.contains("「李克强 国务院总理」，名册截至"), "{human}");
    let json = run(&dir, &[&args[..], &["--format", "jsonl"]].concat(), Some(text));
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&json.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let leader = records.iter().find(|r| r["family"] == "leader").expect("a leader finding");
    assert_eq!(leader["source"]["kind"], "roster");
    assert!(leader["source"]["as_of"].is_string());
    assert!(leader["explanation"]["description"].as_str().is_some_and(|d| !d.is_empty()));
    // Without --explain the record has its source but no explanation.
    let plain = run(&dir, &["check", "-", "--no-config", "--format", "jsonl"], Some("认真布署"));
    let plain: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&plain.stdout).lines().next().unwrap())
            .unwrap();
    assert!(plain.get("explanation").is_none() && plain["source"]["line"].is_u64());
}
