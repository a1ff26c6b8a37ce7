//! The leader family with local rosters, and the consistency of the shipped roster.

mod common;

use common::{days_after, shipped_roster_date};
use sanshen::dict::Dictionary;
use sanshen::{Date, Family, Finding, LinterBuilder};
use std::collections::{HashMap, HashSet};

const COUNTY: &str = "\
!family title
县委书记\t-\tholders=all\tsince=2021-09-01
县长\t-\tholders=all\tsince=2021-09-01
县人大常委会主任\t-\tholders=all\tsince=2021-09-01
!family roster
!as-of 2026-03-01
张建国\t县委书记\tfrom=2021-09-01
李明华\t县长\tfrom=2022-01-08
王秀英\t县人大常委会主任\tfrom=2021-09-25
陈志强\t县长\tfrom=2021-09-28\tto=2022-01-08\tnote=调任他县
!family confusable
!category name
华\t化画
强\t墙蔷
";

fn day(s: &str) -> Date {
    s.parse().expect("date")
}

fn leader_findings(text: &str, on: &str) -> Vec<Finding> {
    let mut b = LinterBuilder::new();
    b.add_dictionary("county.tsv", COUNTY).expect("parses");
    let linter = b.build().expect("builds");
    linter.check_as_of(text, day(on)).into_iter().filter(|f| f.family == Family::Leader).collect()
}

#[track_caller]
fn assert_rules(text: &str, on: &str, want: &[(&str, &str)]) {
    let got: Vec<(String, String)> =
        leader_findings(text, on).into_iter().map(|f| (f.rule, f.text)).collect();
    let got: Vec<(&str, &str)> = got.iter().map(|(r, t)| (r.as_str(), t.as_str())).collect();
    assert_eq!(got, want, "{text} on {on}");
}

#[test]
fn local_roster_titles_and_dates() {
    assert_rules("县委书记张建国主持召开会议。", "2026-03-01", &[]);
    assert_rules("县长张建国主持召开会议。", "2026-03-01", &[("leader/title", "县长")]);
    assert_rules("县长陈志强检查防汛工作。", "2021-12-01", &[]);
    assert_rules("县长陈志强检查防汛工作。", "2026-03-01", &[("leader/outdated", "县长")]);
    assert_rules("时任县长陈志强检查防汛工作。", "2026-03-01", &[]);
    assert_rules("2021年，县长陈志强检查防汛工作。", "2026-03-01", &[]);
}

#[test]
fn local_names_misspelled_in_context_only() {
    assert_rules("县长李明化到乡镇调研。", "2026-03-01", &[("leader/name", "李明化")]);
    assert_rules("李明化同志到乡镇调研。", "2026-03-01", &[("leader/name", "李明化")]);
    // Without a title, 同志 or a list, a similar name may be somebody else.
    assert_rules("村民李明化反映道路问题。", "2026-03-01", &[]);
}

#[test]
fn misspelled_names_set_apart_from_their_title_by_spaces() {
    // Signature blocks and lists of members: the title and the name on one line, spaced.
    assert_rules("县　长　　李明化\n", "2026-03-01", &[("leader/name", "李明化")]);
    assert_rules("县长　　李明化\n", "2026-03-01", &[("leader/name", "李明化")]);
    assert_rules("县长 李明化", "2026-03-01", &[("leader/name", "李明化")]);
    assert_rules("组长：李明化　　县长\n", "2026-03-01", &[("leader/name", "李明化")]);
    assert_rules("县长　　李明华\n", "2026-03-01", &[]);
    // A line end sets them apart for good: the name may be somebody else's.
    assert_rules("县长\n李明化", "2026-03-01", &[]);
    assert_rules("李明化\n县长", "2026-03-01", &[]);
}

