//! Dates: impossible dates (2021年2月30日), weekdays that contradict their date and ranges
//! whose end precedes their start.

use super::{ascii_number, Line};
use crate::date::{days_in_month, Date, WRITTEN_YEARS};
use crate::finding::{Finding, Severity};
use crate::registry::{FORMAT_DATE, FORMAT_DATE_RANGE, FORMAT_WEEKDAY};

/// Rule id of a date that does not exist (2021年2月30日, 4月31日, 2021-13-01).
#[cfg(test)]
pub(crate) const DATE: &str = FORMAT_DATE.id;
/// Rule id of a weekday that contradicts its date (2021年2月24日（星期二）).
#[cfg(test)]
pub(crate) const WEEKDAY: &str = FORMAT_WEEKDAY.id;
/// Rule id of a range that ends before it starts (2021年3月5日至3月1日).
#[cfg(test)]
pub(crate) const DATE_RANGE: &str = FORMAT_DATE_RANGE.id;

/// A written date, as precise as it was written: 2021年, 2021年3月, 3月5日, 5日.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Written {
    start: usize,
    end: usize,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

impl Written {
    /// Whether the date can exist; a date without a year may be 29 February.
    fn exists(&self) -> bool {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m, d).is_some(),
            (_, Some(m), None) => (1..=12).contains(&m),
            (None, Some(m), Some(d)) => {
                (1..=12).contains(&m) && (1..=days_in_month(2000, m)).contains(&d)
            }
            _ => true,
        }
    }
}

/// Judges a date that may start at the ASCII digit at byte `i` of the line; returns where the
/// date ends, or `None` when no date starts there.
pub(super) fn at(line: &Line<'_>, i: usize, out: &mut Vec<Finding>) -> Option<usize> {
    let bytes = line.text.as_bytes();
    let starts_number = bytes[i].is_ascii_digit()
        && (i == 0
            || !matches!(bytes[i - 1], b'0'..=b'9' | b'.' | b'/' | b'-' | b'a'..=b'z' | b'A'..=b'Z'));
    let w = starts_number.then(|| written(line, i)).flatten()?;
    judge(line, w, out);
    Some(w.end)
}

/// Judges the written date `w`: whether it exists, its weekday, and the range it may start.
fn judge(line: &Line<'_>, w: Written, out: &mut Vec<Finding>) {
    if !w.exists() {
        let message = format!("日期“{}”不存在", &line.text[w.start..w.end]);
        out.push(line.finding(
            &FORMAT_DATE,
            Severity::Error,
            (w.start, w.end),
            message,
            Vec::new(),
        ));
        return;
    }
    let mut end = w.end;
    if let (Some(y), Some(m), Some(d)) = (w.year, w.month, w.day) {
        let date = Date::new(y, m, d);
        if let Some((weekday_end, f)) = date.and_then(|date| weekday(line, w.end, date)) {
            end = weekday_end;
            out.extend(f);
        }
    }
    if let Some(f) = range(line, w, end) {
        out.push(f);
    }
}

/// A date written at `at`: Chinese style (2021年2月3日, 2月3日, 3日, 2021年), ISO style
/// (2021-02-03, 2021/2/3) or a bare year that starts a year range (2019—2021年).
fn written(line: &Line<'_>, at: usize) -> Option<Written> {
    let b = line.text.as_bytes();
    let (first, after) = ascii_number(b, at, 4)?;
    let digits = after - at;
    let unit = |pos: usize| line.text.get(pos..).and_then(|s| s.chars().next());
    let mut w = Written { start: at, end: after, ..Written::default() };
    match unit(after)? {
        '年' if digits == 4 => {
            w.year = Some(first as i32);
            w.end = after + 3;
            if let Some((m, e)) = ascii_number(b, w.end, 2).filter(|&(_, e)| unit(e) == Some('月'))
            {
                w.month = Some(m);
                w.end = e + 3;
                day_after(line, &mut w);
            }
        }
        '月' if digits <= 2 => {
            w.month = Some(first);
            w.end = after + 3;
            day_after(line, &mut w);
            // 13月 alone may be an age in months (13月龄): only a date with a day counts.
            if w.day.is_none() && !(1..=12).contains(&first) {
                return None;
            }
        }
        '日' | '号' if digits <= 2 => {
            w.day = Some(first);
            w.end = after + 3;
        }
        sep @ ('-' | '/') if digits == 4 => return iso(line, at, first, sep).or(Some(w)),
        _ if digits == 4 => {}
        _ => return None,
    }
    Some(w)
}

