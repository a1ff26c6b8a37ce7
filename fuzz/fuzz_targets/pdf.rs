//! PDFs: any bytes are read without panicking (a damaged file is an error), and every finding
//! of a text layer is placed on a page and line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanshen::pdf::Pdf;
use sanshen::Linter;

fuzz_target!(|data: &[u8]| {
    let Ok(pdf) = Pdf::read(data) else { return };
    let findings = Linter::new().check(&pdf.text);
    sanshen_fuzz::assert_findings_sound(&pdf.text, &findings);
    for f in &findings {
        let at = pdf.locate(f.span.start).expect("every finding is on a page");
        assert!(at.page >= 1 && at.page <= pdf.pages && at.line >= 1);
    }
});
