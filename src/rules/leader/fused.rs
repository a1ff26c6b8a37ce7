//! Titles fused to a roster name (习近平总书记, 李强总理, 王沪宁主席) that are one character off
//! a title the person holds: a confusable in place of one of its characters (习近平总书纪), a
//! slip that makes a title he does not hold (王沪宁付主席: 副主席), a character left out
//! (习近平书记) or one added (王沪宁主主席).

use super::Scene;
use crate::finding::Finding;
use crate::hash::FastMap;
use crate::registry::LEADER_TITLE;
use crate::roster::{Alias, Person, Roster};
use crate::span::Span;

/// The fewest characters a title with one left out may keep: 总 of 李强总 is no title.
const SHORTEST_DROPPED: usize = 2;

/// The longest name that is common enough to be a namesake's when a post of its own follows
/// it (韩正副总 may be a company's deputy manager).
const NAMESAKE_CHARS: usize = 2;

/// How a fused title is one character off the title meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    /// A listed confusable in place of one character of a title held (总书纪 for 总书记).
    Slip,
    /// A listed confusable that makes a title the person does not hold, a character away from
    /// one he does (付主席, read 副主席, for 主席).
    Other,
    /// One character left out (书记 for 总书记, 委员 for 委员长).
    Missing,
    /// One character doubled, or a confusable of its neighbour typed beside it (主主席).
    Extra,
}

/// One fused title found: what is wrong, its length in bytes, the title meant and, for
/// [`Fault::Other`], the title the slip makes.
struct Fused<'r> {
    fault: Fault,
    len: usize,
    meant: &'r Alias,
    made: Option<&'r Alias>,
}

/// What one person's fused titles are checked against, found once a text and person.
struct Forms<'r> {
    /// The characters a fused form can start with: most mentions are followed by something
    /// else (同志, 新时代) and are dismissed on their first character.
    starts: Vec<char>,
    /// Aliases of the titles held at some time, in the roster's order.
    ever: Vec<&'r Alias>,
    /// Aliases of the titles held on the day.
    today: Vec<&'r Alias>,
    /// A title not held on the day, and the held one it is a character away from (副主席,
    /// 主席).
    near: Vec<(&'r Alias, &'r Alias)>,
}

