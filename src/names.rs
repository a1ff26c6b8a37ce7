//! Names in running text, where a typo-dictionary hit is no misspelling: transliterated
//! foreign names and place names (a president's name holding 希奇 is no 稀奇), and personal
//! names right after a word that introduces a person (被告人洪锋 is no 洪峰) or right before a
//! word that reports what a person said (李德明辩称 is no 明辨).
//!
//! The data is in `dictionaries/names/` (format in `dictionaries/README.md`).

use crate::hash::FastSet;
use crate::span::Span;
use std::sync::LazyLock;

static TRANSLITERATION: &str = include_str!("../dictionaries/names/transliteration.txt");
static FOREIGN_OFFICES: &str = include_str!("../dictionaries/names/foreign-offices.txt");
static COUNTRIES: &str = include_str!("../dictionaries/names/countries.txt");
static PERSON_MARKERS: &str = include_str!("../dictionaries/names/person-markers.txt");
static SURNAMES: &str = include_str!("../dictionaries/names/surnames.txt");
static PERSON_VERBS: &str = include_str!("../dictionaries/names/person-verbs.txt");
static PLACE_WORDS: &str = include_str!("../dictionaries/names/place-words.txt");
static NAME_OPENERS: &str = include_str!("../dictionaries/names/name-openers.txt");
static NAME_CLOSERS: &str = include_str!("../dictionaries/names/name-closers.txt");
static DIVISIONS: &str = include_str!("../dictionaries/names/places.txt");

/// A run of at least this many transliteration characters is read as a transliterated name.
const MIN_RUN: usize = 4;

/// The longest personal name after a person marker, in characters.
const MAX_NAME: usize = 3;

/// The name separators of transliterated names.
const SEPARATORS: [char; 3] = ['·', '・', '•'];

/// The parsed lists.
struct Names {
    transliteration: FastSet<char>,
    offices: Vec<&'static str>,
    countries: Vec<&'static str>,
    markers: Vec<&'static str>,
    surnames: FastSet<char>,
    verbs: Vec<&'static str>,
    places: Vec<&'static str>,
    /// Words before a personal name (`person-markers.txt` and `name-openers.txt`), for the
    /// statistical model.
    openers: Vec<&'static str>,
    /// Words after a personal name (`name-closers.txt`), for the statistical model.
    closers: Vec<&'static str>,
}

/// The proper parts of the names of administrative divisions (`places.txt`), apart from
/// [`Names`]: only the statistical model asks for them, and the set is most of the lists'
/// parsing.
struct Divisions {
    names: FastSet<&'static str>,
    /// The longest of them, in characters.
    longest: usize,
}

/// The lines of a list file that are not comments or blank.
fn lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static NAMES: LazyLock<Names> = LazyLock::new(|| Names {
    transliteration: lines(TRANSLITERATION).flat_map(str::chars).collect(),
    offices: lines(FOREIGN_OFFICES).collect(),
    countries: lines(COUNTRIES).collect(),
    markers: lines(PERSON_MARKERS).collect(),
    surnames: lines(SURNAMES).flat_map(str::chars).collect(),
    verbs: lines(PERSON_VERBS).collect(),
    places: lines(PLACE_WORDS).collect(),
    openers: lines(PERSON_MARKERS).chain(lines(NAME_OPENERS)).collect(),
    closers: lines(NAME_CLOSERS).collect(),
});

static DIVISIONS_SET: LazyLock<Divisions> = LazyLock::new(|| Divisions {
    names: lines(DIVISIONS).collect(),
    longest: lines(DIVISIONS).map(|l| l.chars().count()).max().unwrap_or(0),
});

/// Makes the name lists now rather than at the first text that needs them (a two-thread build
/// makes them on its idle core).
pub(crate) fn prepare() {
    LazyLock::force(&NAMES);
}

/// Makes the names of administrative divisions now, as [`prepare`] the other lists.
pub(crate) fn prepare_divisions() {
    LazyLock::force(&DIVISIONS_SET);
}

/// Whether `span` of `text` lies inside a transliterated or personal name.
pub(crate) fn inside_name(text: &str, span: Span) -> bool {
    transliterated(text, span)
        || personal(text, span)
        || before_verb(text, span)
        || before_place(text, span)
}

