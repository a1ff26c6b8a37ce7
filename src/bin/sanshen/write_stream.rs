//! `--write` and `--diff` a piece at a time ([`crate::stream`]): each piece is checked, fixed in
//! rounds as a whole text would be, its diff hunks made and its corrected bytes written to the
//! temporary file that will replace the file, before the next piece is read. Memory holds one
//! piece (and the findings), whatever the file's size.
//!
//! The temporary file is made at the first piece with a fix (a file with nothing to fix is
//! never copied): the bytes before that piece are copied from the file. The file is digested
//! as it is read, so the rewrite replaces it only if it is still what was checked.

use crate::located::{self, Located, Wants};
use crate::spool::Spool;
use crate::stream::{self, Carried, Limits, Piece};
use crate::write::{self, Allow, Refused, Rewrite, Snapshot};
use crate::write_diff::Diff;
use crate::{baseline, decode, input, Processed};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use sanshen::markup::Carry;
use sanshen::{Finding, Fixed, Linter, Markup};
use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::Path;

/// What is done with an input.
#[derive(Clone, Copy)]
pub(crate) enum Mode {
    Write(Allow),
    Diff,
}

/// Fixes or diffs `input` (read as `markup`) a piece at a time, leaving findings `accepted`
/// (by a baseline or the review record) alone; fills `p` with what to report, but for the
/// findings of a file left unwritten (see [`Outcome`]).
pub(crate) fn run(
    linter: &Linter,
    job: Job<'_>,
    input: &input::Input,
    forced: Option<&'static Encoding>,
    p: &mut Processed,
) -> Outcome {
    run_in(linter, job, input, (forced, Limits::of(job.markup)), p)
}

/// [`run`], in the encoding forced (if any) and pieces of the sizes given.
fn run_in(
    linter: &Linter,
    job: Job<'_>,
    input: &input::Input,
    read: (Option<&'static Encoding>, Limits),
    p: &mut Processed,
) -> Outcome {
    let name = &input.name;
    let Some(path) = &input.path else {
        let stdin = std::io::stdin().lock();
        let fixer = Fixer::new(linter, job, Sink::stdout(job.mode));
        return finish(fixer, stdin, read, name, p);
    };
    let (meta, file) = match input::open(path) {
        Ok(opened) => opened,
        Err(e) => {
            p.errors.push(format!("{name}: cannot read: {e}"));
            return Outcome::Done;
        }
    };
    let read = (read.0, read.1.fitted(&meta));
    let sink = match job.mode {
        Mode::Diff => Sink::Nothing,
        Mode::Write(allow) => Sink::File(Box::new(FileSink {
            path,
            seen: Snapshot::read(&meta, &write::Digest::default()),
            meta,
            allow,
            rewrite: None,
            refused: None,
        })),
    };
    finish(Fixer::new(linter, job, sink), file, read, name, p)
}

/// How an input is fixed: the mode, how it is marked up, what the baseline accepted, what the
/// output needs of each finding.
#[derive(Clone, Copy)]
pub(crate) struct Job<'a> {
    pub(crate) mode: Mode,
    /// The input's name, as output shows it.
    pub(crate) name: &'a str,
    pub(crate) markup: Markup,
    pub(crate) accepted: Option<&'a baseline::Baselines>,
    pub(crate) wants: Wants,
}

/// Whether the file was left as it was although it had fixes: then its findings are those of
/// the file as it stands, which the caller checks again (rather than keeping the findings of
/// every piece as read, in case).
#[derive(Debug, PartialEq, Eq)]
#[must_use]
pub(crate) enum Outcome {
    Done,
    Unwritten,
}

