//! Printing findings: human-readable lines or JSON Lines.

use sanshen::{Evasion, Finding, Severity};
use serde::Serialize;
use std::io::{self, Write};

/// One finding as a JSON Lines record. Field names are a contract: add, never rename.
#[derive(Serialize)]
pub(crate) struct Record<'a> {
    pub(crate) path: &'a str,
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// Byte offsets into the input file.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) family: &'a str,
    pub(crate) rule: &'a str,
    pub(crate) category: Option<&'a str>,
    pub(crate) severity: &'a str,
    pub(crate) text: &'a str,
    pub(crate) message: &'a str,
    pub(crate) suggestions: &'a [String],
    /// How a disguised spelling was matched, or null.
    pub(crate) evasion: Option<&'a Evasion>,
    /// JSON Lines input: the line of the record in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) record: Option<usize>,
    /// JSON Lines input: the record's id (`--id-field`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<&'a str>,
}

impl<'a> Record<'a> {
    pub(crate) fn new(path: &'a str, offset: usize, f: &'a Finding) -> Record<'a> {
        Record {
            path,
            line: f.line,
            column: f.column,
            start: f.span.start + offset,
            end: f.span.end + offset,
            family: f.family.as_str(),
            rule: &f.rule,
            category: f.category.as_deref(),
            severity: f.severity.as_str(),
            text: &f.text,
            message: &f.message,
            suggestions: &f.suggestions,
            evasion: f.evasion.as_ref(),
            record: None,
            id: None,
        }
    }
}

pub(crate) fn jsonl(out: &mut impl Write, record: &Record<'_>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// `path:line:col: severity [family/rule] 「text」 message → suggestion`
pub(crate) fn human(out: &mut impl Write, r: &Record<'_>, color: bool) -> io::Result<()> {
    let code = match r.severity {
        "error" => "1;31",
        "warning" => "1;33",
        _ => "1;36",
    };
    let location = match (r.record, r.id) {
        (Some(n), Some(id)) => format!("{}:{n}[{id}]:{}:{}:", r.path, r.line, r.column),
        (Some(n), None) => format!("{}:{n}:{}:{}:", r.path, r.line, r.column),
        _ => format!("{}:{}:{}:", r.path, r.line, r.column),
    };
    write!(
        out,
        "{} {} [{}] 「{}」 {}",
        paint(color, "1", &location),
        paint(color, code, r.severity),
        r.rule,
        paint(color, "1", r.text),
        r.message
    )?;
    if !r.suggestions.is_empty() {
        let s = r.suggestions.join(" | ");
        write!(out, " → {}", paint(color, "32", &s))?;
    }
    writeln!(out)
}

/// The closing summary of human output.
pub(crate) fn summary(out: &mut impl Write, counts: &[usize; 3], files: usize) -> io::Result<()> {
    let [info, warning, error] = counts;
    writeln!(out, "{} 个文件：{} 个错误，{} 个警告，{} 个提示", files, error, warning, info)
}

pub(crate) fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}
