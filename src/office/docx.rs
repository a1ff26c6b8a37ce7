//! Word packages (`.docx`, `.docm`, `.dotx`): the main document and the parts it refers to.

use super::package::{self, Archive};
use super::walker::{walk, Vocabulary};
use super::{Document, Error};

const WORD: Vocabulary = Vocabulary {
    paragraph: &[b"p"],
    text: &[b"t"],
    table: b"tbl",
    row: b"tr",
    cell: b"tc",
    // `mc:Fallback` repeats a text box for old readers; `w:pPr` holds tab stops, not tabs;
    // `w:del` and `w:moveFrom` hold text a tracked change removed.
    skip: &[b"Fallback", b"pPr", b"del", b"moveFrom"],
    tab: &[b"tab", b"ptab"],
    line_break: &[b"br", b"cr"],
    spaces: None,
    regions: &[],
    region_owner: None,
};

/// The main document part named by the package relationships.
pub(super) fn main_part(archive: &mut Archive<'_>) -> Option<String> {
    let rels = package::part(archive, "_rels/.rels").ok()??;
    package::relationships(&rels, "")
        .into_iter()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, target)| target)
}

/// What a part of a Word package holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Header,
    Body,
    Notes,
    Footer,
    Comments,
}

/// The parts to read, in reading order: headers, the body, footnotes, endnotes, footers,
/// comments.
pub(super) fn parts(archive: &mut Archive<'_>, main: &str) -> Result<Vec<(String, Kind)>, Error> {
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = match folder {
        "" => format!("_rels/{file}.rels"),
        f => format!("{f}/_rels/{file}.rels"),
    };
    let rels = package::part(archive, &rels_name)?.unwrap_or_default();
    let rels = package::relationships(&rels, folder);
    let of = |suffix: &str, kind: Kind| {
        let mut names: Vec<String> = rels
            .iter()
            .filter(|(k, _)| k.ends_with(suffix))
            .map(|(_, target)| target.clone())
            .collect();
        // header2.xml before header10.xml.
        names.sort_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
        names.dedup();
        names.into_iter().map(move |n| (n, kind))
    };
    let mut out: Vec<(String, Kind)> = of("/header", Kind::Header).collect();
    out.push((main.to_owned(), Kind::Body));
    out.extend(of("/footnotes", Kind::Notes));
    out.extend(of("/endnotes", Kind::Notes));
    out.extend(of("/footer", Kind::Footer));
    out.extend(of("/comments", Kind::Comments));
    Ok(out)
}

pub(super) fn read(bytes: &[u8]) -> Result<Document, Error> {
    let mut archive = package::open(bytes)?;
    let main = main_part(&mut archive).unwrap_or_else(|| "word/document.xml".to_owned());
    if archive.index_for_name(&main).is_none() {
        return Err(Error::MissingPart(main));
    }
    let mut doc = Document::default();
    for (name, _) in parts(&mut archive, &main)? {
        if let Some(xml) = package::part(&mut archive, &name)? {
            walk(&mut doc, &name, &xml, &WORD)?;
        }
    }
    Ok(doc)
}
