//! Context of Hong Kong, Macao and Taiwan wording: whether a hit of a `sovereignty` or
//! `taiwan-title` entry is the writer's own wording or a correctly marked reference.
//!
//! Xinhua's style rules let a text name Taiwan's institutions and slogans only in quotation
//! marks (台湾“立法院”) or after 所谓; news that quotes them so is clean. The titles and
//! institutions themselves (总统, 行政院, 立法院) are ordinary words elsewhere: 美国总统, a history
//! of the Republic of China before 1949 (1947年行政院在南京改组), Korea's 监察院. A
//! `taiwan-title` hit is therefore reported only in a sentence that speaks of Taiwan, and not
//! when a foreign country's name stands right before it or the sentence tells of the years
//! before 1949.

use crate::date::BEFORE_1949;
use crate::span::Span;

/// Category whose hits are clean when quoted or marked (所谓, 台湾地区).
pub(crate) const SOVEREIGNTY: &str = "sovereignty";
/// Category of Taiwan's institutions and titles: also needs a sentence about Taiwan.
pub(crate) const TAIWAN_TITLE: &str = "taiwan-title";
/// Category of the words that close a list of countries (等国家): wrong only when the list
/// names Taiwan, Hong Kong or Macao and 和地区 does not follow.
pub(crate) const COUNTRY_LIST: &str = "country-list";

/// Places that are not countries and make a list of countries a list of countries and regions.
const REGIONS: &[&str] = &["台湾", "香港", "澳门", "中国台北"];

/// What may follow 等国家 to name the regions as well, or to make it another word (等国家级).
const AND_REGIONS: &[&str] =
    &["和地区", "及地区", "或地区", "与地区", "地区", "（地区）", "(地区)", "级"];

/// Words that make a sentence speak of Taiwan (places, parties, leaders since 1988).
const TAIWAN: &[&str] = &[
    "台湾",
    "臺灣",
    "台当局",
    "台北",
    "岛内",
    "台澎金马",
    "民进党",
    "国民党",
    "蔡英文",
    "赖清德",
    "马英九",
    "陈水扁",
    "李登辉",
    "萧美琴",
    "陈建仁",
    "卓荣泰",
    "苏贞昌",
    "韩国瑜",
    "柯文哲",
    "孙中山",
];

/// Words that place a sentence in the years before 1949, when 行政院 or 总统 named the
/// Republic of China's central organs.
const HISTORY: &[&str] =
    &["民国时期", "国民政府", "北洋", "抗战", "抗日", "辛亥", "北伐", "大总统", "晚清", "清末"];

/// Countries whose Chinese name does not end in 国, for 智利总统, 俄罗斯总统 and the like.
const FOREIGN: &[&str] = &[
    "俄罗斯",
    "乌克兰",
    "白俄罗斯",
    "菲律宾",
    "新加坡",
    "印度",
    "印尼",
    "马来西亚",
    "越南",
    "老挝",
    "柬埔寨",
    "缅甸",
    "蒙古",
    "巴基斯坦",
    "斯坦",
    "土耳其",
    "伊朗",
    "伊拉克",
    "叙利亚",
    "以色列",
    "巴勒斯坦",
    "埃及",
    "南非",
    "肯尼亚",
    "尼日利亚",
    "津巴布韦",
    "巴西",
    "阿根廷",
    "智利",
    "秘鲁",
    "墨西哥",
    "古巴",
    "委内瑞拉",
    "哥伦比亚",
    "厄瓜多尔",
    "玻利维亚",
    "乌拉圭",
    "巴拉圭",
    "巴拿马",
    "危地马拉",
    "洪都拉斯",
    "尼加拉瓜",
    "萨尔瓦多",
    "海地",
    "帕劳",
    "意大利",
    "芬兰",
    "奥地利",
    "葡萄牙",
    "塞尔维亚",
    "格鲁吉亚",
    "阿塞拜疆",
    "哈萨克",
    "乌兹别克",
    "吉尔吉斯",
    "塔吉克",
    "立陶宛",
    "捷克",
    "斯洛伐克",
    "匈牙利",
    "波兰",
    "罗马尼亚",
    "保加利亚",
    "克罗地亚",
    "希腊",
    "塞浦路斯",
    "冰岛",
    "爱尔兰",
    "瑞士",
    "阿尔及利亚",
    "突尼斯",
    "苏丹",
    "埃塞俄比亚",
    "坦桑尼亚",
    "安哥拉",
    "莫桑比克",
    "赞比亚",
    "加纳",
    "塞内加尔",
    "刚果",
    "卢旺达",
    "乌干达",
    "纳米比亚",
    "斯里兰卡",
    "孟加拉",
    "尼泊尔",
    "马尔代夫",
    "阿富汗",
    "黎巴嫩",
    "也门",
    "马达加斯加",
    "斐济",
];

