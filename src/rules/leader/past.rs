//! Whether a title is written as past: a marker right before it (时任, 原) or an earlier year
//! in its sentence.

use super::{markers, Scene};
use crate::roster::Held;
use crate::span::Span;

/// How far back a year may stand and still date a title (2018年……国务院总理李克强).
const HISTORY_CHARS: usize = 120;

impl Scene<'_> {
    /// Whether the words before a title mark it as past (`dictionaries/leader/past-markers.txt`:
    /// 时任, 原, 前, 曾任 …), or an earlier year in the same sentence (2018年，国务院总理李克强…).
    pub(super) fn historical(&self, at: usize, held: &Held) -> bool {
        self.marked_past(at) || held.to.is_some_and(|to| self.dated_by(at, to.year))
    }

    /// Whether a year up to `year` stands in the sentence before byte `at`, or the latest year
    /// the text names is up to `year`.
    pub(super) fn dated_by(&self, at: usize, year: i32) -> bool {
        years(&self.text[sentence_start(self.text, at)..at]).any(|y| y <= year)
            || self.dated_before(year)
    }

    /// Whether the sentence around `name` speaks of an earlier time than the day checked: a
    /// past marker right before the name, a `near` or `sentence` marker anywhere in the
    /// sentence (在浙江工作期间的习近平书记, 时任…的习近平书记), or a year up to `since` (the
    /// year the person took the title he holds). A title fused to the name one character off
    /// the one he holds may then be the short form of an earlier post, which the roster may not
    /// list.
    pub(super) fn earlier_time(&self, name: Span, since: Option<i32>) -> bool {
        let sentence = sentence_start(self.text, name.start)..sentence_end(self.text, name.end);
        self.marked_past(name.start)
            || markers::shipped().date_sentence(&self.text[sentence])
            || since.is_some_and(|y| self.dated_by(name.start, y))
    }

    /// Whether the words right before a title mark it as past (时任, 原, 曾任 …).
    pub(super) fn marked_past(&self, at: usize) -> bool {
        markers::shipped().mark(&self.text[..at])
    }

    /// Whether the latest year the text names (2005年, 〔2005〕, 二〇〇五年) is at most `year`:
    /// an undated sentence of a document written then (国办函〔2005〕21号 … 温家宝总理对您的
    /// 建议十分重视) reports its own time, not today.
    fn dated_before(&self, year: i32) -> bool {
        self.latest_year.at_most(self.text, year)
    }
}

/// The latest year a text names, read only as far as a question needs: a year after the one
/// asked about answers it, and most texts name a recent year early, so a long text is seldom
/// read to its end (once a text at most, not once a title).
#[derive(Debug, Default)]
pub(super) struct LatestYear {
    read: std::cell::Cell<YearsRead>,
}

/// How far the years of a text have been read, and the latest so far.
#[derive(Clone, Copy, Debug, Default)]
struct YearsRead {
    /// Where the search for the next 年 goes on.
    from: usize,
    /// Whether every 年 has been read (the bracketed years are then read in one go).
    done: bool,
    latest: Option<i32>,
}

impl LatestYear {
    /// Whether the latest year `text` names is at most `year` (`false` when it names none).
    pub(super) fn at_most(&self, text: &str, year: i32) -> bool {
        let mut read = self.read.get();
        while !read.done && read.latest.is_none_or(|y| y <= year) {
            match memchr::memmem::find(&text.as_bytes()[read.from..], "年".as_bytes()) {
                Some(n) => {
                    let i = read.from + n;
                    read.from = i + "年".len();
                    read.latest = read.latest.max(digit_year(text, i).max(written_year(text, i)));
                }
                None => {
                    read.done = true;
                    read.latest = read.latest.max(bracketed_years(text).max());
                }
            }
        }
        self.read.set(read);
        read.latest.is_some_and(|y| y <= year)
    }
}

/// Where the sentence holding byte `at` starts: after the last 。！？ or line break before it,
/// at most [`HISTORY_CHARS`] characters back.
fn sentence_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    before.char_indices().rev().take(HISTORY_CHARS).find(|(_, c)| ends_sentence(*c)).map_or_else(
        || before.char_indices().rev().take(HISTORY_CHARS).last().map_or(at, |(i, _)| i),
        |(i, c)| i + c.len_utf8(),
    )
}

/// Where the sentence holding byte `at` ends: at its 。！？ or line break, at most
/// [`HISTORY_CHARS`] characters on.
fn sentence_end(text: &str, at: usize) -> usize {
    let after = &text[at..];
    let end = after.char_indices().take(HISTORY_CHARS).find(|(_, c)| ends_sentence(*c));
    let last = || after.char_indices().take(HISTORY_CHARS).last().map(|(i, c)| i + c.len_utf8());
    at + end.map(|(i, _)| i).or_else(last).unwrap_or(0)
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '\n')
}

/// The latest year `text` names: one search for 年 serves years in digits and in numerals.
#[cfg(test)]
fn latest_year(text: &str) -> Option<i32> {
    let at_nian = all(text, "年").filter_map(|i| digit_year(text, i).max(written_year(text, i)));
    at_nian.chain(bracketed_years(text)).max()
}

