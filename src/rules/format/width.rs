//! Full and half width: half-width punctuation inside Chinese sentences, full-width digits and
//! Latin letters. Half-width brackets are judged as pairs in `pairs`.

use super::{is_cjk_closing, is_cjk_opening, is_ideograph, Line};
use crate::finding::{Finding, Severity};
use crate::registry::FORMAT_WIDTH;

/// Rule id of half-width punctuation in Chinese text and full-width digits or letters.
#[cfg(test)]
pub(crate) const WIDTH: &str = FORMAT_WIDTH.id;

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

/// Which full-width marks a text uses, and the half-width marks found in Chinese sentences. A
/// text written throughout with half-width marks (no “，” anywhere) has chosen that style; only
/// a mix is reported, which only the end of the text tells.
#[derive(Debug, Default)]
pub(super) struct Width {
    /// Which of [`Width::MARKS`] appear full-width, one bit each (see [`style_bit`]).
    full: u8,
    /// Half-width marks in Chinese sentences, with the mark.
    candidates: Vec<(u8, Finding)>,
}

impl Width {
    const MARKS: [(u8, char); 6] =
        [(b',', '，'), (b';', '；'), (b':', '：'), (b'?', '？'), (b'!', '！'), (b'(', '（')];

    /// Notes the full-width marks of a character of the text, given as its [`style_bit`].
    #[inline]
    pub(super) fn saw(&mut self, bit: u8) {
        self.full |= bit;
    }

    /// Whether the text uses （ anywhere (so far).
    pub(super) fn full_width_brackets(&self) -> bool {
        self.full & style_bit('（') != 0
    }

    /// Looks at the half-width mark at byte `at` of the line (any ASCII byte may be given).
    pub(super) fn half_width_mark(&mut self, line: &Line<'_>, at: usize) {
        let b = line.text.as_bytes()[at];
        let Some(full) = full_width(b) else { return };
        if in_chinese_sentence(line, at) {
            let message = format!("中文句子中应使用全角标点“{full}”");
            let f = line.finding(
                &FORMAT_WIDTH,
                Severity::Warning,
                (at, at + 1),
                message,
                vec![full.into()],
            );
            self.candidates.push((b, f));
        }
    }

    /// Reports the half-width marks whose full-width form the text uses elsewhere.
    pub(super) fn finish(self, out: &mut Vec<Finding>) {
        let full = self.full;
        let mixes =
            |mark: u8| Width::MARKS.iter().any(|(m, c)| *m == mark && full & style_bit(*c) != 0);
        out.extend(self.candidates.into_iter().filter(|(b, _)| mixes(*b)).map(|(_, f)| f));
    }
}

/// The bit of `c` among the full-width marks whose use decides the width style of a text, or 0
/// for any other character.
pub(super) const fn style_bit(c: char) -> u8 {
    let mut k = 0;
    while k < Width::MARKS.len() {
        if Width::MARKS[k].1 == c {
            return 1 << k;
        }
        k += 1;
    }
    0
}

/// Whether `c` is a full-width digit or Latin letter.
pub(super) const fn is_full_width_alphanumeric(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Whether the half-width mark at `at` sits inside Chinese text: Chinese on its left, and
/// Chinese or the end of the line on its right.
fn in_chinese_sentence(line: &Line<'_>, at: usize) -> bool {
    let left = line.before(at).is_some_and(|c| is_ideograph(c) || is_cjk_closing(c));
    let right = line.at(at + 1).is_none_or(|c| is_ideograph(c) || is_cjk_opening(c));
    left && right && !line.in_url_or_code(at)
}

/// Reports the run of full-width digits and letters starting at `start`; returns its end.
pub(super) fn full_width_run(line: &Line<'_>, start: usize, out: &mut Vec<Finding>) -> usize {
    let run: String =
        line.text[start..].chars().take_while(|&c| is_full_width_alphanumeric(c)).collect();
    let end = start + run.len();
    let half: String = run.chars().filter_map(|c| char::from_u32(c as u32 - 0xFEE0)).collect();
    let message = format!("全角字母或数字“{run}”应使用半角“{half}”");
    out.push(line.finding(&FORMAT_WIDTH, Severity::Info, (start, end), message, vec![half]));
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
        // Which marks the text writes full-width is known only at its end.
        assert_findings("一是,二是\n三是：四是，", &[(WIDTH, ",")]);
        assert_findings("一是;二是\n三是：四是，", &[]);
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
