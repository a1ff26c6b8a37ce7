//! The roster validator: what `cargo test` runs over the shipped roster and what users can
//! run over their own before loading it.

use crate::date::Date;
use crate::dict::{Dictionary, RosterRow};
use std::collections::{HashMap, HashSet};

/// A fault in roster data, with the file and line of the row at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RosterProblem {
    /// The row's title is declared in no `!family title` section (村长 for 县长).
    #[error("{file}:{line}: title `{title}` is not declared in any `!family title` section")]
    UnknownTitle {
        /// File of the row.
        file: String,
        /// Line of the row.
        line: usize,
        /// The undeclared title.
        title: String,
    },
    /// The row ends before it starts.
    #[error("{file}:{line}: `to={to}` is before `from={from}`")]
    EndsBeforeStart {
        /// File of the row.
        file: String,
        /// Line of the row.
        line: usize,
        /// First day in office.
        from: Date,
        /// First day out of office.
        to: Date,
    },
    /// The row names no published source.
    #[error("{file}:{line}: {name} {title}: no `source=`")]
    MissingSource {
        /// File of the row.
        file: String,
        /// Line of the row.
        line: usize,
        /// The person.
        name: String,
        /// The title.
        title: String,
    },
    /// Two rows give one person the same title for overlapping periods.
    #[error("{file}:{line}: {name} {title} overlaps the row at line {other}")]
    Overlap {
        /// File of the later row.
        file: String,
        /// Line of the later row.
        line: usize,
        /// Line of the earlier row it overlaps.
        other: usize,
        /// The person.
        name: String,
        /// The title.
        title: String,
    },
    /// `end=removed` without the day the holding ended.
    #[error("{file}:{line}: `end=removed` without `to=`")]
    RemovedWithoutEnd {
        /// File of the row.
        file: String,
        /// Line of the row.
        line: usize,
    },
    /// The row comes before any `!as-of` directive.
    #[error("{file}:{line}: no `!as-of` date before this row")]
    NoAsOf {
        /// File of the row.
        file: String,
        /// Line of the row.
        line: usize,
    },
    /// Two people hold the same rank of one title on one day.
    #[error("{file}:{line}: {name} and {other} both rank {rank} as {title} on {day}")]
    SharedRank {
        /// File of the row.
        file: String,
        /// Line of the row.
        line: usize,
        /// The person of this row.
        name: String,
        /// The other person.
        other: String,
        /// The title.
        title: String,
        /// The rank.
        rank: u32,
        /// A day both rows cover.
        day: Date,
    },
}

/// Every fault of the roster rows of `dict`, titles declared in `dict` and in `known` (pass
/// [`Dictionary::builtin`] to validate a local roster that uses shipped titles), in file order.
pub fn validate_roster(dict: &Dictionary, known: Option<&Dictionary>) -> Vec<RosterProblem> {
    let titles: HashSet<&str> = dict
        .titles
        .iter()
        .chain(known.iter().flat_map(|k| &k.titles))
        .map(|t| t.canonical.as_str())
        .collect();
    let mut out: Vec<RosterProblem> = Vec::new();
    for r in &dict.roster {
        row_problems(r, &titles, &mut out);
    }
    overlaps(&dict.roster, &mut out);
    shared_ranks(&dict.roster, &mut out);
    out
}

fn at(r: &RosterRow) -> (String, usize) {
    (r.origin.file.to_string(), r.origin.line)
}

fn row_problems(r: &RosterRow, titles: &HashSet<&str>, out: &mut Vec<RosterProblem>) {
    let (file, line) = at(r);
    if !titles.contains(r.title.as_str()) {
        out.push(RosterProblem::UnknownTitle { file: file.clone(), line, title: r.title.clone() });
    }
    if let (Some(from), Some(to)) = (r.from, r.to) {
        if to < from {
            out.push(RosterProblem::EndsBeforeStart { file: file.clone(), line, from, to });
        }
    }
    if r.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
        let (name, title) = (r.name.clone(), r.title.clone());
        out.push(RosterProblem::MissingSource { file: file.clone(), line, name, title });
    }
    if r.removed && r.to.is_none() {
        out.push(RosterProblem::RemovedWithoutEnd { file: file.clone(), line });
    }
    if r.as_of.is_none() {
        out.push(RosterProblem::NoAsOf { file, line });
    }
}

/// Whether two rows' periods share a day (rows that meet, one's `to` the other's `from`, do
/// not).
fn overlap(a: &RosterRow, b: &RosterRow) -> bool {
    let starts_before_end = |x: &RosterRow, y: &RosterRow| match (x.from, y.to) {
        (Some(f), Some(t)) => f < t,
        _ => true,
    };
    starts_before_end(a, b) && starts_before_end(b, a)
}

