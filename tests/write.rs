//! `--write` and `--diff` cannot be turned against anyone: planted links, edits made while a
//! file is checked, owners, modes, read-only and hard-linked files, accepted findings, leader
//! corrections, standard input.

mod common;

use common::{jsonl, sanshen, temp_dir, write};
use std::path::Path;
use std::process::Output;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Files in `dir` whose names end in `.tmp`.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_a_temporary_name_is_never_followed() {
    let dir = temp_dir("planted");
    let victim = write(&dir, "victim.txt", "别人的文件".as_bytes());
    let post = write(&dir, "post.txt", "请认真布署。\n".as_bytes());
    // Anyone who can write to the folder can guess names made of the process id: plant links
    // under the names the next few thousand processes would use.
    let next = std::process::Command::new("true").spawn().unwrap().id();
    for pid in next..next + 3000 {
        let planted = dir.join(format!(".post.txt.sanshen-{pid}.tmp"));
        std::os::unix::fs::symlink(&victim, planted).unwrap();
    }
    let out = sanshen(&["check", "--no-config", "--write", &post], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "别人的文件");
    assert!(!std::fs::symlink_metadata(&post).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&post).unwrap(), "请认真部署。\n");
    assert_eq!(temporaries(&dir).len(), 3000, "only the planted links are left");
}

/// Bytes read so far by process `pid` (Linux).
#[cfg(target_os = "linux")]
fn bytes_read(pid: u32) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    io.lines().find_map(|l| l.strip_prefix("rchar: ")).and_then(|n| n.trim().parse().ok())
}

#[cfg(target_os = "linux")]
#[test]
fn an_edit_made_while_the_file_is_checked_is_not_lost() {
    let dir = temp_dir("edited");
    let text = "请认真布署，再接再励，按装设备。\n".repeat(40_000);
    let post = write(&dir, "post.txt", text.as_bytes());
    let child = common::command()
        .args(["check", "--no-config", "--write", "--format", "jsonl", &post])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once the file has been read, an editor saves a change of the same size.
    let pid = child.id();
    while bytes_read(pid).is_some_and(|n| n < text.len() as u64) {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let edited = text.replacen("请认真", "请务必", 1);
    std::fs::write(&post, &edited).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(std::fs::read_to_string(&post).unwrap(), edited, "the edit is kept");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("changed while it was checked"), "{}", stderr(&out));
    assert_eq!(temporaries(&dir), Vec::<String>::new());
}

#[test]
fn write_and_diff_leave_accepted_findings_alone() {
    let dir = temp_dir("write-baseline");
    let post = write(&dir, "post.txt", "请认真布署，再接再励。\n".as_bytes());
    let base = dir.join("accepted.json").display().to_string();
    // The first reviewer accepts both findings; a new one is added later.
    sanshen(&["check", "--no-config", "--write-baseline", &base, &post], None);
    std::fs::write(&post, "请认真布署，再接再励。\n后来又写了座落。\n").unwrap();
    let diff = sanshen(&["check", "--no-config", "--diff", "--baseline", &base, &post], None);
    let diff = String::from_utf8_lossy(&diff.stdout).into_owned();
    assert!(diff.contains("+后来又写了坐落。"), "{diff}");
    assert!(!diff.contains("部署"), "{diff}");
    let out = sanshen(&["check", "--no-config", "--write", "--baseline", &base, &post], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&post).unwrap(),
        "请认真布署，再接再励。\n后来又写了坐落。\n"
    );
}

#[cfg(unix)]
#[test]
fn read_only_and_hard_linked_files_are_refused_unless_asked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("refused");
    let original = "请认真布署。\n";
    let locked = write(&dir, "locked.txt", original.as_bytes());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let linked = write(&dir, "linked.txt", original.as_bytes());
    std::fs::hard_link(&linked, dir.join("other-name.txt")).unwrap();
    for (path, reason) in [(&locked, "read-only"), (&linked, "hard links")] {
        let out = sanshen(&["check", "--no-config", "--write", path], None);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("{path}: cannot write fixes: ")),
            "{}",
            stderr(&out)
        );
        assert!(stderr(&out).contains(reason), "{}", stderr(&out));
        // The findings of the file as it stands are still reported.
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(shown.contains(&format!("{path}:1:4")), "{shown}");
        assert_eq!(std::fs::read_to_string(path).unwrap(), original);
    }
    assert_eq!(temporaries(&dir), Vec::<String>::new());
    let out = sanshen(&["check", "--no-config", "--write", "--write-read-only", &locked], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), "请认真部署。\n");
    let mode = std::fs::metadata(&locked).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o444, "still read-only");
    let out = sanshen(&["check", "--no-config", "--write", "--break-hard-links", &linked], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&linked).unwrap(), "请认真部署。\n");
}