#[test]
fn shipped_leaders_misspelled_in_signature_blocks() {
    let linter = sanshen::Linter::new();
    let names = |text: &str, on: &str| -> Vec<String> {
        let found = linter.check_as_of(text, day(on)).into_iter();
        found.filter(|f| f.rule == "leader/name").map(|f| f.text).collect()
    };
    assert_eq!(names("总　理　　李克墙\n2016年7月15日", "2016-07-15"), ["李克墙"]);
    assert_eq!(names("总理　　李克墙\n2016年7月15日", "2016-07-15"), ["李克墙"]);
    assert_eq!(names("国务院总理 李克墙", "2017-02-20"), ["李克墙"]);
    assert_eq!(names("组　长：孙椿兰　　国务院副总理\n", "2019-11-24"), ["孙椿兰"]);
    assert_eq!(names("总理　　李克强\n", "2016-07-15"), Vec::<String>::new());
    // A spaced-out title is judged like one written whole.
    let spaced =
        linter.check_as_of("县长　　李明华\n国　务　院　总　理　李克强", day("2016-07-15"));
    assert!(spaced.is_empty(), "{spaced:?}");
}

#[test]
fn national_roster_is_used_alongside() {
    assert_rules("国务院总理李强、县长李明华出席。", "2026-03-01", &[]);
    assert_rules("国务院副总理李强出席。", "2026-03-01", &[("leader/title", "国务院副总理")]);
    // A namesake with a title that is not on the roster is not checked.
    assert_rules("县交通运输局局长李强出席。", "2026-03-01", &[]);
}

