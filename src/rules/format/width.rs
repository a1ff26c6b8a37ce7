//! Full and half width: half-width punctuation inside Chinese sentences, full-width digits and
//! Latin letters. Half-width brackets are judged as pairs in `pairs`.

use super::{is_cjk_closing, is_cjk_opening, is_ideograph, utf8_len, Line};
use crate::finding::{Finding, Severity};

/// Rule id of half-width punctuation in Chinese text and full-width digits or letters.
pub(crate) const WIDTH: &str = "format/width";

/// The full-width form of a half-width mark checked here.
fn full_width(b: u8) -> Option<&'static str> {
    match b {
        b',' => Some("，"),
        b';' => Some("；"),
        b':' => Some("："),
        b'?' => Some("？"),
        b'!' => Some("！"),
        _ => None,
    }
}

/// Which full-width marks a text uses. A text written throughout with half-width marks (no
/// “，” anywhere) has chosen that style; only a mix is reported.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Style {
    full: [bool; 6],
}

impl Style {
    const MARKS: [(u8, &'static str); 6] =
        [(b',', "，"), (b';', "；"), (b':', "："), (b'?', "？"), (b'!', "！"), (b'(', "（")];

    pub(super) fn of(text: &str) -> Style {
        Style { full: Style::MARKS.map(|(_, full)| text.contains(full)) }
    }

    /// Whether the text uses the full-width form of the half-width `mark` elsewhere.
    pub(super) fn mixes(&self, mark: u8) -> bool {
        let mark = if mark == b')' { b'(' } else { mark };
        Style::MARKS.iter().zip(self.full).any(|((m, _), used)| *m == mark && used)
    }
}

/// Whether `c` is a full-width digit or Latin letter.
fn is_full_width_alphanumeric(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Checks the widths in one line.
pub(super) fn check(line: &Line<'_>, style: Style, out: &mut Vec<Finding>) {
    let bytes = line.text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(full) = full_width(b) {
            if style.mixes(b) && in_chinese_sentence(line, i) {
                let message = format!("中文句子中应使用全角标点“{full}”");
                out.push(line.finding(
                    WIDTH,
                    Severity::Warning,
                    (i, i + 1),
                    message,
                    vec![full.to_owned()],
                ));
            }
            i += 1;
        } else if b == 0xEF && line.at(i).is_some_and(is_full_width_alphanumeric) {
            i = full_width_run(line, i, out);
        } else {
            i += utf8_len(b);
        }
    }
}

/// Whether the half-width mark at `at` sits inside Chinese text: Chinese on its left, and
/// Chinese or the end of the line on its right.
fn in_chinese_sentence(line: &Line<'_>, at: usize) -> bool {
    let left = line.before(at).is_some_and(|c| is_ideograph(c) || is_cjk_closing(c));
    let right = line.at(at + 1).is_none_or(|c| is_ideograph(c) || is_cjk_opening(c));
    left && right && !line.in_url_or_code(at)
}

/// Reports the run of full-width digits and letters starting at `start`; returns its end.
fn full_width_run(line: &Line<'_>, start: usize, out: &mut Vec<Finding>) -> usize {
    let run: String =
        line.text[start..].chars().take_while(|&c| is_full_width_alphanumeric(c)).collect();
    let end = start + run.len();
    let half: String = run.chars().filter_map(|c| char::from_u32(c as u32 - 0xFEE0)).collect();
    let message = format!("全角字母或数字“{run}”应使用半角“{half}”");
    out.push(line.finding(WIDTH, Severity::Info, (start, end), message, vec![half]));
    end
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_clean, assert_findings, assert_fix};
    use super::WIDTH;

    #[test]
    fn half_width_marks_in_chinese() {
        assert_fix("各单位,要高度重视，", WIDTH, ",", "，");
        assert_fix("主要任务:一是加强领导，二是：", WIDTH, ":", "：");
        assert_fix("如何落实?请回答？", WIDTH, "?", "？");
        assert_fix("加快发展;推进改革；", WIDTH, ";", "；");
        assert_fix("热烈祝贺!热烈欢迎！", WIDTH, "!", "！");
        assert_fix("《通知》,请，", WIDTH, ",", "，");
        assert_findings("一是,二是,三是，", &[(WIDTH, ","), (WIDTH, ",")]);
    }

    #[test]
    fn full_width_letters_and_digits() {
        assert_fix("第２０条", WIDTH, "２０", "20");
        assert_fix("ＧＤＰ增长", WIDTH, "ＧＤＰ", "GDP");
        assert_fix("ａ类", WIDTH, "ａ", "a");
    }

    #[test]
    fn numbers_urls_and_english_stay() {
        assert_clean("圆周率约为3.14，共1,000人");
        assert_clean("上午10:30开会");
        assert_clean("详见https://www.gov.cn/zhengce/");
        assert_clean("邮箱:abc@gov.cn");
        assert_clean("He said: yes, we can!");
        assert_clean("新冠肺炎(COVID-19)疫情");
        assert_clean("时间: 2021年");
        assert_clean("如下:1.加强领导");
        // A text written throughout with half-width marks has chosen that style.
        assert_clean("各乡镇人民政府,县级有关部门:\n(一)运行情况。第一季度,运行正常。");
    }
}
