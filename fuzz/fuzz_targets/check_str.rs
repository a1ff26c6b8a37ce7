//! Any string is checked as of today and as of any date without panicking, with sound findings.
//! Input: four bytes choosing the date, then the text (kept up to its first invalid byte).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanshen::Linter;

fuzz_target!(|data: &[u8]| {
    let (date, rest) = sanshen_fuzz::split_date(data);
    let text = match std::str::from_utf8(rest) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).expect("valid prefix"),
    };
    sanshen_fuzz::check_everything(&Linter::new(), text, date);
});