fn overlaps(rows: &[RosterRow], out: &mut Vec<RosterProblem>) {
    let mut by_key: HashMap<(&str, &str), Vec<&RosterRow>> = HashMap::new();
    for r in rows {
        by_key.entry((&r.name, &r.title)).or_default().push(r);
    }
    for r in rows {
        let same = &by_key[&(r.name.as_str(), r.title.as_str())];
        let earlier = same.iter().take_while(|o| !std::ptr::eq(**o, r));
        if let Some(o) = earlier.into_iter().find(|o| overlap(o, r)) {
            let (file, line) = at(r);
            let (name, title) = (r.name.clone(), r.title.clone());
            out.push(RosterProblem::Overlap { file, line, other: o.origin.line, name, title });
        }
    }
}

fn valid_on(r: &RosterRow, d: Date) -> bool {
    r.from.is_none_or(|f| f <= d) && r.to.is_none_or(|t| d < t)
}

fn shared_ranks(rows: &[RosterRow], out: &mut Vec<RosterProblem>) {
    let mut days: Vec<Date> = rows.iter().flat_map(|r| [r.from, r.to]).flatten().collect();
    days.sort();
    days.dedup();
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for d in days {
        let mut ranks: HashMap<(&str, u32), usize> = HashMap::new();
        for (i, r) in rows.iter().enumerate().filter(|(_, r)| valid_on(r, d)) {
            let Some(rank) = r.rank else { continue };
            match ranks.insert((&r.title, rank), i) {
                Some(j) if j != i && seen.insert((j, i)) && rows[j].name != r.name => {
                    let (file, line) = at(r);
                    out.push(RosterProblem::SharedRank {
                        file,
                        line,
                        name: r.name.clone(),
                        other: rows[j].name.clone(),
                        title: r.title.clone(),
                        rank,
                        day: d,
                    });
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLES: &str = "!family title\n县长\t-\tholders=all\n";

    fn problems(rows: &str) -> Vec<String> {
        let dict =
            Dictionary::parse("t.tsv", &format!("{TITLES}!family roster\n{rows}")).expect("parses");
        validate_roster(&dict, None).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_clean_roster_has_no_problem() {
        let rows = "!as-of 2026-03-01\n张三\t县长\tfrom=2021-09-01\tto=2022-01-08\tsource=县政府网 2021-09-01\n李四\t县长\tfrom=2022-01-08\tsource=县政府网 2022-01-08\n";
        assert_eq!(problems(rows), Vec::<String>::new());
    }

    #[test]
    fn each_fault_is_named_with_its_line() {
        let rows = "!as-of 2026-03-01\n张三\t县长\tfrom=2021-09-01\n张三\t县长\tfrom=2022-01-01\tsource=x\n王五\t村长\tsource=x\n";
        assert_eq!(
            problems(rows),
            [
                "t.tsv:5: 张三 县长: no `source=`",
                "t.tsv:7: title `村长` is not declared in any `!family title` section",
                "t.tsv:6: 张三 县长 overlaps the row at line 5",
            ]
        );
    }

    #[test]
    fn rows_that_meet_do_not_overlap() {
        let rows = "!as-of 2026-03-01\n张三\t县长\tfrom=2021-09-01\tto=2022-01-01\tsource=x\n张三\t县长\tfrom=2022-01-01\tsource=x\n";
        assert_eq!(problems(rows), Vec::<String>::new());
    }

    #[test]
    fn a_row_before_any_as_of_date() {
        assert_eq!(
            problems("张三\t县长\tsource=x\n"),
            ["t.tsv:4: no `!as-of` date before this row"]
        );
    }

    fn built(rows: &str) -> Dictionary {
        Dictionary::parse("t.tsv", &format!("{TITLES}!family roster\n!as-of 2026-03-01\n{rows}"))
            .expect("parses")
    }

    fn found(dict: &Dictionary) -> Vec<String> {
        validate_roster(dict, None).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn rows_built_in_code_are_checked_too() {
        let mut dict = built("张三\t县长\tfrom=2021-09-01\tsource=x\n");
        dict.roster[0].to = Date::new(2020, 1, 1);
        assert_eq!(found(&dict), ["t.tsv:5: `to=2020-01-01` is before `from=2021-09-01`"]);
        dict.roster[0].to = None;
        dict.roster[0].removed = true;
        assert_eq!(found(&dict), ["t.tsv:5: `end=removed` without `to=`"]);
    }

    #[test]
    fn two_people_of_one_rank_on_one_day() {
        let dict = built("张三\t县长\tfrom=2021-09-01\trank=1\tsource=x\n李四\t县长\tfrom=2022-01-01\trank=1\tsource=x\n");
        assert_eq!(found(&dict), ["t.tsv:6: 李四 and 张三 both rank 1 as 县长 on 2022-01-01"]);
    }

    #[test]
    fn titles_known_from_another_dictionary() {
        let dict = Dictionary::parse(
            "t.tsv",
            "!family roster\n!as-of 2026-03-01\n张三\t国务院总理\tsource=x\n",
        )
        .expect("parses");
        assert_eq!(validate_roster(&dict, Some(Dictionary::builtin())), []);
        assert_eq!(validate_roster(&dict, None).len(), 1);
    }
}