/// Words between a country and a title that do not change whose title it is (美国前总统).
const MODIFIERS: &[&str] =
    &["前", "新任", "时任", "现任", "候任", "当选", "卸任", "代理", "代", "副"];

/// Marks before a term that show the writer does not adopt it.
const MARKERS: &[&str] = &["所谓", "所谓的", "台湾地区"];

/// Quotation marks and title marks whose inside is someone else's wording.
const QUOTES: &[(char, char)] = &[('“', '”'), ('「', '」'), ('『', '』'), ('‘', '’'), ('《', '》')];

/// Whether a hit of an entry of `category` is reported; other categories always are.
pub(crate) fn reports(category: Option<&str>, text: &str, span: Span) -> bool {
    match category {
        Some(SOVEREIGNTY) => !marked(text, span),
        Some(TAIWAN_TITLE) => {
            !marked(text, span)
                && speaks_of_taiwan(text, span)
                && !foreign_before(text, span)
                && !historical(text, span)
        }
        Some(COUNTRY_LIST) => lists_a_region(text, span),
        _ => true,
    }
}

/// Whether the list that `span` closes has Taiwan, Hong Kong or Macao as an item (美国、日本、
/// 台湾等国家) and no 和地区 follows. Items are split at 、, 和 and 及 within the clause (与 links
/// a subject to the list: 香港与美国、日本等国家的贸易).
fn lists_a_region(text: &str, span: Span) -> bool {
    if AND_REGIONS.iter().any(|w| text[span.end..].starts_with(w)) {
        return false;
    }
    let clause = after_last(&text[..span.start], |c| "。！？!?\n，,；;：:".contains(c));
    let has_list = clause.contains('、');
    let items = clause.split(['、', '和', '及']);
    has_list && items.map(str::trim).any(|item| REGIONS.iter().any(|r| item.ends_with(r)))
}

/// Quoted, preceded by 所谓 or 台湾地区, or not the term at all: 台 after a number is the
/// measure word (3台独立式烘干机).
fn marked(text: &str, span: Span) -> bool {
    let before = &text[..span.start];
    quoted(text, span) || MARKERS.iter().any(|m| before.ends_with(m)) || measure_word(text, span)
}

/// A hit that starts with the measure word 台 right after a number.
fn measure_word(text: &str, span: Span) -> bool {
    let numeral = |c: char| c.is_numeric() || "一二三四五六七八九十百千万两几多数每".contains(c);
    text[span].starts_with('台') && text[..span.start].chars().next_back().is_some_and(numeral)
}

/// Whether `span` lies between an opening and a closing mark of its line.
pub(crate) fn quoted(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
    let (before, after) = (&text[line_start..span.start], &text[span.end..line_end]);
    let paired = QUOTES.iter().any(|&(open, close)| {
        let depth = before.matches(open).count() as isize - before.matches(close).count() as isize;
        depth > 0 && after.contains(close)
    });
    paired || (before.matches('"').count() % 2 == 1 && after.contains('"'))
}

/// The sentence around `span`: from the last sentence end before it to the first after it.
pub(crate) fn sentence(text: &str, span: Span) -> &str {
    let ends = |c: char| matches!(c, '。' | '！' | '？' | '!' | '?' | '\n');
    let start = span.start - after_last(&text[..span.start], ends).len();
    let end = text[span.end..].find(ends).map_or(text.len(), |i| span.end + i);
    &text[start..end]
}

/// The clause before `span`, back to the last comma, enumeration mark or sentence end.
fn clause_before(text: &str, span: Span) -> &str {
    after_last(&text[..span.start], |c| "。！？!?\n，,；;、：:".contains(c))
}

/// What follows the last character of `text` for which `ends` holds (all of it if none does).
pub(crate) fn after_last(text: &str, ends: impl Fn(char) -> bool) -> &str {
    match text.char_indices().rev().find(|&(_, c)| ends(c)) {
        Some((i, c)) => &text[i + c.len_utf8()..],
        None => text,
    }
}

fn speaks_of_taiwan(text: &str, span: Span) -> bool {
    let s = sentence(text, span);
    TAIWAN.iter().any(|w| s.contains(w))
}

