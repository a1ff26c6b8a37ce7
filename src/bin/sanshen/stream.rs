//! Texts read a piece at a time: a bounded buffer is filled, cut at its last safe place (for
//! plain text after its last line end; for HTML and Markdown where no tag, comment, script or
//! code block is open, see [`sanshen::markup::last_cut`], in UTF-16 found on the decoded text),
//! decoded and handed on, so a file of any size is checked in the memory of one piece. Lines
//! are not split (a line longer than
//! [`MAX_LINE`] is an error, and so is a stretch of HTML or Markdown longer than
//! [`MARKUP_STRETCH`] with no safe place); the text's own line, column, UTF-16 and file offsets
//! before each piece are carried along, so findings read as if the file had been checked whole.

use crate::decode::{self, DecodeError, Decoded, Detected};
use crate::readbuf::ReadBuf;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use sanshen::Markup;
use std::cell::Cell;
use std::io::Read;

/// The bytes a piece is read in. A file up to this size is one piece, checked exactly as a
/// whole text; a larger one is checked a piece at a time (the format family's rules that look
/// at a whole document, such as the outline of headings, then see one piece at a time).
pub(crate) const PIECE_BYTES: usize = 16 << 20;

/// The longest line read: a piece can be cut only at a line end.
pub(crate) const MAX_LINE: usize = 256 << 20;

/// The bytes an HTML or Markdown piece is read in: smaller than plain text's, as the text a
/// reader sees is kept with a map back to the file, some seventeen bytes a byte.
pub(crate) const MARKUP_PIECE_BYTES: usize = 4 << 20;

/// The longest stretch of HTML or Markdown read without a safe place to cut it.
pub(crate) const MARKUP_STRETCH: usize = 64 << 20;

/// Bytes looked at first: binary data (a NUL byte) there is refused before reading the rest,
/// so a video in a tree or `/dev/zero` costs one small read.
pub(crate) const SNIFF_BYTES: usize = 8 << 10;

/// A file no longer than this is read whole in one read, sniffed for binary data after.
pub(crate) const WHOLE_READ: usize = 64 << 10;

/// A piece of text and where it stands in the file.
pub(crate) struct Piece<'a> {
    pub(crate) text: &'a str,
    /// The file's bytes the text was decoded from.
    pub(crate) bytes: &'a [u8],
    /// How the piece's text maps to file offsets (absent for UTF-8: `base + offset`).
    codec: Option<&'a Decoded>,
    base: usize,
    /// The text offset of the piece in the whole text.
    pub(crate) offset: usize,
    /// Line ends before the piece.
    pub(crate) lines: usize,
    /// UTF-16 code units before the piece (without a byte-order mark).
    pub(crate) utf16: usize,
    /// Characters before the piece on its first line (HTML can be cut inside a line).
    pub(crate) column: usize,
    /// A byte offset into the text and the UTF-16 units before it, as counted while placing
    /// the piece's findings, so that moving past the piece counts only the rest.
    utf16_seen: Cell<(usize, usize)>,
}

impl<'a> Piece<'a> {
    /// A whole decoded text as one piece (its bytes are not at hand).
    pub(crate) fn whole(text: &'a str, codec: &'a Decoded) -> Piece<'a> {
        Carried::default().piece(text, &[], Some(codec))
    }

    /// Records that the text's first `byte` bytes are `units` UTF-16 code units.
    pub(crate) fn saw_utf16(&self, byte: usize, units: usize) {
        self.utf16_seen.set((byte, units));
    }

    /// The file's encoding.
    pub(crate) fn encoding(&self) -> &'static Encoding {
        self.codec.map_or(UTF_8, |c| c.encoding)
    }

    /// The file offset of the piece's start.
    pub(crate) fn base(&self) -> usize {
        self.base
    }

    /// The file offset of the piece's text offset `at`.
    pub(crate) fn file_offset(&self, at: usize) -> usize {
        match self.codec {
            Some(codec) => codec.file_offset(at),
            None => self.base + at,
        }
    }
}

/// Why a stream was not read to its end.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StreamError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("a line longer than {mib} MiB at byte offset {at}, not checked", mib = MAX_LINE >> 20)]
    LongLine { at: usize },
    #[error(
        "no place to cut within {mib} MiB from byte offset {at} (a tag, comment, script or code \
         block that long, or markup in an encoding that cannot be cut), not checked",
        mib = MARKUP_STRETCH >> 20
    )]
    NoCut { at: usize },
    /// What the caller's handler said.
    #[error("{0}")]
    Handler(String),
}

