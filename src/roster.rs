//! The leader roster as the `leader` family uses it: people, the titles they held and when,
//! the short forms of each title, and misspelled variants of each name.

use crate::date::Date;
use crate::dict::{Confusable, Dictionary, Origin, RosterRow, TitleAlias};
use crate::hash::{FastMap, FastSet};
use crate::source::Source;
use std::sync::OnceLock;

mod validate;

pub use validate::{validate_roster, RosterProblem};

/// Days after the roster's as-of date from which a check is said to rest on old facts.
pub const ROSTER_STALE_AFTER_DAYS: i64 = 90;

/// The category of confusable-character tables that serve leader names.
pub(crate) const NAME_CONFUSABLES: &str = "name";

/// The category of confusable-character tables that serve titles written after a name
/// (总书纪 for 总书记).
pub(crate) const TITLE_CONFUSABLES: &str = "title";

/// Whether a confusable line serves the leader family rather than protected terms.
pub(crate) fn serves_leaders(c: &Confusable) -> bool {
    matches!(c.category.as_deref(), Some(NAME_CONFUSABLES | TITLE_CONFUSABLES))
}

/// One period in one title.
#[derive(Clone, Debug)]
pub(crate) struct Held {
    pub(crate) title: u32,
    pub(crate) from: Option<Date>,
    pub(crate) to: Option<Date>,
    pub(crate) removed: bool,
    pub(crate) rank: Option<u32>,
    pub(crate) note: Option<String>,
    /// The roster's as-of date for this row.
    pub(crate) as_of: Option<Date>,
    /// Where the row was read: its findings' source is made from it when one is reported
    /// ([`Roster::row_source`]), not for every row at every start.
    pub(crate) origin: Origin,
}

impl Held {
    /// Whether the title was held on `day`.
    pub(crate) fn valid_on(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day < t)
    }
}

/// A person with the titles they held, in the order official copy writes them.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) held: Vec<Held>,
}

impl Person {
    /// Rows of `title`.
    pub(crate) fn rows(&self, title: u32) -> impl Iterator<Item = &Held> {
        self.held.iter().filter(move |h| h.title == title)
    }

    /// Position of `title` in the order official copy writes this person's titles.
    pub(crate) fn position(&self, title: u32) -> Option<usize> {
        self.held.iter().position(|h| h.title == title)
    }

    /// Titles held on `day`, in written order, without repeats.
    pub(crate) fn titles_on(&self, day: Date) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for h in self.held.iter().filter(|h| h.valid_on(day)) {
            if !out.contains(&h.title) {
                out.push(h.title);
            }
        }
        out
    }
}

/// A canonical title.
#[derive(Clone, Debug)]
pub(crate) struct Title {
    pub(crate) canonical: String,
    /// From this date on every holder is in the roster (`holders=all`).
    pub(crate) complete_since: Option<Date>,
    /// The title line's `note=`, shown in findings about the title.
    pub(crate) note: Option<String>,
    /// The title line, for the findings' source.
    pub(crate) source: Option<Source>,
}

impl Title {
    /// Whether a person missing from this title's rows on `day` can be said not to hold it.
    pub(crate) fn complete_on(&self, day: Date) -> bool {
        self.complete_since.is_some_and(|s| s <= day)
    }
}

/// A string that names one or more canonical titles.
#[derive(Clone, Debug)]
pub(crate) struct Alias {
    pub(crate) text: String,
    pub(crate) titles: Vec<u32>,
    /// Used only right after a name (主席 may be 国家主席 or 全国政协主席).
    pub(crate) ambiguous: bool,
}

/// Everything the leader family knows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Roster {
    pub(crate) people: Vec<Person>,
    pub(crate) titles: Vec<Title>,
    pub(crate) aliases: Vec<Alias>,
    /// Misspelled name → the people it may stand for.
    pub(crate) variants: Vec<(String, u32)>,
    /// Characters a title character is mistyped as (总书纪 for 总书记).
    pub(crate) title_slips: FastMap<char, FastSet<char>>,
    /// The oldest `!as-of` among the rows in use: the roster is only as current as its
    /// oldest part.
    pub(crate) as_of: Option<Date>,
    /// For each alias, the aliases one character longer or shorter ([`Roster::near`]), found
    /// on first need: a roster that never meets a fused title never builds it.
    near: OnceLock<Vec<Vec<u32>>>,
    /// For each title id, the aliases that name it ([`Roster::aliases_naming`]), found on
    /// first need.
    by_title: OnceLock<Vec<Vec<u32>>>,
}

