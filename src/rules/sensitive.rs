//! The `sensitive` family: categorised expressions that official posts must not carry.

use super::{entry_finding, quoted_list, sovereignty, with_note, Context};
use crate::dict::Entry;
use crate::finding::Finding;
use crate::registry::SENSITIVE_DICTIONARY;
use crate::span::Span;

/// What the category means, for the message.
fn describe(category: Option<&str>) -> &'static str {
    match category {
        Some("political") => "不符合规范表述",
        Some("ethnic") => "不符合民族宗教类规范表述",
        Some("international") => "不符合国际关系类规范表述",
        Some("legal") => "不符合法律类规范表述",
        Some("other") => "不符合新闻报道用语规范",
        Some(sovereignty::SOVEREIGNTY) => "涉港澳台、领土主权，须加引号或冠以“所谓”",
        Some(sovereignty::TAIWAN_TITLE) => "是台湾当局“政权”机构或职务名称，须加引号或改用规范称谓",
        Some("discrimination") => "属于歧视性用语",
        Some("vulgar") => "属于粗俗、侮辱性用语",
        Some(crate::ABUSE_CATEGORY) => "属于辱骂、轻蔑或歧视性称呼，回复群众时不得使用",
        Some("advertising") => "属于广告法禁止的绝对化或虚假用语",
        Some("illegal") => "涉及违法违规内容，请确认语境",
        _ => "属于敏感表述",
    }
}

/// Judges a hit of a sensitive entry.
pub(crate) fn judge(entry: &Entry, span: Span, cx: &Context<'_>) -> Option<Finding> {
    if !sovereignty::reports(entry.category.as_deref(), cx.text, span) {
        return None;
    }
    let found = &cx.text[span];
    let what = describe(entry.category.as_deref());
    let message = match entry.suggestions.as_slice() {
        [] => format!("“{found}”{what}"),
        s => format!("“{found}”{what}，应使用{}", quoted_list(s)),
    };
    Some(entry_finding(&SENSITIVE_DICTIONARY, entry, span, cx.text, with_note(message, entry)))
}
