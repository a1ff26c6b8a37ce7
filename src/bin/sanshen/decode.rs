//! Decoding a file's bytes to text: UTF-8 (with or without a BOM), UTF-16 (with a BOM, or
//! without one when its shape leaves no doubt), GB18030/GBK, which many government systems
//! still export, and Big5, detected or forced by `--encoding`. Spans found in the text map
//! back to the file's bytes (each character to the bytes it was decoded from, never by encoding
//! it again), and corrected text is encoded back the way the file was.
//!
//! A text can be decoded a piece at a time ([`detect`] once, then [`decode_piece`] for each
//! piece cut at a line end), so a large file never has to be held whole.
//!
//! Self-contained (no `crate::` paths), so the fuzz target compiles it as it is.

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// Why bytes could not be decoded. Messages name the byte offset, and the line where known.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DecodeError {
    #[error("binary file (NUL byte at offset {0}), not checked")]
    Binary(usize),
    #[error("{line}: invalid UTF-8 at byte offset {at}, not checked (--encoding to read it as another encoding)")]
    Utf8 { line: usize, at: usize },
    #[error("{line}: invalid {encoding} at byte offset {at}, not checked")]
    Malformed { encoding: &'static str, line: usize, at: usize },
}

/// How a file is encoded, as found from its first bytes (or forced).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Detected {
    pub(crate) encoding: &'static Encoding,
    /// Bytes of the byte-order mark the file starts with (0 without one).
    pub(crate) bom: usize,
    /// Whether a detector guessed it (then a decoding error means the file is broken UTF-8).
    pub(crate) guessed: bool,
}

/// A file's text (or a piece of it) and how to go back to its bytes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    /// The encoding the file is in (GBK files are read and written as GB18030, its superset).
    pub(crate) encoding: &'static Encoding,
    /// Bytes of the byte-order mark the file starts with (0 without one).
    pub(crate) bom: usize,
    /// The file offset of the text's first byte.
    base: usize,
    /// For encodings other than UTF-8, how many file bytes each character came from.
    map: Option<ByteMap>,
}

/// The lengths of the characters of a text, one byte each: in the text (UTF-8, low 3 bits) and
/// in the file (the bits above; 0 for the second character of a sequence that decodes to two),
/// and a checkpoint every [`STRIDE`] characters.
#[derive(Debug, Default, PartialEq, Eq)]
struct ByteMap {
    lengths: Vec<u8>,
    /// (text offset, file offset from the text's start) of characters 0, STRIDE, 2·STRIDE, …
    checkpoints: Vec<(usize, usize)>,
    /// The file length of the whole text.
    total: usize,
    /// The text's length.
    len: usize,
}

const STRIDE: usize = 64;

/// Finds the encoding of a file from its first bytes (`head`; the whole file when it is
/// short, `complete` then): `forced` if given, else by the byte-order mark, else UTF-8 when
/// valid, else UTF-16 without a BOM when its shape leaves no doubt, else GB18030 or Big5 when a
/// detector is confident the text is Chinese in one of them.
pub(crate) fn detect(
    head: &[u8],
    complete: bool,
    forced: Option<&'static Encoding>,
) -> Result<Detected, DecodeError> {
    detect_checked(head, complete, forced, || utf8_prefix(head, complete))
}

/// [`detect`], with `is_utf8` answering whether `head` is UTF-8 (asked only when neither
/// `forced` nor a byte-order mark decides), for a caller that has validated the head already.
pub(crate) fn detect_checked(
    head: &[u8],
    complete: bool,
    forced: Option<&'static Encoding>,
    is_utf8: impl FnOnce() -> bool,
) -> Result<Detected, DecodeError> {
    let (sniffed, bom) = match Encoding::for_bom(head) {
        Some((e, n)) if forced.is_none_or(|f| f == e) => (Some(e), n),
        _ => (None, 0),
    };
    if let Some(encoding) = forced.or(sniffed) {
        return Ok(Detected { encoding, bom, guessed: false });
    }
    if is_utf8() {
        return Ok(Detected { encoding: UTF_8, bom: 0, guessed: false });
    }
    if let Some(encoding) = utf16_shape(head) {
        // Not a guess between encodings: an error later names UTF-16.
        return Ok(Detected { encoding, bom: 0, guessed: false });
    }
    Ok(Detected { encoding: guess(head, complete)?, bom: 0, guessed: true })
}