impl Roster {
    /// Builds the roster from the shipped dictionary and the user's. A person with rows in
    /// the user's files keeps only those (a newer or local roster overrides the shipped one
    /// person by person); without `shipped_rows`, no shipped row is used at all.
    pub(crate) fn new(
        shipped: Option<&Dictionary>,
        user: &Dictionary,
        shipped_rows: bool,
    ) -> Roster {
        let user_names: FastSet<&str> = user.roster.iter().map(|r| r.name.as_str()).collect();
        let shipped_kept = shipped.filter(|_| shipped_rows).into_iter().flat_map(|d| &d.roster);
        let rows: Vec<&RosterRow> = shipped_kept
            .filter(|r| !user_names.contains(r.name.as_str()))
            .chain(&user.roster)
            .collect();
        let dicts: Vec<&Dictionary> = shipped.into_iter().chain([user]).collect();
        Roster::from_rows(&dicts, rows)
    }

    fn from_rows(dicts: &[&Dictionary], rows: Vec<&RosterRow>) -> Roster {
        let mut roster =
            Roster { as_of: rows.iter().filter_map(|r| r.as_of).min(), ..Roster::default() };
        let title_lines: Vec<&TitleAlias> = dicts.iter().flat_map(|d| &d.titles).collect();
        // Sized at once: grown as they fill, the maps were rehashed some 400 times a start.
        // Keyed by the lines' and rows' own strings, which outlive the build.
        let mut title_ids: FastMap<&str, u32> =
            FastMap::with_capacity_and_hasher(title_lines.len() + rows.len(), Default::default());
        for line in &title_lines {
            roster.title_id(&mut title_ids, &line.canonical);
        }
        for row in &rows {
            roster.title_id(&mut title_ids, &row.title);
        }
        roster.add_aliases(&title_lines, &title_ids);
        let mut person_ids: FastMap<&str, u32> =
            FastMap::with_capacity_and_hasher(rows.len(), Default::default());
        for row in rows {
            let id = *person_ids.entry(&row.name).or_insert_with(|| {
                roster.people.push(Person { name: row.name.clone(), held: Vec::new() });
                (roster.people.len() - 1) as u32
            });
            roster.people[id as usize].held.push(Held {
                title: title_ids[row.title.as_str()],
                from: row.from,
                to: row.to,
                removed: row.removed,
                rank: row.rank,
                note: row.note.clone(),
                as_of: row.as_of,
                origin: row.origin.clone(),
            });
        }
        let confusables: Vec<&Confusable> = dicts
            .iter()
            .flat_map(|d| &d.confusables)
            .filter(|c| c.category.as_deref() == Some(NAME_CONFUSABLES))
            .collect();
        roster.variants = name_variants(&roster.people, &confusables);
        for c in dicts.iter().flat_map(|d| &d.confusables) {
            if c.category.as_deref() == Some(TITLE_CONFUSABLES) {
                roster.title_slips.entry(c.ch).or_default().extend(c.similar.iter().copied());
            }
        }
        roster
    }

    /// The byte length of the start of `text` when it is `title` with one character slipped
    /// for a listed confusable.
    pub(crate) fn slipped(&self, title: &str, text: &str) -> Option<usize> {
        let mut slips = 0;
        let mut len = 0;
        let mut got = text.chars();
        for want in title.chars() {
            let c = got.next()?;
            len += c.len_utf8();
            if c != want {
                slips += 1;
                if slips > 1 || !self.title_confusable(want, c) {
                    return None;
                }
            }
        }
        (slips == 1).then_some(len)
    }

    /// Whether `added` is a listed title confusable of `of` (纪 of 记).
    pub(crate) fn title_confusable(&self, of: char, added: char) -> bool {
        self.title_slips.get(&of).is_some_and(|s| s.contains(&added))
    }

