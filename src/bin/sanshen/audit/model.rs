//! The inspection report: what `report.json` holds and every other output is written from.

use serde::Serialize;

/// The whole report.
#[derive(Debug, Serialize)]
pub(crate) struct Report {
    /// First and last day of the period, inclusive (YYYY-MM-DD).
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) rules: super::tally::Rules,
    pub(crate) totals: Totals,
    /// 附件1: posts on the portal per township or street.
    pub(crate) townships: Vec<UnitRow>,
    /// 附件2: posts on the portal per department.
    pub(crate) departments: Vec<UnitRow>,
    /// 附件3: per new-media account.
    pub(crate) accounts: Vec<AccountRow>,
    /// 存在问题 (一): columns and accounts not updated in time.
    pub(crate) late_updates: Vec<LateUpdate>,
    /// 存在问题 (三): accounts that left messages unanswered beyond the limit.
    pub(crate) late_replies: Vec<LateReply>,
    /// 存在问题 (四): accounts that did not repost important items in time.
    pub(crate) missed_reposts: Vec<MissedRepost>,
    /// 存在问题 (二): content findings by unit and account, those with veto-level faults first.
    pub(crate) content: Vec<ContentGroup>,
    /// Every veto-level fault (严重表述错误), up to a bound.
    pub(crate) veto: Vec<Fault>,
    /// Records that could not be read (file:line: what is wrong), up to a bound.
    pub(crate) errors: Vec<String>,
}

/// The figures of 总体情况.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Totals {
    pub(crate) posts: usize,
    pub(crate) website_posts: usize,
    pub(crate) township_units: usize,
    pub(crate) township_posts: usize,
    pub(crate) department_units: usize,
    pub(crate) department_posts: usize,
    pub(crate) accounts: usize,
    pub(crate) account_posts: usize,
    pub(crate) messages: usize,
    pub(crate) messages_late: usize,
    pub(crate) items: usize,
    pub(crate) findings: usize,
    /// Findings by family name (typo, sensitive, leader, format).
    pub(crate) by_family: std::collections::BTreeMap<&'static str, usize>,
    pub(crate) veto: usize,
    /// Records that could not be read.
    pub(crate) unreadable: usize,
}

/// A row of 附件1 or 附件2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct UnitRow {
    pub(crate) name: String,
    pub(crate) posts: usize,
}

/// A row of 附件3.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AccountRow {
    pub(crate) name: String,
    pub(crate) posts: usize,
    /// The kinds of problem found, in the notice's words; empty for none.
    pub(crate) problems: Vec<&'static str>,
    pub(crate) platform: String,
    pub(crate) unit: String,
}

/// What the 存在问题 column says when nothing was found.
pub(crate) const NO_PROBLEM: &str = "未发现问题";
pub(crate) const MISSED_REPOST: &str = "未及时转载重要信息";
pub(crate) const LATE_REPLY: &str = "留言互动未及时回复";
pub(crate) const VETO: &str = "存在严重表述错误";
pub(crate) const CONTENT: &str = "存在错别字、敏感词等问题";

impl AccountRow {
    /// The 存在问题 cell.
    pub(crate) fn problems_text(&self) -> String {
        if self.problems.is_empty() {
            NO_PROBLEM.to_owned()
        } else {
            self.problems.join("，")
        }
    }
}

/// A column of a unit's portal pages, or an account, with gaps longer than allowed.
#[derive(Debug, Serialize)]
pub(crate) struct LateUpdate {
    pub(crate) unit: String,
    /// The account's name, for new media; `None` for a portal column.
    pub(crate) account: Option<String>,
    pub(crate) platform: Option<String>,
    pub(crate) column: Option<String>,
    /// The longest interval allowed, in days.
    pub(crate) allowed_days: i64,
    /// How many gaps were longer.
    pub(crate) gaps: usize,
    pub(crate) longest_days: i64,
}

/// An account's messages not answered in time.
#[derive(Debug, Serialize)]
pub(crate) struct LateReply {
    pub(crate) account: String,
    pub(crate) platform: String,
    pub(crate) unit: String,
    pub(crate) received: usize,
    /// Answered after the limit, or not answered when the period ended past the limit.
    pub(crate) late: usize,
    pub(crate) unanswered: usize,
    /// The longest wait, in hours (to the end of the period for an unanswered message).
    pub(crate) worst_hours: f64,
}

/// An account's important items not reposted in time.
#[derive(Debug, Serialize)]
pub(crate) struct MissedRepost {
    pub(crate) account: String,
    pub(crate) platform: String,
    pub(crate) unit: String,
    /// The items' titles or key phrases, with their level.
    pub(crate) items: Vec<String>,
}

/// Content findings of one unit's portal posts or one account's posts.
#[derive(Debug, Serialize)]
pub(crate) struct ContentGroup {
    pub(crate) unit: String,
    pub(crate) account: Option<String>,
    pub(crate) findings: usize,
    pub(crate) veto: usize,
    pub(crate) by_family: std::collections::BTreeMap<&'static str, usize>,
    /// The first findings, as examples.
    pub(crate) examples: Vec<Fault>,
}

/// One finding in one post.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Fault {
    pub(crate) unit: String,
    pub(crate) account: Option<String>,
    /// The post's date (YYYY-MM-DD).
    pub(crate) date: String,
    pub(crate) title: String,
    pub(crate) url: String,
    /// Where the post is in its file (`file:line`).
    pub(crate) at: String,
    /// Whether the finding is in the post's title rather than its text.
    pub(crate) in_title: bool,
    pub(crate) rule: String,
    pub(crate) text: String,
    pub(crate) message: String,
}
