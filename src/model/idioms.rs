//! Idioms the model leaves alone: their characters often follow each other nowhere else, so
//! the n-grams of official prose find them unlikely (`dictionaries/model/idioms.txt`).
//!
//! The shipped list is sorted, one idiom a line, so it is searched where it lies: a start
//! checks its order in one pass and builds nothing (building a map of 8,730 idioms by their
//! first character was a quarter of the model's cost in a cold check of one post).

use std::borrow::Cow;

/// Idioms, one a line, sorted by their bytes (so by their first character), no other lines.
#[derive(Debug, Default)]
pub(crate) struct Idioms {
    sorted: Cow<'static, str>,
    /// The longest idiom, in characters.
    longest: usize,
}

impl Idioms {
    /// One idiom a line; `#` starts a comment line. A list already sorted, with its comments
    /// before the idioms, is used where it lies; any other is sorted into a copy.
    pub(crate) fn parse(text: &'static str) -> Idioms {
        let body = skip_header(text);
        let body = body.strip_suffix('\n').unwrap_or(body);
        if let Some(longest) = sorted_longest(body) {
            return Idioms { sorted: Cow::Borrowed(body), longest };
        }
        let mut lines: Vec<&str> =
            text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        lines.sort_unstable();
        lines.dedup();
        let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        Idioms { sorted: Cow::Owned(lines.join("\n")), longest }
    }

    /// Whether `chars[i]` lies inside an idiom written out in `chars`.
    pub(crate) fn covers(&self, chars: &[char], i: usize) -> bool {
        let from = (i + 1).saturating_sub(self.longest);
        (from..=i).any(|start| {
            self.starting_with(chars[start]).any(|w| {
                let n = w.chars().count();
                start + n > i
                    && start + n <= chars.len()
                    && w.chars().eq(chars[start..start + n].iter().copied())
            })
        })
    }

    /// The idioms that start with `c`: a run of lines, found by a binary search.
    fn starting_with(&self, c: char) -> impl Iterator<Item = &str> {
        let mut buf = [0; 4];
        let key: &str = c.encode_utf8(&mut buf);
        let text: &str = &self.sorted;
        let at = first_not_below(text, key.as_bytes());
        let key = c;
        text[at..].split('\n').take_while(move |l| l.starts_with(key))
    }
}

/// `text` after its first lines while they are comments.
fn skip_header(text: &str) -> &str {
    let mut rest = text;
    while rest.starts_with('#') {
        rest = rest.find('\n').map_or("", |e| &rest[e + 1..]);
    }
    rest
}

/// The longest line's length in characters, if `body` is lines in strictly increasing order,
/// each non-empty, of no ASCII character (so no comment) and no white space at either end;
/// else `None`. One pass over the bytes: a start pays for it at every run.
fn sorted_longest(body: &str) -> Option<usize> {
    let (mut longest, mut start) = (0, 0);
    let mut last: Option<&str> = None;
    let ends = memchr::memchr_iter(b'\n', body.as_bytes()).chain([body.len()]);
    for end in ends {
        let line = &body[start..end];
        if !plain(line) || last.is_some_and(|l| l >= line) {
            return None;
        }
        // Characters are the bytes that do not continue one.
        longest = longest.max(line.bytes().filter(|&b| (b as i8) >= -0x40).count());
        (last, start) = (Some(line), end + 1);
    }
    Some(longest)
}

/// A line of an idiom as the sorted list holds it.
fn plain(line: &str) -> bool {
    !line.is_empty()
        && !line.bytes().any(|b| b.is_ascii())
        && !line.starts_with(char::is_whitespace)
        && !line.ends_with(char::is_whitespace)
}