/// Reads the day after a month: `5日` or `5号`.
fn day_after(line: &Line<'_>, w: &mut Written) {
    let b = line.text.as_bytes();
    if let Some((d, e)) = ascii_number(b, w.end, 2) {
        if line.text[e..].starts_with(['日', '号']) {
            w.day = Some(d);
            w.end = e + 3;
        }
    }
}

/// An ISO-style date: 2021-02-03, 2021/2/3.
fn iso(line: &Line<'_>, at: usize, year: u32, sep: char) -> Option<Written> {
    let b = line.text.as_bytes();
    if !WRITTEN_YEARS.contains(&year) || line.in_url_or_code(at) {
        return None;
    }
    let (month, e) = ascii_number(b, at + 5, 2)?;
    if b.get(e) != Some(&(sep as u8)) {
        return None;
    }
    let (day, end) = ascii_number(b, e + 1, 2)?;
    // 2021-02-03-01 or 2021/2/3/4 is something else (a serial number, a path).
    if matches!(b.get(end), Some(b'-' | b'/' | b'.' | b'_' | b':') | Some(b'a'..=b'z' | b'A'..=b'Z'))
    {
        return None;
    }
    Some(Written { start: at, end, year: Some(year as i32), month: Some(month), day: Some(day) })
}

/// The weekday written right after a date ending at `at`: 星期三, （周三）, (礼拜天). Returns where
/// it ends and a finding if it is wrong.
fn weekday(line: &Line<'_>, at: usize, date: Date) -> Option<(usize, Option<Finding>)> {
    let rest = &line.text[at..];
    let trimmed = rest.trim_start_matches([' ', '　']);
    let mut pos = at + rest.len() - trimmed.len();
    let bracket = trimmed.starts_with(['（', '(']);
    if bracket {
        pos += line.at(pos)?.len_utf8();
    }
    let text = &line.text[pos..];
    let prefix = ["星期", "礼拜", "周"].into_iter().find(|p| text.starts_with(p))?;
    let day_at = pos + prefix.len();
    let written = line.at(day_at)?;
    let written_index = "一二三四五六日天".chars().position(|c| c == written)?.min(6) as u32;
    let mut end = day_at + written.len_utf8();
    if bracket && line.text[end..].starts_with(['）', ')']) {
        end += line.at(end)?.len_utf8();
    }
    let actual = date.weekday();
    if actual == written_index {
        return Some((end, None));
    }
    let right = match actual {
        6 if prefix == "礼拜" => '天',
        6 => '日',
        n => "一二三四五六".chars().nth(n as usize)?,
    };
    let right = format!("{prefix}{right}");
    let message = format!("{}年{}月{}日是{right}", date.year, date.month, date.day);
    let span = (pos, day_at + written.len_utf8());
    Some((end, Some(line.finding(&FORMAT_WEEKDAY, Severity::Error, span, message, vec![right]))))
}

/// The separators of a range: 至, 到, dashes and tildes.
fn range_separator(text: &str) -> Option<usize> {
    ["——", "至", "到", "—", "–", "－", "-", "～", "~", "〜"]
        .into_iter()
        .find(|s| text.starts_with(s))
        .map(str::len)
}

/// A range starting with `first` (its text, with any weekday, ending at `at`) whose end precedes
/// its start.
fn range(line: &Line<'_>, first: Written, at: usize) -> Option<Finding> {
    let sep = range_separator(&line.text[at..])?;
    let second = written(line, at + sep)?;
    if !second.exists() {
        return None;
    }
    // The end inherits what it leaves out: 3月5日至1日 is 3月1日, 2019—2021年 makes 2019 a year.
    let (start, end) = match (first, second) {
        (Written { year: None, month: None, day: None, .. }, Written { year: Some(_), .. }) => {
            (Written { year: Some(bare_year(line, first)?), ..first }, second)
        }
        (_, Written { year: None, month: None, day: Some(_), .. }) if first.day.is_some() => {
            (first, Written { year: first.year, month: first.month, ..second })
        }
        // Only the same month: 2020年12月28日至1月3日 crosses a new year.
        (_, Written { year: None, month: Some(m), .. }) if first.month == Some(m) => {
            (first, Written { year: first.year, ..second })
        }
        (Written { year: Some(_), .. }, Written { year: Some(_), .. }) => (first, second),
        _ => return None,
    };
    if !ends_before(&start, &end) {
        return None;
    }
    let span = (first.start, second.end);
    let message = format!("时间范围“{}”的结束早于开始", &line.text[span.0..span.1]);
    Some(line.finding(&FORMAT_DATE_RANGE, Severity::Warning, span, message, Vec::new()))
}