#[test]
fn shipped_roster_is_consistent() {
    let dict = Dictionary::builtin();
    let titles: HashSet<&str> = dict.titles.iter().map(|t| t.canonical.as_str()).collect();
    let mut problems = Vec::new();
    for r in &dict.roster {
        let at = format!("{}:{}", r.origin.file, r.origin.line);
        if !titles.contains(r.title.as_str()) {
            problems.push(format!("{at}: title `{}` is not in titles.tsv", r.title));
        }
        if r.removed && r.to.is_none() {
            problems.push(format!("{at}: end=removed without to="));
        }
        if r.as_of.is_none() {
            problems.push(format!("{at}: no !as-of date"));
        }
        if r.name.chars().any(char::is_whitespace) {
            problems.push(format!("{at}: white space in name"));
        }
    }
    // No person holds one title twice at once, and no two people share a rank on one day.
    let mut days: Vec<Date> = dict.roster.iter().flat_map(|r| [r.from, r.to]).flatten().collect();
    days.sort();
    days.dedup();
    for d in days {
        let valid = dict
            .roster
            .iter()
            .filter(|r| r.from.is_none_or(|f| f <= d) && r.to.is_none_or(|t| d < t));
        let mut held: HashMap<(&str, &str), usize> = HashMap::new();
        let mut ranks: HashMap<(&str, u32), &str> = HashMap::new();
        for r in valid {
            *held.entry((&r.name, &r.title)).or_default() += 1;
            if let Some(rank) = r.rank {
                if let Some(other) = ranks.insert((&r.title, rank), &r.name) {
                    problems.push(format!(
                        "{d}: {other} and {} both rank {rank} as {}",
                        r.name, r.title
                    ));
                }
            }
        }
        for ((name, title), n) in held {
            if n > 1 {
                problems.push(format!("{d}: {name} holds {title} {n} times"));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn findings_cite_the_roster_date() {
    let f = leader_findings("国务院总理李克强主持会议。", "2026-03-01");
    assert_eq!(f.len(), 1);
    let cited = format!("名册截至{}", shipped_roster_date());
    assert!(f[0].message.contains(&cited), "{}", f[0].message);
    assert!(f[0].suggestions.is_empty());
}

#[test]
fn institution_findings_are_not_evasions() {
    let f = leader_findings("县人大常委会副主席王某出席。", "2026-03-01");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].text, "副主席");
    assert_eq!(f[0].evasion, None);
    assert!(!f[0].message.contains("规避"), "{}", f[0].message);
}

#[test]
fn shipped_roster_passes_the_validator() {
    let problems = sanshen::validate_roster(Dictionary::builtin(), None);
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_validator_names_every_fault_of_a_bad_roster() {
    let bad = "\
!family roster
!as-of 2026-03-01
张建国\t县委书记\tfrom=2021-09-01\tsource=县政府网 2021-09-01
张建国\t县委书记\tfrom=2023-01-01\tsource=县政府网 2023-01-01
李明华\t县长\tfrom=2022-01-08
王秀英\t县人大主任\tsource=县人大网 2021-09-25
";
    let dict = Dictionary::parse("bad.tsv", bad).expect("parses");
    let mut county = Dictionary::parse("county.tsv", COUNTY).expect("parses");
    county.roster.clear();
    let got: Vec<String> =
        sanshen::validate_roster(&dict, Some(&county)).iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "bad.tsv:5: 李明华 县长: no `source=`",
            "bad.tsv:6: title `县人大主任` is not declared in any `!family title` section",
            "bad.tsv:4: 张建国 县委书记 overlaps the row at line 3",
        ]
    );
    // A row that ends before it starts is refused when the file is read, naming the line.
    let reversed = "!family roster\n!as-of 2026-03-01\n张建国\t县委书记\tfrom=2023-01-01\tto=2022-01-01\tsource=县政府网\n";
    let err = Dictionary::parse("bad.tsv", reversed).expect_err("to before from");
    assert!(err.to_string().starts_with("bad.tsv:3"), "{err}");
    assert!(err.to_string().contains("before `from`"), "{err}");
}

#[test]
fn incumbents_added_in_2026_and_their_earlier_posts() {
    let linter = sanshen::Linter::new();
    let rules = |text: &str, on: &str| -> Vec<(String, String)> {
        let found = linter.check_as_of(text, day(on)).into_iter();
        found.filter(|f| f.family == Family::Leader).map(|f| (f.rule, f.text)).collect()
    };
    let none: Vec<(String, String)> = Vec::new();
    let one = |rule: &str, text: &str| vec![(rule.to_owned(), text.to_owned())];
    assert_eq!(rules("最高人民法院院长张军作工作报告。", "2026-03-09"), none);
    assert_eq!(rules("最高人民检察院检察长应勇作工作报告。", "2026-03-09"), none);
    assert_eq!(rules("最高人民检察院检察长张军作工作报告。", "2020-05-25"), none);
    assert_eq!(
        rules("最高人民检察院检察长张军作工作报告。", "2026-03-09"),
        one("leader/outdated", "最高人民检察院检察长")
    );
    assert_eq!(
        rules("最高人民法院院长应勇作工作报告。", "2026-03-09"),
        one("leader/title", "最高人民法院院长")
    );
    assert_eq!(
        rules("中共中央政治局委员、中央军委副主席张升民出席。", "2026-03-01"),
        one("leader/title", "中共中央政治局委员")
    );
    assert_eq!(rules("中共中央政治局委员、国务院副总理张国清出席。", "2026-03-01"), none);
    assert_eq!(
        rules("国务委员、国防部长李尚福出席。", "2026-03-01"),
        [
            ("leader/removed".to_owned(), "国务委员".to_owned()),
            ("leader/removed".to_owned(), "国防部长".to_owned())
        ]
    );
    assert_eq!(rules("国务委员、国防部长李尚福出席。", "2023-05-01"), none);
}

/// Leader findings of the shipped linter as (rule, matched text, suggestions).
fn shipped(text: &str, on: &str) -> Vec<(String, String, Vec<String>)> {
    let found = sanshen::Linter::new().check_as_of(text, day(on)).into_iter();
    found.filter(|f| f.family == Family::Leader).map(|f| (f.rule, f.text, f.suggestions)).collect()
}

#[track_caller]
fn assert_one(text: &str, on: &str, rule: &str, matched: &str, suggestion: Option<&str>) {
    let got = shipped(text, on);
    assert_eq!(got.len(), 1, "{text} on {on}: {got:?}");
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), (rule, matched), "{text} on {on}");
    if let Some(s) = suggestion {
        assert_eq!(got[0].2, [s], "{text} on {on}");
    }
}

