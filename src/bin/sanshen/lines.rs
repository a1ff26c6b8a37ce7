//! The source line around each finding, for human output: found in one pass over the text when
//! asked in increasing order, so a single long line with many findings costs its length once,
//! not once per finding.

/// Finds the line holding a byte offset; asked in increasing order, it scans each byte once.
pub(crate) struct LineFinder<'t> {
    text: &'t str,
    /// Everything before `scanned` has been searched for line breaks.
    scanned: usize,
    /// The start of the line holding `scanned`.
    start: usize,
    /// The end of that line, once searched for.
    end: Option<usize>,
}

impl<'t> LineFinder<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        LineFinder { text, scanned: 0, start: 0, end: None }
    }

    /// The line holding byte `at` (without its line break), and `at`'s offset in it.
    pub(crate) fn line_of(&mut self, at: usize) -> (&'t str, usize) {
        let bytes = self.text.as_bytes();
        let at = at.min(bytes.len());
        if at < self.scanned {
            // Asked out of order: start again (never in the order findings come).
            *self = LineFinder::new(self.text);
        }
        if let Some(i) = memchr::memrchr2(b'\n', b'\r', &bytes[self.scanned..at]) {
            self.start = self.scanned + i + 1;
            self.end = None;
        }
        self.scanned = at;
        let end = match self.end {
            Some(end) if end >= at => end,
            _ => memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |i| at + i),
        };
        self.end = Some(end);
        (&self.text[self.start..end], at - self.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of `at` found by searching the whole text, as a reference.
    fn reference(text: &str, at: usize) -> (&str, usize) {
        let start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
        (&text[start..end], at - start)
    }

    #[test]
    fn lines_match_a_full_search_in_order_and_out_of_order() {
        let text = "第一行布署\r\n第二行\n\n再接再励，布署\r末行";
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut finder = LineFinder::new(text);
        for &at in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(finder.line_of(at), reference(text, at), "at {at}");
        }
    }
}
