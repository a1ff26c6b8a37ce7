//! The families' judges. The matcher finds candidates for every family in one pass; each family
//! then judges its own hits here and may drop them.

pub(crate) mod format;
pub(crate) mod leader;
pub(crate) mod model;
pub(crate) mod protected;
pub(crate) mod sensitive;
pub(crate) mod typo;

use crate::date::Date;
use crate::dict::Entry;
use crate::finding::{Family, Finding, Severity};
use crate::segment::Segmenter;
use crate::span::Span;

/// What a judge may look at besides the hit.
pub(crate) struct Context<'a> {
    /// The whole checked text.
    pub(crate) text: &'a str,
    /// The date the text is checked as of (leader titles change over time).
    #[allow(dead_code)]
    pub(crate) as_of: Date,
    /// The segmenter, built on first use.
    pub(crate) segmenter: &'a dyn Fn() -> &'a Segmenter,
}

impl Context<'_> {
    /// Whether `span` is whole words in its clause.
    pub(crate) fn is_whole_words(&self, span: Span) -> bool {
        (self.segmenter)().is_whole_words(self.text, span)
    }
}

/// A finding for a dictionary entry's hit; line and column are filled in when reporting.
pub(crate) fn entry_finding(
    family: Family,
    rule: &str,
    entry: &Entry,
    span: Span,
    text: &str,
    message: String,
) -> Finding {
    Finding {
        family,
        rule: rule.to_owned(),
        category: entry.category.clone(),
        severity: entry.severity,
        span,
        line: 0,
        column: 0,
        text: text[span].to_owned(),
        message,
        suggestions: entry.suggestions.clone(),
        evasion: None,
    }
}

/// `“A”或“B”` for a list of suggestions.
pub(crate) fn quoted_list(items: &[String]) -> String {
    items.iter().map(|s| format!("“{s}”")).collect::<Vec<_>>().join("或")
}

/// Appends the entry's note to a message.
pub(crate) fn with_note(mut message: String, entry: &Entry) -> String {
    if let Some(note) = &entry.note {
        message.push('（');
        message.push_str(note);
        message.push('）');
    }
    message
}

/// Default severity used when a finding is not backed by an entry.
#[allow(dead_code)]
pub(crate) const DEFAULT_SEVERITY: Severity = Severity::Error;
