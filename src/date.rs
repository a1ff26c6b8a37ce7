//! Calendar dates for the roster's as-of dates, term dates and the format family's date checks.

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::{Range, RangeInclusive};
use std::str::FromStr;

/// A date in the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Date {
    /// A date, or `None` if it does not exist (2021-02-30).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
            .then_some(Date { year, month, day })
    }

    /// Today in Beijing time (UTC+8), the calendar the roster's dates are written in, from the
    /// system clock. The library itself never reads the clock (see [`LinterBuilder::as_of`]);
    /// fronts call this, or [`Date::in_beijing`] with a time of their own.
    ///
    /// [`LinterBuilder::as_of`]: crate::LinterBuilder::as_of
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::in_beijing(i64::try_from(secs).unwrap_or(i64::MAX))
    }

    /// The date in Beijing (UTC+8) at `unix_seconds` seconds after 1970-01-01T00:00:00Z.
    pub fn in_beijing(unix_seconds: i64) -> Date {
        const BEIJING: i64 = 8 * 3600;
        Date::from_days_since_epoch(unix_seconds.saturating_add(BEIJING).div_euclid(86_400))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u32
    }
}

/// The years a date written in a text may have: a four-digit number outside them is no year
/// (a count, a serial number).
pub(crate) const WRITTEN_YEARS: RangeInclusive<u32> = 1900..=2100;

/// The years a document number (国办秘函〔2019〕19号) may carry: the state's documents.
pub(crate) const DOCUMENT_YEARS: RangeInclusive<u32> = 1949..=2100;

/// The years before the People's Republic that history is told of (from the Opium War).
pub(crate) const BEFORE_1949: Range<u32> = 1840..1949;

/// Number of days in `month` of `year`.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for Date {
    type Err = String;

    /// Parses `YYYY-MM-DD`, or `YYYY-MM` meaning the first of the month.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("invalid date `{s}` (expected YYYY-MM-DD)");
        let mut parts = s.split('-');
        let year = parts.next().filter(|p| p.len() == 4).ok_or_else(bad)?;
        let month = parts.next().filter(|p| p.len() == 2).ok_or_else(bad)?;
        let day = match parts.next() {
            Some(p) if p.len() == 2 => p,
            None => "01",
            Some(_) => return Err(bad()),
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        let num = |p: &str| p.bytes().all(|b| b.is_ascii_digit()).then(|| p.parse().ok()).flatten();
        let (Some(y), Some(m), Some(d)) = (num(year), num(month), num(day)) else {
            return Err(bad());
        };
        Date::new(y as i32, m, d).ok_or_else(|| format!("date `{s}` does not exist"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beijing_dates_turn_at_sixteen_hundred_utc() {
        // 2021-06-30T15:59:59Z and 16:00:00Z.
        assert_eq!(Date::in_beijing(1_625_068_799), Date::new(2021, 6, 30).unwrap());
        assert_eq!(Date::in_beijing(1_625_068_800), Date::new(2021, 7, 1).unwrap());
        assert_eq!(Date::in_beijing(-8 * 3600), Date::new(1970, 1, 1).unwrap());
    }

    #[test]
    fn parse_and_validate() {
        assert_eq!("2026-03-13".parse(), Ok(Date { year: 2026, month: 3, day: 13 }));
        assert_eq!("2007-10".parse(), Ok(Date { year: 2007, month: 10, day: 1 }));
        assert!("2021-02-29".parse::<Date>().is_err());
        assert!("2020-02-29".parse::<Date>().is_ok());
        assert!("2021-13-01".parse::<Date>().is_err());
        assert!("21-01-01".parse::<Date>().is_err());
        assert!("2021-01-01-01".parse::<Date>().is_err());
        assert!("2021-0a-01".parse::<Date>().is_err());
    }

    #[test]
    fn weekday_and_epoch_round_trip() {
        // 2021-02-24 was a Wednesday.
        assert_eq!(Date::new(2021, 2, 24).unwrap().weekday(), 2);
        // 2000-01-01 was a Saturday.
        assert_eq!(Date::new(2000, 1, 1).unwrap().weekday(), 5);
        for days in [-800_000, -1, 0, 1, 11_016, 20_000, 60_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }
}
