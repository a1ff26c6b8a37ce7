//! The shipped dictionaries in a compact binary form: `build.rs` parses the shipped files with
//! the crate's own parser and packs the result, and [`Dictionary::builtin`] unpacks it at the
//! first use, so that no start parses a line of text. Large user dictionaries are kept in the
//! same form between runs (`stored.rs`).
//!
//! The form: every string's UTF-8 bytes one after another (checked once), then a table of the
//! files' names and every record of the [`Dictionary`] in order, numbers as LEB128 varints,
//! strings as their length in the first part, an entry's origin as an index into the table.
//! No version is kept: the shipped form is read only by the build that wrote it, and a stored
//! one is keyed by the crate's version.
//!
//! [`Dictionary::builtin`]: super::Dictionary::builtin

use super::{
    Confusable, Dictionary, Entry, EntryKind, InstitutionRule, Origin, RosterRow, SegmentWord,
    TitleAlias,
};
use crate::date::Date;
use crate::finding::Severity;
use std::sync::Arc;

/// `dict` packed.
pub(crate) fn pack(dict: &Dictionary) -> Vec<u8> {
    let (pool, rest) = pack_parts(dict);
    let mut out = Writer::default();
    pool.len().put(&mut out);
    out.bytes.extend_from_slice(pool.as_bytes());
    out.bytes.extend_from_slice(&rest);
    out.bytes
}

/// `dict` packed in its two parts: every string one after another, and the rest. The shipped
/// dictionaries embed the strings as text (`include_str!`), which the compiler has checked to
/// be UTF-8, so that a start does not check them again.
pub(crate) fn pack_parts(dict: &Dictionary) -> (String, Vec<u8>) {
    let mut w = with_files(dict);
    dict.put(&mut w);
    (w.pool, w.bytes)
}

/// A writer that has written the table of the files `dict` names: a first pass names them,
/// so that their table can come first.
fn with_files(dict: &Dictionary) -> Writer {
    let mut scratch = Writer::default();
    dict.put(&mut scratch);
    let mut w = Writer { files: scratch.files, ..Writer::default() };
    let names: Vec<String> = w.files.iter().map(|f| f.to_string()).collect();
    names.put(&mut w);
    w
}

/// Where the entries of `dict` lie in what [`pack_parts`] writes of it, after the table of
/// files: `build.rs` records it for the shipped dictionaries, so that a start reads what
/// follows them without stepping through them ([`Header::besides_entries_at`]).
// Run by `build.rs` and the tests, not by the crate.
#[allow(dead_code)]
pub(crate) fn entries_extent(dict: &Dictionary) -> Extent {
    let mut w = with_files(dict);
    let (bytes, pool) = (w.bytes.len(), w.pool.len());
    dict.entries.put(&mut w);
    Extent { bytes: w.bytes.len() - bytes, pool: w.pool.len() - pool }
}

/// The bytes and the strings' bytes a part of the records takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Extent {
    pub(crate) bytes: usize,
    pub(crate) pool: usize,
}

/// The dictionary `bytes` hold, or `None` when they are not what [`pack`] wrote.
#[cfg(test)]
pub(crate) fn unpack(bytes: &[u8]) -> Option<Dictionary> {
    let (pool, rest) = split(bytes)?;
    unpack_parts(std::str::from_utf8(pool).ok()?, rest)
}

/// What [`pack`] wrote, split into every string's bytes (to be validated as UTF-8 once rather
/// than string by string) and the rest; `None` when the length that leads is wrong.
pub(crate) fn split(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut r = Reader { bytes, pool: "", files: Vec::new() };
    let len = usize::take(&mut r)?;
    r.bytes.split_at_checked(len)
}

/// The dictionary that [`pack_parts`] wrote as `pool` and `rest`, or `None` when they are not.
pub(crate) fn unpack_parts(pool: &str, rest: &[u8]) -> Option<Dictionary> {
    Header::read(pool, rest)?.dictionary()
}

/// What [`pack_parts`] wrote, read as far as the records: the table of files, which every
/// record read from it shares (an entry's origin names its file by the very same `Arc`).
pub(crate) struct Header<'b> {
    files: Vec<Arc<str>>,
    /// The records' bytes and strings.
    bytes: &'b [u8],
    pool: &'b str,
}

