//! A part's XML with findings written into its runs: each run a finding touches is written
//! again as runs of the same formatting, its text cut at the findings' edges, the deleted
//! text in `w:del`, the correction in `w:ins`, a comment's range around its text. Its other
//! children (tabs, breaks, field marks) keep their order, in runs of their own.

use super::revise::{escape, Edit, Reviewer};
use super::runs::Run;
use super::Document;
use std::collections::BTreeMap;
use std::ops::Range;

/// The part of one `w:t` a finding covers.
#[derive(Clone, Debug)]
pub(super) struct Cover {
    pub(super) run: usize,
    /// The `w:t` among the run's children.
    pub(super) child: usize,
    /// The whole text of the `w:t`, as a range of [`Document::text`].
    pub(super) whole: Range<usize>,
    /// What the finding covers of it, as a range of [`Document::text`].
    pub(super) text: Range<usize>,
}

/// One cover of one edit, in the run it cuts.
struct Cut<'c> {
    cover: &'c Cover,
    edit: usize,
    /// Which of the edit's covers.
    k: usize,
}

/// The part with every edit written.
pub(super) fn rewrite(
    xml: &str,
    runs: &[Run],
    doc: &Document,
    edits: &[&Edit<'_>],
    who: &Reviewer<'_>,
) -> String {
    let mut by_run: BTreeMap<usize, Vec<Cut<'_>>> = BTreeMap::new();
    for (e, edit) in edits.iter().enumerate() {
        for (k, cover) in edit.covers.iter().enumerate() {
            by_run.entry(cover.run).or_default().push(Cut { cover, edit: e, k });
        }
    }
    let mut out = String::with_capacity(xml.len() + 512 * edits.len());
    let mut at = 0;
    for (r, mut cuts) in by_run {
        let run = &runs[r];
        cuts.sort_by_key(|c| (c.cover.child, c.cover.text.start));
        out += &xml[at..run.range.start];
        out += &run_xml(xml, run, &cuts, doc, edits, who);
        at = run.range.end;
    }
    out + &xml[at..]
}

/// A run written again as runs of its formatting, cut where the findings are.
fn run_xml(
    xml: &str,
    run: &Run,
    cuts: &[Cut<'_>],
    doc: &Document,
    edits: &[&Edit<'_>],
    who: &Reviewer<'_>,
) -> String {
    let rpr = &xml[run.rpr.clone()];
    let (mut out, mut raw) = (String::new(), String::new());
    for (c, child) in run.children.iter().enumerate() {
        let mine: Vec<&Cut<'_>> = cuts.iter().filter(|x| x.cover.child == c).collect();
        let Some(first) = mine.first() else {
            raw += &xml[child.range.clone()];
            continue;
        };
        out += &raw_run(rpr, &std::mem::take(&mut raw));
        let whole = first.cover.whole.clone();
        let mut at = whole.start;
        for cut in mine {
            let edit = edits[cut.edit];
            let element = if edit.finding.is_fixable() { "w:delText" } else { "w:t" };
            out += &text_run(rpr, &doc.text[at..cut.cover.text.start], "w:t");
            if cut.k == 0 {
                out += &opening(edit, who);
            }
            out += &text_run(rpr, &doc.text[cut.cover.text.clone()], element);
            if cut.k + 1 == edit.covers.len() {
                out += &closing(edit, rpr, who);
            }
            at = cut.cover.text.end;
        }
        out += &text_run(rpr, &doc.text[at..whole.end], "w:t");
    }
    out + &raw_run(rpr, &raw)
}

/// Children of the original run, as they were, in a run of its formatting.
fn raw_run(rpr: &str, children: &str) -> String {
    match children.is_empty() {
        true => String::new(),
        false => format!("<w:r>{rpr}{children}</w:r>"),
    }
}

/// A run of text (escaped here) in `element` (`w:t` or `w:delText`).
fn text_run(rpr: &str, text: &str, element: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let text = escape(text);
    format!("<w:r>{rpr}<{element} xml:space=\"preserve\">{text}</{element}></w:r>")
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
        let new = text_run(rpr, &edit.finding.suggestions[0], "w:t");
        if new.is_empty() {
            return "</w:del>".to_owned();
        }
        let id = edit.id + 1;
        format!(
            "</w:del><w:ins w:id=\"{id}\" w:author=\"{author}\" w:date=\"{date}\">{new}</w:ins>"
        )
    } else {
        let id = edit.id;
        format!("<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>")
    }
}
