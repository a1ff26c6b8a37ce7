//! Byte spans into the checked text, and the line/column arithmetic used only when reporting.

use serde::Serialize;
use std::ops::Index;

/// A half-open byte range `start..end` into a text, always on `char` boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

/// Finds 1-based line and column (in characters) for byte offsets, visiting the text once when
/// the offsets are asked for in increasing order.
///
/// A line ends at `\n`, at `\r\n` or at a lone `\r`.
#[derive(Debug)]
pub(crate) struct LineCounter<'t> {
    text: &'t str,
    /// The byte offset where each line starts, when known (empty otherwise).
    starts: &'t [u32],
    /// Byte offset already visited.
    pos: usize,
    line: usize,
    /// Column of `pos`.
    column: usize,
}

impl<'t> LineCounter<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        LineCounter { text, starts: &[], pos: 0, line: 1, column: 1 }
    }

    /// A counter that takes lines from `starts`, the start of every line of `text` in order
    /// (the format rules find them on their way), instead of searching the text for line ends.
    pub(crate) fn with_line_starts(text: &'t str, starts: &'t [u32]) -> Self {
        LineCounter { starts, ..LineCounter::new(text) }
    }

    /// Line and column of the byte offset `at`, which must lie on a char boundary.
    pub(crate) fn locate(&mut self, at: usize) -> (usize, usize) {
        if !self.starts.is_empty() {
            return self.locate_by_starts(at);
        }
        if at < self.pos {
            *self = LineCounter::new(self.text);
        }
        let bytes = self.text.as_bytes();
        let at = at.min(bytes.len());
        // Line ends found with a vectorised search, then the characters of the last line
        // counted: a byte loop over a long text cost a tenth of a review with one late finding.
        let mut line_start = None;
        for end in memchr::memchr2_iter(b'\n', b'\r', &bytes[self.pos..at]) {
            let end = self.pos + end;
            // \r\n ends one line, at its \n.
            if bytes[end] == b'\n' || bytes.get(end + 1) != Some(&b'\n') {
                self.line += 1;
                line_start = Some(end + 1);
            }
        }
        let counted = match line_start {
            Some(start) => {
                self.column = 1;
                start.min(at)
            }
            None => self.pos,
        };
        // Every byte but UTF-8 continuation bytes starts a character.
        self.column += bytes[counted..at].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.pos = at;
        (self.line, self.column)
    }

    fn locate_by_starts(&mut self, at: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        let at = at.min(bytes.len());
        let line = self.starts.partition_point(|&s| s as usize <= at).max(1);
        if line != self.line || at < self.pos {
            self.line = line;
            self.pos = (self.starts[line - 1] as usize).min(at);
            self.column = 1;
        }
        // Every byte but UTF-8 continuation bytes starts a character.
        self.column += bytes[self.pos..at].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.pos = at;
        (self.line, self.column)
    }
}

/// Keeps the longest of overlapping items (the earliest of equally long ones), sorted by
/// position, in O(n log n).
///
/// Only items that overlap, directly or through others, compete: the items are cut into such
/// clusters in one sweep by start, an item alone is kept as it is, and only a cluster of
/// several is judged longest first (most hits stand alone, where judging every item through
/// an ordered map cost a few hundred instructions an item).
pub(crate) fn longest_first<T>(mut items: Vec<T>, span: impl Fn(&T) -> Span) -> Vec<T> {
    if items.iter().any(|t| span(t).is_empty()) {
        return longest_first_by_length(items, span);
    }
    if !items.is_sorted_by_key(|t| span(t).start) {
        items.sort_by_key(|t| span(t).start);
    }
    let mut kept = Vec::with_capacity(items.len());
    let mut cluster: Vec<T> = Vec::new();
    let mut end = 0;
    for item in items {
        let s = span(&item);
        if s.start >= end {
            take_cluster(&mut cluster, &mut kept, &span);
        }
        end = end.max(s.end);
        cluster.push(item);
    }
    take_cluster(&mut cluster, &mut kept, &span);
    kept
}

/// Moves what [`longest_first`] keeps of one cluster of overlapping items (in their order
/// by start) to `kept`.
fn take_cluster<T>(cluster: &mut Vec<T>, kept: &mut Vec<T>, span: &impl Fn(&T) -> Span) {
    match cluster.len() {
        0 => {}
        1 => kept.append(cluster),
        _ => kept.extend(longest_first_by_length(std::mem::take(cluster), span)),
    }
}

