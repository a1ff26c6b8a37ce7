//! Whether a sensitive expression is the writer's own wording or someone else's that the text
//! reports: a label quoted or marked with 所谓, wording a clause forbids (严禁使用“残废人”等
//! 蔑称), the text of a statute or a court record, or a banned product named in news of a crime.
//!
//! Xinhua's list is about what a writer calls people and things. Laws, judgments and crime news
//! name the same words to forbid them, to record evidence or to tell what was seized; flagging
//! those would bury the few findings that matter. Political wording and the categories of Hong
//! Kong, Macao and Taiwan are not excused so (`sovereignty.rs` has their own checks): 打击台独分子
//! still needs “台独”.

use super::sovereignty::{after_last, quoted, sentence, COUNTRY_LIST, SOVEREIGNTY, TAIWAN_TITLE};
use super::Context;
use crate::span::Span;

/// Categories of labels (celebrities, products, people) that are clean when quoted or marked:
/// the quotation is someone else's wording (“梦想支那”, a farmer's “稳赚不赔”).
const LABELS: &[&str] = &["advertising", "discrimination", "illegal", "other"];

/// Categories of insults, which a reply may aim at someone in the same breath as a ban (不准再闹，
/// 刁民): cited only when quoted as well (严禁使用“刁民”等称呼).
const INSULTS: &[&str] = &["abuse", "vulgar"];

/// Category of banned goods and services, named rightly in news of a crime.
const ILLEGAL: &str = "illegal";

/// Category of the political wording rules (两岸三地, 台独分子, 东突厥斯坦): names the list
/// allows only as it says, so reported even where a sentence forbids them.
const POLITICAL: &str = "political";

/// Words before a term, in its clause, that forbid or fight it: the clause cites the
/// wording it bans (不得使用“最佳”等用语, 严厉打击网络赌博).
const FORBIDDING: &[&str] = &[
    "禁止",
    "防止",
    "严禁",
    "不得",
    "不准",
    "不许",
    "杜绝",
    "取缔",
    "打击",
    "查处",
    "整治",
    "严惩",
    "抵制",
    "谨防",
    "警惕",
    "防范",
    "举报",
    "避免使用",
    "不使用",
    "不宜使用",
    "不要使用",
    "不能使用",
    "慎用",
];

/// Words of a sentence that tell of a crime or its prosecution, where drug and gambling names
/// are facts (查获冰毒12克).
const CRIME: &[&str] = &[
    "毒品",
    "犯罪",
    "嫌疑人",
    "被告",
    "查获",
    "缴获",
    "收缴",
    "贩卖",
    "贩毒",
    "吸毒",
    "吸食",
    "制毒",
    "涉毒",
    "禁毒",
    "戒毒",
    "走私",
    "非法",
    "违法",
    "赌资",
    "赌场",
    "聚众赌博",
    "诈骗",
    "警方",
    "公安",
    "民警",
    "抓获",
    "破获",
    "判处",
    "刑法",
    "鉴定",
    "罪",
];

/// Words of a court record (判决书, 裁定书) that show the text records evidence and findings.
const COURT: &[&str] = &["本院认为", "经审理查明", "公诉机关", "被告人", "审判长", "判决如下"];

/// How far back (bytes) a statute's article heading or a court record's wording is looked for.
const WINDOW: usize = 4000;

/// Characters of a Chinese or Arabic article number (第十二条, 第3条).
const ARTICLE_DIGITS: &str = "零〇一二三四五六七八九十百千0123456789";

/// How far after a hit, and before it except for a statute's article heading, its context is
/// read, in bytes (200 characters): a line with no sentence end costs no more than a sentence.
const REACH: usize = 600;

/// Whether a hit of an entry of `category` is the writer's own wording, so reported.
pub(crate) fn reports(category: Option<&str>, cx: &Context<'_>, span: Span) -> bool {
    let (text, bans) = (cx.text, cx.has_ban());
    match category {
        Some(SOVEREIGNTY | TAIWAN_TITLE | COUNTRY_LIST | POLITICAL) => true,
        Some(c) => !reported_speech(c, text, span, bans),
        None => {
            let (text, span) = around(text, span);
            !(bans && forbidden(text, span))
        }
    }
}

/// Whether `text` holds any of the words that forbid wording.
pub(crate) fn any_ban(text: &str) -> bool {
    FORBIDDING.iter().any(|w| text.contains(w))
}