#[track_caller]
fn assert_clean(text: &str, on: &str) {
    let got = shipped(text, on);
    assert!(got.is_empty(), "{text} on {on}: {got:?}");
}

#[test]
fn surnames_are_tried_for_confusables_too() {
    assert_one("国务委员沈贻琴出席会议。", "2026-03-01", "leader/name", "沈贻琴", Some("谌贻琴"));
    assert_one("国务委员湛贻琴出席会议。", "2026-03-01", "leader/name", "湛贻琴", Some("谌贻琴"));
    assert_one(
        "最高人民检察院检察长映勇作报告。",
        "2026-03-09",
        "leader/name",
        "映勇",
        Some("应勇"),
    );
    // Without a title, 同志 or a list, a similar name may be somebody else's.
    assert_clean("沈贻琴老师讲授了一堂公开课。", "2026-03-01");
    // 同志 or a list vouch for a near miss only of someone on a complete list: a minister's
    // or a provincial leader's common name has namesakes.
    assert_one("习近苹同志发表重要讲话。", "2026-03-01", "leader/name", "习近苹", Some("习近平"));
    assert_clean("刘玮同志任县长。", "2026-03-01");
    assert_clean("孙玮同志任县长。", "2026-03-01");
    assert_clean("孙卫、王宁、刘伟出席会议。", "2026-03-01");
    assert_one("湖北省政协主席孙玮出席会议。", "2026-03-01", "leader/name", "孙玮", Some("孙伟"));
    // A three-character name that starts like a leader's two-character one is someone else's.
    assert_clean("省政协副主席兼秘书长王艺华担任机关党建工作领导小组组长。", "2018-07-19");
    assert_clean("湖北省政协主席孙玮华出席会议。", "2026-03-01");
}

/// A character of a roster name with no confusable is a place where no slip can be caught
/// (王浩 written 王昊, 冯飞 written 冯非).
#[test]
fn every_character_of_a_shipped_name_has_confusables() {
    let dict = Dictionary::builtin();
    let known: HashSet<char> = dict
        .confusables
        .iter()
        .filter(|c| c.category.as_deref() == Some("name"))
        .map(|c| c.ch)
        .collect();
    let mut missing: Vec<String> = Vec::new();
    for r in &dict.roster {
        for c in r.name.chars().filter(|c| *c != '·' && !known.contains(c)) {
            missing.push(format!("{} ({})", c, r.name));
        }
    }
    missing.dedup();
    assert!(missing.is_empty(), "no confusable for: {}", missing.join(", "));
    assert_one("浙江省委书记王昊出席会议。", "2026-03-01", "leader/name", "王昊", Some("王浩"));
    assert_one("贵州省委书记许麟出席会议。", "2026-03-01", "leader/name", "许麟", Some("徐麟"));
    assert_clean("王昊老师讲授了一堂公开课。", "2026-03-01");
}

#[test]
fn slips_in_a_title_written_after_a_name() {
    assert_one(
        "深入学习习近平总书纪重要讲话精神。",
        "2026-03-01",
        "leader/title",
        "总书纪",
        Some("总书记"),
    );
    assert_one("李强总埋在会上强调。", "2026-03-01", "leader/title", "总埋", Some("总理"));
    assert_one("赵乐际委员常出席会议。", "2026-03-01", "leader/title", "委员常", Some("委员长"));
    assert_one("王沪宁主度主持会议。", "2026-03-01", "leader/title", "主度", Some("主席"));
    // A character left out or added, and a slip into a title the person does not hold, a
    // character away from the one he holds: the held form is suggested.
    assert_one("习近平书记强调。", "2026-03-01", "leader/title", "书记", Some("总书记"));
    assert_one("王沪宁主主席出席会议。", "2026-03-01", "leader/title", "主主席", Some("主席"));
    assert_one("王沪宁付主席出席会议。", "2026-03-01", "leader/title", "付主席", Some("主席"));
    assert_clean("李希书记出席会议。", "2026-03-01");
    assert_clean("在浙江工作期间的习近平书记常到基层调研。", "2026-03-01");
    // Ordinary words after a name, and titles the person never held, stay clean.
    assert_clean("李强总结了经验。", "2026-03-01");
    assert_clean("王沪宁主持会议。", "2026-03-01");
    assert_clean("习近平总书记强调。", "2026-03-01");
    assert_clean("村民李强总是第一个到田里。", "2026-03-01");
}

