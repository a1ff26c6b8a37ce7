//! The JSON record every front writes for a finding: the command line's `jsonl` and `json`
//! outputs, the HTTP service, the browser package and the Python binding all speak it.
//!
//! Field names are a contract (README, "JSON fields"): fields may be added, none renamed or
//! removed.

use crate::decision::Verdict;
use crate::finding::{Evasion, Finding};
use crate::source::Source;
use serde::Serialize;

/// One finding as a JSON record, borrowing from the finding and the input's name.
///
/// ```
/// use sanshen::{Linter, Record};
///
/// let text = "🇨🇳要认真布署。";
/// let findings = Linter::new().check(text);
/// let records = Record::all("-", text, &findings);
/// let json = serde_json::to_value(&records[0]).unwrap();
/// assert_eq!(json["rule"], "typo/dictionary");
/// assert_eq!(json["text"], "布署");
/// // The flag is two characters of two UTF-16 units each.
/// assert_eq!((json["start_utf16"].as_u64(), json["end_utf16"].as_u64()), (Some(7), Some(9)));
/// ```
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Record<'a> {
    /// The input's name: a file as given on the command line, `-` for standard input.
    pub path: &'a str,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// Byte offset of the start in the input (a byte-order mark counts).
    pub start: usize,
    /// Byte offset of the end in the input, exclusive.
    pub end: usize,
    /// The start in UTF-16 code units (for editors, browsers and Java).
    pub start_utf16: usize,
    /// The end in UTF-16 code units, exclusive.
    pub end_utf16: usize,
    /// `typo`, `sensitive`, `leader` or `format`.
    pub family: &'a str,
    /// The rule id, e.g. `typo/dictionary`.
    pub rule: &'a str,
    /// The entry's category, if it has one.
    pub category: Option<&'a str>,
    /// `error`, `warning` or `info`.
    pub severity: &'a str,
    /// The matched original text.
    pub text: &'a str,
    /// What is wrong, in Chinese.
    pub message: &'a str,
    /// Replacements, best first.
    pub suggestions: &'a [String],
    /// Whether `--write` and [`Linter::fix`](crate::Linter::fix) apply the one suggestion
    /// without a person (see [`Finding::is_fixable`]).
    pub fixable: bool,
    /// How a disguised spelling was matched, or null.
    pub evasion: Option<&'a Evasion>,
    /// The dictionary entry, roster row or model behind the finding (file and line), or null.
    pub source: Option<&'a Source>,
    /// `--explain`: the rule's name and description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
    /// The finding's fingerprint (see [`Fingerprinter`](crate::Fingerprinter)), where the
    /// front keeps a review record or a baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// The finding's state in a review record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<Verdict>,
    /// JSON Lines input: the line of the post in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<usize>,
    /// JSON Lines input: the post's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    /// JSON Lines input: the post's publishing unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'a str>,
    /// Office documents: the part (file inside the package) holding the finding, e.g.
    /// `word/document.xml`, `word/footnotes.xml`, `content.xml`. `line`, `column`, `start`
    /// and `end` then count in the document's text as read (one paragraph a line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<&'a str>,
    /// OpenDocument texts: the header or footer holding the finding and its page style
    /// (`header:Standard`, `footer-first:Standard`); `paragraph` then counts in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<&'a str>,
    /// Office documents: the paragraph's number in its part (or its region), from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// Office documents: the table cell holding the paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<Cell>,
    /// Office documents: characters before the finding in its paragraph; PDF: in its line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// PDF: the page, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// PDF: the line on the page, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_line: Option<usize>,
}

/// What a rule is, for a reader deciding about one of its findings (`--explain`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// The rule's Chinese name, e.g. 词典错别字.
    pub name: &'static str,
    /// What the rule finds, in Chinese.
    pub description: &'static str,
}

impl Explanation {
    /// The explanation of the rule `id`, if the registry has it.
    pub fn of(id: &str) -> Option<Explanation> {
        let rule = crate::registry::rule_by_id(id)?;
        Some(Explanation { name: rule.name, description: rule.description })
    }
}

