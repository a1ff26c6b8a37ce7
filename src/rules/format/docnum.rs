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
    // Most brackets open no year: four ASCII digits after the bracket, tested as bytes before
    // the bracket is decoded (28,000 brackets in the 15.8 MB of official text, 3 years).
    let bytes = line.text.as_bytes();
    let year_at = at + super::utf8_len(*bytes.get(at)?);
    let four = bytes.get(year_at..).and_then(|b| b.first_chunk::<4>());
    if !four.is_some_and(|d| d.iter().all(u8::is_ascii_digit)) {
        return None;
    }
    judge_year(line, at)
}

/// [`judge`] past its first test.
fn judge_year(line: &Line<'_>, at: usize) -> Option<Finding> {
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
    use super::super::Line;
    use super::{judge, judge_year, DOCUMENT_NUMBER as RULE};

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

    /// The first test on bytes against the whole judgement, at every byte of random lines:
    /// document numbers with each part now and then replaced by another or dropped.
    #[test]
    fn the_first_test_passes_every_document_number() {
        let parts: [&[&str]; 7] = [
            &["国发", "发", "a", ""],
            &["〔", "[", "（", "(", "【", "﹝", "〈", "］"],
            &["2019", "2020", "201", "20199", "１９"],
            &["〕", "]", "）", ")", "】", "﹞", "〉"],
            &["第", ""],
            &["12", "7", "123456"],
            &["号", "", "年"],
        ];
        let mut rng = crate::test_rng::Rng::new(19);
        let mut found = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + rng.below(3) {
                for part in parts {
                    let from: &[&str] = match rng.below(5) {
                        0 => parts[rng.below(parts.len())],
                        _ => part,
                    };
                    text.push_str(from[rng.below(from.len())]);
                }
            }
            let line = Line { text: &text, offset: 0 };
            for at in 0..text.len() {
                let whole = judge_year(&line, at).map(|f| f.span);
                assert_eq!(judge(&line, at).map(|f| f.span), whole, "{text:?} at {at}");
                found += usize::from(whole.is_some());
            }
        }
        assert!(found > 200, "{found}");
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