/// Reads `reader` (in the encoding forced, if any, a piece of the size given at a time) to its
/// end through `fixer` and puts what came of it into `p`. A refused rewrite stops the reading.
fn finish(
    mut fixer: Fixer<'_, '_>,
    reader: impl Read,
    (forced, limits): (Option<&'static Encoding>, Limits),
    name: &str,
    p: &mut Processed,
) -> Outcome {
    let mut reader = write::Digesting::new(reader);
    let read = stream::read_pieces_in(&mut reader, forced, limits, |piece| {
        fixer.piece(piece).map_err(|e| format!("{name}: {e}"))
    });
    if let Sink::File(sink) = &fixer.sink {
        if let Some(e) = &sink.refused {
            p.errors.push(format!("{name}: cannot write fixes: {e}"));
            return Outcome::Unwritten;
        }
    }
    let detected = match read {
        Ok(detected) => detected,
        Err(e) => {
            p.errors.push(e.message(name));
            return Outcome::Done;
        }
    };
    p.bom = detected.bom;
    let diff = fixer.diff.take().map(Diff::finish).transpose();
    match diff {
        Ok(diff) => p.diff = diff.flatten(),
        Err(e) => p.errors.push(format!("{name}: cannot keep the diff: {e}")),
    }
    let applied = fixer.applied;
    p.located = std::mem::take(&mut fixer.left);
    match fixer.sink {
        Sink::Nothing => {}
        Sink::Stdout(spool) => p.corrected = Some(spool),
        Sink::File(sink) => match sink.commit(&reader.digest) {
            Ok(false) => {}
            Ok(true) => p.notes.push(format!("{name}: fixed {applied} finding(s)")),
            Err(e) => {
                p.errors.push(format!("{name}: cannot write fixes: {e}"));
                p.located.clear();
                return Outcome::Unwritten;
            }
        },
    }
    Outcome::Done
}

/// Where the corrected bytes go.
enum Sink<'p> {
    /// `--diff`: nowhere.
    Nothing,
    /// `--write -`: standard output, once the input has been read to its end.
    Stdout(Spool),
    /// `--write FILE`.
    File(Box<FileSink<'p>>),
}

impl Sink<'_> {
    fn stdout(mode: Mode) -> Sink<'static> {
        match mode {
            Mode::Diff => Sink::Nothing,
            Mode::Write(_) => Sink::Stdout(Spool::default()),
        }
    }
}

/// The rewrite of a file, begun at the first piece with a fix.
struct FileSink<'p> {
    path: &'p Path,
    /// The file as opened, before reading (its content is digested as it is read).
    seen: Snapshot,
    meta: std::fs::Metadata,
    allow: Allow,
    rewrite: Option<Rewrite>,
    /// Why the file is not written: nothing more is written once this is set.
    refused: Option<Refused>,
}

impl FileSink<'_> {
    /// Writes the next piece's `bytes`; `piece` is the piece as read, `changed` whether its
    /// bytes differ.
    fn write(&mut self, piece: &Piece<'_>, bytes: &[u8], changed: bool) {
        if self.refused.is_some() || (self.rewrite.is_none() && !changed) {
            return;
        }
        if self.rewrite.is_none() {
            match self.begin(piece.base()) {
                Ok(rewrite) => self.rewrite = Some(rewrite),
                Err(e) => return self.refuse(e),
            }
        }
        if let Some(Err(e)) = self.rewrite.as_mut().map(|r| r.write_all(bytes)) {
            self.refuse(e.into());
        }
    }

    /// Gives up the rewrite: the temporary file is removed, the file stays as it is.
    fn refuse(&mut self, why: Refused) {
        self.rewrite = None;
        self.refused.get_or_insert(why);
    }

    /// Starts the rewrite with the file's first `upto` bytes, read again from the file.
    fn begin(&self, upto: usize) -> Result<Rewrite, Refused> {
        if !self.meta.is_file() {
            return Err(Refused::NotRegular);
        }
        let mut rewrite = Rewrite::begin(self.path, &self.seen, self.allow)?;
        let mut file = std::fs::File::open(self.path)?.take(upto as u64);
        std::io::copy(&mut file, &mut rewrite)?;
        Ok(rewrite)
    }

    /// Replaces the file if anything was written and it is still as read (`digest`: of all
    /// that was read); says whether it was replaced.
    fn commit(self, digest: &write::Digest) -> Result<bool, Refused> {
        if let Some(refused) = self.refused {
            return Err(refused);
        }
        let Some(rewrite) = self.rewrite else { return Ok(false) };
        rewrite.commit(&Snapshot::read(&self.meta, digest))?;
        Ok(true)
    }
}

/// The state of one input fixed a piece at a time.
struct Fixer<'l, 'p> {
    linter: &'l Linter,
    job: Job<'l>,
    accepted: write::Accepted,
    carry: Carry,
    /// Where the next piece of the corrected text starts (known from the first piece on).
    after: Option<Carried>,
    /// Findings of the corrected text, placed in the corrected file.
    left: Vec<Located>,
    applied: usize,
    sink: Sink<'p>,
    diff: Option<Diff>,
}

impl<'l, 'p> Fixer<'l, 'p> {
    fn new(linter: &'l Linter, job: Job<'l>, sink: Sink<'p>) -> Fixer<'l, 'p> {
        Fixer {
            linter,
            job,
            accepted: write::Accepted::default(),
            carry: Carry::default(),
            after: None,
            left: Vec::new(),
            applied: 0,
            sink,
            diff: None,
        }
    }