impl<'b> Header<'b> {
    /// The table of files of `pool` and `rest`, or `None` when they are not what
    /// [`pack_parts`] wrote.
    pub(crate) fn read(pool: &'b str, rest: &'b [u8]) -> Option<Header<'b>> {
        let mut r = Reader { bytes: rest, pool, files: Vec::new() };
        let files = Vec::<String>::take(&mut r)?;
        let files = files.into_iter().map(Arc::from).collect();
        Some(Header { files, bytes: r.bytes, pool: r.pool })
    }

    fn reader(&self) -> Reader<'b> {
        Reader { bytes: self.bytes, pool: self.pool, files: self.files.clone() }
    }

    /// The whole dictionary, or `None` when the records are not what [`pack_parts`] wrote.
    pub(crate) fn dictionary(&self) -> Option<Dictionary> {
        let mut r = self.reader();
        let dict = Dictionary::take(&mut r)?;
        (r.bytes.is_empty() && r.pool.is_empty()).then_some(dict)
    }

    /// The dictionary's entries alone (they come first), the rest left unread: what a build
    /// moves into its linter, read again instead of copied.
    pub(crate) fn entries(&self) -> Option<Vec<Entry>> {
        Vec::<Entry>::take(&mut self.reader())
    }

    /// The whole dictionary but its entries (left empty), which take `entries` (as
    /// [`entries_extent`] gives it) and are stepped over, not read: for the shipped
    /// dictionaries, whose entries every build reads, and so checks, for itself. `None` when
    /// the other records are not what [`pack_parts`] wrote.
    pub(crate) fn besides_entries_at(&self, entries: Extent) -> Option<Dictionary> {
        let mut r = self.reader();
        r.bytes = r.bytes.get(entries.bytes..)?;
        r.pool = r.pool.get(entries.pool..)?;
        let dict = take_besides_entries(&mut r)?;
        (r.bytes.is_empty() && r.pool.is_empty()).then_some(dict)
    }

    /// The files every record names, in the table's order.
    pub(crate) fn files(&self) -> &[Arc<str>] {
        &self.files
    }
}

#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
    /// Every string, one after another, in the order written.
    pool: String,
    /// The files named so far, in order of first use.
    files: Vec<Arc<str>>,
}

struct Reader<'b> {
    bytes: &'b [u8],
    /// The strings not read yet.
    pool: &'b str,
    files: Vec<Arc<str>>,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }
}

/// A value that can be packed and read back.
trait Packed: Sized {
    fn put(&self, w: &mut Writer);
    fn take(r: &mut Reader<'_>) -> Option<Self>;
}

impl Packed for u64 {
    fn put(&self, w: &mut Writer) {
        let mut v = *self;
        while v >= 0x80 {
            w.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        w.bytes.push(v as u8);
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        // Nearly every number is a length, a flag or an index below 128: one byte.
        let first = r.byte()?;
        if first < 0x80 {
            return Some(u64::from(first));
        }
        let mut v = u64::from(first & 0x7f);
        for shift in (7..64).step_by(7) {
            let b = r.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
}

/// Unsigned numbers narrower than 64 bits, through `u64`.
macro_rules! packed_as_u64 {
    ($($t:ty),*) => {$(
        impl Packed for $t {
            fn put(&self, w: &mut Writer) {
                (*self as u64).put(w);
            }

            fn take(r: &mut Reader<'_>) -> Option<Self> {
                <$t>::try_from(u64::take(r)?).ok()
            }
        }
    )*};
}

packed_as_u64!(usize, u32, u8);

impl Packed for bool {
    fn put(&self, w: &mut Writer) {
        u8::from(*self).put(w);
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Packed for char {
    fn put(&self, w: &mut Writer) {
        u32::from(*self).put(w);
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        char::from_u32(u32::take(r)?)
    }
}

impl Packed for String {
    fn put(&self, w: &mut Writer) {
        self.len().put(w);
        w.pool.push_str(self);
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let len = usize::take(r)?;
        let s = r.pool.get(..len)?;
        r.pool = &r.pool[len..];
        Some(s.to_owned())
    }
}

impl<T: Packed> Packed for Option<T> {
    fn put(&self, w: &mut Writer) {
        self.is_some().put(w);
        if let Some(v) = self {
            v.put(w);
        }
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match bool::take(r)? {
            true => T::take(r).map(Some),
            false => Some(None),
        }
    }
}

impl<T: Packed> Packed for Vec<T> {
    fn put(&self, w: &mut Writer) {
        self.len().put(w);
        self.iter().for_each(|v| v.put(w));
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let len = usize::take(r)?;
        // Most lists of an entry (suggestions of a sensitive word, example sentences) are empty.
        if len == 0 {
            return Some(Vec::new());
        }
        // Each value takes at least one byte: a length beyond what is left is no list.
        let mut all = Vec::with_capacity(len.min(r.bytes.len()));
        for _ in 0..len {
            all.push(T::take(r)?);
        }
        Some(all)
    }
}

impl<A: Packed, B: Packed> Packed for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::take(r)?, B::take(r)?))
    }
}

impl Packed for Date {
    fn put(&self, w: &mut Writer) {
        // Zigzag, for years before the common era.
        (((self.year << 1) ^ (self.year >> 31)) as u32).put(w);
        (self.month, self.day).put(w);
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let zigzag = u32::take(r)?;
        let year = ((zigzag >> 1) as i32) ^ -((zigzag & 1) as i32);
        let (month, day) = <(u32, u32)>::take(r)?;
        Date::new(year, month, day)
    }
}

impl Packed for Severity {
    fn put(&self, w: &mut Writer) {
        (*self as u8).put(w);
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        [Severity::Info, Severity::Warning, Severity::Error].get(usize::from(r.byte()?)).copied()
    }
}

const KINDS: [EntryKind; 5] = [
    EntryKind::Typo,
    EntryKind::Sensitive,
    EntryKind::Allow,
    EntryKind::Protected,
    EntryKind::Leader,
];

impl Packed for EntryKind {
    fn put(&self, w: &mut Writer) {
        let i = KINDS.iter().position(|k| k == self).expect("every kind is listed");
        i.put(w);
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        KINDS.get(usize::from(r.byte()?)).copied()
    }
}

impl Packed for Origin {
    fn put(&self, w: &mut Writer) {
        let file = match w.files.iter().position(|f| *f == self.file) {
            Some(i) => i,
            None => {
                w.files.push(self.file.clone());
                w.files.len() - 1
            }
        };
        (file, self.line).put(w);
    }

    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let (file, line) = <(usize, usize)>::take(r)?;
        Some(Origin { file: r.files.get(file)?.clone(), line })
    }
}

/// `Packed` for a struct: its fields in order.
macro_rules! packed_fields {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Packed for $t {
            fn put(&self, w: &mut Writer) {
                $(self.$f.put(w);)*
            }

            fn take(r: &mut Reader<'_>) -> Option<Self> {
                Some($t { $($f: Packed::take(r)?),* })
            }
        }
    };
}

