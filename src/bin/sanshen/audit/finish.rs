//! From the running counts to the report: annex rows in the notice's order, problems by kind.

use super::model::{
    AccountRow, ContentGroup, LateReply, LateUpdate, MissedRepost, Report, Totals, UnitRow,
    CONTENT, LATE_REPLY, MISSED_REPOST, VETO,
};
use super::tally::{AccountTally, Content, Tally};
use sanshen::Family;
use std::collections::{BTreeMap, HashSet};

/// Which units are townships and streets (附件1); the others are departments (附件2).
#[derive(Debug, Clone, Default)]
pub(crate) struct Townships {
    /// The names listed; `None` goes by the name: ending in 镇, 乡 or 街道.
    pub(crate) names: Option<HashSet<String>>,
}

impl Townships {
    pub(crate) fn holds(&self, unit: &str) -> bool {
        match &self.names {
            Some(names) => names.contains(unit),
            None => ["镇", "乡", "街道", "街道办事处", "镇人民政府", "乡人民政府"]
                .iter()
                .any(|s| unit.ends_with(s)),
        }
    }
}

/// The report of the counts, with `errors` (unreadable records) listed.
pub(crate) fn report(
    t: &Tally,
    townships: &Townships,
    errors: Vec<String>,
    unreadable: usize,
) -> Report {
    let (towns, departments): (Vec<UnitRow>, Vec<UnitRow>) = t
        .units
        .iter()
        .filter(|(_, u)| u.posts > 0)
        .map(|(name, u)| UnitRow { name: name.clone(), posts: u.posts })
        .partition(|row| townships.holds(&row.name));
    // A listed township that published nothing is still a row of 附件1.
    let mut towns = towns;
    for name in townships.names.iter().flatten() {
        if !towns.iter().any(|r| &r.name == name) {
            towns.push(UnitRow { name: name.clone(), posts: 0 });
        }
    }
    let accounts = account_rows(t);
    let totals = totals(t, &towns, &departments, &accounts, unreadable);
    Report {
        from: t.period.from.to_string(),
        to: t.period.to.to_string(),
        rules: t.rules.clone(),
        totals,
        townships: by_posts(towns),
        departments: by_posts(departments),
        accounts,
        late_updates: late_updates(t),
        late_replies: late_replies(t),
        missed_reposts: missed_reposts(t),
        content: content(t),
        veto: t.veto.clone(),
        errors,
    }
}

/// Most posts first; equal counts in name order.
fn by_posts(mut rows: Vec<UnitRow>) -> Vec<UnitRow> {
    rows.sort_by(|a, b| b.posts.cmp(&a.posts).then_with(|| a.name.cmp(&b.name)));
    rows
}

fn totals(
    t: &Tally,
    towns: &[UnitRow],
    departments: &[UnitRow],
    accounts: &[AccountRow],
    unreadable: usize,
) -> Totals {
    let sum = |rows: &[UnitRow]| rows.iter().map(|r| r.posts).sum::<usize>();
    let contents =
        t.units.values().map(|u| &u.content).chain(t.accounts.values().map(|a| &a.content));
    let mut by_family = BTreeMap::new();
    let mut findings = 0;
    for c in contents {
        findings += c.findings;
        for (family, n) in Family::ALL.iter().zip(c.by_family) {
            *by_family.entry(family.as_str()).or_default() += n;
        }
    }
    let account_posts = accounts.iter().map(|a| a.posts).sum();
    let website_posts = sum(towns) + sum(departments);
    Totals {
        posts: website_posts + account_posts,
        website_posts,
        township_units: towns.len(),
        township_posts: sum(towns),
        department_units: departments.len(),
        department_posts: sum(departments),
        accounts: accounts.len(),
        account_posts,
        messages: t.messages,
        messages_late: t.accounts.values().map(|a| a.replies.late).sum(),
        items: t.items.len(),
        findings,
        by_family,
        veto: t.veto_total,
        unreadable,
    }
}

