//! The running counts of an inspection: posts, update gaps, replies, reposts and content
//! findings, per unit, column and account. Pure: no files and no clock; the caller feeds it
//! records in any order, and memory grows with the number of units, columns, accounts and
//! days, never with the number of posts.

use super::model::Fault;
use super::stamp::Stamp;
use sanshen::{Date, Family, Finding};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The limits checked, with the national indicators (国办秘函〔2019〕19号) as defaults.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Rules {
    /// 动态、要闻类栏目: updated at least every 2 weeks.
    pub(crate) news_days: i64,
    /// 通知公告、政策文件类栏目: every 6 months.
    pub(crate) notice_days: i64,
    /// Other columns: at least once a year (应更新但长期未更新).
    pub(crate) other_days: i64,
    /// 政务新媒体: no update for 2 weeks is a veto-level fault.
    pub(crate) account_days: i64,
    /// Messages answered within this many hours.
    pub(crate) reply_hours: u32,
    /// Important items reposted within this many hours of being issued.
    pub(crate) repost_hours: u32,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            news_days: 14,
            notice_days: 183,
            other_days: 365,
            account_days: 14,
            reply_hours: 24,
            repost_hours: 48,
        }
    }
}

impl Rules {
    /// The interval allowed for a portal column, by the kind its name says.
    pub(crate) fn column_days(&self, column: &str) -> i64 {
        const NEWS: [&str; 6] = ["动态", "要闻", "新闻", "资讯", "快讯", "头条"];
        const NOTICES: [&str; 5] = ["通知", "公告", "政策", "文件", "公示"];
        if NEWS.iter().any(|k| column.contains(k)) {
            self.news_days
        } else if NOTICES.iter().any(|k| column.contains(k)) {
            self.notice_days
        } else {
            self.other_days
        }
    }
}

/// A post as the inspection sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Post<'a> {
    pub(crate) unit: &'a str,
    /// The new-media account; `None` for a post on the portal.
    pub(crate) account: Option<&'a str>,
    pub(crate) platform: &'a str,
    pub(crate) column: &'a str,
    pub(crate) at: Stamp,
    pub(crate) title: &'a str,
    pub(crate) url: &'a str,
    /// `file:line` of the record.
    pub(crate) place: &'a str,
}

/// A message left to an account.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    pub(crate) account: String,
    pub(crate) received: Stamp,
    pub(crate) replied: Option<Stamp>,
}

/// An important item that every account must repost.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// The title or a key phrase a repost contains.
    pub(crate) key: String,
    pub(crate) level: String,
    pub(crate) issued: Stamp,
}

/// The inspection period: first and last day, inclusive.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Period {
    pub(crate) from: Date,
    pub(crate) to: Date,
}

impl Period {
    pub(crate) fn start(self) -> Stamp {
        Stamp::at_start(self.from)
    }

    /// Midnight after the last day.
    pub(crate) fn end(self) -> Stamp {
        Stamp::at_start(Date::from_days_since_epoch(self.to.days_since_epoch() + 1))
    }

    fn holds(self, at: Stamp) -> bool {
        self.start() <= at && at < self.end()
    }
}

/// The days a column or account published on: the last before the period and every one in it.
#[derive(Debug, Default)]
pub(crate) struct Updates {
    pub(crate) before: Option<i64>,
    pub(crate) days: BTreeSet<i64>,
}

impl Updates {
    fn add(&mut self, at: Stamp, period: Period) {
        let day = at.day();
        if period.holds(at) {
            self.days.insert(day);
        } else if at < period.start() {
            self.before = Some(self.before.map_or(day, |b| b.max(day)));
        }
    }

    /// The gaps longer than `allowed` days from the last update before the period (or its
    /// first day) through the updates to the end of its last day: how many, and the longest.
    pub(crate) fn late(&self, period: Period, allowed: i64) -> (usize, i64) {
        let start = self.before.unwrap_or(period.start().day());
        let end = period.end().day();
        let mut points = std::iter::once(start).chain(self.days.iter().copied()).chain([end]);
        let mut prev = points.next().unwrap_or(start);
        let (mut gaps, mut longest) = (0, 0);
        for day in points {
            let gap = day - prev;
            if gap > allowed {
                gaps += 1;
                longest = longest.max(gap);
            }
            prev = day;
        }
        (gaps, longest)
    }
}

/// Content findings of a unit or an account.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub(crate) findings: usize,
    pub(crate) veto: usize,
    pub(crate) by_family: [usize; 4],
    pub(crate) examples: Vec<Fault>,
}

/// How many examples a group keeps, and how many veto-level faults the report lists.
const EXAMPLES: usize = 10;
pub(crate) const VETO_LISTED: usize = 500;

/// A unit's portal posts.
#[derive(Debug, Default)]
pub(crate) struct UnitTally {
    pub(crate) posts: usize,
    pub(crate) columns: BTreeMap<String, Updates>,
    pub(crate) content: Content,
}

