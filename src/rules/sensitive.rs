//! The `sensitive` family: categorised expressions that official posts must not carry.

use super::{
    categories, entry_finding, quoted_list, sensitive_context, sovereignty, with_note, Context,
};
use crate::dict::Entry;
use crate::finding::Finding;
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
    Some(entry_finding(&SENSITIVE_DICTIONARY, entry, span, cx.text, with_note(message, entry)))
}
