//! Writing findings back into a Word document as a reviewer would: each unambiguous
//! correction as a tracked change (`w:del` + `w:ins`), each other finding as a comment
//! (批注) anchored on its text. Every other byte of every part is kept.
//!
//! Only findings in the main document part whose text lies in simple runs (a run holding one
//! `w:t` and its formatting) are written; the others are left for the report.

use super::package::{self, Archive};
use super::{Document, Error, Piece};
use crate::finding::Finding;
use std::fmt::Write as _;
use std::io::{Cursor, Write};

const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";

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
}

/// One finding to write: its pieces of text and how much of each it covers.
struct Edit<'f> {
    finding: &'f Finding,
    index: usize,
    /// (piece index, byte range inside the piece's text).
    covers: Vec<(usize, std::ops::Range<usize>)>,
    id: usize,
}

/// Writes `findings` (of `doc.text`, as read from `bytes`) into the document.
///
/// # Errors
///
/// When the package cannot be read again or its main part does not use the usual `w:`
/// prefix for WordprocessingML.
pub fn revise(
    bytes: &[u8],
    doc: &Document,
    findings: &[Finding],
    who: &Reviewer<'_>,
) -> Result<Revised, Error> {
    let mut archive = package::open(bytes)?;
    let main = super::docx::main_part(&mut archive).unwrap_or_else(|| "word/document.xml".into());
    let xml =
        package::part(&mut archive, &main)?.ok_or_else(|| Error::MissingPart(main.clone()))?;
    if !xml.contains(&format!("xmlns:w=\"{MAIN_NS}\"")) {
        return Err(Error::Package(format!(
            "{main}: no w: prefix for WordprocessingML, not written"
        )));
    }
    let Some(part) = doc.parts.iter().position(|p| *p == main) else {
        return Ok(Revised { bytes: bytes.to_vec(), ..Revised::default() });
    };
    let existing = package::part(&mut archive, &comments_name(&main))?;
    let mut next_comment = existing.as_deref().map_or(0, max_id) + 1;
    let mut next_revision = max_id(&xml) + 1;
    let mut edits = Vec::new();
    let mut taken = 0;
    for (index, f) in findings.iter().enumerate() {
        if f.span.start < taken {
            continue;
        }
        if let Some(covers) = covering(doc, part, &xml, f.span.start, f.span.end) {
            let id = if f.is_fixable() { &mut next_revision } else { &mut next_comment };
            edits.push(Edit { finding: f, index, covers, id: *id });
            *id += if f.is_fixable() { 2 } else { 1 };
            taken = f.span.end;
        }
    }
    let new_xml = rewrite(&xml, &doc.pieces, &edits, who);
    let comment_edits: Vec<&Edit<'_>> = edits.iter().filter(|e| !e.finding.is_fixable()).collect();
    let mut changed: Vec<(String, String)> = vec![(main.clone(), new_xml)];
    if !comment_edits.is_empty() {
        changed.extend(comment_parts(&mut archive, &main, existing, &comment_edits, who)?);
    }
    let bytes = repack(&mut archive, &changed)?;
    let (fixes, notes): (Vec<&Edit<'_>>, Vec<&Edit<'_>>) =
        edits.iter().partition(|e| e.finding.is_fixable());
    Ok(Revised {
        bytes,
        changes: fixes.iter().map(|e| e.index).collect(),
        comments: notes.iter().map(|e| e.index).collect(),
    })
}