/// A new-media account.
#[derive(Debug, Default)]
pub(crate) struct AccountTally {
    pub(crate) posts: usize,
    pub(crate) platform: String,
    /// Posts per unit named as responsible; the most frequent is reported.
    pub(crate) units: BTreeMap<String, usize>,
    pub(crate) updates: Updates,
    pub(crate) content: Content,
    pub(crate) replies: Replies,
    /// The first repost of each important item at or after its issue.
    pub(crate) reposted: BTreeMap<usize, Stamp>,
}

/// Messages left to an account.
#[derive(Debug, Default)]
pub(crate) struct Replies {
    pub(crate) received: usize,
    pub(crate) late: usize,
    pub(crate) unanswered: usize,
    pub(crate) worst_hours: f64,
}

/// The running counts.
pub(crate) struct Tally {
    pub(crate) period: Period,
    pub(crate) rules: Rules,
    pub(crate) items: Vec<Item>,
    matcher: Option<aho_corasick::AhoCorasick>,
    pub(crate) units: BTreeMap<String, UnitTally>,
    pub(crate) accounts: BTreeMap<String, AccountTally>,
    pub(crate) veto: Vec<Fault>,
    pub(crate) veto_total: usize,
    pub(crate) messages: usize,
}

/// Rules whose findings are 严重表述错误 (单项否决): a national or institutional name
/// miswritten, a leader's name or title miswritten.
pub(crate) const VETO_RULES: [&str; 3] = ["typo/protected", "leader/name", "leader/title"];

impl Tally {
    pub(crate) fn new(period: Period, rules: Rules, items: Vec<Item>) -> Tally {
        let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
        let matcher =
            (!keys.is_empty()).then(|| aho_corasick::AhoCorasick::new(&keys).ok()).flatten();
        Tally {
            period,
            rules,
            items,
            matcher,
            units: BTreeMap::new(),
            accounts: BTreeMap::new(),
            veto: Vec::new(),
            veto_total: 0,
            messages: 0,
        }
    }

