//! Whether a person held a title written next to his name on the day checked.

use super::{Scene, TitleHit, POLITBURO_MEMBER, STANDING_COMMITTEE};
use crate::finding::Finding;
use crate::registry::{LEADER_OUTDATED, LEADER_REMOVED, LEADER_TITLE};
use crate::roster::{Held, Person};

impl Scene<'_> {
    /// A title next to a person's name: held that day, held before, or never held.
    pub(super) fn judge_title(
        &self,
        person: u32,
        hit: TitleHit,
        context_at: usize,
    ) -> Option<Finding> {
        let p = self.person(person);
        let titles = &self.roster.aliases[hit.alias as usize].titles;
        let rows = || titles.iter().flat_map(|&t| p.rows(t));
        if rows().any(|h| h.valid_on(self.day)) {
            return None;
        }
        let ended = rows().filter(|h| h.to.is_some_and(|to| to <= self.day)).max_by_key(|h| h.to);
        if ended.is_some_and(|h| self.historical(context_at, h)) {
            return None;
        }
        // A title written as past (时任中央政治局委员 of a member since risen to the Standing
        // Committee) speaks of some time before the day, which the roster's lists (complete
        // from a day on) may not reach: only a title first held after the day is wrong then.
        let later = rows().any(|h| h.from.is_some_and(|f| self.day < f));
        if self.marked_past(context_at) && !later {
            return None;
        }
        if let Some(f) = self.standing_member_as_member(p, titles, hit) {
            return Some(f);
        }
        let current = self.current_titles(p);
        if let Some(h) = ended {
            return Some(self.title_ended(p, h, hit, &current));
        }
        let complete = titles.iter().all(|&t| self.roster.titles[t as usize].complete_on(self.day));
        if !later && !complete {
            return None;
        }
        Some(self.title_not_held(p, titles, hit, later, current))
    }

    /// A title the person held until a day before the text's: outdated, or removed from it.
    fn title_ended(&self, p: &Person, h: &Held, hit: TitleHit, current: &[String]) -> Finding {
        let found = &self.text[hit.span];
        let to = h.to.unwrap_or(self.day);
        let (rule, what) = if h.removed {
            (&LEADER_REMOVED, format!("{}已于{to}被免去“{found}”职务", p.name))
        } else {
            (&LEADER_OUTDATED, format!("{}已于{to}卸任“{found}”", p.name))
        };
        let note = h.note.as_ref().map(|n| format!("；{n}")).unwrap_or_default();
        let message = format!(
            "{what}，不能作为现任职务表述；如指过去，应写明“时任”或“原”{}{note}{}",
            current_clause(current),
            self.citation(h)
        );
        // Left to a person: the text may mean the past without saying so.
        self.finding(rule, hit.span, message, Vec::new(), Some(self.roster.row_source(p, h)))
    }

    /// A title the person holds only later, or never, where the roster knows its holders.
    fn title_not_held(
        &self,
        p: &Person,
        titles: &[u32],
        hit: TitleHit,
        later: bool,
        current: Vec<String>,
    ) -> Finding {
        let found = &self.text[hit.span];
        // Membership of a body whose list is complete: say so in those words.
        let body = titles
            .iter()
            .map(|&t| self.roster.titles[t as usize].canonical.as_str())
            .find(|c| c.ends_with("委员") || c.ends_with("常委"));
        let what = match (body, later) {
            (Some(b), true) => format!("在{}尚不是{b}", self.day),
            (Some(b), false) => format!("不是{b}"),
            (None, true) => format!("在{}尚未担任“{found}”", self.day),
            (None, false) => format!("未担任“{found}”"),
        };
        let mut message =
            format!("{}{what}{}{}", p.name, current_clause(&current), self.citation_for(p));
        // The titles' own notes (dictionaries/leader/README.md: shown in findings about them).
        for note in titles.iter().filter_map(|&t| self.roster.titles[t as usize].note.as_ref()) {
            message.push_str(&format!("（{note}）"));
        }
        // A title after the name is a short form (李强副总理): the canonical title is no
        // drop-in replacement there.
        let before_name = !self.after_name(hit);
        let suggestions = if before_name { current } else { Vec::new() };
        let source = self.title_source(p, titles);
        self.finding(&LEADER_TITLE, hit.span, message, suggestions, source)
    }

    /// A member of the Standing Committee written as a Politburo member: true in the party's
    /// terms, but official copy always writes 中共中央政治局常委.
    pub(super) fn standing_member_as_member(
        &self,
        p: &Person,
        titles: &[u32],
        hit: TitleHit,
    ) -> Option<Finding> {
        let canonical = |t: &u32| self.roster.titles[*t as usize].canonical.as_str();
        if !titles.iter().any(|t| canonical(t) == POLITBURO_MEMBER) {
            return None;
        }
        let standing = self.roster.titles.iter().position(|t| t.canonical == STANDING_COMMITTEE)?;
        let row = p.rows(standing as u32).find(|h| h.valid_on(self.day))?;
        let message = format!(
            "{}在{}是中共中央政治局常委，职务应写“{STANDING_COMMITTEE}”，不写“{}”{}",
            p.name,
            self.day,
            &self.text[hit.span],
            self.citation_for(p)
        );
        let suggestions =
            if self.after_name(hit) { Vec::new() } else { vec![STANDING_COMMITTEE.to_owned()] };
        Some(self.finding(
            &LEADER_TITLE,
            hit.span,
            message,
            suggestions,
            Some(self.roster.row_source(p, row)),
        ))
    }

    /// Canonical titles the person holds on the day, in written order.
    pub(super) fn current_titles(&self, p: &Person) -> Vec<String> {
        let titles = p.titles_on(self.day);
        let standing = |t: &u32| self.roster.titles[*t as usize].canonical != STANDING_COMMITTEE;
        let shown: Vec<u32> = if titles.len() > 1 {
            titles.iter().copied().filter(standing).collect()
        } else {
            titles
        };
        shown.iter().map(|&t| self.roster.titles[t as usize].canonical.clone()).collect()
    }
}

fn current_clause(current: &[String]) -> String {
    if current.is_empty() {
        String::new()
    } else {
        format!("，现任{}", current.join("、"))
    }
}
