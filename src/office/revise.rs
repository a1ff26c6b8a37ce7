//! Writing findings back into a Word document as a reviewer would: each unambiguous
//! correction as a tracked change (`w:del` + `w:ins`), each other finding as a comment
//! (批注) anchored on its text. Every other byte of every part is kept.
//!
//! The body, headers, footers, footnotes and endnotes are written; a run whose text is cut is
//! split into runs of the same formatting, so text that shares its run with a tab, a break or
//! a field mark is written too. What cannot be written safely is left alone and said why
//! ([`Unwritten`]): text in a field's result, in a comment, in a text box or in another
//! reviewer's insertion; a finding across a paragraph end, a tab, a footnote mark or a field;
//! a comment outside the body (Word anchors none in headers and footers, and LibreOffice
//! cannot open a document with one in a note).

use super::docx::{self, Kind};
use super::package;
use super::rewrite::{rewrite, Cover};
use super::runs::{runs, Blocked, Run};
use super::{comments, Document, Error, Piece};
use crate::finding::Finding;
use std::collections::HashMap;

pub(super) const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Who and when: the author of the revisions and comments, and their date (ISO 8601).
#[derive(Clone, Debug)]
pub struct Reviewer<'a> {
    /// The author shown in Word (`sanshen`).
    pub author: &'a str,
    /// The date shown, e.g. `2026-12-06T00:00:00Z`.
    pub date: &'a str,
}

/// What [`revise`] wrote.
#[derive(Clone, Debug, Default)]
pub struct Revised {
    /// The new package.
    pub bytes: Vec<u8>,
    /// Indexes (into the findings given) written as tracked changes.
    pub changes: Vec<usize>,
    /// Indexes written as comments.
    pub comments: Vec<usize>,
    /// Indexes left unwritten, and why.
    pub unwritten: Vec<(usize, Unwritten)>,
}

/// Why a finding was not written into the document (it is still reported).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Unwritten {
    /// In a field's result (page number, table of contents, cross-reference), which Word
    /// computes again.
    FieldResult,
    /// In another reviewer's tracked insertion.
    TrackedChange,
    /// In a text box or drawing.
    TextBox,
    /// In a comment of the document.
    InComment,
    /// Not a correction, outside the body: Word anchors no comment in a header or footer, and
    /// LibreOffice cannot open a document with a comment in a footnote or endnote.
    CommentOutsideBody,
    /// Across a paragraph end, a tab or a line break.
    AcrossBreak,
    /// Across a footnote mark, a field, a drawing or other content between its characters.
    AcrossMark,
    /// In a text element written in a way that is not rewritten (an unknown entity).
    Markup,
    /// Overlaps a finding written before it.
    Overlap,
    /// In a part that does not use the `w:` prefix for WordprocessingML.
    Prefix,
}

impl std::fmt::Display for Unwritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Unwritten::FieldResult => "in a field's result, which Word computes again",
            Unwritten::TrackedChange => "in another reviewer's tracked change",
            Unwritten::TextBox => "in a text box",
            Unwritten::InComment => "in a comment",
            Unwritten::CommentOutsideBody => {
                "not a correction, outside the body (comments are anchored only there)"
            }
            Unwritten::AcrossBreak => "across a paragraph end, tab or line break",
            Unwritten::AcrossMark => "across a footnote mark, field or drawing",
            Unwritten::Markup => "in text written with an unknown entity",
            Unwritten::Overlap => "overlapping another finding",
            Unwritten::Prefix => "in a part without the usual w: prefix",
        })
    }
}

impl From<Blocked> for Unwritten {
    fn from(b: Blocked) -> Unwritten {
        match b {
            Blocked::FieldResult => Unwritten::FieldResult,
            Blocked::TrackedChange => Unwritten::TrackedChange,
            Blocked::TextBox => Unwritten::TextBox,
        }
    }
}

/// One finding to write: the text elements it covers and its revision or comment id.
pub(super) struct Edit<'f> {
    pub(super) finding: &'f Finding,
    pub(super) index: usize,
    /// Index into [`Document::parts`].
    pub(super) part: usize,
    pub(super) covers: Vec<Cover>,
    pub(super) id: usize,
}

/// A part as read for writing: its XML and runs, where each piece of text stands in them.
struct Part {
    kind: Kind,
    xml: String,
    runs: Vec<Run>,
    /// Piece index → (run, child).
    at: HashMap<usize, (usize, usize)>,
    prefixed: bool,
}

