//! Office documents as text: `.docx` (Word, WPS; also `.docm`, `.dotx`) and `.odt`, read from
//! bytes with no file access, with a map from the text back to where each character stands in
//! the document (part, paragraph, table cell, character offset).
//!
//! Paragraphs come out one a line, in reading order: headers, the body (tables cell by cell,
//! text boxes where they are anchored), footnotes, endnotes, footers, then comments. A word
//! split into several runs by formatting (half of it bold) is one word in the text; text
//! deleted by a tracked change is left out and inserted text is kept, as the document reads
//! with its changes accepted.
//!
//! ```
//! # fn main() -> Result<(), sanshen::office::Error> {
//! use sanshen::office::{self, Document};
//! use sanshen::Linter;
//!
//! // A minimal document: one paragraph whose word 布署 is split across two runs.
//! let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>请认真布</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>署。</w:t></w:r></w:p></w:body></w:document>"#;
//! let bytes = office::testing::docx(&[("word/document.xml", xml)]);
//! let doc = Document::docx(&bytes)?;
//! assert_eq!(doc.text, "请认真布署。\n");
//! let findings = Linter::new().check(&doc.text);
//! let at = doc.locate(findings[0].span.start).unwrap();
//! assert_eq!((at.part, at.paragraph, at.offset), ("word/document.xml", 1, 3));
//! # Ok(())
//! # }
//! ```

mod comments;
mod docx;
mod error;
mod odt;
mod package;
mod revise;
mod rewrite;
mod runs;
mod walker;

#[doc(hidden)]
pub mod testing;

pub use crate::record::Cell;
pub use error::Error;
pub use revise::{revise, Reviewer, Revised, Unwritten};

use serde::Serialize;

/// Where a paragraph of the text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The part (file inside the package), e.g. `word/document.xml`, `word/footnotes.xml`.
    pub part: String,
    /// The paragraph's number in its part (in its region, when it has one), from 1, counting
    /// every paragraph in document order.
    pub index: usize,
    /// The table cell holding it, if any.
    pub cell: Option<Cell>,
    /// Where in a part that holds several texts it stands: in an OpenDocument's `styles.xml`,
    /// the header or footer and its page style (`header:Standard`, `footer-first:Standard`).
    pub region: Option<String>,
    /// Byte offset of its first character in [`Document::text`].
    pub start: usize,
}

/// Where a byte of the text stands in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location<'d> {
    /// The part, e.g. `word/document.xml`.
    pub part: &'d str,
    /// The paragraph's number in its part (in its region, when it has one), from 1.
    pub paragraph: usize,
    /// The table cell, if the paragraph is in a table.
    pub cell: Option<Cell>,
    /// The header or footer of an OpenDocument, e.g. `header:Standard` (see
    /// [`Paragraph::region`]).
    pub region: Option<&'d str>,
    /// Characters before it in the paragraph (0 is the paragraph's first character).
    pub offset: usize,
}

/// A piece of text in a part's XML: where `len` bytes of [`Document::text`] starting at
/// `text` were read from, as the byte range `xml` of the part. `plain` says the XML bytes are
/// the text bytes as they are (no character references).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Index of the part in [`Document::parts`].
    pub part: usize,
    /// Byte offset in [`Document::text`].
    pub text: usize,
    /// Length in bytes, in the text.
    pub len: usize,
    /// Byte range of the part's XML it was read from.
    pub xml: std::ops::Range<usize>,
    /// Whether the XML bytes equal the text bytes.
    pub plain: bool,
}

/// The text of an office document and where it came from.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The text a reader sees, one paragraph a line.
    pub text: String,
    /// The paragraphs, in the order of the text.
    pub paragraphs: Vec<Paragraph>,
    /// The parts read, in reading order.
    pub parts: Vec<String>,
    /// The runs of text, in the order of the text (for writing changes back).
    pub pieces: Vec<Piece>,
}

/// What a file is, judged by its first bytes and its contents rather than its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// A Word package (`.docx`, `.docm`, `.dotx`; also what WPS saves as `.docx`).
    Docx,
    /// An OpenDocument text (`.odt`).
    Odt,
    /// A PDF file.
    Pdf,
    /// An old binary office file (OLE2 compound file: `.doc`, `.wps`, `.xls`).
    LegacyBinary,
    /// Another ZIP package (a spreadsheet, a presentation, an archive).
    OtherZip,
    /// Anything else (text, HTML).
    Other,
}

/// Judges what `bytes` hold: ZIP packages by their parts, PDF and OLE2 by their signatures.
///
/// ```
/// use sanshen::office::{sniff, Sniffed};
///
/// assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
/// assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), Sniffed::LegacyBinary);
/// assert_eq!(sniff("请认真部署。".as_bytes()), Sniffed::Other);
/// ```
pub fn sniff(bytes: &[u8]) -> Sniffed {
    const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(&OLE2) {
        return Sniffed::LegacyBinary;
    }
    // A PDF header may follow a little junk (the format allows 1024 bytes).
    if bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Sniffed::Pdf;
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Sniffed::Other;
    }
    package::sniff(bytes)
}

impl Document {
    /// Reads a `.docx` (`.docm`, `.dotx`) package.
    ///
    /// # Errors
    ///
    /// When the bytes are not a ZIP package, the main document part is missing, or a part is
    /// not well-formed XML (the error names the part and the byte offset).
    pub fn docx(bytes: &[u8]) -> Result<Document, Error> {
        docx::read(bytes)
    }

    /// Reads an OpenDocument text (`.odt`).
    ///
    /// # Errors
    ///
    /// As [`Document::docx`], for `content.xml` and `styles.xml`.
    pub fn odt(bytes: &[u8]) -> Result<Document, Error> {
        odt::read(bytes)
    }

    /// Where byte `at` of the text stands, or `None` past the end of the last paragraph.
    pub fn locate(&self, at: usize) -> Option<Location<'_>> {
        let i = self.paragraphs.partition_point(|p| p.start <= at).checked_sub(1)?;
        let p = &self.paragraphs[i];
        let offset = self.text.get(p.start..at)?.chars().count();
        let region = p.region.as_deref();
        Some(Location { part: &p.part, paragraph: p.index, cell: p.cell, region, offset })
    }

    fn push_paragraph(&mut self, part: usize, para: walker::Open) {
        let start = self.text.len();
        self.paragraphs.push(Paragraph {
            part: self.parts[part].clone(),
            index: para.index,
            cell: para.cell,
            region: para.region,
            start,
        });
        for mut piece in para.pieces {
            piece.text += start;
            self.pieces.push(piece);
        }
        self.text.push_str(&para.text);
        self.text.push('\n');
    }
}

#[cfg(test)]
mod tests;