/// Whether `span` lies in a name the statistical model leaves alone: one [`inside_name`]
/// recognises, the name of an administrative division ([`division`]: 卢氏, 靖宇) or a personal
/// name where a person is spoken of ([`named_person`]: 村民郝丽艳, 汤晔同志). The dictionaries
/// ask only [`inside_name`].
pub(crate) fn inside_proper_name(text: &str, span: Span) -> bool {
    inside_name(text, span) || division(text, span) || named_person(text, span)
}

/// Whether `span` lies in the proper part of the name of a county-level or higher division
/// (`names/places.txt`) that stands whole: neither of its edge characters makes a word of the
/// lexicon with the character beyond it (和平价 holds 平价, so 和平 there is no district).
fn division(text: &str, span: Span) -> bool {
    let divisions = &*DIVISIONS_SET;
    let longest = divisions.longest;
    let starts = text[..span.start].char_indices().rev().take(longest.saturating_sub(1));
    std::iter::once(span.start).chain(starts.map(|(i, _)| i)).any(|from| {
        let ends = text[from..].char_indices().skip(1).take(longest.saturating_sub(1));
        let mut ends = ends.map(|(i, c)| from + i + c.len_utf8());
        ends.any(|to| {
            to >= span.end
                && divisions.names.contains(&text[from..to])
                && stands_whole(text, from, to)
        })
    })
}

/// Whether the characters `from..to` make no word of the lexicon with the character on either
/// side of them.
fn stands_whole(text: &str, from: usize, to: usize) -> bool {
    let before = text[..from].chars().next_back();
    let after = text[to..].chars().next();
    !joins(before, text[from..].chars().next()) && !joins(text[..to].chars().next_back(), after)
}

/// Whether the two characters make a word of the lexicon.
fn joins(a: Option<char>, b: Option<char>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    let mut buffer = [0u8; 8];
    let n = a.encode_utf8(&mut buffer).len();
    let m = b.encode_utf8(&mut buffer[n..]).len();
    std::str::from_utf8(&buffer[..n + m]).is_ok_and(crate::segment::is_word)
}

/// How many names of a list separated by 、 are crossed to find its opening or closing word.
const LIST: usize = 8;

/// Whether `span` lies in a personal name ([`name_ends`]) where a person is spoken of: after a
/// word that introduces one (`person-markers.txt`, `name-openers.txt`: 村民|郝丽艳) or before
/// one said after a name (`name-closers.txt`: 汤晔|同志), also through a list of such names
/// separated by 、 (张三、汤晔等).
fn named_person(text: &str, span: Span) -> bool {
    let starts = text[..span.start].char_indices().rev().take(MAX_NAME - 1);
    std::iter::once(span.start).chain(starts.map(|(i, _)| i)).any(|from| {
        name_ends(text, from).any(|to| {
            to >= span.end
                && (opened(text, from, LIST)
                    || closed(text, to, LIST)
                    || among_names(text, from, to))
        })
    })
}

/// The ends of the names that may start at `from`: a common surname that makes no word with
/// the character before it, and one or two more ideographs, the name no word of the lexicon,
/// nor, of three characters, its last two (郝丽艳, 汤晔; not 程序, 王国, 高质量, nor 关淡味 of
/// 有关淡味).
fn name_ends(text: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    let names = &*NAMES;
    let mut chars = text[from..].char_indices();
    let before = text[..from].chars().next_back();
    let surname =
        chars.next().filter(|&(_, c)| names.surnames.contains(&c) && !joins(before, Some(c)));
    let given = surname.map_or(from, |(_, c)| from + c.len_utf8());
    let rest = chars.take(MAX_NAME - 1).take_while(move |_| surname.is_some());
    rest.take_while(|&(_, c)| crate::chars::is_ideograph(c))
        .map(move |(i, c)| from + i + c.len_utf8())
        .filter(move |&to| {
            let word = |w: &str| w.chars().count() > 1 && crate::segment::is_word(w);
            !word(&text[from..to]) && !word(&text[given..to])
        })
}