/// `bytes` as text if they are UTF-8. Validated with the processor's vector instructions where
/// it has them (`simdutf8`): several times faster than the standard library on Chinese text,
/// whose characters are all three bytes long, so that reading a file costs little beside
/// checking it. Where bytes are not UTF-8, [`utf8_error`] says where.
pub(crate) fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Whether `head` is UTF-8 (a sequence cut by the end of `head` counts, unless it is the end of
/// the file).
pub(crate) fn utf8_prefix(head: &[u8], complete: bool) -> bool {
    utf8_head(head, complete).is_some()
}

/// The text of `head` up to its last whole character, if `head` is UTF-8 as
/// [`utf8_prefix`] says: what was validated, so that it need not be validated again.
pub(crate) fn utf8_head(head: &[u8], complete: bool) -> Option<&str> {
    if let Some(text) = utf8(head) {
        return Some(text);
    }
    if complete {
        return None;
    }
    // A head read from a longer file mostly ends inside a character: the bytes before the
    // last character's first byte are validated fast, and only that character by hand.
    let last = (head.len().saturating_sub(4)..head.len()).rev().find(|&i| head[i] & 0xC0 != 0x80);
    let cut = last.unwrap_or(head.len());
    let text = utf8(&head[..cut])?;
    let cut_short =
        std::str::from_utf8(&head[cut..]).map_or_else(|e| e.error_len().is_none(), |_| true);
    cut_short.then_some(text)
}

/// UTF-16 without a byte-order mark, only when nothing else is plausible: NUL bytes all on one
/// side of the code units (ASCII characters, line ends), the units decode, and what they decode
/// to is text (no controls but tab and line ends, mostly letters, digits, punctuation and
/// ideographs).
pub(crate) fn utf16_shape(head: &[u8]) -> Option<&'static Encoding> {
    // Most heads hold no NUL byte at all: one vectorised search says so.
    memchr::memchr(0, head)?;
    let even = head.len() & !1;
    let head = &head[..even];
    let (mut at_even, mut at_odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                at_even += 1;
            } else {
                at_odd += 1;
            }
        }
    }
    let encoding = match (at_even, at_odd) {
        (0, n) if n > 0 => UTF_16LE,
        (n, 0) if n > 0 => UTF_16BE,
        _ => return None,
    };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(head.len() * 2);
    let (result, _) = decoder.decode_to_string_without_replacement(head, &mut text, false);
    if !matches!(result, encoding_rs::DecoderResult::InputEmpty) {
        return None;
    }
    let chars = text.chars().count();
    let texty = text.chars().filter(|&c| is_texty(c)).count();
    let controls =
        text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'));
    (chars >= 2 && !controls && texty * 20 >= chars * 19).then_some(encoding)
}

/// Characters a Chinese or English text is made of.
fn is_texty(c: char) -> bool {
    c.is_ascii_graphic()
        || c.is_whitespace()
        || matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF | 0x2010..=0x206F)
}

/// GB18030 when the detector says GBK or GB18030, Big5 when it says Big5; otherwise the bytes
/// are invalid UTF-8.
fn guess(bytes: &[u8], complete: bool) -> Result<&'static Encoding, DecodeError> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, complete);
    // No top-level domain: a .cn hint would lean towards GBK and read Big5 files as GBK.
    let guessed = detector.guess(None, false);
    if guessed == GBK || guessed == GB18030 {
        return Ok(GB18030);
    }
    if guessed == BIG5 {
        return Ok(BIG5);
    }
    Err(utf8_error(bytes, 0, 0))
}

