//! Small packages built in memory, for tests, examples and fuzzing seeds.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// A ZIP package holding `parts` (name, content), stored uncompressed.
///
/// # Panics
///
/// Never with names and contents in memory; a failure to write would be a bug.
pub fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        writer.start_file(*name, options).expect("writing to memory");
        writer.write_all(content.as_bytes()).expect("writing to memory");
    }
    writer.finish().expect("writing to memory").into_inner()
}

/// A `.docx` package: the given parts plus the package relationships naming
/// `word/document.xml` as the main document and the content types (unless `parts` has its own
/// `_rels/.rels` or `[Content_Types].xml`).
pub fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut all: Vec<(&str, &str)> = parts.to_vec();
    if !parts.iter().any(|(n, _)| *n == "_rels/.rels") {
        all.insert(0, ("_rels/.rels", RELS));
    }
    if !parts.iter().any(|(n, _)| *n == "[Content_Types].xml") {
        all.insert(0, ("[Content_Types].xml", TYPES));
    }
    zip(&all)
}
