//! The `leader` family: title forms, institution–title pairs, and the roster checks — names,
//! titles held on the day, the order of titles and of leaders listed together.

/// Which names are listed together and which titles stand before them.
mod chain;
/// Titles fused to a name one character off a title the person holds.
mod fused;
/// The words that mark a title as past, read from `dictionaries/leader/past-markers.txt`.
mod markers;
/// Misspelled names.
mod names;
/// The order of one person's titles and of leaders listed together.
mod order;
/// Whether a title is written as past.
mod past;
/// Whether a title next to a name was held on the day.
mod title;
/// Names the roster does not know after the title of a body it lists in full.
mod unlisted;

pub(crate) use names::spaced_out;

use super::{entry_finding, quoted_list, with_note, Context};
use crate::date::Date;
use crate::dict::Entry;
use crate::finding::Finding;
use crate::hash::FastMap;
use crate::registry::{Rule, LEADER_INSTITUTION, LEADER_TITLE_FORM};
use crate::roster::{Held, Person, Roster};
use crate::source::Source;
use crate::span::{longest_first, Span};

/// Category (and rule name) of titles that do not exist in an institution
/// (县政协副主任 → 县政协副主席).
pub(crate) const INSTITUTION: &str = "institution";

/// The title that orders leaders listed together when no title precedes the list.
const STANDING_COMMITTEE: &str = "中共中央政治局常委";

/// The title a Standing Committee member is never given in official copy.
const POLITBURO_MEMBER: &str = "中共中央政治局委员";

/// Judges a hit of a title-form or institution entry.
pub(crate) fn judge_form(entry: &Entry, span: Span, cx: &Context<'_>) -> Option<Finding> {
    let found = &cx.text[span];
    let institution = entry.category.as_deref() == Some(INSTITUTION);
    if !institution && quoted_label(cx.text, span) {
        return None;
    }
    let (rule, head) = if institution {
        let institution = &entry.pattern[..entry.lead];
        (&LEADER_INSTITUTION, format!("{institution}不设“{found}”这一职务"))
    } else {
        (&LEADER_TITLE_FORM, format!("“{found}”职务称谓不规范"))
    };
    let message = match entry.suggestions.as_slice() {
        [] => head,
        s => format!("{head}，应为{}", quoted_list(s)),
    };
    let mut finding = entry_finding(rule, entry, span, cx.text, with_note(message, entry));
    if !institution && cx.text[..span.start].ends_with(EPITHET) {
        finding.severity = crate::finding::Severity::Info;
        finding.message.push_str("（“老”字称呼是对人的习称，不是给人的职务，请核对）");
    }
    Some(finding)
}

/// The prefix that makes a title form an epithet: 老村长 is what a village calls the man who
/// led it (老村长李某, often from the years when the post was called so), said with
/// respect; the rule on title forms is about the title an office gives, so it is a note.
const EPITHET: &str = "老";

/// The most characters a quoted label holds: a nickname, a programme's name or a cited term
/// (“老村长”, “老村长接待日”), not a sentence someone said.
const LONGEST_LABEL: usize = 6;

/// Whether `span` lies inside quotation marks that hold a short label ([`LONGEST_LABEL`]):
/// “老村长” names the retired village heads a county brings back to help, and a cited
/// “村长” is mentioned, not given to anyone; neither is a title given in the wrong form.
fn quoted_label(text: &str, span: Span) -> bool {
    let (before, after) = (&text[..span.start], &text[span.end..]);
    [('“', '”'), ('「', '」'), ('『', '』')].iter().any(|&(open, close)| {
        let (Some(o), Some(c)) = (before.rfind(open), after.find(close)) else { return false };
        let (inner_before, inner_after) = (&before[o + open.len_utf8()..], &after[..c]);
        let len =
            inner_before.chars().count() + text[span].chars().count() + inner_after.chars().count();
        !inner_before.contains(close) && !inner_after.contains(open) && len <= LONGEST_LABEL
    })
}

/// Roster hits found by the matcher: (person, span) for names and misspelled names, (alias,
/// span) for titles.
#[derive(Debug, Default)]
pub(crate) struct Mentions {
    pub(crate) names: Vec<(u32, Span)>,
    pub(crate) variants: Vec<(u32, Span)>,
    pub(crate) titles: Vec<(u32, Span)>,
}

/// A title hit next to a name.
#[derive(Clone, Copy, Debug)]
struct TitleHit {
    alias: u32,
    span: Span,
}

/// What the roster checks look at.
struct Scene<'a> {
    roster: &'a Roster,
    text: &'a str,
    day: Date,
    titles: Vec<TitleHit>,
    by_end: FastMap<usize, usize>,
    by_start: FastMap<usize, usize>,
    names: Vec<(u32, Span)>,
    /// The latest year the text names, read on need (`past.rs`).
    latest_year: past::LatestYear,
}