/// The error for invalid UTF-8 in `bytes`, which start at file offset `base` on line
/// `lines + 1`.
pub(crate) fn utf8_error(bytes: &[u8], base: usize, lines: usize) -> DecodeError {
    let at = valid_up_to(bytes);
    DecodeError::Utf8 { line: lines + line_at(bytes, at), at: base + at }
}

/// How many bytes of `bytes` are valid UTF-8 before the first that is not (0 if all are: only
/// asked after a validation failed).
fn valid_up_to(bytes: &[u8]) -> usize {
    std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to())
}

/// Decodes a whole file (see [`detect`]).
pub(crate) fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
) -> Result<Decoded, DecodeError> {
    let detected = detect(bytes, true, forced)?;
    decode_piece(detected, &bytes[detected.bom..], detected.bom, 0).map_err(|e| match e {
        // The detector was wrong: it is a broken UTF-8 file, as far as anyone can tell.
        DecodeError::Malformed { .. } if detected.guessed => utf8_error(bytes, 0, 0),
        e => e,
    })
}

/// Decodes `body`, a piece of a file in `detected`'s encoding that starts at file offset `base`
/// on line `lines + 1`, cut where a character ends (the whole file after its BOM, or a piece
/// ending at a line end).
pub(crate) fn decode_piece(
    detected: Detected,
    body: &[u8],
    base: usize,
    lines: usize,
) -> Result<Decoded, DecodeError> {
    let encoding = detected.encoding;
    if encoding != UTF_16LE && encoding != UTF_16BE {
        if let Some(at) = memchr::memchr(0, body) {
            return Err(DecodeError::Binary(base + at));
        }
    }
    let fail = |at: usize| {
        let line = lines + line_at(body, at);
        match encoding == UTF_8 {
            true => DecodeError::Utf8 { line, at: base + at },
            false => DecodeError::Malformed { encoding: encoding.name(), line, at: base + at },
        }
    };
    let (text, map) = if encoding == UTF_8 {
        let text = utf8(body).ok_or_else(|| fail(valid_up_to(body)))?;
        (text.to_owned(), None)
    } else {
        let text = strict(encoding, body).map_err(fail)?;
        let map = ByteMap::new(&text, lengths(encoding, body, &text));
        (text, Some(map))
    };
    Ok(Decoded { text, encoding, bom: detected.bom, base, map })
}

/// Decodes without replacement characters; the error is the offset of the first bad byte.
fn strict(encoding: &'static Encoding, body: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = decoder.max_utf8_buffer_length_without_replacement(body.len()).unwrap_or(0);
    let mut text = String::with_capacity(room);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(usize::from(bad) + usize::from(after)))
        }
        encoding_rs::DecoderResult::OutputFull => Err(read),
    }
}

/// The file length of each character of `text`, decoded from `body` without errors: read off
/// the bytes for the encodings whose sequences show their length (GB18030, UTF-16), else found
/// by decoding a byte at a time.
fn lengths(encoding: &'static Encoding, body: &[u8], text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 2 + 1);
    if encoding == GB18030 {
        let mut i = 0;
        while i < body.len() {
            // One character a sequence: ASCII and 0x80 (€) alone, a lead byte with a digit
            // after it starts four bytes, with anything else two.
            let n = match body[i] {
                0x81..=0xFE if body.get(i + 1).is_some_and(u8::is_ascii_digit) => 4,
                0x81..=0xFE => 2,
                _ => 1,
            };
            out.push(n);
            i += usize::from(n);
        }
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        out.extend(text.chars().map(|c| if u32::from(c) >= 0x1_0000 { 4 } else { 2 }));
    } else {
        return lengths_by_decoding(encoding, body);
    }
    match out.len() == text.chars().count() {
        true => out,
        // Never expected; decoding a byte at a time is exact whatever the encoding does.
        false => lengths_by_decoding(encoding, body),
    }
}

