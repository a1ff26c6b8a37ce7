//! Former names of protected organs (`dictionaries/protected/former-names.txt`): a near miss
//! that is the term's name before a rename (中国民用航空总局 for 中国民用航空局, renamed in
//! 2008) is the right name in a text of its time.

use crate::date::Date;
use std::sync::LazyLock;

/// Where the shipped list is, for its error messages.
const FILE: &str = "dictionaries/protected/former-names.txt";

/// One former name: what it was, what the term is now, and the first day of the new name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FormerName {
    pub(super) former: String,
    pub(super) current: String,
    pub(super) until: Date,
}

/// The shipped list (a test checks that it parses; a list that did not would hold nothing).
static SHIPPED: LazyLock<Vec<FormerName>> = LazyLock::new(|| {
    parse(FILE, include_str!("../../../dictionaries/protected/former-names.txt"))
        .unwrap_or_default()
});

/// Whether `written`, a near miss of the protected term `term`, was its name on `day` (asked
/// only of a former name: reading the day searches the line for an issuing date).
pub(super) fn was_the_name(written: &str, term: &str, day: impl Fn() -> Date) -> bool {
    SHIPPED.iter().any(|f| f.former == written && f.current == term && day() < f.until)
}

/// Reads the list: `FORMER<TAB>CURRENT<TAB>until=YYYY-MM-DD`, optionally `note=TEXT`; `#`
/// lines and blank lines are skipped.
///
/// # Errors
///
/// The first malformed line, as `FILE:LINE: what is wrong`.
pub(super) fn parse(file: &str, text: &str) -> Result<Vec<FormerName>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        out.push(parse_line(line).map_err(|e| format!("{file}:{}: {e}", n + 1))?);
    }
    Ok(out)
}

fn parse_line(line: &str) -> Result<FormerName, String> {
    let mut cols = line.split('\t');
    let (Some(former), Some(current)) = (cols.next(), cols.next()) else {
        return Err("expected FORMER<TAB>CURRENT<TAB>until=YYYY-MM-DD".into());
    };
    if former.trim().is_empty() || current.trim().is_empty() {
        return Err("empty name".into());
    }
    let mut until = None;
    for col in cols {
        match col.split_once('=') {
            Some(("until", day)) => until = Some(day.parse::<Date>()?),
            Some(("note", _)) => {}
            _ => return Err(format!("unknown column `{col}` (until= or note=)")),
        }
    }
    let until = until.ok_or("missing until=YYYY-MM-DD")?;
    Ok(FormerName { former: former.into(), current: current.into(), until })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_parses() {
        let text = include_str!("../../../dictionaries/protected/former-names.txt");
        let list = parse(FILE, text).unwrap_or_else(|e| panic!("{e}"));
        assert!(!list.is_empty());
        let organs = include_str!("../../../dictionaries/protected/organs.tsv");
        for f in &list {
            let protected = organs.lines().any(|l| l.split('\t').next() == Some(&f.current));
            assert!(protected, "{}: {} is no protected organ", FILE, f.current);
        }
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = parse("f.tsv", "# c\n甲\t乙\tuntil=2008-13-01\n").unwrap_err();
        assert!(err.starts_with("f.tsv:2: ") && err.contains("2008-13-01"), "{err}");
        assert!(parse("f.tsv", "甲\t乙\n").unwrap_err().contains("f.tsv:1: missing until"));
        assert!(parse("f.tsv", "甲\n").unwrap_err().starts_with("f.tsv:1: expected"));
        assert!(parse("f.tsv", "甲\t乙\tuntil=2008-03-19\tx=1\n").is_err());
    }

    #[test]
    fn a_former_name_is_right_before_the_rename() {
        let day = |y, m, d| move || Date::new(y, m, d).unwrap();
        assert!(was_the_name("中国民用航空总局", "中国民用航空局", day(1980, 10, 30)));
        assert!(was_the_name("中国民用航空总局", "中国民用航空局", day(2008, 3, 18)));
        assert!(!was_the_name("中国民用航空总局", "中国民用航空局", day(2008, 3, 19)));
        assert!(!was_the_name("中国民用航空总局", "国家民用航空局", day(1980, 1, 1)));
    }
}
