//! Times in an export: RFC 3339 (`2021-01-05T08:30:00+08:00`) or the CMS spelling
//! `2021-01-05 08:30[:00]`, read as minutes since 1970-01-01 00:00 in Beijing time, the
//! calendar of the posts and of the inspection period.

use sanshen::Date;

/// Minutes since 1970-01-01 00:00, Beijing time (UTC+8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Stamp(pub(crate) i64);

const DAY: i64 = 24 * 60;
const BEIJING: i64 = 8 * 60;

impl Stamp {
    /// Midnight at the start of `date`.
    pub(crate) fn at_start(date: Date) -> Stamp {
        Stamp(date.days_since_epoch() * DAY)
    }

    /// The Beijing date of the moment.
    pub(crate) fn date(self) -> Date {
        Date::from_days_since_epoch(self.0.div_euclid(DAY))
    }

    /// The day number (days since 1970-01-01) of the moment.
    pub(crate) fn day(self) -> i64 {
        self.0.div_euclid(DAY)
    }

    /// Whole and part hours from `self` to `later`.
    pub(crate) fn hours_to(self, later: Stamp) -> f64 {
        (later.0 - self.0) as f64 / 60.0
    }

    /// `hours` hours later.
    pub(crate) fn plus_hours(self, hours: u32) -> Stamp {
        Stamp(self.0 + i64::from(hours) * 60)
    }
}

impl std::str::FromStr for Stamp {
    type Err = String;

    fn from_str(s: &str) -> Result<Stamp, String> {
        parse(s.trim()).ok_or_else(|| {
            format!("`{s}` is not a time (RFC 3339, YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DD)")
        })
    }
}

fn parse(s: &str) -> Option<Stamp> {
    let date: Date = s.get(..10)?.replace('/', "-").parse().ok()?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(Stamp::at_start(date));
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let hour: i64 = number(rest.get(..2)?, 23)?;
    let minute: i64 = number(rest.get(3..5)?, 59).filter(|_| rest.as_bytes()[2] == b':')?;
    let mut tail = &rest[5..];
    if let Some(sec) = tail.strip_prefix(':') {
        number(sec.get(..2)?, 60)?;
        tail = sec[2..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    }
    let local = date.days_since_epoch() * DAY + hour * 60 + minute;
    let offset = zone(tail)?;
    Some(Stamp(local - offset + BEIJING))
}

/// The zone's offset from UTC in minutes; no zone means Beijing time.
fn zone(tail: &str) -> Option<i64> {
    match tail {
        "" => Some(BEIJING),
        "Z" | "z" => Some(0),
        _ => {
            let sign = match tail.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hm = tail[1..].replace(':', "");
            (hm.len() == 4 && hm.bytes().all(|b| b.is_ascii_digit())).then_some(())?;
            Some(sign * (number(&hm[..2], 23)? * 60 + number(&hm[2..], 59)?))
        }
    }
}

fn number(s: &str, max: i64) -> Option<i64> {
    s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse().ok()).flatten().filter(|n| *n <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn at(s: &str) -> (String, i64) {
        let t: Stamp = s.parse().expect("a time");
        (t.date().to_string(), t.0.rem_euclid(DAY))
    }

    #[test]
    fn spellings_and_zones() {
        assert_eq!(at("2021-01-05 08:30"), ("2021-01-05".into(), 8 * 60 + 30));
        assert_eq!(at("2021-01-05T08:30:59+08:00"), ("2021-01-05".into(), 8 * 60 + 30));
        assert_eq!(at("2021-01-05T20:00:00Z"), ("2021-01-06".into(), 4 * 60));
        assert_eq!(at("2021-01-05T01:00:00.5-05:00"), ("2021-01-05".into(), 14 * 60));
        assert_eq!(at("2021/01/05"), ("2021-01-05".into(), 0));
    }

    #[test]
    fn bad_times_are_refused() {
        let bad =
            ["", "2021-02-30", "2021-01-05 25:00", "2021-01-05T08", "2021-01-05 08:30+8", "x"];
        // Multi-byte characters where digits are expected: refused, never a panic.
        let odd =
            ["2021-01-05 08:30+中1", "2021-01-05 08:3中", "２０２１-01-05", "2021-01-05 08:30:5中"];
        for s in bad.into_iter().chain(odd) {
            assert!(s.parse::<Stamp>().is_err(), "{s}");
        }
    }

    proptest::proptest! {
        /// Near-times with odd characters: refused or read, never a panic; a time read is a
        /// moment of the day it names or of the day around it (zones up to ±23:59).
        #[test]
        fn near_times_never_panic(s in "20[0-9]{2}-[01][0-9]-[0-3][0-9][ T]?[0-9:+中Z.-]{0,12}") {
            if let Ok(t) = s.parse::<Stamp>() {
                let named = Stamp::at_start(s[..10].parse().unwrap()).day();
                proptest::prop_assert!((t.day() - named).abs() <= 1);
            }
        }
    }

    #[test]
    fn hours_between() {
        let a: Stamp = "2021-01-05 08:00".parse().unwrap();
        let b: Stamp = "2021-01-06T10:30:00+08:00".parse().unwrap();
        assert_eq!(a.hours_to(b), 26.5);
        assert_eq!(a.plus_hours(24).date().to_string(), "2021-01-06");
    }
}
