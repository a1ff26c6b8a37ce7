//! The `format` family: official-document conventions checked by regular expressions and small
//! tables rather than by the dictionary automaton.

use crate::finding::Finding;

/// The compiled format rules.
#[derive(Debug, Default)]
pub(crate) struct FormatRules {
    /// Legitimate reduplications (常常, 研究研究).
    repeats: Vec<String>,
}

impl FormatRules {
    /// Builds the rules; `repeats` are the legitimate reduplications of the `repeat` lists.
    pub(crate) fn new<'a>(repeats: impl IntoIterator<Item = &'a str>) -> FormatRules {
        FormatRules { repeats: repeats.into_iter().map(str::to_owned).collect() }
    }

    /// Appends the format findings of `text` (line and column are filled in later).
    pub(crate) fn check(&self, text: &str, out: &mut Vec<Finding>) {
        let _ = (text, out, &self.repeats);
    }
}
