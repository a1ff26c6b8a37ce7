//! The `typo` family: known misspellings from the dictionary.

use super::{entry_finding, quoted_list, with_note, Context};
use crate::dict::Entry;
use crate::finding::Finding;
use crate::registry::TYPO_DICTIONARY;
use crate::span::Span;

/// Judges a hit of a typo entry.
pub(crate) fn judge(entry: &Entry, span: Span, cx: &Context<'_>) -> Option<Finding> {
    let found = &cx.text[span];
    let message = match (entry.category.as_deref(), entry.suggestions.as_slice()) {
        (_, []) => format!("“{found}”疑为错别字"),
        (Some("variant"), s) => format!("“{found}”是非推荐词形，应写作{}", quoted_list(s)),
        (_, [one]) => format!("“{found}”应为“{one}”"),
        (_, many) => format!("“{found}”疑为错别字，可改为{}", quoted_list(many)),
    };
    Some(entry_finding(&TYPO_DICTIONARY, entry, span, cx.text, with_note(message, entry)))
}
