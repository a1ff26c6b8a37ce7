//! What reviewers decided about a finding in the 三审 flow: the decision, the stage that made
//! it, who and when. The library only carries these; the command line keeps them in a review
//! record beside the text and reads the clock.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What was decided about a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Decision {
    /// Not decided yet (待处理): shown to the next reviewer.
    Open,
    /// The text no longer has it (已修改): found once, gone since.
    Fixed,
    /// Right but kept on purpose, with a reason (已接受): 原文引用, 历史表述.
    Accepted,
    /// A false alarm, with a reason (误报): sent to the dictionary maintainers.
    Dismissed,
}

impl Decision {
    /// The lowercase name used in records and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Decision::Open => "open",
            Decision::Fixed => "fixed",
            Decision::Accepted => "accepted",
            Decision::Dismissed => "dismissed",
        }
    }

    /// The Chinese name shown to reviewers.
    pub const fn label(self) -> &'static str {
        match self {
            Decision::Open => "待处理",
            Decision::Fixed => "已修改",
            Decision::Accepted => "已接受",
            Decision::Dismissed => "误报",
        }
    }

    /// Whether the finding still waits for a reviewer.
    pub const fn is_open(self) -> bool {
        matches!(self, Decision::Open)
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The three stages of 三审.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Stage {
    /// 初审: the editor who wrote or edited the text.
    #[serde(rename = "初审")]
    First,
    /// 复审: the head of the department.
    #[serde(rename = "复审")]
    Second,
    /// 终审: the leader who signs it off.
    #[serde(rename = "终审")]
    Final,
}

impl Stage {
    /// The Chinese name, as written in records.
    pub const fn as_str(self) -> &'static str {
        match self {
            Stage::First => "初审",
            Stage::Second => "复审",
            Stage::Final => "终审",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = String;

    /// 初审/复审/终审, or 1/2/3, or first/second/final.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "初审" | "1" | "first" => Ok(Stage::First),
            "复审" | "2" | "second" => Ok(Stage::Second),
            "终审" | "3" | "final" | "third" => Ok(Stage::Final),
            _ => Err(format!("unknown stage `{s}` (expected 初审, 复审 or 终审; or 1, 2, 3)")),
        }
    }
}

/// A finding's state in a review record, as fronts report it next to the finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Verdict {
    /// What was decided.
    pub decision: Decision,
    /// Why (required for `accepted` and `dismissed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The stage that decided it, or first saw it while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// Who decided it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// When, as the front wrote it (the command line: RFC 3339 in UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

impl Verdict {
    /// An open verdict with nothing else known.
    pub fn open() -> Verdict {
        Verdict { decision: Decision::Open, reason: None, stage: None, reviewer: None, time: None }
    }

    /// A verdict of `decision` with its reason, stage, reviewer and time.
    pub fn new(
        decision: Decision,
        reason: Option<String>,
        stage: Option<Stage>,
        reviewer: Option<String>,
        time: Option<String>,
    ) -> Verdict {
        Verdict { decision, reason, stage, reviewer, time }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_parse_in_chinese_and_by_number() {
        assert_eq!("复审".parse::<Stage>(), Ok(Stage::Second));
        assert_eq!("3".parse::<Stage>(), Ok(Stage::Final));
        assert!("四审".parse::<Stage>().unwrap_err().contains("四审"));
        assert!(Stage::First < Stage::Final);
    }

    #[test]
    fn only_open_waits() {
        assert!(Decision::Open.is_open());
        assert!(!Decision::Dismissed.is_open());
    }
}
