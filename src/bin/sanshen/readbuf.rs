//! The buffer a text is read into (see [`crate::stream`]): a plain `Vec` for small inputs, and
//! for a large piece of a file of known length an anonymous mapping of the piece's size that
//! asks the kernel for huge pages. A 16 MiB piece in 4 KiB pages costs some 4,000 page faults
//! (and the `Vec`'s growth a copy of what was read so far); in 2 MiB pages, eight. Where
//! mapping fails, or the system has no huge pages, the buffer is a `Vec` or a mapping of
//! ordinary pages, and reads the same.

use std::cell::Cell;
use std::io::Read;
use std::ops::Deref;

/// The piece size from which a buffer is mapped: one huge page. Smaller pieces (the posts)
/// keep the `Vec`, whose few pages cost less than a mapping and a huge page's zeroing.
pub(crate) const MAPPED_FROM: usize = HUGE_PAGE;

/// The size of a huge page on x86-64 and AArch64; a mapping is made a whole number of them,
/// which the kernel places at a huge page's boundary.
const HUGE_PAGE: usize = 2 << 20;

/// The largest buffer kept for the next file a thread reads: a plain-text piece and the byte
/// that shows its end, in whole huge pages. A larger one (a long line or markup stretch) would
/// hold its memory for good.
const KEPT: usize = (crate::stream::PIECE_BYTES + 1).next_multiple_of(HUGE_PAGE);

/// Bytes read from an input, in memory of either kind (see the module).
pub(crate) struct ReadBuf {
    store: Store,
}

enum Store {
    Heap(Vec<u8>),
    /// A mapping, of which the first `len` bytes were read.
    Mapped {
        map: memmap2::MmapMut,
        len: usize,
    },
}

thread_local! {
    /// The `Vec` of the last small input a thread read, for its next.
    static SPARE: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    /// The mapping of the last large file a thread read, its pages already in place.
    static SPARE_MAP: Cell<Option<memmap2::MmapMut>> = const { Cell::new(None) };
}

impl ReadBuf {
    /// A buffer holding `bytes`.
    pub(crate) fn heap(bytes: Vec<u8>) -> ReadBuf {
        ReadBuf { store: Store::Heap(bytes) }
    }

    /// An empty buffer: the `Vec` kept by [`ReadBuf::keep`] on this thread, if there is one.
    pub(crate) fn spare() -> ReadBuf {
        ReadBuf::heap(spare_vec())
    }

    /// Makes room for a piece of `piece` bytes: mapped if the piece is at least
    /// [`MAPPED_FROM`] and `known` (a file whose length is known, so that a large piece is a
    /// large file, not a pipe that may hold a post), the bytes already held copied over (a
    /// file's first eight, looked at to tell a text from a document); else a `Vec`.
    pub(crate) fn reserve_piece(&mut self, piece: usize, known: bool) {
        match &mut self.store {
            Store::Heap(v) if known && piece >= MAPPED_FROM => {
                if let Some(mut map) = mapping(piece) {
                    map[..v.len()].copy_from_slice(v);
                    let len = v.len();
                    keep_vec(std::mem::take(v));
                    self.store = Store::Mapped { map, len };
                    return;
                }
                v.reserve(piece.min(1 << 20).saturating_sub(v.len()));
            }
            Store::Heap(v) => v.reserve(piece.min(1 << 20).saturating_sub(v.len())),
            Store::Mapped { .. } => {}
        }
    }

    /// Reads until the buffer holds `want` bytes or the input ends; returns whether it ended.
    pub(crate) fn fill(&mut self, reader: &mut impl Read, want: usize) -> std::io::Result<bool> {
        if self.len() >= want {
            return Ok(false);
        }
        self.grow_to(want);
        match &mut self.store {
            Store::Heap(v) => fill_vec(reader, v, want),
            Store::Mapped { map, len } => fill_slice(reader, &mut map[..want], len),
        }
    }

    /// Empties the buffer and reads the input's first `want` bytes, or all of it if shorter,
    /// in as few read calls as the input allows (one, for a file read past its known length).
    pub(crate) fn read_head(&mut self, reader: &mut impl Read, want: usize) -> std::io::Result<()> {
        self.truncate(0);
        match &mut self.store {
            Store::Heap(v) => read_head(reader, v, want),
            Store::Mapped { .. } => self.fill(reader, want).map(drop),
        }
    }

    /// Drops the first `end` bytes, moving the rest to the start.
    pub(crate) fn drain_front(&mut self, end: usize) {
        match &mut self.store {
            Store::Heap(v) => drop(v.drain(..end)),
            Store::Mapped { map, len } => {
                map.copy_within(end..*len, 0);
                *len -= end;
            }
        }
    }

    /// Keeps the buffer's memory for the next input this thread reads, unless it grew past a
    /// plain-text piece.
    pub(crate) fn keep(self) {
        match self.store {
            Store::Heap(v) => keep_vec(v),
            Store::Mapped { map, .. } if map.len() <= KEPT => SPARE_MAP.set(Some(map)),
            Store::Mapped { .. } => {}
        }
    }

