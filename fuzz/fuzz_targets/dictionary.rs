//! Any text parses as a dictionary or fails naming a line of it; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanshen::dict::Dictionary;

const NAME: &str = "fuzz.tsv";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = Dictionary::parse(NAME, &text) {
        let lines = text.split('\n').count();
        assert_eq!(e.file, NAME);
        assert!((1..=lines).contains(&e.line), "line {} of {lines}", e.line);
        assert!(e.to_string().starts_with(&format!("{NAME}:{}: ", e.line)), "{e}");
    }
});
