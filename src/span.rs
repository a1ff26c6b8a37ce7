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
    /// Byte offset already visited.
    pos: usize,
    /// Start of the line containing `pos`.
    line_start: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        LineCounter { text, pos: 0, line_start: 0, line: 1 }
    }

    /// Line and column of the byte offset `at`, which must lie on a char boundary.
    pub(crate) fn locate(&mut self, at: usize) -> (usize, usize) {
        if at < self.pos {
            *self = LineCounter::new(self.text);
        }
        let bytes = self.text.as_bytes();
        while self.pos < at {
            match bytes[self.pos] {
                b'\n' => self.new_line(self.pos + 1),
                b'\r' if bytes.get(self.pos + 1) != Some(&b'\n') => self.new_line(self.pos + 1),
                _ => {}
            }
            self.pos += 1;
        }
        let column = self.text[self.line_start..at].chars().count() + 1;
        (self.line, column)
    }

    fn new_line(&mut self, start: usize) {
        self.line += 1;
        self.line_start = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
