//! Any string read as HTML and as Markdown is checked without panicking, with sound findings,
//! and cut into pieces where `last_cut` says: every place is inside the text and on a character
//! boundary, and each piece checks without panicking.
//! Input: the text (kept up to its first invalid byte); its first byte also sets how much of
//! it each cut looks at.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanshen::markup::{last_cut, Carry};
use sanshen::{Linter, Markup};
use std::sync::LazyLock;

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::new);

fuzz_target!(|data: &[u8]| {
    let text = match std::str::from_utf8(data) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).expect("valid prefix"),
    };
    let window = 1 + usize::from(data.first().copied().unwrap_or(0));
    for markup in [Markup::Html, Markup::Markdown] {
        for f in LINTER.check_markup(text, markup) {
            assert!(text.get(f.span.start..f.span.end).is_some(), "{markup:?} {:?}", f.span);
        }
        pieces(text, markup, window);
    }
});

/// Checks `text` a piece at a time, each cut looking at `window` bytes or more.
fn pieces(text: &str, markup: Markup, window: usize) {
    let mut carry = Carry::default();
    let mut start = 0;
    while start < text.len() {
        let mut seen = window;
        let cut = loop {
            let end = (start + seen).min(text.len());
            if end == text.len() {
                break end - start;
            }
            if let Some(cut) = last_cut(markup, &text.as_bytes()[start..end]) {
                assert!(cut > 0 && cut < end - start, "{cut} in {}", end - start);
                break cut;
            }
            seen *= 2;
        };
        let piece = text.get(start..start + cut).expect("a place on a character boundary");
        for f in LINTER.check_markup_piece(piece, markup, &mut carry) {
            assert!(piece.get(f.span.start..f.span.end).is_some(), "{:?}", f.span);
        }
        start += cut;
    }
}
