//! Lines under a finding in human output: its state in the review record, and with
//! `--explain` the rule and the entry behind it, so a reviewer can decide quickly.

use sanshen::{Record, Source, SourceKind};
use std::io::{self, Write};

/// Writes the state (when there is a review record) and, with `explain`, the explanation.
pub(crate) fn human(out: &mut impl Write, r: &Record<'_>, explain: bool) -> io::Result<()> {
    if let Some(v) = &r.review {
        let mut who: Vec<String> = Vec::new();
        who.extend(v.stage.map(|s| s.to_string()));
        who.extend(v.reviewer.clone());
        who.extend(v.time.clone());
        write!(out, "    状态：{}", v.decision.label())?;
        if let Some(reason) = &v.reason {
            write!(out, "：{reason}")?;
        }
        if !who.is_empty() {
            write!(out, "（{}）", who.join("，"))?;
        }
        writeln!(out)?;
    }
    if !explain {
        return Ok(());
    }
    if let Some(e) = &r.explanation {
        writeln!(out, "    规则：{}——{}", e.name, e.description)?;
    }
    if let Some(s) = r.source {
        source(out, s)?;
    }
    Ok(())
}

fn source(out: &mut impl Write, s: &Source) -> io::Result<()> {
    let what = match s.kind {
        SourceKind::Entry => "词条",
        SourceKind::Roster => "名册",
        SourceKind::Title => "职务",
        SourceKind::Model => "统计模型",
        _ => "规则本身，无词条",
    };
    write!(out, "    来源：{what}")?;
    if let Some(at) = s.location() {
        write!(out, " {at}")?;
    }
    if let Some(entry) = &s.entry {
        write!(out, " 「{}」", entry.replace('\t', " "))?;
    }
    if let Some(d) = s.as_of {
        write!(out, "，名册截至{d}")?;
    }
    writeln!(out)?;
    if let Some(note) = &s.note {
        writeln!(out, "    说明：{note}")?;
    }
    for e in &s.examples {
        writeln!(out, "    例：{e}")?;
    }
    for e in &s.counterexamples {
        writeln!(out, "    不报：{e}")?;
    }
    Ok(())
}
