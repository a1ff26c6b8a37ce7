//! The binary's decoder (its own module, compiled in): any bytes decode or give an error, never
//! a panic; decoded text maps back to the bytes it came from, and encodes back to them when the
//! decoder says it round-trips.
#![no_main]

#[allow(dead_code)]
#[path = "../../src/bin/sanshen/decode.rs"]
mod decode;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks detection or a forced encoding; the rest is the file.
    let Some((&pick, bytes)) = data.split_first() else { return };
    let forced = match pick % 5 {
        0 => Some(encoding_rs::GB18030),
        1 => Some(encoding_rs::UTF_16LE),
        2 => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let Ok(mut decoded) = decode::decode(bytes, forced) else { return };
    let text = decoded.take_text();
    let mut last = decoded.file_offset(0);
    assert_eq!(last, decoded.bom);
    if text.is_empty() {
        // An empty text ends where it starts.
        assert_eq!(decoded.file_offset(0), decoded.bom);
        return;
    }
    // Offsets are computed by encoding the text again: exact only when that gives back the file
    // (a byte that decodes to a character encoded otherwise, as GB18030's 0x80 → €, is not).
    if !decoded.round_trips(&text, bytes) {
        return;
    }
    for (at, c) in text.char_indices().skip(1).chain([(text.len(), ' ')]) {
        let here = decoded.file_offset(at);
        assert!(here > last && here <= bytes.len(), "offsets rise within the file");
        last = here;
        let _ = c;
    }
    assert_eq!(decoded.encode(&text), bytes);
});
