//! One pass over a part's XML that collects paragraphs, whatever the format: a vocabulary
//! says which elements are paragraphs, tables, rows, cells, text and breaks.

use super::{Cell, Document, Error, Piece};
use quick_xml::events::{BytesStart, Event};

/// The element names (local names, without prefix) of a format.
pub(super) struct Vocabulary {
    /// Paragraph elements (`w:p`; `text:p`, `text:h`).
    pub(super) paragraph: &'static [&'static [u8]],
    /// The elements whose text is the document's (`w:t`), or empty when every text inside a
    /// paragraph is (OpenDocument).
    pub(super) text: &'static [&'static [u8]],
    pub(super) table: &'static [u8],
    pub(super) row: &'static [u8],
    pub(super) cell: &'static [u8],
    /// Elements whose content is never the document's text (`mc:Fallback`, a second copy of a
    /// text box; `text:tracked-changes`, deleted text): local names, or qualified names where
    /// a local name alone would be ambiguous (`dc:date` but not `text:date`).
    pub(super) skip: &'static [&'static [u8]],
    /// Elements that stand for a tab.
    pub(super) tab: &'static [&'static [u8]],
    /// Elements that stand for a line break inside a paragraph.
    pub(super) line_break: &'static [&'static [u8]],
    /// The element that stands for `c` spaces (`text:s`), if any.
    pub(super) spaces: Option<&'static [u8]>,
    /// Elements holding a text of their own inside a part (an OpenDocument's headers and
    /// footers), whose paragraphs are counted apart.
    pub(super) regions: &'static [&'static [u8]],
    /// The element that names the regions inside it, and its naming attribute
    /// (`style:master-page`, `style:name`).
    pub(super) region_owner: Option<(&'static [u8], &'static [u8])>,
}

/// A paragraph being read.
pub(super) struct Open {
    pub(super) index: usize,
    pub(super) cell: Option<Cell>,
    pub(super) region: Option<String>,
    pub(super) text: String,
    /// Pieces with offsets relative to the paragraph's start.
    pub(super) pieces: Vec<Piece>,
}

struct Table {
    number: usize,
    row: usize,
    column: usize,
}

/// The state of one pass over a part: the paragraphs and tables open, the regions, and how
/// deep the pass is inside text elements and skipped elements.
struct Walk<'a> {
    doc: &'a mut Document,
    part: usize,
    v: &'a Vocabulary,
    open: Vec<Open>,
    tables: Vec<Table>,
    regions: Regions,
    paragraphs: usize,
    table_count: usize,
    in_text: usize,
    skip: usize,
}

/// Reads the part `name`, adding its paragraphs to `doc` (as its next part).
pub(super) fn walk(doc: &mut Document, name: &str, xml: &str, v: &Vocabulary) -> Result<(), Error> {
    let part = doc.parts.len();
    doc.parts.push(name.to_owned());
    let mut w = Walk {
        doc,
        part,
        v,
        open: Vec::new(),
        tables: Vec::new(),
        regions: Regions::default(),
        paragraphs: 0,
        table_count: 0,
        in_text: 0,
        skip: 0,
    };
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| Error::Xml {
            part: name.to_owned(),
            position: reader.error_position(),
            message: e.to_string(),
        })?;
        let xml = before..reader.buffer_position() as usize;
        match event {
            Event::Start(e) => w.start(&e),
            Event::End(e) => w.end(e.local_name().as_ref()),
            Event::Empty(e) if w.skip == 0 => w.empty(&e),
            Event::Text(t) if w.taking() => {
                let s = t.xml10_content().map_err(|e| xml_error(name, before, e))?;
                let plain = s.len() == xml.len();
                w.text(&s, xml, plain);
            }
            Event::CData(t) if w.taking() => {
                let s = t.decode().map_err(|e| xml_error(name, before, e))?;
                w.text(&s, xml, false);
            }
            Event::GeneralRef(r) if w.taking() => {
                if let Some(c) = reference(&r) {
                    w.text(c.encode_utf8(&mut [0; 4]), xml, false);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    w.finish();
    Ok(())
}

impl Walk<'_> {
    /// Whether text met now is the document's, inside a paragraph.
    fn taking(&self) -> bool {
        let in_text = self.v.text.is_empty() || self.in_text > 0;
        self.skip == 0 && in_text && !self.open.is_empty()
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        let local = e.local_name();
        let local = local.as_ref();
        if self.skip > 0 || named(self.v.skip, e) {
            self.skip += 1;
        } else if self.v.paragraph.contains(&local) {
            let index = self.regions.next(&mut self.paragraphs);
            self.open.push(new_paragraph(index, &self.tables, self.regions.current()));
        } else if self.v.text.contains(&local) {
            self.in_text += 1;
        } else if !self.regions.start(e, self.v) {
            structure(local, self.v, &mut self.tables, &mut self.table_count);
        }
    }

    fn end(&mut self, local: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
        } else if self.v.paragraph.contains(&local) {
            if let Some(p) = self.open.pop() {
                self.doc.push_paragraph(self.part, p);
            }
        } else if self.v.text.contains(&local) {
            self.in_text = self.in_text.saturating_sub(1);
        } else if self.v.regions.contains(&local) {
            self.regions.end();
        } else if local == self.v.table {
            self.tables.pop();
        }
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        if self.v.paragraph.contains(&e.local_name().as_ref()) {
            let index = self.regions.next(&mut self.paragraphs);
            let p = new_paragraph(index, &self.tables, self.regions.current());
            self.doc.push_paragraph(self.part, p);
        } else {
            if let Some(p) = self.open.last_mut() {
                empty_element(p, e, self.v);
            }
            structure(e.local_name().as_ref(), self.v, &mut self.tables, &mut self.table_count);
        }
    }

    fn text(&mut self, s: &str, xml: std::ops::Range<usize>, plain: bool) {
        if let Some(p) = self.open.last_mut() {
            push_text(p, self.part, s, xml, plain);
        }
    }

    /// Paragraphs left open by a truncated part still count.
    fn finish(&mut self) {
        while let Some(p) = self.open.pop() {
            self.doc.push_paragraph(self.part, p);
        }
    }
}

