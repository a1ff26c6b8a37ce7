//! Names the roster does not know, written right after the full title of a body whose every
//! holder it lists (`dictionaries/leader/closed-bodies.txt`): 国务院副总理张三 names no vice
//! premier, so it is reported as “张三在…不是国务院副总理”.

use super::Scene;
use crate::chars::is_ideograph;
use crate::finding::{Finding, Severity};
use crate::hash::FastSet;
use crate::registry::LEADER_TITLE;
use crate::roster::ROSTER_STALE_AFTER_DAYS;
use crate::span::Span;
use std::sync::LazyLock;

static SHIPPED: &str = include_str!("../../../dictionaries/leader/closed-bodies.txt");

/// The project's list of common surnames, shared with the statistical model's name guard.
static SURNAMES: &str = include_str!("../../../dictionaries/names/surnames.txt");

/// The longest given name read after a surname, in characters.
const LONGEST_GIVEN: usize = 2;

/// What `closed-bodies.txt` says.
#[derive(Debug, Default)]
struct ClosedBodies {
    /// Canonical titles whose every holder is in the roster.
    titles: Vec<&'static str>,
    /// Words that end a name after such a title.
    after: Vec<&'static str>,
    surnames: FastSet<char>,
}

static CLOSED: LazyLock<ClosedBodies> = LazyLock::new(|| parse(SHIPPED));

/// The sections of the file, in order; lines outside a known section are ignored (the unit
/// tests keep the shipped file clean).
fn parse(file: &'static str) -> ClosedBodies {
    let mut out = ClosedBodies {
        surnames: lines(SURNAMES).flat_map(str::chars).collect(),
        ..ClosedBodies::default()
    };
    let mut section = "";
    for line in lines(file) {
        if let Some(name) = line.strip_prefix('!') {
            section = name;
            continue;
        }
        match section {
            "titles" => out.titles.push(line),
            "after" => out.after.push(line),
            _ => {}
        }
    }
    out
}

fn lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl ClosedBodies {
    /// The personal name starting at byte `at`: a common surname and one or two more
    /// characters, followed by punctuation, white space, the end of the text or a word that
    /// follows names ([`ClosedBodies::after`]). Neither the surname nor the given name may start
    /// a common word (国务院总理和副总理, 国务院总理向大会作报告), so that ordinary words
    /// after a title are never read as a name.
    fn name_at(&self, text: &str, at: usize) -> Option<Span> {
        let rest = &text[at..];
        let surname = rest.chars().next()?;
        let given = &rest[surname.len_utf8()..];
        // 李某, 张某某: a name withheld, which may be anyone's.
        if !self.surnames.contains(&surname)
            || given.starts_with('某')
            || crate::segment::starts_common_word(rest)
            || crate::segment::starts_common_word(given)
        {
            return None;
        }
        let mut end = surname.len_utf8();
        for c in given.chars().take(LONGEST_GIVEN) {
            if !is_ideograph(c) {
                return None;
            }
            end += c.len_utf8();
            if self.ends_name(&rest[end..]) {
                return Some(Span::new(at, at + end));
            }
        }
        None
    }

    fn ends_name(&self, after: &str) -> bool {
        match after.chars().next() {
            None => true,
            Some(c) if !is_ideograph(c) && !crate::chars::is_alphanumeric(c) => true,
            Some(_) => self.after.iter().any(|w| after.starts_with(w)),
        }
    }
}

