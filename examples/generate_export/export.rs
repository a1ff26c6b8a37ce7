//! A deterministic CMS export for `sanshen audit`: portal posts of townships and departments,
//! new-media posts, messages with reply times, important items and their reposts, and a few
//! content errors of each family — shaped by a table of the annex rows it must reproduce
//! (`tests/fixtures/audit/seed-annexes.tsv`). Shared by `examples/generate_export` and
//! `tests/audit.rs`.

#![allow(dead_code, unreachable_pub)]

use std::fmt::Write as _;

/// What the export must reproduce: the annex rows and the units with late portal columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spec {
    pub from: String,
    pub to: String,
    /// 附件1 and 附件2: (name, posts), in the table's order.
    pub townships: Vec<(String, usize)>,
    pub departments: Vec<(String, usize)>,
    /// 附件3: name, posts, problems (as written), platform, unit.
    pub accounts: Vec<[String; 5]>,
    /// Units whose 工作动态 column goes unupdated for more than two weeks.
    pub late: Vec<String>,
    /// Accounts that go unupdated for more than two weeks, several times.
    pub late_accounts: Vec<String>,
}

impl Spec {
    /// Reads the fixture's format (tab-separated, `#` comments).
    pub fn parse(text: &str) -> Result<Spec, String> {
        let mut spec = Spec::default();
        for (n, line) in
            text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cells: Vec<String> = line.split('\t').map(|c| c.trim().to_owned()).collect();
            let posts = || {
                cells.get(2).and_then(|c| c.parse().ok()).ok_or(format!("line {}: no count", n + 1))
            };
            match (cells[0].as_str(), cells.len()) {
                ("period", 3) => (spec.from, spec.to) = (cells[1].clone(), cells[2].clone()),
                ("1", 3) => spec.townships.push((cells[1].clone(), posts()?)),
                ("2", 3) => spec.departments.push((cells[1].clone(), posts()?)),
                ("3", 6) => spec.accounts.push([1, 2, 3, 4, 5].map(|i| cells[i].clone())),
                ("late", 2) => spec.late.push(cells[1].clone()),
                ("late-account", 2) => spec.late_accounts.push(cells[1].clone()),
                _ => return Err(format!("line {}: unexpected `{line}`", n + 1)),
            }
        }
        Ok(spec)
    }
}

/// The files of an export.
pub struct Export {
    pub posts_jsonl: String,
    pub posts_csv: String,
    pub messages: String,
    pub important: String,
    /// How many content errors were planted in posts of the period, and how many of them are
    /// veto-level.
    pub planted: usize,
    pub planted_veto: usize,
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}

/// Days since 1970-01-01 of `YYYY-MM-DD`, and back: the library's calendar.
fn days(date: &str) -> i64 {
    date.parse::<sanshen::Date>().expect("a date").days_since_epoch()
}

fn date(days: i64) -> String {
    sanshen::Date::from_days_since_epoch(days).to_string()
}

/// A time `minutes` after midnight starting day `day`, spelled one of the two ways exports use.
fn stamp(day: i64, minutes: i64, rfc3339: bool) -> String {
    let (day, minutes) = (day + minutes.div_euclid(1440), minutes.rem_euclid(1440));
    let (h, m) = (minutes / 60, minutes % 60);
    if rfc3339 {
        format!("{}T{h:02}:{m:02}:00+08:00", date(day))
    } else {
        format!("{} {h:02}:{m:02}", date(day))
    }
}

const TOPICS: [&str; 8] = [
    "安全生产",
    "乡村振兴",
    "疫情防控",
    "营商环境",
    "民生实事",
    "森林防火",
    "河长制",
    "文明城市创建",
];
const TEMPLATES: [&str; 4] = [
    "{u}召开{t}工作推进会。会议要求，各相关单位要进一步提高认识，压实责任，确保各项工作落到实处。",
    "近日，{u}组织开展{t}专项检查，对发现的问题建立台账，限期整改。",
    "{u}持续推进{t}工作，深入基层了解群众需求，切实解决群众急难愁盼问题。",
    "为做好{t}工作，{u}制定工作方案，明确任务分工和完成时限。",
];