    /// The aliases one character longer or shorter than alias `alias`, one left out of the
    /// other: 副主席 and 主席, 中央军委副主席 and 中央军委主席, 北京市市长 and 北京市长.
    pub(crate) fn near(&self, alias: u32) -> &[u32] {
        let near = self.near.get_or_init(|| near_aliases(&self.aliases));
        near.get(alias as usize).map_or(&[], Vec::as_slice)
    }

    /// Makes the indexes [`near`](Self::near) and [`aliases_naming`](Self::aliases_naming)
    /// make at their first use.
    pub(crate) fn prepare(&self) {
        self.near.get_or_init(|| near_aliases(&self.aliases));
        self.by_title.get_or_init(|| aliases_by_title(&self.aliases));
    }

    /// The aliases that name any of `titles`, in increasing order: what a pass over every
    /// alias would keep, found from an index (a text naming a few people asks for each).
    pub(crate) fn aliases_naming(&self, titles: &[u32]) -> Vec<u32> {
        let by_title = self.by_title.get_or_init(|| aliases_by_title(&self.aliases));
        let named = titles.iter().filter_map(|&t| by_title.get(t as usize));
        let mut out: Vec<u32> = named.flatten().copied().collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The notice for a check made on `day` when that is more than
    /// [`ROSTER_STALE_AFTER_DAYS`] after the roster's date.
    pub(crate) fn stale_notice(&self, day: Date) -> Option<String> {
        stale_notice(self.as_of?, day)
    }

    /// The source of a finding made from `held`, a row of `person`: the row as written (name
    /// and title), its note, its roster's date and where it was read.
    pub(crate) fn row_source(&self, person: &Person, held: &Held) -> Source {
        let title = &self.titles[held.title as usize].canonical;
        Source::roster(&person.name, title, held.note.as_deref(), held.as_of, &held.origin)
    }

    fn title_id<'d>(&mut self, ids: &mut FastMap<&'d str, u32>, canonical: &'d str) -> u32 {
        *ids.entry(canonical).or_insert_with(|| {
            self.titles.push(Title {
                canonical: canonical.to_owned(),
                complete_since: None,
                note: None,
                source: None,
            });
            (self.titles.len() - 1) as u32
        })
    }

    fn add_aliases<'d>(&mut self, lines: &[&'d TitleAlias], ids: &FastMap<&'d str, u32>) {
        let aliases = ids.len() + lines.iter().map(|l| l.aliases.len()).sum::<usize>();
        let mut by_text: FastMap<&str, usize> =
            FastMap::with_capacity_and_hasher(aliases, Default::default());
        let mut add = |aliases: &mut Vec<Alias>, text: &'d str, title: u32, ambiguous: bool| {
            let i = *by_text.entry(text).or_insert_with(|| {
                aliases.push(Alias { text: text.to_owned(), titles: Vec::new(), ambiguous });
                aliases.len() - 1
            });
            let alias = &mut aliases[i];
            alias.ambiguous |= ambiguous;
            if !alias.titles.contains(&title) {
                alias.titles.push(title);
            }
        };
        // In the order of the titles, so that the patterns, and the automaton over them, are
        // the same at every build.
        let mut canonical: Vec<(&str, u32)> = ids.iter().map(|(&c, &id)| (c, id)).collect();
        canonical.sort_unstable_by_key(|&(_, id)| id);
        for (canonical, id) in canonical {
            add(&mut self.aliases, canonical, id, false);
        }
        for line in lines {
            let id = ids[line.canonical.as_str()];
            let note = line.note.as_deref();
            self.titles[id as usize].source =
                Some(Source::title(&line.origin, &line.canonical, note));
            if line.note.is_some() {
                self.titles[id as usize].note.clone_from(&line.note);
            }
            if line.complete {
                let title = &mut self.titles[id as usize];
                title.complete_since =
                    Some(line.since.unwrap_or(Date { year: 1949, month: 10, day: 1 }));
            }
            for a in &line.aliases {
                add(&mut self.aliases, a, id, line.ambiguous);
            }
        }
        // An alias naming several titles is ambiguous whatever its lines say.
        for a in &mut self.aliases {
            a.ambiguous |= a.titles.len() > 1;
        }
    }
}

