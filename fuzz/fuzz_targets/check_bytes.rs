//! Any bytes, decoded leniently, are checked without panicking and with sound findings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanshen::Linter;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let linter = Linter::new();
    sanshen_fuzz::assert_findings_sound(&text, &linter.check(&text));
});
