//! Findings placed in their file while their text is at hand: file and UTF-16 offsets, lines
//! counted from the file's start, and what the chosen output needs of the text around them
//! (the source line for people, the context for baseline fingerprints). A text read a piece
//! at a time can then be let go piece by piece.

use crate::stream::Piece;
use sanshen::Finding;

/// A finding of a piece, with its span and line in the whole text.
pub(crate) struct Located {
    pub(crate) finding: Finding,
    /// File offsets of the finding's start and end.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// UTF-16 offset of the start in the text (without a byte-order mark).
    pub(crate) utf16: usize,
    /// The part of the finding's line that human output shows, and the finding's offset in it.
    pub(crate) source: Option<(String, usize)>,
    /// The text around the finding, for baseline and review-record fingerprints.
    pub(crate) context: Option<crate::gate::Around>,
}

/// What the output needs besides offsets.
#[derive(Clone, Copy)]
pub(crate) struct Wants {
    pub(crate) source: bool,
    pub(crate) context: bool,
}

/// Places the findings of `piece` (spans into the piece, in order) and appends them to `out`.
pub(crate) fn locate(
    piece: &Piece<'_>,
    findings: Vec<Finding>,
    wants: Wants,
    out: &mut Vec<Located>,
) {
    let text = piece.text;
    let mut utf16 = sanshen::Utf16Counter::new(text);
    let mut lines = crate::lines::LineFinder::new(text);
    out.reserve(findings.len());
    let counted = !findings.is_empty();
    for mut f in findings {
        let span = f.span;
        let source = wants.source.then(|| {
            let (line, at) = lines.line_of(span.start);
            crate::output::snippet(line, at, span.end - span.start)
        });
        let context = wants.context.then(|| crate::gate::Around::of(text, span));
        let (start, end) = (piece.file_offset(span.start), piece.file_offset(span.end));
        let utf16 = piece.utf16 + utf16.at(span.start);
        f.span = sanshen::Span::new(span.start + piece.offset, span.end + piece.offset);
        if f.line == 1 {
            f.column += piece.column;
        }
        f.line += piece.lines;
        out.push(Located { finding: f, start, end, utf16, source, context });
    }
    // What was counted need not be counted again to move past the piece.
    if let Some(last) = out.last().filter(|_| counted) {
        piece.saw_utf16(last.finding.span.start - piece.offset, last.utf16 - piece.utf16);
    }
}
