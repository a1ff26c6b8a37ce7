//! The `leader` family: title forms, institution–title pairs, and the roster checks — names,
//! titles held on the day, the order of titles and of leaders listed together.

use super::{entry_finding, quoted_list, with_note, Context};
use crate::date::Date;
use crate::dict::Entry;
use crate::finding::Finding;
use crate::hash::FastMap;
use crate::registry::{
    Rule, LEADER_INSTITUTION, LEADER_NAME, LEADER_ORDER, LEADER_OUTDATED, LEADER_REMOVED,
    LEADER_TITLE, LEADER_TITLE_FORM,
};
use crate::roster::{Alias, Held, Person, Roster};
use crate::span::{longest_first, Span};

/// Category (and rule name) of titles that do not exist in an institution
/// (县政协副主任 → 县政协副主席).
pub(crate) const INSTITUTION: &str = "institution";

/// How far back a year may stand and still date a title (2018年……国务院总理李克强).
const HISTORY_CHARS: usize = 120;

/// The title that orders leaders listed together when no title precedes the list.
const STANDING_COMMITTEE: &str = "中共中央政治局常委";

/// The title a Standing Committee member is never given in official copy.
const POLITBURO_MEMBER: &str = "中共中央政治局委员";

/// Judges a hit of a title-form or institution entry.
pub(crate) fn judge_form(entry: &Entry, span: Span, cx: &Context<'_>) -> Option<Finding> {
    let found = &cx.text[span];
    let (rule, head) = if entry.category.as_deref() == Some(INSTITUTION) {
        let institution = &entry.pattern[..entry.lead];
        (&LEADER_INSTITUTION, format!("{institution}不设“{found}”这一职务"))
    } else {
        (&LEADER_TITLE_FORM, format!("“{found}”职务称谓不规范"))
    };
    let message = match entry.suggestions.as_slice() {
        [] => head,
        s => format!("{head}，应为{}", quoted_list(s)),
    };
    Some(entry_finding(rule, entry, span, cx.text, with_note(message, entry)))
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
    };
    let mut out = Vec::new();
    for list in scene.lists() {
        scene.judge_list(&list, &mut out);
    }
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

    /// Names written one after another with only 、 between them; a single name is a list of
    /// one.
    fn lists(&self) -> Vec<Vec<usize>> {
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
    /// person's (李强总理、外交部长王毅) and ends the chain.
    fn chain_before(&self, at: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut pos = at;
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
            match sep.and_then(|s| self.by_end.get(&(pos - s.len()))) {
                Some(&prev) if !self.after_name(self.titles[prev]) => t = prev,
                _ => break,
            }
        }
        chain.reverse();
        chain
    }

    /// A roster title followed by 兼 (or 、 with `comma`) and up to twelve characters of a
    /// title the roster does not know, before `at`.
    fn before_gap(&self, at: usize, comma: bool) -> Option<usize> {
        let before = &self.text[..at];
        for (n, (i, c)) in before.char_indices().rev().enumerate() {
            if c == '兼' || (comma && c == '、' && n > 0) {
                return self.by_end.get(&i).copied();
            }
            if n >= 12 || !c.is_alphanumeric() {
                return None;
            }
        }
        None
    }

    fn judge_list(&self, list: &[usize], out: &mut Vec<Finding>) {
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

    /// A title next to a person's name: held that day, held before, or never held.
    fn judge_title(&self, person: u32, hit: TitleHit, context_at: usize) -> Option<Finding> {
        let p = self.person(person);
        let titles = &self.roster.aliases[hit.alias as usize].titles;
        let rows = || titles.iter().flat_map(|&t| p.rows(t));
        if rows().any(|h| h.valid_on(self.day)) {
            return None;
        }
        let found = &self.text[hit.span];
        if let Some(f) = self.standing_member_as_member(p, titles, hit) {
            return Some(f);
        }
        let current = self.current_titles(p);
        let ended = rows().filter(|h| h.to.is_some_and(|to| to <= self.day)).max_by_key(|h| h.to);
        if let Some(h) = ended {
            if self.historical(context_at, h) {
                return None;
            }
            let to = h.to.unwrap_or(self.day);
            let (rule, what) = if h.removed {
                (&LEADER_REMOVED, format!("{}已于{to}被免去“{found}”职务", p.name))
            } else {
                (&LEADER_OUTDATED, format!("{}已于{to}卸任“{found}”", p.name))
            };
            let note = h.note.as_ref().map(|n| format!("；{n}")).unwrap_or_default();
            let message = format!(
                "{what}，不能作为现任职务表述；如指过去，应写明“时任”或“原”{}{note}{}",
                current_clause(&current),
                self.citation(h)
            );
            // Left to a person: the text may mean the past without saying so.
            return Some(self.finding(rule, hit.span, message, Vec::new()));
        }
        let later = rows().any(|h| h.from.is_some_and(|f| self.day < f));
        let complete = titles.iter().all(|&t| self.roster.titles[t as usize].complete_on(self.day));
        if !later && !complete {
            return None;
        }
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
        Some(self.finding(&LEADER_TITLE, hit.span, message, suggestions))
    }

    /// A member of the Standing Committee written as a Politburo member: true in the party's
    /// terms, but official copy always writes 中共中央政治局常委.
    fn standing_member_as_member(
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
        p.rows(standing as u32).find(|h| h.valid_on(self.day))?;
        let message = format!(
            "{}在{}是中共中央政治局常委，职务应写“{STANDING_COMMITTEE}”，不写“{}”{}",
            p.name,
            self.day,
            &self.text[hit.span],
            self.citation_for(p)
        );
        let suggestions =
            if self.after_name(hit) { Vec::new() } else { vec![STANDING_COMMITTEE.to_owned()] };
        Some(self.finding(&LEADER_TITLE, hit.span, message, suggestions))
    }

    /// Whether a title hit directly follows a roster name.
    fn after_name(&self, hit: TitleHit) -> bool {
        // Names are sorted and do not overlap, so their ends are sorted too.
        self.names.binary_search_by_key(&hit.span.start, |(_, s)| s.end).is_ok()
    }

    /// Canonical titles the person holds on the day, in written order.
    fn current_titles(&self, p: &Person) -> Vec<String> {
        let titles = p.titles_on(self.day);
        let standing = |t: &u32| self.roster.titles[*t as usize].canonical != STANDING_COMMITTEE;
        let shown: Vec<u32> = if titles.len() > 1 {
            titles.iter().copied().filter(standing).collect()
        } else {
            titles
        };
        shown.iter().map(|&t| self.roster.titles[t as usize].canonical.clone()).collect()
    }

    /// Whether the words before a title mark it as past: 时任, 原, 前, 曾任, or an earlier year
    /// in the same sentence (2018年，国务院总理李克强…).
    fn historical(&self, at: usize, held: &Held) -> bool {
        let before = &self.text[..at];
        let tail: String = {
            let mut v: Vec<char> = before.chars().rev().take(6).collect();
            v.reverse();
            v.into_iter().collect()
        };
        let marked = ["时任", "曾任", "历任", "前任", "原任", "生前", "已故"]
            .iter()
            .any(|m| tail.contains(m))
            || tail.ends_with('原')
            || tail.ends_with('前');
        if marked {
            return true;
        }
        // The sentence so far, at most the last 120 characters of it.
        let sentence_start = before
            .char_indices()
            .rev()
            .take(HISTORY_CHARS)
            .find(|(_, c)| matches!(c, '。' | '！' | '？' | '\n'))
            .map_or_else(
                || before.char_indices().rev().take(HISTORY_CHARS).last().map_or(0, |(i, _)| i),
                |(i, c)| i + c.len_utf8(),
            );
        let Some(to) = held.to else { return false };
        years(&before[sentence_start..]).any(|y| y <= to.year) || dated_before(self.text, to.year)
    }

    /// The titles of one person written in the wrong order.
    fn judge_title_order(&self, person: u32, chain: &[usize]) -> Option<Finding> {
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
        Some(self.finding(&LEADER_ORDER, span, message, vec![right]))
    }

    /// Leaders listed together out of their official order.
    fn judge_list_order(&self, list: &[usize], title: Option<usize>) -> Option<Finding> {
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
        Some(self.finding(&LEADER_ORDER, span, message, suggestions))
    }

    /// Misspelled names in clear context: next to a title, before 同志, or in a list with
    /// correctly written leaders.
    fn judge_variants(&self, variants: Vec<(u32, Span)>, out: &mut Vec<Finding>) {
        // Names are sorted and do not overlap, so their ends are sorted too.
        let names: Vec<Span> = self.names.iter().map(|n| n.1).collect();
        let name_ending = |at: usize| names.binary_search_by_key(&at, |n| n.end).is_ok();
        let name_starting = |at: usize| names.binary_search_by_key(&at, |n| n.start).is_ok();
        let comma = "、".len();
        for (person, span) in longest(variants) {
            let next = names.partition_point(|n| n.end <= span.start);
            if names.get(next).is_some_and(|n| n.overlaps(span)) {
                continue;
            }
            let after = &self.text[span.end..];
            let before = &self.text[..span.start];
            let listed = (before.ends_with('、') && name_ending(span.start - comma))
                || (after.starts_with('、') && name_starting(span.end + comma));
            // Signature blocks and name lists set a title apart with spaces on the same line:
            // 总理　　李克强, 孙春兰　　国务院副总理.
            let title_end = before.trim_end_matches(is_inline_space).len();
            let title_start = self.text.len() - after.trim_start_matches(is_inline_space).len();
            let clear = self.by_end.contains_key(&title_end)
                || self.before_gap(span.start, false).is_some()
                || self.by_start.contains_key(&title_start)
                || after.starts_with("同志")
                || listed;
            if !clear {
                continue;
            }
            let name = &self.person(person).name;
            let found = &self.text[span];
            let message = format!("“{found}”疑为“{name}”之误：领导同志姓名写错属严重表述错误");
            out.push(self.finding(&LEADER_NAME, span, message, vec![name.clone()]));
        }
    }

    /// One-character slips in a title written right after a name (习近平总书纪, 李强总埋): the
    /// slipped character must be a listed confusable of the right one, and the person must
    /// have held the title at some time, so that words after a namesake stay clean.
    fn judge_slips(&self, out: &mut Vec<Finding>) {
        for &(person, span) in &self.names {
            if self.by_start.contains_key(&span.end) {
                continue;
            }
            let p = self.person(person);
            let after = &self.text[span.end..];
            let held = |a: &Alias| a.titles.iter().any(|&t| p.rows(t).next().is_some());
            let slip = self.roster.aliases.iter().filter(|a| held(a)).find_map(|a| {
                let len = self.roster.slipped(&a.text, after)?;
                Some((a, len))
            });
            let Some((alias, len)) = slip else { continue };
            let at = Span::new(span.end, span.end + len);
            let found = &self.text[at];
            let message =
                format!("“{found}”疑为“{}”之误：领导同志职务称谓写错属严重表述错误", alias.text);
            out.push(self.finding(&LEADER_TITLE, at, message, vec![alias.text.clone()]));
        }
    }

    /// A roster finding: its category is the rule's (`removed`, `order` …).
    fn finding(
        &self,
        rule: &Rule,
        span: Span,
        message: String,
        suggestions: Vec<String>,
    ) -> Finding {
        let category = rule.categories.first().map(|c| (*c).to_owned());
        Finding::new(rule, span, &self.text[span], message)
            .with_category(category)
            .with_suggestions(suggestions)
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

/// Space within a line: ASCII, ideographic (U+3000), no-break, tab.
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}')
}