    /// The important items a post's title or text names (by title or key phrase).
    pub(crate) fn items_in(&self, title: &str, text: &str) -> Vec<usize> {
        let Some(m) = &self.matcher else { return Vec::new() };
        let mut found: Vec<usize> = m
            .find_overlapping_iter(title)
            .chain(m.find_overlapping_iter(text))
            .map(|hit| hit.pattern().as_usize())
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Whether a post's date falls in the period (only those are counted and reviewed).
    pub(crate) fn counts(&self, at: Stamp) -> bool {
        self.period.holds(at)
    }

    /// Adds a post, the important items it names and its content findings.
    pub(crate) fn add_post(&mut self, post: &Post<'_>, items: &[usize], findings: &[Found]) {
        let (period, counted) = (self.period, self.counts(post.at));
        let content = match post.account {
            None => {
                let unit = self.units.entry(post.unit.to_owned()).or_default();
                unit.columns.entry(post.column.to_owned()).or_default().add(post.at, period);
                unit.posts += usize::from(counted);
                &mut unit.content
            }
            Some(name) => {
                let account = self.accounts.entry(name.to_owned()).or_default();
                account.updates.add(post.at, period);
                if account.platform.is_empty() {
                    post.platform.clone_into(&mut account.platform);
                }
                if counted {
                    account.posts += 1;
                    *account.units.entry(post.unit.to_owned()).or_default() += 1;
                }
                for &i in items {
                    if self.items.get(i).is_some_and(|item| item.issued <= post.at) {
                        let first = account.reposted.entry(i).or_insert(post.at);
                        *first = (*first).min(post.at);
                    }
                }
                &mut account.content
            }
        };
        if counted {
            self.veto_total += add_findings(content, post, findings, &mut self.veto);
        }
    }

    /// Adds a message left to an account.
    pub(crate) fn add_message(&mut self, m: &Message) {
        if !self.counts(m.received) {
            return;
        }
        self.messages += 1;
        let limit = m.received.plus_hours(self.rules.reply_hours);
        let end = self.period.end();
        let r = &mut self.accounts.entry(m.account.clone()).or_default().replies;
        r.received += 1;
        let waited = match m.replied {
            Some(at) => at,
            None => {
                r.unanswered += 1;
                end
            }
        };
        if waited > limit {
            r.late += 1;
            r.worst_hours = r.worst_hours.max(m.received.hours_to(waited));
        }
    }
}

/// A finding and whether it is in the post's title (else in its text).
#[derive(Debug)]
pub(crate) struct Found {
    pub(crate) in_title: bool,
    pub(crate) finding: Finding,
}

/// Counts a post's findings into its group; veto-level ones also into the report's list.
/// Returns how many of them are veto-level.
fn add_findings(
    content: &mut Content,
    post: &Post<'_>,
    findings: &[Found],
    veto: &mut Vec<Fault>,
) -> usize {
    let mut vetoes = 0;
    for Found { in_title, finding: f } in findings {
        content.findings += 1;
        let family = Family::ALL.iter().position(|x| *x == f.family).unwrap_or(0);
        content.by_family[family] += 1;
        let is_veto = VETO_RULES.contains(&f.rule.as_str());
        if content.examples.len() < EXAMPLES || (is_veto && veto.len() < VETO_LISTED) {
            let fault = fault(post, f, *in_title);
            if is_veto && veto.len() < VETO_LISTED {
                veto.push(fault.clone());
            }
            if content.examples.len() < EXAMPLES {
                content.examples.push(fault);
            }
        }
        if is_veto {
            content.veto += 1;
            vetoes += 1;
        }
    }
    vetoes
}

fn fault(post: &Post<'_>, f: &Finding, in_title: bool) -> Fault {
    Fault {
        unit: post.unit.to_owned(),
        account: post.account.map(str::to_owned),
        date: post.at.date().to_string(),
        title: post.title.to_owned(),
        url: post.url.to_owned(),
        at: post.place.to_owned(),
        in_title,
        rule: f.rule.clone(),
        text: f.text.clone(),
        message: f.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period() -> Period {
        Period { from: "2021-01-01".parse().unwrap(), to: "2021-01-31".parse().unwrap() }
    }

    fn at(s: &str) -> Stamp {
        s.parse().unwrap()
    }

    fn post<'a>(unit: &'a str, account: Option<&'a str>, when: &str) -> Post<'a> {
        Post {
            unit,
            account,
            platform: "微信公众号",
            column: "工作动态",
            at: at(when),
            title: "",
            url: "",
            place: "posts:1",
        }
    }

    #[test]
    fn only_posts_in_the_period_are_counted() {
        let mut t = Tally::new(period(), Rules::default(), Vec::new());
        for when in ["2020-12-31 23:59", "2021-01-01 00:00", "2021-01-31 23:59", "2021-02-01"] {
            t.add_post(&post("西龙镇", None, when), &[], &[]);
        }
        assert_eq!(t.units["西龙镇"].posts, 2);
    }

    #[test]
    fn gaps_run_from_the_last_update_before_the_period_to_its_end() {
        let mut u = Updates::default();
        let p = period();
        u.add(at("2020-12-20"), p);
        u.add(at("2021-01-10"), p);
        // 12-20 → 01-10 is 21 days; 01-10 → 02-01 (end of the last day) is 22.
        assert_eq!(u.late(p, 14), (2, 22));
        assert_eq!(u.late(p, 22), (0, 0));
        assert_eq!(Updates::default().late(p, 14), (1, 31));
    }

    #[test]
    fn late_and_unanswered_messages() {
        let mut t = Tally::new(period(), Rules::default(), Vec::new());
        let m = |received: &str, replied: Option<&str>| Message {
            account: "锦绣青神".into(),
            received: at(received),
            replied: replied.map(at),
        };
        t.add_message(&m("2021-01-05 08:00", Some("2021-01-06 08:00")));
        t.add_message(&m("2021-01-05 08:00", Some("2021-01-06 10:00")));
        t.add_message(&m("2021-01-31 20:00", None));
        t.add_message(&m("2021-01-20 12:00", None));
        t.add_message(&m("2020-12-01 08:00", None));
        let r = &t.accounts["锦绣青神"].replies;
        assert_eq!((r.received, r.late, r.unanswered), (4, 2, 2));
        // Unanswered from 01-20 12:00 to the end of 01-31; the one of 01-31 20:00 is not due yet.
        assert_eq!(r.worst_hours, 11.5 * 24.0);
    }

    #[test]
    fn reposts_count_from_the_issue_on() {
        let item =
            |key: &str| Item { key: key.into(), level: "省级".into(), issued: at("2021-01-10") };
        let mut t = Tally::new(period(), Rules::default(), vec![item("春节"), item("疫情防控")]);
        assert_eq!(t.items_in("春节慰问", "做好疫情防控工作"), [0, 1]);
        t.add_post(&post("县公安局", Some("青神公安"), "2021-01-09"), &[0], &[]);
        assert!(t.accounts["青神公安"].reposted.is_empty());
        t.add_post(&post("县公安局", Some("青神公安"), "2021-01-12"), &[0], &[]);
        t.add_post(&post("县公安局", Some("青神公安"), "2021-01-11"), &[0], &[]);
        assert_eq!(t.accounts["青神公安"].reposted[&0], at("2021-01-11"));
    }

    #[test]
    fn column_kinds() {
        let r = Rules::default();
        assert_eq!(r.column_days("工作动态"), 14);
        assert_eq!(r.column_days("通知公告"), 183);
        assert_eq!(r.column_days("机构职能"), 365);
    }
}