#[test]
fn an_unknown_title_between_a_known_one_and_the_name() {
    assert_one(
        "中共中央政治局常委、北京市委书记尹力出席。",
        "2026-03-01",
        "leader/title",
        "中共中央政治局常委",
        None,
    );
    assert_clean("中共中央政治局委员、北京市委书记尹力出席。", "2026-03-01");
    assert_one(
        "全国政协副主席、民建中央主席郝明金出席。",
        "2026-03-01",
        "leader/title",
        "全国政协副主席",
        None,
    );
    // A misspelled name is found behind the unknown title too.
    assert_one(
        "河北省委书记、省人大常委会主任倪岳锋出席。",
        "2026-03-01",
        "leader/name",
        "倪岳锋",
        Some("倪岳峰"),
    );
    assert_clean("河北省委书记、省人大常委会主任倪岳峰出席。", "2026-03-01");
    // Long unknown titles, and several of them, are read past as well.
    assert_one(
        "中共中央政治局常委、中央全面深化改革委员会副主任何立峰出席。",
        "2026-03-01",
        "leader/title",
        "中共中央政治局常委",
        None,
    );
    assert_one(
        "国务院副总理、中央军民融合发展委员会办公室主任王小洪出席。",
        "2026-03-01",
        "leader/title",
        "国务院副总理",
        None,
    );
    assert_one(
        "中共中央政治局常委、中央财经委员会办公室主任、国务院副总理何立峰出席。",
        "2026-03-01",
        "leader/title",
        "中共中央政治局常委",
        None,
    );
    assert_clean(
        "中共中央政治局委员、中央财经委员会办公室主任、国务院副总理何立峰出席。",
        "2026-03-01",
    );
    assert_clean("中共中央政治局常委、中央全面深化改革委员会副主任王沪宁出席。", "2026-03-01");
    // A title right after another name belongs to that person, also across unknown titles.
    assert_clean("国务院总理李某、国家某某局局长王小洪出席。", "2026-03-01");
    assert_clean("中共中央政治局常委、国务院总理李某、国家某某局局长王小洪出席。", "2026-03-01");
    assert_clean("李强总理、外交部长王毅出席。", "2026-03-01");
    assert_clean("国务院总理李强、外交部长王毅出席。", "2026-03-01");
}

