//! The rule registry: every rule sanshen reports, with its family, Chinese name and
//! description, default severity and the selectors that turn it off or change its severity.
//!
//! Everything that names a rule goes through this table: findings are built from a [`Rule`],
//! selectors in flags and configuration are checked against it, and the CLI's SARIF output and
//! `--list-rules` print it.

use crate::finding::{Family, Severity};
use serde::Serialize;

/// One rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Rule {
    /// The id reported with every finding, `family/name`, e.g. `typo/dictionary`.
    pub id: &'static str,
    /// The family the rule reports under.
    pub family: Family,
    /// A short Chinese name, e.g. 词典错别字.
    pub name: &'static str,
    /// What the rule finds, in Chinese.
    pub description: &'static str,
    /// The severity of its findings unless an entry or the finding says otherwise.
    pub severity: Severity,
    /// The selectors that choose the rule besides its id: its family's name, or a name of its
    /// own (`protected`) for a rule that is turned on and off apart from its family.
    pub selectors: &'static [&'static str],
    /// The categories its findings carry that are not taken from dictionary entries.
    pub categories: &'static [&'static str],
}

impl Rule {
    /// Whether `selector` (a rule id, family name or rule selector) chooses this rule.
    pub fn answers_to(&self, selector: &str) -> bool {
        self.id == selector || self.selectors.contains(&selector)
    }
}

const fn rule(
    id: &'static str,
    family: Family,
    name: &'static str,
    description: &'static str,
    severity: Severity,
) -> Rule {
    let selectors: &'static [&'static str] = match family {
        Family::Typo => &["typo"],
        Family::Sensitive => &["sensitive"],
        Family::Leader => &["leader"],
        Family::Format => &["format"],
    };
    Rule { id, family, name, description, severity, selectors, categories: &[] }
}

/// Misspellings listed in the typo dictionaries (布署 → 部署).
pub(crate) const TYPO_DICTIONARY: Rule = rule(
    "typo/dictionary",
    Family::Typo,
    "词典错别字",
    "词典收录的常见错别字、成语误写和非推荐词形，如“布署”应为“部署”",
    Severity::Error,
);

/// Near-misses of protected official terms (中华人民共和国 written with a confusable character).
/// Its own selector: turning the typo family off leaves it on.
pub(crate) const TYPO_PROTECTED: Rule = Rule {
    selectors: &["protected"],
    ..rule(
        "typo/protected",
        Family::Typo,
        "重要表述",
        "国家名称、机构名称和重要表述中的形近、音近字之误，如“中华人民共合国”",
        Severity::Error,
    )
};

/// Suggestions of the statistical model of official Chinese. Its own selector, like
/// protected terms.
pub(crate) const TYPO_MODEL: Rule = Rule {
    selectors: &["model"],
    ..rule(
        "typo/model",
        Family::Typo,
        "统计模型",
        "官方中文统计语言模型认为可能性很低的字词及其建议写法；按置信度定为提示或警告",
        Severity::Info,
    )
};

/// Expressions listed in the sensitive dictionaries (台湾政府 → 台湾当局).
pub(crate) const SENSITIVE_DICTIONARY: Rule = rule(
    "sensitive/dictionary",
    Family::Sensitive,
    "敏感表述",
    "词典收录的不规范政治表述、歧视性和粗俗用语、广告法禁用语及违法违规内容",
    Severity::Error,
);

/// Wrong forms of titles (全国人大副委员长 → 全国人大常委会副委员长).
pub(crate) const LEADER_TITLE_FORM: Rule = rule(
    "leader/title-form",
    Family::Leader,
    "职务称谓不规范",
    "职务称谓的不规范写法，如“全国人大副委员长”应为“全国人大常委会副委员长”",
    Severity::Error,
);

/// Titles an institution does not have (县政协副主任 → 县政协副主席).
pub(crate) const LEADER_INSTITUTION: Rule = Rule {
    categories: &["institution"],
    ..rule(
        "leader/institution",
        Family::Leader,
        "机构无此职务",
        "机构不设的职务，如“县政协副主任”应为“县政协副主席”",
        Severity::Error,
    )
};

/// A leader named with a title they were removed from.
pub(crate) const LEADER_REMOVED: Rule = Rule {
    categories: &["removed"],
    ..rule(
        "leader/removed",
        Family::Leader,
        "已被免职",
        "领导人与已被免去的职务连用",
        Severity::Error,
    )
};

/// A leader named with a title they no longer hold on the day checked.
pub(crate) const LEADER_OUTDATED: Rule = Rule {
    categories: &["outdated"],
    ..rule(
        "leader/outdated",
        Family::Leader,
        "职务已卸任",
        "领导人与检查日期时已卸任的职务连用（“时任”等过去时标记除外）",
        Severity::Error,
    )
};

/// A leader named with a title they never held.
pub(crate) const LEADER_TITLE: Rule = Rule {
    categories: &["title"],
    ..rule(
        "leader/title",
        Family::Leader,
        "职务不符",
        "领导人与其未担任过的职务连用",
        Severity::Error,
    )
};