/// Whether `end` comes before `start`, comparing only what both give (2021年3月5日至2021年3月 is
/// fine).
fn ends_before(start: &Written, end: &Written) -> bool {
    let fields = [
        (start.year.map(i64::from), end.year.map(i64::from)),
        (start.month.map(i64::from), end.month.map(i64::from)),
        (start.day.map(i64::from), end.day.map(i64::from)),
    ];
    for pair in fields {
        match pair {
            (Some(a), Some(b)) if b != a => return b < a,
            (Some(_), Some(_)) | (None, None) => {}
            _ => return false,
        }
    }
    false
}

/// A bare year: 2019 in 2019—2021年.
fn bare_year(line: &Line<'_>, w: Written) -> Option<i32> {
    let (n, _) = ascii_number(line.text.as_bytes(), w.start, 4)?;
    WRITTEN_YEARS.contains(&n).then_some(n as i32)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_clean, assert_findings, assert_fix};
    use super::super::width::WIDTH;
    use super::{DATE, DATE_RANGE, WEEKDAY};

    #[test]
    fn impossible_dates() {
        assert_findings("2021年2月30日召开", &[(DATE, "2021年2月30日")]);
        assert_findings("2021年13月", &[(DATE, "2021年13月")]);
        assert_findings("定于2月30日前完成", &[(DATE, "2月30日")]);
        assert_findings("4月31日", &[(DATE, "4月31日")]);
        assert_findings("2021年0月", &[(DATE, "2021年0月")]);
        assert_findings("2021年3月32日", &[(DATE, "2021年3月32日")]);
        assert_findings("2021年2月29日", &[(DATE, "2021年2月29日")]);
        assert_findings("于2021-02-30发布", &[(DATE, "2021-02-30")]);
        assert_findings("于2021/02/30发布", &[(DATE, "2021/02/30")]);
        assert_findings("3月0日", &[(DATE, "3月0日")]);
    }

    #[test]
    fn possible_dates_and_look_alikes_stay() {
        assert_clean("2020年2月29日");
        assert_clean("2月29日");
        assert_clean("收到申请之日起60日内作出决定");
        assert_clean("0—36月龄婴幼儿，18月龄");
        assert_clean("有期徒刑5年10月");
        assert_clean("2021年1—12月，共12个月");
        assert_clean("见https://www.gov.cn/2021-02-30/a.htm");
        assert_clean("编号2021-13-45-01");
        assert_clean("1.2万亩，3.14，10:30");
    }

    #[test]
    fn weekdays() {
        assert_fix("2021年2月24日（星期二）", WEEKDAY, "星期二", "星期三");
        assert_fix("2021年2月24日周二", WEEKDAY, "周二", "周三");
        assert_fix("2021年2月28日（礼拜六）", WEEKDAY, "礼拜六", "礼拜天");
        assert_fix("2021年2月28日 星期一", WEEKDAY, "星期一", "星期日");
        assert_fix("2021-02-24（周一）", WEEKDAY, "周一", "周三");
        assert_clean("2021年2月24日（星期三）");
        assert_clean("2021年2月28日（星期日）");
        assert_clean("2021年2月28日（星期天）");
        assert_clean("2021年2月24日周三上午");
        // Half-width brackets around 周三 are a width problem, the weekday is right.
        assert_findings("2021年2月24日(周三)（上午）", &[(WIDTH, "("), (WIDTH, ")")]);
        assert_clean("2021年2月24日，周二下午");
    }

    #[test]
    fn backwards_ranges() {
        assert_findings(
            "2021年3月5日至2021年3月1日",
            &[(DATE_RANGE, "2021年3月5日至2021年3月1日")],
        );
        assert_findings("2021年3月5日—3月1日", &[(DATE_RANGE, "2021年3月5日—3月1日")]);
        assert_findings("3月5日至1日", &[(DATE_RANGE, "3月5日至1日")]);
        assert_findings("2019—2017年", &[(DATE_RANGE, "2019—2017年")]);
        assert_findings("2021年5月至2020年3月", &[(DATE_RANGE, "2021年5月至2020年3月")]);
        assert_findings("2019年—2017年", &[(DATE_RANGE, "2019年—2017年")]);
    }

    #[test]
    fn forward_ranges_stay() {
        assert_clean("2021年3月1日至2021年3月5日");
        assert_clean("2020年12月28日至1月3日");
        assert_clean("3月1日至5日");
        assert_clean("(2016-2020年)");
        assert_clean("2021年3月5日至2021年3月");
        assert_clean("2021年2月24日（星期三）至2月26日");
        assert_clean("GB/T 9704-2012");
    }
}
