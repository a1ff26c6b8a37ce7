//! The `leader` family: names, titles and their forms.

use super::{entry_finding, quoted_list, with_note, Context};
use crate::dict::Entry;
use crate::finding::{Family, Finding};
use crate::span::Span;

/// Rule id of wrong title forms (全国人大副委员长 → 全国人大常委会副委员长).
pub(crate) const TITLE_FORM: &str = "leader/title-form";

/// Category (and rule name) of titles that do not exist in an institution
/// (县政协副主任 → 县政协副主席).
pub(crate) const INSTITUTION: &str = "institution";

/// Judges a hit of a title-form or institution entry.
pub(crate) fn judge_form(entry: &Entry, span: Span, cx: &Context<'_>) -> Option<Finding> {
    let found = &cx.text[span];
    let (rule, head) = if entry.category.as_deref() == Some(INSTITUTION) {
        let institution = &entry.pattern[..entry.lead];
        ("leader/institution", format!("{institution}不设“{found}”这一职务"))
    } else {
        (TITLE_FORM, format!("“{found}”职务称谓不规范"))
    };
    let message = match entry.suggestions.as_slice() {
        [] => head,
        s => format!("{head}，应为{}", quoted_list(s)),
    };
    Some(entry_finding(Family::Leader, rule, entry, span, cx.text, with_note(message, entry)))
}