#[cfg(unix)]
#[test]
fn write_keeps_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    let dir = temp_dir("owner");
    let post = write(&dir, "post.txt", "请认真布署。\n".as_bytes());
    // The web server's user: only a privileged user can give a file away.
    if std::os::unix::fs::chown(&post, Some(65534), Some(65534)).is_err() {
        eprintln!("skipped: this user cannot change a file's owner");
        return;
    }
    let out = sanshen(&["check", "--no-config", "--write", &post], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&post).unwrap(), "请认真部署。\n");
    let meta = std::fs::metadata(&post).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
}

#[test]
fn write_with_standard_input_prints_the_corrected_text() {
    let text = "国家级产品，请认真布署。\n";
    let out = sanshen(&["check", "--no-config", "--write", "-"], Some(text.as_bytes()));
    // 国家级产品 has no suggestion: left for a person, and it still sets the exit code.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "国家级产品，请认真部署。\n");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let clean = sanshen(&["check", "--no-config", "--write"], Some("请认真布署。".as_bytes()));
    assert_eq!(String::from_utf8_lossy(&clean.stdout), "请认真部署。");
    assert_eq!(clean.status.code(), Some(0));
}

/// A county roster: 张建国 is the Party secretary, 李明华 the county head.
const COUNTY: &str = include_str!("fixtures/leader/county.tsv");

#[test]
fn corrections_that_change_who_or_which_post_are_never_automatic() {
    let dir = temp_dir("leader-write");
    let roster = write(&dir, "county.tsv", COUNTY.as_bytes());
    let original = "县长张建国主持召开会议，请认真布署。\n";
    let post = write(&dir, "post.txt", original.as_bytes());
    let args = ["check", "--no-config", "--dict", &roster, "--as-of", "2026-03-01"];
    let out = sanshen(&[&args[..], &["--format", "jsonl", &post]].concat(), None);
    let records = jsonl(&out);
    let title = records.iter().find(|r| r["rule"] == "leader/title").expect("a title finding");
    assert_eq!(title["suggestions"], serde_json::json!(["县委书记"]));
    assert_eq!(title["fixable"], false);
    let typo = records.iter().find(|r| r["rule"] == "typo/dictionary").expect("a typo");
    assert_eq!(typo["fixable"], true);
    let out = sanshen(&[&args[..], &["--write", &post]].concat(), None);
    assert_eq!(out.status.code(), Some(1), "the title is still reported: {}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&post).unwrap(), "县长张建国主持召开会议，请认真部署。\n");
}

#[test]
fn urls_emails_and_paths_are_neither_reported_nor_fixed() {
    let dir = temp_dir("addresses");
    let original = "\
请认真布署，详见http://www.example.gov.cn/布署/通知.html。
来信请寄布署@example.gov.cn或buzhu@example.gov.cn。
附件在D:\\文件\\布署方案.docx和/srv/site/布署/通知.html中。
";
    let post = write(&dir, "post.txt", original.as_bytes());
    let out = sanshen(&["check", "--no-config", "--format", "jsonl", &post], None);
    let starts: Vec<(u64, u64)> = jsonl(&out)
        .iter()
        .filter(|r| r["text"] == "布署")
        .map(|r| (r["line"].as_u64().unwrap(), r["column"].as_u64().unwrap()))
        .collect();
    // 布署@ is prose before an ASCII address.
    assert_eq!(starts, [(1, 4), (2, 5)]);
    let out = sanshen(&["check", "--no-config", "--write", &post], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let want = original.replacen("请认真布署", "请认真部署", 1).replacen("寄布署@", "寄部署@", 1);
    assert_eq!(std::fs::read_to_string(&post).unwrap(), want);
}

#[test]
fn marked_up_files_are_fixed_in_the_same_rounds_as_plain_text() {
    let dir = temp_dir("rounds");
    // Fixing 甲乙 makes 丙乙丁, itself a misspelling: a second round fixes it.
    let dict = write(&dir, "chain.tsv", "!family typo\n甲乙\t丙乙\n丙乙丁\t丙乙戊\n".as_bytes());
    let files = [
        ("post.txt", "甲乙丁。\n", "丙乙戊。\n"),
        ("post.html", "<p>甲乙丁。</p>\n", "<p>丙乙戊。</p>\n"),
        ("post.md", "# 甲乙丁\n\n`甲乙丁`\n", "# 丙乙戊\n\n`甲乙丁`\n"),
    ];
    for (name, original, want) in files {
        let post = write(&dir, name, original.as_bytes());
        let args = ["check", "--no-config", "--no-builtin", "--dict", &dict, "--write", &post];
        let out = sanshen(&args, None);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&post).unwrap(), want, "{name}");
    }
}

