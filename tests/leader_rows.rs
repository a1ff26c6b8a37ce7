//! Every row of the shipped roster judged on its own example: `TITLE NAME出席会议。` is right
//! on a day the row is valid, wrong on the day it ended (unless the person holds the title
//! again that day), and right again on that day when marked as past (时任).

use sanshen::dict::{Dictionary, RosterRow};
use sanshen::{Date, Family, Linter};

/// A day the row is valid: its first day, else the day before it ended, else its as-of date.
fn day_in_office(r: &RosterRow) -> Option<Date> {
    let before_end = r.to.map(|t| Date::from_days_since_epoch(t.days_since_epoch() - 1));
    r.from.or(before_end).or(r.as_of)
}

/// Leader findings as `rule text`, for failure messages.
fn leader_findings(linter: &Linter, text: &str, day: Date) -> Vec<String> {
    let found = linter.check_as_of(text, day).into_iter();
    found.filter(|f| f.family == Family::Leader).map(|f| format!("{} {}", f.rule, f.text)).collect()
}

fn at(r: &RosterRow) -> String {
    format!("{}:{}: {} {}", r.origin.file, r.origin.line, r.name, r.title)
}

#[test]
fn every_row_is_right_in_office_and_outdated_after_it() {
    let linter = Linter::new();
    let roster = &Dictionary::builtin().roster;
    assert!(roster.len() > 250, "{} rows", roster.len());
    let mut failures = Vec::new();
    let mut ended = 0;
    for r in roster {
        let text = format!("{}{}出席会议。", r.title, r.name);
        let Some(day) = day_in_office(r) else {
            failures.push(format!("{}: no day in office", at(r)));
            continue;
        };
        if !r.valid_on(day) {
            failures.push(format!("{}: not valid on {day}", at(r)));
        }
        let got = leader_findings(&linter, &text, day);
        if !got.is_empty() {
            failures.push(format!("{}: flagged on {day}: {got:?}", at(r)));
        }
        let Some(to) = r.to else { continue };
        let again = roster.iter().any(|o| o.name == r.name && o.title == r.title && o.valid_on(to));
        if again {
            continue;
        }
        ended += 1;
        let want = if r.removed { "leader/removed" } else { "leader/outdated" };
        let got = leader_findings(&linter, &text, to);
        if !got.iter().any(|f| f.starts_with(want)) {
            failures.push(format!("{}: no {want} on {to}: {got:?}", at(r)));
        }
        let past = format!("时任{text}");
        let got = leader_findings(&linter, &past, to);
        if !got.is_empty() {
            failures.push(format!("{}: 时任 flagged on {to}: {got:?}", at(r)));
        }
    }
    println!("{} rows, {ended} ended", roster.len());
    assert!(ended > 100, "{ended} ended rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
