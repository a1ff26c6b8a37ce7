//! How old the leader roster is for the day a run checks ("today" is the Beijing date,
//! [`Date::today`]): a run checked more than 90 days after the roster's date says so once.

use sanshen::{Date, Linter};

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