impl Scene<'_> {
    /// Titles fused to a name that are one character off one the person holds or held. A
    /// title held at some time with a confusable slipped in is reported on any day (李克强总埋);
    /// the other faults only against titles held on the day checked and in a sentence about
    /// that day, not about an earlier post the roster may not list (在浙江工作期间的习近平书记).
    pub(super) fn judge_slips(&self, out: &mut Vec<Finding>) {
        // Found once a person, not again for every mention (a long text names the same few
        // people thousands of times).
        let mut forms_of: FastMap<u32, Forms<'_>> = FastMap::default();
        for &(person, name) in &self.names {
            if self.by_start.contains_key(&name.end) {
                continue;
            }
            let forms = forms_of.entry(person).or_insert_with(|| self.forms(person));
            let first = self.text[name.end..].chars().next();
            if !first.is_some_and(|c| forms.starts.contains(&c)) {
                continue;
            }
            if let Some(fused) = self.fused(person, name, forms) {
                out.push(self.fused_finding(person, name, &fused));
            }
        }
    }

    /// The titles a person's fused titles are checked against.
    fn forms(&self, person: u32) -> Forms<'_> {
        let p = self.person(person);
        let aliases = &self.roster.aliases;
        let (held_ever, held_today) = (p.held.iter().map(|h| h.title), p.titles_on(self.day));
        let held_ever: Vec<u32> = held_ever.collect();
        let holds = |a: &Alias, titles: &[u32]| a.titles.iter().any(|t| titles.contains(t));
        let naming = |titles: &[u32]| self.roster.aliases_naming(titles);
        let ever: Vec<&Alias> = naming(&held_ever).iter().map(|&i| &aliases[i as usize]).collect();
        let today: Vec<&Alias> = ever.iter().copied().filter(|a| holds(a, &held_today)).collect();
        let mut near = Vec::new();
        for i in naming(&held_today) {
            let held = &aliases[i as usize];
            for &other in self.roster.near(i) {
                let other = &aliases[other as usize];
                if !holds(other, &held_today) {
                    near.push((other, held));
                }
            }
        }
        let mut starts = Vec::new();
        let slipped_first = ever.iter().chain(near.iter().map(|(o, _)| o)).flat_map(|a| {
            let first = a.text.chars().next();
            let slips = first.and_then(|c| self.roster.title_slips.get(&c));
            first.into_iter().chain(slips.into_iter().flatten().copied())
        });
        // A title held that day with its first character left out starts with its second.
        let second = today.iter().filter_map(|a| a.text.chars().nth(1));
        for c in slipped_first.chain(second) {
            if !starts.contains(&c) {
                starts.push(c);
            }
        }
        Forms { starts, ever, today, near }
    }

    /// The fused title right after `name`, if one is one character off.
    fn fused<'r>(&'r self, person: u32, name: Span, forms: &Forms<'r>) -> Option<Fused<'r>> {
        let after = &self.text[name.end..];
        let slip = |a: &&'r Alias| {
            let len = self.roster.slipped(&a.text, after)?;
            Some(Fused { fault: Fault::Slip, len, meant: a, made: None })
        };
        if let Some(found) = forms.today.iter().find_map(slip) {
            // 总书纪记: a confusable typed beside the right character, not in its place.
            return Some(match stretched(self.roster, &found.meant.text, after) {
                Some(len) => Fused { fault: Fault::Extra, len, ..found },
                None => found,
            });
        }
        if let Some(found) = self.off_by_one(person, after, forms) {
            if !self.earlier_time(name, self.held_since(person, found.meant)) {
                return Some(found);
            }
        }
        forms.ever.iter().find_map(slip)
    }

    /// A title one character off one the person holds on the day, other than a slip of it.
    fn off_by_one<'r>(&'r self, person: u32, after: &str, forms: &Forms<'r>) -> Option<Fused<'r>> {
        let other = forms.near.iter().find_map(|&(made, meant)| {
            let len = self.roster.slipped(&made.text, after)?;
            Some(Fused { fault: Fault::Other, len, meant, made: Some(made) })
        });
        let missing = || {
            forms.today.iter().find_map(|&meant| {
                let (len, last) = dropped(&meant.text, after)?;
                let form = &after[..len];
                let word = crate::segment::is_word(form);
                // A title's start left alone is read as a title only when it is a word
                // (委员 of 委员长, not 全国政协主 of 全国政协主持).
                let cut = last && !word;
                // A word of its own is a post many hold (书记, 委员, 副总): after a name of two
                // characters (韩正副总, 刘鹤副总) it may be a namesake's.
                let namesake = word && self.person(person).name.chars().count() <= NAMESAKE_CHARS;
                let fine = cut
                    || namesake
                    || self.short_form_held(person, form)
                    || makes_longer_word(after, len);
                (!fine).then_some(Fused { fault: Fault::Missing, len, meant, made: None })
            })
        };
        let extra = || {
            forms.today.iter().find_map(|&meant| {
                let len = stretched(self.roster, &meant.text, after)?;
                Some(Fused { fault: Fault::Extra, len, meant, made: None })
            })
        };
        other.or_else(missing).or_else(extra)
    }

    /// The year the person took the title `alias` stands for, of the rows valid on the day.
    fn held_since(&self, person: u32, alias: &Alias) -> Option<i32> {
        let p = self.person(person);
        let rows = alias.titles.iter().flat_map(|&t| p.rows(t));
        rows.filter(|h| h.valid_on(self.day)).filter_map(|h| h.from).map(|d| d.year).min()
    }

    /// Whether `form` is a short form of a title the person holds on the day (书记 of 李希's
    /// 中央纪委书记): then it is his title written short, not one written wrong.
    fn short_form_held(&self, person: u32, form: &str) -> bool {
        let p = self.person(person);
        p.titles_on(self.day).into_iter().any(|t| short_form(self.roster, t, form))
    }

    fn fused_finding(&self, person: u32, name: Span, fused: &Fused<'_>) -> Finding {
        let p = self.person(person);
        let at = Span::new(name.end, name.end + fused.len);
        let found = &self.text[at];
        let meant = &fused.meant.text;
        let why = match fused.fault {
            Fault::Slip => String::new(),
            Fault::Other => format!(
                "{}现任{}，未担任“{}”；",
                p.name,
                self.held_canonical(p, fused.meant),
                fused.made.map_or("", |m| m.text.as_str())
            ),
            Fault::Missing => {
                format!("{}现任{}，称谓少了一个字；", p.name, self.held_canonical(p, fused.meant))
            }
            Fault::Extra => "称谓多了一个字；".to_owned(),
        };
        let cite = if fused.fault == Fault::Slip { String::new() } else { self.citation_for(p) };
        let message =
            format!("“{found}”疑为“{meant}”之误：{why}领导同志职务称谓写错属严重表述错误{cite}");
        let source = self.person_source(p);
        self.finding(&LEADER_TITLE, at, message, vec![meant.clone()], source)
    }

    /// The canonical title an alias the person holds on the day stands for (全国政协主席 for
    /// 王沪宁's 主席).
    fn held_canonical(&self, p: &Person, alias: &Alias) -> String {
        let held = alias.titles.iter().find(|&&t| p.rows(t).any(|h| h.valid_on(self.day)));
        let canonical = held.map(|&t| self.roster.titles[t as usize].canonical.as_str());
        canonical.unwrap_or(&alias.text).to_owned()
    }
}