/// Planted content errors: (sentence, veto-level). One of each family; the veto-level ones
/// are a misspelt country name and a leader's misspelt name.
const ERRORS: [(&str, bool); 6] = [
    ("要认真布署，抓好落实。", false),
    ("会议通报了台湾政府近期的有关情况。", false),
    ("会议于2021年1月5日（星期一）召开。", false),
    ("国务院副总理韩政在会上强调。", true),
    ("庆祝中华人民共合国成立。", true),
    ("要再接再励，做好各项工作。", false),
];

/// Important items: key phrase, level, issued (day offset from the period's start, minutes).
const ITEMS: [(&str, &str, i64, i64); 3] = [
    ("中央经济工作会议在北京举行", "中央", 23, 18 * 60),
    ("四川省政府新闻发布会通报冬春季重点工作", "省级", 49, 10 * 60),
    ("眉山市开展2021年春节走访慰问活动", "市级", 71, 9 * 60),
];

struct Writer {
    jsonl: String,
    csv: String,
    rng: Rng,
    n: usize,
}

/// One post: unit, account, platform, column, published_at, title, text, url.
struct Row<'a> {
    unit: &'a str,
    account: &'a str,
    platform: &'a str,
    column: &'a str,
    at: String,
    title: String,
    text: String,
}

impl Writer {
    fn post(&mut self, r: Row<'_>) {
        self.n += 1;
        let url = format!("http://www.qingshen.gov.cn/info/{}.html", 10_000 + self.n);
        let v = serde_json::json!({
            "unit": r.unit, "account": r.account, "platform": r.platform, "column": r.column,
            "published_at": r.at, "title": r.title, "text": r.text, "url": url, "id": self.n,
        });
        self.jsonl += &v.to_string();
        self.jsonl.push('\n');
        let cells = [r.unit, r.account, r.platform, r.column, &r.at, &r.title, &r.text, &url];
        let quoted: Vec<String> =
            cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
        self.csv += &quoted.join(",");
        self.csv.push('\n');
    }

    fn text(&mut self, unit: &str) -> (String, String) {
        let topic = TOPICS[self.rng.below(TOPICS.len())];
        let body =
            TEMPLATES[self.rng.below(TEMPLATES.len())].replace("{u}", unit).replace("{t}", topic);
        (format!("{unit}{topic}工作动态"), body)
    }
}

/// The export for `spec`.
pub fn generate(spec: &Spec) -> Export {
    let start = days(&spec.from);
    let span = days(&spec.to) - start + 1;
    let mut w = Writer { jsonl: String::new(), csv: String::new(), rng: Rng(0x5EED_2021), n: 0 };
    w.csv += "unit,account,platform,column,published_at,title,text,url\n";
    let (mut planted, mut planted_veto) = (0, 0);
    let units = spec.townships.iter().chain(&spec.departments);
    for (i, (unit, posts)) in units.enumerate() {
        let late = spec.late.contains(unit);
        // A late unit's news column stops updating 31 days before the period ends.
        let active = if late { span - 31 } else { span };
        let is_department = i >= spec.townships.len();
        let error = is_department.then(|| ERRORS.get(i - spec.townships.len())).flatten();
        for k in 0..*posts {
            let day = start + (k as i64 * active) / *posts as i64;
            let column = if k % 10 == 9 { "通知公告" } else { "工作动态" };
            let (title, mut text) = w.text(unit);
            if k == 1 {
                if let Some((sentence, veto)) = error {
                    text += sentence;
                    planted += 1;
                    planted_veto += usize::from(*veto);
                }
            }
            let at = stamp(day, 9 * 60 + (k as i64 % 8) * 60 + w.rng.below(60) as i64, k % 2 == 0);
            w.post(Row { unit, account: "", platform: "门户网站", column, at, title, text });
        }
        // Outside the period: they date the last update before it, and are not counted.
        for day in [start - 3, start + span + 1] {
            let (title, text) = w.text(unit);
            let at = stamp(day, 10 * 60, false);
            w.post(Row {
                unit,
                account: "",
                platform: "门户网站",
                column: "工作动态",
                at,
                title,
                text,
            });
        }
    }
    let messages = accounts(spec, &mut w, start, span);
    let important = ITEMS.iter().fold(
        String::from("title,level,issued_at\n"),
        |mut s, (key, level, day, minute)| {
            let _ = writeln!(s, "{key},{level},{}", stamp(start + day, *minute, true));
            s
        },
    );
    Export { posts_jsonl: w.jsonl, posts_csv: w.csv, messages, important, planted, planted_veto }
}