/// [`longest_first`] by its definition: the items longest first (the earliest of equally long
/// ones), each kept unless it overlaps one kept before it.
fn longest_first_by_length<T>(mut items: Vec<T>, span: impl Fn(&T) -> Span) -> Vec<T> {
    items.sort_by_key(|t| {
        let s = span(t);
        (std::cmp::Reverse(s.len()), s.start)
    });
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept = Vec::with_capacity(items.len());
    for item in items {
        let s = span(&item);
        let before = taken.range(..s.end).next_back();
        if before.is_some_and(|(_, &end)| end > s.start) {
            continue;
        }
        taken.insert(s.start, s.end);
        kept.push(item);
    }
    kept.sort_by_key(|t| span(t).start);
    kept
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The start of every line, as the format rules find them: after `\n`, after `\r` not
    /// before `\n` (and after a final line end, an empty last line).
    pub(crate) fn line_starts(text: &str) -> Vec<u32> {
        let b = text.as_bytes();
        let ends = |i: usize| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'));
        std::iter::once(0).chain((0..b.len()).filter(|&i| ends(i)).map(|i| i as u32 + 1)).collect()
    }

    #[test]
    fn index_and_relations() {
        let text = "布署工作";
        let span = Span::new(0, 6);
        assert_eq!(&text[span], "布署");
        assert!(Span::new(0, 12).contains(span));
        assert!(span.overlaps(Span::new(3, 9)));
        assert!(!span.overlaps(Span::new(6, 9)));
        assert_eq!(span.len(), 6);
    }

    #[test]
    fn longest_of_overlapping() {
        let spans = vec![
            Span::new(0, 3),
            Span::new(2, 8),
            Span::new(8, 9),
            Span::new(9, 12),
            Span::new(10, 11),
        ];
        let kept = longest_first(spans, |s| *s);
        assert_eq!(kept, [Span::new(2, 8), Span::new(8, 9), Span::new(9, 12)]);
    }

    /// Clusters of overlapping items against the definition, over random items (equal spans
    /// among them, numbered to tell which one is kept) in any order.
    #[test]
    fn longest_in_clusters_as_by_definition() {
        let mut rng = crate::test_rng::Rng::new(25);
        for round in 0..3000 {
            let n = rng.below(14);
            let items: Vec<(usize, Span)> = (0..n)
                .map(|k| {
                    let start = rng.below(40);
                    (k, Span::new(start, start + 1 + rng.below(8)))
                })
                .collect();
            let mut by_end = items.clone();
            by_end.sort_by_key(|t| t.1.end);
            for items in [items, by_end] {
                let want = longest_first_by_length(items.clone(), |t| t.1);
                assert_eq!(longest_first(items.clone(), |t| t.1), want, "{round}: {items:?}");
            }
        }
    }

    /// Line and column counted the slow way, one character at a time.
    fn naive(text: &str, at: usize) -> (usize, usize) {
        let (mut line, mut column) = (1, 1);
        for (i, c) in text[..at].char_indices() {
            let crlf = c == '\r' && text[i + 1..].starts_with('\n');
            if c == '\n' || (c == '\r' && !crlf) {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
        (line, column)
    }

    #[test]
    fn agrees_with_counting_one_character_at_a_time() {
        let alphabet = ['a', '\n', '\r', '字', '𠀀', 'é'];
        let mut seed = 12345u64;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let mut lines = LineCounter::new(&text);
            let offsets: Vec<usize> =
                text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let starts = line_starts(&text);
            let mut by_starts = LineCounter::with_line_starts(&text, &starts);
            for (k, &at) in offsets.iter().enumerate() {
                // Every other offset, so that both short and longer steps are taken.
                if k % 2 == 0 || k + 1 == offsets.len() {
                    assert_eq!(lines.locate(at), naive(&text, at), "{text:?} at {at}");
                    assert_eq!(by_starts.locate(at), naive(&text, at), "{text:?} at {at}");
                }
            }
            // Out of order too.
            for &at in offsets.iter().rev().step_by(3) {
                assert_eq!(by_starts.locate(at), naive(&text, at), "{text:?} at {at}");
            }
        }
    }

    #[test]
    fn lines_and_columns_in_characters() {
        let text = "第一行\n第二行布署\r\n第三\r第四";
        let mut lc = LineCounter::new(text);
        assert_eq!(lc.locate(0), (1, 1));
        let at = text.find("布署").unwrap();
        assert_eq!(lc.locate(at), (2, 4));
        let at = text.find("第三").unwrap();
        assert_eq!(lc.locate(at), (3, 1));
        let at = text.find("第四").unwrap();
        assert_eq!(lc.locate(at), (4, 1));
        // Going backwards restarts the count.
        assert_eq!(lc.locate(3), (1, 2));
    }
}
