//! The day a dated issuing line gives itself: a later text that reprints an older one keeps its
//! issuing line (1982年12月3日中国民用航空总局发布), and the names in that line are those of
//! its own day, not of the day the later text is checked as of.

use crate::date::{days_in_month, Date};
use crate::span::Span;

/// Words that make a line an issuing line: it says when a text was issued, passed or amended.
const ISSUING: [&str; 12] =
    ["发布", "公布", "颁布", "印发", "通过", "施行", "批准", "下发", "制定", "修订", "修正", "令"];

/// The longest issuing line, in bytes (about 80 characters): longer lines are running text,
/// whose dates speak of other things.
const MAX_LINE: usize = 240;

/// The day the issuing line holding `span` of `text` gives itself, if the line is one: short,
/// holding a word of issuing ([`ISSUING`]) and a written date (1982年12月3日, 一九八二年), or a
/// document number (民航总局〔1982〕12号); the earliest such date, a date without its day or
/// month taken at the end of its month or year.
pub(crate) fn line_date(text: &str, span: Span) -> Option<Date> {
    let line = short_line(text, span)?;
    let numbered = numbered_years(line).min();
    let issuing = ISSUING.iter().any(|w| line.contains(w));
    let written = line.match_indices('年').filter_map(|(i, _)| date_at(line, i)).min();
    let written = written.filter(|_| issuing || numbered.is_some());
    [written, numbered].into_iter().flatten().min()
}

/// The line holding `span`, if it is at most [`MAX_LINE`] bytes long; only that many bytes
/// either side are searched for its ends, so a text without line ends costs no more.
fn short_line(text: &str, span: Span) -> Option<&str> {
    let bytes = text.as_bytes();
    let low = span.start.saturating_sub(MAX_LINE);
    let start = match bytes[low..span.start].iter().rposition(|&b| b == b'\n') {
        Some(i) => low + i + 1,
        None if low == 0 => 0,
        None => return None,
    };
    let high = (span.end + MAX_LINE).min(text.len());
    let end = match bytes[span.end..high].iter().position(|&b| b == b'\n') {
        Some(i) => span.end + i,
        None if high == text.len() => text.len(),
        None => return None,
    };
    // Both ends are at a line end or the text's edge, so they fall on character boundaries.
    let line = &text[start..end];
    (line.len() <= MAX_LINE).then_some(line)
}

/// The last days of the years of document numbers in `line`: 〔1982〕12号, \[1982\]12号.
fn numbered_years(line: &str) -> impl Iterator<Item = Date> + '_ {
    line.match_indices(['〔', '[']).filter_map(move |(i, open)| {
        let rest = &line[i + open.len()..];
        let digits = rest.get(..4)?;
        let number = rest[4..].strip_prefix(['〕', ']'])?;
        let serial = number.trim_start_matches(|c: char| c.is_ascii_digit());
        let year = digits.parse::<u32>().ok().filter(|y| crate::date::WRITTEN_YEARS.contains(y))?;
        (serial.len() < number.len() && serial.starts_with('号'))
            .then(|| Date::new(year as i32, 12, 31))?
    })
}

/// The date written around the 年 at byte `at` of `line`: four digits before it, then perhaps a
/// month and a day.
fn date_at(line: &str, at: usize) -> Option<Date> {
    let digits: Vec<u32> = line[..at].chars().rev().take(4).map_while(digit).collect();
    let before = line[..at].chars().rev().nth(4).and_then(digit);
    if digits.len() != 4 || before.is_some() {
        return None;
    }
    let year = digits.iter().rev().fold(0, |y, &d| y * 10 + d) as i32;
    if !crate::date::WRITTEN_YEARS.contains(&(year as u32)) {
        return None;
    }
    let rest = &line[at + '年'.len_utf8()..];
    let Some((month, rest)) = number_before(rest, '月').filter(|(m, _)| (1..=12).contains(m))
    else {
        return Date::new(year, 12, 31);
    };
    let last = days_in_month(year, month);
    match number_before(rest, '日') {
        Some((day, _)) if (1..=last).contains(&day) => Date::new(year, month, day),
        _ => Date::new(year, month, last),
    }
}

/// The number of one or two digits at the start of `text` followed by `unit`, and what follows.
fn number_before(text: &str, unit: char) -> Option<(u32, &str)> {
    let digits: Vec<u32> = text.chars().take(3).map_while(arabic).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let len: usize = text.chars().take(digits.len()).map(char::len_utf8).sum();
    let rest = text[len..].strip_prefix(unit)?;
    Some((digits.iter().fold(0, |n, &d| n * 10 + d), rest))
}

/// An Arabic digit, half or full width.
fn arabic(c: char) -> Option<u32> {
    c.to_digit(10).or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
}

/// A digit of a year: Arabic, or a Chinese numeral (一九八二).
fn digit(c: char) -> Option<u32> {
    arabic(c).or_else(|| "〇一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn dated(text: &str, part: &str) -> Option<Date> {
        let start = text.find(part).unwrap();
        line_date(text, Span::new(start, start + part.len()))
    }

    fn day(y: i32, m: u32, d: u32) -> Option<Date> {
        Date::new(y, m, d)
    }

    #[test]
    fn issuing_lines_give_their_date() {
        let text = "国务院关于……的通知\n（1982年12月3日中国民用航空总局发布　根据2019年3月2日修订）\n第一条";
        assert_eq!(dated(text, "中国民用航空总局"), day(1982, 12, 3));
        assert_eq!(dated("一九八二年五月民航总局印发", "民航总局"), day(1982, 12, 31));
        assert_eq!(dated("１９８２年５月民航总局印发", "民航总局"), day(1982, 5, 31));
        assert_eq!(dated("中国民用航空总局令第3号\n", "中国民用航空总局"), None);
        assert_eq!(dated("（民航总局〔1982〕12号）", "民航总局"), day(1982, 12, 31));
        assert_eq!(
            dated("1982年5月3日中国民用航空总局令第3号", "中国民用航空总局"),
            day(1982, 5, 3)
        );
    }

    #[test]
    fn other_lines_give_none() {
        // No word of issuing: a date in running text speaks of something else.
        assert_eq!(dated("1982年，中国民用航空总局开通了航线。", "中国民用航空总局"), None);
        // Not a year: a number of 年 (服务满20年) or five digits.
        assert_eq!(dated("工作满20年后公布中国民用航空总局名单", "中国民用航空总局"), None);
        assert_eq!(dated("编号19820年公布中国民用航空总局", "中国民用航空总局"), None);
        let long = format!("2008年发布{}中国民用航空总局", "的".repeat(MAX_LINE));
        assert_eq!(dated(&long, "中国民用航空总局"), None);
        let long = format!("2008年发布中国民用航空总局{}", "的".repeat(MAX_LINE));
        assert_eq!(dated(&long, "中国民用航空总局"), None);
        let framed =
            format!("{}\n1982年发布中国民用航空总局\n{}", "的".repeat(999), "的".repeat(999));
        assert_eq!(dated(&framed, "中国民用航空总局"), day(1982, 12, 31));
        // A date on another line does not date this one.
        assert_eq!(dated("1982年发布\n中国民用航空总局负责", "中国民用航空总局"), None);
        // A bracketed year that is no document number.
        assert_eq!(dated("中国民用航空总局〔1982〕年度报告", "中国民用航空总局"), None);
    }
}
