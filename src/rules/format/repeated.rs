//! Accidental repetition: 的的, 进行进行. Real reduplication (常常, 研究研究, 家家户户) is left
//! alone through the `repeat` word lists.

use super::{is_ideograph, Line};
use crate::dict::Dictionary;
use crate::finding::{Finding, Severity};
use crate::hash::{FastMap, FastSet};
use crate::registry::FORMAT_REPEATED;

/// Rule id of an accidentally repeated character or word (的的, 进行进行).
#[cfg(test)]
pub(crate) const REPEATED: &str = FORMAT_REPEATED.id;

/// Function characters that are almost never doubled on purpose.
const FUNCTION_CHARS: [char; 27] = [
    '的', '了', '在', '是', '和', '与', '及', '对', '把', '被', '将', '为', '从', '等', '也', '都',
    '就', '还', '又', '或', '而', '并', '其', '该', '此', '这', '那',
];

/// Chinese numerals: 二〇二〇 is a year.
const NUMERALS: [char; 17] = [
    '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿',
    '两',
];

/// The legitimate reduplications and how to find them around a repeat. With the crate's
/// hash: the keys are the shipped lists' and the user's words, and the standard hasher was a
/// third of making them at every start.
#[derive(Debug, Default)]
pub(crate) struct Repeats {
    /// Listed words that are themselves a unit said twice in emphasis (谢谢谢谢).
    words: FastSet<String>,
    /// For each repeated string (家家), the listed words containing it and its offset in them.
    containing: FastMap<String, Vec<(String, usize)>>,
    /// Words ending in a function character (目的): in 目的的 the second 的 is a word of its own.
    ending: FastSet<String>,
    /// Words starting with a function character (是否): in 关键是是否 the second 是 starts 是否.
    starting: FastSet<String>,
}