/// The unit responsible for an account: the one named on most of its posts.
fn unit_of(a: &AccountTally) -> String {
    let top = a.units.iter().max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)));
    top.map(|(u, _)| u.clone()).unwrap_or_default()
}

/// 附件3: accounts with posts in the period, most posts first.
fn account_rows(t: &Tally) -> Vec<AccountRow> {
    let mut rows: Vec<AccountRow> = t
        .accounts
        .iter()
        .filter(|(_, a)| a.posts > 0)
        .map(|(name, a)| AccountRow {
            name: name.clone(),
            posts: a.posts,
            problems: problems(t, a),
            platform: a.platform.clone(),
            unit: unit_of(a),
        })
        .collect();
    rows.sort_by(|a, b| b.posts.cmp(&a.posts).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// The kinds of problem of an account in 附件3, in the order the notice lists them.
fn problems(t: &Tally, a: &AccountTally) -> Vec<&'static str> {
    // Update gaps are named in 存在问题 (一), not in the annex, as the notice does.
    let mut kinds = Vec::new();
    if a.content.veto > 0 {
        kinds.push(VETO);
    } else if a.content.findings > 0 {
        kinds.push(CONTENT);
    }
    if !missed(t, a).is_empty() {
        kinds.push(MISSED_REPOST);
    }
    if a.replies.late > 0 {
        kinds.push(LATE_REPLY);
    }
    kinds
}

/// The important items issued in the period, due before its end, that the account did not
/// repost in time.
fn missed(t: &Tally, a: &AccountTally) -> Vec<usize> {
    let (start, end) = (t.period.start(), t.period.end());
    (0..t.items.len())
        .filter(|&i| {
            let item = &t.items[i];
            let due = item.issued.plus_hours(t.rules.repost_hours);
            let in_time = a.reposted.get(&i).is_some_and(|at| *at <= due);
            start <= item.issued && due <= end && !in_time
        })
        .collect()
}

fn late_updates(t: &Tally) -> Vec<LateUpdate> {
    let mut out = Vec::new();
    for (unit, u) in &t.units {
        for (column, updates) in &u.columns {
            let allowed = t.rules.column_days(column);
            let (gaps, longest_days) = updates.late(t.period, allowed);
            if gaps > 0 {
                let column = Some(column.clone());
                let unit = unit.clone();
                out.push(LateUpdate {
                    unit,
                    account: None,
                    platform: None,
                    column,
                    allowed_days: allowed,
                    gaps,
                    longest_days,
                });
            }
        }
    }
    for (name, a) in t.accounts.iter().filter(|(_, a)| a.posts > 0 || a.updates.before.is_some()) {
        let allowed = t.rules.account_days;
        let (gaps, longest_days) = a.updates.late(t.period, allowed);
        if gaps > 0 {
            out.push(LateUpdate {
                unit: unit_of(a),
                account: Some(name.clone()),
                platform: Some(a.platform.clone()),
                column: None,
                allowed_days: allowed,
                gaps,
                longest_days,
            });
        }
    }
    out
}

fn late_replies(t: &Tally) -> Vec<LateReply> {
    let mut out: Vec<LateReply> = t
        .accounts
        .iter()
        .filter(|(_, a)| a.replies.late > 0)
        .map(|(name, a)| LateReply {
            account: name.clone(),
            platform: a.platform.clone(),
            unit: unit_of(a),
            received: a.replies.received,
            late: a.replies.late,
            unanswered: a.replies.unanswered,
            worst_hours: a.replies.worst_hours,
        })
        .collect();
    out.sort_by(|a, b| b.late.cmp(&a.late).then_with(|| a.account.cmp(&b.account)));
    out
}

fn missed_reposts(t: &Tally) -> Vec<MissedRepost> {
    t.accounts
        .iter()
        .filter(|(_, a)| a.posts > 0)
        .filter_map(|(name, a)| {
            let items: Vec<String> = missed(t, a)
                .into_iter()
                .map(|i| format!("{}（{}）", t.items[i].key, t.items[i].level))
                .collect();
            (!items.is_empty()).then(|| MissedRepost {
                account: name.clone(),
                platform: a.platform.clone(),
                unit: unit_of(a),
                items,
            })
        })
        .collect()
}

/// Groups with findings: veto-level faults first, then by number of findings.
fn content(t: &Tally) -> Vec<ContentGroup> {
    let group = |unit: String, account: Option<String>, c: &Content| ContentGroup {
        unit,
        account,
        findings: c.findings,
        veto: c.veto,
        by_family: Family::ALL
            .iter()
            .map(|f| f.as_str())
            .zip(c.by_family)
            .filter(|(_, n)| *n > 0)
            .collect(),
        examples: c.examples.clone(),
    };
    let units = t.units.iter().map(|(u, x)| group(u.clone(), None, &x.content));
    let accounts = t.accounts.iter().map(|(n, a)| group(unit_of(a), Some(n.clone()), &a.content));
    let mut out: Vec<ContentGroup> = units.chain(accounts).filter(|g| g.findings > 0).collect();
    out.sort_by(|a, b| b.veto.cmp(&a.veto).then(b.findings.cmp(&a.findings)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::tally::{Item, Message, Period, Post, Rules};

    fn post<'a>(unit: &'a str, account: Option<&'a str>, when: &str) -> Post<'a> {
        let at = when.parse().unwrap();
        Post {
            unit,
            account,
            platform: "抖音",
            column: "工作动态",
            at,
            title: "",
            url: "",
            place: "p:1",
        }
    }

    fn tally() -> Tally {
        let period =
            Period { from: "2021-01-01".parse().unwrap(), to: "2021-01-20".parse().unwrap() };
        let item = Item {
            key: "春节".into(),
            level: "市级".into(),
            issued: "2021-01-02".parse().unwrap(),
        };
        Tally::new(period, Rules::default(), vec![item])
    }

    #[test]
    fn annex_rows_are_split_sorted_and_named() {
        let mut t = tally();
        for (unit, n) in [("县住建局", 2), ("县应急局", 2), ("西龙镇", 1), ("青竹街道", 3)]
        {
            for d in 0..n {
                t.add_post(&post(unit, None, &format!("2021-01-0{}", d + 1)), &[], &[]);
            }
        }
        let r = report(&t, &Townships::default(), Vec::new(), 0);
        let names = |rows: &[UnitRow]| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&r.townships), ["青竹街道", "西龙镇"]);
        assert_eq!(names(&r.departments), ["县住建局", "县应急局"]);
        assert_eq!((r.totals.posts, r.totals.township_posts, r.totals.department_units), (8, 4, 2));
        let listed =
            Townships { names: Some(["县住建局".to_owned(), "白果乡".to_owned()].into()) };
        let r = report(&t, &listed, Vec::new(), 0);
        assert_eq!(names(&r.townships), ["县住建局", "白果乡"]);
        assert_eq!(r.townships[1].posts, 0);
        assert_eq!(r.totals.township_units, 2);
    }

    #[test]
    fn account_problems_in_the_notices_order() {
        let mut t = tally();
        for d in ["2021-01-01", "2021-01-08", "2021-01-15", "2021-01-20"] {
            t.add_post(&post("县文广旅局", Some("青神文旅"), d), &[], &[]);
            t.add_post(&post("县公安局", Some("青神公安"), d), &[0], &[]);
        }
        let received = "2021-01-03 09:00".parse().unwrap();
        t.add_message(&Message { account: "青神文旅".into(), received, replied: None });
        let r = report(&t, &Townships::default(), Vec::new(), 0);
        let row = |name: &str| r.accounts.iter().find(|a| a.name == name).unwrap().problems_text();
        assert_eq!(row("青神文旅"), "未及时转载重要信息，留言互动未及时回复");
        // Its first post naming the item is 2021-01-08, past the 48 hours.
        assert_eq!(row("青神公安"), "未及时转载重要信息");
        assert_eq!(r.late_replies[0].unanswered, 1);
    }
}