/// Whether the characters `from..to` stand in a list separated by 、 between two names
/// (邓中夏、何秉彝、刘华): the items before and after them are names too, each standing whole
/// between the list's separators (石花菜、江篱、海带 is no list of people: 海 is no surname).
fn among_names(text: &str, from: usize, to: usize) -> bool {
    let edge = |c: Option<char>| c.is_none_or(|c| "、，,。；;：:（(）)\n".contains(c));
    let Some(before) = text[..from].strip_suffix('、') else { return false };
    let Some(after) = text[to..].strip_prefix('、') else { return false };
    let next = text.len() - after.len();
    let next_name = name_ends(text, next).any(|end| edge(text[end..].chars().next()));
    let starts = before.char_indices().rev().skip(1).take(MAX_NAME - 1).map(|(i, _)| i);
    let mut starts = starts.collect::<Vec<_>>().into_iter();
    next_name
        && starts.any(|start| {
            edge(before[..start].chars().next_back())
                && name_ends(text, start).any(|end| end == before.len())
        })
}

/// Whether a word that introduces a person ends at `from`, or a list of names does whose
/// first one follows such a word.
fn opened(text: &str, from: usize, depth: usize) -> bool {
    let names = &*NAMES;
    let before = &text[..from];
    if names.openers.iter().any(|w| before.ends_with(w)) {
        return true;
    }
    let Some(list) = before.strip_suffix('、') else { return false };
    let starts = list.char_indices().rev().skip(1).take(MAX_NAME - 1).map(|(i, _)| i);
    let mut starts = starts.collect::<Vec<_>>().into_iter();
    depth > 0
        && starts.any(|start| {
            name_ends(text, start).any(|end| end == list.len()) && opened(text, start, depth - 1)
        })
}

/// Whether a word said after a name starts at `to`, or a list of names does whose last one is
/// followed by such a word.
fn closed(text: &str, to: usize, depth: usize) -> bool {
    let names = &*NAMES;
    let after = &text[to..];
    if names.closers.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    let next = to + '、'.len_utf8();
    depth > 0
        && after.starts_with('、')
        && name_ends(text, next).any(|end| closed(text, end, depth - 1))
}

/// The shortest and longest proper part of a place's name before its common noun, in
/// characters (望湖|宾馆).
const PLACE_NAME: std::ops::RangeInclusive<usize> = 2..=4;

/// Whether `span` starts with function words and its other characters begin the name of a
/// place: a proper part of [`PLACE_NAME`] characters, then a common noun of places
/// (`names/place-words.txt`). 讲述了|望湖宾馆 holds 了望, which is no 瞭望 there.
fn before_place(text: &str, span: Span) -> bool {
    let names = &*NAMES;
    let hit = &text[span];
    let head = hit
        .char_indices()
        .skip(1)
        .take_while(|&(i, _)| hit[..i].chars().all(crate::segment::is_function_word));
    let proper = |c: char| crate::chars::is_ideograph(c) && !crate::segment::is_function_word(c);
    head.map(|(i, _)| span.start + i).any(|at| {
        let rest = &text[at..];
        let mut ends = rest.char_indices().skip(*PLACE_NAME.start()).take(PLACE_NAME.count());
        ends.any(|(k, _)| {
            at + k >= span.end
                && rest[..k].chars().all(proper)
                && names.places.iter().any(|p| rest[k..].starts_with(p))
        })
    })
}

/// Whether the two-character name `span` (a surname and one more character) goes on past its
/// end: the next character is an ideograph that neither stands as a word of its own nor starts
/// a common word, and a word said of a person follows it (`names/person-verbs.txt`), so it is
/// the name's third character (秘书长王艺|华|担任: 王艺华, who is no 王毅; but 王艺|表示,
/// 王艺|在, 周墙|作工作报告).
pub(crate) fn goes_on(text: &str, span: Span) -> bool {
    let names = &*NAMES;
    let mut hit = text[span].chars();
    let surname = hit.next().is_some_and(|c| names.surnames.contains(&c));
    let after = &text[span.end..];
    let Some(next) = after.chars().next() else { return false };
    let then = &after[next.len_utf8()..];
    surname
        && hit.count() == 1
        && crate::chars::is_ideograph(next)
        && !crate::segment::stands_alone_char(next)
        && !crate::segment::starts_common_word(after)
        && names.verbs.iter().any(|v| then.starts_with(v))
}

