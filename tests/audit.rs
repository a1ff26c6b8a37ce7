//! `sanshen audit` end to end: a generated export of the seed notice's county, audited, gives
//! the notice's annex tables exactly; CSV and JSON Lines exports agree; bad records are named;
//! the HTML report renders in headless Chromium.

mod common;
#[path = "../examples/generate_export/export.rs"]
mod export;

use common::{sanshen, temp_dir, write, TempDir};
use export::Spec;
use std::path::Path;

const FIXTURE: &str = include_str!("fixtures/audit/seed-annexes.tsv");
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed/notice-2021q1.txt");

fn spec() -> Spec {
    Spec::parse(FIXTURE).expect("the fixture parses")
}

/// Writes the generated export into a fresh folder and returns it.
fn exported(name: &str) -> (TempDir, export::Export) {
    let dir = temp_dir(name);
    let e = export::generate(&spec());
    write(&dir, "posts.jsonl", e.posts_jsonl.as_bytes());
    write(&dir, "posts.csv", e.posts_csv.as_bytes());
    write(&dir, "messages.jsonl", e.messages.as_bytes());
    write(&dir, "important.csv", e.important.as_bytes());
    (dir, e)
}

/// Runs the audit of `posts` in `dir`, with the messages and items, into `dir/out`.
fn audit(dir: &Path, posts: &str, extra: &[&str]) -> std::process::Output {
    let s = spec();
    let p = |f: &str| dir.join(f).display().to_string();
    let mut args = vec!["audit".to_owned(), p(posts), "--messages".into(), p("messages.jsonl")];
    args.extend(["--important".into(), p("important.csv"), "--out".into(), p("out")]);
    args.extend([
        "--from".into(),
        s.from.clone(),
        "--to".into(),
        s.to.clone(),
        "--no-config".into(),
    ]);
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sanshen(&args, None)
}

/// The rows of an annex CSV, without its header.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).expect("the annex is written");
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark for spreadsheets");
    text.lines().skip(1).map(|l| l.split(',').map(str::to_owned).collect()).collect()
}