impl Repeats {
    /// The lists of the `repeat` lines of `dicts`.
    pub(crate) fn new<'a>(dicts: impl Iterator<Item = &'a Dictionary> + Clone) -> Repeats {
        let mut repeats = Repeats {
            ending: dicts.clone().flat_map(|d| d.repeat_ending.iter().cloned()).collect(),
            starting: dicts.clone().flat_map(|d| d.repeat_starting.iter().cloned()).collect(),
            ..Repeats::default()
        };
        for word in dicts.flat_map(|d| d.repeats.iter()) {
            repeats.add(word);
        }
        repeats
    }

    fn add(&mut self, word: &str) {
        self.words.insert(word.to_owned());
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        for p in 0..chars.len() {
            for k in 1..=4 {
                if p + 2 * k > chars.len() || (0..k).any(|j| chars[p + j].1 != chars[p + k + j].1) {
                    continue;
                }
                let end = chars.get(p + 2 * k).map_or(word.len(), |c| c.0);
                let repeated = word[chars[p].0..end].to_owned();
                self.containing.entry(repeated).or_default().push((word.to_owned(), chars[p].0));
            }
        }
    }

    /// A quick test before [`Repeats::repeat_at`]: whether the ideograph at byte `at` comes
    /// again right after it (or, where a clause starts, after one to three more characters).
    #[inline(always)]
    pub(super) fn may_repeat_at(bytes: &[u8], at: usize, clause_start: bool) -> bool {
        // Characters compared as numbers (a slice comparison would call memcmp). `bytes` may
        // run on past the line (a match there is judged again within the line). Away from the
        // text's end, the five characters a clause start compares come from two loads and the
        // comparisons are combined without branching (a clause starts every ten characters).
        if let Some(w) = bytes.get(at..).and_then(|rest| rest.first_chunk::<16>()) {
            return Repeats::may_repeat_in(w, clause_start);
        }
        // Near the end, four bytes at a time where the text is long enough.
        let char_at = |k: usize| match bytes.get(k..k + 4) {
            Some(w) => Some(u32::from_le_bytes([w[0], w[1], w[2], w[3]]) & 0xFF_FFFF),
            None => bytes.get(k..k + 3).map(|w| u32::from_le_bytes([w[0], w[1], w[2], 0])),
        };
        let first = char_at(at);
        let again = |len: usize| first.is_some() && char_at(at + len) == first;
        again(3) || (clause_start && (again(6) || again(9) || again(12)))
    }

    /// [`Repeats::may_repeat_at`] for the ideograph that starts the 16 bytes `w`.
    #[inline(always)]
    pub(super) fn may_repeat_in(w: &[u8; 16], clause_start: bool) -> bool {
        let x = u64::from_le_bytes(*w.first_chunk::<8>().unwrap_or(&[0; 8]));
        let again = (x >> 24) & 0xFF_FFFF == x & 0xFF_FFFF;
        again || (clause_start && Repeats::may_repeat_word_in(w))
    }

    /// Whether the ideograph that starts the 16 bytes `w` comes again after one to three more
    /// characters: where a clause starts, a word of two to four characters written twice
    /// ([`Repeats::repeat_at`] tries those after the character written twice, which a caller
    /// that looks at every character written twice need not ask about here).
    #[inline(always)]
    pub(super) fn may_repeat_word_in(w: &[u8; 16]) -> bool {
        let x = u64::from_le_bytes(*w.first_chunk::<8>().unwrap_or(&[0; 8]));
        let y = u64::from_le_bytes(*w.last_chunk::<8>().unwrap_or(&[0; 8]));
        const CHAR: u64 = 0xFF_FFFF;
        let first = x & CHAR;
        let at_6 = ((x >> 48) | (y << 16)) & CHAR == first;
        let at_9 = (y >> 8) & CHAR == first;
        let at_12 = (y >> 32) & CHAR == first;
        at_6 | at_9 | at_12
    }

    /// An accidental repeat starting at byte `at`, and where it ends; words of two or more
    /// characters only where a clause starts.
    #[inline(never)]
    pub(super) fn repeat_at(
        &self,
        line: &Line<'_>,
        at: usize,
        clause_start: bool,
    ) -> Option<(usize, Finding)> {
        let bytes = line.text.as_bytes();
        let longest = if clause_start { 4 } else { 1 };
        for k in 1..=longest {
            let len = 3 * k;
            if at + 2 * len > bytes.len() {
                return None;
            }
            // Byte by byte, as most candidates differ at once (a slice comparison calls memcmp).
            let a = &bytes[at..at + len];
            if (0..len).any(|j| a[j] != bytes[at + len + j]) {
                continue;
            }
            let unit = std::str::from_utf8(a).ok()?;
            if !unit.chars().all(is_ideograph) || !self.is_accidental(line, at, unit) {
                continue;
            }
            let end = at + 2 * len;
            let message = format!("“{unit}”疑似重复");
            let f = line.finding(
                &FORMAT_REPEATED,
                Severity::Warning,
                (at, end),
                message,
                vec![unit.to_owned()],
            );
            return Some((end, f));
        }
        None
    }

    /// Whether `unit` written twice from `at` is a slip rather than a word.
    fn is_accidental(&self, line: &Line<'_>, at: usize, unit: &str) -> bool {
        let mut chars = unit.chars();
        let first = chars.next().unwrap_or_default();
        let single = chars.next().is_none();
        // Only a function character written twice can be a slip (人人, 常常 are words): asked
        // first, as most doubled characters are not one.
        if single && !FUNCTION_CHARS.contains(&first) {
            return false;
        }
        let twice = &line.text[at..at + 2 * unit.len()];
        if self.is_listed(line, at, twice) {
            return false;
        }
        if single {
            return self.is_doubled_function_char(line, at, first);
        }
        // 一步一步, 谢谢谢谢, 哈哈哈哈 and 二〇二〇 are said on purpose; 的通知的通知 (关于转发
        // 《…的通知》的通知) crosses words.
        let last = unit.chars().next_back().unwrap_or_default();
        if first == '一'
            || self.words.contains(unit)
            || unit.chars().all(|c| c == first || NUMERALS.contains(&c))
            || FUNCTION_CHARS.contains(&first)
            || FUNCTION_CHARS.contains(&last)
        {
            return false;
        }
        // Within a compound the copies usually belong to different words: 党组织组织, 95478部队
        // 部队长, 就业创业创新, α-乙酰乙酰苯胺. Only a copy that starts a clause after punctuation is judged.
        line.before(at).is_some_and(|c| c.is_whitespace() || is_clause_start(c))
    }

    /// Whether a listed word covers the repeat `twice` at `at`.
    fn is_listed(&self, line: &Line<'_>, at: usize, twice: &str) -> bool {
        let Some(words) = self.containing.get(twice) else { return false };
        words.iter().any(|(word, offset)| {
            at.checked_sub(*offset)
                .and_then(|s| line.text.get(s..))
                .is_some_and(|s| s.starts_with(word.as_str()))
        })
    }

    /// 的的 is a slip unless the first 的 ends a word (目的的) or the second starts one (是是否).
    fn is_doubled_function_char(&self, line: &Line<'_>, at: usize, c: char) -> bool {
        if !FUNCTION_CHARS.contains(&c) {
            return false;
        }
        let mut back = line.text[..at].chars().rev();
        let (p1, p2) = (back.next(), back.next());
        // 一把把 and 一个个 reduplicate a measure word.
        if p1 == Some('一') {
            return false;
        }
        let word = |chars: &[Option<char>]| chars.iter().copied().collect::<Option<String>>();
        let ends_word = [word(&[p1, Some(c)]), word(&[p2, p1, Some(c)])]
            .into_iter()
            .flatten()
            .any(|w| self.ending.contains(w.as_str()));
        let after = line.at(at + 2 * c.len_utf8());
        let starts_word =
            word(&[Some(c), after]).is_some_and(|w| self.starting.contains(w.as_str()));
        !ends_word && !starts_word
    }
}

