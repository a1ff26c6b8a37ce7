//! The binary's decoder (its own module, compiled in): any bytes decode or give an error, never
//! a panic; every character of the decoded text maps back to the bytes it was decoded from
//! (whatever the encoding, whether or not the text encodes back to the same bytes), and the
//! text encodes back to the file when the decoder says it round-trips.
#![no_main]

#[allow(dead_code)]
#[path = "../../src/bin/sanshen/decode.rs"]
mod decode;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks detection or a forced encoding; the rest is the file.
    let Some((&pick, bytes)) = data.split_first() else { return };
    let forced = match pick % 6 {
        0 => Some(encoding_rs::GB18030),
        1 => Some(encoding_rs::UTF_16LE),
        2 => Some(encoding_rs::UTF_16BE),
        3 => Some(encoding_rs::BIG5),
        _ => None,
    };
    let Ok(mut decoded) = decode::decode(bytes, forced) else { return };
    let encoding = decoded.encoding;
    let text = decoded.take_text();
    // (text offset, file offset) of every character, and of the end.
    let bounds: Vec<(usize, usize)> = text
        .char_indices()
        .map(|(at, _)| at)
        .chain([text.len()])
        .map(|at| (at, decoded.file_offset(at)))
        .collect();
    assert_eq!(bounds[0].1, decoded.bom, "the text starts after the BOM");
    assert_eq!(bounds[bounds.len() - 1].1, bytes.len(), "the text ends where the file does");
    let mut k = 0;
    while k + 1 < bounds.len() {
        // Characters after the first that take no bytes came from the same sequence.
        let mut j = k + 1;
        while j + 1 < bounds.len() && bounds[j].1 == bounds[j + 1].1 {
            j += 1;
        }
        let ((t0, f0), (t1, f1)) = (bounds[k], bounds[j]);
        assert!(f0 < f1 || t0 == t1, "offsets rise within the file");
        let back = encoding.decode_without_bom_handling_and_without_replacement(&bytes[f0..f1]);
        assert_eq!(back.as_deref(), Some(&text[t0..t1]), "bytes {f0}..{f1} decode to the text");
        k = j;
    }
    if decoded.round_trips(&text, bytes) {
        assert_eq!(decoded.encode(&text), bytes);
    }
});