/// Feeds the decoder one byte at a time: the characters that come out after a byte were
/// decoded from the bytes since the previous ones (the first gets them all, any other 0, as
/// when Big5 decodes one pair of bytes to two characters).
fn lengths_by_decoding(encoding: &'static Encoding, body: &[u8]) -> Vec<u8> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = Vec::with_capacity(body.len() / 2 + 1);
    let mut piece = String::with_capacity(64);
    let mut pending = 0usize;
    for (i, byte) in body.iter().enumerate() {
        piece.clear();
        let last = i + 1 == body.len();
        let _ = decoder.decode_to_string_without_replacement(
            std::slice::from_ref(byte),
            &mut piece,
            last,
        );
        pending += 1;
        for (k, _) in piece.chars().enumerate() {
            out.push(if k == 0 { u8::try_from(pending.min(31)).unwrap_or(31) } else { 0 });
            pending = 0;
        }
    }
    out
}

/// The 1-based line of byte `at` (counting `\n` bytes; for UTF-16, `\n` units).
fn line_at(bytes: &[u8], at: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count() + 1
}

/// `text` in `encoding`, without a BOM.
pub(crate) fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    if encoding == UTF_16LE {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    } else if encoding == UTF_16BE {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    } else {
        // GB18030 and UTF-8 encode every character; others would write numeric references,
        // which a text file must not get (the file is then not written: see `round_trips`).
        encoding.encode(text).0.into_owned()
    }
}

impl ByteMap {
    fn new(text: &str, mut lengths: Vec<u8>) -> ByteMap {
        let mut checkpoints = Vec::with_capacity(lengths.len() / STRIDE + 1);
        let (mut file, mut len) = (0, 0);
        for (k, ((at, c), n)) in text.char_indices().zip(&mut lengths).enumerate() {
            if k % STRIDE == 0 {
                checkpoints.push((at, file));
            }
            file += usize::from(*n);
            len = at + c.len_utf8();
            *n = (*n << 3) | c.len_utf8() as u8;
        }
        ByteMap { lengths, checkpoints, total: file, len }
    }

    /// The file offset (from the text's start) of text offset `at`, a character boundary.
    fn file_offset(&self, at: usize) -> usize {
        if at >= self.len {
            return self.total;
        }
        let k = self.checkpoints.partition_point(|&(t, _)| t <= at).saturating_sub(1);
        let Some(&(mut t, mut file)) = self.checkpoints.get(k) else { return 0 };
        for &n in self.lengths.get(k * STRIDE..).unwrap_or_default() {
            if t >= at {
                break;
            }
            file += usize::from(n >> 3);
            t += usize::from(n & 7);
        }
        file
    }
}

impl Decoded {
    /// The file offset of text offset `at` (a character boundary).
    pub(crate) fn file_offset(&self, at: usize) -> usize {
        match &self.map {
            None => self.base + at,
            Some(map) => self.base + map.file_offset(at),
        }
    }

