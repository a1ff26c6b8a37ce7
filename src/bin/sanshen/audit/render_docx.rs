//! The report as a Word document (`report.docx`): a minimal WordprocessingML package with the
//! headings, paragraphs and tables (charts are left to HTML), which Word and WPS open.

use super::document::Block;
use std::io::Write;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// The document's bytes.
pub(crate) fn render(blocks: &[Block]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)] {
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        zip.write_all(body.as_bytes())?;
    }
    zip.start_file("word/document.xml", options).map_err(std::io::Error::other)?;
    zip.write_all(document(blocks).as_bytes())?;
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

fn document(blocks: &[Block]) -> String {
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, text) => {
                let size = match level {
                    1 => 36,
                    2 => 32,
                    _ => 28,
                };
                body += &paragraph(text, Some(size), *level == 1);
            }
            Block::Para(text) => body += &paragraph(text, None, false),
            Block::Table(t) => {
                body += "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>";
                for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                    body += &format!(
                        "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"888888\"/>"
                    );
                }
                body += "</w:tblBorders></w:tblPr>";
                body += &row(t.header.iter().copied(), true);
                for r in &t.rows {
                    body += &row(r.iter().map(String::as_str), false);
                }
                body += "</w:tbl>";
                body += &paragraph("", None, false);
            }
            Block::Chart(..) => {}
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}

/// A paragraph of one run; `size` in half-points makes it a bold heading.
fn paragraph(text: &str, size: Option<u32>, centred: bool) -> String {
    let align = if centred { "<w:pPr><w:jc w:val=\"center\"/></w:pPr>" } else { "" };
    let props =
        size.map_or(String::new(), |s| format!("<w:rPr><w:b/><w:sz w:val=\"{s}\"/></w:rPr>"));
    format!(
        "<w:p>{align}<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        escape(text)
    )
}

fn row<'a>(cells: impl Iterator<Item = &'a str>, header: bool) -> String {
    let bold = if header { "<w:rPr><w:b/></w:rPr>" } else { "" };
    let cells: String = cells
        .map(|c| {
            format!(
                "<w:tc><w:p><w:r>{bold}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
                escape(c)
            )
        })
        .collect();
    format!("<w:tr>{cells}</w:tr>")
}

/// XML text: markup characters escaped, characters XML 1.0 forbids dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::document::Table;

    #[test]
    fn the_library_reads_back_the_text_and_table() {
        let blocks = [
            Block::Heading(1, "检查情况".into()),
            Block::Para("发现<问题>\u{1}2处。".into()),
            Block::Table(Table {
                csv: None,
                header: vec!["名称"],
                rows: vec![vec!["青神公安".into()]],
            }),
        ];
        let bytes = render(&blocks).unwrap();
        assert_eq!(sanshen::office::sniff(&bytes), sanshen::office::Sniffed::Docx);
        let text = sanshen::office::Document::docx(&bytes).expect("a valid .docx").text;
        assert!(text.contains("检查情况") && text.contains("发现<问题>2处。"), "{text}");
        assert!(text.contains("青神公安"), "{text}");
    }
}