/// A table cell of an office document: 1-based table (counted in its part, nested tables
/// too, in document order), row and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Cell {
    /// The table's number in its part.
    pub table: usize,
    /// The row, from 1.
    pub row: usize,
    /// The column, from 1 (a merged cell counts once).
    pub column: usize,
}

impl<'a> Record<'a> {
    /// The record of `f`. `offset` is the number of bytes before the checked text in the input
    /// (a byte-order mark: 3); `utf16` is the UTF-16 offset of the finding's start in the
    /// checked text (see [`Utf16Counter`]).
    pub fn new(path: &'a str, offset: usize, f: &'a Finding, utf16: usize) -> Record<'a> {
        let bom = usize::from(offset > 0);
        let start_utf16 = utf16 + bom;
        let end_utf16 = start_utf16 + f.text.encode_utf16().count();
        Record {
            path,
            line: f.line,
            column: f.column,
            start: f.span.start + offset,
            end: f.span.end + offset,
            start_utf16,
            end_utf16,
            family: f.family.as_str(),
            rule: &f.rule,
            category: f.category.as_deref(),
            severity: f.severity.as_str(),
            text: &f.text,
            message: &f.message,
            suggestions: &f.suggestions,
            fixable: f.is_fixable(),
            evasion: f.evasion.as_ref(),
            source: f.source.as_ref(),
            explanation: None,
            fingerprint: None,
            review: None,
            record: None,
            id: None,
            unit: None,
            part: None,
            region: None,
            paragraph: None,
            cell: None,
            offset: None,
            page: None,
            page_line: None,
        }
    }

    /// The records of the findings of `text` (as [`Linter::check`](crate::Linter::check)
    /// returns them, in order), named `path`.
    pub fn all(path: &'a str, text: &str, findings: &'a [Finding]) -> Vec<Record<'a>> {
        let mut counter = Utf16Counter::new(text);
        findings.iter().map(|f| Record::new(path, 0, f, counter.at(f.span.start))).collect()
    }
}

/// UTF-16 code-unit offsets of byte offsets, visiting the text once when asked in increasing
/// order.
#[derive(Clone, Debug)]
pub struct Utf16Counter<'t> {
    text: &'t str,
    byte: usize,
    units: usize,
}

impl<'t> Utf16Counter<'t> {
    /// A counter over `text`.
    pub fn new(text: &'t str) -> Self {
        Utf16Counter { text, byte: 0, units: 0 }
    }

    /// The UTF-16 offset of byte offset `at` (a char boundary; past the end counts as the end).
    pub fn at(&mut self, at: usize) -> usize {
        if at < self.byte {
            (self.byte, self.units) = (0, 0);
        }
        let at = at.min(self.text.len());
        self.units += utf16_units(self.text.as_bytes().get(self.byte..at).unwrap_or_default());
        self.byte = at;
        self.units
    }
}

/// Vectors of 16 bytes whose lane counts are added up together: a lane gains at most one a
/// vector, so 255 of them fit its byte.
const LANE_RUN: usize = 255;

/// The UTF-16 units of the UTF-8 `bytes`: a character is one unit, two from U+10000 on (a
/// four-byte sequence), so the bytes that start characters (not `10xxxxxx`) are counted, and
/// lead bytes of four-byte sequences once more. The bytes go 16 at a time in blocks of
/// [`LANE_RUN`] vectors, the rest one at a time: most pieces between two findings are short,
/// and a byte-at-a-time count of them cost a tenth of the time spent making records in the
/// Python binding.
fn utf16_units(bytes: &[u8]) -> usize {
    let whole = bytes.len() / 16 * 16;
    let (vectors, rest) = bytes.split_at(whole);
    vectors.chunks(16 * LANE_RUN).map(block_units).sum::<usize>() + few_units(rest)
}

