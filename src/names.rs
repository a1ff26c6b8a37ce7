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
});

/// Whether `span` of `text` lies inside a transliterated or personal name.
pub(crate) fn inside_name(text: &str, span: Span) -> bool {
    transliterated(text, span)
        || personal(text, span)
        || before_verb(text, span)
        || before_place(text, span)
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

    #[test]
    fn the_lists_are_read() {
        assert!(NAMES.transliteration.contains(&'奇'));
        assert!(NAMES.countries.contains(&"塞尔维亚"));
        assert!(NAMES.markers.contains(&"被告人"));
        assert!(NAMES.surnames.contains(&'洪'));
        assert!(NAMES.verbs.contains(&"辩称"));
    }
}