#[test]
fn a_name_not_in_a_closed_body_is_told_so() {
    let found = |text: &str, on: &str| -> Vec<Finding> {
        let all = sanshen::Linter::new().check_as_of(text, day(on));
        all.into_iter().filter(|f| f.family == Family::Leader).collect()
    };
    let got = found("国务院副总理赵志刚出席会议。", "2026-03-01");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].rule.as_str(), got[0].text.as_str()), ("leader/title", "国务院副总理"));
    assert!(got[0].message.starts_with("赵志刚在2026-03-01不是国务院副总理"), "{}", got[0].message);
    assert!(got[0].message.contains("丁薛祥、何立峰、张国清、刘国中"), "{}", got[0].message);
    assert_eq!(got[0].severity, sanshen::Severity::Error);
    let source = got[0].source.as_ref().expect("the title line");
    assert!(source.file.as_deref().is_some_and(|f| f.ends_with("titles.tsv")), "{source:?}");
    assert_one(
        "中共中央政治局常委孙志强主持会议。",
        "2023-06-01",
        "leader/title",
        "中共中央政治局常委",
        None,
    );
    assert_one(
        "最高人民法院院长郑国华作报告。",
        "2026-03-09",
        "leader/title",
        "最高人民法院院长",
        None,
    );
    // Long after the roster's date someone appointed since may be missing: a warning.
    let late = found("国务院副总理赵志刚出席会议。", "2026-12-07");
    assert_eq!(late.len(), 1, "{late:?}");
    assert_eq!(late[0].severity, sanshen::Severity::Warning);
    // The people listed, the past, days before the list is complete, short forms and words.
    assert_clean("国务院副总理刘国中出席会议。", "2026-03-01");
    assert_clean("时任国务院总理周恩来出席会议。", "2026-03-01");
    assert_clean("1958年，国务院总理周恩来视察了这里。", "2026-03-01");
    assert_clean("国务院总理朱镕基出席会议。", "2000-06-01");
    assert_clean("国务院总理和副总理出席会议。", "2026-03-01");
    assert_clean("国务院总理办公会议研究了有关事项。", "2026-03-01");
    assert_clean("新加坡总理黄循财会见了代表团。", "2026-03-01");
    assert_clean("越南国家主席梁强出席会议。", "2026-03-01");
    // A misspelled name is a name finding, not this one.
    assert_one("国务院副总理刘国忠出席。", "2026-03-01", "leader/name", "刘国忠", Some("刘国中"));
}

#[test]
fn titles_set_apart_from_the_name_by_spaces() {
    // Signature blocks and tables: 总理　李克强, 国务委员　国防部长　李尚福.
    assert_one("国务院总理　李克强", "2026-03-01", "leader/outdated", "国务院总理", None);
    assert_clean("国务院总理　李克强", "2021-06-30");
    assert_one("国防部长 李尚福出席。", "2026-03-01", "leader/removed", "国防部长", None);
    let got = shipped("国务委员　国防部长　李尚福出席。", "2026-03-01");
    let matched: Vec<&str> = got.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(matched, ["国务委员", "国防部长"], "{got:?}");
    assert_one(
        "中共中央政治局常委 国务院副总理 何立峰出席。",
        "2026-03-01",
        "leader/title",
        "中共中央政治局常委",
        None,
    );
    assert_clean("中共中央政治局委员 国务院副总理 何立峰出席。", "2026-03-01");
    // Another person's title across the spaces stays his: 李强 is the premier.
    assert_clean("国务院总理 李强 国务院副总理 何立峰", "2026-03-01");
    // A line break ends the title's reach.
    assert_clean("国务院总理\n李克强", "2026-03-01");
}

#[test]
fn up_to_five_unknown_titles_are_read_past() {
    assert_one(
        "中共中央政治局常委、甲乙委员会主任、丙丁领导小组组长、戊己办公室主任、庚辛中心主任何立峰出席。",
        "2026-03-01",
        "leader/title",
        "中共中央政治局常委",
        None,
    );
    assert_one(
        "国务院副总理、甲委员会主任、乙小组组长、丙办公室主任、丁中心主任、戊会会长王小洪出席。",
        "2026-03-01",
        "leader/title",
        "国务院副总理",
        None,
    );
    assert_clean(
        "中共中央政治局委员、甲乙委员会主任、丙丁领导小组组长、戊己办公室主任、庚辛中心主任何立峰出席。",
        "2026-03-01",
    );
}

#[test]
fn a_standing_committee_member_written_as_a_politburo_member() {
    assert_one(
        "中共中央政治局委员、国务院总理李强出席。",
        "2026-03-01",
        "leader/title",
        "中共中央政治局委员",
        Some("中共中央政治局常委"),
    );
    // The title he held before, written as past, is right: 时任 marks it.
    assert_clean("中共中央政治局常委，时任中央政治局委员、中央纪委书记赵乐际出席。", "2026-03-01");
}