/// Whether `found` is `title` with spaces within a line between its characters (总　理).
pub(crate) fn spaced_out(found: &str, title: &str) -> bool {
    found.contains(is_inline_space)
        && found.chars().filter(|&c| !is_inline_space(c)).eq(title.chars())
}

fn current_clause(current: &[String]) -> String {
    if current.is_empty() {
        String::new()
    } else {
        format!("，现任{}", current.join("、"))
    }
}

/// Whether the latest year `text` names (2005年, 〔2005〕, 二〇〇五年) is at most `year`: an
/// undated sentence of a document written then (国办函〔2005〕21号 … 温家宝总理对您的建议十分
/// 重视) reports its own time, not today.
fn dated_before(text: &str, year: i32) -> bool {
    let latest = years(text).chain(bracketed_years(text)).chain(written_years(text)).max();
    latest.is_some_and(|y| y <= year)
}

/// Years in document numbers: `〔2005〕`, `[2005]`.
fn bracketed_years(text: &str) -> impl Iterator<Item = i32> + '_ {
    text.match_indices(['〔', '[']).filter_map(move |(i, b)| {
        let rest = &text[i + b.len()..];
        let digits = rest.get(..4)?;
        let closed = rest[4..].starts_with(['〕', ']']);
        (closed && digits.bytes().all(|d| d.is_ascii_digit())).then(|| digits.parse().ok())?
    })
}