/// Writes `findings` (of `doc.text`, as read from `bytes`) into the document.
///
/// # Errors
///
/// When the package cannot be read again, or a part changed since `doc` was read from it.
pub fn revise(
    bytes: &[u8],
    doc: &Document,
    findings: &[Finding],
    who: &Reviewer<'_>,
) -> Result<Revised, Error> {
    let mut archive = package::open(bytes)?;
    let main = docx::main_part(&mut archive).unwrap_or_else(|| "word/document.xml".into());
    let parts = read_parts(&mut archive, &main, doc)?;
    let comments_name = comments::comments_name(&main);
    let existing = package::part(&mut archive, &comments_name)?;
    let mut next_comment = existing.as_deref().map_or(0, max_id) + 1;
    let all_xml = parts.iter().flatten().map(|p| p.xml.as_str());
    let mut next_revision = all_xml.map(max_id).max().unwrap_or(0) + 1;
    let mut out = Revised::default();
    let mut edits = Vec::new();
    let mut taken = 0;
    for (index, f) in findings.iter().enumerate() {
        let planned = match f.span.start < taken {
            true => Err(Unwritten::Overlap),
            false => plan(doc, &parts, f),
        };
        match planned {
            Ok((part, covers)) => {
                let id = if f.is_fixable() { &mut next_revision } else { &mut next_comment };
                edits.push(Edit { finding: f, index, part, covers, id: *id });
                *id += if f.is_fixable() { 2 } else { 1 };
                taken = f.span.end;
            }
            Err(why) => out.unwritten.push((index, why)),
        }
    }
    let mut changed: Vec<(String, String)> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let mine: Vec<&Edit<'_>> = edits.iter().filter(|e| e.part == i).collect();
        if let (Some(p), false) = (part, mine.is_empty()) {
            changed.push((doc.parts[i].clone(), rewrite(&p.xml, &p.runs, doc, &mine, who)));
        }
    }
    let notes: Vec<&Edit<'_>> = edits.iter().filter(|e| !e.finding.is_fixable()).collect();
    if !notes.is_empty() {
        changed.extend(comments::comment_parts(&mut archive, &main, existing, &notes, who)?);
    }
    out.bytes = comments::repack(&mut archive, &changed)?;
    for e in &edits {
        match e.finding.is_fixable() {
            true => out.changes.push(e.index),
            false => out.comments.push(e.index),
        }
    }
    Ok(out)
}

/// Every part the document's text came from, with its kind, runs and where each piece sits; a
/// part that is gone or whose runs no longer parse means the package changed since it was read.
fn read_parts(
    archive: &mut package::Archive<'_>,
    main: &str,
    doc: &Document,
) -> Result<Vec<Option<Part>>, Error> {
    let kinds: HashMap<String, Kind> = docx::parts(archive, main)?.into_iter().collect();
    let mut parts = Vec::with_capacity(doc.parts.len());
    for (i, name) in doc.parts.iter().enumerate() {
        let Some(xml) = package::part(archive, name)? else {
            return Err(Error::MissingPart(name.clone()));
        };
        let runs = runs(&xml).ok_or_else(|| Error::Package(format!("{name}: changed")))?;
        let kind = kinds.get(name).copied().unwrap_or(Kind::Comments);
        let at = place_pieces(&doc.pieces, i, &runs);
        let prefixed = xml.contains(&format!("xmlns:w=\"{MAIN_NS}\""));
        parts.push(Some(Part { kind, xml, runs, at, prefixed }));
    }
    Ok(parts)
}

/// For each piece of part `part`, the run and child (a `w:t`) holding it.
fn place_pieces(pieces: &[Piece], part: usize, runs: &[Run]) -> HashMap<usize, (usize, usize)> {
    let mut texts: Vec<(std::ops::Range<usize>, usize, usize)> = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        for (c, child) in run.children.iter().enumerate() {
            if let Some(t) = &child.text {
                texts.push((t.clone(), r, c));
            }
        }
    }
    texts.sort_by_key(|(t, _, _)| t.start);
    let mut at = HashMap::new();
    for (i, p) in pieces.iter().enumerate().filter(|(_, p)| p.part == part) {
        let k = texts.partition_point(|(t, _, _)| t.start <= p.xml.start);
        if let Some((t, r, c)) = k.checked_sub(1).map(|k| &texts[k]) {
            if t.start <= p.xml.start && p.xml.end <= t.end {
                at.insert(i, (*r, *c));
            }
        }
    }
    at
}

