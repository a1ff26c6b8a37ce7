//! The runs of a WordprocessingML part, as [`revise`](mod@super::revise) needs them: where each
//! `w:r` starts and ends, its formatting, its children, and whether its text may be edited.

use quick_xml::events::{BytesStart, Event};
use std::ops::Range;

/// Why the text of a run is not edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// In the result of a field (page number, table of contents, cross-reference), which
    /// Word computes again.
    FieldResult,
    /// In another reviewer's tracked insertion or move.
    TrackedChange,
    /// In a text box or drawing, which the file holds twice (for old readers).
    TextBox,
}

/// A direct child of a run (after its `w:rPr`).
#[derive(Clone, Debug)]
pub(super) struct Child {
    /// From its `<` to the end of its closing tag.
    pub(super) range: Range<usize>,
    /// The content of a `w:t` (between its tags); `None` for any other child.
    pub(super) text: Option<Range<usize>>,
    /// Why its text may not be edited (fields are opened and closed between runs).
    pub(super) blocked: Option<Blocked>,
}

/// A `w:r` element.
#[derive(Clone, Debug)]
pub(super) struct Run {
    /// From `<w:r` to the end of `</w:r>`.
    pub(super) range: Range<usize>,
    /// Its `w:rPr` element (empty when it has none).
    pub(super) rpr: Range<usize>,
    pub(super) children: Vec<Child>,
}

/// An element open while the part is scanned.
struct Open {
    local: Vec<u8>,
    start: usize,
    /// Where its content starts (after the opening tag).
    content: usize,
    /// Index into the runs when this is a run.
    run: Option<usize>,
}

/// Field nesting: each open field, and whether its result has started.
#[derive(Default)]
struct Fields {
    open: Vec<bool>,
    simple: usize,
}

impl Fields {
    fn in_result(&self) -> bool {
        self.simple > 0 || self.open.iter().any(|&r| r)
    }

    fn char(&mut self, e: &BytesStart<'_>) {
        let kind = e.attributes().flatten().find(|a| a.key.local_name().as_ref() == b"fldCharType");
        match kind.as_ref().map(|a| a.value.as_ref()) {
            Some(b"begin") => self.open.push(false),
            Some(b"separate") => {
                if let Some(top) = self.open.last_mut() {
                    *top = true;
                }
            }
            Some(b"end") => {
                self.open.pop();
            }
            _ => {}
        }
    }
}

/// Every run of a part, in document order. `None` when the XML cannot be read (the part was
/// read before, so only a damaged part gives it).
pub(super) fn runs(xml: &str) -> Option<Vec<Run>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<Open> = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut fields = Fields::default();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        let after = reader.buffer_position() as usize;
        match event {
            Event::Start(e) => {
                let local = e.local_name().as_ref().to_vec();
                match local.as_slice() {
                    b"fldSimple" => fields.simple += 1,
                    // LibreOffice writes `<w:fldChar …></w:fldChar>`.
                    b"fldChar" => fields.char(&e),
                    _ => {}
                }
                let run = (local == b"r").then(|| {
                    runs.push(Run { range: before..before, rpr: after..after, children: vec![] });
                    runs.len() - 1
                });
                stack.push(Open { local, start: before, content: after, run });
            }
            Event::End(_) => {
                let open = stack.pop()?;
                if open.local == b"fldSimple" {
                    fields.simple = fields.simple.saturating_sub(1);
                }
                if let Some(r) = open.run {
                    runs[r].range.end = after;
                }
                let content = open.content..before;
                child(&stack, &mut runs, &open.local, open.start..after, content, &fields);
            }
            Event::Empty(e) => {
                if e.local_name().as_ref() == b"fldChar" {
                    fields.char(&e);
                }
                let (local, range) = (e.local_name(), before..after);
                child(&stack, &mut runs, local.as_ref(), range, after..after, &fields);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Some(runs)
}

/// Records an element that has just ended as a child of the run it stands in, if it does;
/// `content` is what stands between its tags.
fn child(
    stack: &[Open],
    runs: &mut [Run],
    local: &[u8],
    range: Range<usize>,
    content: Range<usize>,
    fields: &Fields,
) {
    let Some(r) = stack.last().and_then(|o| o.run) else { return };
    let run = &mut runs[r];
    if local == b"rPr" && run.children.is_empty() {
        run.rpr = range;
        return;
    }
    let text = (local == b"t").then_some(content);
    let blocked = blocked(stack, fields);
    run.children.push(Child { range, text, blocked });
}

/// Why text in the innermost run of `stack` may not be edited.
fn blocked(stack: &[Open], fields: &Fields) -> Option<Blocked> {
    if fields.in_result() {
        return Some(Blocked::FieldResult);
    }
    let ancestors = &stack[..stack.len().saturating_sub(1)];
    let names = |n: &[&[u8]]| ancestors.iter().any(|o| n.contains(&o.local.as_slice()));
    if names(&[b"ins", b"moveTo"]) {
        Some(Blocked::TrackedChange)
    } else if names(&[b"r", b"AlternateContent", b"txbxContent", b"pict"]) {
        Some(Blocked::TextBox)
    } else {
        None
    }
}