packed_fields!(Entry {
    kind,
    pattern,
    suggestions,
    category,
    severity,
    word_check,
    evasion,
    fuzzy,
    note,
    since,
    ok,
    bad,
    lead,
    origin,
});
packed_fields!(RosterRow { name, title, from, to, removed, rank, note, source, as_of, origin });
packed_fields!(TitleAlias { canonical, aliases, ambiguous, complete, since, note, origin });
packed_fields!(InstitutionRule { institution, fixes, word_check, note, origin });
packed_fields!(Confusable { ch, similar, category, origin });
packed_fields!(SegmentWord { word, freq, origin });
packed_fields!(Dictionary {
    entries,
    roster,
    titles,
    institutions,
    confusables,
    words,
    folds,
    repeats,
    repeat_ending,
    repeat_starting,
});

/// What follows the entries of a packed [`Dictionary`] (in the order `packed_fields!` gives
/// it above), read into a dictionary whose entries are empty.
fn take_besides_entries(r: &mut Reader<'_>) -> Option<Dictionary> {
    Some(Dictionary {
        entries: Vec::new(),
        roster: Packed::take(r)?,
        titles: Packed::take(r)?,
        institutions: Packed::take(r)?,
        confusables: Packed::take(r)?,
        words: Packed::take(r)?,
        folds: Packed::take(r)?,
        repeats: Packed::take(r)?,
        repeat_ending: Packed::take(r)?,
        repeat_starting: Packed::take(r)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dictionaries_read_back_as_parsed() {
        let mut parsed = Dictionary::default();
        for (name, text) in Dictionary::builtin_files() {
            parsed.extend(Dictionary::parse(name, text).expect("shipped files parse"));
        }
        assert!(parsed.entries.len() > 1000 && !parsed.roster.is_empty());
        assert_eq!(unpack(&pack(&parsed)).as_ref(), Some(&parsed));
        assert_eq!(Dictionary::builtin(), &parsed, "the embedded form is the files' as they are");
    }

    #[test]
    fn every_value_reads_back() {
        let text = "!family roster\n!as-of 2026-03-13\n张三\t县长\tfrom=2021-02-03\trank=2\tend=removed\n!family title\n县长\t县长\tholders=all\tsince=1999-01-01\n!family institution\n政协\t副主任>副主席\tcheck=word\n!family confusable\n!category name\n治\t冶制\n!family word\n坐车\t-\tfreq=300\n!family fold\n國\t国\n!family repeat\n常常\n!category ending\n目的\n!category starting\n是否\n!family typo\n在坐\t在座|在做\tcheck=word\tok=在坐车\tbad=在坐的各位\tseverity=warning\tsince=1953-01-01\tnote=座位\n";
        let dict = Dictionary::parse("u.tsv", text).unwrap();
        assert_eq!(unpack(&pack(&dict)), Some(dict.clone()));
        let years = [-44, 0, 1, 2026, 9999];
        for n in [0u64, 1, 127, 128, 300, 1 << 35, u64::MAX] {
            let mut w = Writer::default();
            n.put(&mut w);
            let mut r = Reader { bytes: &w.bytes, pool: "", files: Vec::new() };
            assert_eq!(u64::take(&mut r), Some(n));
            assert!(r.bytes.is_empty());
        }
        for year in years {
            let mut w = Writer::default();
            Date::new(year, 2, 28).unwrap().put(&mut w);
            let mut r = Reader { bytes: &w.bytes, pool: "", files: Vec::new() };
            assert_eq!(Date::take(&mut r), Date::new(year, 2, 28));
        }
    }

    #[test]
    fn broken_bytes_are_refused() {
        let dict = Dictionary::parse("u.tsv", "!family typo\n布署\t部署\tnote=部署\n").unwrap();
        let bytes = pack(&dict);
        assert_eq!(unpack(&bytes[..bytes.len() - 1]), None, "cut short");
        let mut grown = bytes.clone();
        grown.push(0);
        assert_eq!(unpack(&grown), None, "grown");
        assert_eq!(unpack(&[0xff; 12]), None, "a varint too long");
        assert_eq!(unpack(&[1, 0xff, 0]), None, "strings that are not UTF-8");
        assert_eq!(unpack(&[3, 0xe5, 0xb8, 0x83, 1, 2]), None, "a string cut inside a character");
    }

    #[test]
    fn the_entries_read_alone_are_the_dictionarys_and_share_its_files() {
        let text = "!family roster\n张三\t县长\n!family typo\n布署\t部署\n在坐\t在座\n";
        let dict = Dictionary::parse("u.tsv", text).unwrap();
        let (pool, rest) = pack_parts(&dict);
        let header = Header::read(&pool, &rest).expect("a header");
        let (whole, entries) = (header.dictionary().unwrap(), header.entries().unwrap());
        assert_eq!(entries, dict.entries);
        assert_eq!(whole, dict);
        assert!(Arc::ptr_eq(&entries[1].origin.file, &whole.roster[0].origin.file));
        let besides = header.besides_entries_at(entries_extent(&dict)).unwrap();
        assert_eq!(besides, Dictionary { entries: Vec::new(), ..dict });
        assert!(Arc::ptr_eq(&besides.roster[0].origin.file, &entries[0].origin.file));
    }

    /// Stepping over the entries by their extent reads the rest as reading the whole does, for
    /// random parts of the shipped dictionaries (entries of every kind and field, none at all,
    /// and records after them or none).
    #[test]
    fn the_entries_stepped_over_by_their_extent_are_stepped_through() {
        let shipped = Dictionary::builtin();
        fn some<T: Clone>(rng: &mut crate::test_rng::Rng, all: &[T], most: usize) -> Vec<T> {
            let n = rng.below(most.min(all.len()) + 1);
            (0..n).map(|_| rng.pick(all).clone()).collect()
        }
        let rng = &mut crate::test_rng::Rng::new(25);
        for round in 0..60 {
            let dict = Dictionary {
                entries: some(rng, &shipped.entries, [0, 3, 300][round % 3]),
                roster: some(rng, &shipped.roster, 40),
                titles: some(rng, &shipped.titles, 40),
                institutions: some(rng, &shipped.institutions, 5),
                words: some(rng, &shipped.words, 40),
                ..Dictionary::default()
            };
            let (pool, rest) = pack_parts(&dict);
            let header = Header::read(&pool, &rest).expect("a header");
            let at = header.besides_entries_at(entries_extent(&dict));
            assert_eq!(at, Some(Dictionary { entries: Vec::new(), ..dict }), "round {round}");
        }
    }

    #[test]
    fn the_two_parts_read_back_only_together() {
        let dict = Dictionary::parse("u.tsv", "!family typo\n布署\t部署\tnote=部署\n").unwrap();
        let (pool, rest) = pack_parts(&dict);
        assert_eq!(unpack_parts(&pool, &rest), Some(dict));
        let short = pool.strip_suffix('署').expect("the last string ends the pool");
        assert_eq!(unpack_parts(short, &rest), None, "strings cut short");
        assert_eq!(unpack_parts(&format!("{pool}x"), &rest), None, "strings left over");
        assert_eq!(unpack_parts(&pool, &rest[..rest.len() - 1]), None, "records cut short");
    }
}
