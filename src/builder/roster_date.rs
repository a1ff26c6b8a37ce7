//! The date a linter checks as of when the builder is given none: the roster's.

use crate::date::Date;
use crate::dict::Dictionary;

/// The latest `!as-of` date of the roster rows in `dicts`.
pub(super) fn roster_date<'d>(dicts: impl Iterator<Item = &'d Dictionary>) -> Option<Date> {
    dicts.flat_map(|d| &d.roster).filter_map(|r| r.as_of).max()
}

/// The as-of date of the shipped roster (the Unix epoch if it had none, which a test forbids).
pub(crate) fn shipped_roster_date() -> Date {
    let epoch = Date::from_days_since_epoch(0);
    roster_date(std::iter::once(Dictionary::builtin_besides_entries())).unwrap_or(epoch)
}
