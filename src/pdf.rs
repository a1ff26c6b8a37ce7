//! The text layer of a PDF, page by page, with a map back to page, line and character.
//!
//! Text comes from `pdf-extract`, chosen over `lopdf`'s own `extract_text` on PDFs that
//! LibreOffice made from Chinese `.docx` files (tests/fixtures/office, CFF and TrueType CJK
//! fonts embedded as subsets with ToUnicode maps). Both decode every character, but `lopdf`
//! starts a new line at every text object, so a word whose second half is bold comes out as
//! `认真布` / `署` and `12月` as `12` / `月`: the finding 布署 is lost. `pdf-extract` places
//! lines by their position on the page and keeps 认真布署 whole.
//!
//! A line that wraps in the middle of a Chinese sentence is joined to the next, so that a word
//! broken across a line end is still one word; findings are reported at the line they start on.
//!
//! ```
//! use sanshen::pdf::{Error, Pdf};
//!
//! assert!(matches!(Pdf::read(b"%PDF-1.4 not really"), Err(Error::Unreadable(_))));
//! ```

/// A PDF that cannot be checked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file is damaged, encrypted or not a PDF.
    #[error("not a readable PDF: {0}")]
    Unreadable(String),
    /// No page has any text: a scan, or pages of images.
    #[error("no text layer on any of its {pages} page(s) (a scanned document?): run OCR first")]
    NoTextLayer {
        /// How many pages the file has.
        pages: usize,
    },
}

/// Where a byte of the text stands on the pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// The page, from 1.
    pub page: usize,
    /// The line on the page, from 1, counting lines that hold text.
    pub line: usize,
    /// Characters before it in the line.
    pub offset: usize,
}

#[derive(Clone, Copy, Debug)]
struct Line {
    /// Byte offset of the line's first character in the text.
    start: usize,
    page: usize,
    line: usize,
}

/// The text of a PDF and where it stands.
#[derive(Clone, Debug, Default)]
pub struct Pdf {
    /// The text: paragraphs one a line, lines wrapped inside a Chinese sentence joined.
    pub text: String,
    lines: Vec<Line>,
    /// How many pages the file has.
    pub pages: usize,
}

impl Pdf {
    /// Reads the text layer of a PDF.
    ///
    /// # Errors
    ///
    /// [`Error::Unreadable`] for a damaged, encrypted or non-PDF file, and
    /// [`Error::NoTextLayer`] when no page has text.
    pub fn read(bytes: &[u8]) -> Result<Pdf, Error> {
        let pages = pages_of(bytes)?;
        let mut pdf = Pdf { pages: pages.len(), ..Pdf::default() };
        for (i, page) in pages.iter().enumerate() {
            pdf.add_page(i + 1, page);
        }
        if pdf.lines.is_empty() {
            return Err(Error::NoTextLayer { pages: pdf.pages });
        }
        Ok(pdf)
    }

    fn add_page(&mut self, page: usize, text: &str) {
        let mut number = 0;
        let mut blank_before = true;
        for raw in text.lines() {
            let line = raw.trim();
            if line.is_empty() {
                blank_before = true;
                continue;
            }
            number += 1;
            let wrapped = !blank_before && number > 1 && joins(&self.text, line);
            if !wrapped && !self.text.is_empty() {
                self.text.push('\n');
            }
            self.lines.push(Line { start: self.text.len(), page, line: number });
            self.text.push_str(line);
            blank_before = false;
        }
    }

    /// Where byte `at` of the text stands.
    pub fn locate(&self, at: usize) -> Option<Location> {
        let i = self.lines.partition_point(|l| l.start <= at).checked_sub(1)?;
        let l = self.lines[i];
        let offset = self.text.get(l.start..at)?.chars().count();
        Some(Location { page: l.page, line: l.line, offset })
    }
}

/// The pages' texts; a panic inside the PDF reader on a damaged file is an error.
fn pages_of(bytes: &[u8]) -> Result<Vec<String>, Error> {
    let read = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    match read {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(e)) => Err(Error::Unreadable(e.to_string())),
        Err(_) => Err(Error::Unreadable("the PDF reader failed on its contents".to_owned())),
    }
}

/// Whether a line continues the text before it: a Chinese sentence wrapped at the page's
/// edge (no sentence end before the break, Chinese on one side of it).
fn joins(before: &str, line: &str) -> bool {
    let (Some(last), Some(first)) = (before.chars().last(), line.chars().next()) else {
        return false;
    };
    let ends_sentence = matches!(last, '。' | '！' | '？' | '；' | '：' | '…');
    !ends_sentence && (is_cjk(last) || is_cjk(first))
}

/// Whether a character belongs to Chinese running text: an ideograph (the library's one
/// definition, [`crate::chars::is_ideograph`]) or the punctuation written between them.
fn is_cjk(c: char) -> bool {
    crate::chars::is_ideograph(c) || is_chinese_punctuation(c)
}

/// CJK punctuation (、。「」…), full-width forms (，：？) and curly quotation marks.
fn is_chinese_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201D}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf_of(pages: &[&str]) -> Pdf {
        let mut pdf = Pdf { pages: pages.len(), ..Pdf::default() };
        for (i, p) in pages.iter().enumerate() {
            pdf.add_page(i + 1, p);
        }
        pdf
    }

    #[test]
    fn wrapped_chinese_lines_are_joined() {
        let pdf = pdf_of(&[
            "\n\n通知\n\n请各单位认真布\n署，再接再\n励。\nEnglish words\nwrap here\n",
            "第二页布署",
        ]);
        assert_eq!(
            pdf.text,
            "通知\n请各单位认真布署，再接再励。\nEnglish words\nwrap here\n第二页布署"
        );
        let at = pdf.text.find("署，").unwrap();
        assert_eq!(pdf.locate(at), Some(Location { page: 1, line: 3, offset: 0 }));
        let at = pdf.text.rfind("布署").unwrap();
        assert_eq!(pdf.locate(at), Some(Location { page: 2, line: 1, offset: 3 }));
    }

    #[test]
    fn wrapped_lines_join_after_every_kind_of_ideograph() {
        // An extension-H ideograph, 〇 and a compatibility ideograph end wrapped lines.
        let pdf = pdf_of(&["甲\u{31350}\n乙二〇\n二〇年﨑\n丙，\n丁。\nEnd.\nNext"]);
        assert_eq!(pdf.text, "甲\u{31350}乙二〇二〇年﨑丙，丁。\nEnd.\nNext");
    }

    #[test]
    fn junk_is_an_error_not_a_panic() {
        for bytes in [&b""[..], b"%PDF-", b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"] {
            assert!(Pdf::read(bytes).is_err());
        }
    }
}