    /// Checks, fixes, diffs and writes one piece.
    fn piece(&mut self, piece: &Piece<'_>) -> Result<(), String> {
        let (text, markup) = (piece.text, self.job.markup);
        let before = self.carry.clone();
        let found = self.linter.check_markup_piece(text, markup, &mut self.carry);
        let fixed = self.fix(piece, found.clone(), &before);
        let changed = !fixed.applied.is_empty();
        self.applied += fixed.applied.len();
        if let Mode::Diff = self.job.mode {
            let diff = self.diff.get_or_insert_with(|| Diff::new(self.job.name));
            return diff.piece(text, &fixed.text).map_err(|e| format!("cannot keep the diff: {e}"));
        }
        let bytes = match changed {
            false => Ok(Cow::Borrowed(piece.bytes)),
            true => encode(piece, &fixed.text).map(Cow::Owned),
        };
        let first = self.after.is_none();
        let written = match (&mut self.sink, bytes) {
            (Sink::File(sink), bytes) => {
                match &bytes {
                    Ok(bytes) => sink.write(piece, bytes, changed),
                    Err(_) => sink.refuse(Refused::Encoding(piece.encoding().name())),
                }
                // Refused: reading stops here (see [`finish`]).
                match (sink.refused.is_some(), bytes) {
                    (false, Ok(bytes)) => bytes,
                    _ => return Err("not written".to_owned()),
                }
            }
            (Sink::Stdout(spool), bytes) => {
                let bytes = bytes.map_err(|e| e.to_string())?;
                let bom = bom(piece.encoding()).get(..piece.base()).filter(|_| first);
                let bom = bom.unwrap_or_default();
                let kept = spool.write_all(bom).and_then(|()| spool.write_all(&bytes));
                kept.map_err(|e| format!("cannot keep the corrected text: {e}"))?;
                bytes
            }
            (Sink::Nothing, _) => return Ok(()),
        };
        let left = match changed {
            false => found,
            true => self.linter.check_markup_piece(&fixed.text, markup, &mut before.clone()),
        };
        self.place_left(piece, &fixed.text, &written, left)
    }

    /// The piece's fixes: in rounds, or (with findings a baseline accepted) in one round that
    /// leaves those alone, as the baseline names findings of the text as read.
    fn fix(&mut self, piece: &Piece<'_>, found: Vec<Finding>, before: &Carry) -> Fixed {
        let (text, markup) = (piece.text, self.job.markup);
        let Some(accepted) = self.job.accepted.filter(|b| !b.is_empty()) else {
            return self.linter.fix_markup_piece(text, markup, found, before);
        };
        let skip = self.accepted.indexes(accepted, self.job.name, text, &found);
        let (mut kept, mut left) = (Vec::new(), Vec::new());
        for (i, f) in found.into_iter().enumerate() {
            match skip.contains(&i) {
                true => left.push(f),
                false => kept.push(f),
            }
        }
        let mut fixed = sanshen::apply_fixes(text, kept);
        fixed.remaining.append(&mut left);
        fixed
    }

    /// Places the findings of the corrected piece (`text`, written as `bytes`) in the
    /// corrected file.
    fn place_left(
        &mut self,
        piece: &Piece<'_>,
        text: &str,
        bytes: &[u8],
        left: Vec<Finding>,
    ) -> Result<(), String> {
        let after = self.after.get_or_insert_with(|| Carried::at(piece.base()));
        let encoding = piece.encoding();
        let codec = match encoding == UTF_8 {
            true => None,
            false => {
                let detected = decode::Detected { encoding, bom: 0, guessed: false };
                let lines = after.lines();
                let decoded = decode::decode_piece(detected, bytes, after.file(), lines)
                    .map_err(|e| e.to_string())?;
                Some(decoded)
            }
        };
        let corrected = after.piece(text, bytes, codec.as_ref());
        located::locate(&corrected, left, self.job.wants, &mut self.left);
        after.advance(text, bytes.len());
        Ok(())
    }
}

/// The corrected text of a piece in the file's encoding; refused if the piece as read does not
/// encode back to its own bytes (a file is never written in a way that changes what it does
/// not fix).
fn encode(piece: &Piece<'_>, fixed: &str) -> Result<Vec<u8>, Refused> {
    let encoding = piece.encoding();
    if encoding == UTF_8 {
        return Ok(fixed.as_bytes().to_vec());
    }
    if decode::encoded(encoding, piece.text) != piece.bytes {
        return Err(Refused::Encoding(encoding.name()));
    }
    Ok(decode::encoded(encoding, fixed))
}