    /// A mapped buffer holding `bytes`, whatever their length.
    #[cfg(test)]
    pub(crate) fn mapped(bytes: &[u8]) -> ReadBuf {
        let mut map = mapping(bytes.len().max(1)).unwrap();
        map[..bytes.len()].copy_from_slice(bytes);
        ReadBuf { store: Store::Mapped { map, len: bytes.len() } }
    }

    /// Whether the bytes are in a mapping.
    #[cfg(test)]
    fn is_mapped(&self) -> bool {
        matches!(self.store, Store::Mapped { .. })
    }

    fn truncate(&mut self, to: usize) {
        match &mut self.store {
            Store::Heap(v) => v.truncate(to),
            Store::Mapped { len, .. } => *len = (*len).min(to),
        }
    }

    /// Makes a mapping hold at least `want` bytes (a line longer than the piece): a larger
    /// one, the bytes read copied over, or a `Vec` if none can be had.
    fn grow_to(&mut self, want: usize) {
        let Store::Mapped { map, len } = &mut self.store else { return };
        if want <= map.len() {
            return;
        }
        let read = &map[..*len];
        self.store = match mapping(want.max(2 * map.len())) {
            Some(mut larger) => {
                larger[..read.len()].copy_from_slice(read);
                Store::Mapped { map: larger, len: read.len() }
            }
            None => Store::Heap(read.to_vec()),
        };
    }
}

impl Deref for ReadBuf {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.store {
            Store::Heap(v) => v,
            Store::Mapped { map, len } => &map[..*len],
        }
    }
}

/// An anonymous mapping of at least `bytes`, in whole huge pages, that asks for huge pages
/// (the kernel may give them or not); the one kept on this thread if it is large enough.
fn mapping(bytes: usize) -> Option<memmap2::MmapMut> {
    let size = bytes.checked_next_multiple_of(HUGE_PAGE)?;
    if let Some(kept) = SPARE_MAP.take() {
        if kept.len() >= size {
            return Some(kept);
        }
    }
    let map = memmap2::MmapMut::map_anon(size).ok()?;
    // Refused where the kernel has no transparent huge pages: the mapping then has small ones.
    #[cfg(target_os = "linux")]
    let _ = map.advise(memmap2::Advice::HugePage);
    Some(map)
}

fn spare_vec() -> Vec<u8> {
    SPARE.take()
}

/// Keeps `buf` for the next input this thread reads, unless it grew past a plain-text piece.
fn keep_vec(mut buf: Vec<u8>) {
    if buf.capacity() <= crate::stream::PIECE_BYTES + 1 {
        buf.clear();
        SPARE.set(buf);
    }
}

/// Reads into `buf` until it holds `want` bytes or the input ends; returns whether it ended.
fn fill_vec(reader: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    buf.reserve(want - buf.len());
    let need = (want - buf.len()) as u64;
    let got = reader.by_ref().take(need).read_to_end(buf)?;
    Ok((got as u64) < need)
}