/// Judges the roster hits of one text.
pub(crate) fn judge_mentions(roster: &Roster, m: Mentions, cx: &Context<'_>) -> Vec<Finding> {
    let titles: Vec<TitleHit> =
        longest(m.titles).into_iter().map(|(alias, span)| TitleHit { alias, span }).collect();
    let names = longest(m.names);
    let scene = Scene {
        roster,
        text: cx.text,
        day: cx.as_of,
        by_end: titles.iter().enumerate().map(|(i, t)| (t.span.end, i)).collect(),
        by_start: titles.iter().enumerate().map(|(i, t)| (t.span.start, i)).collect(),
        titles,
        names,
        latest_year: past::LatestYear::default(),
    };
    let mut out = Vec::new();
    for list in scene.lists() {
        scene.judge_list(&list, &mut out);
    }
    scene.judge_unlisted(&m.variants, &mut out);
    scene.judge_variants(m.variants, &mut out);
    scene.judge_slips(&mut out);
    out
}

/// Keeps the longest of overlapping hits, sorted by position.
fn longest(hits: Vec<(u32, Span)>) -> Vec<(u32, Span)> {
    longest_first(hits, |h| h.1)
}

impl Scene<'_> {
    fn person(&self, id: u32) -> &Person {
        &self.roster.people[id as usize]
    }

    /// Whether a title hit directly follows a roster name.
    fn after_name(&self, hit: TitleHit) -> bool {
        // Names are sorted and do not overlap, so their ends are sorted too.
        self.names.binary_search_by_key(&hit.span.start, |(_, s)| s.end).is_ok()
    }

    /// A roster finding: its category is the rule's (`removed`, `order` …).
    fn finding(
        &self,
        rule: &Rule,
        span: Span,
        message: String,
        suggestions: Vec<String>,
        source: Option<Source>,
    ) -> Finding {
        let category = rule.categories.first().map(|c| (*c).to_owned());
        let f = Finding::new(rule, span, &self.text[span], message)
            .with_category(category)
            .with_suggestions(suggestions);
        match source {
            Some(s) => f.with_source(s),
            None => f,
        }
    }

    /// The roster row that speaks for a person: one held on the day, else the first.
    fn person_source(&self, p: &Person) -> Option<Source> {
        let row = p.held.iter().find(|h| h.valid_on(self.day)).or(p.held.first());
        row.map(|h| self.roster.row_source(p, h))
    }

    /// The title line behind a finding that a person does not hold a title, else the
    /// person's row.
    fn title_source(&self, p: &Person, titles: &[u32]) -> Option<Source> {
        let line = titles.iter().find_map(|&t| self.roster.titles[t as usize].source.as_ref());
        line.cloned().or_else(|| self.person_source(p))
    }

    fn citation(&self, held: &Held) -> String {
        held.as_of.map(|d| format!("（名册截至{d}）")).unwrap_or_default()
    }

    fn citation_for(&self, p: &Person) -> String {
        p.held
            .iter()
            .filter_map(|h| h.as_of)
            .max()
            .map(|d| format!("（名册截至{d}）"))
            .unwrap_or_default()
    }

    fn roster_date(&self) -> String {
        let dates = self.roster.people.iter().flat_map(|p| p.held.iter().filter_map(|h| h.as_of));
        dates.max().map(|d| format!("（名册截至{d}）")).unwrap_or_default()
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[track_caller]
    fn label(text: &str, part: &str) -> bool {
        let at = text.find(part).unwrap();
        quoted_label(text, Span::new(at, at + part.len()))
    }

    #[test]
    fn short_quotations_are_labels() {
        assert!(label("村里请回几位“老村长”帮助调解纠纷。", "村长"));
        assert!(label("开设“老村长接待日”。", "村长"));
        assert!(!label("村长张某带领村民修路。", "村长"));
        // A quoted sentence is speech: the title in it is given to someone.
        assert!(!label("他说：“村长张某带领我们修好了路。”", "村长"));
        assert!(!label("“好”，村长说，“走吧”", "村长"));
    }
}

#[cfg(test)]
mod severity_tests {
    use crate::finding::Severity;
    use crate::{Family, Linter};

    #[track_caller]
    fn severity(text: &str, found: &str) -> Severity {
        let all = Linter::builder().model(false).build().unwrap().check(text);
        let f = all.iter().find(|f| f.family == Family::Leader && f.text == found);
        f.unwrap_or_else(|| panic!("{text}: no leader finding {found}: {all:?}")).severity
    }

    #[test]
    fn an_epithet_is_a_note() {
        assert_eq!(severity("老村长李某带头捐款修路。", "村长"), Severity::Info);
        assert_eq!(severity("村长张某带领村民修路。", "村长"), Severity::Warning);
    }

    #[test]
    fn abbreviations_are_warnings_and_wrong_titles_errors() {
        // 人大主任 can only mean the standing committee's director: a matter of register.
        assert_eq!(severity("人大主任、政协主席担任片区长。", "人大主任"), Severity::Warning);
        assert_eq!(severity("其中县人大常委1人。", "县人大常委"), Severity::Warning);
        // A township congress has a chairman, not a director: another title.
        assert_eq!(severity("乡人大主任张某出席会议。", "乡人大主任"), Severity::Error);
    }
}
