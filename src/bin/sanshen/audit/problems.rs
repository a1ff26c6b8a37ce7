//! 存在问题: one section per kind of problem, naming the units and accounts, veto-level
//! faults first.

use super::document::{Block, Table};
use super::model::{Fault, Report};
use std::collections::BTreeMap;

/// The sections with something to say, each a heading and its blocks.
pub(crate) fn sections(r: &Report) -> Vec<(String, Vec<Block>)> {
    let all = [veto(r), updates(r), content(r), replies(r), reposts(r)];
    all.into_iter().flatten().collect()
}

/// “名称”平台, the way the notice names an account.
fn account(name: &str, platform: &str) -> String {
    format!("“{name}”{platform}")
}

fn table(header: Vec<&'static str>, rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table { csv: None, header, rows })
}

fn fault_rows(faults: &[Fault]) -> Vec<Vec<String>> {
    faults
        .iter()
        .map(|f| {
            vec![
                f.unit.clone(),
                f.account.clone().unwrap_or_else(|| "门户网站".into()),
                f.date.clone(),
                f.title.clone(),
                f.text.clone(),
                f.message.clone(),
                if f.in_title { format!("{}（标题）", f.at) } else { f.at.clone() },
            ]
        })
        .collect()
}

const FAULT_HEADER: [&str; 7] = ["单位", "账号", "日期", "标题", "原文", "问题", "位置"];

fn veto(r: &Report) -> Option<(String, Vec<Block>)> {
    if r.veto.is_empty() {
        return None;
    }
    let para = format!(
        "以下{}处属严重表述错误（国家名称、机构名称、领导同志姓名或职务写错），按检查指标为单项否决问题，须立即更正：",
        r.totals.veto
    );
    let blocks = vec![Block::Para(para), table(FAULT_HEADER.to_vec(), fault_rows(&r.veto))];
    Some(("严重表述错误（单项否决）".into(), blocks))
}

fn updates(r: &Report) -> Option<(String, Vec<Block>)> {
    if r.late_updates.is_empty() {
        return None;
    }
    let mut units: Vec<&str> =
        r.late_updates.iter().filter(|u| u.account.is_none()).map(|u| u.unit.as_str()).collect();
    units.dedup();
    let accounts: Vec<String> = r
        .late_updates
        .iter()
        .filter_map(|u| {
            let name = account(u.account.as_deref()?, u.platform.as_deref().unwrap_or_default());
            Some(format!("{name}（{}次）", u.gaps))
        })
        .collect();
    let mut para = String::new();
    if !units.is_empty() {
        para += &format!("部分单位门户网站栏目更新不及时，如{}。", units.join("、"));
    }
    if !accounts.is_empty() {
        para += &format!("部分政务新媒体更新不及时，如{}。", accounts.join("、"));
    }
    let rows = r
        .late_updates
        .iter()
        .map(|u| {
            vec![
                u.unit.clone(),
                u.column.clone().or_else(|| u.account.clone()).unwrap_or_default(),
                u.platform.clone().unwrap_or_else(|| "门户网站".into()),
                u.allowed_days.to_string(),
                u.gaps.to_string(),
                u.longest_days.to_string(),
            ]
        })
        .collect();
    let header =
        vec!["单位", "栏目或账号", "平台", "应更新间隔（天）", "超期次数", "最长间隔（天）"];
    Some(("信息更新不及时".into(), vec![Block::Para(para), table(header, rows)]))
}

fn content(r: &Report) -> Option<(String, Vec<Block>)> {
    if r.content.is_empty() {
        return None;
    }
    let named: Vec<String> = r
        .content
        .iter()
        .map(|g| match &g.account {
            Some(a) => format!("“{a}”（{}处）", g.findings),
            None => format!("{}（{}处）", g.unit, g.findings),
        })
        .collect();
    let para = format!(
        "以下单位和政务新媒体发布的信息存在错别字、敏感词或领导职务称谓等问题：{}。",
        named.join("、")
    );
    let families = sanshen::Family::ALL;
    let rows = r
        .content
        .iter()
        .map(|g| {
            let mut row =
                vec![g.unit.clone(), g.account.clone().unwrap_or_else(|| "门户网站".into())];
            row.push(g.findings.to_string());
            row.push(g.veto.to_string());
            row.extend(
                families
                    .iter()
                    .map(|f| g.by_family.get(f.as_str()).copied().unwrap_or(0).to_string()),
            );
            row
        })
        .collect();
    let header =
        vec!["单位", "账号", "问题数", "其中严重表述错误", "错别字", "敏感词", "领导职务", "规范"];
    let examples: Vec<Fault> = r.content.iter().flat_map(|g| g.examples.iter().cloned()).collect();
    let blocks = vec![
        Block::Para(para),
        table(header, rows),
        Block::Para("问题示例（每个单位或账号最多10处）：".into()),
        table(FAULT_HEADER.to_vec(), fault_rows(&examples)),
    ];
    Some(("信息审核不严格".into(), blocks))
}

fn replies(r: &Report) -> Option<(String, Vec<Block>)> {
    if r.late_replies.is_empty() {
        return None;
    }
    let named: Vec<String> =
        r.late_replies.iter().map(|l| account(&l.account, &l.platform)).collect();
    let para = format!(
        "部分政务新媒体未能在{}小时内回复群众留言，如{}。",
        r.rules.reply_hours,
        named.join("、")
    );
    let rows = r
        .late_replies
        .iter()
        .map(|l| {
            vec![
                l.account.clone(),
                l.platform.clone(),
                l.unit.clone(),
                l.received.to_string(),
                l.late.to_string(),
                l.unanswered.to_string(),
                format!("{:.1}", l.worst_hours),
            ]
        })
        .collect();
    let header =
        vec!["账号", "平台", "责任单位", "收到留言", "超时回复", "其中未回复", "最长等待（小时）"];
    Some(("留言受理不及时".into(), vec![Block::Para(para), table(header, rows)]))
}

fn reposts(r: &Report) -> Option<(String, Vec<Block>)> {
    if r.missed_reposts.is_empty() {
        return None;
    }
    let named: Vec<String> =
        r.missed_reposts.iter().map(|m| account(&m.account, &m.platform)).collect();
    let para =
        format!("部分政务新媒体未能及时转载中央、省、市级重要信息，如{}。", named.join("、"));
    let rows = r
        .missed_reposts
        .iter()
        .map(|m| vec![m.account.clone(), m.platform.clone(), m.unit.clone(), m.items.join("；")])
        .collect();
    let header = vec!["账号", "平台", "责任单位", "未及时转载的信息"];
    Some(("未及时转载重要信息".into(), vec![Block::Para(para), table(header, rows)]))
}

/// Problems per unit (late columns and accounts, content findings, late replies, items not
/// reposted), most first.
pub(crate) fn per_unit(r: &Report) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut add = |unit: &str, n: usize| *counts.entry(unit.to_owned()).or_default() += n;
    r.late_updates.iter().for_each(|u| add(&u.unit, u.gaps));
    r.content.iter().for_each(|g| add(&g.unit, g.findings));
    r.late_replies.iter().for_each(|l| add(&l.unit, l.late));
    r.missed_reposts.iter().for_each(|m| add(&m.unit, m.items.len()));
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.1));
    out
}