fn json(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("out/report.json")).expect("report.json");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn generated_export_reproduces_the_seed_annexes() {
    let (dir, e) = exported("audit-seed");
    let out = audit(&dir, "posts.jsonl", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let s = spec();
    let units = |rows: &[(String, usize)]| -> Vec<Vec<String>> {
        rows.iter().map(|(n, p)| vec![n.clone(), p.to_string()]).collect()
    };
    assert_eq!(csv_rows(&dir.join("out/annex1-townships.csv")), units(&s.townships));
    assert_eq!(csv_rows(&dir.join("out/annex2-departments.csv")), units(&s.departments));
    // The problems cell joins kinds with a full-width comma, which CSV leaves unquoted.
    let accounts: Vec<Vec<String>> = s.accounts.iter().map(|a| a.to_vec()).collect();
    assert_eq!(csv_rows(&dir.join("out/annex3-new-media.csv")), accounts);

    let report = json(&dir);
    let totals = &report["totals"];
    assert_eq!(totals["township_units"], 7);
    assert_eq!(totals["township_posts"], 350);
    assert_eq!(totals["department_units"], 26);
    assert_eq!(totals["accounts"], 9);
    assert_eq!(totals["account_posts"], 1552);
    // Portal columns and accounts not updated within two weeks: those the notice names.
    let late = |account: bool| -> Vec<String> {
        let mut names: Vec<String> = report["late_updates"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["account"].is_string() == account)
            .map(|u| u[if account { "account" } else { "unit" }].as_str().unwrap().to_owned())
            .collect();
        names.sort_unstable();
        names
    };
    let sorted = |v: &[String]| {
        let mut v = v.to_vec();
        v.sort_unstable();
        v
    };
    assert_eq!(late(false), sorted(&s.late));
    assert_eq!(late(true), sorted(&s.late_accounts));
    let gaps = report["late_updates"].as_array().unwrap().iter().find(|u| u["account"].is_string());
    assert_eq!(gaps.unwrap()["gaps"], 3, "多次更新不及时");
    // Every planted error is found, the veto-level ones listed first.
    assert_eq!(totals["findings"], e.planted);
    assert_eq!(totals["veto"], e.planted_veto);
    assert_eq!(report["content"][0]["veto"], 1);
    for family in ["typo", "sensitive", "leader", "format"] {
        assert!(totals["by_family"][family].as_u64() > Some(0), "{family}");
    }
    let md = std::fs::read_to_string(dir.join("out/report.md")).unwrap();
    assert!(md.contains("| 青神县公安局交通管理大队 | 66 | 未及时转载重要信息，留言互动未及时回复 | 微信公众号 | 县交管大队 |"));
    assert!(md.find("严重表述错误（单项否决）") < md.find("信息更新不及时"));
    assert!(md.contains("部分政务新媒体更新不及时，如“青神公安”新浪微博（3次）。"));
    let docx = std::fs::read(dir.join("out/report.docx")).expect("report.docx");
    let text = sanshen::office::Document::docx(&docx).expect("report.docx reads back").text;
    assert!(text.contains("附件3") && text.contains("未及时转载重要信息，留言互动未及时回复"));
}

#[test]
fn findings_agree_with_check_on_the_same_posts() {
    let (dir, _) = exported("audit-agree");
    let out = audit(&dir, "posts.jsonl", &[]);
    assert_eq!(out.status.code(), Some(0));
    let posts = dir.join("posts.jsonl").display().to_string();
    let args = [
        "check",
        "--no-config",
        "--jsonl",
        "--date-field",
        "published_at",
        "--format",
        "jsonl",
        &posts,
    ];
    // Posts outside the period are not reviewed by the audit; the generator plants none there.
    let found = |field: &str| {
        let mut args = args.to_vec();
        args.extend(["--field", field]);
        String::from_utf8_lossy(&sanshen(&args, None).stdout).lines().count()
    };
    assert_eq!(json(&dir)["totals"]["findings"], found("text") + found("title"));
}

#[test]
fn titles_are_reviewed_and_their_faults_say_so() {
    let (dir, e) = exported("audit-title");
    let post = r#"{"unit":"县公安局","account":"青神公安","platform":"微信公众号","column":"工作动态","published_at":"2021-01-15 09:00","title":"学习习进平总书记重要讲话精神","text":"全县公安干警认真学习。","url":""}"#;
    write(&dir, "posts.jsonl", format!("{}{post}\n", e.posts_jsonl).as_bytes());
    let out = audit(&dir, "posts.jsonl", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&dir);
    let veto = report["veto"].as_array().expect("the veto list");
    let fault = veto.iter().find(|f| f["text"] == "习进平").expect("the title's fault is listed");
    assert_eq!(fault["in_title"], true);
    let line = format!("posts.jsonl:{}", e.posts_jsonl.lines().count() + 1);
    assert!(fault["at"].as_str().is_some_and(|at| at.ends_with(&line)), "{fault}");
    assert_eq!(veto.iter().filter(|f| f["in_title"] == true).count(), 1, "{veto:?}");
    let md = std::fs::read_to_string(dir.join("out/report.md")).expect("report.md");
    assert!(md.contains("（标题）"), "{md}");
}

#[test]
fn csv_export_with_its_own_field_names_gives_the_same_tables() {
    let (dir, e) = exported("audit-csv");
    let header = "单位,账号,平台,栏目,发布时间,标题,正文,链接";
    let body = e.posts_csv.split_once('\n').unwrap().1;
    write(&dir, "posts.csv", format!("{header}\n{body}").as_bytes());
    let renamed = [
        "unit=单位",
        "posts.account=账号",
        "platform=平台",
        "column=栏目",
        "published_at=发布时间",
        "posts.title=标题",
        "text=正文",
        "url=链接",
    ];
    let mut extra = Vec::new();
    for r in renamed {
        extra.extend(["--field", r]);
    }
    let out = audit(&dir, "posts.csv", &extra);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let csv_annex = std::fs::read(dir.join("out/annex3-new-media.csv")).unwrap();
    let csv_totals = json(&dir)["totals"].clone();
    let out = audit(&dir, "posts.jsonl", &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(dir.join("out/annex3-new-media.csv")).unwrap(), csv_annex);
    assert_eq!(json(&dir)["totals"], csv_totals);
}

#[test]
fn bad_records_are_named_and_the_rest_reported() {
    let (dir, e) = exported("audit-bad");
    let posts = format!("{}{{\"unit\":\"西龙镇\"\n{{\"unit\":\"西龙镇\",\"published_at\":\"昨天\",\"text\":\"x\"}}\n", e.posts_jsonl);
    write(&dir, "posts.jsonl", posts.as_bytes());
    let out = audit(&dir, "posts.jsonl", &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let lines = e.posts_jsonl.lines().count();
    assert!(stderr.contains(&format!("posts.jsonl:{}: invalid JSON", lines + 1)), "{stderr}");
    assert!(
        stderr.contains(&format!("posts.jsonl:{}: `昨天` is not a time", lines + 2)),
        "{stderr}"
    );
    let report = json(&dir);
    assert_eq!(report["totals"]["unreadable"], 2);
    assert_eq!(report["totals"]["township_posts"], 350);

    let missing =
        sanshen(&["audit", "nowhere.jsonl", "--from", "2021-01-01", "--to", "2021-01-02"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere.jsonl: cannot read"));
}

#[test]
fn a_progress_line_is_drawn_on_a_terminal_and_nowhere_else() {
    let (dir, _) = exported("audit-progress");
    let piped = audit(&dir, "posts.jsonl", &[]);
    assert_eq!(piped.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&piped.stderr).contains("已检查"), "no line into a pipe");
    // `script` (util-linux) runs the audit with a terminal as its standard error.
    let s = spec();
    let p = |f: &str| format!("'{}'", dir.join(f).display());
    let line = format!(
        "'{}' audit {} --messages {} --out {} --from {} --to {} --no-config",
        env!("CARGO_BIN_EXE_sanshen"),
        p("posts.jsonl"),
        p("messages.jsonl"),
        p("tty-out"),
        s.from,
        s.to
    );
    let run = std::process::Command::new("script")
        .args(["-qefc", &line, "/dev/null"])
        .env("SANSHEN_CACHE_DIR", common::CACHE_DIR)
        .env_remove("CI")
        .stdin(std::process::Stdio::null())
        .output();
    let Ok(run) = run else {
        eprintln!("skipped: `script` (util-linux) is not installed, so no terminal can be given");
        return;
    };
    let shown = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{shown}");
    assert!(shown.contains("\r已检查 0 个文件、2048 条记录"), "{shown}");
    assert!(dir.join("tty-out/report.md").exists());
}

/// The annex cells of the seed notice, which writes each cell on a line ending in ` |`.
fn seed_cells(text: &str, from: &str, to: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.trim() == from).expect("annex heading");
    let end =
        lines.iter().skip(start).position(|l| l.trim() == to || l.starts_with("上一条")).unwrap()
            + start;
    let headers = [
        "乡镇(街道)",
        "主动公开信息条数",
        "单位",
        "名称",
        "公开信息条数",
        "存在问题",
        "所属平台",
        "责任单位",
    ];
    lines[start..end]
        .iter()
        .filter(|l| l.ends_with('|'))
        .map(|l| l.trim_end_matches('|').replace(' ', ""))
        .filter(|c| !headers.contains(&c.as_str()))
        .collect()
}

#[test]
fn fixture_is_the_seed_notices_annexes() {
    let Ok(seed) = std::fs::read_to_string(SEED) else {
        println!("skipped: {SEED} is absent; the fixture copy of its annexes is used alone");
        return;
    };
    let s = spec();
    let pairs = |cells: Vec<String>| -> Vec<(String, usize)> {
        cells.chunks(2).map(|c| (c[0].clone(), c[1].parse().expect("a count"))).collect()
    };
    assert_eq!(pairs(seed_cells(&seed, "附件1", "附件2")), s.townships);
    assert_eq!(pairs(seed_cells(&seed, "附件2", "附件3")), s.departments);
    let accounts: Vec<[String; 5]> = seed_cells(&seed, "附件3", "上一条")
        .chunks(5)
        .map(|c| [0, 1, 2, 3, 4].map(|i| c[i].replace(',', "，")))
        .collect();
    assert_eq!(accounts, s.accounts);
    assert!(seed.contains("2020年11月24日—2021年2月22日"));
    assert!(seed.contains(&format!("如{}。", s.late.join("、"))));
    let accounts: Vec<String> = s.late_accounts.iter().map(|a| format!("“{a}”微博号")).collect();
    assert!(seed.contains(&format!("多次更新不及时情况,如{}。", accounts.join("、"))));
    assert!(
        seed.contains("7个乡镇(街道)公开信息350条")
            && seed.contains("9个政务新媒体共计公开各类信息1552条")
    );
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"].into_iter().find(|c| {
        std::process::Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success())
    }) else {
        println!("skipped: no chromium binary found (CI installs it with apt in .ci/run)");
        return;
    };
    let (dir, _) = exported("audit-html");
    assert_eq!(audit(&dir, "posts.jsonl", &[]).status.code(), Some(0));
    let page = dir.join("out/report.html");
    let url = format!("file://{}", page.display());
    let base =
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"];
    let dom = std::process::Command::new(chromium)
        .args(base)
        .args(["--dump-dom", &url])
        .output()
        .expect("runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    // The browser parsed the page into tables and charts: 7 + 26 + 9 annex rows, one bar per
    // unit with posts.
    assert!(dom.contains("<svg"), "no chart in the rendered page");
    assert!(dom.matches("<tr>").count() >= 7 + 26 + 9 + 3, "tables missing");
    assert!(dom.matches("class=\"bar\"").count() >= 33, "bars missing");
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let shot = artifacts.join("audit-report.png");
    let _ = std::fs::remove_file(&shot);
    let arg = format!("--screenshot={}", shot.display());
    let status = std::process::Command::new(chromium)
        .args(base)
        .args([arg.as_str(), "--window-size=1280,2400", "--hide-scrollbars", &url])
        .output()
        .expect("runs");
    let png = std::fs::read(&shot)
        .unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&status.stderr)));
    assert_eq!(&png[1..4], b"PNG");
    // A blank page of that size compresses to a few kilobytes; text, tables and bars do not.
    assert!(png.len() > 40_000, "screenshot looks blank ({} bytes)", png.len());
    println!("screenshot: {}", shot.display());
}
