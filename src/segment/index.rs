//! The line index of a segmentation lexicon, built by `build.rs` for the shipped one (so that
//! loading it parses nothing) and at run time for others.

// Shared with build.rs, which indexes and writes; the library reads the written index.
#![allow(dead_code)]

/// Where the words of a `word frequency [tag]` lexicon lie, and their total frequency.
#[derive(Debug)]
pub(crate) struct Index {
    /// One entry a line: the word's byte offset in the text shifted left by 8 bits, with the
    /// word's length in bytes in the low 8 bits.
    pub(crate) lines: Vec<u32>,
    /// The sum of the frequencies.
    pub(crate) total: u64,
}

/// Longest text the packed offsets can address.
const MAX_TEXT: usize = 1 << 24;

/// Indexes `text`, which must hold one `word frequency [tag]` a line, sorted by word in byte
/// order with no word twice. The error names the 1-based line and what is wrong.
pub(crate) fn index(text: &str) -> Result<Index, String> {
    if text.len() >= MAX_TEXT {
        return Err(format!("line 1: the lexicon is over {MAX_TEXT} bytes"));
    }
    let mut lines = Vec::with_capacity(text.len() / 12);
    let mut total = 0u64;
    let mut offset = 0usize;
    let mut previous: Option<&str> = None;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let number = n + 1;
        let mut fields = line.split_ascii_whitespace();
        let (Some(word), Some(freq)) = (fields.next(), fields.next()) else {
            return Err(format!("line {number}: expected `word frequency [tag]`"));
        };
        let Ok(freq) = freq.parse::<u32>() else {
            return Err(format!("line {number}: frequency `{freq}` is not a whole number"));
        };
        if word.len() > 255 {
            return Err(format!("line {number}: the word is over 255 bytes"));
        }
        if previous.is_some_and(|p| p >= word) {
            return Err(format!("line {number}: `{word}` is out of order or repeated"));
        }
        previous = Some(word);
        let start = offset + (word.as_ptr() as usize - line.as_ptr() as usize);
        // Both fit: the text is under 2^24 bytes, the word under 256.
        lines.push(((start as u32) << 8) | word.len() as u32);
        total += u64::from(freq);
        offset += line.len();
    }
    Ok(Index { lines, total })
}

/// The index as bytes (four a line, little-endian), as `build.rs` writes it.
pub(crate) fn to_bytes(lines: &[u32]) -> Vec<u8> {
    lines.iter().flat_map(|l| l.to_le_bytes()).collect()
}

/// The index back from [`to_bytes`].
pub(crate) fn from_bytes(bytes: &[u8]) -> Vec<u32> {
    let words = bytes.chunks_exact(4);
    words.map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_offsets_lengths_and_totals() {
        let built = index("中国 100 ns\n人民 50 n\r\n服务 40\n").unwrap();
        assert_eq!(built.total, 190);
        assert_eq!(built.lines, vec![6, (14 << 8) | 6, (27 << 8) | 6]);
        assert_eq!(from_bytes(&to_bytes(&built.lines)), built.lines);
    }

    #[test]
    fn names_the_line_that_is_wrong() {
        assert_eq!(
            index("中国 1\n中国 2\n").unwrap_err(),
            "line 2: `中国` is out of order or repeated"
        );
        assert_eq!(
            index("人民 1\n中国 2\n").unwrap_err(),
            "line 2: `中国` is out of order or repeated"
        );
        assert_eq!(index("中国 1\n人民\n").unwrap_err(), "line 2: expected `word frequency [tag]`");
        assert_eq!(index("中国 x\n").unwrap_err(), "line 1: frequency `x` is not a whole number");
        assert_eq!(index("\n").unwrap_err(), "line 1: expected `word frequency [tag]`");
    }
}
