//! The families a dictionary file's `!family` directive names, and what each one's lines hold.

use super::EntryKind;

/// The family named by a `!family` directive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileFamily {
    Entries(EntryKind),
    Roster,
    Title,
    Institution,
    Confusable,
    Word,
    Fold,
    Repeat,
}

impl FileFamily {
    pub(super) fn from_name(name: &str) -> Option<FileFamily> {
        Some(match name {
            "typo" => FileFamily::Entries(EntryKind::Typo),
            "sensitive" => FileFamily::Entries(EntryKind::Sensitive),
            "allow" => FileFamily::Entries(EntryKind::Allow),
            "protected" => FileFamily::Entries(EntryKind::Protected),
            "leader" => FileFamily::Entries(EntryKind::Leader),
            "roster" => FileFamily::Roster,
            "title" => FileFamily::Title,
            "institution" => FileFamily::Institution,
            "confusable" => FileFamily::Confusable,
            "word" => FileFamily::Word,
            "fold" => FileFamily::Fold,
            "repeat" => FileFamily::Repeat,
            _ => return None,
        })
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            FileFamily::Entries(EntryKind::Typo) => "typo",
            FileFamily::Entries(EntryKind::Sensitive) => "sensitive",
            FileFamily::Entries(EntryKind::Allow) => "allow",
            FileFamily::Entries(EntryKind::Protected) => "protected",
            FileFamily::Entries(EntryKind::Leader) => "leader",
            FileFamily::Roster => "roster",
            FileFamily::Title => "title",
            FileFamily::Institution => "institution",
            FileFamily::Confusable => "confusable",
            FileFamily::Word => "word",
            FileFamily::Fold => "fold",
            FileFamily::Repeat => "repeat",
        }
    }

    /// Attributes a line of this family may carry.
    pub(super) fn knows(self, key: &str) -> bool {
        match self {
            FileFamily::Entries(_) => matches!(
                key,
                "category" | "severity" | "check" | "evasion" | "fuzzy" | "note" | "ok" | "bad"
            ),
            FileFamily::Roster => {
                matches!(key, "from" | "to" | "end" | "rank" | "note" | "source")
            }
            FileFamily::Title => matches!(key, "ambiguous" | "holders" | "since" | "note"),
            FileFamily::Institution => matches!(key, "check" | "note"),
            FileFamily::Confusable => matches!(key, "kind" | "note"),
            FileFamily::Word => matches!(key, "freq" | "note"),
            FileFamily::Fold | FileFamily::Repeat => key == "note",
        }
    }
}

/// What the first column of a line of `family` holds, for messages.
pub(super) fn first_name(family: FileFamily) -> &'static str {
    match family {
        FileFamily::Entries(_) => "pattern",
        FileFamily::Roster => "name",
        FileFamily::Title => "canonical title",
        FileFamily::Institution => "institution",
        FileFamily::Confusable => "character",
        FileFamily::Word => "word",
        FileFamily::Fold => "character",
        FileFamily::Repeat => "word",
    }
}

/// What the second column of a line of `family` holds, for messages.
pub(super) fn second_name(family: FileFamily) -> &'static str {
    match family {
        FileFamily::Entries(_) => "suggestions",
        FileFamily::Roster => "title",
        FileFamily::Title => "aliases",
        FileFamily::Institution => "title fixes",
        FileFamily::Confusable => "confusable characters",
        FileFamily::Word => "second column",
        FileFamily::Fold => "folded character",
        FileFamily::Repeat => "second column",
    }
}