/// The byte offset of the first line of `text` (sorted lines) not below `key`, or the length.
fn first_not_below(text: &str, key: &[u8]) -> usize {
    let bytes = text.as_bytes();
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = memchr::memrchr(b'\n', &bytes[lo..mid]).map_or(lo, |p| lo + p + 1);
        let end = memchr::memchr(b'\n', &bytes[mid..]).map_or(bytes.len(), |p| mid + p);
        match &bytes[start..end] < key {
            true => lo = end + 1,
            false => hi = start,
        }
    }
    lo.min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_characters_inside_an_idiom() {
        let idioms = Idioms::parse("# comment\n一丘之貉\n再接再厉\n");
        let chars: Vec<char> = "他们是一丘之貉。".chars().collect();
        let inside: Vec<usize> = (0..chars.len()).filter(|&i| idioms.covers(&chars, i)).collect();
        assert_eq!(inside, [3, 4, 5, 6]);
        let wrong: Vec<char> = "一丘之鹤".chars().collect();
        assert!(!(0..4).any(|i| idioms.covers(&wrong, i)));
    }

    #[cfg(feature = "model")]
    #[test]
    fn the_shipped_list_is_read_where_it_lies() {
        let idioms = Idioms::parse(crate::model::data::IDIOMS);
        assert!(matches!(idioms.sorted, Cow::Borrowed(_)), "idioms.txt is not sorted");
        assert!(idioms.longest >= 4);
        // Every idiom is found from its first character, as the map of before found it.
        let all = crate::model::data::IDIOMS.lines().filter(|l| !l.starts_with('#'));
        for idiom in all {
            let first = idiom.chars().next().expect("no empty line");
            assert!(idioms.starting_with(first).any(|w| w == idiom), "{idiom}");
        }
    }

    #[test]
    fn an_unsorted_list_is_sorted_into_a_copy() {
        let text = "再接再厉\n# later comment\n  一丘之貉\u{3000}\n\n一丘之貉\n一不做二不休\n";
        let idioms = Idioms::parse(text);
        assert!(matches!(idioms.sorted, Cow::Owned(_)));
        assert_eq!(&*idioms.sorted, "一不做二不休\n一丘之貉\n再接再厉");
        assert_eq!(idioms.longest, 6);
        let chars: Vec<char> = "要一不做二不休".chars().collect();
        assert!(idioms.covers(&chars, 6) && !idioms.covers(&chars, 0));
    }

    #[test]
    fn the_binary_search_finds_every_run_of_a_first_character() {
        let list = ["一丘之貉", "一不做二不休", "万众一心", "再接再厉", "再衰三竭", "龙飞凤舞"];
        let mut sorted = list.to_vec();
        sorted.sort_unstable();
        let text: &'static str = Box::leak(sorted.join("\n").into_boxed_str());
        let idioms = Idioms::parse(text);
        assert!(matches!(idioms.sorted, Cow::Borrowed(_)));
        for c in ['一', '万', '再', '龙', '丁', '齐', 'a'] {
            let mut want: Vec<&str> = list.iter().copied().filter(|w| w.starts_with(c)).collect();
            want.sort_unstable();
            let got: Vec<&str> = idioms.starting_with(c).collect();
            assert_eq!(got, want, "{c}");
        }
    }

    #[test]
    fn lines_out_of_order_or_not_plain_are_not_read_in_place() {
        for text in [
            "一丘\n一丁\n",
            "一丘\n一丘\n",
            "一丘\n\n一丁\n",
            "一丘\n一丁 \n",
            "一丘\n\u{3000}一丁\n",
            "一丘\r\n一丁\n",
        ] {
            assert!(matches!(Idioms::parse(text).sorted, Cow::Owned(_)), "{text:?}");
        }
        let idioms = Idioms::parse("# a\n# b\n一丁\n一丘\n");
        assert!(matches!(idioms.sorted, Cow::Borrowed("一丁\n一丘")));
        assert_eq!(idioms.longest, 2);
    }

    #[test]
    fn an_empty_list_covers_nothing() {
        let idioms = Idioms::parse("# only a comment\n");
        let chars: Vec<char> = "一丘之貉".chars().collect();
        assert!(!(0..4).any(|i| idioms.covers(&chars, i)));
    }
}
