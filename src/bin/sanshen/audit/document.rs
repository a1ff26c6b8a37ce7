//! The report as a document in the notice's structure — headings, paragraphs, tables and
//! charts — that the Markdown, HTML and Word writers each render.

use super::model::{AccountRow, Report, UnitRow};
use sanshen::Date;

/// A piece of the document.
#[derive(Debug)]
pub(crate) enum Block {
    /// A heading of level 1–3.
    Heading(u8, String),
    Para(String),
    Table(Table),
    /// A bar chart (HTML only): a title and the bars' labels and values.
    Chart(String, Vec<(String, usize)>),
}

/// A table with its header row.
#[derive(Debug)]
pub(crate) struct Table {
    /// The name of the file the table is also written to as CSV, for annex tables.
    pub(crate) csv: Option<&'static str>,
    pub(crate) header: Vec<&'static str>,
    pub(crate) rows: Vec<Vec<String>>,
}

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// `2021年2月22日`.
fn day(s: &str) -> String {
    s.parse::<Date>()
        .map_or_else(|_| s.to_owned(), |d| format!("{}年{}月{}日", d.year, d.month, d.day))
}

/// The title of the report.
pub(crate) fn title(r: &Report) -> String {
    format!("政府门户网站与政务新媒体内容保障工作检查情况（{}—{}）", day(&r.from), day(&r.to))
}

/// The whole document.
pub(crate) fn build(r: &Report) -> Vec<Block> {
    let mut out = vec![Block::Heading(1, title(r))];
    out.push(Block::Para(format!("统计时间：{}—{}。", day(&r.from), day(&r.to))));
    out.push(Block::Heading(2, "一、总体情况".into()));
    out.extend(overview(r).into_iter().map(Block::Para));
    out.push(Block::Chart("各单位门户网站公开信息条数".into(), unit_bars(r)));
    out.push(Block::Chart(
        "各政务新媒体公开信息条数".into(),
        r.accounts.iter().map(|a| (a.name.clone(), a.posts)).collect(),
    ));
    out.push(Block::Heading(2, "二、存在问题".into()));
    let problems = super::problems::sections(r);
    if problems.is_empty() {
        out.push(Block::Para("未发现问题。".into()));
    }
    for (i, (heading, blocks)) in problems.into_iter().enumerate() {
        let n = NUMERALS.get(i).copied().unwrap_or("…");
        out.push(Block::Heading(3, format!("（{n}）{heading}")));
        out.extend(blocks);
    }
    out.push(Block::Chart("各单位存在问题数".into(), super::problems::per_unit(r)));
    out.extend(annexes(r));
    if !r.errors.is_empty() {
        out.push(Block::Heading(2, "未能读取的记录".into()));
        out.push(Block::Para(format!("共{}条，前{}条如下：", r.totals.unreadable, r.errors.len())));
        out.push(Block::Table(Table {
            csv: None,
            header: vec!["位置与原因"],
            rows: r.errors.iter().map(|e| vec![e.clone()]).collect(),
        }));
    }
    out
}

fn overview(r: &Report) -> Vec<String> {
    let t = &r.totals;
    let mut out = vec![format!(
        "（一）信息公开情况。统计期内，各保障单位共公开各类信息{}条，其中：通过县政府门户网站公开{}条（{}个乡镇（街道）公开信息{}条，{}个县级部门公开信息{}条）；{}个政务新媒体共计公开各类信息{}条。",
        t.posts, t.website_posts, t.township_units, t.township_posts, t.department_units, t.department_posts, t.accounts, t.account_posts
    )];
    let families: Vec<String> = sanshen::Family::ALL
        .iter()
        .filter_map(|f| {
            t.by_family.get(f.as_str()).filter(|n| **n > 0).map(|n| format!("{}{}处", f.label(), n))
        })
        .collect();
    let detail =
        if families.is_empty() { String::new() } else { format!("（{}）", families.join("、")) };
    out.push(format!(
        "（二）内容审核情况。统计期内公开的信息逐条按发布日期审核，发现错别字、敏感词、领导职务称谓和规范问题{}处{detail}，其中严重表述错误{}处。",
        t.findings, t.veto
    ));
    out.push(format!(
        "（三）留言办理情况。政务新媒体收到留言{}条，其中{}条未在{}小时内回复。",
        t.messages, t.messages_late, r.rules.reply_hours
    ));
    out.push(format!(
        "（四）重要信息转载情况。需转载的中央、省、市重要信息{}条，要求发布后{}小时内转载。",
        t.items, r.rules.repost_hours
    ));
    out
}

fn unit_bars(r: &Report) -> Vec<(String, usize)> {
    r.townships.iter().chain(&r.departments).map(|u| (u.name.clone(), u.posts)).collect()
}

fn unit_rows(rows: &[UnitRow]) -> Vec<Vec<String>> {
    rows.iter().map(|u| vec![u.name.clone(), u.posts.to_string()]).collect()
}

fn account_rows(rows: &[AccountRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|a| {
            vec![
                a.name.clone(),
                a.posts.to_string(),
                a.problems_text(),
                a.platform.clone(),
                a.unit.clone(),
            ]
        })
        .collect()
}

/// 附件1–3 in the seed's columns.
fn annexes(r: &Report) -> Vec<Block> {
    let (from, to) = (day(&r.from), day(&r.to));
    let heading = |n: u8, what: &str| Block::Heading(2, format!("附件{n}　{what}（{from}—{to}）"));
    vec![
        heading(1, "县政府门户网站信息公开情况统计表（乡镇、街道）"),
        Block::Table(Table {
            csv: Some(ANNEX1),
            header: vec!["乡镇（街道）", "主动公开信息条数"],
            rows: unit_rows(&r.townships),
        }),
        heading(2, "县政府门户网站信息公开情况统计表（部门）"),
        Block::Table(Table {
            csv: Some(ANNEX2),
            header: vec!["单位", "主动公开信息条数"],
            rows: unit_rows(&r.departments),
        }),
        heading(3, "县政务新媒体抽查情况统计表"),
        Block::Table(Table {
            csv: Some(ANNEX3),
            header: vec!["名称", "公开信息条数", "存在问题", "所属平台", "责任单位"],
            rows: account_rows(&r.accounts),
        }),
    ]
}

/// The annex tables' CSV files.
pub(crate) const ANNEX1: &str = "annex1-townships.csv";
pub(crate) const ANNEX2: &str = "annex2-departments.csv";
pub(crate) const ANNEX3: &str = "annex3-new-media.csv";