fn comments_name(main: &str) -> String {
    match main.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/comments.xml"),
        None => "comments.xml".to_owned(),
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

/// The pieces a finding covers, if it can be written: all in simple runs of the main part,
/// with nothing but empty elements between them.
fn covering(
    doc: &Document,
    part: usize,
    xml: &str,
    start: usize,
    end: usize,
) -> Option<Vec<(usize, std::ops::Range<usize>)>> {
    let first = doc.pieces.partition_point(|p| p.text + p.len <= start);
    let mut covers = Vec::new();
    let mut at = start;
    for (i, p) in doc.pieces.iter().enumerate().skip(first) {
        if at >= end {
            break;
        }
        // A gap (a tab, a line break, a paragraph end) inside the finding.
        if p.text != at && !covers.is_empty() || p.part != part || !p.plain || p.text > at {
            return None;
        }
        simple_run(xml, p)?;
        let to = end.min(p.text + p.len);
        covers.push((i, at - p.text..to - p.text));
        at = to;
    }
    if at < end || covers.is_empty() {
        return None;
    }
    for pair in covers.windows(2) {
        let (a, b) = (&doc.pieces[pair[0].0], &doc.pieces[pair[1].0]);
        let (_, a_end, _) = simple_run(xml, a)?;
        let (b_start, _, _) = simple_run(xml, b)?;
        if !only_empty_elements(xml.get(a_end..b_start)?) {
            return None;
        }
    }
    Some(covers)
}

/// The run around a piece when it is `<w:r …>[<w:rPr>…</w:rPr>]<w:t …>TEXT</w:t></w:r>`:
/// (start of the run, end of the run, its `w:rPr`).
fn simple_run<'x>(xml: &'x str, p: &Piece) -> Option<(usize, usize, &'x str)> {
    let before = xml.get(..p.xml.start)?;
    let t_open = before.rfind("<w:t")?;
    let t_tag = &before[t_open..];
    if !(t_tag == "<w:t>" || t_tag.starts_with("<w:t ")) || t_tag[1..].contains('<') {
        return None;
    }
    let run_open = before[..t_open]
        .rmatch_indices("<w:r")
        .map(|(i, _)| i)
        .find(|&i| matches!(before.as_bytes().get(i + 4), Some(b'>' | b' ')))?;
    let open_end = run_open + before[run_open..].find('>')? + 1;
    let rpr = before[open_end..t_open].trim();
    let rpr_ok = rpr.is_empty()
        || (rpr.starts_with("<w:rPr") && (rpr.ends_with("</w:rPr>") || rpr == "<w:rPr/>"));
    if !rpr_ok || rpr.matches("<w:rPr").count() > 1 {
        return None;
    }
    let after = xml.get(p.xml.end..)?;
    let tail = "</w:t></w:r>";
    after.starts_with(tail).then_some((run_open, p.xml.end + tail.len(), rpr))
}

/// Whether `s` holds only whitespace and empty elements (`<w:proofErr …/>`, bookmarks).
fn only_empty_elements(s: &str) -> bool {
    let mut rest = s.trim();
    while let Some(tag) = rest.strip_prefix('<') {
        let Some(close) = tag.find('>') else { return false };
        if tag.starts_with('/') || !tag[..close].ends_with('/') {
            return false;
        }
        rest = tag[close + 1..].trim_start();
    }
    rest.is_empty()
}

/// A finding's cut in a run: (edit, which of the edit's pieces, range in the piece).
type Cut = (usize, usize, std::ops::Range<usize>);