/// The notice for a check on `day` with a roster checked up to `as_of`, if it is old.
pub(crate) fn stale_notice(as_of: Date, day: Date) -> Option<String> {
    let age = day.days_since_epoch() - as_of.days_since_epoch();
    (age > ROSTER_STALE_AFTER_DAYS).then(|| {
        format!(
            "领导人名册截至{as_of}，距检查日期{day}已{age}天，其后的任免变动未收录，\
             职务判断可能过时；可用 --roster 文件 载入更新的名册（格式见 dictionaries/leader/README.md）"
        )
    })
}

/// For each title id, the aliases that name it, in increasing order.
fn aliases_by_title(aliases: &[Alias]) -> Vec<Vec<u32>> {
    let len = aliases.iter().flat_map(|a| &a.titles).max().map_or(0, |&t| t as usize + 1);
    let mut by_title = vec![Vec::new(); len];
    for (i, a) in aliases.iter().enumerate() {
        for &t in &a.titles {
            let list: &mut Vec<u32> = &mut by_title[t as usize];
            if list.last() != Some(&(i as u32)) {
                list.push(i as u32);
            }
        }
    }
    by_title
}

/// For each alias, the aliases that are it with one character left out, and those it is with
/// one character left out.
fn near_aliases(aliases: &[Alias]) -> Vec<Vec<u32>> {
    let ids: FastMap<&str, u32> =
        aliases.iter().enumerate().map(|(i, a)| (a.text.as_str(), i as u32)).collect();
    let mut near = vec![Vec::new(); aliases.len()];
    // One buffer for every shortened alias: this runs once, but in every process that meets a
    // fused title.
    let mut short = String::new();
    for (long, a) in aliases.iter().enumerate() {
        for (i, c) in a.text.char_indices() {
            short.clear();
            short.push_str(&a.text[..i]);
            short.push_str(&a.text[i + c.len_utf8()..]);
            let Some(&id) = ids.get(short.as_str()) else { continue };
            if !near[long].contains(&id) {
                near[long].push(id);
                near[id as usize].push(long as u32);
            }
        }
    }
    near
}

/// Every one-character substitution of every name with a confusable character, except those
/// that are themselves a roster name. Each person's variants differ from the name in one place,
/// each by another character, so none repeats (names are distinct: one person a name).
fn name_variants(people: &[Person], confusables: &[&Confusable]) -> Vec<(String, u32)> {
    let similar = sorted_alternatives(confusables);
    let names: FastSet<&str> = people.iter().map(|p| p.name.as_str()).collect();
    let mut out = Vec::new();
    for (id, person) in people.iter().enumerate() {
        let name = person.name.as_str();
        for (at, c) in name.char_indices() {
            let Some(alts) = similar.get(&c) else { continue };
            let (head, tail) = (&name[..at], &name[at + c.len_utf8()..]);
            for &alt in alts {
                let mut variant = String::with_capacity(name.len() + 4);
                variant.push_str(head);
                variant.push(alt);
                variant.push_str(tail);
                if !names.contains(variant.as_str()) {
                    out.push((variant, id as u32));
                }
            }
        }
    }
    out
}