/// Where a finding is written (the part, the text elements it covers), or why it is not.
fn plan(
    doc: &Document,
    parts: &[Option<Part>],
    f: &Finding,
) -> Result<(usize, Vec<Cover>), Unwritten> {
    let (start, end) = (f.span.start, f.span.end);
    let first = doc.pieces.partition_point(|p| p.text + p.len <= start);
    let piece = doc.pieces.get(first).ok_or(Unwritten::AcrossBreak)?;
    let part_index = piece.part;
    let part = parts.get(part_index).and_then(Option::as_ref).ok_or(Unwritten::Markup)?;
    match part.kind {
        Kind::Comments => return Err(Unwritten::InComment),
        Kind::Header | Kind::Footer | Kind::Notes if !f.is_fixable() => {
            return Err(Unwritten::CommentOutsideBody);
        }
        _ if !part.prefixed => return Err(Unwritten::Prefix),
        _ => {}
    }
    let mut covers: Vec<Cover> = Vec::new();
    let mut at = start;
    for (i, p) in doc.pieces.iter().enumerate().skip(first) {
        if at >= end {
            break;
        }
        let starts_here = if covers.is_empty() { p.text <= at } else { p.text == at };
        if !starts_here || p.part != part_index {
            return Err(Unwritten::AcrossBreak);
        }
        let &(run, child) = part.at.get(&i).ok_or(Unwritten::Markup)?;
        if let Some(b) = part.runs[run].children[child].blocked {
            return Err(b.into());
        }
        let to = end.min(p.text + p.len);
        match covers.last_mut() {
            Some(c) if (c.run, c.child) == (run, child) => c.text.end = to,
            _ => {
                if let Some(last) = covers.last() {
                    between(&part.xml, &part.runs, (last.run, last.child), (run, child))?;
                }
                let whole = whole_text(doc, &part.at, &part.runs, run, child, i)?;
                covers.push(Cover { run, child, whole, text: at..to });
            }
        }
        at = to;
    }
    if at < end || covers.is_empty() {
        return Err(Unwritten::AcrossBreak);
    }
    Ok((part_index, covers))
}

/// The text of a `w:t` (a range of [`Document::text`]) when its pieces are the whole of its
/// content, one after another; `piece` is one of them.
fn whole_text(
    doc: &Document,
    at: &HashMap<usize, (usize, usize)>,
    runs: &[Run],
    run: usize,
    child: usize,
    piece: usize,
) -> Result<std::ops::Range<usize>, Unwritten> {
    let content = runs[run].children[child].text.clone().ok_or(Unwritten::Markup)?;
    let mine = |i: &usize| at.get(i) == Some(&(run, child));
    let mut first = piece;
    while first > 0 && mine(&(first - 1)) {
        first -= 1;
    }
    let mut last = piece;
    while mine(&(last + 1)) {
        last += 1;
    }
    let pieces = &doc.pieces[first..=last];
    let tiled = pieces.first().is_some_and(|p| p.xml.start == content.start)
        && pieces.last().is_some_and(|p| p.xml.end == content.end)
        && pieces
            .windows(2)
            .all(|w| w[0].xml.end == w[1].xml.start && w[0].text + w[0].len == w[1].text);
    match tiled {
        true => Ok(pieces[0].text..pieces[pieces.len() - 1].text + pieces[pieces.len() - 1].len),
        false => Err(Unwritten::Markup),
    }
}

/// Whether a finding may run on from one text element to the next: only the end of one run
/// and the start of the next (its formatting), and empty marks that hold no content
/// (proofing marks, bookmarks, a rendered page break) may stand between them.
fn between(
    xml: &str,
    runs: &[Run],
    (ra, ca): (usize, usize),
    (rb, cb): (usize, usize),
) -> Result<(), Unwritten> {
    const EMPTY: &[&[u8]] = &[
        b"proofErr",
        b"bookmarkStart",
        b"bookmarkEnd",
        b"lastRenderedPageBreak",
        b"permStart",
        b"permEnd",
        b"rPr",
    ];
    let from = runs[ra].children[ca].range.end;
    let to = runs[rb].children[cb].range.start;
    let mut reader = quick_xml::Reader::from_str(xml.get(from..to).ok_or(Unwritten::AcrossMark)?);
    // The piece starts inside one run and ends inside the next.
    reader.config_mut().allow_unmatched_ends = true;
    let (mut ended, mut started, mut depth) = (0, 0, 0usize);
    loop {
        match reader.read_event().map_err(|_| Unwritten::AcrossMark)? {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e)
                if depth > 0 || e.local_name().as_ref() == b"rPr" =>
            {
                depth += 1;
            }
            quick_xml::events::Event::End(_) if depth > 0 => depth -= 1,
            quick_xml::events::Event::End(e) if e.local_name().as_ref() == b"r" && started == 0 => {
                ended += 1;
            }
            quick_xml::events::Event::Start(e) if e.local_name().as_ref() == b"r" && ended == 1 => {
                started += 1;
            }
            quick_xml::events::Event::Empty(e) if EMPTY.contains(&e.local_name().as_ref()) => {}
            quick_xml::events::Event::Empty(_) if depth > 0 => {}
            quick_xml::events::Event::Text(t)
                if depth > 0 || t.iter().all(u8::is_ascii_whitespace) => {}
            _ => return Err(Unwritten::AcrossMark),
        }
    }
    let same_run = ra == rb;
    match (same_run, ended, started) {
        (true, 0, 0) | (false, 1, 1) => Ok(()),
        _ => Err(Unwritten::AcrossMark),
    }
}

/// The largest `w:id="N"` in a part (0 when none).
fn max_id(xml: &str) -> usize {
    xml.match_indices("w:id=\"")
        .filter_map(|(at, m)| {
            let rest = &xml[at + m.len()..];
            rest[..rest.find('"')?].parse::<usize>().ok()
        })
        .max()
        .unwrap_or(0)
}

pub(super) fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