/// New-media posts (with reposts of the important items) and the accounts' messages.
fn accounts(spec: &Spec, w: &mut Writer, start: i64, span: i64) -> String {
    let mut messages = String::new();
    for (a, [name, posts, problems, platform, unit]) in spec.accounts.iter().enumerate() {
        let posts: usize = posts.parse().expect("a count");
        let misses = problems.contains("未及时转载重要信息");
        // An account that misses reposts posts the first item too late and leaves out the last.
        let reposts: Vec<(usize, i64)> = ITEMS
            .iter()
            .enumerate()
            .filter(|(i, _)| !(misses && *i == 2))
            .map(|(i, (_, _, day, minute))| {
                (i, (start + day) * 1440 + minute + if misses && i == 0 { 80 * 60 } else { 3 * 60 })
            })
            .collect();
        let regular = posts - reposts.len();
        let late = spec.late_accounts.contains(name);
        for k in 0..regular {
            // A late account posts in pairs of days four weeks apart.
            let day = if late {
                start + (k as i64 / 2) * 29 + k as i64 % 2
            } else {
                start + (k as i64 * span) / regular as i64
            };
            let (title, text) = w.text(unit);
            let at = stamp(day, 8 * 60 + w.rng.below(12 * 60) as i64, k % 3 == 0);
            w.post(Row { unit, account: name, platform, column: "", at, title, text });
        }
        for (i, at) in reposts {
            let title = format!("【转载】{}", ITEMS[i].0);
            let text = format!("{}。{unit}转载。", ITEMS[i].0);
            w.post(Row {
                unit,
                account: name,
                platform,
                column: "",
                at: stamp(0, at, true),
                title,
                text,
            });
        }
        let slow = problems.contains("留言互动未及时回复");
        messages += &account_messages(name, slow, a, start, span, &mut w.rng);
    }
    messages
}

/// Messages to one account, as JSON Lines: replied within hours, or (for a late account) one
/// answered after 30 hours and one never; plus one before the period, never answered.
fn account_messages(
    name: &str,
    late: bool,
    a: usize,
    start: i64,
    span: i64,
    rng: &mut Rng,
) -> String {
    let mut out = String::new();
    let count = 6 + a;
    for k in 0..count {
        let received =
            (start + (k as i64 * span) / count as i64) * 1440 + 8 * 60 + rng.below(600) as i64;
        let wait = match (late, k) {
            (true, 1) => Some(30 * 60),
            (true, 3) => None,
            _ => Some(60 + rng.below(20 * 60) as i64),
        };
        let replied =
            wait.map_or(serde_json::Value::Null, |w| stamp(0, received + w, false).into());
        let v = serde_json::json!({"account": name, "received_at": stamp(0, received, true), "replied_at": replied});
        let _ = writeln!(out, "{v}");
    }
    let before = serde_json::json!({"account": name, "received_at": stamp(start - 10, 9 * 60, false), "replied_at": ""});
    let _ = writeln!(out, "{before}");
    out
}