/// [`utf16_units`] of a block of at most [`LANE_RUN`] whole vectors. Each vector costs a
/// signed comparison (a byte above −65 as `i8` starts a character) and an unsigned maximum:
/// four-byte sequences are rare, so they are counted only in a block whose largest byte
/// shows one.
#[inline(always)]
fn block_units(block: &[u8]) -> usize {
    use wide::{i8x16, u8x16, CmpGt};
    let continuation = i8x16::splat(-65);
    let (mut starts, mut largest) = (i8x16::splat(0), u8x16::splat(0));
    for chunk in block.chunks_exact(16) {
        let bytes: [u8; 16] = chunk.try_into().unwrap_or_default();
        // A true lane is −1: subtracting it counts one.
        starts -= i8x16::new(bytes.map(|b| b as i8)).cmp_gt(continuation);
        largest = largest.max(u8x16::new(bytes));
    }
    let starts: usize = starts.to_array().iter().map(|&n| usize::from(n as u8)).sum();
    match largest.to_array().iter().any(|&b| b >= 0xF0) {
        true => starts + block.iter().filter(|&&b| b >= 0xF0).count(),
        false => starts,
    }
}

/// [`utf16_units`] of a few bytes, one at a time.
fn few_units(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from((b as i8) >= -64) + usize::from(b >= 0xF0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_match_encode_utf16() {
        let text = "a布👍🏽署\r\n𠀀x";
        let mut counter = Utf16Counter::new(text);
        for (at, _) in text.char_indices() {
            assert_eq!(counter.at(at), text[..at].encode_utf16().count(), "at {at}");
        }
        assert_eq!(counter.at(1), 1, "going back restarts");
        assert_eq!(counter.at(text.len() + 5), text.encode_utf16().count(), "past the end");
        assert_eq!(counter.at(1), 1);
    }

    #[test]
    fn utf16_offsets_match_across_vector_rounds() {
        // Characters of one to four bytes falling across every vector and block boundary.
        let text = "a布👍🏽署\r\n𠀀xé".repeat(120);
        for (at, _) in text.char_indices() {
            assert_eq!(Utf16Counter::new(&text).at(at), text[..at].encode_utf16().count());
        }
        let mut counter = Utf16Counter::new(&text);
        let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(7).collect();
        for at in ends {
            assert_eq!(counter.at(at), text[..at].encode_utf16().count(), "at {at}");
        }
        assert_eq!(utf16_units(text.as_bytes()), text.encode_utf16().count());
    }

    #[test]
    fn utf16_units_match_encode_utf16_over_random_texts() {
        let widths = ["a", "\r", "é", "布", "。", "𠀀", "😀"];
        let mut rng = crate::test_rng::Rng::new(16);
        for round in 0..300 {
            // Up to several blocks of vectors, in runs of one width and mixed.
            let len = [10, 200, 5_000, 20_000][round % 4];
            let mut text = String::new();
            while text.len() < len {
                let c = *rng.pick(&widths);
                let run = if rng.below(4) == 0 { 1 + rng.below(300) } else { 1 };
                (0..run).for_each(|_| text.push_str(c));
            }
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let at = *rng.pick(&cuts);
            for piece in [&text[..at], &text[at..], text.as_str()] {
                assert_eq!(utf16_units(piece.as_bytes()), piece.encode_utf16().count());
            }
        }
        // Every lane counts one a vector: a block of more vectors than a byte holds would wrap.
        let ascii = "a".repeat(16 * LANE_RUN * 2 + 7);
        assert_eq!(utf16_units(ascii.as_bytes()), ascii.len(), "every lane full in a block");
    }

    #[test]
    fn records_carry_the_contract_fields() {
        let text = "认真布署";
        let findings = crate::Linter::new().check(text);
        let r = &Record::all("x.txt", text, &findings)[0];
        assert_eq!((r.start, r.end, r.start_utf16, r.end_utf16), (6, 12, 2, 4));
        assert_eq!((r.path, r.family, r.severity), ("x.txt", "typo", "error"));
    }
}