#[test]
fn the_library_exposes_the_roster_date_and_its_notice() {
    let linter = sanshen::Linter::new();
    let shipped = shipped_roster_date();
    assert_eq!(linter.roster_as_of(), Some(shipped));
    assert_eq!(linter.roster_notice(days_after(shipped, 90)), None);
    let notice = linter.roster_notice(days_after(shipped, 91)).expect("91 days");
    assert!(notice.contains(&shipped.to_string()) && notice.contains("91天"), "{notice}");
    // The roster is as current as its oldest part: a local roster of an earlier date counts.
    let mut b = LinterBuilder::new();
    b.add_dictionary("county.tsv", COUNTY).expect("parses");
    assert_eq!(b.build().expect("builds").roster_as_of(), Some(day("2026-03-01")));
}

#[test]
fn a_newer_roster_overrides_the_shipped_one() {
    let newer = "!family roster\n!as-of 2026-11-30\n李强\t国务院总理\tfrom=2023-03-11\tto=2026-10-01\tsource=某网 2026-10-01\n";
    let mut b = LinterBuilder::new();
    b.add_dictionary("newer.tsv", newer).expect("parses");
    // Person by person: 李强's shipped rows give way to the file's, the others stay.
    let linter = b.build().expect("builds");
    let rules = |l: &sanshen::Linter, text: &str| -> Vec<String> {
        let found = l.check_as_of(text, day("2026-12-01")).into_iter();
        found.filter(|f| f.family == Family::Leader).map(|f| f.rule).collect()
    };
    assert_eq!(rules(&linter, "国务院总理李强主持会议。"), ["leader/outdated"]);
    assert_eq!(rules(&linter, "全国政协主席王沪宁主持会议。"), Vec::<String>::new());
    assert_eq!(rules(&linter, "全国政协主席赵乐际主持会议。"), ["leader/title"]);
    assert_eq!(linter.roster_as_of(), Some(shipped_roster_date()));
    // As a whole: no shipped row is used, and the date is the file's.
    b.shipped_roster(false);
    let linter = b.build().expect("builds");
    assert_eq!(rules(&linter, "全国政协主席赵乐际主持会议。"), Vec::<String>::new());
    assert_eq!(linter.roster_as_of(), Some(day("2026-11-30")));
}

#[test]
fn a_person_not_in_a_complete_body_is_told_so() {
    let linter = sanshen::Linter::new();
    let text = "中共中央政治局委员、中央军委副主席张升民出席会议。";
    let f = linter.check_as_of(text, day("2026-03-01"));
    let f: Vec<_> = f.into_iter().filter(|f| f.family == Family::Leader).collect();
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.starts_with("张升民不是中共中央政治局委员，现任中央军委副主席"),
        "{}",
        f[0].message
    );
    let cited = format!("名册截至{}", shipped_roster_date());
    assert!(f[0].message.contains(&cited), "{}", f[0].message);
}

#[test]
fn provincial_rows_judged_by_their_dates() {
    // A predecessor after the day he left; a successor before the day he arrived.
    assert_one("浙江省省长王浩出席开幕式。", "2026-12-01", "leader/outdated", "浙江省省长", None);
    assert_clean("浙江省省长王浩出席开幕式。", "2024-11-01");
    assert_clean("时任浙江省省长王浩出席开幕式。", "2026-12-01");
    assert_one("浙江省省长刘捷出席会议。", "2024-11-01", "leader/title", "浙江省省长", None);
    assert_clean("浙江省省长刘捷出席会议。", "2024-12-18");
    // An acting term counts as in office: 卢东亮 acted from 2025-06-03, elected 06-16.
    assert_clean("山西省省长卢东亮出席会议。", "2025-06-10");
    // A holders=some title never says that someone else does not hold it.
    assert_clean("山西省委书记卢东亮出席会议。", "2026-03-01");
    // A wrong body before a provincial title is still caught.
    assert_one(
        "中共中央政治局委员、河南省委书记刘宁出席会议。",
        "2026-03-01",
        "leader/title",
        "中共中央政治局委员",
        None,
    );
    assert_one(
        "广西壮族自治区党委书记陈钢主持会议。",
        "2026-03-01",
        "leader/name",
        "陈钢",
        Some("陈刚"),
    );
}
