//! OpenDocument text (`.odt`): the body in `content.xml`, headers and footers in `styles.xml`.

use super::package;
use super::walker::{walk, Vocabulary};
use super::{Document, Error};

const ODF: Vocabulary = Vocabulary {
    paragraph: &[b"p", b"h"],
    // Every text inside a paragraph is the document's.
    text: &[],
    table: b"table",
    row: b"table-row",
    cell: b"table-cell",
    // A note's number; deleted text kept for tracked changes; a comment's author and date.
    skip: &[b"text:note-citation", b"text:tracked-changes", b"dc:creator", b"dc:date"],
    tab: &[b"tab"],
    line_break: &[b"line-break"],
    spaces: Some(b"s"),
    // The headers and footers of each page style, in styles.xml.
    regions: &[
        b"header",
        b"header-left",
        b"header-first",
        b"footer",
        b"footer-left",
        b"footer-first",
    ],
    region_owner: Some((b"master-page", b"style:name")),
};

pub(super) fn read(bytes: &[u8]) -> Result<Document, Error> {
    let mut archive = package::open(bytes)?;
    let content = package::part(&mut archive, "content.xml")?
        .ok_or_else(|| Error::MissingPart("content.xml".to_owned()))?;
    let mut doc = Document::default();
    walk(&mut doc, "content.xml", &content, &ODF)?;
    if let Some(styles) = package::part(&mut archive, "styles.xml")? {
        walk(&mut doc, "styles.xml", &styles, &ODF)?;
    }
    Ok(doc)
}