/// Where `needle` stands in `text`: a vectorised search for its rarest bytes, where `str`'s own
/// search for a character tries every byte equal to the character's last (for 年, a byte that
/// ends one Chinese character in sixty-four); the latest year is looked for in whole texts.
fn all<'t>(text: &'t str, needle: &'static str) -> impl Iterator<Item = usize> + 't {
    memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes())
}

/// Years in document numbers: `〔2005〕`, `[2005]`.
fn bracketed_years(text: &str) -> impl Iterator<Item = i32> + '_ {
    let brackets = all(text, "〔").map(|i| (i, "〔")).chain(all(text, "[").map(|i| (i, "[")));
    brackets.filter_map(move |(i, b)| {
        let rest = &text[i + b.len()..];
        let digits = rest.get(..4)?;
        let closed = rest[4..].starts_with(['〕', ']']);
        (closed && digits.bytes().all(|d| d.is_ascii_digit())).then(|| digits.parse().ok())?
    })
}

/// Years written in Chinese numerals: `二〇〇五年`.
#[cfg(test)]
fn written_years(text: &str) -> impl Iterator<Item = i32> + '_ {
    all(text, "年").filter_map(move |i| written_year(text, i))
}

/// The year written in Chinese numerals before the 年 at byte `i`, if four numerals are.
/// Asked at every 年 of a text (most follow no numeral), so it allocates nothing.
fn written_year(text: &str, i: usize) -> Option<i32> {
    let digit = |c: char| crate::chars::chinese_digit(c).map(i32::from);
    let mut back = text[..i].chars().rev();
    let mut year = 0;
    for scale in [1, 10, 100, 1000] {
        year += scale * digit(back.next()?)?;
    }
    back.next().and_then(digit).is_none().then_some(year)
}

/// Four-digit years written as `2018年` in `text`.
fn years(text: &str) -> impl Iterator<Item = i32> + '_ {
    all(text, "年").filter_map(move |i| digit_year(text, i))
}

/// The year written in four digits before the 年 at byte `i`, if one is.
fn digit_year(text: &str, i: usize) -> Option<i32> {
    let digits = &text.as_bytes()[..i];
    let n = digits.len();
    (n >= 4
        && digits[n - 4..].iter().all(u8::is_ascii_digit)
        && !digits.get(n.wrapping_sub(5)).is_some_and(u8::is_ascii_digit))
    .then(|| text[i - 4..i].parse().ok())
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the latest year of `text` is at most `year`, as `Scene::dated_before` answers.
    fn dated_before(text: &str, year: i32) -> bool {
        latest_year(text).is_some_and(|y| y <= year)
    }

    #[test]
    fn documents_dated_before() {
        assert!(dated_before(
            "国办函〔2005〕21号\n温家宝总理对您的建议十分重视。\n二〇〇五年三月三日",
            2013
        ));
        assert!(!dated_before("国办函〔2005〕21号\n二〇二五年三月三日", 2013));
        assert!(!dated_before("温家宝总理对您的建议十分重视。", 2013));
        assert_eq!(written_years("二〇〇五年三月，一二〇〇五年").collect::<Vec<_>>(), [2005]);
        // Three numerals are no year, nor is a 年 at the start of the text.
        assert_eq!(written_years("年初〇〇五年，一九九八年").collect::<Vec<_>>(), [1998]);
        assert_eq!(
            bracketed_years("国办函〔2005〕21号、[2019]3号").collect::<Vec<_>>(),
            [2005, 2019]
        );
    }

    /// Read on need, the latest year answers every question as the whole text read at once
    /// does, whatever questions came before.
    #[test]
    fn latest_year_read_on_need() {
        const PIECES: [&str; 10] = [
            "2005年",
            "〔2019〕",
            "[2001]",
            "二〇二〇年",
            "一九九八年",
            "年",
            "12019年",
            "，",
            "\n",
            "号",
        ];
        let mut rng = crate::test_rng::Rng::new(7);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..400 {
            let text: String = (0..next(12)).map(|_| PIECES[next(PIECES.len())]).collect();
            let latest = LatestYear::default();
            for _ in 0..4 {
                let year = [1990, 1998, 2001, 2005, 2010, 2019, 2020, 2030][next(8)];
                assert_eq!(latest.at_most(&text, year), dated_before(&text, year), "{text} {year}");
            }
        }
    }

    #[test]
    fn sentences_around_a_place() {
        let text = "前一句。在浙江工作期间的习近平书记，常说一句话。后一句";
        let at = text.find("习近平").unwrap();
        let (start, end) = (sentence_start(text, at), sentence_end(text, at));
        assert_eq!(&text[start..end], "在浙江工作期间的习近平书记，常说一句话");
        assert_eq!(&text[sentence_start(text, 0)..sentence_end(text, 0)], "前一句");
        let tail = text.find("后").unwrap();
        assert_eq!(&text[sentence_start(text, tail)..sentence_end(text, tail)], "后一句");
    }

    #[test]
    fn years_in_text() {
        let y: Vec<i32> = years("2018年3月，12019年，20年，1998年").collect();
        assert_eq!(y, [2018, 1998]);
    }
}
