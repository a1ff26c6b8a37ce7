//! Which names and titles belong together: lists of names joined by 、 and the chain of
//! titles written before them.

use super::names::is_inline_space;
use super::Scene;
use crate::finding::Finding;

/// The most characters of one title the roster does not know that is read past between a known
/// title and a name: 中央全面深化改革委员会办公室主任 has 16.
const GAP_CHARS: usize = 20;

/// The most titles the roster does not know read past one after another.
const GAP_TITLES: usize = 5;

impl Scene<'_> {
    /// Names written one after another with only 、 between them; a single name is a list of
    /// one.
    pub(super) fn lists(&self) -> Vec<Vec<usize>> {
        let mut lists: Vec<Vec<usize>> = Vec::new();
        for (i, (_, span)) in self.names.iter().enumerate() {
            let joined = i > 0 && &self.text[self.names[i - 1].1.end..span.start] == "、";
            match lists.last_mut() {
                Some(list) if joined => list.push(i),
                _ => lists.push(vec![i]),
            }
        }
        lists
    }

    /// The titles written right before byte `at`: 中共中央总书记、国家主席、中央军委主席|习近平.
    /// A title followed by 兼 or 、 and a title the roster does not know also counts
    /// (国务委员兼外交部部长|秦刚, 中共中央政治局委员、北京市委书记|尹力), so that an unknown title
    /// never hides the known ones before it. A title right after another name is that
    /// person's (李强总理、外交部长王毅) and ends the chain. Spaces within a line between a known
    /// title and the name, or between two known titles, are read past (总理　李克强).
    pub(super) fn chain_before(&self, at: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        // Signature blocks and tables set the name apart with spaces on its line (总理　李克强).
        let mut pos = self.text[..at].trim_end_matches(is_inline_space).len();
        // A short form shared by several titles right before a name is usually the tail of a
        // local title (民建中央主席|郝明金): read past it like any unknown title.
        let ambiguous = |t: &usize| self.roster.aliases[self.titles[*t].alias as usize].ambiguous;
        let first = self.by_end.get(&pos).copied().filter(|t| !ambiguous(t));
        let first = first.or_else(|| self.before_gap(pos, true));
        let Some(mut t) = first.filter(|&t| !self.after_name(self.titles[t])) else {
            return chain;
        };
        loop {
            chain.push(t);
            pos = self.titles[t].span.start;
            let before = &self.text[..pos];
            let sep = ["、", "兼"].into_iter().find(|s| before.ends_with(s));
            // Unknown titles between two known ones are read past too (中共中央政治局常委、
            // 中央财经委员会办公室主任、国务院副总理|何立峰).
            let prev = sep.and_then(|s| {
                let end = pos - s.len();
                self.by_end.get(&end).copied().or_else(|| self.before_gap(end, true))
            });
            // Known titles set apart by spaces only: 国务委员　国防部长　李尚福.
            let spaced = before.trim_end_matches(is_inline_space).len();
            let prev =
                prev.or_else(|| (spaced < pos).then(|| self.by_end.get(&spaced).copied())?);
            match prev {
                Some(prev) if !self.after_name(self.titles[prev]) => t = prev,
                _ => break,
            }
        }
        chain.reverse();
        chain
    }

    /// A roster title followed by 兼 (or 、 with `comma`) and up to [`GAP_TITLES`] titles the
    /// roster does not know, each of at most [`GAP_CHARS`] characters and set apart by 兼 or 、,
    /// before `at`. A roster name, or a title of one meaning followed by anything else, ends the
    /// search: what stands before it belongs to someone else (国务院总理李某、某局局长|王某).
    pub(super) fn before_gap(&self, at: usize, comma: bool) -> Option<usize> {
        let before = &self.text[..at];
        let (mut chars, mut titles) = (0, 0);
        for (i, c) in before.char_indices().rev() {
            if c == '兼' || (comma && c == '、' && chars > 0) {
                if let Some(&t) = self.by_end.get(&i) {
                    return Some(t);
                }
                titles += 1;
                chars = 0;
                if titles == GAP_TITLES {
                    return None;
                }
                continue;
            }
            chars += 1;
            if chars > GAP_CHARS
                || !crate::chars::is_alphanumeric(c)
                || self.ends_a_mention(i + c.len_utf8())
            {
                return None;
            }
        }
        None
    }

    /// Whether a roster name or a roster title of one meaning ends at byte `at`.
    fn ends_a_mention(&self, at: usize) -> bool {
        let title = self.by_end.get(&at);
        let ambiguous = |t: &usize| self.roster.aliases[self.titles[*t].alias as usize].ambiguous;
        title.is_some_and(|t| !ambiguous(t))
            || self.names.binary_search_by_key(&at, |(_, s)| s.end).is_ok()
    }

    pub(super) fn judge_list(&self, list: &[usize], out: &mut Vec<Finding>) {
        let first = self.names[list[0]].1;
        let chain: Vec<usize> = self
            .chain_before(first.start)
            .into_iter()
            .filter(|&t| !self.roster.aliases[self.titles[t].alias as usize].ambiguous)
            .collect();
        let chain_start = chain.first().map_or(first.start, |&t| self.titles[t].span.start);
        for &ni in list {
            let (person, span) = self.names[ni];
            for &t in &chain {
                out.extend(self.judge_title(person, self.titles[t], chain_start));
            }
            if let Some(&t) = self.by_start.get(&span.end) {
                out.extend(self.judge_title(person, self.titles[t], chain_start));
            }
        }
        if list.len() == 1 {
            out.extend(self.judge_title_order(self.names[list[0]].0, &chain));
        }
        out.extend(self.judge_list_order(list, chain.last().copied()));
    }
}