/// Reads into `room` from `*filled` on until it is full or the input ends; returns whether it
/// ended.
fn fill_slice(
    reader: &mut impl Read,
    room: &mut [u8],
    filled: &mut usize,
) -> std::io::Result<bool> {
    while *filled < room.len() {
        match reader.read(&mut room[*filled..]) {
            Ok(0) => return Ok(true),
            Ok(n) => *filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

/// Reads into `buf` (emptied first) until it holds `want` bytes or the input ends. A regular
/// file opened with its length as limit (see [`crate::input::open`]) and read with `want` past
/// that length costs one read call, where `read_to_end` makes two or three (it reads in
/// growing steps, then once more to see the end).
pub(crate) fn read_head(
    reader: &mut impl Read,
    buf: &mut Vec<u8>,
    want: usize,
) -> std::io::Result<()> {
    buf.clear();
    buf.resize(want, 0);
    let mut filled = 0;
    let read = fill_slice(reader, buf, &mut filled);
    buf.truncate(filled);
    read.map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::{read_pieces_after, Limits};
    use sanshen::Markup;

    /// A reader that hands out at most `step` bytes a call and counts its calls.
    struct Chunked<'a> {
        rest: &'a [u8],
        step: usize,
        calls: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.calls += 1;
            let n = buf.len().min(self.step).min(self.rest.len());
            buf[..n].copy_from_slice(&self.rest[..n]);
            self.rest = &self.rest[n..];
            Ok(n)
        }
    }

    /// What the simplest buffer, a `Vec` read with `read_to_end`, holds after the same steps.
    #[derive(Default)]
    struct Reference {
        held: Vec<u8>,
        at: usize,
    }

    impl Reference {
        fn fill(&mut self, input: &[u8], want: usize) -> bool {
            let need = want.saturating_sub(self.held.len());
            let got = need.min(input.len() - self.at);
            self.held.extend_from_slice(&input[self.at..self.at + got]);
            self.at += got;
            need > 0 && got < need
        }
    }

    #[test]
    fn fills_drains_and_heads_read_as_a_plain_vec_in_either_memory() {
        let mut rng = crate::test_rng::Rng::new(251);
        for round in 0..200 {
            let input: Vec<u8> = (0..rng.below(6000)).map(|_| rng.below(256) as u8).collect();
            let mut reader = Chunked { rest: &input, step: 1 + rng.below(900), calls: 0 };
            let mut buf = match round % 2 {
                0 => ReadBuf::heap((0..rng.below(50)).map(|i| i as u8).collect()),
                _ => ReadBuf::mapped(&[7; 40]),
            };
            let mut want = Reference::default();
            buf.read_head(&mut reader, 0).unwrap();
            for _ in 0..12 {
                match rng.below(3) {
                    0 => {
                        let end = rng.below(want.held.len() + 1);
                        buf.drain_front(end);
                        want.held.drain(..end);
                    }
                    _ => {
                        let to = want.held.len() + rng.below(1200);
                        let eof = buf.fill(&mut reader, to).unwrap();
                        assert_eq!(eof, want.fill(&input, to), "round {round}");
                    }
                }
                assert_eq!(&buf[..], &want.held[..], "round {round}");
            }
        }
    }

    #[test]
    fn a_head_past_a_known_length_is_read_in_one_call() {
        let text = "请认真布署。\n".repeat(500);
        for mut buf in [ReadBuf::heap(b"left over".to_vec()), ReadBuf::mapped(b"left over")] {
            let mut file = Chunked { rest: text.as_bytes(), step: usize::MAX, calls: 0 };
            let mut file = (&mut file).take(text.len() as u64);
            buf.read_head(&mut file, text.len() + 1).unwrap();
            assert_eq!(&buf[..], text.as_bytes());
            let mut head = Chunked { rest: text.as_bytes(), step: usize::MAX, calls: 0 };
            buf.read_head(&mut head, 8).unwrap();
            assert_eq!((&buf[..], head.calls), (&text.as_bytes()[..8], 1));
        }
    }

    #[test]
    fn a_large_piece_of_a_known_length_is_mapped_with_its_head_and_a_small_one_is_not() {
        let text = "请认真布署防汛工作。\n".repeat(1000);
        for (piece, known, mapped) in
            [(MAPPED_FROM, true, true), (MAPPED_FROM - 1, true, false), (MAPPED_FROM, false, false)]
        {
            let mut buf = ReadBuf::spare();
            let mut file = text.as_bytes();
            buf.read_head(&mut file, 8).unwrap();
            buf.reserve_piece(piece, known);
            assert_eq!(buf.is_mapped(), mapped, "{piece} {known}");
            assert!(buf.fill(&mut file, piece).unwrap());
            assert_eq!(&buf[..], text.as_bytes());
            buf.keep();
        }
    }

    #[test]
    fn a_mapping_grows_for_a_line_longer_than_it() {
        let line = vec![b'x'; HUGE_PAGE + 100];
        let mut buf = ReadBuf::mapped(b"ab");
        assert!(buf.fill(&mut &line[..], 2 * HUGE_PAGE).unwrap());
        assert!(buf.is_mapped());
        assert_eq!((&buf[..2], buf.len()), (&b"ab"[..], line.len() + 2));
        assert!(buf[2..].iter().all(|&b| b == b'x'));
    }

    /// The pieces of `bytes` read in pieces of `piece` bytes, a file of known length or not.
    fn pieces(bytes: &[u8], piece: usize, known: bool) -> (Vec<String>, bool) {
        let mut buf = ReadBuf::spare();
        let limits = Limits { piece, line: 1 << 20, markup: Markup::Plain, known };
        let mut out = Vec::new();
        read_pieces_after(&mut buf, bytes, None, limits, |p| {
            out.push(format!("{} {} {}", p.offset, p.lines, p.text.len()));
            Ok(())
        })
        .unwrap();
        let mapped = buf.is_mapped();
        buf.keep();
        (out, mapped)
    }

    #[test]
    fn a_file_larger_than_a_mapped_piece_reads_as_with_a_vec_and_the_mapping_is_kept() {
        let mut rng = crate::test_rng::Rng::new(252);
        let lines = ["请认真布署。\n", "再接再励\r\n", "𠀀\n", "a"];
        let text: String = (0..600_000).map(|_| *rng.pick(&lines)).collect();
        let piece = MAPPED_FROM + rng.below(1000);
        let (with_vec, mapped) = pieces(text.as_bytes(), piece, false);
        assert!(!mapped && with_vec.len() > 2, "{with_vec:?}");
        let (first, mapped) = pieces(text.as_bytes(), piece, true);
        assert!(mapped);
        assert_eq!(first, with_vec);
        // The next file on the thread reads into the same mapping, its pages already in place.
        let kept = SPARE_MAP.take().unwrap();
        let at = kept.as_ptr();
        SPARE_MAP.set(Some(kept));
        let mut buf = ReadBuf::spare();
        buf.reserve_piece(piece, true);
        assert_eq!(buf.as_ptr(), at);
        buf.keep();
        assert_eq!(pieces(text.as_bytes(), piece, true).0, with_vec);
    }
}