impl StreamError {
    /// The message for input `name`: decoding errors name the line right after the name.
    pub(crate) fn message(&self, name: &str) -> String {
        match self {
            StreamError::Decode(DecodeError::Utf8 { .. } | DecodeError::Malformed { .. }) => {
                format!("{name}:{self}")
            }
            StreamError::Io(e) => format!("{name}: cannot read: {e}"),
            StreamError::Handler(m) => m.clone(),
            _ => format!("{name}: {self}"),
        }
    }
}

/// The sizes [`read_pieces_in`] works with, and where it may cut.
#[derive(Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) piece: usize,
    /// The longest stretch without a place to cut.
    pub(crate) line: usize,
    pub(crate) markup: Markup,
    /// Whether the input is a file of known length (see [`Limits::fitted`]): only then is a
    /// large piece read into a buffer mapped up front (see [`crate::readbuf`]), as a pipe of
    /// unknown length may hold a post.
    pub(crate) known: bool,
}

impl Limits {
    /// The sizes a text marked up as `markup` is read in.
    pub(crate) fn of(markup: Markup) -> Limits {
        match markup {
            Markup::Plain => Limits { piece: PIECE_BYTES, line: MAX_LINE, markup, known: false },
            _ => Limits { piece: MARKUP_PIECE_BYTES, line: MARKUP_STRETCH, markup, known: false },
        }
    }

    /// The sizes for a file of the length `meta` gives: a regular file shorter than a piece
    /// is read into a buffer of its own size (and one byte, to see its end) rather than one
    /// of a whole piece, whose reservation cost a copy of the first megabyte read and fresh
    /// pages for every small file. Files that report no length keep the whole piece.
    pub(crate) fn fitted(self, meta: &std::fs::Metadata) -> Limits {
        match usize::try_from(meta.len()) {
            Ok(n) if meta.is_file() && n > 0 => {
                Limits { piece: self.piece.min(n + 1), known: true, ..self }
            }
            _ => self,
        }
    }
}