/// The text within [`REACH`] bytes of `span` on either side (cut at characters), and `span`
/// in it.
fn around(text: &str, span: Span) -> (&str, Span) {
    let mut from = span.start.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (span.end + REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    (&text[from..to], Span::new(span.start - from, span.end - from))
}

/// The hit is cited, recorded or quoted rather than used.
fn reported_speech(category: &str, text: &str, span: Span, bans: bool) -> bool {
    if legal_text(text, span) {
        return true;
    }
    let (text, span) = around(text, span);
    let label = LABELS.contains(&category) && (quoted(text, span) || so_called(text, span));
    let cited =
        bans && forbidden(text, span) && (!INSULTS.contains(&category) || quoted(text, span));
    label || cited || (category == ILLEGAL && crime_news(text, span))
}

/// Right after 所谓 or 所谓的.
fn so_called(text: &str, span: Span) -> bool {
    let before = &text[..span.start];
    before.ends_with("所谓") || before.ends_with("所谓的")
}

/// A forbidding word stands before the hit in its clause (a list joined by 、 or 或者 is one
/// clause: 不得谎称最低价或者极品等).
fn forbidden(text: &str, span: Span) -> bool {
    let before = after_last(&text[..span.start], |c| "。！？!?；;\n，,：:".contains(c));
    FORBIDDING.iter().any(|w| before.contains(w))
}

/// The sentence, the hit left out, tells of a crime or its prosecution.
fn crime_news(text: &str, span: Span) -> bool {
    let s = sentence(text, span);
    let at = span.start - (s.as_ptr() as usize - text.as_ptr() as usize);
    let (before, after) = (&s[..at], &s[at + span.len()..]);
    CRIME.iter().any(|w| before.contains(w) || after.contains(w))
}

/// The hit lies in a statute (an article heading 第N条 begins a line not far before it, or its
/// own line) or in a court record: their wording is the law's or the evidence's.
fn legal_text(text: &str, span: Span) -> bool {
    let mut from = span.start.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let (near, at) = around(text, span);
    let line_end = near[at.end..].find('\n').map_or(near.len(), |i| at.end + i);
    let window = &text[from..span.end + (line_end - at.end)];
    window.lines().any(is_article_heading) || COURT.iter().any(|w| window.contains(w))
}

/// A line that starts with an article number: 第十二条, 第3条 (white space before it allowed).
fn is_article_heading(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix('第') else {
        return false;
    };
    let digits = rest.find(|c: char| !ARTICLE_DIGITS.contains(c)).unwrap_or(rest.len());
    digits > 0 && rest[digits..].starts_with('条')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn reported(category: &str, text: &str, term: &str) -> bool {
        let start = text.find(term).expect("term in text");
        let segmenter = crate::segment::Segmenter::new([], false);
        let seg = || &segmenter;
        let cx = Context {
            text,
            as_of: crate::date::Date::new(2026, 1, 1).unwrap(),
            segmenter: &seg,
            bans: Default::default(),
        };
        reports(Some(category), &cx, Span::new(start, start + term.len()))
    }

    #[test]
    fn labels_in_quotes_are_someone_elses() {
        assert!(reported("other", "这位男神演员走进校园。", "男神"));
        assert!(!reported("other", "学生说：“他是我们心中的男神。”", "男神"));
        assert!(!reported("discrimination", "主题是“梦想支那、大美亚桑”。", "支那"));
        assert!(!reported("advertising", "所谓稳赚不赔的项目多是骗局。", "稳赚不赔"));
        // Vulgar words need a note even in quotations (Xinhua's rule): still reported.
        assert!(reported("vulgar", "他说：“妈的，真累。”", "妈的"));
    }

    #[test]
    fn forbidden_wording_is_cited_not_used() {
        assert!(!reported("advertising", "不得使用最低价或者极品等用语。", "极品"));
        assert!(!reported("advertising", "防止一个药方包治百病。", "包治百病"));
        assert!(!reported("discrimination", "严禁使用残废人等蔑称。", "残废人"));
        assert!(reported("political", "坚决打击台独分子的分裂活动。", "台独分子"));
        // Only the words before the term, in its clause, count.
        assert!(reported("discrimination", "残废人不得参加。", "残废人"));
        assert!(reported("discrimination", "不得迟到，残废人也要来。", "残废人"));
        // Insults are cited only in quotation marks: a reply may ban and insult at once.
        assert!(!reported("abuse", "严禁使用“刁民”等称呼。", "刁民"));
        assert!(reported("abuse", "不准你这个刁民再闹。", "刁民"));
        assert!(reported("abuse", "不准再闹了，刁民！", "刁民"));
        // Taiwan's slogans need quotation marks even when opposed.
        assert!(reported(SOVEREIGNTY, "坚决打击台独。", "台独"));
    }

    #[test]
    fn statutes_and_court_records_keep_their_wording() {
        let statute = "第十二条 因工负伤待遇的规定：\n乙、工人因工负伤确定为残废时，发给补助费。";
        assert!(!reported("discrimination", statute, "残废"));
        assert!(!reported("discrimination", "第3条 残废军人优先。", "残废"));
        let record = "经审理查明，被告人利用被害人弱智的特点实施犯罪。";
        assert!(!reported("discrimination", record, "弱智"));
        assert!(reported("discrimination", "第一批残废军人代表来访。", "残废"));
        assert!(reported("discrimination", "他们嘲笑他是弱智。", "弱智"));
        // The political rules hold in statutes too.
        assert!(reported("political", "第五条 加强两岸三地交流。", "两岸三地"));
    }

    #[test]
    fn banned_goods_in_crime_news_are_facts() {
        assert!(!reported("illegal", "民警当场查获冰毒12克。", "冰毒"));
        assert!(!reported("illegal", "经鉴定，从中检出海洛因成分。", "海洛因"));
        assert!(reported("illegal", "出售冰毒，价格优惠。", "冰毒"));
        // The crime words count in the hit's own sentence only.
        assert!(reported("illegal", "警方提醒。出售冰毒，价格优惠。", "冰毒"));
    }

    #[test]
    fn article_headings() {
        assert!(is_article_heading("第十二条 因工负伤"));
        assert!(is_article_heading("\u{3000}第3条"));
        assert!(!is_article_heading("第一批残废军人"));
        assert!(!is_article_heading("第条"));
        assert!(!is_article_heading("依照第十二条"));
    }
}
