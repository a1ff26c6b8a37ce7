//! The families' judges. The matcher finds candidates for every family in one pass; each family
//! then judges its own hits here and may drop them.

pub(crate) mod categories;
pub(crate) mod format;
pub(crate) mod issued;
pub(crate) mod leader;
#[cfg_attr(not(feature = "model"), allow(dead_code))]
pub(crate) mod model;
pub(crate) mod protected;
pub(crate) mod sensitive;
pub(crate) mod sensitive_context;
pub(crate) mod sovereignty;
pub(crate) mod typo;

use crate::date::Date;
use crate::dict::Entry;
use crate::finding::Finding;
use crate::registry::Rule;
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
    /// Whether the text holds a word that forbids wording (不得, 禁止 …), found on first use.
    pub(crate) bans: std::cell::OnceCell<bool>,
}

impl Context<'_> {
    /// Whether the text holds a word that forbids wording anywhere: looked for once a text, so
    /// that a text without one pays nothing per sensitive hit.
    pub(crate) fn has_ban(&self) -> bool {
        *self.bans.get_or_init(|| sensitive_context::any_ban(self.text))
    }

    /// The day `span` speaks of for the rules that read dates: the day checked, or the earlier
    /// day of the issuing line that holds it (a 1982 issuing line reprinted in a 2019 text).
    pub(crate) fn day_of(&self, span: Span) -> Date {
        issued::line_date(self.text, span).map_or(self.as_of, |d| d.min(self.as_of))
    }

    /// Whether `span` is whole words in its clause.
    pub(crate) fn is_whole_words(&self, span: Span) -> bool {
        (self.segmenter)().is_whole_words(self.text, span)
    }

    /// Whether a real word crosses an edge of `span`, `span` itself not read as a word: its
    /// characters then belong to the words around it (干部|们).
    pub(crate) fn crosses_word(&self, span: Span) -> bool {
        (self.segmenter)().crosses_word(self.text, span)
    }

    /// Whether `span` reads as common words of its own (中国|现代化), `joiners` allowed
    /// between them.
    pub(crate) fn reads_as_words(&self, span: Span, joiners: &str) -> bool {
        (self.segmenter)().reads_as_words(self.text, span, joiners)
    }

    /// Whether `span` reads as a phrase of common words and single characters that stand as
    /// words of their own (以|人为|中心).
    pub(crate) fn reads_as_phrase(&self, span: Span) -> bool {
        (self.segmenter)().reads_as_phrase(self.text, span)
    }

    /// Whether the characters meeting at byte offset `at` make a common word, in the cut of the
    /// clause around `span` (人|为 of 以人为中心 cut as 人为).
    pub(crate) fn joins_at(&self, span: Span, at: usize) -> bool {
        (self.segmenter)().joins_at(self.text, span, at)
    }

    /// Whether the character at `single` is cut alone between two common words, in the cut of
    /// the clause around `span` (发展|的|理念).
    pub(crate) fn stands_between_words(&self, span: Span, single: Span) -> bool {
        (self.segmenter)().stands_between_words(self.text, span, single)
    }
}

/// A finding of `rule` for a dictionary entry's hit, with the entry's category, severity and
/// suggestions.
pub(crate) fn entry_finding(
    rule: &Rule,
    entry: &Entry,
    span: Span,
    text: &str,
    message: String,
) -> Finding {
    Finding::new(rule, span, &text[span], message)
        .with_category(entry.category.clone())
        .with_severity(entry.severity)
        .with_suggestions(entry.suggestions.clone())
        .with_source(crate::source::Source::entry(entry))
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
