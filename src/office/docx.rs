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
};

/// The main document part named by the package relationships.
pub(super) fn main_part(archive: &mut Archive<'_>) -> Option<String> {
    let rels = package::part(archive, "_rels/.rels").ok()??;
    package::relationships(&rels, "")
        .into_iter()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, target)| target)
}

/// The parts to read, in reading order: headers, the body, footnotes, endnotes, footers,
/// comments.
fn parts(archive: &mut Archive<'_>, main: &str) -> Result<Vec<String>, Error> {
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = match folder {
        "" => format!("_rels/{file}.rels"),
        f => format!("{f}/_rels/{file}.rels"),
    };
    let rels = package::part(archive, &rels_name)?.unwrap_or_default();
    let rels = package::relationships(&rels, folder);
    let of = |suffix: &str| {
        let mut names: Vec<String> = rels
            .iter()
            .filter(|(kind, _)| kind.ends_with(suffix))
            .map(|(_, target)| target.clone())
            .collect();
        // header2.xml before header10.xml.
        names.sort_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
        names.dedup();
        names
    };
    let mut out = of("/header");
    out.push(main.to_owned());
    for suffix in ["/footnotes", "/endnotes", "/footer", "/comments"] {
        out.extend(of(suffix));
    }
    Ok(out)
}

pub(super) fn read(bytes: &[u8]) -> Result<Document, Error> {
    let mut archive = package::open(bytes)?;
    let main = main_part(&mut archive).unwrap_or_else(|| "word/document.xml".to_owned());
    if archive.index_for_name(&main).is_none() {
        return Err(Error::MissingPart(main));
    }
    let mut doc = Document::default();
    for name in parts(&mut archive, &main)? {
        if let Some(xml) = package::part(&mut archive, &name)? {
            walk(&mut doc, &name, &xml, &WORD)?;
        }
    }
    Ok(doc)
}