/// Whether `span` is made of transliteration characters inside a run of them that is long
/// ([`MIN_RUN`]), touches a name separator (·), or follows a foreign state's office (美国总统).
fn transliterated(text: &str, span: Span) -> bool {
    let names = &*NAMES;
    let is_translit = |c: &char| names.transliteration.contains(c);
    if !text[span].chars().all(|c| is_translit(&c)) {
        return false;
    }
    let before = text[..span.start].chars().rev().take_while(is_translit).count();
    let after = text[span.end..].chars().take_while(is_translit).count();
    let run = before + text[span].chars().count() + after;
    let head: usize = text[..span.start].chars().rev().take(before).map(char::len_utf8).sum();
    let start = span.start - head;
    let tail: usize = text[span.end..].chars().take(after).map(char::len_utf8).sum();
    let end = span.end + tail;
    let separated = text[..start].chars().next_back().is_some_and(|c| SEPARATORS.contains(&c))
        || text[end..].chars().next().is_some_and(|c| SEPARATORS.contains(&c));
    run >= MIN_RUN || separated || after_foreign_office(&text[..start])
}

/// Whether `before` ends with a foreign state's name and an office (俄罗斯总统, 美国国务卿).
fn after_foreign_office(before: &str) -> bool {
    let names = &*NAMES;
    names.offices.iter().any(|office| {
        before
            .strip_suffix(office)
            .is_some_and(|rest| names.countries.iter().any(|country| rest.ends_with(country)))
    })
}

/// Whether `span` is (the end of) a personal name right after a person marker: the marker,
/// then a name of at most [`MAX_NAME`] characters starting with a common surname, of which
/// `span` is the rest (被告人|洪锋, 董事长|励行根, 老党员石|广范).
fn personal(text: &str, span: Span) -> bool {
    let names = &*NAMES;
    let surname = |c: Option<char>| c.is_some_and(|c| names.surnames.contains(&c));
    let marked = |before: &str| names.markers.iter().any(|m| before.ends_with(m));
    let hit = text[span].chars().count();
    let before = &text[..span.start];
    // The name starts with the hit (被告人|洪锋) …
    if hit <= MAX_NAME && surname(text[span].chars().next()) && marked(before) {
        return true;
    }
    // … or one character before it (党员石|广范).
    let lead = before.chars().next_back();
    let rest = &before[..before.len() - lead.map_or(0, char::len_utf8)];
    hit < MAX_NAME && surname(lead) && marked(rest)
}

/// Whether `span` starts inside a personal name and ends inside the reporting word right after
/// it (李德明|辩称 holds 明辩): a name of a common surname and one or two more characters,
/// standing where a name may start ([`name_may_start`]), `span` starting after the surname.
fn before_verb(text: &str, span: Span) -> bool {
    let names = &*NAMES;
    let hit = &text[span];
    let edges = hit.char_indices().skip(1).map(|(i, _)| span.start + i).chain([span.end]);
    edges.filter(|&at| names.verbs.iter().any(|v| verb_at(text, at, v, span))).any(|at| {
        let name: Vec<(usize, char)> = text[..at].char_indices().rev().take(MAX_NAME).collect();
        (2..=name.len()).any(|len| {
            let (start, surname) = name[len - 1];
            start < span.start
                && names.surnames.contains(&surname)
                && name_may_start(&text[..start])
        })
    })
}

/// Whether the reporting word `verb` starts at `at` and reaches the end of `span`.
fn verb_at(text: &str, at: usize, verb: &str, span: Span) -> bool {
    text[at..].starts_with(verb) && at + verb.len() >= span.end
}

