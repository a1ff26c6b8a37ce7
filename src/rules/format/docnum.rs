//! Document numbers (发文字号): the year is enclosed in 六角括号, 国办秘函〔2019〕19号.

use super::{ascii_number, is_ideograph, Line};
use crate::date::DOCUMENT_YEARS;
use crate::finding::{Finding, Severity};
use crate::registry::FORMAT_DOCUMENT_NUMBER;

/// Rule id of a document number whose year is not in 〔〕 (国办秘函\[2019\]19号).
#[cfg(test)]
pub(crate) const DOCUMENT_NUMBER: &str = FORMAT_DOCUMENT_NUMBER.id;

const OPENERS: [char; 8] = ['〔', '[', '【', '(', '（', '［', '〈', '﹝'];
const CLOSERS: [char; 8] = ['〕', ']', '】', ')', '）', '］', '〉', '﹞'];

/// Whether `c` may open the year of a document number.
pub(super) const fn is_opener(c: char) -> bool {
    crate::chars::holds(&OPENERS, c)
}

/// A document number whose bracketed year starts at `at`, if its brackets are wrong.
pub(super) fn judge(line: &Line<'_>, at: usize) -> Option<Finding> {
    let open = line.at(at).filter(|c| OPENERS.contains(c))?;
    let bytes = line.text.as_bytes();
    let year_at = at + open.len_utf8();
    let (year, year_end) = ascii_number(bytes, year_at, 4).filter(|(_, e)| e - year_at == 4)?;
    let close = line.at(year_end).filter(|c| CLOSERS.contains(c))?;
    let end = year_end + close.len_utf8();
    if (open, close) == ('〔', '〕') || !DOCUMENT_YEARS.contains(&year) {
        return None;
    }
    let after = if line.text[end..].starts_with('第') { end + '第'.len_utf8() } else { end };
    let (_, number_end) = ascii_number(bytes, after, 5)?;
    if !line.text[number_end..].starts_with('号') {
        return None;
    }
    let organ = line.text[..at].chars().rev().take_while(|&c| is_ideograph(c)).count();
    if organ < 2 {
        return None;
    }
    let right = format!("〔{year}〕");
    let message = format!("发文字号中的年份应使用六角括号，写作“{right}”");
    Some(line.finding(&FORMAT_DOCUMENT_NUMBER, Severity::Error, (at, end), message, vec![right]))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_clean, assert_fix};
    use super::DOCUMENT_NUMBER as RULE;

    #[test]
    fn wrong_brackets() {
        assert_fix("国办秘函[2019]19号", RULE, "[2019]", "〔2019〕");
        assert_fix("按照国发【2020】5号文件", RULE, "【2020】", "〔2020〕");
        assert_fix("国办发(2018)12号", RULE, "(2018)", "〔2018〕");
        assert_fix("财预（2021）100号", RULE, "（2021）", "〔2021〕");
        assert_fix("教基［2017］3号", RULE, "［2017］", "〔2017〕");
        assert_fix("中办发〈2016〉64号", RULE, "〈2016〉", "〔2016〕");
        assert_fix("川府发〔2019]7号", RULE, "〔2019]", "〔2019〕");
        assert_fix("国发(2019)第8号", RULE, "(2019)", "〔2019〕");
    }

    #[test]
    fn right_brackets_and_other_years_stay() {
        assert_clean("国办秘函〔2019〕19号");
        assert_clean("规划(2016-2020年)");
        assert_clean("（2019）京01民初19号");
        assert_clean("发[2019]");
        assert_clean("国发[2019]号");
        assert_clean("截至（2019）年底共19号");
        assert_clean("编号A[2019]19号");
    }
}