/// The byte length of the start of `text` when it is `title` with one character left out and
/// at least [`SHORTEST_DROPPED`] kept (书记 of 总书记, 委员 of 委员长), and whether the
/// character left out is the last.
fn dropped(title: &str, text: &str) -> Option<(usize, bool)> {
    if title.chars().count() <= SHORTEST_DROPPED || text.starts_with(title) {
        return None;
    }
    title.char_indices().find_map(|(i, c)| {
        let rest = &title[i + c.len_utf8()..];
        let matched = text.starts_with(&title[..i]) && text.get(i..)?.starts_with(rest);
        matched.then_some((i + rest.len(), rest.is_empty()))
    })
}

/// The byte length of the start of `text` when it is `title` with one character added inside
/// it: one of its characters doubled (主主席), or a listed confusable of a neighbour typed
/// beside it (总书纪记). Any other character added is read as another word (李强总经理 is a
/// namesake's post), and one added before or after the title is not part of it.
fn stretched(roster: &Roster, title: &str, text: &str) -> Option<usize> {
    for (i, next) in title.char_indices().skip(1) {
        let (head, tail) = title.split_at(i);
        // Heads only grow: once one is not matched, none further is.
        let rest = text.strip_prefix(head)?;
        let added = rest.chars().next()?;
        let prev = head.chars().next_back()?;
        let beside = [prev, next].iter().any(|&c| added == c || roster.title_confusable(c, added));
        if beside && rest[added.len_utf8()..].starts_with(tail) {
            return Some(head.len() + added.len_utf8() + tail.len());
        }
    }
    None
}

/// Whether the characters after the first `len` bytes of `text` make a longer word with them
/// (委员会 after 赵乐际委员, 书记处 after 书记, 副主任 after 副主): then the text goes on to
/// another word rather than leave a character out of a title.
fn makes_longer_word(text: &str, len: usize) -> bool {
    let ends = text[len..].char_indices().skip(1).map(|(i, _)| len + i).chain([text.len()]);
    ends.take(2).any(|end| end > len && crate::segment::is_word(&text[..end]))
}

