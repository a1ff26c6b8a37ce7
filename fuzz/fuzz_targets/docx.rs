//! Word documents: any package, or any text as the main part of one, is read without
//! panicking; every finding is placed in a paragraph; writing the findings back gives a
//! package that reads again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanshen::office::{revise, testing, Document, Reviewer};
use sanshen::Linter;

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        testing::docx(&[("word/document.xml", &String::from_utf8_lossy(data))])
    };
    let Ok(doc) = Document::docx(&bytes) else { return };
    let findings = Linter::new().check(&doc.text);
    sanshen_fuzz::assert_findings_sound(&doc.text, &findings);
    for f in &findings {
        let at = doc.locate(f.span.start).expect("every finding is in a paragraph");
        assert!(at.paragraph >= 1);
    }
    let who = Reviewer { author: "sanshen", date: "2026-01-01T00:00:00Z" };
    if let Ok(revised) = revise(&bytes, &doc, &findings, &who) {
        let again = Document::docx(&revised.bytes).expect("a written document reads again");
        assert!(again.paragraphs.len() >= doc.paragraphs.len());
        let accounted = revised.changes.len() + revised.comments.len() + revised.unwritten.len();
        assert_eq!(accounted, findings.len(), "each finding is written or said why not");
    }
});
