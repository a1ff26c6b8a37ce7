//! How old the leader roster is for the day a run checks: "today" is the Beijing date, and a
//! run checked more than 90 days after the roster's date says so once.

use sanshen::{Date, Linter};

/// Beijing is eight hours ahead of UTC all year.
const BEIJING_OFFSET_SECS: u64 = 8 * 3600;

/// Today's date in Beijing (UTC+8), from the system clock.
pub(crate) fn beijing_today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    beijing_date(secs)
}

/// The Beijing date at `secs` seconds after 1970-01-01T00:00Z.
fn beijing_date(secs: u64) -> Date {
    Date::from_days_since_epoch(((secs + BEIJING_OFFSET_SECS) / 86_400) as i64)
}

/// Prints the out-of-date notice on standard error, once, when there is one.
pub(crate) fn warn_once(linter: &Linter, day: Date) {
    if let Some(notice) = linter.roster_notice(day) {
        eprintln!("sanshen: 提示：{notice}");
    }
}

/// The `roster` field of the JSON summary and of the SARIF run properties.
pub(crate) fn summary(linter: &Linter, day: Date) -> serde_json::Value {
    let notice = linter.roster_notice(day);
    serde_json::json!({
        "as_of": linter.roster_as_of().map(|d| d.to_string()),
        "checked_as_of": day.to_string(),
        "stale": notice.is_some(),
        "notice": notice,
    })
}

/// Warns on standard error about every fault the validator finds in a `--roster` file, so
/// that a roster loaded in place of the shipped one is held to the same rules.
pub(crate) fn validate_file(path: &std::path::Path) {
    let Ok(text) = std::fs::read_to_string(path) else { return };
    let Ok(dict) = sanshen::dict::Dictionary::parse(&path.display().to_string(), &text) else {
        return;
    };
    for problem in sanshen::validate_roster(&dict, Some(sanshen::dict::Dictionary::builtin())) {
        eprintln!("sanshen: 警告：{problem}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_beijing_date_turns_at_16_00_utc() {
        // 2026-12-05T15:59:59Z and 16:00:00Z.
        let before = 1_796_486_399;
        assert_eq!(beijing_date(before).to_string(), "2026-12-05");
        assert_eq!(beijing_date(before + 1).to_string(), "2026-12-06");
    }
}
