//! The `sensitive` family: categorised expressions that official posts must not carry.

use super::{
    categories, entry_finding, quoted_list, sensitive_context, sovereignty, with_note, Context,
};
use crate::dict::Entry;
use crate::finding::{Finding, Severity};
use crate::registry::SENSITIVE_DICTIONARY;
use crate::span::Span;

/// Judges a hit of a sensitive entry.
pub(crate) fn judge(entry: &Entry, span: Span, cx: &Context<'_>) -> Option<Finding> {
    let category = entry.category.as_deref();
    if !sovereignty::reports(category, cx.text, span)
        || !sensitive_context::reports(category, cx, span)
    {
        return None;
    }
    let found = &cx.text[span];
    let what = categories::message(entry.category.as_deref());
    let message = match entry.suggestions.as_slice() {
        [] => format!("“{found}”{what}"),
        s => format!("“{found}”{what}，应使用{}", quoted_list(s)),
    };
    let mut finding =
        entry_finding(&SENSITIVE_DICTIONARY, entry, span, cx.text, with_note(message, entry));
    if entry.since.is_some() && attained_before(cx.text, span) {
        finding.severity = Severity::Info;
        finding.message.push_str("（句中讲的是过去获得的称号，请核对是否当作现行称号使用）");
    }
    Some(finding)
}

/// Words that tell an honour was received, before it in its sentence: 先后获得国家免检产品、
/// 泉州市政府质量奖 is a company's history.
const ATTAINED: &[&str] = &[
    "先后获得",
    "先后荣获",
    "先后被评为",
    "先后被授予",
    "曾获",
    "曾荣获",
    "曾被评为",
    "曾被授予",
    "获得过",
    "荣获过",
];

/// How far back in its sentence a word of [`ATTAINED`] is looked for, in characters.
const ATTAINED_WINDOW: usize = 40;

/// Whether the sentence before `span` tells that what follows was received ([`ATTAINED`]).
/// Asked only of entries dated by their norm (`since=`): a designation lawful until a day
/// (国家免检, abolished on 2008-09-17) may be told as history, though no longer claimed; such a
/// finding is a note.
fn attained_before(text: &str, span: Span) -> bool {
    let before = &text[..span.start];
    let from = before.char_indices().rev().nth(ATTAINED_WINDOW).map_or(0, |(i, _)| i);
    let part = sovereignty::after_last(&before[from..], |c| "。！？!?；;\n".contains(c));
    ATTAINED.iter().any(|w| part.contains(w))
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::{Family, Linter};

    #[track_caller]
    fn severity(text: &str) -> Option<Severity> {
        let found = Linter::builder().model(false).build().unwrap().check(text);
        found.into_iter().find(|f| f.family == Family::Sensitive).map(|f| f.severity)
    }

    #[test]
    fn a_designation_received_before_its_end_is_history() {
        let history = "公司狠抓产品质量，先后获得国家免检产品、省质量管理先进企业等称号。";
        assert_eq!(severity(history), Some(Severity::Info));
        assert_eq!(severity("国家免检产品，质量可靠。"), Some(Severity::Warning));
        // A claim of it, in a text of the time when it was lawful, is no finding.
        let linter = Linter::builder().model(false).build().unwrap();
        let as_of = crate::Date::new(2005, 6, 1).unwrap();
        let found = linter.check_as_of("国家免检产品，质量可靠。", as_of);
        assert!(found.iter().all(|f| f.family != Family::Sensitive), "{found:?}");
    }
}
