//! `sanshen roster`: the leader roster in use, its date first, one row a line, so that a user
//! can see what the checks rest on and how old it is.

use crate::args::RosterArgs;
use sanshen::dict::{Dictionary, RosterRow};
use sanshen::{Date, Linter, LinterBuilder};
use std::io::Write;
use std::process::ExitCode;

/// Prints the roster's date and rows; exit 2 when the file cannot be read.
pub(crate) fn run(args: &RosterArgs) -> ExitCode {
    let (label, dict) = match &args.roster {
        None => ("内置名册".to_owned(), Dictionary::builtin().clone()),
        Some(path) => match read(path) {
            Ok(dict) => {
                crate::freshness::validate_file(path);
                (path.display().to_string(), dict)
            }
            Err(message) => {
                eprintln!("sanshen: {message}");
                return ExitCode::from(2);
            }
        },
    };
    let rows: Vec<&RosterRow> =
        dict.roster.iter().filter(|r| args.on.is_none_or(|d| r.valid_on(d))).collect();
    let Some(linter) = linter_for(args.roster.as_deref()) else {
        return ExitCode::from(2);
    };
    let as_of = linter.roster_as_of();
    let mut out = std::io::stdout().lock();
    let written = write_header(&mut out, &label, as_of, args.on, rows.len())
        .and_then(|()| rows.iter().try_for_each(|r| writeln!(out, "{}", row_line(r))));
    if written.is_err() {
        // A closed pipe (`sanshen roster | head`) is not a failure.
        return ExitCode::SUCCESS;
    }
    let day = args.on.unwrap_or_else(Date::today);
    crate::freshness::warn_once(&linter, day);
    ExitCode::SUCCESS
}

/// The linter `check` would use for this roster, for its date and its out-of-date notice.
fn linter_for(roster: Option<&std::path::Path>) -> Option<Linter> {
    let Some(path) = roster else { return Some(Linter::new()) };
    let mut b = LinterBuilder::new();
    b.shipped_roster(false);
    let built = b
        .add_dictionary_file(path)
        .map_err(|e| e.to_string())
        .and_then(|b| b.build().map_err(|e| e.to_string()));
    built.map_err(|e| eprintln!("sanshen: {e}")).ok()
}

fn read(path: &std::path::Path) -> Result<Dictionary, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    Dictionary::parse(&path.display().to_string(), &text).map_err(|e| e.to_string())
}

fn write_header(
    out: &mut impl Write,
    label: &str,
    as_of: Option<Date>,
    on: Option<Date>,
    count: usize,
) -> std::io::Result<()> {
    let date = as_of.map_or_else(|| "（无 !as-of）".to_owned(), |d| d.to_string());
    writeln!(out, "# 领导人名册截至{date}（{label}）")?;
    match on {
        Some(d) => writeln!(out, "# {d}有效的职务：{count}行"),
        None => writeln!(out, "# 全部职务：{count}行"),
    }
}

/// A row as a roster line: name, title, and the dates and end that the file gave.
fn row_line(r: &RosterRow) -> String {
    let mut fields = vec![r.name.clone(), r.title.clone()];
    fields.extend(r.from.map(|d| format!("from={d}")));
    fields.extend(r.to.map(|d| format!("to={d}")));
    if r.removed {
        fields.push("end=removed".to_owned());
    }
    fields.join("\t")
}