/// Whether `e` is one of `names` (local or qualified names).
fn named(names: &[&[u8]], e: &BytesStart<'_>) -> bool {
    names.contains(&e.local_name().as_ref()) || names.contains(&e.name().as_ref())
}

fn new_paragraph(index: usize, tables: &[Table], region: Option<String>) -> Open {
    let cell = tables.last().map(|t| Cell { table: t.number, row: t.row, column: t.column });
    Open { index, cell, region, text: String::new(), pieces: Vec::new() }
}

/// The region being read (a header or footer of a page style) and its paragraph count.
#[derive(Default)]
struct Regions {
    /// The name of the innermost region owner (a page style).
    owner: String,
    /// `header:Standard` and the paragraphs counted in it so far.
    current: Option<(String, usize)>,
}

impl Regions {
    /// Notes a region or region owner starting; whether `e` was one.
    fn start(&mut self, e: &BytesStart<'_>, v: &Vocabulary) -> bool {
        let local = e.local_name();
        if let Some((owner, attr)) = v.region_owner.filter(|(o, _)| *o == local.as_ref()) {
            let name = e.try_get_attribute(attr).ok().flatten();
            let version = quick_xml::XmlVersion::default();
            let name = name.and_then(|a| a.normalized_value(version).ok().map(|v| v.into_owned()));
            self.owner = name.unwrap_or_else(|| String::from_utf8_lossy(owner).into_owned());
            return true;
        }
        if !v.regions.contains(&local.as_ref()) {
            return false;
        }
        let kind = String::from_utf8_lossy(local.as_ref());
        self.current = Some((format!("{kind}:{}", self.owner), 0));
        true
    }

    fn end(&mut self) {
        self.current = None;
    }

    /// The next paragraph's number: in the region, or in the part.
    fn next(&mut self, part: &mut usize) -> usize {
        match &mut self.current {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                *part += 1;
                *part
            }
        }
    }

    fn current(&self) -> Option<String> {
        self.current.as_ref().map(|(name, _)| name.clone())
    }
}

/// Tables, rows and cells, started (or empty: a cell with nothing in it still counts).
fn structure(local: &[u8], v: &Vocabulary, tables: &mut Vec<Table>, count: &mut usize) {
    if local == v.table {
        *count += 1;
        tables.push(Table { number: *count, row: 0, column: 0 });
    } else if let Some(t) = tables.last_mut() {
        if local == v.row {
            t.row += 1;
            t.column = 0;
        } else if local == v.cell {
            t.column += 1;
        }
    }
}

/// Tabs, line breaks and runs of spaces inside a paragraph.
fn empty_element(p: &mut Open, e: &BytesStart<'_>, v: &Vocabulary) {
    let local = e.local_name();
    let local = local.as_ref();
    if v.tab.contains(&local) {
        p.text.push('\t');
    } else if v.line_break.contains(&local) {
        p.text.push('\n');
    } else if v.spaces == Some(local) {
        let count = e
            .try_get_attribute("text:c")
            .ok()
            .flatten()
            .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse::<usize>().ok())
            .unwrap_or(1);
        // A document cannot hold more spaces than its bytes; a huge count is damage.
        p.text.extend(std::iter::repeat_n(' ', count.min(1024)));
    }
}

fn push_text(p: &mut Open, part: usize, s: &str, xml: std::ops::Range<usize>, plain: bool) {
    if s.is_empty() {
        return;
    }
    p.pieces.push(Piece { part, text: p.text.len(), len: s.len(), xml, plain });
    p.text.push_str(s);
}

/// A character or predefined entity reference (`&#x5E03;`, `&amp;`).
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten().filter(|c| *c != '\0');
    }
    let name = r.decode().ok()?;
    quick_xml::escape::resolve_predefined_entity(&name)?.chars().next()
}

fn xml_error(part: &str, at: usize, e: impl std::fmt::Display) -> Error {
    Error::Xml { part: part.to_owned(), position: at as u64, message: e.to_string() }
}
