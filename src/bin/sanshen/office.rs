//! Office documents and PDFs on the command line: recognised by their first bytes, read into
//! text by the library, and each finding given its place (part, paragraph, cell, offset).

use crate::args::CheckArgs;
use crate::input::{Input, Loaded};
use crate::place::Place;
use crate::{write, Processed};
use sanshen::office::{self, Document, Sniffed};
use sanshen::Linter;
use std::io::Read;

/// What to do with the findings besides reporting them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Report only.
    Report,
    /// `--diff`: nothing to show for a document; report.
    Diff,
    /// `--write`: Word documents get tracked changes and comments, in NAME.sanshen.docx.
    Copy,
    /// `--write --in-place`: the same, over the original.
    InPlace,
}

impl Mode {
    fn of(args: &CheckArgs) -> Mode {
        match (args.write, args.in_place, args.diff) {
            (true, true, _) => Mode::InPlace,
            (true, false, _) => Mode::Copy,
            (false, _, true) => Mode::Diff,
            _ => Mode::Report,
        }
    }
}

/// A file opened once, to look at its first bytes and then to read it as text.
pub(crate) struct Opened {
    pub(crate) meta: std::fs::Metadata,
    /// The file's first bytes: all of it if it is a regular file no longer than
    /// [`WHOLE_READ`](crate::stream::WHOLE_READ) (a post, read in one call), else eight.
    pub(crate) head: crate::readbuf::ReadBuf,
    /// The rest of the file.
    pub(crate) rest: std::io::Take<std::fs::File>,
}

impl Opened {
    /// Opens `path` (see [`crate::input::open`]) and reads its first bytes; `None` if either
    /// fails.
    fn open(path: &std::path::Path) -> Option<Opened> {
        let (meta, mut rest) = crate::input::open(path).ok()?;
        let short = meta.is_file() && (1..=crate::stream::WHOLE_READ as u64).contains(&meta.len());
        // One byte past the length: the read that ends there sees the end without a call.
        let want = if short { meta.len() as usize + 1 } else { 8 };
        let mut head = crate::readbuf::ReadBuf::spare();
        head.read_head(&mut rest, want).ok()?;
        Some(Opened { meta, head, rest })
    }
}

/// What the first bytes of an input made of it.
pub(crate) enum Recognised {
    /// An office document or a PDF, checked here.
    Done(Processed),
    /// Text, for the text readers: the file as opened to look at it, if it could be (else the
    /// readers open it and say why they cannot).
    Text(Option<Opened>),
}

/// Checks `input` here if it is an office document, a PDF or an old binary office file
/// (judged by its first bytes); else leaves it to the text readers, as it does with standard
/// input and named pipes and devices (see [`crate::special`]).
pub(crate) fn process(linter: &Linter, input: &Input, args: &CheckArgs) -> Recognised {
    let mode = Mode::of(args);
    // A pipe or device is read once, as text: its first bytes cannot be looked at first.
    let Some(path) = input.path.as_ref().filter(|_| input.special.is_none()) else {
        return Recognised::Text(None);
    };
    let Some(opened) = Opened::open(path) else {
        return Recognised::Text(None);
    };
    let seen = &opened.head[..opened.head.len().min(8)];
    let interesting = seen.starts_with(b"PK\x03\x04")
        || seen.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || seen.starts_with(b"%PDF-");
    if !interesting {
        return Recognised::Text(Some(opened));
    }
    let mut p = Processed::empty();
    match read_file(path) {
        Ok((bytes, snapshot)) => {
            let allow =
                write::Allow { read_only: args.write_read_only, hard_links: args.break_hard_links };
            let file = File { bytes: &bytes, snapshot, allow };
            read(linter, input, &file, mode, &mut p);
        }
        Err(e) => p.errors.push(format!("{}: cannot read: {e}", input.name)),
    }
    Recognised::Done(p)
}

/// A document's bytes, how the file was when read, and what `--write` may do to it.
struct File<'b> {
    bytes: &'b [u8],
    snapshot: write::Snapshot,
    allow: write::Allow,
}

