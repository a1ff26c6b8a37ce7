//! The order of one person's titles and of leaders listed together.

use super::{Scene, STANDING_COMMITTEE};
use crate::finding::Finding;
use crate::registry::LEADER_ORDER;
use crate::span::Span;

impl Scene<'_> {
    /// The titles of one person written in the wrong order.
    pub(super) fn judge_title_order(&self, person: u32, chain: &[usize]) -> Option<Finding> {
        if chain.len() < 2 {
            return None;
        }
        let p = self.person(person);
        let mut positions = Vec::with_capacity(chain.len());
        for &t in chain {
            let alias = &self.roster.aliases[self.titles[t].alias as usize];
            let held = alias.titles.iter().filter(|&&id| p.rows(id).any(|h| h.valid_on(self.day)));
            positions.push((held.filter_map(|&id| p.position(id)).min()?, t));
        }
        if positions.windows(2).all(|w| w[0].0 < w[1].0) {
            return None;
        }
        let span = Span::new(
            self.titles[chain[0]].span.start,
            self.titles[chain[chain.len() - 1]].span.end,
        );
        positions.sort();
        let right: Vec<&str> =
            positions.iter().map(|&(_, t)| &self.text[self.titles[t].span]).collect();
        let right = right.join("、");
        let message = format!("{}的职务排列顺序不规范，应为“{right}”", p.name);
        Some(self.finding(&LEADER_ORDER, span, message, vec![right], self.person_source(p)))
    }

    /// Leaders listed together out of their official order.
    pub(super) fn judge_list_order(&self, list: &[usize], title: Option<usize>) -> Option<Finding> {
        if list.len() < 2 {
            return None;
        }
        let group: Vec<u32> = match title {
            Some(t) => self.roster.aliases[self.titles[t].alias as usize].titles.clone(),
            None => {
                let psc = self.roster.titles.iter().position(|t| t.canonical == STANDING_COMMITTEE);
                vec![psc? as u32]
            }
        };
        let ranked: Vec<(u32, usize)> = list
            .iter()
            .filter_map(|&ni| {
                let p = self.person(self.names[ni].0);
                let rank = group
                    .iter()
                    .flat_map(|&t| p.rows(t))
                    .filter(|h| h.valid_on(self.day))
                    .find_map(|h| h.rank)?;
                Some((rank, ni))
            })
            .collect();
        if ranked.len() < 2 || ranked.windows(2).all(|w| w[0].0 < w[1].0) {
            return None;
        }
        let source = self.person_source(self.person(self.names[ranked[0].1].0));
        let span = Span::new(
            self.names[ranked[0].1].1.start,
            self.names[ranked[ranked.len() - 1].1].1.end,
        );
        let mut sorted = ranked.clone();
        sorted.sort();
        let right: Vec<&str> =
            sorted.iter().map(|&(_, ni)| self.person(self.names[ni].0).name.as_str()).collect();
        let right = right.join("、");
        let whole = ranked.len() == list.len();
        let message =
            format!("领导同志排列顺序不规范，按{}应为“{right}”{}", self.day, self.roster_date());
        let suggestions = if whole { vec![right] } else { Vec::new() };
        Some(self.finding(&LEADER_ORDER, span, message, suggestions, source))
    }
}