/// Punctuation after which a clause starts.
pub(super) const fn is_clause_start(c: char) -> bool {
    const MARKS: [char; 27] = [
        '，', '。', '、', '；', '：', '？', '！', '“', '”', '‘', '’', '《', '》', '（', '）', '【',
        '】', '〔', '〕', '…', ',', ';', ':', '?', '!', '(', ')',
    ];
    crate::chars::holds(&MARKS, c)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_clean, assert_fix};
    use super::Repeats;
    use crate::dict::Dictionary;

    /// The `repeat` lists stay sorted and free of duplicates within each category (为了 both
    /// starts and ends with a function character); a problem is reported with its file and
    /// line.
    #[test]
    fn repeat_lists_are_sorted_and_free_of_duplicates() {
        let mut problems = Vec::new();
        let files = Dictionary::builtin_files().iter().filter(|(n, _)| n.contains("/format/"));
        let mut lists = 0;
        for (name, text) in files {
            let mut seen = std::collections::HashMap::new();
            let mut previous: Option<&str> = None;
            for (i, line) in text.lines().enumerate() {
                if line.starts_with('!') {
                    previous = None;
                    seen.clear();
                    lists += 1;
                    continue;
                }
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let word = line.split('\t').next().unwrap_or(line);
                if let Some(first) = seen.insert(word, i + 1) {
                    problems.push(format!("{name}:{}: `{word}` duplicates line {first}", i + 1));
                }
                if previous.is_some_and(|p| p > word) {
                    problems.push(format!("{name}:{}: `{word}` is out of order", i + 1));
                }
                previous = Some(word);
            }
        }
        assert!(lists >= 3, "only {lists} repeat lists found");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn function_words_come_from_the_dictionary() {
        let dict = Dictionary::builtin();
        assert!(dict.repeat_ending.iter().any(|w| w == "目的"));
        assert!(dict.repeat_starting.iter().any(|w| w == "是否"));
        let bare = Repeats::new(std::iter::empty());
        assert!(bare.ending.is_empty() && bare.starting.is_empty());
    }
    use super::REPEATED;

    #[test]
    fn slips() {
        assert_fix("我们的的工作", REPEATED, "的的", "的");
        assert_fix("完成了了任务", REPEATED, "了了", "了");
        assert_fix("要在在全市范围内", REPEATED, "在在", "在");
        assert_fix("这是是一项", REPEATED, "是是", "是");
        assert_fix("要求各地，进行进行部署", REPEATED, "进行进行", "进行");
        assert_fix("同时，工作工作。", REPEATED, "工作工作", "工作");
        assert_clean("部署部署");
        assert_fix("我们的，工作工作要抓实", REPEATED, "工作工作", "工作");
        assert_fix("党和和政府", REPEATED, "和和", "和");
    }

    #[test]
    fn reduplication_and_word_boundaries_stay() {
        assert_clean("常常、谢谢、看看、天天、人人、年年");
        assert_clean("研究研究，讨论讨论");
        assert_clean("家家户户，明明白白，一一对应");
        assert_clean("达到目的的手段");
        assert_clean("关键是是否落实");
        assert_clean("面对对方，针对对象");
        assert_clean("不了了之，实实在在，是是非非，的的确确");
        assert_clean("一步一步，一个个，一把把");
        assert_clean("谢谢谢谢");
        assert_clean("2020年2020，AAAA，。。");
        assert_clean("从从事相关工作的人员中");
        assert_clean("取得的成就就是");
        assert_clean("预计二〇二〇年，监测预测预警，党组织组织力，95478部队部队长");
        assert_clean("管理委员会委员会，老字号企业企业家，乌云其其格");
        assert_clean("促进就业创业创新，按等级分级分类，α-乙酰乙酰苯胺");
    }
}