/// For each character, the characters listed as confusable with it, sorted, each once.
fn sorted_alternatives(confusables: &[&Confusable]) -> FastMap<char, Vec<char>> {
    let mut similar: FastMap<char, Vec<char>> =
        FastMap::with_capacity_and_hasher(confusables.len(), Default::default());
    for c in confusables {
        similar.entry(c.ch).or_default().extend(c.similar.iter().copied());
    }
    for alts in similar.values_mut() {
        alts.sort_unstable();
        alts.dedup();
    }
    similar
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Origin;

    fn person(name: &str) -> Person {
        Person { name: name.to_owned(), held: Vec::new() }
    }

    fn confusable(ch: char, similar: &[char]) -> Confusable {
        let origin = Origin { file: "test".into(), line: 1 };
        Confusable { ch, similar: similar.to_vec(), category: None, origin }
    }

    /// The index against a pass over every alias, for random sets of the shipped titles
    /// (ids past the last included).
    #[test]
    fn aliases_naming_keeps_what_a_pass_over_every_alias_keeps() {
        let roster = Roster::new(Some(Dictionary::builtin()), &Dictionary::default(), true);
        assert!(roster.aliases.len() > 100 && roster.titles.len() > 50);
        let mut rng = crate::test_rng::Rng::new(41);
        for round in 0..500 {
            let titles: Vec<u32> =
                (0..rng.below(6)).map(|_| rng.below(roster.titles.len() + 3) as u32).collect();
            let want: Vec<u32> = (0..roster.aliases.len() as u32)
                .filter(|&i| roster.aliases[i as usize].titles.iter().any(|t| titles.contains(t)))
                .collect();
            assert_eq!(roster.aliases_naming(&titles), want, "round {round}: {titles:?}");
        }
    }

    /// Every shipped row's source, made when a finding needs it, against the row as read.
    #[test]
    fn a_rows_source_is_the_row_as_written() {
        let dict = Dictionary::builtin();
        let roster = Roster::new(Some(dict), &Dictionary::default(), true);
        assert!(dict.roster.len() > 100);
        for row in &dict.roster {
            let p = roster.people.iter().find(|p| p.name == row.name).expect("a person");
            let held = p.held.iter().find(|h| h.origin == row.origin).expect("the row");
            let want = Source {
                kind: crate::source::SourceKind::Roster,
                file: Some(row.origin.file.to_string()),
                line: Some(row.origin.line),
                entry: Some(format!("{}\t{}", row.name, row.title)),
                note: row.note.clone(),
                examples: Vec::new(),
                counterexamples: Vec::new(),
                as_of: row.as_of,
            };
            assert_eq!(roster.row_source(p, held), want);
        }
    }

    /// The variants against a reference that keeps a set of those seen, over random names and
    /// tables (characters listed twice, confusable with themselves, with another name's).
    #[test]
    fn name_variants_repeat_none() {
        let mut rng = crate::test_rng::Rng::new(25);
        let chars: Vec<char> = "李强蔷墙赵乐东落际王".chars().collect();
        for round in 0..300 {
            let mut names: Vec<String> = (0..1 + rng.below(8))
                .map(|_| (0..1 + rng.below(3)).map(|_| *rng.pick(&chars)).collect())
                .collect();
            names.sort();
            names.dedup();
            let people: Vec<Person> = names.iter().map(|n| person(n)).collect();
            let tables: Vec<Confusable> = (0..rng.below(6))
                .map(|_| {
                    let similar: Vec<char> = (0..rng.below(4)).map(|_| *rng.pick(&chars)).collect();
                    confusable(*rng.pick(&chars), &similar)
                })
                .collect();
            let tables: Vec<&Confusable> = tables.iter().collect();
            let mut seen = FastSet::default();
            let mut want = Vec::new();
            let mut similar: FastMap<char, FastSet<char>> = FastMap::default();
            for c in &tables {
                similar.entry(c.ch).or_default().extend(c.similar.iter().copied());
            }
            for (id, p) in people.iter().enumerate() {
                for (at, c) in p.name.char_indices() {
                    let mut alts: Vec<char> =
                        similar.get(&c).into_iter().flatten().copied().collect();
                    alts.sort_unstable();
                    for alt in alts {
                        let v = format!("{}{alt}{}", &p.name[..at], &p.name[at + c.len_utf8()..]);
                        if !names.contains(&v) && seen.insert((v.clone(), id)) {
                            want.push((v, id as u32));
                        }
                    }
                }
            }
            assert_eq!(name_variants(&people, &tables), want, "round {round}: {names:?}");
        }
    }

    #[test]
    fn name_variants_swap_one_character_in_place_and_skip_real_names() {
        let people = [person("李强"), person("李蔷"), person("赵乐际")];
        let tables = [confusable('强', &['墙', '蔷']), confusable('乐', &['东', '落'])];
        let got = name_variants(&people, &tables.iter().collect::<Vec<_>>());
        let want = [("李墙", 0), ("赵东际", 2), ("赵落际", 2)];
        assert_eq!(got, want.map(|(v, id)| (v.to_owned(), id)));
    }
}