impl Scene<'_> {
    /// A name the roster does not know right after the full title of a closed body
    /// (`closed-bodies.txt`), on a day from which the roster lists all its holders and at least
    /// one holds it. A title written as past (时任, an earlier year) is left alone: the roster's
    /// lists start on a day. Past the roster's fresh period the finding is a warning: someone
    /// appointed since may be missing.
    pub(super) fn judge_unlisted(&self, variants: &[(u32, Span)], out: &mut Vec<Finding>) {
        let closed = &*CLOSED;
        let starts_name = |at: usize| {
            self.names.binary_search_by_key(&at, |(_, s)| s.start).is_ok()
                || variants.iter().any(|(_, s)| s.start == at)
        };
        for hit in &self.titles {
            let found = &self.text[hit.span];
            if !closed.titles.contains(&found) {
                continue;
            }
            let alias = &self.roster.aliases[hit.alias as usize];
            let Some(&title) =
                alias.titles.iter().find(|&&t| self.roster.titles[t as usize].canonical == found)
            else {
                continue;
            };
            let after = &self.text[hit.span.end..];
            let at =
                self.text.len() - after.trim_start_matches(super::names::is_inline_space).len();
            if !self.roster.titles[title as usize].complete_on(self.day) || starts_name(at) {
                continue;
            }
            let holders = self.holders(title);
            let Some(name) = closed.name_at(self.text, at).filter(|_| !holders.is_empty()) else {
                continue;
            };
            if self.marked_past(hit.span.start) || self.dated_by(hit.span.start, self.day.year - 1)
            {
                continue;
            }
            out.push(self.unlisted(hit.span, name, title, &holders));
        }
    }

    /// The people who hold `title` on the day, in roster order.
    fn holders(&self, title: u32) -> Vec<&str> {
        let holds = |p: &&crate::roster::Person| p.rows(title).any(|h| h.valid_on(self.day));
        self.roster.people.iter().filter(holds).map(|p| p.name.as_str()).collect()
    }

    fn unlisted(&self, span: Span, name: Span, title: u32, holders: &[&str]) -> Finding {
        let line = &self.roster.titles[title as usize];
        let title = line.canonical.as_str();
        let stale = self.roster.as_of.is_some_and(|d| {
            self.day.days_since_epoch() - d.days_since_epoch() > ROSTER_STALE_AFTER_DAYS
        });
        let mut message = format!(
            "{}在{}不是{title}：名册所列当日的{title}为{}{}",
            &self.text[name],
            self.day,
            holders.join("、"),
            self.roster_date()
        );
        if stale {
            message.push_str("（名册已逾90天未更新，如有新的任命请核对）");
        }
        // The title line that says the list is complete.
        let mut f = self.finding(&LEADER_TITLE, span, message, Vec::new(), line.source.clone());
        if stale {
            f.severity = Severity::Warning;
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Dictionary;

    fn name(text: &str) -> Option<&str> {
        CLOSED.name_at(text, 0).map(|s| &text[s])
    }

    #[test]
    fn names_end_where_a_word_after_names_begins() {
        assert_eq!(name("张三出席会议。"), Some("张三"));
        assert_eq!(name("王小明主持会议"), Some("王小明"));
        assert_eq!(name("刘志平在会上强调"), Some("刘志平"));
        // A given name that is a common word is not read as one (和平): a name may be
        // missed, a word is never taken for one.
        assert_eq!(name("刘和平在会上强调"), None);
        assert_eq!(name("李志刚，"), Some("李志刚"));
        assert_eq!(name("赵刚"), Some("赵刚"));
        // A withheld name may stand for anyone.
        assert_eq!(name("赵某出席"), None);
        assert_eq!(name("赵某某出席"), None);
    }

    #[test]
    fn ordinary_words_after_a_title_are_no_names() {
        // 和 and 向 are surnames, but here they start words.
        assert_eq!(name("和副总理出席"), None);
        assert_eq!(name("向大会作报告"), None);
        assert_eq!(name("会议在京召开"), None);
        assert_eq!(name("办公会议"), None);
        // Four characters before the first word that follows names: no name of this shape.
        assert_eq!(name("欧阳小明出席"), None);
    }

    #[test]
    fn the_shipped_file_is_sorted_and_names_closed_titles() {
        let (mut section, mut last) = ("", String::new());
        for (i, line) in SHIPPED.lines().enumerate() {
            let n = i + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(s) = line.strip_prefix('!') {
                assert!(matches!(s, "titles" | "after"), "closed-bodies.txt:{n}: unknown `{line}`");
                (section, last) = (s, String::new());
                continue;
            }
            assert!(!section.is_empty(), "closed-bodies.txt:{n}: before any section");
            assert!(line.trim() == line && !line.contains(' '), "closed-bodies.txt:{n}: spaces");
            assert!(last.as_str() < line, "closed-bodies.txt:{n}: `{line}` out of order or twice");
            last = line.to_owned();
        }
        let titles = &Dictionary::builtin().titles;
        for t in &CLOSED.titles {
            let line = titles.iter().find(|l| l.canonical == *t && !l.ambiguous);
            let line = line.unwrap_or_else(|| panic!("closed-bodies.txt: `{t}` is not a title"));
            assert!(
                line.complete && line.since.is_some(),
                "closed-bodies.txt: `{t}` not holders=all"
            );
        }
        assert!(CLOSED.titles.len() >= 8 && CLOSED.after.len() >= 20);
    }
}