/// A foreign country (美国, 智利) right before the title, or 大 of 临时大总统.
fn foreign_before(text: &str, span: Span) -> bool {
    let mut prefix = clause_before(text, span);
    while let Some(rest) = MODIFIERS.iter().find_map(|m| prefix.strip_suffix(m)) {
        prefix = rest;
    }
    let country = prefix.ends_with('国') && !prefix.ends_with("民国");
    country || prefix.ends_with('大') || FOREIGN.iter().any(|f| prefix.ends_with(f))
}

/// The sentence tells of the years before 1949: a history word or a year from 1840 to 1948.
fn historical(text: &str, span: Span) -> bool {
    let s = sentence(text, span);
    HISTORY.iter().any(|w| s.contains(w)) || years(s).any(|y| BEFORE_1949.contains(&y))
}

/// Four-digit years written with 年 after them.
fn years(s: &str) -> impl Iterator<Item = u32> + '_ {
    s.match_indices('年').filter_map(move |(i, _)| {
        let digits = s[..i].get(i.checked_sub(4)?..)?;
        digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok())?
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn reported(category: &str, text: &str, term: &str) -> bool {
        let start = text.find(term).expect("term in text");
        reports(Some(category), text, Span::new(start, start + term.len()))
    }

    #[test]
    fn quotes_and_markers_clear_a_term() {
        assert!(reported(SOVEREIGNTY, "坚决遏制台独行径。", "台独"));
        assert!(!reported(SOVEREIGNTY, "坚决遏制“台独”行径。", "台独"));
        assert!(!reported(SOVEREIGNTY, "他说：“我们反对台独。”", "台独"));
        assert!(!reported(SOVEREIGNTY, "所谓海峡中线并不存在。", "海峡中线"));
        assert!(!reported(SOVEREIGNTY, "《“台独”问题研究》出版。", "台独"));
        assert!(!reported(SOVEREIGNTY, "车间新添了3台独立式烘干机。", "台独"));
        assert!(!reported(SOVEREIGNTY, "购置两台独立电源。", "台独"));
        // A closed quotation earlier in the line does not cover the term.
        assert!(reported(SOVEREIGNTY, "“和平”不容破坏，反对台独。", "台独"));
    }

    #[test]
    fn titles_need_a_sentence_about_taiwan() {
        assert!(reported(TAIWAN_TITLE, "台湾当局行政院公布了新规定。", "行政院"));
        assert!(!reported(TAIWAN_TITLE, "加强与行政院校的合作。", "行政院"));
        assert!(!reported(TAIWAN_TITLE, "台湾“行政院”公布了新规定。", "行政院"));
        assert!(!reported(TAIWAN_TITLE, "台湾地区行政院公布了新规定。", "行政院"));
    }

    #[test]
    fn foreign_presidents_are_clean() {
        assert!(!reported(TAIWAN_TITLE, "美国总统就台湾问题表态。", "总统"));
        assert!(!reported(TAIWAN_TITLE, "美国前总统访问台湾。", "总统"));
        assert!(!reported(TAIWAN_TITLE, "智利总统谈及台湾。", "总统"));
        assert!(reported(TAIWAN_TITLE, "蔡英文总统发表讲话。", "总统"));
    }

    #[test]
    fn history_before_1949_is_clean() {
        assert!(!reported(TAIWAN_TITLE, "1947年行政院在南京改组，同年台湾省政府成立。", "行政院"));
        assert!(!reported(TAIWAN_TITLE, "国民政府时期的立法院设在南京。", "立法院"));
        assert!(reported(TAIWAN_TITLE, "2020年台湾的立法院通过预算。", "立法院"));
    }

    #[test]
    fn lists_of_countries_with_a_region_need_and_regions() {
        assert!(reported(COUNTRY_LIST, "吸引了美国、日本、台湾等国家的厂商。", "等国家"));
        assert!(reported(COUNTRY_LIST, "来自新加坡、马来西亚和香港等国家的游客。", "等国家"));
        assert!(!reported(COUNTRY_LIST, "吸引了美国、日本、台湾等国家和地区的厂商。", "等国家"));
        assert!(!reported(COUNTRY_LIST, "吸引了美国、日本等国家的厂商。", "等国家"));
        assert!(!reported(COUNTRY_LIST, "香港与美国、日本等国家的贸易往来密切。", "等国家"));
        assert!(!reported(COUNTRY_LIST, "台湾、香港等国家级赛事的选手。", "等国家"));
    }

    #[test]
    fn years_are_read_only_when_four_digits_precede() {
        assert_eq!(years("1947年和2020年，12年").collect::<Vec<_>>(), [1947, 2020]);
        assert_eq!(years("年初").count(), 0);
    }
}