#[cfg(unix)]
#[test]
fn the_temporary_file_a_killed_run_left_is_removed_by_the_next_write() {
    let dir = temp_dir("killed");
    let post = write(&dir, "post.txt", "请认真布署。\n".as_bytes());
    // What a run killed with SIGKILL between creating its temporary file and renaming it
    // leaves: a file of the same pattern, two hours old.
    let left = dir.join(".post.txt.k9Zq2B.sanshen.tmp");
    let file = std::fs::File::create(&left).unwrap();
    let two_hours = std::time::Duration::from_secs(2 * 60 * 60);
    file.set_modified(std::time::SystemTime::now() - two_hours).unwrap();
    drop(file);
    // A run still writing has a recent one: it stays.
    let live = write(&dir, ".other.txt.Ab12Cd.sanshen.tmp", b"");
    let out = sanshen(&["check", "--no-config", "--write", &post], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&post).unwrap(), "请认真部署。\n");
    assert_eq!(temporaries(&dir), [".other.txt.Ab12Cd.sanshen.tmp"]);
    assert!(Path::new(&live).exists());
}

/// A run of `--write` killed outright (SIGKILL) while it writes: the file is as it was, and the
/// temporary file the run could not remove is removed by a later write in the folder once it
/// is stale.
#[cfg(unix)]
#[test]
fn a_write_killed_in_the_middle_leaves_the_file_intact_and_the_next_write_cleans_up() {
    use std::process::Stdio;
    let dir = temp_dir("sigkill");
    // Five pieces of 16 MiB, a misspelling in the first: the temporary file is made when the
    // first piece is fixed, and the run is still reading for seconds after.
    let line = "各单位要认真做好防汛工作，确保人民群众安全。\n";
    let text = "请认真布署。\n".to_owned() + &line.repeat((72 << 20) / line.len());
    let post = write(&dir, "post.txt", text.as_bytes());
    let dict = write(&dir, "typo.tsv", "!family typo\n布署\t部署\n".as_bytes());
    let args = ["check", "--no-config", "--no-builtin", "--dict", &dict, "--disable", "format"];
    let mut child = common::command()
        .args([&args[..], &["--write", &post]].concat())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let begun = std::time::Instant::now();
    loop {
        assert!(child.try_wait().unwrap().is_none(), "the run ended before it could be killed");
        assert!(begun.elapsed().as_secs() < 300, "no temporary file after five minutes");
        if !temporaries(&dir).is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let left = temporaries(&dir);
    assert_eq!(left.len(), 1, "the killed run's temporary file: {left:?}");
    assert!(std::fs::read(&post).unwrap() == text.as_bytes(), "the file is as it was");
    // A write in the folder within the hour leaves it (it might be a live run's) ...
    let other = write(&dir, "other.txt", "再接再励。\n".as_bytes());
    let out = sanshen(&["check", "--no-config", "--write", &other], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(temporaries(&dir), left);
    // ... and removes it once it is over an hour old.
    let file = std::fs::File::options().write(true).open(dir.join(&left[0])).unwrap();
    let two_hours = std::time::Duration::from_secs(2 * 60 * 60);
    file.set_modified(std::time::SystemTime::now() - two_hours).unwrap();
    drop(file);
    std::fs::write(&other, "再接再励。\n").unwrap();
    let out = sanshen(&["check", "--no-config", "--write", &other], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "再接再厉。\n");
    assert_eq!(temporaries(&dir), Vec::<String>::new());
}