/// The main part with every edit's runs rewritten.
fn rewrite(xml: &str, pieces: &[Piece], edits: &[Edit<'_>], who: &Reviewer<'_>) -> String {
    // Each run touched, with the cuts of the findings in it, rewritten once.
    let mut runs: Vec<(usize, Vec<Cut>)> = Vec::new();
    for (e, edit) in edits.iter().enumerate() {
        for (k, (piece, range)) in edit.covers.iter().enumerate() {
            let entry = (e, k, range.clone());
            match runs.iter_mut().find(|(p, _)| p == piece) {
                Some((_, cuts)) => cuts.push(entry),
                None => runs.push((*piece, vec![entry])),
            }
        }
    }
    runs.sort_by_key(|(piece, _)| std::cmp::Reverse(pieces[*piece].xml.start));
    let mut out = xml.to_owned();
    for (piece, cuts) in runs {
        let p = &pieces[piece];
        let Some((start, end, rpr)) = simple_run(xml, p) else { continue };
        let text = &xml[p.xml.clone()];
        let new = run_pieces(text, rpr, &cuts, edits, who);
        out.replace_range(start..end, &new);
    }
    out
}

/// A run's text cut at the findings' edges, each part in its markup.
fn run_pieces(
    text: &str,
    rpr: &str,
    cuts: &[Cut],
    edits: &[Edit<'_>],
    who: &Reviewer<'_>,
) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (e, k, range) in cuts {
        let edit = &edits[*e];
        let fix = edit.finding.is_fixable();
        out += &plain_run(rpr, &text[at..range.start], "w:t");
        if *k == 0 {
            out += &opening(edit, who);
        }
        out += &plain_run(rpr, &text[range.clone()], if fix { "w:delText" } else { "w:t" });
        if *k + 1 == edit.covers.len() {
            out += &closing(edit, rpr, who);
        }
        at = range.end;
    }
    out + &plain_run(rpr, &text[at..], "w:t")
}

/// A run of text already escaped as XML.
fn plain_run(rpr: &str, escaped: &str, element: &str) -> String {
    if escaped.is_empty() {
        return String::new();
    }
    format!("<w:r>{rpr}<{element} xml:space=\"preserve\">{escaped}</{element}></w:r>")
}

fn opening(edit: &Edit<'_>, who: &Reviewer<'_>) -> String {
    let (author, date) = (escape(who.author), escape(who.date));
    if edit.finding.is_fixable() {
        format!("<w:del w:id=\"{}\" w:author=\"{author}\" w:date=\"{date}\">", edit.id)
    } else {
        format!("<w:commentRangeStart w:id=\"{}\"/>", edit.id)
    }
}

fn closing(edit: &Edit<'_>, rpr: &str, who: &Reviewer<'_>) -> String {
    let (author, date) = (escape(who.author), escape(who.date));
    if edit.finding.is_fixable() {
        let new = plain_run(rpr, &escape(&edit.finding.suggestions[0]), "w:t");
        let id = edit.id + 1;
        format!(
            "</w:del><w:ins w:id=\"{id}\" w:author=\"{author}\" w:date=\"{date}\">{new}</w:ins>"
        )
    } else {
        let id = edit.id;
        format!("<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>")
    }
}

/// The comments part (new or extended), and the relationship and content type of a new one.
fn comment_parts(
    archive: &mut Archive<'_>,
    main: &str,
    existing: Option<String>,
    edits: &[&Edit<'_>],
    who: &Reviewer<'_>,
) -> Result<Vec<(String, String)>, Error> {
    let mut comments = String::new();
    for e in edits {
        let mut say = e.finding.message.clone();
        if !e.finding.suggestions.is_empty() {
            let _ = write!(say, " 建议：{}", e.finding.suggestions.join(" / "));
        }
        let _ = write!(
            comments,
            "<w:comment w:id=\"{}\" w:author=\"{}\" w:date=\"{}\" w:initials=\"SS\"><w:p><w:r><w:t xml:space=\"preserve\">[{}] {}</w:t></w:r></w:p></w:comment>",
            e.id,
            escape(who.author),
            escape(who.date),
            escape(&e.finding.rule),
            escape(&say)
        );
    }
    let name = comments_name(main);
    if let Some(xml) = existing {
        let Some(at) = xml.rfind("</w:comments>") else {
            return Err(Error::Package(format!("{name}: no </w:comments>, not written")));
        };
        let mut xml = xml;
        xml.insert_str(at, &comments);
        return Ok(vec![(name, xml)]);
    }
    let part = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{MAIN_NS}\">{comments}</w:comments>"
    );
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = match folder {
        "" => format!("_rels/{file}.rels"),
        f => format!("{f}/_rels/{file}.rels"),
    };
    let rels = package::part(archive, &rels_name)?.unwrap_or_else(|| {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>".to_owned()
    });
    let rel = format!(
        "<Relationship Id=\"rIdSanshenComments\" Type=\"{COMMENTS_TYPE}\" Target=\"comments.xml\"/>"
    );
    let rels = insert_before(&rels, "</Relationships>", &rel, &rels_name)?;
    let types_name = "[Content_Types].xml";
    let types = package::part(archive, types_name)?
        .ok_or_else(|| Error::MissingPart(types_name.to_owned()))?;
    let over = format!("<Override PartName=\"/{name}\" ContentType=\"{COMMENTS_CONTENT}\"/>");
    let types = insert_before(&types, "</Types>", &over, types_name)?;
    Ok(vec![(name, part), (rels_name, rels), (types_name.to_owned(), types)])
}

fn insert_before(xml: &str, end: &str, what: &str, part: &str) -> Result<String, Error> {
    let at =
        xml.rfind(end).ok_or_else(|| Error::Package(format!("{part}: no {end}, not written")))?;
    Ok(format!("{}{what}{}", &xml[..at], &xml[at..]))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The package again: unchanged parts copied as they were (compressed bytes and all), changed
/// and new parts written.
fn repack(archive: &mut Archive<'_>, changed: &[(String, String)]) -> Result<Vec<u8>, Error> {
    let zip_err = |e: zip::result::ZipError| Error::Package(e.to_string());
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut written = Vec::new();
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(zip_err)?;
        let name = file.name().to_owned();
        match changed.iter().find(|(n, _)| *n == name) {
            Some((_, content)) => {
                drop(file);
                writer.start_file(name.as_str(), options).map_err(zip_err)?;
                writer.write_all(content.as_bytes()).map_err(|e| Error::Package(e.to_string()))?;
                written.push(name);
            }
            None => writer.raw_copy_file(file).map_err(zip_err)?,
        }
    }
    for (name, content) in changed.iter().filter(|(n, _)| !written.contains(n)) {
        writer.start_file(name.as_str(), options).map_err(zip_err)?;
        writer.write_all(content.as_bytes()).map_err(|e| Error::Package(e.to_string()))?;
    }
    Ok(writer.finish().map_err(zip_err)?.into_inner())
}