/// The largest office document or PDF read. They are read whole, unlike texts: a ZIP
/// package's directory and a PDF's cross-reference table are at the end of the file.
const MAX_DOCUMENT_BYTES: u64 = 256 << 20;

fn read_file(path: &std::path::Path) -> std::io::Result<(Vec<u8>, write::Snapshot)> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let too_large = || {
        std::io::Error::other(format!(
            "larger than {} MiB, which an office document or PDF is read whole to check, not \
             checked",
            MAX_DOCUMENT_BYTES >> 20
        ))
    };
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large());
    }
    let snapshot = write::Snapshot::of(&meta, &bytes);
    Ok((bytes, snapshot))
}

/// The text to report against: the document's text, as if read from a UTF-8 file.
fn loaded(name: &str, text: String) -> Result<Loaded, String> {
    let codec = crate::decode::decode(text.as_bytes(), Some(encoding_rs::UTF_8))
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(Loaded { text, offset: 0, codec })
}

fn read(linter: &Linter, input: &Input, file: &File<'_>, mode: Mode, p: &mut Processed) {
    let bytes = file.bytes;
    let name = &input.name;
    let sniffed = match office::sniff(bytes) {
        // A damaged package named as a document: reading it says what is wrong.
        Sniffed::OtherZip => by_name(input).unwrap_or(Sniffed::OtherZip),
        s => s,
    };
    let doc = match sniffed {
        Sniffed::Docx => Document::docx(bytes),
        Sniffed::Odt => Document::odt(bytes),
        Sniffed::Pdf => {
            unwritten(input, mode, p);
            return read_pdf(linter, input, bytes, p);
        }
        Sniffed::LegacyBinary => {
            p.errors.push(format!(
                "{name}: an old binary Word/WPS document (.doc/.wps) cannot be read: save it as .docx and check that, not checked"
            ));
            return;
        }
        Sniffed::OtherZip | Sniffed::Other => {
            p.errors.push(format!(
                "{name}: a ZIP package that is neither a Word (.docx) nor an OpenDocument (.odt) text, not checked"
            ));
            return;
        }
    };
    let doc = match doc {
        Ok(d) => d,
        Err(e) => {
            p.errors.push(format!("{name}: {e}, not checked"));
            return;
        }
    };
    p.findings = linter.check(&doc.text);
    match (sniffed, mode) {
        (Sniffed::Docx, Mode::Copy | Mode::InPlace) => write_docx(input, file, &doc, mode, p),
        _ => unwritten(input, mode, p),
    }
    p.places = p.findings.iter().map(|f| place(&doc, f.span.start)).collect();
    match loaded(&input.name, doc.text) {
        Ok(l) => p.loaded = Some(l),
        Err(e) => p.errors.push(e),
    }
}

/// A note that `--write` or `--diff` leaves this document as it is.
fn unwritten(input: &Input, mode: Mode, p: &mut Processed) {
    let name = &input.name;
    match mode {
        Mode::Report => {}
        Mode::Diff => p.notes.push(format!("{name}: no diff for a document; findings reported")),
        Mode::Copy | Mode::InPlace => p.notes.push(format!(
            "{name}: corrections are written only into Word documents; findings reported"
        )),
    }
}

/// Writes the findings into a Word document as tracked changes and comments.
fn write_docx(input: &Input, file: &File<'_>, doc: &Document, mode: Mode, p: &mut Processed) {
    let bytes = file.bytes;
    let Some(path) = &input.path else { return };
    let date = format!("{}T00:00:00Z", sanshen::Date::today());
    let who = office::Reviewer { author: "sanshen", date: &date };
    let revised = match office::revise(bytes, doc, &p.findings, &who) {
        Ok(r) => r,
        Err(e) => {
            p.errors.push(format!("{}: {e}", input.name));
            return;
        }
    };
    let target = match mode {
        Mode::InPlace => path.clone(),
        _ => copy_name(path),
    };
    let written = match mode {
        Mode::InPlace => write::replace(&target, &file.snapshot, &revised.bytes, file.allow)
            .map_err(|e| e.to_string()),
        _ => std::fs::write(&target, &revised.bytes).map_err(|e| e.to_string()),
    };
    match written {
        Ok(()) => p.notes.push(format!(
            "{}: wrote {} tracked change(s) and {} comment(s) into {}{}",
            input.name,
            revised.changes.len(),
            revised.comments.len(),
            target.display(),
            unwritten_note(&revised.unwritten)
        )),
        Err(e) => p.errors.push(format!("{}: cannot write: {e}", target.display())),
    }
}