/// Whether `form` is a short form of title `t`: one of its aliases, or an end of its canonical
/// name of two characters or more that does not cut in two the shortest other alias ending it. 书记
/// is a short form of 中央纪委书记 (no alias ends that title), not of 中共中央总书记, whose
/// alias 总书记 is one word.
fn short_form(roster: &Roster, t: u32, form: &str) -> bool {
    let canonical = roster.titles[t as usize].canonical.as_str();
    let aliases = || roster.aliases.iter().filter(|a| a.titles.contains(&t));
    if form == canonical || aliases().any(|a| a.text == form) {
        return true;
    }
    let shortest_end = aliases()
        .filter(|a| a.text != canonical && canonical.ends_with(a.text.as_str()))
        .map(|a| a.text.chars().count())
        .min();
    let chars = form.chars().count();
    canonical.ends_with(form)
        && chars >= SHORTEST_DROPPED
        && shortest_end.is_none_or(|n| chars >= n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Date, Family, Linter};

    fn roster() -> Roster {
        let builtin = crate::dict::Dictionary::builtin();
        Roster::new(Some(builtin), &crate::dict::Dictionary::default(), true)
    }

    #[track_caller]
    fn leader(text: &str, day: &str) -> Vec<(String, Vec<String>)> {
        let day: Date = day.parse().unwrap();
        let linter = Linter::builder().model(false).build().unwrap();
        let all = linter.check_as_of(text, day);
        let leader = all.into_iter().filter(|f| f.family == Family::Leader);
        leader.map(|f| (f.text, f.suggestions)).collect()
    }

    #[track_caller]
    fn assert_fused(text: &str, day: &str, found: &str, meant: &str) {
        let got = leader(text, day);
        assert_eq!(got, [(found.to_owned(), vec![meant.to_owned()])], "{text} on {day}");
    }

    #[track_caller]
    fn assert_clean(text: &str, day: &str) {
        assert_eq!(leader(text, day), [], "{text} on {day}");
    }

    #[test]
    fn a_character_left_out() {
        assert_eq!(dropped("总书记", "书记强调"), Some(("书记".len(), false)));
        assert_eq!(dropped("委员长", "委员出席"), Some(("委员".len(), true)));
        assert_eq!(dropped("总理", "理"), None, "one character is no title");
        assert_eq!(dropped("总书记", "总书记"), None, "written whole");
        assert_eq!(dropped("总书记", "书法"), None);
        assert_fused("习近平书记强调，要坚持稳中求进。", "2026-03-01", "书记", "总书记");
        assert_fused("赵乐际委员出席会议并讲话。", "2026-03-01", "委员", "委员长");
        assert_fused("刘国中副总在会上讲话。", "2026-03-01", "副总", "副总理");
        assert_clean("韩正副总在会上讲话。", "2020-06-01");
        assert_fused("韩正副理在会上讲话。", "2020-06-01", "副理", "副总理");
        // The start of a title that is no word is followed by another word.
        assert_clean("王沪宁全国政协主持召开会议。", "2026-03-01");
    }

    #[test]
    fn a_character_added() {
        let r = roster();
        assert_eq!(stretched(&r, "主席", "主主席出席"), Some("主主席".len()));
        assert_eq!(stretched(&r, "总书记", "总书纪记强调"), Some("总书纪记".len()));
        assert_eq!(stretched(&r, "总理", "总经理"), None, "another word");
        assert_eq!(stretched(&r, "总理", "为总理"), None, "not inside the title");
        assert_fused("王沪宁主主席出席会议。", "2026-03-01", "主主席", "主席");
        assert_fused("习近平总总书记强调。", "2026-03-01", "总总书记", "总书记");
        assert_fused("习近平总书纪记强调。", "2026-03-01", "总书纪记", "总书记");
        assert_clean("公司李强总经理出席签约仪式。", "2026-03-01");
    }

    #[test]
    fn a_slip_into_a_title_not_held() {
        let r = roster();
        let id = |t: &str| r.aliases.iter().position(|a| a.text == t).unwrap() as u32;
        assert!(r.near(id("主席")).contains(&id("副主席")));
        assert!(r.near(id("副主席")).contains(&id("主席")));
        assert_fused("王沪宁付主席出席会议。", "2026-03-01", "付主席", "主席");
        assert_fused("李强付总理在会上强调。", "2026-03-01", "付总理", "总理");
        assert_fused("丁薛祥总埋出席会议。", "2026-03-01", "总埋", "副总理");
        // Held on the day: the slip of his own title, as before.
        assert_fused("丁薛祥付总理出席会议。", "2026-03-01", "付总理", "副总理");
        // On a day he was vice-president, his own title of then.
        assert_fused("习近平付主席出席会议。", "2010-06-01", "付主席", "副主席");
        assert_fused("习近平付主席出席会议。", "2026-03-01", "付主席", "主席");
    }

    #[test]
    fn short_forms_of_a_title_held() {
        let r = roster();
        let id = |t: &str| r.titles.iter().position(|x| x.canonical == t).unwrap() as u32;
        assert!(short_form(&r, id("中央纪委书记"), "书记"));
        assert!(short_form(&r, id("中共中央总书记"), "总书记"));
        assert!(!short_form(&r, id("中共中央总书记"), "书记"), "cuts 总书记");
        assert!(!short_form(&r, id("全国人大常委会委员长"), "员长"));
        assert_clean("李希书记主持会议。", "2026-03-01");
        assert_clean("中共中央政治局常委、中央纪委书记李希书记出席。", "2026-03-01");
    }

    #[test]
    fn earlier_posts_namesakes_and_other_words() {
        for text in [
            "在浙江工作期间的习近平书记，常说“干在实处、走在前列”。",
            "时任福建省委副书记的习近平书记到宁德调研。",
            "2005年，习近平书记在浙江考察。",
            "习近平书记当年在正定工作时，骑自行车下乡。",
            "村民李强付款买了农机。",
            "韩正副主任出席会议。",
            "王沪宁主持会议。",
            "李强总结了经验。",
            "习近平总书记强调。",
            "习近平书记处书记出席会议。",
        ] {
            assert_clean(text, "2026-03-01");
        }
        // Before he took the title, 书记 may be any of his posts of then.
        assert_clean("习近平书记主持会议。", "2010-06-01");
    }
}