/// Reads `reader` to its end a piece at a time (see the module), in pieces of the sizes
/// given, handing each piece to `each`; returns the encoding found.
pub(crate) fn read_pieces_in(
    reader: impl Read,
    forced: Option<&'static Encoding>,
    limits: Limits,
    each: impl FnMut(&Piece<'_>) -> Result<(), String>,
) -> Result<Detected, StreamError> {
    let mut buf = ReadBuf::spare();
    let read = read_pieces_after(&mut buf, reader, forced, limits, each);
    buf.keep();
    read
}

/// [`read_pieces_in`], after the bytes `buf` already holds (the file's first, read to look at
/// them, no more than a piece), in `buf`.
pub(crate) fn read_pieces_after(
    buf: &mut ReadBuf,
    mut reader: impl Read,
    forced: Option<&'static Encoding>,
    limits: Limits,
    mut each: impl FnMut(&Piece<'_>) -> Result<(), String>,
) -> Result<Detected, StreamError> {
    debug_assert!(buf.len() <= limits.piece, "a head longer than a piece");
    buf.reserve_piece(limits.piece, limits.known);
    let sniffed = SNIFF_BYTES.min(limits.piece);
    let mut eof = buf.fill(&mut reader, sniffed)?;
    // Only the bytes a sniff reads are looked at, however many were read.
    sniff_binary(&buf[..buf.len().min(sniffed)], forced)?;
    if !eof {
        eof = buf.fill(&mut reader, limits.piece)?;
    }
    // A file read whole is validated once: the answer decides the encoding and is the text.
    // So is the head of a longer file found to be UTF-8: its first piece is taken from it.
    let maybe_utf8 = forced.is_none_or(|f| f == UTF_8);
    let whole = (eof && maybe_utf8).then(|| decode::utf8(buf));
    let mut head = None;
    let is_utf8 = || match &whole {
        Some(checked) => checked.is_some(),
        None => {
            head = decode::utf8_head(buf, eof);
            head.is_some()
        }
    };
    let detected = decode::detect_checked(buf, eof, forced, is_utf8)?;
    let mut carried = Carried { file: detected.bom, ..Carried::default() };
    if let (true, Some(Some(text))) = (detected.encoding == UTF_8, whole) {
        let body = &buf[detected.bom..];
        if let Some(at) = memchr::memchr(0, body) {
            return Err(DecodeError::Binary(carried.file + at).into());
        }
        hand_on(&text[detected.bom..], (None, Seen::NOTHING), body, true, &mut carried, &mut each)?;
        return Ok(detected);
    }
    let mut start = detected.bom;
    // Only a head that is not the whole file was kept, and only when it is UTF-8.
    if let Some(head) = head.filter(|_| detected.encoding == UTF_8 && !eof) {
        if let Some(end) = first_piece(head, buf, &limits, &mut carried, &mut each)? {
            buf.drain_front(end);
            start = 0;
            let want = limits.piece.max(buf.len() + 1);
            eof = buf.fill(&mut reader, want)?;
        }
    }
    // A guess that proves wrong: the file is broken UTF-8, first broken where the head is.
    let broken_utf8 = detected.guessed.then(|| decode::utf8_error(buf, 0, 0));
    loop {
        let Some(end) = piece_end(&buf[start..], eof, detected.encoding, &limits, carried.file)?
        else {
            // No line end yet: read on, the buffer grows until the line ends.
            let want = (buf.len() * 2).min(start + limits.line);
            eof = buf.fill(&mut reader, want)?;
            continue;
        };
        let end = start + end;
        let body = &buf[start..end];
        piece(detected, body, eof, &mut carried, &mut each)
            .map_err(|e| blame_utf8(e, broken_utf8.as_ref()))?;
        if eof {
            return Ok(detected);
        }
        buf.drain_front(end);
        start = 0;
        let want = limits.piece.max(buf.len() + 1);
        eof = buf.fill(&mut reader, want)?;
    }
}

/// Hands on the first piece of a UTF-8 file longer than the `bytes` read of it, taking its
/// text from `head`, those bytes' whole characters already validated; returns where the piece
/// ends, or `None` (nothing handed on) if the bytes hold no place to cut it.
fn first_piece(
    head: &str,
    bytes: &[u8],
    limits: &Limits,
    carried: &mut Carried,
    each: &mut impl FnMut(&Piece<'_>) -> Result<(), String>,
) -> Result<Option<usize>, StreamError> {
    let Some(end) = piece_end(bytes, false, UTF_8, limits, carried.file)? else {
        return Ok(None);
    };
    // A piece ends after a line end or a markup cut, within the validated characters.
    let Some(text) = head.get(..end) else { return Ok(None) };
    let body = &bytes[..end];
    let cr = refuse_nul(body, carried.file)?;
    hand_on(text, (None, Seen { cr, ..Seen::NOTHING }), body, false, carried, each)?;
    Ok(Some(end))
}

/// Where the piece at the head of `rest` ends (the whole of it at the end of the file), or
/// `None` while the buffer holds no place to cut and may still grow; a stretch longer than
/// `limits.line` without one, `at` bytes into the file, is an error.
fn piece_end(
    rest: &[u8],
    eof: bool,
    encoding: &'static Encoding,
    limits: &Limits,
    at: usize,
) -> Result<Option<usize>, StreamError> {
    match (eof, cut(rest, encoding, limits.markup)) {
        (true, _) => Ok(Some(rest.len())),
        (false, Some(end)) => Ok(Some(end)),
        (false, None) if rest.len() >= limits.line => Err(match limits.markup {
            Markup::Plain => StreamError::LongLine { at },
            _ => StreamError::NoCut { at },
        }),
        (false, None) => Ok(None),
    }
}

/// A file taken for UTF-8 that proves broken is reported where it first breaks as UTF-8, not
/// as malformed in the encoding it was then read in.
fn blame_utf8(error: StreamError, broken_utf8: Option<&DecodeError>) -> StreamError {
    match (error, broken_utf8) {
        (StreamError::Decode(DecodeError::Malformed { .. }), Some(utf8)) => {
            StreamError::Decode(utf8.clone())
        }
        (error, _) => error,
    }
}

/// What the pieces before the next one held.
#[derive(Clone, Default)]
pub(crate) struct Carried {
    file: usize,
    text: usize,
    lines: usize,
    utf16: usize,
    /// Characters since the last line end.
    column: usize,
}

impl Carried {
    /// Where a text that starts at file offset `file` starts.
    pub(crate) fn at(file: usize) -> Carried {
        Carried { file, ..Carried::default() }
    }

    /// The next piece: `text`, decoded from `bytes` (with `codec`, unless UTF-8).
    pub(crate) fn piece<'a>(
        &self,
        text: &'a str,
        bytes: &'a [u8],
        codec: Option<&'a Decoded>,
    ) -> Piece<'a> {
        Piece {
            text,
            bytes,
            codec,
            base: self.file,
            offset: self.text,
            lines: self.lines,
            utf16: self.utf16,
            column: self.column,
            utf16_seen: Cell::new((0, 0)),
        }
    }

    /// The file offset of the next piece.
    pub(crate) fn file(&self) -> usize {
        self.file
    }

    /// Line ends before the next piece.
    pub(crate) fn lines(&self) -> usize {
        self.lines
    }

    /// Moves past a piece of `text` decoded from `file_len` bytes.
    pub(crate) fn advance(&mut self, text: &str, file_len: usize) {
        self.advance_seen(text, file_len, Seen::NOTHING);
    }

    /// [`Carried::advance`], counting only what `seen` does not already say of `text`.
    fn advance_seen(&mut self, text: &str, file_len: usize, seen: Seen) {
        self.file += file_len;
        self.text += text.len();
        self.lines += line_ends(text, seen.cr);
        let ((byte, units), rest) = match text.get(seen.utf16.0..) {
            Some(rest) => (seen.utf16, rest),
            None => ((0, 0), text),
        };
        self.utf16 += units + sanshen::Utf16Counter::new(rest).at(text.len() - byte);
        self.column = match text.rfind(['\n', '\r']) {
            Some(end) => text[end + 1..].chars().count(),
            None => self.column + text.chars().count(),
        };
    }
}

/// What was learned of a piece's text on the way: whether it may hold a `\r`, and a byte
/// offset with the UTF-16 units before it.
#[derive(Clone, Copy)]
struct Seen {
    cr: bool,
    utf16: (usize, usize),
}

impl Seen {
    /// Nothing learned: the text may hold a `\r`, no units counted.
    const NOTHING: Seen = Seen { cr: true, utf16: (0, 0) };
}

/// Refuses a NUL byte in the UTF-8 `body` (at file offset `at`) and says whether it holds a
/// `\r`: one pass over a text with neither, where lines are then counted without looking for
/// lone `\r`s.
fn refuse_nul(body: &[u8], at: usize) -> Result<bool, DecodeError> {
    let Some(i) = memchr::memchr2(0, b'\r', body) else { return Ok(false) };
    match memchr::memchr(0, &body[i..]) {
        Some(j) => Err(DecodeError::Binary(at + i + j)),
        None => Ok(true),
    }
}

/// Decodes one piece, hands it on and carries its lengths forward (unless it is the last).
fn piece(
    detected: Detected,
    body: &[u8],
    last: bool,
    carried: &mut Carried,
    each: &mut impl FnMut(&Piece<'_>) -> Result<(), String>,
) -> Result<(), StreamError> {
    let decoded;
    let (text, codec, seen) = if detected.encoding == UTF_8 {
        let cr = refuse_nul(body, carried.file)?;
        let text = decode::utf8(body)
            .ok_or_else(|| decode::utf8_error(body, carried.file, carried.lines))?;
        (text, None, Seen { cr, ..Seen::NOTHING })
    } else {
        decoded = decode::decode_piece(detected, body, carried.file, carried.lines)?;
        (decoded.text.as_str(), Some(&decoded), Seen::NOTHING)
    };
    hand_on(text, (codec, seen), body, last, carried, each)
}

/// Hands the decoded `text` of `body` on and carries its lengths forward (unless it is the
/// last piece).
fn hand_on(
    text: &str,
    (codec, seen): (Option<&Decoded>, Seen),
    body: &[u8],
    last: bool,
    carried: &mut Carried,
    each: &mut impl FnMut(&Piece<'_>) -> Result<(), String>,
) -> Result<(), StreamError> {
    let piece = carried.piece(text, body, codec);
    each(&piece).map_err(StreamError::Handler)?;
    if !last {
        // Nothing follows the last: its lines and UTF-16 units are not counted.
        let seen = Seen { utf16: piece.utf16_seen.get(), ..seen };
        carried.advance_seen(text, body.len(), seen);
    }
    Ok(())
}

/// Where a piece of `body` may end (see the module).
fn cut(body: &[u8], encoding: &'static Encoding, markup: Markup) -> Option<usize> {
    if markup == Markup::Plain {
        return line_end(body, encoding);
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        return utf16_markup_cut(body, encoding, markup);
    }
    // Markup is cut on its bytes where an ASCII byte is always that character.
    let ascii_safe =
        encoding == UTF_8 || encoding == encoding_rs::GB18030 || encoding == encoding_rs::BIG5;
    ascii_safe.then(|| sanshen::markup::last_cut(markup, body)).flatten()
}

/// Where a piece of UTF-16 markup may end: its units decoded as far as they go (a surrogate
/// pair cut by the end of `body` waits for the next read), cut where the text may be, and the
/// cut counted back in units. Units that do not decode end a piece right after them, whose
/// decoding then names them.
fn utf16_markup_cut(body: &[u8], encoding: &'static Encoding, markup: Markup) -> Option<usize> {
    let units = &body[..body.len() & !1];
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = decoder.max_utf8_buffer_length_without_replacement(units.len())?;
    let mut text = String::with_capacity(room);
    let (result, read) = decoder.decode_to_string_without_replacement(units, &mut text, false);
    if let encoding_rs::DecoderResult::Malformed(..) = result {
        return Some(read).filter(|&r| r > 0);
    }
    let at = sanshen::markup::last_cut(markup, text.as_bytes())?;
    Some(2 * text[..at].encode_utf16().count())
}

/// Line ends in `text` as the library counts them: `\n`, `\r\n` once, a lone `\r` (looked
/// for only if the text may hold a `\r`, `cr`).
fn line_ends(text: &str, cr: bool) -> usize {
    let bytes = text.as_bytes();
    if !cr {
        return memchr::memchr_iter(b'\n', bytes).count();
    }
    let lone_cr = memchr::memchr_iter(b'\r', bytes).filter(|&i| bytes.get(i + 1) != Some(&b'\n'));
    memchr::memchr_iter(b'\n', bytes).count() + lone_cr.count()
}

/// Just after the last `\n` of `body` in `encoding`, where a piece can end.
fn line_end(body: &[u8], encoding: &'static Encoding) -> Option<usize> {
    if !splits_at_line_ends(encoding) {
        return None;
    }
    if encoding != UTF_16LE && encoding != UTF_16BE {
        return memchr::memrchr(b'\n', body).map(|i| i + 1);
    }
    // A `\n` code unit: 0A 00 (little-endian) or 00 0A, on a unit boundary.
    let unit: [u8; 2] = if encoding == UTF_16LE { [b'\n', 0] } else { [0, b'\n'] };
    let even = body.len() & !1;
    (0..even / 2).rev().map(|u| 2 * u).find(|&i| body[i..i + 2] == unit).map(|i| i + 2)
}

/// Whether a piece of the encoding may start at any line end: the encodings whose decoders
/// carry no state across lines. Others (ISO-2022-JP's escapes) are read as one piece.
fn splits_at_line_ends(encoding: &'static Encoding) -> bool {
    encoding == UTF_8
        || encoding == UTF_16LE
        || encoding == UTF_16BE
        || encoding == encoding_rs::GB18030
        || encoding == encoding_rs::BIG5
}

/// Refuses binary data seen in the first bytes (unless UTF-16, whose NUL bytes are text).
pub(crate) fn sniff_binary(
    head: &[u8],
    forced: Option<&'static Encoding>,
) -> Result<(), DecodeError> {
    let utf16 = |e: &'static Encoding| e == UTF_16LE || e == UTF_16BE;
    let sniffed = Encoding::for_bom(head).map(|(e, _)| e).or_else(|| decode::utf16_shape(head));
    if forced.or(sniffed).is_some_and(utf16) {
        return Ok(());
    }
    match memchr::memchr(0, head) {
        Some(at) => Err(DecodeError::Binary(at)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::located::{locate, Located, Wants};

    /// Lines ended every way, misspellings near the ends of lines, a four-byte character.
    const TEXT: &str =
        "第一行请认真布署。\r\n再接再励，𠀀布署\r独立\n\n各单位要认真布署防汛工作。\n末行布署";

    type Place = (usize, usize, usize, usize, usize, usize, usize, String);

    fn places(bytes: &[u8], forced: Option<&'static Encoding>, piece: usize) -> Vec<Place> {
        let linter = sanshen::Linter::new();
        let wants = Wants { source: true, context: true };
        let mut out: Vec<Located> = Vec::new();
        let limits = Limits { piece, line: 1 << 20, markup: Markup::Plain, known: false };
        read_pieces_in(bytes, forced, limits, |p| {
            locate(p, linter.check(p.text), wants, &mut out);
            Ok(())
        })
        .unwrap();
        let place = |l: &Located| {
            let f = &l.finding;
            (f.span.start, f.span.end, f.line, f.column, l.start, l.end, l.utf16, f.text.clone())
        };
        out.iter().map(place).collect()
    }

    #[test]
    fn findings_read_in_pieces_are_placed_as_in_the_whole_text() {
        for encoding in [UTF_8, encoding_rs::GB18030, UTF_16LE, UTF_16BE] {
            let bytes = decode::encoded(encoding, TEXT);
            let whole = places(&bytes, Some(encoding), 1 << 20);
            assert_eq!(whole.iter().filter(|p| p.7 == "布署").count(), 4, "{whole:?}");
            for piece in [8, 32, 64] {
                assert_eq!(places(&bytes, Some(encoding), piece), whole, "{encoding:?} {piece}");
            }
            // Each finding's file bytes decode to its text.
            for p in &whole {
                assert_eq!(encoding.decode_without_bom_handling(&bytes[p.4..p.5]).0, p.7);
            }
        }
    }

    /// (start, end, line, column, file start, file end) of each finding of `bytes` read as
    /// `markup` in pieces of `piece` bytes.
    fn markup_places(bytes: &[u8], markup: Markup, piece: usize) -> Vec<[usize; 6]> {
        let linter = sanshen::Linter::new();
        let mut carry = sanshen::markup::Carry::default();
        let mut out: Vec<Located> = Vec::new();
        let mut pieces = 0;
        let limits = Limits { piece, line: 1 << 20, markup, known: false };
        read_pieces_in(bytes, None, limits, |p| {
            pieces += 1;
            let findings = linter.check_markup_piece(p.text, markup, &mut carry);
            locate(p, findings, Wants { source: false, context: false }, &mut out);
            Ok(())
        })
        .unwrap();
        assert!(piece > bytes.len() || pieces > 2, "{pieces} pieces of {piece} bytes");
        let place = |l: &Located| {
            let f = &l.finding;
            [f.span.start, f.span.end, f.line, f.column, l.start, l.end]
        };
        out.iter().map(place).collect()
    }

    #[test]
    fn utf16_markup_is_read_in_pieces_placed_as_whole() {
        // A page on one line and a Markdown file, with four-byte characters (surrogate pairs)
        // that the pieces' ends fall among.
        let html = "<p>𠀀请认真布署。</p>".repeat(40) + "<p>再接再励𠀀</p>";
        let md = "# 标题\n\n𠀀请认真布署。\n\n```\n布署\n```\n".repeat(20);
        for (text, markup) in [(html.as_str(), Markup::Html), (md.as_str(), Markup::Markdown)] {
            for (encoding, bom) in [(UTF_16LE, [0xFF, 0xFE]), (UTF_16BE, [0xFE, 0xFF])] {
                let mut bytes = bom.to_vec();
                bytes.extend(decode::encoded(encoding, text));
                let whole = markup_places(&bytes, markup, 1 << 20);
                let want = if markup == Markup::Html { 41 } else { 20 };
                assert_eq!(whole.len(), want, "{markup:?}");
                for piece in [61, 64, 97, 128] {
                    assert_eq!(markup_places(&bytes, markup, piece), whole, "{markup:?} {piece}");
                }
                for p in &whole {
                    let back = encoding.decode_without_bom_handling(&bytes[p[4]..p[5]]).0;
                    assert_eq!(back, text[p[0]..p[1]]);
                }
            }
        }
    }

    #[test]
    fn a_lone_surrogate_in_utf16_markup_is_an_error_naming_its_offset() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(decode::encoded(UTF_16LE, &"<p>请认真布署。</p>\n".repeat(10)));
        let at = bytes.len();
        bytes.extend([0x00, 0xD8, b'a', 0]);
        bytes.extend(decode::encoded(UTF_16LE, &"<p>正文</p>\n".repeat(10)));
        let limits = Limits { piece: 64, line: 1 << 20, markup: Markup::Html, known: false };
        let err = read_pieces_in(&bytes[..], None, limits, |_| Ok(())).unwrap_err();
        assert_eq!(
            err.message("f.html"),
            format!("f.html:11: invalid UTF-16LE at byte offset {at}, not checked")
        );
    }

    #[test]
    fn a_file_shorter_than_a_piece_is_read_whole_into_a_buffer_its_size() {
        let dir = std::env::temp_dir().join(format!("sanshen-fitted-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("post.txt");
        let text = "请认真布署。\n".repeat(700);
        std::fs::write(&path, &text).unwrap();
        let (meta, file) = crate::input::open(&path).unwrap();
        let limits = Limits::of(Markup::Plain).fitted(&meta);
        assert_eq!(limits.piece, text.len() + 1);
        let mut pieces = Vec::new();
        read_pieces_in(file, None, limits, |p| {
            pieces.push(p.text.to_owned());
            Ok(())
        })
        .unwrap();
        assert_eq!(pieces, [text]);
        // A folder reports a length but is no file: it keeps the whole piece.
        let folder = std::fs::metadata(&dir).unwrap();
        assert_eq!(Limits::of(Markup::Html).fitted(&folder).piece, MARKUP_PIECE_BYTES);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A random text of line ends, NUL bytes, Chinese, ASCII and four-byte characters.
    fn random_text(rng: &mut crate::test_rng::Rng) -> String {
        let parts = ["\n", "\r", "\r\n", "\0", "布署", "a", "𠀀", "。"];
        (0..rng.below(40)).map(|_| *rng.pick(&parts)).collect()
    }

    #[test]
    fn moving_past_a_piece_counts_as_a_fresh_count_whatever_was_seen() {
        let mut rng = crate::test_rng::Rng::new(25);
        for _ in 0..2000 {
            let text = random_text(&mut rng);
            let mut fresh = Carried::at(3);
            fresh.advance(&text, text.len() + 1);
            let byte = rng.below(text.len() + 1);
            let byte = (byte..=text.len()).find(|&b| text.is_char_boundary(b)).unwrap();
            let units = text[..byte].encode_utf16().count();
            let cr = text.contains('\r');
            let mut seen = Carried::at(3);
            seen.advance_seen(&text, text.len() + 1, Seen { cr, utf16: (byte, units) });
            let lines = text.matches('\n').count() + text.matches('\r').count()
                - text.matches("\r\n").count();
            assert_eq!((seen.lines, seen.utf16), (lines, text.encode_utf16().count()), "{text:?}");
            assert_eq!(
                (seen.file, seen.text, seen.lines, seen.utf16, seen.column),
                (fresh.file, fresh.text, fresh.lines, fresh.utf16, fresh.column),
                "{text:?} {byte}"
            );
        }
    }

    #[test]
    fn a_nul_byte_is_refused_where_it_first_is_and_a_cr_is_noticed() {
        let mut rng = crate::test_rng::Rng::new(26);
        for _ in 0..2000 {
            let text = random_text(&mut rng);
            let want = match text.find('\0') {
                Some(at) => Err(DecodeError::Binary(7 + at)),
                None => Ok(text.contains('\r')),
            };
            assert_eq!(refuse_nul(text.as_bytes(), 7), want, "{text:?}");
        }
    }

    /// The pieces of `bytes` read after their first `head` bytes, in pieces of `piece` bytes,
    /// in a buffer (mapped or not) that held `before`.
    fn pieces_after(bytes: &[u8], head: usize, piece: usize, before: (&[u8], bool)) -> Vec<String> {
        let mut buf = match before.1 {
            true => ReadBuf::mapped(before.0),
            false => ReadBuf::heap(before.0.to_vec()),
        };
        buf.read_head(&mut &bytes[..head], head).unwrap();
        let mut rest = &bytes[head..];
        let limits = Limits { piece, line: 1 << 20, markup: Markup::Plain, known: false };
        let mut out = Vec::new();
        let read = read_pieces_after(&mut buf, &mut rest, None, limits, |p| {
            out.push(format!("{} {} {} {}", p.offset, p.lines, p.utf16, p.text));
            Ok(())
        });
        read.map_err(|e| out.push(e.message("f"))).ok();
        out
    }

    #[test]
    fn a_buffer_used_before_or_a_head_read_first_reads_as_a_fresh_one() {
        let mut rng = crate::test_rng::Rng::new(27);
        for _ in 0..300 {
            let text: String = (0..8).map(|_| random_text(&mut rng)).collect();
            let bytes = text.as_bytes();
            let piece = 16 + rng.below(64);
            let fresh = pieces_after(bytes, 0, piece, (&[], false));
            // A head is never longer than a piece (a file read whole is read in one piece).
            let head = rng.below(bytes.len().min(piece) + 1);
            let old: Vec<u8> = (0..rng.below(300)).map(|i| i as u8).collect();
            for mapped in [false, true] {
                let read = pieces_after(bytes, head, piece, (&old, mapped));
                assert_eq!(read, fresh, "{text:?} {head} {mapped}");
            }
        }
    }

    #[test]
    fn a_line_longer_than_the_limit_is_an_error_and_a_long_line_under_it_is_read() {
        let line = "布署".repeat(100) + "\n";
        let text = line.repeat(3);
        let limits = Limits { piece: 64, line: 1024, markup: Markup::Plain, known: false };
        let mut texts = String::new();
        read_pieces_in(text.as_bytes(), None, limits, |p| {
            texts.push_str(p.text);
            Ok(())
        })
        .unwrap();
        assert_eq!(texts, text);
        let limits = Limits { piece: 64, line: 256, markup: Markup::Plain, known: false };
        let err = read_pieces_in(text.as_bytes(), None, limits, |_| Ok(())).unwrap_err();
        assert!(matches!(err, StreamError::LongLine { at: 0 }), "{err}");
    }

    /// The pieces' texts of UTF-8 `bytes` read without a forced encoding, or the error.
    fn utf8_pieces(bytes: &[u8], piece: usize) -> Result<Vec<String>, String> {
        let mut texts = Vec::new();
        let limits = Limits { piece, line: 1 << 20, markup: Markup::Plain, known: false };
        let read = read_pieces_in(bytes, None, limits, |p| {
            texts.push(p.text.to_owned());
            Ok(())
        });
        match read.map_err(|e| e.message("f"))?.encoding {
            e if e == UTF_8 => Ok(texts),
            e => Err(format!("read as {}", e.name())),
        }
    }

    /// A UTF-8 file longer than its head, whose first piece is taken from the head validated
    /// to detect the encoding: random texts in random piece sizes read as they are, the head
    /// ending inside a character or not, and a NUL byte anywhere is refused where it is.
    #[test]
    fn a_utf8_file_longer_than_its_head_reads_as_it_is() {
        let parts = ["布署", "a", "𠀀", "\n", "\r\n", "。", "\r", "é"];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut below = |n: usize| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (state >> 33) as usize % n
        };
        for round in 0..300 {
            // Some longer than the bytes sniffed for binary content.
            let count = if round % 4 == 0 { 3000 + below(3000) } else { 20 + below(300) };
            let text: String = (0..count).map(|_| parts[below(parts.len())]).collect();
            let piece = 8 + below(text.len());
            let pieces = utf8_pieces(text.as_bytes(), piece).unwrap();
            assert_eq!(pieces.concat(), text, "{piece}");
            let mut bytes = text.clone().into_bytes();
            let at = below(bytes.len());
            bytes[at] = 0;
            // A NUL byte inside a character breaks it: the file is then binary or not UTF-8.
            let err = utf8_pieces(&bytes, piece).unwrap_err();
            if std::str::from_utf8(&bytes).is_ok() {
                assert_eq!(err, format!("f: binary file (NUL byte at offset {at}), not checked"));
            }
        }
    }

    #[test]
    fn errors_name_the_file_offset_and_line_in_a_later_piece() {
        let mut bytes = "第一行\n第二行\n".repeat(20).into_bytes();
        let at = bytes.len() + 3;
        bytes.extend_from_slice(b"abc\xff\n");
        let limits = Limits { piece: 40, line: 1024, markup: Markup::Plain, known: false };
        let err = read_pieces_in(&bytes[..], None, limits, |_| Ok(())).unwrap_err();
        assert_eq!(err.message("f.txt"), format!("f.txt:41: invalid UTF-8 at byte offset {at}, not checked (--encoding to read it as another encoding)"));
        bytes[at] = 0;
        let err = read_pieces_in(&bytes[..], None, limits, |_| Ok(())).unwrap_err();
        assert_eq!(
            err.message("f.txt"),
            format!("f.txt: binary file (NUL byte at offset {at}), not checked")
        );
    }
}
