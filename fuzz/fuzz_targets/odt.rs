//! OpenDocument texts: any package, or any text as the content part of one, is read without
//! panicking, and every finding is placed in a paragraph.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanshen::office::{testing, Document};
use sanshen::Linter;

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        let content = String::from_utf8_lossy(data);
        testing::zip(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", &content),
        ])
    };
    let Ok(doc) = Document::odt(&bytes) else { return };
    let findings = Linter::new().check(&doc.text);
    sanshen_fuzz::assert_findings_sound(&doc.text, &findings);
    for f in &findings {
        assert!(doc.locate(f.span.start).is_some());
    }
});