/// The byte-order mark of a text in `encoding` that starts with one (sliced to the length
/// found, which is never longer).
fn bom(encoding: &'static Encoding) -> &'static [u8] {
    if encoding == UTF_16LE {
        &[0xFF, 0xFE]
    } else if encoding == UTF_16BE {
        &[0xFE, 0xFF]
    } else {
        &[0xEF, 0xBB, 0xBF]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What fixing or diffing a file gave: the file's bytes after, the diff, the findings
    /// reported (line, column, file start and end, text), errors and notes.
    type Seen = (Vec<u8>, String, Vec<(usize, usize, usize, usize, String)>, Vec<String>);

    fn run_on(bytes: &[u8], read: (&'static Encoding, Markup), diff: bool, piece: usize) -> Seen {
        let (encoding, markup) = read;
        let dir = std::env::temp_dir().join(format!("sanshen-write-stream-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{piece}-{diff}-{markup:?}-{}", encoding.name()));
        std::fs::write(&path, bytes).unwrap();
        let input = input::Input { name: "f".to_owned(), path: Some(path.clone()), special: None };
        let mode = if diff { Mode::Diff } else { Mode::Write(Allow::default()) };
        let wants = Wants { source: true, context: true };
        let job = Job { mode, name: "f", markup, accepted: None, wants };
        let mut p = Processed::empty();
        let limits = Limits { piece, line: 1 << 20, markup, known: false };
        // Forced: a few bytes are too few to tell GB18030 from broken UTF-8.
        let outcome = run_in(&Linter::new(), job, &input, (Some(encoding), limits), &mut p);
        assert_eq!(outcome, Outcome::Done);
        let mut shown = Vec::new();
        if let Some(spool) = p.diff.take() {
            spool.copy_to(&mut shown).unwrap();
        }
        let place = |l: &Located| {
            let f = &l.finding;
            (f.line, f.column, l.start, l.end, f.text.clone())
        };
        let placed = p.located.iter().map(place).collect();
        let after = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        (after, String::from_utf8(shown).unwrap(), placed, [p.errors, p.notes].concat())
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_never_replaced() {
        let path = Path::new("/dev/null");
        let meta = std::fs::metadata(path).unwrap();
        let seen = Snapshot::read(&meta, &write::Digest::default());
        let allow = Allow { read_only: true, hard_links: true };
        let sink = FileSink { path, seen, meta, allow, rewrite: None, refused: None };
        assert!(matches!(sink.begin(0), Err(Refused::NotRegular)));
    }

    #[test]
    fn a_file_fixed_and_diffed_in_pieces_comes_out_as_fixed_whole() {
        let plain =
            "第一行请认真布署。\r\n再接再励，𠀀布署国家级产品\n\n各单位要认真布署防汛工作。\n"
                .repeat(6);
        let html = "<p>𠀀请认真<b>布署</b>。</p><!-- 布署 --><p title=\"再接再励\">国家级产品</p>"
            .repeat(8);
        let md = "# 布署\n\n<!-- sanshen-disable typo -->\n布署\n<!-- sanshen-enable -->\n\n`布署`，布署国家级产品\n".repeat(5);
        let cases = [
            (plain.as_str(), Markup::Plain),
            (html.as_str(), Markup::Html),
            (md.as_str(), Markup::Markdown),
        ];
        for (text, markup) in cases {
            for (encoding, bom) in
                [(UTF_8, &[][..]), (encoding_rs::GB18030, &[]), (UTF_16LE, &[0xFF, 0xFE])]
            {
                let bytes = [bom, &decode::encoded(encoding, text)].concat();
                for diff in [false, true] {
                    let whole = run_on(&bytes, (encoding, markup), diff, 1 << 20);
                    assert!(whole.0 != bytes || diff, "{markup:?} {encoding:?}: fixed");
                    assert_eq!(whole.1.is_empty(), !diff, "{whole:?}");
                    assert_eq!(whole.3.len(), usize::from(!diff), "{whole:?}");
                    // What is left for a person is reported where the corrected file has it.
                    let left = if diff { 0 } else { text.matches("国家级产品").count() };
                    assert_eq!(whole.2.len(), left, "{whole:?}");
                    for piece in [40, 64, 100] {
                        let pieced = run_on(&bytes, (encoding, markup), diff, piece);
                        assert!(
                            pieced == whole,
                            "{markup:?} {encoding:?} {diff} {piece}: {pieced:?}"
                        );
                    }
                }
            }
        }
    }
}