/// `; 3 finding(s) reported only: 2 in a field's result, 1 in a comment`, or nothing.
fn unwritten_note(unwritten: &[(usize, office::Unwritten)]) -> String {
    if unwritten.is_empty() {
        return String::new();
    }
    let mut why: std::collections::BTreeMap<office::Unwritten, usize> = Default::default();
    for (_, w) in unwritten {
        *why.entry(*w).or_default() += 1;
    }
    let reasons: Vec<String> = why.iter().map(|(w, n)| format!("{n} {w}")).collect();
    format!("; {} finding(s) reported only: {}", unwritten.len(), reasons.join(", "))
}

/// NAME.sanshen.docx beside NAME.docx (the extension kept: .docm stays .docm).
fn copy_name(path: &std::path::Path) -> std::path::PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
    let ext = ext.filter(|e| !e.eq_ignore_ascii_case("doc")).unwrap_or_else(|| "docx".to_owned());
    path.with_file_name(format!("{stem}.sanshen.{ext}"))
}

fn read_pdf(linter: &Linter, input: &Input, bytes: &[u8], p: &mut Processed) {
    let pdf = match sanshen::pdf::Pdf::read(bytes) {
        Ok(pdf) => pdf,
        Err(e) => {
            p.errors.push(format!("{}: {e}, not checked", input.name));
            return;
        }
    };
    p.findings = linter.check(&pdf.text);
    p.places = p
        .findings
        .iter()
        .map(|f| match pdf.locate(f.span.start) {
            Some(l) => Place {
                page: Some(l.page),
                page_line: Some(l.line),
                offset: Some(l.offset),
                ..Place::default()
            },
            None => Place::default(),
        })
        .collect();
    match loaded(&input.name, pdf.text) {
        Ok(l) => p.loaded = Some(l),
        Err(e) => p.errors.push(e),
    }
}

/// What the file's extension says it is, for office documents.
fn by_name(input: &Input) -> Option<Sniffed> {
    let ext = input.path.as_ref()?.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "docx" | "docm" | "dotx" | "dotm" => Some(Sniffed::Docx),
        "odt" | "ott" => Some(Sniffed::Odt),
        _ => None,
    }
}

fn place(doc: &Document, at: usize) -> Place {
    match doc.locate(at) {
        Some(l) => Place {
            part: Some(l.part.to_owned()),
            region: l.region.map(str::to_owned),
            paragraph: Some(l.paragraph),
            cell: l.cell,
            offset: Some(l.offset),
            ..Place::default()
        },
        None => Place::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_named_beside_the_original() {
        let name = |p: &str| copy_name(std::path::Path::new(p)).display().to_string();
        assert_eq!(name("a/通知.docx"), "a/通知.sanshen.docx");
        assert_eq!(name("b.docm"), "b.sanshen.docm");
        assert_eq!(name("renamed.doc"), "renamed.sanshen.docx");
    }

    #[test]
    fn a_file_opened_to_look_at_its_first_bytes_reads_whole_from_its_start() {
        let dir = std::env::temp_dir().join(format!("sanshen-opened-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let long = "请认真布署防汛工作。\n".repeat(3000);
        for text in ["", "布署", &long[..31 * 900], &long] {
            let path = dir.join("post.txt");
            std::fs::write(&path, text).unwrap();
            let mut opened = Opened::open(&path).unwrap();
            let whole = text.len() <= crate::stream::WHOLE_READ;
            assert_eq!(opened.head.len(), if whole { text.len() } else { 8 });
            assert_eq!(opened.meta.len(), text.len() as u64);
            let mut back = opened.head.to_vec();
            opened.rest.read_to_end(&mut back).unwrap();
            assert_eq!(back, text.as_bytes());
        }
        assert!(Opened::open(&dir.join("none.txt")).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