/// Whether a name may start after `before`: at the start of the text, after a character that
/// is no ideograph (punctuation, a space, a digit) or after a person marker (被告人).
fn name_may_start(before: &str) -> bool {
    let names = &*NAMES;
    before.chars().next_back().is_none_or(|c| !crate::chars::is_ideograph(c))
        || names.markers.iter().any(|m| before.ends_with(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn named(text: &str, part: &str) -> bool {
        let start = text.find(part).unwrap();
        inside_name(text, Span::new(start, start + part.len()))
    }

    #[test]
    fn three_character_names_go_on() {
        let on = |text: &str, part: &str| {
            let start = text.find(part).unwrap();
            goes_on(text, Span::new(start, start + part.len()))
        };
        assert!(on("省政协副主席兼秘书长王艺华担任组长", "王艺"));
        assert!(!on("外交部长王艺表示", "王艺"));
        assert!(!on("外交部长王艺在会上", "王艺"));
        assert!(!on("外交部长王艺。", "王艺"));
        assert!(!on("外交部长王艺同志", "王艺"));
        assert!(!on("最高人民法院院长周墙作工作报告", "周墙"));
        assert!(!on("外交部长王艺担任组长", "王艺"));
    }

    #[test]
    fn places_after_function_words() {
        assert!(named("小车桥公交站展开，讲述了望湖宾馆不为人知的红色记忆", "了望"));
        assert!(!named("登上了望塔远眺", "了望"));
        assert!(!named("在山顶了望远方的宾馆", "了望"));
    }

    #[test]
    fn transliterated_names() {
        assert!(named("会见塞尔维亚总统武契希奇一行", "希奇"));
        assert!(named("会见了马尔科·希奇先生", "希奇"));
        assert!(named("前往阿希奇卡拉市考察", "希奇"));
        assert!(!named("这件事并不希奇。", "希奇"));
        assert!(!named("大家都觉得很希奇", "希奇"));
    }

    #[test]
    fn personal_names() {
        assert!(named("被告人洪锋犯抢劫罪", "洪锋"));
        assert!(named("公司董事长励行根介绍", "励行"));
        assert!(named("退休老党员石广范主动安装", "广范"));
        assert!(named("大三学生张驰十分兴奋", "张驰"));
        assert!(!named("各部门要认真布署", "布署"));
        assert!(!named("学生做为集体的一员", "做为"));
    }

    #[test]
    fn names_before_a_reporting_word() {
        assert!(named("被告人李德明辩称其不知情", "明辩"));
        assert!(named("上诉人李德明辩称其不知情", "明辩"));
        assert!(named("。李德明辩称其不知情", "明辩"));
        // No surname, or the name does not stand where a name may start.
        assert!(!named("他们要明辩称职与失职", "明辩"));
        assert!(!named("引导青年勤学、修德、明辩、笃实", "明辩"));
        // The hit must start inside the name, after its surname.
        assert!(!named("，李明辩称其不知情", "李明辩"));
    }

    #[track_caller]
    fn proper(text: &str, part: &str) -> bool {
        let start = text.find(part).unwrap();
        inside_proper_name(text, Span::new(start, start + part.len()))
    }

    #[test]
    fn divisions_standing_whole() {
        assert!(proper("加快卢氏红豆杉产业发展", "卢"));
        assert!(proper("加快建设靖宇至松江河公路", "宇"));
        assert!(proper("阿鲁科尔沁旗人民法院", "鲁"));
        // 和平 of 和平区 is no district where 平 makes 平价 with the next character.
        assert!(!proper("建立质量规范和平价体系", "平"));
        // A slip outside the name is still a slip.
        assert!(!proper("卢氏县持续优化营商环竟", "竟"));
    }

    #[test]
    fn people_where_a_person_is_spoken_of() {
        assert!(proper("汤晔同志任宁波市副市长", "汤晔"));
        assert!(proper("村民郝丽艳反映", "丽"));
        assert!(proper("由王立、汤晔等人组成", "晔"));
        assert!(proper("主持人李四、汤晔、张三参加", "晔"));
        // No person's word around it, or the characters make a word.
        assert!(!proper("汤晔任宁波市副市长", "晔"));
        assert!(!proper("完善工作程序等制度", "序"));
        assert!(!proper("国企、民企、外企在", "企"));
        let list = "纪念邓中夏、何秉彝、刘华、杨之华、张涌。";
        assert!(proper(list, "刘华") && proper(list, "之华"));
        assert!(!proper("石花菜、江篱、海带等", "江篱"));
        assert!(!proper("隐匿、余改、销毁会计资料", "余"));
        // 关 ends 有关 here, so 关淡味 is no name: 淡味 is a slip for 单位.
        assert!(!proper("北京市有关淡味同志为主", "淡味"));
    }

    #[test]
    fn the_lists_are_read() {
        assert!(NAMES.transliteration.contains(&'奇'));
        assert!(NAMES.countries.contains(&"塞尔维亚"));
        assert!(NAMES.markers.contains(&"被告人"));
        assert!(NAMES.surnames.contains(&'洪'));
        assert!(NAMES.verbs.contains(&"辩称"));
        assert!(NAMES.openers.contains(&"村民") && NAMES.openers.contains(&"被告人"));
        assert!(NAMES.closers.contains(&"同志"));
        assert!(DIVISIONS_SET.names.contains("卢氏") && !DIVISIONS_SET.names.contains("公安"));
    }
}
