//! `GET /v1/rules`: the families and rules a client can select.
//!
//! The library does not list its rules yet; until it has a rule registry, the ids its rule
//! modules report are listed here, and the service's integration test checks that every rule
//! a check reports is among them. When the registry lands, [`RULES`] gives way to it.

use sanshen::Family;
use serde::Serialize;

/// A rule: its id (as in findings' `rule`), family and Chinese name.
#[derive(Debug, Serialize)]
pub(crate) struct Rule {
    pub(crate) id: &'static str,
    pub(crate) family: &'static str,
    pub(crate) name: &'static str,
}

const fn rule(id: &'static str, family: Family, name: &'static str) -> Rule {
    Rule { id, family: family.as_str(), name }
}

/// Every rule id the library reports.
pub(crate) const RULES: &[Rule] = &[
    rule("typo/dictionary", Family::Typo, "常见错别字"),
    rule("typo/protected", Family::Typo, "重要表述错字"),
    rule("sensitive/dictionary", Family::Sensitive, "敏感和不当表述"),
    rule("leader/name", Family::Leader, "领导姓名错误"),
    rule("leader/title", Family::Leader, "领导职务错误"),
    rule("leader/title-form", Family::Leader, "职务称谓不规范"),
    rule("leader/order", Family::Leader, "领导排序或职务顺序"),
    rule("leader/outdated", Family::Leader, "已卸任的职务"),
    rule("leader/removed", Family::Leader, "已被免去的职务"),
    rule("leader/institution", Family::Leader, "机构与职务不符"),
    rule("format/width", Family::Format, "全角半角混用"),
    rule("format/paired-punctuation", Family::Format, "成对标点不匹配"),
    rule("format/repeated", Family::Format, "重复字词或标点"),
    rule("format/document-number", Family::Format, "发文字号格式"),
    rule("format/date", Family::Format, "日期错误"),
    rule("format/date-range", Family::Format, "日期范围错误"),
    rule("format/weekday", Family::Format, "星期与日期不符"),
    rule("format/heading", Family::Format, "标题层级序号"),
];

/// The answer of `GET /v1/rules`.
#[derive(Serialize)]
pub(crate) struct Listing {
    families: Vec<FamilyInfo>,
    rules: &'static [Rule],
}

#[derive(Serialize)]
struct FamilyInfo {
    id: &'static str,
    name: &'static str,
}

pub(crate) fn listing() -> Listing {
    let families =
        Family::ALL.iter().map(|f| FamilyInfo { id: f.as_str(), name: f.label() }).collect();
    Listing { families, rules: RULES }
}

/// Whether a selector can be accepted: a family, a known rule id, or a word without `/`
/// (a category; categories come from dictionaries, including the user's).
pub(crate) fn is_known_selector(s: &str) -> bool {
    super::request::is_family(s)
        || RULES.iter().any(|r| r.id == s)
        || (!s.is_empty() && !s.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_start_with_their_family() {
        for r in RULES {
            assert!(r.id.starts_with(&format!("{}/", r.family)), "{}", r.id);
        }
    }

    #[test]
    fn selectors_with_a_slash_must_name_a_rule() {
        assert!(is_known_selector("format/date"));
        assert!(is_known_selector("advertising"));
        assert!(is_known_selector("leader"));
        assert!(!is_known_selector("format/dates"));
        assert!(!is_known_selector(""));
    }
}
