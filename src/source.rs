//! Where a finding comes from: the dictionary entry, roster row or model behind it, so that a
//! reviewer can judge it quickly and report a false alarm precisely (file and line).

use crate::date::Date;
use crate::dict::{Entry, Origin};
use serde::Serialize;

/// What produced a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SourceKind {
    /// A dictionary entry (`typo/words.tsv` 布署→部署, a protected term, a title form).
    Entry,
    /// A row of the leader roster (李克强 国务院总理 to=2023-03-11).
    Roster,
    /// A title line of the leader roster files (总理 as a short form of 国务院总理).
    Title,
    /// The statistical model: no entry, a score over the text around the finding.
    Model,
    /// The rule's own logic, with no entry behind it (brackets of a document number, dates).
    Rule,
}

/// The entry, roster row or model behind a finding.
///
/// `file` is the dictionary file as shipped (`dictionaries/typo/words.tsv`) or as the user
/// named it, and `line` its 1-based line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Source {
    /// What produced the finding.
    pub kind: SourceKind,
    /// The file holding the entry or row, or the model's data file.
    pub file: Option<String>,
    /// Its 1-based line in `file`.
    pub line: Option<usize>,
    /// The entry as written: its pattern, or for a roster row `name title`.
    pub entry: Option<String>,
    /// The entry's `note=`.
    pub note: Option<String>,
    /// Sentences the entry must flag (`bad=`).
    pub examples: Vec<String>,
    /// Sentences the entry must leave alone (`ok=`).
    pub counterexamples: Vec<String>,
    /// Roster rows: the roster file's `!as-of` date, what the judgement rests on.
    pub as_of: Option<Date>,
}

impl Source {
    fn at(kind: SourceKind, origin: &Origin) -> Source {
        Source {
            kind,
            // Shipped files are named as in the repository (`dictionaries/typo/words.tsv`),
            // user files as the user named them.
            file: Some(origin.file.to_string()),
            line: Some(origin.line),
            entry: None,
            note: None,
            examples: Vec::new(),
            counterexamples: Vec::new(),
            as_of: None,
        }
    }

    /// The source of a finding made from a dictionary entry.
    pub(crate) fn entry(entry: &Entry) -> Source {
        Source {
            entry: Some(entry.pattern.clone()),
            note: entry.note.clone(),
            examples: entry.bad.clone(),
            counterexamples: entry.ok.clone(),
            ..Source::at(SourceKind::Entry, &entry.origin)
        }
    }

    /// The source of a finding made from a roster row: `name title` as written, its note,
    /// its roster's date and where it was read.
    pub(crate) fn roster(
        name: &str,
        title: &str,
        note: Option<&str>,
        as_of: Option<Date>,
        origin: &Origin,
    ) -> Source {
        Source {
            entry: Some(format!("{name}\t{title}")),
            note: note.map(str::to_owned),
            as_of,
            ..Source::at(SourceKind::Roster, origin)
        }
    }

    /// The source of a finding about a title line (its short forms, its completeness).
    pub(crate) fn title(origin: &Origin, canonical: &str, note: Option<&str>) -> Source {
        Source {
            entry: Some(canonical.to_owned()),
            note: note.map(str::to_owned),
            ..Source::at(SourceKind::Title, origin)
        }
    }

    /// The source of a finding of the statistical model: its data file, no line.
    pub(crate) fn model() -> Source {
        Source {
            kind: SourceKind::Model,
            file: Some("dictionaries/model/ngram.bin".to_owned()),
            line: None,
            entry: None,
            note: None,
            examples: Vec::new(),
            counterexamples: Vec::new(),
            as_of: None,
        }
    }

    /// The source of a finding of a rule with no entry behind it.
    pub(crate) fn rule() -> Source {
        Source { kind: SourceKind::Rule, file: None, ..Source::model() }
    }

    /// `file:line`, `file`, or nothing.
    pub fn location(&self) -> Option<String> {
        match (&self.file, self.line) {
            (Some(f), Some(l)) => Some(format!("{f}:{l}")),
            (Some(f), None) => Some(f.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    #[test]
    fn a_shipped_entry_names_its_file_and_line() {
        let f = &Linter::new().check("要认真布署。")[0];
        let s = f.source.as_ref().expect("a dictionary finding has a source");
        assert_eq!(s.kind, SourceKind::Entry);
        assert_eq!(s.entry.as_deref(), Some("布署"));
        let file = s.file.as_deref().unwrap();
        assert!(file.starts_with("dictionaries/typo/"), "{file}");
        // The line named holds the entry.
        let (_, text) = crate::dict::Dictionary::builtin_files()
            .iter()
            .find(|(n, _)| *n == file)
            .expect("a shipped file");
        let line = text.lines().nth(s.line.unwrap() - 1).unwrap();
        assert!(line.starts_with("布署\t"), "{line}");
    }

    #[test]
    fn a_user_entry_names_the_users_file() {
        let mut b = crate::LinterBuilder::new();
        b.builtin(false);
        b.add_dictionary(
            "county.tsv",
            "!family typo\n# comment\n青神县政付\t青神县政府\tnote=县名\n",
        )
        .unwrap();
        let f = &b.build().unwrap().check("青神县政付通知")[0];
        let s = f.source.as_ref().unwrap();
        assert_eq!(s.location().as_deref(), Some("county.tsv:3"));
        assert_eq!(s.note.as_deref(), Some("县名"));
    }

    #[test]
    fn leader_findings_name_the_roster_row_and_its_date() {
        let linter = crate::LinterBuilder::new()
            .as_of(crate::Date::new(2026, 12, 1).unwrap())
            .build()
            .unwrap();
        let findings = linter.check("国务院总理李克强出席会议。");
        let f = findings.iter().find(|f| f.rule == "leader/outdated").expect("outdated");
        let s = f.source.as_ref().unwrap();
        assert_eq!(s.kind, SourceKind::Roster);
        assert_eq!(s.file.as_deref(), Some("dictionaries/leader/roster.tsv"));
        assert!(s.entry.as_deref().unwrap().starts_with("李克强\t"), "{s:?}");
        assert!(s.as_of.is_some(), "the roster's date");
    }

    #[test]
    fn format_and_model_findings_say_what_they_are() {
        let f = &Linter::new().check("国办秘函[2019]19号")[0];
        assert_eq!(f.source.as_ref().map(|s| s.kind), Some(SourceKind::Rule));
        assert_eq!(Source::model().location().as_deref(), Some("dictionaries/model/ngram.bin"));
    }
}