/// Titles or leaders listed out of their official order.
pub(crate) const LEADER_ORDER: Rule = Rule {
    categories: &["order"],
    ..rule(
        "leader/order",
        Family::Leader,
        "排序有误",
        "多个职务或多位领导人并列时不符合规范排序",
        Severity::Error,
    )
};

/// A leader's name misspelled.
pub(crate) const LEADER_NAME: Rule = Rule {
    categories: &["name"],
    ..rule(
        "leader/name",
        Family::Leader,
        "姓名有误",
        "名册中领导人姓名的错字（形近、音近字）",
        Severity::Error,
    )
};

/// Dates that do not exist (2021年2月30日).
pub(crate) const FORMAT_DATE: Rule = rule(
    "format/date",
    Family::Format,
    "日期有误",
    "不存在的日期，如“2021年2月30日”",
    Severity::Error,
);

/// A weekday that does not fit its date.
pub(crate) const FORMAT_WEEKDAY: Rule =
    rule("format/weekday", Family::Format, "星期不符", "日期后所注星期与该日不符", Severity::Error);

/// Date ranges written against the conventions.
pub(crate) const FORMAT_DATE_RANGE: Rule = rule(
    "format/date-range",
    Family::Format,
    "日期范围",
    "起止日期颠倒或写法不规范的日期范围",
    Severity::Warning,
);

/// Document numbers with the wrong brackets (国办秘函\[2019\]19号 → 〔2019〕).
pub(crate) const FORMAT_DOCUMENT_NUMBER: Rule = rule(
    "format/document-number",
    Family::Format,
    "发文字号",
    "发文字号的年份应使用六角括号，如“国办秘函[2019]19号”应为“国办秘函〔2019〕19号”",
    Severity::Error,
);

/// Heading levels out of the official sequence (一、（一）1.（1）).
pub(crate) const FORMAT_HEADING: Rule = rule(
    "format/heading",
    Family::Format,
    "标题层次",
    "公文标题层次序数（一、（一）1.（1））跳级或不连续",
    Severity::Info,
);

/// Brackets and quotation marks left open or closed without a partner.
pub(crate) const FORMAT_PAIRED: Rule = rule(
    "format/paired-punctuation",
    Family::Format,
    "标点成对",
    "括号、引号、书名号不成对",
    Severity::Warning,
);

/// Words written twice by mistake (的的, 我们我们).
pub(crate) const FORMAT_REPEATED: Rule = rule(
    "format/repeated",
    Family::Format,
    "重复字词",
    "误重复的字词，如“的的”；叠词和固定重叠形式除外",
    Severity::Warning,
);

/// Half-width punctuation in Chinese text, mixed widths.
pub(crate) const FORMAT_WIDTH: Rule = rule(
    "format/width",
    Family::Format,
    "全半角",
    "中文语境中的半角标点，以及全半角混用",
    Severity::Warning,
);

/// Every rule, by family and then as listed.
pub(crate) static RULES: [Rule; 19] = [
    TYPO_DICTIONARY,
    TYPO_PROTECTED,
    TYPO_MODEL,
    SENSITIVE_DICTIONARY,
    LEADER_TITLE_FORM,
    LEADER_INSTITUTION,
    LEADER_REMOVED,
    LEADER_OUTDATED,
    LEADER_TITLE,
    LEADER_ORDER,
    LEADER_NAME,
    FORMAT_DATE,
    FORMAT_WEEKDAY,
    FORMAT_DATE_RANGE,
    FORMAT_DOCUMENT_NUMBER,
    FORMAT_HEADING,
    FORMAT_PAIRED,
    FORMAT_REPEATED,
    FORMAT_WIDTH,
];

/// Every rule, by family.
pub fn rules() -> &'static [Rule] {
    &RULES
}

/// The rule with id `id`.
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The rules `selector` chooses: by id, family name or a rule's own selector. Empty for a name
/// that chooses nothing.
pub fn select(selector: &str) -> impl Iterator<Item = &'static Rule> + '_ {
    RULES.iter().filter(move |r| r.answers_to(selector))
}

/// Every selector that chooses at least one rule, sorted: rule ids, family names and rules'
/// own selectors.
pub fn selectors() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = RULES
        .iter()
        .flat_map(|r| std::iter::once(r.id).chain(r.selectors.iter().copied()))
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_named_after_their_family() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for r in &RULES {
            assert_eq!(r.id.split('/').next(), Some(r.family.as_str()), "{}", r.id);
            assert!(!r.name.is_empty() && !r.description.is_empty(), "{}", r.id);
        }
    }

    #[test]
    fn protected_terms_and_the_model_have_their_own_selectors() {
        let typo: Vec<&str> = select("typo").map(|r| r.id).collect();
        assert_eq!(typo, ["typo/dictionary"]);
        assert_eq!(select("protected").map(|r| r.id).collect::<Vec<_>>(), ["typo/protected"]);
        assert_eq!(select("model").map(|r| r.id).collect::<Vec<_>>(), ["typo/model"]);
        assert_eq!(select("typo/bogus").count(), 0);
        assert!(selectors().contains(&"format/width"));
    }
}
