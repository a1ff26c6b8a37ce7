//! The records a dictionary file's lines hold, and [`Dictionary`], all of one or more files.

use super::DictError;
use crate::date::Date;
use crate::finding::Severity;
use std::sync::Arc;

/// Where an entry was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file (or the name given to a string source).
    pub file: Arc<str>,
    /// The 1-based line number.
    pub line: usize,
}

/// What an [`Entry`] is for, from its file's `!family` directive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A known misspelling (`typo`).
    Typo,
    /// A sensitive expression (`sensitive`).
    Sensitive,
    /// A phrase that must never be flagged (`allow`).
    Allow,
    /// An official term whose exact wording matters (`protected`).
    Protected,
    /// A wrong form of a leadership title (`leader`).
    Leader,
}

/// A pattern with what to say about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Which family judges it.
    pub kind: EntryKind,
    /// The literal text to find.
    pub pattern: String,
    /// Replacements, best first.
    pub suggestions: Vec<String>,
    /// Category within the family.
    pub category: Option<String>,
    /// Severity of a finding.
    pub severity: Severity,
    /// Whether a hit counts only where it is whole words (`check=word`).
    pub word_check: bool,
    /// Whether to match through evasion (`evasion=yes`).
    pub evasion: bool,
    /// For protected terms: whether near misses are searched (`fuzzy=no` turns it off).
    pub fuzzy: bool,
    /// A short explanation.
    pub note: Option<String>,
    /// The day from which the wrong form counts as wrong (`since=`): a text checked as of an
    /// earlier day is written by the norms of its time (残废 in the 1953 labour insurance
    /// regulations, before 残疾 became the legal term).
    pub since: Option<Date>,
    /// Sentences containing the pattern that must not be flagged.
    pub ok: Vec<String>,
    /// Sentences that must be flagged.
    pub bad: Vec<String>,
    /// Bytes at the start of the pattern that are context, not part of the reported span
    /// (an institution rule reports only the wrong title: 县政协|副主任).
    pub lead: usize,
    /// Where it was read.
    pub origin: Origin,
}

impl Entry {
    /// An allow-list entry for `phrase`.
    pub fn allow(phrase: &str, origin: Origin) -> Entry {
        Entry {
            kind: EntryKind::Allow,
            pattern: phrase.to_owned(),
            suggestions: Vec::new(),
            category: None,
            severity: Severity::Info,
            word_check: false,
            evasion: false,
            fuzzy: false,
            note: None,
            since: None,
            ok: Vec::new(),
            bad: Vec::new(),
            lead: 0,
            origin,
        }
    }
}

/// One title a person holds or held (a `roster` line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterRow {
    /// The person's name.
    pub name: String,
    /// The title in canonical wording.
    pub title: String,
    /// First day in office, if known.
    pub from: Option<Date>,
    /// First day no longer in office; `None` while in office.
    pub to: Option<Date>,
    /// Whether the person was removed from office (rather than a normal end of term).
    pub removed: bool,
    /// Position in the official order of people holding the same title.
    pub rank: Option<u32>,
    /// A note for reviewers.
    pub note: Option<String>,
    /// Where the fact was published: site and date (`source=人民网 2023-03-12`).
    pub source: Option<String>,
    /// The as-of date of the file it came from.
    pub as_of: Option<Date>,
    /// Where it was read.
    pub origin: Origin,
}

impl RosterRow {
    /// Whether the title was held on `day`: `from <= day < to`, a missing bound being open.
    pub fn valid_on(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day < t)
    }
}

/// Short forms of a canonical title (a `title` line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleAlias {
    /// The canonical title.
    pub canonical: String,
    /// Short forms used next to a name.
    pub aliases: Vec<String>,
    /// Whether an alias can stand for several canonical titles.
    pub ambiguous: bool,
    /// Whether the roster lists every holder of the title since `since` (`holders=all`), so
    /// that a person not listed can be said never to have held it.
    pub complete: bool,
    /// The date from which the roster's list of holders is complete.
    pub since: Option<Date>,
    /// A note for reviewers, shown in findings about this title (`note=`).
    pub note: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// Titles that do not exist in an institution, with the right ones (an `institution` line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstitutionRule {
    /// The institution, e.g. 人大常委会.
    pub institution: String,
    /// `(wrong title, right title)` pairs.
    pub fixes: Vec<(String, String)>,
    /// Whether the wrong title must end on a word boundary (`check=word`).
    pub word_check: bool,
    /// A short explanation.
    pub note: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// Characters easily confused with one character (a `confusable` line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confusable {
    /// The character.
    pub ch: char,
    /// Characters confused with it.
    pub similar: Vec<char>,
    /// What the table is for: `name` tables serve leader names, the others protected terms.
    pub category: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// A word the segmenter must know, with an optional frequency (a `word` line): it lets the
/// segmenter see legitimate words that straddle a misspelling (做/为人民服务).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentWord {
    /// The word.
    pub word: String,
    /// Its frequency in jieba's scale; `None` lets jieba choose one that keeps it whole.
    pub freq: Option<usize>,
    /// Where it was read.
    pub origin: Origin,
}

/// The parsed content of one or more dictionary files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dictionary {
    /// Pattern entries of the typo, sensitive, allow, protected and leader families.
    pub entries: Vec<Entry>,
    /// Leader roster lines.
    pub roster: Vec<RosterRow>,
    /// Title short forms.
    pub titles: Vec<TitleAlias>,
    /// Institution–title rules.
    pub institutions: Vec<InstitutionRule>,
    /// Confusable characters.
    pub confusables: Vec<Confusable>,
    /// Words for the segmenter.
    pub words: Vec<SegmentWord>,
    /// Character folds for evasion-robust matching (traditional → simplified).
    pub folds: Vec<(char, char)>,
    /// Legitimate reduplications the format family must not report (常常, 研究研究).
    pub repeats: Vec<String>,
    /// Words ending in a function character (`repeat` lines of `!category ending`): in 目的的
    /// the first 的 ends 目的, so the pair is no accidental repeat.
    pub repeat_ending: Vec<String>,
    /// Words starting with a function character (`repeat` lines of `!category starting`): in
    /// 关键是是否 the second 是 starts 是否.
    pub repeat_starting: Vec<String>,
}

impl Dictionary {
    /// Parses one file's text; `file` names it in errors.
    ///
    /// # Errors
    ///
    /// The first malformed line, with its file and line number.
    pub fn parse(file: &str, text: &str) -> Result<Dictionary, DictError> {
        super::parse::parse(file, text)
    }

    /// Adds everything in `other`.
    pub fn extend(&mut self, other: Dictionary) {
        self.entries.extend(other.entries);
        self.roster.extend(other.roster);
        self.titles.extend(other.titles);
        self.institutions.extend(other.institutions);
        self.confusables.extend(other.confusables);
        self.words.extend(other.words);
        self.folds.extend(other.folds);
        self.repeats.extend(other.repeats);
        self.repeat_ending.extend(other.repeat_ending);
        self.repeat_starting.extend(other.repeat_starting);
    }
}
