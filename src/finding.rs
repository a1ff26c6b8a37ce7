//! What a check reports: [`Finding`], its [`Family`] and [`Severity`].

use crate::registry::Rule;
pub use crate::severity::Severity;
use crate::source::Source;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The family of rules a finding comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// 错别字: a known misspelling or a near-miss of a protected official term (布署 → 部署).
    Typo,
    /// 敏感词: an expression that official style forbids or restricts, a discriminatory or vulgar
    /// word, an extreme advertising claim or an illegal-content term (台湾政府 → 台湾当局).
    Sensitive,
    /// 领导职务称呼: a leader's name, title, order of titles, or an institution–title pair
    /// (全国人大副委员长 → 全国人大常委会副委员长).
    Leader,
    /// 规范: official-document conventions such as brackets, dates and document numbers
    /// (`国办秘函[2019]19号` → `国办秘函〔2019〕19号`).
    Format,
}

impl Family {
    /// Every family, in reporting order.
    pub const ALL: [Family; 4] = [Family::Typo, Family::Sensitive, Family::Leader, Family::Format];

    /// The lowercase name used in rule ids, dictionaries and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Family::Typo => "typo",
            Family::Sensitive => "sensitive",
            Family::Leader => "leader",
            Family::Format => "format",
        }
    }

    /// The Chinese name shown to readers.
    pub const fn label(self) -> &'static str {
        match self {
            Family::Typo => "错别字",
            Family::Sensitive => "敏感词",
            Family::Leader => "领导职务",
            Family::Format => "规范",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Family {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Family::ALL.into_iter().find(|f| f.as_str() == s).ok_or_else(|| {
            format!("unknown family `{s}` (expected typo, sensitive, leader or format)")
        })
    }
}

/// One problem found in a text.
///
/// The span is a half-open byte range into the checked text, always on `char` boundaries, and
/// `text` is exactly `&checked[span]`. Line and column are 1-based; the column counts
/// characters, not bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// The family of the rule.
    pub family: Family,
    /// The rule id, `family/name`, e.g. `typo/dictionary`.
    pub rule: String,
    /// The entry's category within its family, e.g. `idiom` or `political`, if it has one.
    pub category: Option<String>,
    /// How serious it is.
    pub severity: Severity,
    /// Where it is, in bytes.
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column of `span.start`, in characters.
    pub column: usize,
    /// The matched original text.
    pub text: String,
    /// What is wrong, in Chinese.
    pub message: String,
    /// Replacements for `text`, best first. Exactly one means the fix is unambiguous.
    pub suggestions: Vec<String>,
    /// How a disguised spelling was matched; `None` when the text is the entry as written.
    pub evasion: Option<Evasion>,
    /// The dictionary entry, roster row or model behind the finding (see [`Source`]).
    pub source: Option<Source>,
}

/// How an entry that matches through evasion (`evasion=yes`) was found, so a reviewer can tell
/// a deliberate disguise from a slip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Evasion {
    /// What was folded to match: `width` (全半角), `case` (大小写), `traditional` (繁简).
    pub folded: Vec<String>,
    /// How many noise characters (spaces, zero-width characters, `*`, `.` …) were skipped.
    pub noise: usize,
}

impl Finding {
    /// A finding of `rule` for `text`, found at `span`, with the rule's family, id and default
    /// severity and nothing else; line and column are filled in when the review finishes.
    pub(crate) fn new(rule: &Rule, span: Span, text: &str, message: String) -> Finding {
        Finding {
            family: rule.family,
            rule: rule.id.to_owned(),
            category: None,
            severity: rule.severity,
            span,
            line: 0,
            column: 0,
            text: text.to_owned(),
            message,
            suggestions: Vec::new(),
            evasion: None,
            source: None,
        }
    }

    /// The same finding with its `source`.
    pub(crate) fn with_source(mut self, source: Source) -> Finding {
        self.source = Some(source);
        self
    }

    /// The same finding with `suggestions`, best first.
    pub(crate) fn with_suggestions(mut self, suggestions: Vec<String>) -> Finding {
        self.suggestions = suggestions;
        self
    }

    /// The same finding with `category`.
    pub(crate) fn with_category(mut self, category: Option<String>) -> Finding {
        self.category = category;
        self
    }

    /// The same finding at `severity` instead of the rule's default.
    pub(crate) fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// Whether this finding has exactly one suggestion and can be fixed without a person.
    ///
    /// A leader finding whose correction would change which person or which post the text
    /// names (`leader/title`, `leader/name`, `leader/institution`, `leader/removed`,
    /// `leader/outdated`) is never fixed automatically, even with one suggestion: in
    /// 县长张建国 the name may be the error as well as the title. Reordering titles
    /// (`leader/order`) and completing a title's form (`leader/title-form`) name the same
    /// people and posts and stay fixable.
    ///
    /// A statistical suggestion (`typo/model`) is never applied without a person either: the
    /// model can prefer a commoner word to a rare right one (重要一翼 → 重要意义), so its
    /// findings are reviewed, not rewritten.
    pub fn is_fixable(&self) -> bool {
        self.suggestions.len() == 1 && !self.names_someone_else() && !self.is_statistical()
    }

    /// Whether the finding is the statistical model's suggestion (`typo/model`).
    fn is_statistical(&self) -> bool {
        self.rule == "typo/model"
    }

    /// Whether applying the suggestion could make the text name another person or post.
    fn names_someone_else(&self) -> bool {
        self.family == Family::Leader
            && !matches!(self.rule.as_str(), "leader/order" | "leader/title-form")
    }
}