/// Years written in Chinese numerals: `二〇〇五年`.
fn written_years(text: &str) -> impl Iterator<Item = i32> + '_ {
    const DIGITS: &str = "〇一二三四五六七八九";
    let digit = |c: char| DIGITS.chars().position(|d| d == c);
    text.match_indices('年').filter_map(move |(i, _)| {
        let mut back = text[..i].chars().rev();
        let four: Vec<usize> = back.by_ref().take(4).map_while(digit).collect();
        let fifth = back.next().and_then(digit);
        (four.len() == 4 && fifth.is_none())
            .then(|| four.iter().rev().fold(0, |y, &d| y * 10 + d as i32))
    })
}

/// Four-digit years written as `2018年` in `text`.
fn years(text: &str) -> impl Iterator<Item = i32> + '_ {
    text.match_indices('年').filter_map(move |(i, _)| {
        let digits = &text.as_bytes()[..i];
        let n = digits.len();
        (n >= 4
            && digits[n - 4..].iter().all(u8::is_ascii_digit)
            && !digits.get(n.wrapping_sub(5)).is_some_and(u8::is_ascii_digit))
        .then(|| text[i - 4..i].parse().ok())
        .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_spaced_out_within_a_line() {
        assert!(spaced_out("总　理", "总理"));
        assert!(spaced_out("国 务 院 总 理", "国务院总理"));
        assert!(!spaced_out("总理", "总理"), "written whole: an exact match, not this");
        assert!(!spaced_out("总\n理", "总理"));
        assert!(!spaced_out("总　统", "总理"));
    }

    #[test]
    fn documents_dated_before() {
        assert!(dated_before(
            "国办函〔2005〕21号\n温家宝总理对您的建议十分重视。\n二〇〇五年三月三日",
            2013
        ));
        assert!(!dated_before("国办函〔2005〕21号\n二〇二五年三月三日", 2013));
        assert!(!dated_before("温家宝总理对您的建议十分重视。", 2013));
        assert_eq!(written_years("二〇〇五年三月，一二〇〇五年").collect::<Vec<_>>(), [2005]);
        assert_eq!(
            bracketed_years("国办函〔2005〕21号、[2019]3号").collect::<Vec<_>>(),
            [2005, 2019]
        );
    }

    #[test]
    fn years_in_text() {
        let y: Vec<i32> = years("2018年3月，12019年，20年，1998年").collect();
        assert_eq!(y, [2018, 1998]);
    }
}
