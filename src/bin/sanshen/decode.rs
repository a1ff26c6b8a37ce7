//! Decoding a file's bytes to text: UTF-8 (with or without a BOM), UTF-16 with a BOM, and
//! GB18030/GBK, which many government systems still export, detected or forced by
//! `--encoding`. Spans found in the text map back to the file's bytes, and corrected text is
//! encoded back the way the file was.
//!
//! Self-contained (no `crate::` paths), so the fuzz target compiles it as it is.

use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// Why bytes could not be decoded. Messages name the byte offset, and the line where known.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DecodeError {
    #[error("binary file (NUL byte at offset {0}), not checked")]
    Binary(usize),
    #[error("{line}: invalid UTF-8 at byte offset {at}, not checked (--encoding to read it as another encoding)")]
    Utf8 { line: usize, at: usize },
    #[error("{line}: invalid {encoding} at byte offset {at}, not checked")]
    Malformed { encoding: &'static str, line: usize, at: usize },
}

/// A file's text and how to go back to its bytes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    /// The encoding the file is in (GBK files are read and written as GB18030, its superset).
    pub(crate) encoding: &'static Encoding,
    /// Bytes of the byte-order mark the file starts with (0 without one).
    pub(crate) bom: usize,
    /// For encodings other than UTF-8: the file offset of each character of `text`, as
    /// (text offset, file offset) pairs, with the end of both last.
    map: Vec<(usize, usize)>,
}

/// Decodes `bytes`: as `forced` if given, else by the byte-order mark, else as UTF-8 when
/// valid, else as GB18030 when a detector is confident it is Chinese in GBK/GB18030.
pub(crate) fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
) -> Result<Decoded, DecodeError> {
    let (sniffed, bom) = match Encoding::for_bom(bytes) {
        Some((e, n)) if forced.is_none_or(|f| f == e) => (Some(e), n),
        _ => (None, 0),
    };
    let (encoding, guessed) = match forced.or(sniffed) {
        Some(e) => (e, false),
        None if std::str::from_utf8(bytes).is_ok() => (UTF_8, false),
        None => (guess(bytes)?, true),
    };
    let body = &bytes[bom..];
    if encoding != UTF_16LE && encoding != UTF_16BE {
        if let Some(at) = memchr::memchr(0, body) {
            return Err(DecodeError::Binary(bom + at));
        }
    }
    let text = strict(encoding, body).map_err(|at| match guessed {
        // The detector was wrong: it is a broken UTF-8 file, as far as anyone can tell.
        true => utf8_error(bytes),
        false => malformed(encoding, bytes, bom + at),
    })?;
    let map = if encoding == UTF_8 { Vec::new() } else { offsets(&text, encoding, bom) };
    Ok(Decoded { text, encoding, bom, map })
}

/// GB18030 when the detector says GBK or GB18030; otherwise the bytes are invalid UTF-8.
fn guess(bytes: &[u8]) -> Result<&'static Encoding, DecodeError> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guessed = detector.guess(Some(b"cn"), false);
    if guessed == GBK || guessed == GB18030 {
        return Ok(GB18030);
    }
    Err(utf8_error(bytes))
}

fn utf8_error(bytes: &[u8]) -> DecodeError {
    let at = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
    DecodeError::Utf8 { line: line_at(bytes, at), at }
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

fn malformed(encoding: &'static Encoding, bytes: &[u8], at: usize) -> DecodeError {
    let line = line_at(bytes, at);
    match encoding == UTF_8 {
        true => DecodeError::Utf8 { line, at },
        false => DecodeError::Malformed { encoding: encoding.name(), line, at },
    }
}

/// The 1-based line of byte `at` (counting `\n` bytes; for UTF-16, `\n` units).
fn line_at(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The file offset of every character of `text`, encoded in `encoding` after `bom` bytes.
fn offsets(text: &str, encoding: &'static Encoding, bom: usize) -> Vec<(usize, usize)> {
    let mut map = Vec::with_capacity(text.len() / 2 + 1);
    let mut file = bom;
    let mut buf = [0u8; 4];
    for (at, c) in text.char_indices() {
        map.push((at, file));
        file += encoded(encoding, c.encode_utf8(&mut buf)).len();
    }
    map.push((text.len(), file));
    map
}

/// `text` in `encoding`, without a BOM.
fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    if encoding == UTF_16LE {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    } else if encoding == UTF_16BE {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    } else {
        // GB18030 and UTF-8 encode every character; others would write numeric references,
        // which a text file must not get.
        encoding.encode(text).0.into_owned()
    }
}

impl Decoded {
    /// The file offset of text offset `at` (a character boundary).
    pub(crate) fn file_offset(&self, at: usize) -> usize {
        if self.map.is_empty() {
            return self.bom + at;
        }
        match self.map.binary_search_by_key(&at, |&(t, _)| t) {
            Ok(i) => self.map[i].1,
            Err(i) => self.map.get(i).map_or(0, |&(_, f)| f),
        }
    }

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

    /// Whether encoding `text` gives back exactly `original` (checked before writing: a file
    /// whose encoding does not round-trip is never written).
    pub(crate) fn round_trips(&self, text: &str, original: &[u8]) -> bool {
        self.encode(text) == original
    }

    /// Takes the text out, leaving what maps it back to the file.
    pub(crate) fn take_text(&mut self) -> String {
        std::mem::take(&mut self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn binary_and_undecodable_bytes_are_errors() {
        assert_eq!(decode(b"abc\0def", None), Err(DecodeError::Binary(3)));
        let err = decode(b"ab\ncd\xff\xfe\xfd", None).unwrap_err();
        assert!(matches!(err, DecodeError::Utf8 { line: 2, at: 5 }), "{err}");
    }
}