    // Whole files only (the fuzz target's round trip); `--write` encodes a piece at a time.
    #[allow(dead_code)]
    /// `text` as the file holds it: in its encoding, with its BOM.
    pub(crate) fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + self.bom);
        out.extend_from_slice(match self.bom {
            0 => &[][..],
            _ if self.encoding == UTF_16LE => &[0xFF, 0xFE],
            _ if self.encoding == UTF_16BE => &[0xFE, 0xFF],
            _ => &[0xEF, 0xBB, 0xBF],
        });
        out.extend(encoded(self.encoding, text));
        out
    }

    // Whole files only (the fuzz target's round trip); `--write` encodes a piece at a time.
    #[allow(dead_code)]
    /// Whether encoding `text` gives back exactly `original` (checked before writing: a file
    /// whose encoding does not round-trip is never written).
    pub(crate) fn round_trips(&self, text: &str, original: &[u8]) -> bool {
        self.encode(text) == original
    }

    // Whole files only (the fuzz target's round trip); `--write` encodes a piece at a time.
    #[allow(dead_code)]
    /// Takes the text out, leaving what maps it back to the file.
    pub(crate) fn take_text(&mut self) -> String {
        std::mem::take(&mut self.text)
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    /// What `utf8_prefix` answers, by the standard library alone.
    fn utf8_prefix_reference(head: &[u8], complete: bool) -> bool {
        match std::str::from_utf8(head) {
            Ok(_) => true,
            Err(e) => !complete && e.error_len().is_none(),
        }
    }

    #[test]
    fn a_head_cut_anywhere_is_utf8_as_the_standard_library_says() {
        let text = "各单位：a请认真布署𠀀防汛工作。\n".repeat(4);
        let mut broken = text.clone().into_bytes();
        broken[17] = 0xFF;
        let mut lone_lead = text.clone().into_bytes();
        lone_lead[40] = 0xE5;
        let mut continuation_run = text.clone().into_bytes();
        continuation_run.extend_from_slice(&[0x80, 0x80, 0x80, 0x80]);
        for bytes in [text.into_bytes(), broken, lone_lead, continuation_run] {
            for cut in 0..=bytes.len() {
                for complete in [false, true] {
                    let head = &bytes[..cut];
                    let want = utf8_prefix_reference(head, complete);
                    assert_eq!(utf8_prefix(head, complete), want, "{cut} {complete}");
                    // The text given is the head's whole characters.
                    let valid =
                        std::str::from_utf8(head).map_or_else(|e| e.valid_up_to(), |t| t.len());
                    let text = utf8_head(head, complete).map(str::as_bytes);
                    assert_eq!(text, want.then(|| &head[..valid]), "{cut} {complete}");
                }
            }
        }
    }

    #[test]
    fn gb18030_is_detected_and_maps_back() {
        let text = "各单位：请认真布署防汛工作，确保安全度汛。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, GB18030);
        let at = text.find("布署").unwrap();
        let (start, end) = (d.file_offset(at), d.file_offset(at + "布署".len()));
        assert_eq!(GB18030.decode(&bytes[start..end]).0, "布署");
        assert!(d.round_trips(&d.text, &bytes));
    }

    #[test]
    fn utf16_with_a_bom_both_ways() {
        for (encoding, bom) in [(UTF_16LE, [0xFF, 0xFE]), (UTF_16BE, [0xFE, 0xFF])] {
            let mut bytes = bom.to_vec();
            bytes.extend(encoded(encoding, "请认真布署。"));
            let d = decode(&bytes, None).unwrap();
            assert_eq!((d.text.as_str(), d.bom), ("请认真布署。", 2));
            assert_eq!(d.file_offset("请认真".len()), 2 + 6);
            assert_eq!(d.encode("请认真部署。")[..2], bom);
            assert!(d.round_trips(&d.text, &bytes));
        }
    }

    #[test]
    fn a_byte_decoded_to_a_character_encoded_otherwise_does_not_shift_offsets() {
        // 0x80 is € in GB18030 files, where € is written A2 E3: offsets come from the bytes.
        let mut bytes = b"\x80 ".to_vec();
        bytes.extend(GB18030.encode("请认真布署。").0.iter());
        let d = decode(&bytes, Some(GB18030)).unwrap();
        assert!(d.text.starts_with('€'));
        let at = d.text.find("布署").unwrap();
        let (start, end) = (d.file_offset(at), d.file_offset(at + "布署".len()));
        assert_eq!((start, end), (2 + 6, 2 + 10));
        assert_eq!(GB18030.decode(&bytes[start..end]).0, "布署");
        assert!(!d.round_trips(&d.text, &bytes), "never written back");
    }

    #[test]
    fn utf16_without_a_bom_is_read_when_its_shape_leaves_no_doubt() {
        let text = "各单位：\r\n请认真布署 2026 年工作。\n";
        for encoding in [UTF_16LE, UTF_16BE] {
            let d = decode(&encoded(encoding, text), None).unwrap();
            assert_eq!((d.text.as_str(), d.encoding, d.bom), (text, encoding, 0));
            assert_eq!(d.file_offset(text.find("布署").unwrap()), 2 * 9);
        }
        // NUL bytes on both sides of the units, or controls, are not text.
        assert_eq!(utf16_shape(b"a\0\0b"), None);
        assert_eq!(utf16_shape(b"\x01\0\x02\0\x03\0"), None);
        assert_eq!(decode(b"\x01\0\x02\0", None), Err(DecodeError::Binary(1)));
    }

    #[test]
    fn big5_is_detected_and_maps_back() {
        let text = "各單位：請認真部署防汛工作，確保安全度汛。中華民國政府機關公文書寫應當規範。";
        let (bytes, _, _) = BIG5.encode(text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, BIG5));
        let at = text.find("部署").unwrap();
        let (start, end) = (d.file_offset(at), d.file_offset(at + "部署".len()));
        assert_eq!(BIG5.decode(&bytes[start..end]).0, "部署");
        assert!(d.round_trips(&d.text, &bytes));
        // A pair of bytes that decodes to two characters: the first stands for the pair, the
        // second is empty, at its end.
        let d = decode(b"a\x88\x62b", Some(BIG5)).unwrap();
        assert_eq!(d.text, "a\u{ca}\u{304}b");
        let offsets: Vec<usize> = d.text.char_indices().map(|(i, _)| d.file_offset(i)).collect();
        assert_eq!(offsets, [0, 1, 3, 3]);
        assert_eq!(d.file_offset(d.text.len()), 4);
    }

    /// What the fuzz target checks, over bytes made by a fixed generator: every character maps
    /// back to the bytes it was decoded from.
    #[test]
    fn characters_map_back_to_their_bytes_for_any_input() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let pieces: [&[u8]; 8] = [
            b"\x80",
            b"\x81\x30\x81\x30",
            b"\xb2\xbc",
            b"\x88\x62",
            b"a",
            b"\n",
            b"\xa4\x40",
            b"\0",
        ];
        for round in 0..4000 {
            let bytes: Vec<u8> = (0..next() % 12)
                .map(|_| pieces[(next() % 8) as usize])
                .collect::<Vec<_>>()
                .concat();
            let forced = [Some(GB18030), Some(BIG5), Some(UTF_16LE), None][round % 4];
            let Ok(d) = decode(&bytes, forced) else { continue };
            let mut bounds: Vec<(usize, usize)> = d
                .text
                .char_indices()
                .map(|(i, _)| i)
                .chain([d.text.len()])
                .map(|at| (at, d.file_offset(at)))
                .collect();
            // Characters that take no bytes belong with the one before them: of equal file
            // offsets, the last text offset counts.
            bounds.reverse();
            bounds.dedup_by_key(|b| b.1);
            bounds.reverse();
            let mut last = bounds[0];
            assert_eq!(last, (0, d.bom));
            for &(at, here) in &bounds[1..] {
                assert!(here > last.1, "{bytes:?}");
                let back = d.encoding.decode_without_bom_handling(&bytes[last.1..here]).0;
                assert_eq!(back, d.text[last.0..at], "{bytes:?} as {:?}", d.encoding);
                last = (at, here);
            }
            assert_eq!(last.1, bytes.len(), "{bytes:?}");
        }
    }

    #[test]
    fn binary_and_undecodable_bytes_are_errors() {
        assert_eq!(decode(b"abc\0def", None), Err(DecodeError::Binary(3)));
        let err = decode(b"ab\ncd\xff\xfe\xfd", None).unwrap_err();
        assert!(matches!(err, DecodeError::Utf8 { line: 2, at: 5 }), "{err}");
    }
}
