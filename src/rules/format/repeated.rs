//! Accidental repetition: 的的, 进行进行. Real reduplication (常常, 研究研究, 家家户户) is left
//! alone through the `repeat` word lists.

use super::{is_ideograph, Line};
use crate::finding::{Finding, Severity};
use crate::registry::FORMAT_REPEATED;
use std::collections::{HashMap, HashSet};

/// Rule id of an accidentally repeated character or word (的的, 进行进行).
#[cfg(test)]
pub(crate) const REPEATED: &str = FORMAT_REPEATED.id;

/// Function characters that are almost never doubled on purpose.
const FUNCTION_CHARS: &str = "的了在是和与及对把被将为从等也都就还又或而并其该此这那";

/// Chinese numerals: 二〇二〇 is a year.
const NUMERALS: &str = "〇零一二三四五六七八九十百千万亿两";

/// Words ending in a function character: in 目的的 the second 的 is a word of its own.
const ENDING_WORDS: &str = "目的 有的 似的 别的 是的 为了 除了 罢了 好了 算了 极了 受了 \
    存在 所在 现在 正在 实在 自在 好在 内在 潜在 外在 旨在 在在 重在 贵在 难在 \
    就是 但是 还是 只是 凡是 总是 于是 而是 或是 可是 正是 即是 也是 都是 不是 更是 要是 硬是 \
    特别是 尤其是 先是 一是 二是 三是 四是 五是 六是 七是 八是 九是 十是 又是 便是 乃是 则是 \
    总和 温和 平和 缓和 调和 共和 祥和 和和 柔和 饱和 随和 暖和 谦和 \
    参与 给与 赋与 及与 以及 涉及 普及 危及 顾及 波及 惠及 提及 遍及 论及 触及 企及 推及 \
    面对 针对 核对 应对 比对 反对 相对 绝对 校对 一对 配对 成对 不对 \
    作为 成为 认为 行为 因为 以为 称为 视为 更为 较为 极为 最为 尤为 分为 列为 定为 改为 \
    大为 广为 颇为 甚为 化为 转为 作为 变为 确认为 难为 有为 所为 人为 \
    棉被 即将 必将 终将 也将 还将 又将 都将 服从 遵从 自从 听从 顺从 盲从 无从 何从 \
    平等 同等 高等 中等 对等 初等 优等 次等 头等 等等 均等 \
    首都 成都 京都 大都 全都 也都 \
    成就 造就 也就 早就 将就 迁就 \
    归还 偿还 退还 返还 交还 送还 奉还 \
    从而 因而 进而 然而 反而 继而 故而 既而 时而 \
    合并 兼并 吞并 归并 \
    尤其 极其 与其 及其 何其 \
    应该 活该 本该 理该 \
    因此 如此 由此 彼此 据此 对此 为此 特此 从此 至此 就此 借此 在此 此此 以此 于此 \
    刹那";

/// Words starting with a function character: in 关键是是否 the second 是 starts 是否.
const STARTING_WORDS: &str = "的确 的士 了解 了结 了却 在于 在场 在职 在建 在校 在线 在册 在押 \
    是否 是非 和平 和谐 和睦 和解 和美 和气 与会 与其 及时 及早 及其 及格 \
    对象 对方 对于 对外 对接 对照 对策 对话 对待 对比 对应 对口 对手 对称 对抗 对冲 对标 对内 \
    把关 把握 把手 被告 被动 被迫 将来 将近 将军 将要 为了 为止 为主 为民 为人 为此 为何 为难 \
    从事 从而 从严 从业 从来 从重 从轻 从此 从速 从宽 从简 从优 从属 等级 等待 等同 等于 等候 等量 \
    也许 都市 都会 就业 就是 就医 就近 就地 就读 就职 就位 就学 就餐 就诊 就绪 就任 就此 \
    还是 还款 还有 还原 还贷 还要 又称 或者 或许 或是 而且 而言 而是 而后 而已 \
    并且 并购 并行 并重 并非 并列 并举 并轨 并联 并网 并存 其他 其中 其实 其余 其次 其间 其后 其它 其他 \
    该项 该局 该市 该县 此外 此次 此前 此后 此时 此类 此项 这些 这样 这个 这里 这种 这次 那些 那样 那么";

/// The legitimate reduplications and how to find them around a repeat.
#[derive(Debug, Default)]
pub(crate) struct Repeats {
    /// Listed words that are themselves a unit said twice in emphasis (谢谢谢谢).
    words: HashSet<String>,
    /// For each repeated string (家家), the listed words containing it and its offset in them.
    containing: HashMap<String, Vec<(String, usize)>>,
    ending: HashSet<&'static str>,
    starting: HashSet<&'static str>,
}

impl Repeats {
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Repeats {
        let mut repeats = Repeats {
            ending: ENDING_WORDS.split_whitespace().collect(),
            starting: STARTING_WORDS.split_whitespace().collect(),
            ..Repeats::default()
        };
        for word in words {
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
        // Characters compared as numbers (a slice comparison would call memcmp). Away from the
        // line's end, the five characters a clause start compares come from two loads and the
        // comparisons are combined without branching (a clause starts every ten characters).
        if let Some(w) = bytes.get(at..).and_then(|rest| rest.first_chunk::<16>()) {
            let x = u64::from_le_bytes(*w.first_chunk::<8>().unwrap_or(&[0; 8]));
            let y = u64::from_le_bytes(*w.last_chunk::<8>().unwrap_or(&[0; 8]));
            const CHAR: u64 = 0xFF_FFFF;
            let first = x & CHAR;
            let again = (x >> 24) & CHAR == first;
            if !clause_start {
                return again;
            }
            let at_6 = ((x >> 48) | (y << 16)) & CHAR == first;
            let at_9 = (y >> 8) & CHAR == first;
            let at_12 = (y >> 32) & CHAR == first;
            return again | at_6 | at_9 | at_12;
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
        if single && !FUNCTION_CHARS.contains(first) {
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
            || unit.chars().all(|c| c == first || NUMERALS.contains(c))
            || FUNCTION_CHARS.contains(first)
            || FUNCTION_CHARS.contains(last)
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
        if !FUNCTION_CHARS.contains(c) {
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
pub(super) fn is_clause_start(c: char) -> bool {
    const MARKS: [char; 27] = [
        '，', '。', '、', '；', '：', '？', '！', '“', '”', '‘', '’', '《', '》', '（', '）', '【',
        '】', '〔', '〕', '…', ',', ';', ':', '?', '!', '(', ')',
    ];
    MARKS.contains(&c)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_clean, assert_fix};
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
